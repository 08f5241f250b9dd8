package dev.touchpoints.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The demo's alert delivery: the alert-delivery connector in a Kafka Connect standalone worker
 * ({@code ConnectStandalone}, in a JVM of its own so Connect's Jetty never meets the app's),
 * delivering every alert of the JSON mirror to a small local receiver – a signed webhook and a
 * Slack-format message – that prints the first few and then a count every half minute. The signed
 * webhook's signature is checked as a receiver should.
 */
final class AlertDeliveryDemo implements AutoCloseable {

  /** Where {@code ./mvnw -pl connect-worker package} puts the worker's class path. */
  static final String WORKER_CLASS_PATH = "connect-worker/target/worker";

  private static final String SIGNATURE_HEADER = "X-Touchpoints-Signature";
  private static final int SHOWN_PER_ROUTE = 3;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Javalin receiver;
  private final Process worker;
  private final ScheduledExecutorService reporter;

  private AlertDeliveryDemo(Javalin receiver, Process worker, ScheduledExecutorService reporter) {
    this.receiver = receiver;
    this.worker = worker;
    this.reporter = reporter;
  }

  /**
   * The worker's class path next to the running jar ({@code app/target/touchpoints.jar} of a
   * checkout), if it was built.
   */
  static Path workerClassPath() {
    try {
      Path jar =
          Paths.get(
              AlertDeliveryDemo.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path root = jar.toAbsolutePath().getParent().getParent().getParent();
      return root == null ? Paths.get(WORKER_CLASS_PATH) : root.resolve(WORKER_CLASS_PATH);
    } catch (java.net.URISyntaxException | RuntimeException e) {
      return Paths.get(WORKER_CLASS_PATH);
    }
  }

  /**
   * Starts the receiver on {@code receiverPort} and the worker (REST on {@code restPort}) reading
   * {@code alertsTopic} from {@code bootstrap}; its files and log go to {@code dir}.
   */
  static AlertDeliveryDemo start(
      Path classPath,
      Path dir,
      String bootstrap,
      String alertsTopic,
      String consoleUrl,
      int receiverPort,
      int restPort,
      PrintWriter out)
      throws IOException {
    Files.createDirectories(dir);
    byte[] secretBytes = new byte[24];
    new SecureRandom().nextBytes(secretBytes);
    String secret = HexFormat.of().formatHex(secretBytes);
    Counts counts = new Counts();
    Javalin receiver =
        Javalin.create(config -> config.showJavalinBanner = false)
            .post(
                "/webhook",
                ctx -> {
                  byte[] body = ctx.bodyAsBytes();
                  boolean signed = signatureValid(secret, body, ctx.header(SIGNATURE_HEADER));
                  JsonNode alert = JSON.readTree(body);
                  counts.received("webhook", signed, alert.hasNonNull("remindedAt"));
                  if (counts.show("webhook")) {
                    out.printf(
                        "[delivery] webhook (signature %s) ← %s %s %s: %s%n",
                        signed ? "valid" : "INVALID",
                        alert.path("severity").asText(),
                        alert.path("kind").asText().equals("incident-alert")
                            ? "INCIDENT"
                            : alert.path("type").asText(),
                        alert.path("status").asText(),
                        alert.path("why").asText());
                    out.flush();
                  }
                  ctx.status(signed ? 200 : 401);
                })
            .post(
                "/slack",
                ctx -> {
                  JsonNode message = JSON.readTree(ctx.bodyAsBytes());
                  counts.received("slack", true, false);
                  if (counts.show("slack")) {
                    out.printf(
                        "[delivery] Slack message ← %s%n",
                        message.path("blocks").path(0).path("text").path("text").asText());
                    out.flush();
                  }
                  ctx.status(200).result("ok");
                })
            .start("localhost", receiverPort);

    Path workerFile =
        write(
            dir.resolve("worker.properties"),
            Map.of(
                "bootstrap.servers", bootstrap,
                "key.converter", "org.apache.kafka.connect.storage.StringConverter",
                "value.converter", "org.apache.kafka.connect.storage.StringConverter",
                "offset.storage.file.filename", dir.resolve("connect.offsets").toString(),
                "offset.flush.interval.ms", "5000",
                "listeners", "http://localhost:" + restPort,
                "plugin.discovery", "service_load"));
    Map<String, String> connector = new LinkedHashMap<>();
    connector.put("name", "alert-delivery");
    connector.put("connector.class", "dev.touchpoints.connect.AlertDeliveryConnector");
    connector.put("tasks.max", "1");
    connector.put("topics", alertsTopic);
    connector.put("consumer.override.isolation.level", "read_committed");
    connector.put("errors.tolerance", "all");
    connector.put("errors.deadletterqueue.topic.name", "touchpoints.alert-delivery-dlq");
    connector.put("errors.deadletterqueue.topic.replication.factor", "1");
    connector.put("errors.deadletterqueue.context.headers.enable", "true");
    connector.put("routes", "webhook,slack");
    connector.put("route.webhook.format", "webhook");
    connector.put("route.webhook.url", "http://localhost:" + receiverPort + "/webhook");
    connector.put("route.webhook.secret", secret);
    connector.put("route.slack.format", "slack");
    connector.put("route.slack.url", "http://localhost:" + receiverPort + "/slack");
    connector.put("route.slack.min.severity", "HIGH");
    connector.put("console.url", consoleUrl);
    Path connectorFile = write(dir.resolve("alert-delivery.properties"), connector);
    Path logback = dir.resolve("logback.xml");
    Files.writeString(
        logback,
        """
        <configuration>
          <appender name="FILE" class="ch.qos.logback.core.FileAppender">
            <file>%s</file>
            <encoder><pattern>%%d{HH:mm:ss.SSS} %%-5level %%logger{36} - %%msg%%n</pattern></encoder>
          </appender>
          <logger name="org.apache.kafka" level="WARN"/>
          <logger name="org.eclipse.jetty" level="WARN"/>
          <logger name="org.reflections" level="WARN"/>
          <logger name="dev.touchpoints" level="INFO"/>
          <root level="INFO"><appender-ref ref="FILE"/></root>
        </configuration>
        """
            .formatted(dir.resolve("worker.log")));
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "-Xmx256m",
                "-Dlogback.configurationFile=" + logback,
                "-cp",
                classPath.resolve("*").toString(),
                "org.apache.kafka.connect.cli.ConnectStandalone",
                workerFile.toString(),
                connectorFile.toString()));
    Process worker =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("worker.out").toFile()))
            .start();
    ScheduledExecutorService reporter =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "demo-delivery-report");
              t.setDaemon(true);
              return t;
            });
    reporter.scheduleAtFixedRate(
        () -> {
          String line = counts.summary();
          if (line != null) {
            out.println(line);
            out.flush();
          }
        },
        30,
        30,
        TimeUnit.SECONDS);
    return new AlertDeliveryDemo(receiver, worker, reporter);
  }

  private static boolean signatureValid(String secret, byte[] body, String header) {
    if (header == null || !header.startsWith("sha256=")) {
      return false;
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] expected = mac.doFinal(body);
      return MessageDigest.isEqual(
          expected, HexFormat.of().parseHex(header.substring("sha256=".length())));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  private static Path write(Path file, Map<String, String> settings) throws IOException {
    Properties props = new Properties();
    props.putAll(settings);
    try (OutputStream stream = Files.newOutputStream(file)) {
      props.store(stream, "written by ./touchpoints demo");
    }
    return file;
  }

  /** What the receiver got, by route. */
  private static final class Counts {
    private final Map<String, AtomicLong> byRoute = new LinkedHashMap<>();
    private final AtomicLong invalid = new AtomicLong();
    private final AtomicLong reminders = new AtomicLong();
    private long reported = -1;

    synchronized void received(String route, boolean signed, boolean reminder) {
      byRoute.computeIfAbsent(route, r -> new AtomicLong()).incrementAndGet();
      if (!signed) {
        invalid.incrementAndGet();
      }
      if (reminder) {
        reminders.incrementAndGet();
      }
    }

    synchronized boolean show(String route) {
      return byRoute.get(route).get() <= SHOWN_PER_ROUTE;
    }

    /** The counts, when they changed since the last summary. */
    synchronized String summary() {
      long total = byRoute.values().stream().mapToLong(AtomicLong::get).sum();
      if (total == reported) {
        return null;
      }
      reported = total;
      StringBuilder line = new StringBuilder("[delivery] received so far:");
      byRoute.forEach((route, n) -> line.append(' ').append(route).append(' ').append(n.get()));
      line.append(" (reminders ").append(reminders.get());
      line.append(", bad signatures ").append(invalid.get()).append(')');
      return line.toString();
    }
  }

  @Override
  public void close() throws InterruptedException {
    reporter.shutdownNow();
    worker.destroy();
    if (!worker.waitFor(20, TimeUnit.SECONDS)) {
      worker.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    receiver.stop();
  }
}
