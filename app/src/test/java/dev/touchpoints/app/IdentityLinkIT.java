package dev.touchpoints.app;

import static dev.touchpoints.app.AppIt.envelope;
import static dev.touchpoints.app.AppIt.get;
import static dev.touchpoints.app.AppIt.post;
import static dev.touchpoints.app.AppIt.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.touchpoints.avro.AlertStatus;
import dev.touchpoints.avro.CaseKind;
import dev.touchpoints.avro.CaseOpened;
import dev.touchpoints.avro.CustomerAlert;
import dev.touchpoints.avro.IdentityEvent;
import dev.touchpoints.avro.IdentityLinked;
import dev.touchpoints.avro.PageViewed;
import dev.touchpoints.avro.PromiseMade;
import dev.touchpoints.avro.SupportEvent;
import dev.touchpoints.avro.WebEvent;
import dev.touchpoints.core.config.AppConfig;
import dev.touchpoints.core.topics.Topics;
import dev.touchpoints.platform.Platform;
import dev.touchpoints.producers.gateway.GatewayServer;
import dev.touchpoints.producers.gateway.GatewaySettings;
import dev.touchpoints.producers.gateway.KafkaReadiness;
import dev.touchpoints.producers.json.EventJson;
import dev.touchpoints.producers.publisher.TouchpointPublisher;
import dev.touchpoints.streams.EngineInstance;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * One customer, one history, end to end on a real broker and registry, through public interfaces
 * only: a prospect's history (gateway and Avro publisher), a link from the prospect's id to the
 * customer's (gateway), then events for both ids – and a twin that had every event under one id.
 */
class IdentityLinkIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String prospect = "prospect-" + UUID.randomUUID();
  private final String customer = "customer-" + UUID.randomUUID();
  private final String twin = "twin-" + UUID.randomUUID();

  @Test
  void shouldScoreTheCustomerAsATwinWithOneIdAndRedirectTheProspectsId() throws Exception {
    try (Platform platform = Platform.startTemporary()) {
      AppConfig config =
          AppIt.config(
              platform, "identity-it", Files.createTempDirectory("identity-it").toString());
      Topics topics = Topics.fromConfig(config);
      try (EngineInstance engine = EngineInstance.start(config, true);
          TouchpointPublisher publisher = TouchpointPublisher.create(config, topics);
          KafkaReadiness readiness = new KafkaReadiness(config);
          GatewayServer gateway =
              GatewayServer.start(GatewaySettings.defaults(0), publisher, readiness)) {
        Instant now = Instant.now();
        // Given the prospect's complaint and a promise already broken (gateway), a visit (Avro)
        List<Function<String, SpecificRecord>> before =
            List.of(
                id ->
                    new SupportEvent(
                        envelope(id, now.minusSeconds(600), "helpdesk"),
                        new CaseOpened("case-1", CaseKind.COMPLAINT, null)),
                id ->
                    new SupportEvent(
                        envelope(id, now.minusSeconds(590), "helpdesk"),
                        new PromiseMade("p-1", "case-1", now.minusSeconds(400), "a refund")),
                id ->
                    new WebEvent(envelope(id, now.minusSeconds(300), "web"), new PageViewed("/")));
        send(gateway, before.get(0).apply(prospect), before.get(1).apply(prospect));
        publisher.publishRecord(before.get(2).apply(prospect));
        before.forEach(e -> publisher.publishRecord(e.apply(twin)));
        await("the prospect's promise broke")
            .atMost(Duration.ofSeconds(90))
            .until(
                () ->
                    get(engine.queryPort(), "/v1/subjects/" + prospect)
                        .body()
                        .contains("PROMISE_BROKEN"));

        // When the prospect's id is linked to the customer's (gateway), then events come for the
        // customer and – late, dated before the link – for the prospect
        send(
            gateway,
            new IdentityEvent(
                envelope(prospect, now.minusSeconds(200), "crm"),
                new IdentityLinked(customer, false)));
        List<Function<String, SpecificRecord>> after =
            List.of(
                id ->
                    new WebEvent(
                        envelope(id, now.minusSeconds(100), "web"), new PageViewed("/account")),
                id ->
                    new WebEvent(
                        envelope(id, now.minusSeconds(250), "web"), new PageViewed("/pricing")));
        send(gateway, after.get(0).apply(customer));
        publisher.publishRecord(after.get(1).apply(prospect));
        after.forEach(e -> publisher.publishRecord(e.apply(twin)));

        // Then the customer is scored as the twin: every touchpoint of both ids, one history
        await("the customer holds both histories")
            .atMost(Duration.ofSeconds(90))
            .until(() -> card(engine, customer).path("eventCount").asInt() == 5);
        JsonNode merged = card(engine, customer);
        JsonNode one = card(engine, twin);
        assertThat(merged.get("overall").asDouble())
            .isCloseTo(one.get("overall").asDouble(), within(0.01));
        assertThat(merged.get("eventCount").asInt()).isEqualTo(one.get("eventCount").asInt());
        assertThat(types(merged.get("activeAlerts"))).isEqualTo(types(one.get("activeAlerts")));
        assertThat(merged.at("/linkedIds/0/subjectId").asText()).isEqualTo(prospect);
        // the prospect's id answers with a redirect to the customer
        HttpResponse<String> old = get(engine.queryPort(), "/v1/subjects/" + prospect);
        assertThat(old.statusCode()).isEqualTo(307);
        assertThat(old.headers().firstValue("Location")).contains("/v1/subjects/" + customer);
        // the prospect's view is withdrawn, and what was raised for the prospect is not raised
        // again
        assertThat(readAll(platform, topics.experience()))
            .filteredOn(r -> r.key().equals(prospect))
            .last()
            .satisfies(r -> assertThat(r.value()).isNull());
        List<ConsumerRecord<String, CustomerAlert>> alerts =
            readAll(platform, topics.customerAlerts());
        Set<String> raisedForProspect =
            alerts.stream()
                .filter(
                    r -> r.key().equals(prospect) && r.value().getStatus() == AlertStatus.RAISED)
                .map(r -> r.value().getDedupeKey())
                .collect(Collectors.toSet());
        assertThat(raisedForProspect).contains("promise-broken:p-1");
        assertThat(alerts)
            .filteredOn(
                r -> r.key().equals(customer) && r.value().getStatus() == AlertStatus.RAISED)
            .noneMatch(r -> raisedForProspect.contains(r.value().getDedupeKey()));
      }
    }
  }

  private static JsonNode card(EngineInstance engine, String subject) throws Exception {
    HttpResponse<String> answer = get(engine.queryPort(), "/v1/subjects/" + subject);
    return answer.statusCode() == 200 ? JSON.readTree(answer.body()) : JSON.createObjectNode();
  }

  private static List<String> types(JsonNode alerts) {
    return alerts == null
        ? List.of()
        : java.util.stream.StreamSupport.stream(alerts.spliterator(), false)
            .map(a -> a.get("type").asText())
            .sorted()
            .toList();
  }

  /** Posts events to the gateway as one JSON batch and expects them taken. */
  private static void send(GatewayServer gateway, SpecificRecord... events) throws Exception {
    ArrayNode batch = JsonNodeFactory.instance.arrayNode();
    EventJson json = new EventJson();
    for (SpecificRecord e : events) {
      batch.add(json.toJson(e));
    }
    HttpResponse<String> posted = post(gateway.port(), "/v1/events:batch", batch.toString());
    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
  }
}
