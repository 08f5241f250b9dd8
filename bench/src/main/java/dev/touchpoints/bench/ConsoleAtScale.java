package dev.touchpoints.bench;

import dev.touchpoints.core.config.AppConfig;
import dev.touchpoints.core.topics.TopicAdmin;
import dev.touchpoints.core.topics.Topics;
import dev.touchpoints.platform.kafka.EmbeddedKafka;
import dev.touchpoints.platform.registry.RegistryServer;
import dev.touchpoints.streams.EngineStreams;
import dev.touchpoints.streams.query.QueryServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * What a polling ops console costs the engine, side by side in one run: the same input records
 * drained several times by the whole engine (query API included, a fresh application each time),
 * with nobody looking (Q) and with {@code --tabs} consoles each asking every 5 s for what the
 * dashboard shows ({@code /v1/stats}, the at-risk listing, {@code /v1/incidents}) (W), in the order
 * {@code --order} (default WQQW, after a quiet warm-up drain that is not counted: a first drain
 * runs on a cold JVM, page cache and disk, and WQQW cancels a steady drift); then, with every
 * subject in the stores, each endpoint's latency over {@code --requests} sequential requests.
 *
 * <pre>
 * java -cp $CP dev.touchpoints.bench.ConsoleAtScale --subjects 1000000 --records 4000000
 * </pre>
 */
@Command(name = "console-at-scale", mixinStandardHelpOptions = true)
public final class ConsoleAtScale implements Runnable {

  private static final List<String> DASHBOARD =
      List.of("/v1/stats", "/v1/subjects?atRisk=true&limit=10", "/v1/incidents");

  @Option(names = "--subjects", defaultValue = "100000")
  int subjects;

  @Option(names = "--records", defaultValue = "400000")
  int records;

  @Option(names = "--tabs", defaultValue = "10", description = "Consoles polling at once.")
  int tabs;

  @Option(names = "--poll-seconds", defaultValue = "5", description = "The console's refresh.")
  int pollSeconds;

  @Option(names = "--requests", defaultValue = "200", description = "Per endpoint, at the end.")
  int requests;

  @Option(
      names = "--order",
      defaultValue = "WQQW",
      description =
          "Drains in order: W with the consoles polling, Q with nobody looking, N with nobody"
              + " looking and the experience index off (policy.index.enabled=false).")
  String order;

  @Option(
      names = "--warmup",
      defaultValue = "true",
      negatable = true,
      description = "A quiet drain first, not counted.")
  boolean warmup;

  @Option(names = "--work-dir", defaultValue = "${java.io.tmpdir}/touchpoints-console-bench")
  Path workDir;

  public static void main(String[] args) {
    System.exit(new CommandLine(new ConsoleAtScale()).execute(args));
  }

