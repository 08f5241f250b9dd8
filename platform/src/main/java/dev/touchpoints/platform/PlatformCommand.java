package dev.touchpoints.platform;

import dev.touchpoints.core.cli.UntilStopped;
import java.io.PrintWriter;
import java.nio.file.Path;
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

  @Spec CommandSpec spec;

  public static void main(String[] args) {
    System.exit(new CommandLine(new PlatformCommand()).execute(args));
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    Platform platform = Platform.start(dataDir, kafkaPort, controllerPort, registryPort);
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
