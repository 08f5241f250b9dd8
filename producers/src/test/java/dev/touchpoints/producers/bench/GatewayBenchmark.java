package dev.touchpoints.producers.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.touchpoints.core.config.AppConfig;
import dev.touchpoints.core.topics.TopicAdmin;
import dev.touchpoints.core.topics.Topics;
import dev.touchpoints.platform.kafka.EmbeddedKafka;
import dev.touchpoints.platform.registry.RegistryServer;
import dev.touchpoints.producers.gateway.GatewayServer;
import dev.touchpoints.producers.gateway.GatewaySettings;
import dev.touchpoints.producers.json.EventJson;
import dev.touchpoints.producers.publisher.TouchpointPublisher;
import dev.touchpoints.producers.simulator.JourneyGenerator;
import dev.touchpoints.producers.simulator.SimulatedEvent;
import dev.touchpoints.producers.simulator.SimulationPlan;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.specific.SpecificRecord;

/**
 * Load harness, not a test: in one run on an embedded broker and registry, measures how many events
 * per second reach Kafka (acknowledged) through the HTTP gateway (JSON batches over loopback) and
 * straight through {@link TouchpointPublisher}, and prints both and their ratio.
 *
 * <pre>
 * ./mvnw -q -o -pl producers test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=dev.touchpoints.producers.bench.GatewayBenchmark \
 *   -Dexec.args="--events 200000 --batch 500 --clients 4"
 * </pre>
 *
 * Request bodies are serialized before the clock starts, so the gateway figure is the server's
 * cost: HTTP, JSON parsing, mapping, validation, Avro, Kafka.
 */
public final class GatewayBenchmark {

  private GatewayBenchmark() {}

  public static void main(String[] args) throws Exception {
    int events = intArg(args, "--events", 200_000);
    int batch = intArg(args, "--batch", 500);
    int clients = intArg(args, "--clients", 4);
    int warmup = Math.min(events / 5, 20_000);

    try (EmbeddedKafka kafka = EmbeddedKafka.builder().build().start();
        RegistryServer registry = RegistryServer.start(kafka.bootstrapServers(), 0)) {
      AppConfig config =
          AppConfig.of(
              Map.of("schema.registry.url", registry.url()),
              Map.of("bootstrap.servers", kafka.bootstrapServers()));
      Topics topics = Topics.fromConfig(config);
      TopicAdmin.ensureTopics(config, topics);
      Instant start = Instant.now().minus(Duration.ofDays(400));

      try (TouchpointPublisher publisher = TouchpointPublisher.create(config, topics)) {
        // Direct: the publisher, async sends, one flush.
        direct(publisher, generate(1, start, warmup));
        List<SpecificRecord> directEvents = generate(2, start, events);
        long t0 = System.nanoTime();
        direct(publisher, directEvents);
        double directRate = events / ((System.nanoTime() - t0) / 1e9);

        // Gateway: JSON batches from a few client threads over loopback.
        try (GatewayServer gateway =
            GatewayServer.start(
                GatewaySettings.defaults(0).withLimits(64L << 20, batch), publisher, () -> true)) {
          URI uri = URI.create("http://localhost:" + gateway.port() + "/v1/events:batch");
          viaGateway(uri, bodies(generate(3, start, warmup), batch), clients);
          List<String> bodies = bodies(generate(4, start, events), batch);
          long t1 = System.nanoTime();
          viaGateway(uri, bodies, clients);
          double gatewayRate = events / ((System.nanoTime() - t1) / 1e9);

          System.out.printf(
              Locale.ROOT,
              "events=%d batch=%d clients=%d requests=%d cores=%d%n",
              events,
              batch,
              clients,
              bodies.size(),
              Runtime.getRuntime().availableProcessors());
          System.out.printf(Locale.ROOT, "direct publisher : %,10.0f events/s%n", directRate);
          System.out.printf(Locale.ROOT, "HTTP gateway     : %,10.0f events/s%n", gatewayRate);
          System.out.printf(Locale.ROOT, "gateway / direct : %10.2f%n", gatewayRate / directRate);
        }
      }
    }
  }

  private static void direct(TouchpointPublisher publisher, List<SpecificRecord> events) {
    AtomicInteger failed = new AtomicInteger();
    events.forEach(
        e ->
            publisher
                .publishRecordAsync(e)
                .whenComplete(
                    (m, error) -> {
                      if (error != null) {
                        failed.incrementAndGet();
                      }
                    }));
    publisher.flush();
    if (failed.get() > 0) {
      throw new IllegalStateException(failed.get() + " direct sends failed");
    }
  }

  private static void viaGateway(URI uri, List<String> bodies, int clients) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        workers.add(
            pool.submit(
                () -> {
                  for (int i = next.getAndIncrement();
                      i < bodies.size();
                      i = next.getAndIncrement()) {
                    HttpResponse<String> response =
                        http.send(
                            HttpRequest.newBuilder(uri)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(bodies.get(i)))
                                .build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 202) {
                      throw new IllegalStateException(
                          "gateway answered " + response.statusCode() + ": " + response.body());
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<SpecificRecord> generate(long seed, Instant start, int count) {
    return JourneyGenerator.of(SimulationPlan.of(seed, 2_000).startingAt(start)).stream()
        .limit(count)
        .map(SimulatedEvent::event)
        .toList();
  }

  private static List<String> bodies(List<SpecificRecord> events, int batch) {
    EventJson json = new EventJson();
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < events.size(); i += batch) {
      ArrayNode array = JsonNodeFactory.instance.arrayNode();
      events.subList(i, Math.min(events.size(), i + batch)).forEach(e -> array.add(json.toJson(e)));
      bodies.add(array.toString());
    }
    return bodies;
  }

  private static int intArg(String[] args, String name, int fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return Integer.parseInt(args[i + 1]);
      }
    }
    return fallback;
  }
}
