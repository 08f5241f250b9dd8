package dev.touchpoints.platform.kafka;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka broker in a separate JVM ({@link BrokerMain}), for tests that crash the broker with
 * {@code kill -9} and start it again on the same data directory and ports.
 *
 * <p>The child runs with this JVM's class path ({@code java.class.path}), so it must contain this
 * module and its dependencies – a test class path does.
 */
public final class BrokerProcess implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(BrokerProcess.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
  private static final int OUTPUT_LINES_KEPT = 50;

  private final Path dataDir;
  private final int port;
  private final int controllerPort;
  private Process process;

  private BrokerProcess(Path dataDir, int port, int controllerPort) {
    this.dataDir = dataDir;
    this.port = port;
    this.controllerPort = controllerPort;
  }

  /** Spawns a broker on {@code dataDir} with free ports and waits until it is ready. */
  public static BrokerProcess start(Path dataDir) {
    return start(dataDir, EmbeddedKafka.freePort(), EmbeddedKafka.freePort());
  }

  /** Spawns a broker on {@code dataDir} and the given ports and waits until it is ready. */
  public static BrokerProcess start(Path dataDir, int port, int controllerPort) {
    BrokerProcess broker = new BrokerProcess(dataDir, port, controllerPort);
    broker.spawn();
    return broker;
  }

  /** The address clients use. */
  public String bootstrapServers() {
    return "localhost:" + port;
  }

  /** The data directory the broker keeps across restarts. */
  public Path dataDir() {
    return dataDir;
  }

  /** Whether the broker JVM is running. */
  public synchronized boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** Kills the broker JVM with SIGKILL (no clean shutdown) and waits until it is gone. */
  public synchronized void kill() {
    stop(true);
  }

  /** Starts the broker again on the same data directory and ports (kills it first if alive). */
  public synchronized void restart() {
    stop(true);
    spawn();
  }

  /** Stops the broker with SIGTERM (clean shutdown), SIGKILL if it takes too long. */
  @Override
  public synchronized void close() {
    stop(false);
  }

  private synchronized void spawn() {
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        List.of(
            java,
            "-Xmx256m",
            "-cp",
            System.getProperty("java.class.path"),
            BrokerMain.class.getName(),
            "--data-dir",
            dataDir.toAbsolutePath().toString(),
            "--port",
            String.valueOf(port),
            "--controller-port",
            String.valueOf(controllerPort));
    long started = System.nanoTime();
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot spawn broker JVM", e);
    }
    awaitReadyLine(process);
    LOG.info(
        "Broker JVM {} ready on {} in {} ms",
        process.pid(),
        bootstrapServers(),
        (System.nanoTime() - started) / 1_000_000);
  }

  /** Reads the child's output on a daemon thread (it must be drained) until the ready line. */
  private void awaitReadyLine(Process child) {
    CompletableFuture<Void> ready = new CompletableFuture<>();
    Deque<String> lastLines = new ArrayDeque<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                  if (line.startsWith(BrokerMain.READY_PREFIX)) {
                    ready.complete(null);
                  } else if (!ready.isDone()) {
                    synchronized (lastLines) {
                      lastLines.addLast(line);
                      if (lastLines.size() > OUTPUT_LINES_KEPT) {
                        lastLines.removeFirst();
                      }
                    }
                  }
                }
              } catch (IOException e) {
                LOG.debug("Broker output closed", e);
              }
              ready.completeExceptionally(new IllegalStateException("broker JVM exited"));
            },
            "broker-process-output-" + child.pid());
    reader.setDaemon(true);
    reader.start();
    try {
      ready.get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      child.destroyForcibly();
      throw new IllegalStateException("interrupted while waiting for the broker", e);
    } catch (ExecutionException | TimeoutException e) {
      child.destroyForcibly();
      String output;
      synchronized (lastLines) {
        output = String.join(System.lineSeparator(), lastLines);
      }
      throw new IllegalStateException(
          "broker JVM did not become ready; last output:" + System.lineSeparator() + output, e);
    }
  }

  private void stop(boolean forcibly) {
    if (process == null) {
      return;
    }
    try {
      if (forcibly) {
        process.destroyForcibly();
      } else {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      }
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    } finally {
      process = null;
    }
  }
}
