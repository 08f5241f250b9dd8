package dev.touchpoints.platform;

import dev.touchpoints.core.cli.UntilStopped;
import dev.touchpoints.core.config.AppConfig;
import dev.touchpoints.core.config.ConfigLoader;
import dev.touchpoints.core.config.ConfigOptions;
import dev.touchpoints.core.config.Declarations;
import dev.touchpoints.core.lock.DataDirLock;
import dev.touchpoints.core.tls.ServerTls;
import dev.touchpoints.core.topics.Topics;
import dev.touchpoints.platform.registry.RegistrySettings;
import dev.touchpoints.platform.registry.store.KafkaStoreLog;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code touchpoints platform}: runs Kafka and the schema registry locally until Ctrl-C. */
@Command(
    name = "platform",
    mixinStandardHelpOptions = true,
    description =
        "Runs a local single-node Kafka broker (KRaft) and a Confluent-compatible schema registry"
            + " until Ctrl-C. Data survives restarts.")
public final class PlatformCommand implements Callable<Integer> {

  @Option(
      names = "--kafka-port",
      defaultValue = "9092",
      description = "Kafka client port (default: ${DEFAULT-VALUE}).")
  int kafkaPort;

  @Option(
      names = "--controller-port",
      defaultValue = "9093",
      description = "KRaft controller port (default: ${DEFAULT-VALUE}).")
  int controllerPort;

  @Option(
      names = "--registry-port",
      defaultValue = "8081",
      description = "Schema registry HTTP port (default: ${DEFAULT-VALUE}).")
  int registryPort;

  @Option(
      names = "--data-dir",
      defaultValue = "${sys:user.home}/.touchpoints/data",
      description = "Where Kafka keeps its data (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      description = "Properties file with settings (same keys as --set).")
  Path configFile;

  @Option(
      names = {"-s", "--set"},
      paramLabel = "KEY=VALUE",
      description =
          "A setting, e.g. --set broker.log.retention.hours=48 (any broker setting after"
              + " 'broker.'), --set topic.partitions=12, --set"
              + " registry.auth.users.file=/etc/touchpoints/registry-users, --set"
              + " registry.ssl.keystore.location=registry.p12.")
  Map<String, String> settings = new LinkedHashMap<>();

  @Spec CommandSpec spec;

  /** The settings the platform knows: the shared ones (topics), the broker's and the registry's. */
  public static final Declarations SETTINGS = Declarations.shared().with(PlatformKeys.class);

  PlatformSettings settings(AppConfig config) {
    String usersFile = config.get(PlatformKeys.USERS_FILE);
    RegistrySettings registry =
        new RegistrySettings(
            registryPort,
            KafkaStoreLog.DEFAULT_TOPIC,
            usersFile == null || usersFile.isBlank() ? null : Path.of(usersFile),
            roles(config.get(PlatformKeys.WRITE_ROLES)),
            roles(config.get(PlatformKeys.READ_ROLES)),
            ServerTls.fromConfig(config, RegistrySettings.TLS_PREFIX));
    return new PlatformSettings(
        dataDir,
        kafkaPort,
        controllerPort,
        registry,
        config.family(PlatformKeys.BROKER),
        Topics.fromConfig(config).all());
  }

  private static Set<String> roles(String list) {
    if (list == null || list.isBlank()) {
      return null;
    }
    Set<String> roles = new LinkedHashSet<>();
    for (String role : list.split(",")) {
      if (!role.isBlank()) {
        roles.add(role.strip());
      }
    }
    return roles;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new PlatformCommand()).execute(args));
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    AppConfig config =
        ConfigOptions.load(
            new ConfigLoader().file(configFile).env(System.getenv()).overrides(settings),
            SETTINGS,
            spec);
    Platform platform;
    try {
      platform = Platform.start(settings(config));
    } catch (DataDirLock.DataDirInUseException e) {
      PrintWriter err = spec.commandLine().getErr();
      err.println("platform: " + e.getMessage());
      err.flush();
      return 1;
    }
    UntilStopped stop = UntilStopped.closing(platform, "platform");
    out.println("Kafka:    " + platform.bootstrapServers());
    out.println("Registry: " + platform.registryUrl());
    out.println("Data:     " + dataDir.toAbsolutePath());
    out.println("Press Ctrl-C to stop.");
    out.flush();
    stop.await();
    return 0;
  }
}
