package dev.touchpoints.streams.query;

import static java.time.Duration.ZERO;
import static java.time.Duration.ofSeconds;

import dev.touchpoints.core.config.Setting;
import dev.touchpoints.core.config.TlsKeys;
import dev.touchpoints.streams.EngineInstance;
import dev.touchpoints.streams.console.AlertFeed;
import java.time.Duration;
import java.util.List;

/**
 * The settings of the engine's query API and console ({@code query.*}, {@code console.*}), declared
 * once with their defaults and ranges; the keys stay with the classes that read them.
 */
public final class QuerySettings {

  private QuerySettings() {}

  public static final Setting<Integer> PORT =
      Setting.integer(EngineInstance.QUERY_PORT, 8088, "port; 0 picks a free one")
          .between(0, 65535);
  public static final Setting<String> ADVERTISED_HOST =
      Setting.string(EngineInstance.QUERY_HOST, "localhost", "host other instances reach");
  public static final Setting<Double> AT_RISK_BELOW =
      Setting.decimal(QueryServer.AT_RISK_BELOW, 40.0, "at risk below this score")
          .between(0.0, 100.0);
  public static final Setting<Duration> PEER_TIMEOUT =
      Setting.duration(QueryServer.PEER_TIMEOUT, ofSeconds(5), "wait for another instance")
          .atLeast(Duration.ofMillis(1));
  public static final Setting<Duration> DASHBOARD_TTL =
      Setting.duration(QueryServer.DASHBOARD_TTL, ofSeconds(2), "dashboard answers reused")
          .atLeast(ZERO);
  public static final Setting<String> READ_KEYS =
      Setting.string(QueryAccess.READ_KEYS, null, "API keys of the read role");
  public static final Setting<String> ADMIN_KEYS =
      Setting.string(QueryAccess.ADMIN_KEYS, null, "API keys of the admin role");
  public static final Setting<Boolean> METRICS_PUBLIC =
      Setting.bool(QueryAccess.METRICS_PUBLIC, true, "/metrics open without a key");
  public static final Setting<Boolean> FEED_ENABLED =
      Setting.bool(QueryServer.FEED_ENABLED, true, "the console's live alert feed runs");
  public static final Setting<Integer> FEED_HISTORY =
      Setting.integer(AlertFeed.HISTORY, 200, "alerts per partition read back").atLeast(0);
  public static final Setting<Integer> FEED_BUFFER =
      Setting.integer(AlertFeed.BUFFER, 500, "alerts replayed to a new browser").atLeast(1);

  /** {@code query.ssl.*}: HTTPS for the API and console, and the instances' truststore. */
  public static final List<Setting<String>> TLS =
      TlsKeys.keystoreAndTruststore(QueryServer.TLS_PREFIX);
}