  @Override
  public void run() {
    Logging.quiet();
    BenchSettings settings =
        BenchSettings.builder(workDir)
            .subjects(subjects)
            .records(records)
            .commitInterval(Duration.ofMillis(50))
            .loads(List.of())
            .loadDuration(Duration.ofSeconds(1))
            .probesPerSecond(0)
            .scaleSubjects(0)
            .engineJvmOptions(List.of())
            .seed(7)
            .build();
    try {
      Files.createDirectories(workDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (EmbeddedKafka kafka =
            EmbeddedKafka.builder()
                .dataDir(workDir.resolve("kafka"))
                .brokerConfig("num.partitions", "6")
                .build()
                .start();
        RegistryServer registry = RegistryServer.start(kafka.bootstrapServers(), 0);
        GroupLag lag = new GroupLag(kafka.bootstrapServers())) {
      String bootstrap = kafka.bootstrapServers();
      AppConfig base =
          PipelineBenchmark.config(settings, bootstrap, registry.url(), "bench-quiet", "", workDir);
      Topics topics = Topics.fromConfig(base);
      TopicAdmin.ensureTopics(base, topics);
      log("generating %,d records of %,d subjects", records, subjects);
      Workload workload = new Workload(topics, subjects, 7, records);
      List<ProducerRecord<byte[], byte[]>> input = workload.next(records);
      try (KafkaProducer<byte[], byte[]> producer = Clients.producer(bootstrap)) {
        input.forEach(producer::send);
        producer.flush();
      }
      input = null; // the records are in Kafka; let them go
      Set<String> inputs = GroupLag.names(topics.inputs());
      Set<String> outputs = Set.of(topics.experience().name());

      if (warmup) {
        log("warm-up drain (not counted): nobody looking");
        drain(settings, bootstrap, registry.url(), "bench-warmup", 0, true, inputs, lag);
      }
      List<Double> watchedRates = new ArrayList<>();
      List<Double> quietRates = new ArrayList<>();
      List<Double> withoutIndexRates = new ArrayList<>();
      Drain lastWatched = null;
      long requestsAnswered = 0;
      for (int i = 0; i < order.length(); i++) {
        char kind = Character.toUpperCase(order.charAt(i));
        boolean watched = kind == 'W';
        boolean noIndex = kind == 'N';
        log(
            "drain %d of %d: %s",
            i + 1,
            order.length(),
            watched
                ? tabs + " consoles polling every " + pollSeconds + " s"
                : noIndex ? "nobody looking, index off" : "nobody looking");
        Drain d =
            drain(
                settings,
                bootstrap,
                registry.url(),
                "bench-" + i + (watched ? "-watched" : noIndex ? "-no-index" : "-quiet"),
                watched ? tabs : 0,
                !noIndex,
                inputs,
                lag);
        (watched ? watchedRates : noIndex ? withoutIndexRates : quietRates).add(d.rate());
        if (watched) {
          lastWatched = d;
          requestsAnswered += d.requests();
        }
      }
      double quiet = quietRates.stream().mapToDouble(Double::doubleValue).average().orElse(0);
      double polled = watchedRates.stream().mapToDouble(Double::doubleValue).average().orElse(0);
      System.out.printf(
          Locale.ROOT,
          "%nConsole at scale: %,d subjects, %,d records, %d tabs × every %d s (dashboard: %s),"
              + " order %s%s%n"
              + "  drains, nobody looking:   %s records/s, mean %,.0f%n"
              + "  drains, consoles polling: %s records/s, mean %,.0f  (%.1f %% of the quiet"
              + " rate; %,d requests answered during the drains)%n",
          subjects,
          records,
          tabs,
          pollSeconds,
          String.join(", ", DASHBOARD),
          order,
          warmup ? " after a warm-up drain" : "",
          rates(quietRates),
          quiet,
          rates(watchedRates),
          polled,
          quiet == 0 ? 0 : 100 * polled / quiet,
          requestsAnswered);
      if (!withoutIndexRates.isEmpty()) {
        double off =
            withoutIndexRates.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        System.out.printf(
            Locale.ROOT,
            "  drains, index off:        %s records/s, mean %,.0f  (the index on runs at %.1f %%"
                + " of it)%n",
            rates(withoutIndexRates),
            off,
            off == 0 ? 0 : 100 * quiet / off);
      }
      if (lastWatched != null) {
        lastWatched
            .latencies()
            .forEach(
                (path, ms) ->
                    System.out.printf(Locale.ROOT, "  during the drain %s%n", line(path, ms)));
        lastWatched
            .atRest()
            .forEach(
                (path, ms) ->
                    System.out.printf(
                        Locale.ROOT, "  at rest (all subjects) %s%n", line(path, ms)));
      }
      System.out.flush();
    } finally {
      ProcessStats.deleteRecursively(workDir);
    }
  }

  private static String rates(List<Double> rates) {
    return String.join(
        " / ", rates.stream().map(r -> String.format(Locale.ROOT, "%,.0f", r)).toList());
  }

  private record Drain(
      double rate,
      long requests,
      Map<String, List<Long>> latencies,
      Map<String, List<Long>> atRest) {}

  private Drain drain(
      BenchSettings settings,
      String bootstrap,
      String registryUrl,
      String applicationId,
      int consoles,
      boolean index,
      Set<String> inputs,
      GroupLag lag) {
    int port = freePort();
    AppConfig config =
        PipelineBenchmark.config(
                settings, bootstrap, registryUrl, applicationId, "", workDir.resolve(applicationId))
            .withKafka(StreamsConfig.APPLICATION_SERVER_CONFIG, "localhost:" + port)
            .with("policy.index.enabled", String.valueOf(index));
    Map<String, List<Long>> during = new ConcurrentHashMap<>();
    Map<String, List<Long>> atRest = new ConcurrentHashMap<>();
    AtomicLong answered = new AtomicLong();
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> pollers = new ArrayList<>();
    try (EngineStreams app = new EngineStreams(config);
        QueryServer query =
            QueryServer.start(
                app.streams(), new HostInfo("localhost", port), port, app.topics(), config)) {
      HttpClient http = HttpClient.newHttpClient();
      for (int tab = 0; tab < consoles; tab++) {
        long offset = tab * (pollSeconds * 1000L) / Math.max(1, consoles);
        Thread poller =
            new Thread(
                () -> poll(http, port, offset, stop, during, answered), "console-tab-" + tab);
        poller.setDaemon(true);
        poller.start();
        pollers.add(poller);
      }
      BenchReport.StreamsRun run =
          PipelineBenchmark.drain(app.streams(), applicationId, inputs, records, lag, Set.of());
      stop.set(true);
      for (Thread poller : pollers) {
        poller.join(30_000);
      }
      if (consoles > 0) {
        for (String path : DASHBOARD) {
          for (int i = 0; i < requests; i++) {
            long t0 = System.nanoTime();
            get(http, port, path);
            atRest
                .computeIfAbsent(path, p -> Collections.synchronizedList(new ArrayList<>()))
                .add((System.nanoTime() - t0) / 1_000);
          }
        }
      }
      return new Drain(run.sustainedRate(), answered.get(), during, atRest);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      ProcessStats.deleteRecursively(workDir.resolve(applicationId)); // the next drain starts fresh
    }
  }

  private void poll(
      HttpClient http,
      int port,
      long offsetMs,
      AtomicBoolean stop,
      Map<String, List<Long>> latencies,
      AtomicLong answered) {
    GroupLag.sleepQuietly(offsetMs);
    while (!stop.get()) {
      long round = System.nanoTime();
      for (String path : DASHBOARD) {
        long t0 = System.nanoTime();
        if (get(http, port, path) == 200) {
          answered.incrementAndGet();
          latencies
              .computeIfAbsent(path, p -> Collections.synchronizedList(new ArrayList<>()))
              .add((System.nanoTime() - t0) / 1_000);
        }
      }
      long left = pollSeconds * 1000L - (System.nanoTime() - round) / 1_000_000;
      GroupLag.sleepQuietly(Math.max(0, left));
    }
  }

  private static int get(HttpClient http, int port, String path) {
    try {
      return http.send(
              HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                  .timeout(Duration.ofSeconds(30))
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** p50, p99 and max of a list of latencies in µs, as ms. */
  private static String line(String path, List<Long> micros) {
    List<Long> sorted = new ArrayList<>(micros);
    Collections.sort(sorted);
    if (sorted.isEmpty()) {
      return path + ": no answers";
    }
    return String.format(
        Locale.ROOT,
        "%-36s n=%,d  p50 %.1f ms  p99 %.1f ms  max %.1f ms",
        path,
        sorted.size(),
        at(sorted, 0.50) / 1000.0,
        at(sorted, 0.99) / 1000.0,
        sorted.get(sorted.size() - 1) / 1000.0);
  }

  private static long at(List<Long> sorted, double q) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void log(String format, Object... args) {
    System.out.printf(Locale.ROOT, "[console-at-scale] " + format + "%n", args);
    System.out.flush();
  }
}
