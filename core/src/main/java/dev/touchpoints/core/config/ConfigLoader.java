package dev.touchpoints.core.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One configuration mechanism for every command: defaults, then a properties file, then the
 * environment, then explicit overrides (command-line flags), each layer replacing the one before.
 *
 * <ul>
 *   <li>In a file or an override, keys starting with {@code kafka.} are Kafka client properties
 *       ({@code kafka.security.protocol=SASL_SSL}); every other key is an app setting.
 *   <li>In the environment, {@code KAFKA_SASL_JAAS_CONFIG} becomes the Kafka property {@code
 *       sasl.jaas.config}, and {@code TOUCHPOINTS_SCHEMA_REGISTRY_URL} the app setting {@code
 *       schema.registry.url}.
 * </ul>
 */
public final class ConfigLoader {

  private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);

  /** Prefix that marks a Kafka client property in files and overrides. */
  public static final String KAFKA_PREFIX = "kafka.";

  private final Map<String, String> app = new HashMap<>();
  private final Map<String, String> kafka = new HashMap<>();

  /** Where each app setting came from, by canonical key, for errors. */
  private final Map<String, Declarations.Origin> origins = new HashMap<>();

  /** Starts with the settings every command shares. */
  public ConfigLoader() {
    kafka.put(AppConfig.BOOTSTRAP_SERVERS, "localhost:9092");
    app.put(SerdeSettings.REGISTRY_URL.key(), SerdeSettings.REGISTRY_URL.defaultValue());
  }

  /** Adds defaults (same key convention as a file); they only fill what is not set yet. */
  public ConfigLoader defaults(Map<String, String> defaults) {
    defaults.forEach(
        (k, v) -> {
          if (k.startsWith(KAFKA_PREFIX)) {
            kafka.putIfAbsent(k.substring(KAFKA_PREFIX.length()), v);
          } else if (!app.containsKey(k)) {
            app.put(k, v);
            origins.put(
                AppConfig.canonical(k),
                new Declarations.Origin(k, "the command's defaults", false));
          }
        });
    return this;
  }

  /** Applies a properties file; a missing or unreadable file is a clear error. */
  public ConfigLoader file(Path file) {
    if (file == null) {
      return this;
    }
    Properties props = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      props.load(reader);
    } catch (IOException e) {
      throw new ConfigException("Cannot read config file " + file + ": " + e.getMessage());
    }
    props.stringPropertyNames().forEach(k -> put(k, props.getProperty(k), "config file " + file));
    return this;
  }

  /** Applies {@code KAFKA_*} and {@code TOUCHPOINTS_*} environment variables. */
  public ConfigLoader env(Map<String, String> env) {
    env.forEach(
        (name, value) -> {
          if (name.startsWith("KAFKA_") && name.length() > 6) {
            kafka.put(envKey(name.substring(6)), value);
          } else if (name.startsWith("TOUCHPOINTS_") && name.length() > 12) {
            String key = envKey(name.substring(12));
            app.put(key, value);
            origins.put(key, new Declarations.Origin(key, "environment variable " + name, true));
          }
        });
    return this;
  }

  /** Applies explicit overrides (same key convention as a file). */
  public ConfigLoader overrides(Map<String, String> overrides) {
    overrides.forEach((k, v) -> put(k, v, "--set"));
    return this;
  }

  /** The resulting configuration. */
  public AppConfig load() {
    return AppConfig.of(app, kafka);
  }

  /**
   * The resulting configuration, checked against what the command knows: an unknown key or a value
   * out of range stops it here, naming the key, where it came from and the nearest valid key. Kafka
   * properties pass through unchecked; unknown environment keys are only warned about (see {@link
   * Declarations}).
   *
   * @throws ConfigException listing every bad setting
   */
  public AppConfig load(Declarations known) {
    return load(known, LOG::warn);
  }

  /** As {@link #load(Declarations)}, warnings to {@code warn} (for tests). */
  AppConfig load(Declarations known, Consumer<String> warn) {
    AppConfig config = load();
    known.check(config, origins, warn);
    return config;
  }

  private void put(String key, String value, String source) {
    if (key.startsWith(KAFKA_PREFIX)) {
      kafka.put(key.substring(KAFKA_PREFIX.length()), value);
    } else {
      app.put(key, value);
      String canonical = AppConfig.canonical(key);
      origins.put(canonical, new Declarations.Origin(key, source, false));
    }
  }

  private static String envKey(String name) {
    return name.toLowerCase(Locale.ROOT).replace('_', '.');
  }
}
