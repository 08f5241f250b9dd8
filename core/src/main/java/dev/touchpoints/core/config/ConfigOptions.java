package dev.touchpoints.core.config;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options every command shares, as a picocli mixin: {@code --config FILE}, {@code
 * --bootstrap-servers}, {@code --schema-registry-url} and {@code --set key=value}.
 */
public final class ConfigOptions {

  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      description = "Properties file (kafka.* keys are Kafka client properties).")
  Path configFile;

  @Option(
      names = {"-b", "--bootstrap-servers"},
      paramLabel = "HOST:PORT",
      description = "Kafka bootstrap servers (default localhost:9092).")
  String bootstrapServers;

  @Option(
      names = {"-r", "--schema-registry-url"},
      paramLabel = "URL",
      description = "Schema registry URL (default http://localhost:8081).")
  String registryUrl;

  @Option(
      names = {"-s", "--set"},
      paramLabel = "KEY=VALUE",
      description =
          "Any setting, e.g. --set policy.silence.default-update-interval=2d or --set"
              + " kafka.acks=all (docs/configuration.md lists them).")
  Map<String, String> settings = new LinkedHashMap<>();

  /** Loads defaults, then the file, then the environment, then these options. */
  public AppConfig load(Map<String, String> defaults) {
    return load(defaults, System.getenv());
  }

  /** As {@link #load(Map)}, with an explicit environment (for tests). */
  public AppConfig load(Map<String, String> defaults, Map<String, String> env) {
    Map<String, String> overrides = new HashMap<>(settings);
    if (bootstrapServers != null) {
      overrides.put(ConfigLoader.KAFKA_PREFIX + AppConfig.BOOTSTRAP_SERVERS, bootstrapServers);
    }
    if (registryUrl != null) {
      overrides.put("schema.registry.url", registryUrl);
    }
    return new ConfigLoader()
        .defaults(defaults)
        .file(configFile)
        .env(env)
        .overrides(overrides)
        .load();
  }
}
