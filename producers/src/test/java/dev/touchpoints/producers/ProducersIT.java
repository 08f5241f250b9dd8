package dev.touchpoints.producers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.touchpoints.core.config.AppConfig;
import dev.touchpoints.core.topics.TopicAdmin;
import dev.touchpoints.core.topics.Topics;
import dev.touchpoints.platform.Platform;
import dev.touchpoints.producers.events.EventType;
import dev.touchpoints.producers.gateway.GatewayServer;
import dev.touchpoints.producers.gateway.GatewaySettings;
import dev.touchpoints.producers.gateway.KafkaReadiness;
import dev.touchpoints.producers.json.EventJson;
import dev.touchpoints.producers.publisher.PublisherSettings;
import dev.touchpoints.producers.publisher.TouchpointPublisher;
import dev.touchpoints.producers.simulator.EventSink;
import dev.touchpoints.producers.simulator.GatewaySink;
import dev.touchpoints.producers.simulator.JourneyGenerator;
import dev.touchpoints.producers.simulator.KafkaSink;
import dev.touchpoints.producers.simulator.Progress;
import dev.touchpoints.producers.simulator.SimulatedEvent;
import dev.touchpoints.producers.simulator.SimulationPlan;
import dev.touchpoints.producers.simulator.Simulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Events sent by the library, the gateway and the simulator arrive on a real broker, Avro in the
 * registry's wire format, decodable, on the right topics with the subject as key, once each.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProducersIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private Platform platform;
  private AppConfig config;
  private Topics topics;

  @BeforeAll
  void start() {
    platform = Platform.startTemporary();
    config = TestData.config(platform.bootstrapServers(), platform.registryUrl());
    topics = Topics.fromConfig(config);
    TopicAdmin.ensureTopics(config, topics);
  }

  @AfterAll
  void stop() {
    platform.close();
  }

  @Test
  void shouldStoreEveryEventTypeOnItsTopicKeyedBySubjectWhenLibraryPublishes() {
    // Given one event of each type, stamped now
    List<SpecificRecord> events = oneOfEachNow("lib-subject");

    // When
    try (TouchpointPublisher publisher = TouchpointPublisher.create(config, topics)) {
      events.forEach(publisher::publishRecord);
    }

    // Then
    Map<String, TopicReader.Read> read = byEventId(TopicReader.readInputs(config, topics));
    for (SpecificRecord event : events) {
      TopicReader.Read r = read.get(eventId(event));
      assertThat(r).as("event of type %s", EventType.of(event)).isNotNull();
      assertThat(r.value()).isEqualTo(event);
      assertThat(r.key()).isEqualTo("lib-subject");
      assertThat(r.topic()).isEqualTo(topicOf(event));
    }
  }

  @Test
  void shouldStoreAcceptedEventsWhenGatewayAnswers202() throws Exception {
    // Given a gateway on a real publisher, and a JSON batch of every type
    List<SpecificRecord> events = oneOfEachNow("gw-subject");
    ArrayNode batch = JsonNodeFactory.instance.arrayNode();
    EventJson json = new EventJson();
    events.forEach(e -> batch.add(json.toJson(e)));

    try (TouchpointPublisher publisher = TouchpointPublisher.create(config, topics);
        KafkaReadiness readiness = new KafkaReadiness(config);
        GatewayServer gateway =
            GatewayServer.start(
                GatewaySettings.defaults(0).withApiKeys(List.of("k")), publisher, readiness)) {
      // When
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(
                      URI.create("http://localhost:" + gateway.port() + "/v1/events:batch"))
                  .header("Content-Type", "application/json")
                  .header("X-Api-Key", "k")
                  .POST(HttpRequest.BodyPublishers.ofString(batch.toString()))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> ready =
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://localhost:" + gateway.port() + "/ready"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());

      // Then: acknowledged means readable
      assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
      assertThat(ready.statusCode()).isEqualTo(200);
      Map<String, TopicReader.Read> read = byEventId(TopicReader.readInputs(config, topics));
      assertThat(events)
          .allSatisfy(
              e -> {
                assertThat(read.get(eventId(e)).value()).isEqualTo(e);
                assertThat(read.get(eventId(e)).key()).isEqualTo("gw-subject");
              });
    }
  }

  @Test
  void shouldDeliverEachSimulatedEventOnceWhenSimulatorSendsToKafka() {
    // Given the first 3,000 events of a plan that ends well before now
    SimulationPlan plan =
        SimulationPlan.of(21, 300).startingAt(Instant.now().minus(Duration.ofDays(200)));
    List<SimulatedEvent> expected = JourneyGenerator.of(plan).stream().limit(3_000).toList();
    Progress progress = new Progress(null, 3_000, null);

    // When
    Simulator.Result result;
    try (EventSink sink = new KafkaSink(TouchpointPublisher.create(config, topics), progress)) {
      result = simulator(plan, sink, progress, 3_000).run(() -> false);
    }

    // Then
    assertThat(result.stored()).isEqualTo(3_000);
    assertArrivedOnce(expected);
  }

  @Test
  void shouldDeliverEachSimulatedEventOnceWhenSimulatorSendsThroughGateway() {
    // Given
    SimulationPlan plan =
        SimulationPlan.of(22, 300).startingAt(Instant.now().minus(Duration.ofDays(200)));
    List<SimulatedEvent> expected = JourneyGenerator.of(plan).stream().limit(2_000).toList();
    Progress progress = new Progress(null, 2_000, null);

    try (TouchpointPublisher publisher = TouchpointPublisher.create(config, topics);
        GatewayServer gateway =
            GatewayServer.start(GatewaySettings.defaults(0), publisher, () -> true)) {
      // When
      Simulator.Result result;
      try (EventSink sink =
          new GatewaySink("http://localhost:" + gateway.port(), null, 250, 4, progress)) {
        result = simulator(plan, sink, progress, 2_000).run(() -> false);
      }

      // Then
      await("the sink heard every answer")
          .atMost(Duration.ofSeconds(30))
          .until(() -> progress.stored() + progress.failed() == 2_000);
      assertThat(progress.failed()).isZero();
      assertThat(result.submitted()).isEqualTo(2_000);
      assertArrivedOnce(expected);
    }
  }

  @Test
  void shouldAnswer503WithRetryAfterWhenKafkaIsUnreachable() throws Exception {
    // Given a gateway whose Kafka is a closed port, with short timeouts
    AppConfig dead =
        TestData.config("localhost:" + closedPort(), platform.registryUrl())
            .with(PublisherSettings.MAX_BLOCK, "1s")
            .with(PublisherSettings.DELIVERY_TIMEOUT, "2s");
    try (TouchpointPublisher publisher = TouchpointPublisher.create(dead, Topics.fromConfig(dead));
        KafkaReadiness readiness = new KafkaReadiness(dead);
        GatewayServer gateway =
            GatewayServer.start(GatewaySettings.defaults(0), publisher, readiness)) {
      String body = new EventJson().toJson(oneOfEachNow("dead-subject").get(0)).toString();

      // When
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(
                      URI.create("http://localhost:" + gateway.port() + "/v1/events"))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> ready =
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://localhost:" + gateway.port() + "/ready"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());

      // Then
      assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
      assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
      assertThat(response.body()).contains("\"error\":\"kafka_unavailable\"");
      assertThat(ready.statusCode()).isEqualTo(503);
    }
  }

  private void assertArrivedOnce(List<SimulatedEvent> expected) {
    Set<String> ids = expected.stream().map(e -> eventId(e.event())).collect(Collectors.toSet());
    List<TopicReader.Read> mine =
        TopicReader.readInputs(config, topics).stream()
            .filter(r -> ids.contains(r.eventId()))
            .toList();
    assertThat(mine).hasSize(expected.size());
    Map<String, TopicReader.Read> read = byEventId(mine);
    assertThat(expected)
        .allSatisfy(
            e -> {
              TopicReader.Read r = read.get(eventId(e.event()));
              assertThat(r.value()).isEqualTo(e.event());
              assertThat(r.key()).isEqualTo(e.subjectId());
              assertThat(r.topic()).isEqualTo(topicOf(e.event()));
            });
  }

  private Simulator simulator(SimulationPlan plan, EventSink sink, Progress progress, long events) {
    return new Simulator(
        JourneyGenerator.of(plan),
        sink,
        progress,
        new Simulator.Limits(events, null, 0, 0, Duration.ofMinutes(5)),
        plan.start(),
        Clock.systemUTC());
  }

  private String topicOf(SpecificRecord event) {
    return switch (EventType.of(event).family()) {
      case "web" -> topics.web().name();
      case "billing" -> topics.billing().name();
      case "support" -> topics.support().name();
      case "marketing" -> topics.marketing().name();
      case "identity" -> topics.identity().name();
      default -> throw new IllegalArgumentException("no topic for " + EventType.of(event));
    };
  }

  private static List<SpecificRecord> oneOfEachNow(String subject) {
    // TestData's events are stamped 2026-11-01; restamp them a minute ago, keeping the order.
    Instant now =
        Instant.now()
            .minus(Duration.ofMinutes(1))
            .truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    return TestData.oneOfEach(subject).stream()
        .peek(e -> ((dev.touchpoints.avro.Envelope) e.get(0)).setOccurredAt(now))
        .peek(e -> shiftDueDates((SpecificRecord) e.get(1), now))
        .toList();
  }

  private static void shiftDueDates(SpecificRecord payload, Instant now) {
    for (var field : payload.getSchema().getFields()) {
      if (payload.get(field.pos()) instanceof Instant) {
        payload.put(field.pos(), now.plus(Duration.ofDays(2)));
      }
    }
  }

  private static Map<String, TopicReader.Read> byEventId(List<TopicReader.Read> reads) {
    return reads.stream()
        .collect(
            Collectors.toMap(
                TopicReader.Read::eventId,
                Function.identity(),
                (a, b) -> {
                  throw new AssertionError("duplicate event " + a.eventId());
                }));
  }

  private static String eventId(SpecificRecord event) {
    return ((dev.touchpoints.avro.Envelope) event.get(0)).getEventId();
  }

  private static int closedPort() throws java.io.IOException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
