package dev.touchpoints.streams.crash;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * {@link CrashTestStreamsMain} in a child JVM with this JVM's class path: started, killed with
 * SIGKILL, started again on the same state directory. Each incarnation's output goes to its own log
 * file ({@code streams-<n>.log}) for the post-mortem.
 */
final class StreamsProcess implements AutoCloseable {

  private static final Duration STARTED_TIMEOUT = Duration.ofSeconds(60);

  private final Path config;
  private final Path logDir;
  private final String classPath;
  private Process process;
  private int incarnations;
  private volatile String lastState = "NONE";

  StreamsProcess(Path config, Path logDir) {
    this.config = config;
    this.logDir = logDir;
    this.classPath = snapshot(System.getProperty("java.class.path"), logDir.resolve("classpath"));
  }

  /** Spawns a new incarnation and waits until it has started its Kafka Streams. */
  synchronized void start() {
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        List.of(
            java,
            "-Xmx512m",
            "-cp",
            classPath,
            CrashTestStreamsMain.class.getName(),
            config.toAbsolutePath().toString());
    incarnations++;
    Path log = logDir.resolve("streams-" + incarnations + ".log");
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot spawn the streams JVM", e);
    }
    CompletableFuture<Void> started = new CompletableFuture<>();
    Process child = process;
    Thread reader =
        new Thread(() -> drain(child, log, started), "streams-process-output-" + child.pid());
    reader.setDaemon(true);
    reader.start();
    try {
      started.get(STARTED_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the streams JVM started", e);
    } catch (ExecutionException | TimeoutException e) {
      child.destroyForcibly();
      throw new IllegalStateException("streams JVM did not start; see " + log, e);
    }
  }

  /** Kills the running incarnation with SIGKILL and waits until it is gone. */
  synchronized void kill() {
    if (process == null) {
      return;
    }
    process.destroyForcibly();
    awaitExit(process);
    process = null;
  }

  synchronized boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** How many incarnations were started. */
  synchronized int incarnations() {
    return incarnations;
  }

  /** The last state the running incarnation reported. */
  String lastState() {
    return lastState;
  }

  /** Stops the running incarnation cleanly (SIGTERM), SIGKILL if that takes too long. */
  @Override
  public synchronized void close() {
    if (process == null) {
      return;
    }
    process.destroy();
    awaitExit(process);
    process = null;
  }

  private void drain(Process child, Path log, CompletableFuture<Void> started) {
    try (BufferedReader out =
            new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        BufferedWriter file = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
      String line;
      while ((line = out.readLine()) != null) {
        file.write(line);
        file.newLine();
        file.flush();
        if (line.startsWith(CrashTestStreamsMain.STARTED)) {
          started.complete(null);
        } else if (line.startsWith(CrashTestStreamsMain.STATE)) {
          lastState = line.substring(line.indexOf("->") + 2);
        }
      }
    } catch (IOException e) {
      // The child was killed while we read; its log ends here.
    }
    started.completeExceptionally(new IllegalStateException("streams JVM exited"));
  }

  private static String snapshot(String classPath, Path dir) {
    List<String> entries = new ArrayList<>();
    int n = 0;
    for (String entry : classPath.split(File.pathSeparator)) {
      Path source = Path.of(entry);
      boolean own =
          Files.isDirectory(source) || source.getFileName().toString().startsWith("touchpoints-");
      if (!own || !Files.exists(source)) {
        entries.add(entry);
        continue;
      }
      Path copy = dir.resolve((n++) + "-" + source.getFileName());
      copyRecursively(source, copy);
      entries.add(copy.toString());
    }
    return String.join(File.pathSeparator, entries);
  }

  private static void copyRecursively(Path source, Path target) {
    try (Stream<Path> paths = Files.walk(source)) {
      for (Path p : paths.toList()) {
        Path to = target.resolve(source.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.createDirectories(to.getParent());
          Files.copy(p, to);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + source + " for the streams JVM", e);
    }
  }

  private static void awaitExit(Process p) {
    try {
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
    }
  }
}
