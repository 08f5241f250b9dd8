package dev.touchpoints.producers.gateway;

import dev.touchpoints.core.auth.ApiKeys;
import dev.touchpoints.core.config.AppConfig;
import dev.touchpoints.core.tls.ServerTls;
import java.time.Duration;
import java.util.List;

/**
 * How the HTTP gateway behaves.
 *
 * @param port TCP port; 0 picks a free one
 * @param apiKeys {@code gateway.api.keys} ({@code TOUCHPOINTS_GATEWAY_API_KEYS}), a comma list;
 *     empty disables authentication
 * @param maxBodyBytes {@code gateway.max.body.bytes} (default 1 MiB): larger bodies get 413
 * @param maxBatchEvents {@code gateway.max.batch.events} (default 1000): larger batches get 413
 * @param retryAfter {@code gateway.retry.after} (default 5s): the {@code Retry-After} of a 503
 * @param tls HTTPS only with the keystore in {@code gateway.ssl.keystore.*}, else plain HTTP
 */
public record GatewaySettings(
    int port,
    List<String> apiKeys,
    long maxBodyBytes,
    int maxBatchEvents,
    Duration retryAfter,
    ServerTls tls) {

  public static final String PORT = "gateway.port";
  public static final String API_KEYS = "gateway.api.keys";

  /** Also accepted for {@link #API_KEYS}; it cannot be set from the environment. */
  public static final String API_KEYS_ALIAS = "gateway.api-keys";

  public static final String MAX_BODY_BYTES = "gateway.max.body.bytes";
  public static final String MAX_BATCH_EVENTS = "gateway.max.batch.events";
  public static final String RETRY_AFTER = "gateway.retry.after";

  /** Prefix of the TLS settings: {@code gateway.ssl.keystore.location}, … */
  public static final String TLS_PREFIX = "gateway";

  public GatewaySettings {
    apiKeys = List.copyOf(apiKeys);
    tls = tls == null ? ServerTls.off(TLS_PREFIX) : tls;
    if (maxBodyBytes < 1 || maxBatchEvents < 1) {
      throw new IllegalArgumentException("body and batch limits must be positive");
    }
  }

  /** The defaults, on {@code port}, without API keys, plain HTTP. */
  public static GatewaySettings defaults(int port) {
    return new GatewaySettings(
        port,
        List.of(),
        GatewayKeys.MAX_BODY_BYTES.defaultValue(),
        GatewayKeys.MAX_BATCH_EVENTS.defaultValue(),
        GatewayKeys.RETRY_AFTER.defaultValue(),
        null);
  }

  /**
   * Reads the {@code gateway.*} settings, and the keystore when one is set.
   *
   * @throws org.apache.kafka.common.config.ConfigException naming the setting when the keystore
   *     cannot be read
   */
  public static GatewaySettings fromConfig(AppConfig config, int port) {
    List<String> keys = ApiKeys.parse(config.get(GatewayKeys.API_KEYS, ""));
    return new GatewaySettings(
        port,
        keys,
        config.get(GatewayKeys.MAX_BODY_BYTES),
        config.get(GatewayKeys.MAX_BATCH_EVENTS),
        config.get(GatewayKeys.RETRY_AFTER),
        ServerTls.fromConfig(config, TLS_PREFIX));
  }

  /** A copy with other API keys. */
  public GatewaySettings withApiKeys(List<String> keys) {
    return new GatewaySettings(port, keys, maxBodyBytes, maxBatchEvents, retryAfter, tls);
  }

  /** A copy with other limits. */
  public GatewaySettings withLimits(long bodyBytes, int batchEvents) {
    return new GatewaySettings(port, apiKeys, bodyBytes, batchEvents, retryAfter, tls);
  }

  /** A copy served with {@code tls}. */
  public GatewaySettings withTls(ServerTls tls) {
    return new GatewaySettings(port, apiKeys, maxBodyBytes, maxBatchEvents, retryAfter, tls);
  }

  @Override
  public String toString() {
    // Never print the keys themselves.
    return "GatewaySettings[port="
        + port
        + ", apiKeys="
        + apiKeys.size()
        + ", maxBodyBytes="
        + maxBodyBytes
        + ", maxBatchEvents="
        + maxBatchEvents
        + ", retryAfter="
        + retryAfter
        + ", "
        + tls
        + "]";
  }
}
