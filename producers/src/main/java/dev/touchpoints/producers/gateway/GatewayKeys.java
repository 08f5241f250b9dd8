package dev.touchpoints.producers.gateway;

import static dev.touchpoints.producers.gateway.GatewaySettings.TLS_PREFIX;

import dev.touchpoints.core.config.Setting;
import dev.touchpoints.core.config.TlsKeys;
import java.time.Duration;
import java.util.List;

/** The gateway's settings ({@code gateway.*}), declared once with their defaults and ranges. */
public final class GatewayKeys {

  private GatewayKeys() {}

  public static final Setting<Integer> PORT =
      Setting.integer(GatewaySettings.PORT, 8080, "HTTP port; 0 picks a free one")
          .between(0, 65535);

  /** Also read as {@code gateway.api-keys} (the same key: hyphens and dots are one). */
  public static final Setting<String> API_KEYS =
      Setting.string(GatewaySettings.API_KEYS, null, "accepted API keys, comma list");

  public static final Setting<Long> MAX_BODY_BYTES =
      Setting.longInteger(GatewaySettings.MAX_BODY_BYTES, 1_048_576L, "larger bodies get 413")
          .atLeast(1L);
  public static final Setting<Integer> MAX_BATCH_EVENTS =
      Setting.integer(GatewaySettings.MAX_BATCH_EVENTS, 1_000, "larger batches get 413").atLeast(1);
  public static final Setting<Duration> RETRY_AFTER =
      Setting.duration(GatewaySettings.RETRY_AFTER, Duration.ofSeconds(5), "Retry-After of a 503")
          .atLeast(Duration.ZERO);

  /** {@code gateway.ssl.*}: the gateway's keystore, and the truststore of the simulator. */
  public static final List<Setting<String>> TLS = TlsKeys.keystoreAndTruststore(TLS_PREFIX);
}
