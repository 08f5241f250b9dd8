package dev.touchpoints.streams;

import dev.touchpoints.core.cli.UntilStopped;
import dev.touchpoints.core.config.AppConfig;
import dev.touchpoints.core.config.ConfigOptions;
import dev.touchpoints.core.config.Declarations;
import dev.touchpoints.core.lock.DataDirLock;
import dev.touchpoints.streams.query.QuerySettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code touchpoints streams}: runs the experience engine until Ctrl-C. */
@Command(
    name = "streams",
    mixinStandardHelpOptions = true,
    description =
        "Runs the experience engine: scores, alerts and incidents from touchpoint events, until"
            + " Ctrl-C. Policy settings: --set policy.<key>=<value> (see docs/configuration.md).")
public final class StreamsCommand implements Callable<Integer> {

  /** The settings the engine knows: the shared ones, its policy, its query API and console. */
  public static final Declarations SETTINGS =
      Declarations.shared().with(PolicySettings.class, QuerySettings.class);

  @Mixin ConfigOptions options = new ConfigOptions();

  @Option(
      names = "--create-topics",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description = "Create missing topics at start-up (default: ${DEFAULT-VALUE}).")
  boolean createTopics;

  @Spec CommandSpec spec;

  /** Held until the JVM exits; a static reference keeps the lock from being garbage-collected. */
  @SuppressWarnings("unused")
  private static DataDirLock stateDirLock;

  public static void main(String[] args) {
    System.exit(new CommandLine(new StreamsCommand()).execute(args));
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    AppConfig config = options.load(EngineStreams.DEFAULTS, SETTINGS);
    Path stateDir =
        Path.of(
                config
                    .kafkaProperties()
                    .getProperty(
                        StreamsConfig.STATE_DIR_CONFIG,
                        Path.of(System.getProperty("java.io.tmpdir"), "kafka-streams").toString()))
            .toAbsolutePath()
            .normalize();
    // Before anything touches it: a second engine on the same RocksDB state would corrupt it.
    try {
      stateDirLock = DataDirLock.acquire(stateDir);
    } catch (DataDirLock.DataDirInUseException e) {
      spec.commandLine()
          .getErr()
          .println(
              "streams: State directory "
                  + stateDir
                  + " is in use by process "
                  + e.holderPid()
                  + "; stop it first or set kafka.state.dir to another directory");
      spec.commandLine().getErr().flush();
      return 1;
    }
    EngineInstance service = EngineInstance.start(config, createTopics);
    UntilStopped stop = UntilStopped.closing(service, "streams");
    out.println("Experience engine running against " + config.bootstrapServers());
    out.println("Console and query API: http://localhost:" + service.queryPort() + "/");
    out.println("Press Ctrl-C to stop.");
    out.flush();
    stop.await();
    return 0;
  }
}
