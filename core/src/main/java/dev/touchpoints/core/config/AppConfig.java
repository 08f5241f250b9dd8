package dev.touchpoints.core.config;

import dev.touchpoints.serde.tls.TlsSettings;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.common.config.ConfigException;

/**
 * The settings of one Touchpoints command: Kafka client properties (passed to every client as they
 * are, so SASL/SSL settings pass straight through) and the app's own settings. Immutable; built by
 * {@link ConfigLoader} from defaults, a properties file and the environment.
 */
public final class AppConfig {

  /** App setting: the Kafka bootstrap servers, also mirrored into the Kafka properties. */
  public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";

  private final Map<String, String> app;
  private final Map<String, String> kafka;

  private AppConfig(Map<String, String> app, Map<String, String> kafka) {
    Map<String, String> canonical = new TreeMap<>();
    app.forEach((k, v) -> canonical.put(canonical(k), v));
    this.app = Collections.unmodifiableMap(canonical);
    this.kafka = Collections.unmodifiableMap(new TreeMap<>(kafka));
  }

  /** A config from explicit maps; mostly for tests. */
  public static AppConfig of(Map<String, String> app, Map<String, String> kafka) {
    return new AppConfig(app, kafka);
  }

  /**
   * The key under which a setting is stored: hyphens read as dots, so {@code
   * policy.clock.idle-after} can also be set as {@code TOUCHPOINTS_POLICY_CLOCK_IDLE_AFTER}.
   */
  static String canonical(String key) {
    return key.replace('-', '.');
  }

  /** The app's own settings, keys in canonical form (hyphens as dots). */
  public Map<String, String> app() {
    return app;
  }

  /** Kafka client properties, as a fresh copy. */
  public Properties kafkaProperties() {
    Properties props = new Properties();
    props.putAll(kafka);
    return props;
  }

  /** Kafka client properties, as a fresh mutable map. */
  public Map<String, Object> kafkaMap() {
    return new HashMap<>(kafka);
  }

  /** The bootstrap servers. */
  public String bootstrapServers() {
    return kafka.getOrDefault(BOOTSTRAP_SERVERS, "localhost:9092");
  }

  /** Settings for the Avro serdes: every app setting, under Confluent's key names. */
  public Map<String, Object> serdeConfig() {
    return new HashMap<>(app);
  }

  /**
   * The TLS stores configured under {@code prefix}: {@code <prefix>.ssl.keystore.location} and the
   * other {@code <prefix>.ssl.*} settings, named as Kafka and Confluent name them.
   */
  public TlsSettings tls(String prefix) {
    return TlsSettings.from(app, prefix);
  }

  /** A copy with one app setting changed. */
  public AppConfig with(String key, String value) {
    Map<String, String> copy = new HashMap<>(app);
    copy.put(canonical(key), value);
    return new AppConfig(copy, kafka);
  }

  /** A copy with one Kafka property changed. */
  public AppConfig withKafka(String key, String value) {
    Map<String, String> copy = new HashMap<>(kafka);
    copy.put(key, value);
    return new AppConfig(app, copy);
  }

  /**
   * A declared setting: its value (under its key, else under an earlier name), parsed and checked,
   * or its default.
   *
   * @throws ConfigException naming the key and why when the value is not valid
   */
  public <T> T get(Setting<T> setting) {
    return get(setting, setting.defaultValue());
  }

  /** As {@link #get(Setting)}, with {@code fallback} when it is not set. */
  public <T> T get(Setting<T> setting, T fallback) {
    String value = app.get(canonical(setting.key()));
    String name = setting.key();
    for (int i = 0; (value == null || value.isBlank()) && i < setting.aliases().size(); i++) {
      name = setting.aliases().get(i);
      value = app.get(canonical(name));
    }
    return value == null || value.isBlank() ? fallback : setting.parse(name, value);
  }

  /**
   * The settings under a family's prefix ({@code policy.scoring.catalog.}), by the rest of their
   * key, parsed.
   */
  public <T> Map<String, T> family(Setting<T> family) {
    String prefix = canonical(family.key());
    Map<String, T> found = new TreeMap<>();
    app.forEach(
        (k, v) -> {
          if (k.startsWith(prefix) && k.length() > prefix.length()) {
            found.put(
                k.substring(prefix.length()),
                family.passThrough() ? castText(v) : family.parse(k, v));
          }
        });
    return found;
  }

  @SuppressWarnings("unchecked")
  private static <T> T castText(String value) {
    return (T) value;
  }

  /** A required app setting; a clear error names the key when it is missing. */
  public String get(String key) {
    String value = app.get(canonical(key));
    if (value == null || value.isBlank()) {
      throw new ConfigException("Missing required setting '" + key + "'");
    }
    return value;
  }

  /** An app setting, or {@code fallback}. */
  public String get(String key, String fallback) {
    String value = app.get(canonical(key));
    return value == null || value.isBlank() ? fallback : value;
  }

  /** Parses {@code 500ms}, {@code 30s}, {@code 15m}, {@code 3h}, {@code 7d} or ISO-8601. */
  public static Duration parseDuration(String text) {
    String v = text.trim().toLowerCase(Locale.ROOT);
    if (v.startsWith("p")) {
      return Duration.parse(v.toUpperCase(Locale.ROOT));
    }
    int split = 0;
    while (split < v.length() && (Character.isDigit(v.charAt(split)) || v.charAt(split) == '.')) {
      split++;
    }
    if (split == 0) {
      throw new IllegalArgumentException("No number in duration: " + text);
    }
    double amount = Double.parseDouble(v.substring(0, split));
    String unit = v.substring(split).trim();
    double millis =
        switch (unit) {
          case "ms" -> amount;
          case "s", "" -> amount * 1_000;
          case "m", "min" -> amount * 60_000;
          case "h" -> amount * 3_600_000;
          case "d" -> amount * 86_400_000;
          case "w" -> amount * 7 * 86_400_000;
          default -> throw new IllegalArgumentException("Unknown duration unit: " + unit);
        };
    return Duration.ofMillis(Math.round(millis));
  }

  @Override
  public String toString() {
    // Values may hold secrets (SASL JAAS configs, registry passwords): print keys only.
    return "AppConfig{app=" + app.keySet() + ", kafka=" + kafka.keySet() + "}";
  }
}
