package dev.touchpoints.platform.kafka;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs an {@link EmbeddedKafka} in its own JVM until the process is killed, so tests can crash a
 * broker with SIGKILL. Prints {@value #READY_PREFIX}{@code <host:port>} on stdout once it serves
 * requests. See {@link BrokerProcess}.
 */
@Command(name = "broker", description = "Runs a single-node KRaft Kafka broker until killed.")
public final class BrokerMain implements Callable<Integer> {

  /** The start of the line printed once the broker is ready. */
  public static final String READY_PREFIX = "BROKER READY bootstrap=";

  @Option(names = "--data-dir", required = true, description = "Log and metadata directory.")
  private Path dataDir;

  @Option(names = "--port", defaultValue = "0", description = "Client port, 0 = free port.")
  private int port;

  @Option(
      names = "--controller-port",
      defaultValue = "0",
      description = "KRaft controller port, 0 = free port.")
  private int controllerPort;

  public static void main(String[] args) {
    int exitCode = new CommandLine(new BrokerMain()).execute(args);
    if (exitCode != 0) {
      System.exit(exitCode);
    }
  }

  @Override
  public Integer call() throws InterruptedException {
    EmbeddedKafka kafka =
        EmbeddedKafka.builder()
            .dataDir(dataDir)
            .port(port)
            .controllerPort(controllerPort)
            .build()
            .start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  kafka.close();
                  stopped.countDown();
                },
                "broker-shutdown"));
    System.out.println(READY_PREFIX + kafka.bootstrapServers());
    System.out.flush();
    stopped.await();
    return 0;
  }
}
