package dev.touchpoints.core.config;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

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

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  /**
   * Loads defaults, then the file, then the environment, then these options, checked against the
   * settings the command knows: an unknown key or a value out of range stops the command with a
   * usage error naming the key, why, and the nearest valid key.
   */
  public AppConfig load(Map<String, String> defaults, Declarations known) {
    return load(defaults, known, System.getenv());
  }

  /** As {@link #load(Map, Declarations)}, with an explicit environment (for tests). */
  public AppConfig load(Map<String, String> defaults, Declarations known, Map<String, String> env) {
    return load(loader(defaults, env), known, command);
  }

  /**
   * {@code loader}'s settings, checked against {@code known}; for a command that reads its settings
   * without this mixin. A bad setting is a usage error of {@code command} (when there is one).
   */
  public static AppConfig load(ConfigLoader loader, Declarations known, CommandSpec command) {
    try {
      return loader.load(known);
    } catch (ConfigException e) {
      if (command == null) {
        throw e;
      }
      throw new ParameterException(command.commandLine(), e.getMessage(), e);
    }
  }

  private ConfigLoader loader(Map<String, String> defaults, Map<String, String> env) {
    Map<String, String> overrides = new HashMap<>(settings);
    if (bootstrapServers != null) {
      overrides.put(ConfigLoader.KAFKA_PREFIX + AppConfig.BOOTSTRAP_SERVERS, bootstrapServers);
    }
    if (registryUrl != null) {
      overrides.put(SerdeSettings.REGISTRY_URL.key(), registryUrl);
    }
    return new ConfigLoader().defaults(defaults).file(configFile).env(env).overrides(overrides);
  }
}
