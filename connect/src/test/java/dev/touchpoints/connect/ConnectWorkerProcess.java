package dev.touchpoints.connect;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.cli.ConnectStandalone;

/**
 * A real Kafka Connect standalone worker ({@link ConnectStandalone}) in a JVM of its own, on this
 * JVM's class path: the worker's Jetty stays out of the test JVM, as in a real deployment.
 */
final class ConnectWorkerProcess implements AutoCloseable {

  private final Process process;
  private final int restPort;
  private final List<String> output = new CopyOnWriteArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();

  private ConnectWorkerProcess(Process process, int restPort, Path log) {
    this.process = process;
    this.restPort = restPort;
    Thread drain =
        new Thread(
            () -> {
              try (BufferedReader in =
                      new BufferedReader(
                          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                  OutputStream file = Files.newOutputStream(log)) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                  output.add(line);
                  file.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                }
              } catch (IOException e) {
                output.add("(output lost: " + e + ")");
              }
            },
            "connect-worker-output");
    drain.setDaemon(true);
    drain.start();
  }

  /** Starts a worker with {@code worker} settings running one connector with {@code connector}. */
  static ConnectWorkerProcess start(
      Path dir, Map<String, String> worker, Map<String, String> connector, int restPort) {
    try {
      Path workerFile = write(dir.resolve("worker.properties"), worker);
      Path connectorFile = write(dir.resolve("connector.properties"), connector);
      String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
      List<String> command =
          new ArrayList<>(
              List.of(
                  java,
                  "-Xmx384m",
                  "-Dlogback.configurationFile=logback-worker.xml",
                  "-cp",
                  System.getProperty("java.class.path"),
                  ConnectStandalone.class.getName(),
                  workerFile.toString(),
                  connectorFile.toString()));
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      Path log = Paths.get("target", "connect-worker.log");
      Files.createDirectories(log.getParent());
      return new ConnectWorkerProcess(process, restPort, log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the Connect worker JVM", e);
    }
  }

  /** Waits until the connector and all its tasks are RUNNING (Connect's REST status). */
  void awaitRunning(String connector, int tasks, Duration timeout) {
    await()
        .alias("connector " + connector + " and " + tasks + " tasks RUNNING")
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(250))
        .ignoreExceptions()
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new IllegalStateException("worker JVM exited:\n" + tail());
              }
              String status = status(connector);
              return status.split("\"RUNNING\"", -1).length - 1 == tasks + 1;
            });
  }

  String status(String connector) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create("http://localhost:" + restPort + "/connectors/" + connector + "/status"))
            .timeout(Duration.ofSeconds(2))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
  }

  /** What the worker wrote so far. */
  List<String> output() {
    return List.copyOf(output);
  }

  String tail() {
    List<String> lines = output();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  /** Stops the worker cleanly (SIGTERM: tasks stop and log their counters), SIGKILL if it hangs. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static Path write(Path file, Map<String, String> settings) throws IOException {
    Properties props = new Properties();
    props.putAll(settings);
    try (OutputStream out = Files.newOutputStream(file)) {
      props.store(out, null);
    }
    return file;
  }
}
