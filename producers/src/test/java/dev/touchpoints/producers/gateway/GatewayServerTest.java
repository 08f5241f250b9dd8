package dev.touchpoints.producers.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.touchpoints.avro.IdentityEvent;
import dev.touchpoints.avro.IdentityLinked;
import dev.touchpoints.core.config.AppConfig;
import dev.touchpoints.core.topics.Topics;
import dev.touchpoints.producers.TestData;
import dev.touchpoints.producers.publisher.PublisherSettings;
import dev.touchpoints.producers.publisher.TouchpointPublisher;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The gateway's edges against a publisher on Kafka's {@code MockProducer}: every caller mistake
 * gets its exact status and a JSON error naming the field; good events get 202.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayServerTest {

  private static final String KEY = "test-key-1";
  private static final String JSON = "application/json";
  private static final String NDJSON = "application/x-ndjson";
  private static final int MAX_BODY = 64 * 1024;
  private static final int MAX_BATCH = 50;

  private final AppConfig config = TestData.mockConfig();
  private final Topics topics = TestData.topics(config);
  private MockProducer<byte[], byte[]> producer;
  private TouchpointPublisher publisher;
  private GatewayServer server;
  private GatewayClient client;

  @BeforeAll
  void startGateway() {
    producer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    publisher =
        TouchpointPublisher.create(topics, producer, PublisherSettings.defaults(), TestData.CLOCK);
    GatewaySettings settings =
        GatewaySettings.defaults(0)
            .withApiKeys(List.of(KEY, "other-key"))
            .withLimits(MAX_BODY, MAX_BATCH);
    server = GatewayServer.start(settings, publisher, () -> true);
    client = new GatewayClient(server.port());
  }

  @AfterAll
  void stopGateway() {
    server.close();
    publisher.close();
  }

  @BeforeEach
  void reset() {
    producer.sendException = null;
    producer.clear();
  }

  /** name, path, content type, body, API key, expected status, error, field. */
  Stream<Arguments> badRequests() {
    String ok = TestData.caseOpenedJson().toString();
    return Stream.of(
        bad(
            "truncated JSON",
            GatewayServer.EVENTS,
            JSON,
            "{\"type\":",
            KEY,
            400,
            "malformed_json",
            "body"),
        bad(
            "trailing garbage",
            GatewayServer.EVENTS,
            JSON,
            ok + " x",
            KEY,
            400,
            "malformed_json",
            "body"),
        bad(
            "duplicate key",
            GatewayServer.EVENTS,
            JSON,
            "{\"type\":\"a\",\"type\":\"b\"}",
            KEY,
            400,
            "malformed_json",
            "body"),
        bad(
            "single quotes",
            GatewayServer.EVENTS,
            JSON,
            "{'type':'web.page_viewed'}",
            KEY,
            400,
            "malformed_json",
            "body"),
        bad("empty body", GatewayServer.EVENTS, JSON, "", KEY, 400, "invalid_body", "body"),
        bad("JSON null", GatewayServer.EVENTS, JSON, "null", KEY, 400, "invalid_body", "body"),
        bad(
            "array to single endpoint",
            GatewayServer.EVENTS,
            JSON,
            "[" + ok + "]",
            KEY,
            400,
            "invalid_body",
            "body"),
        bad(
            "string to single endpoint",
            GatewayServer.EVENTS,
            JSON,
            "\"hello\"",
            KEY,
            400,
            "invalid_body",
            "body"),
        bad(
            "object to batch endpoint",
            GatewayServer.BATCH,
            JSON,
            ok,
            KEY,
            400,
            "invalid_body",
            "body"),
        bad("empty batch", GatewayServer.BATCH, JSON, "[]", KEY, 400, "invalid_body", "body"),
        bad(
            "deeply nested",
            GatewayServer.EVENTS,
            JSON,
            "{\"a\":" + "[".repeat(2_000) + "]".repeat(2_000) + "}",
            KEY,
            400,
            "malformed_json",
            "body"),
        bad(
            "missing type",
            GatewayServer.EVENTS,
            JSON,
            without(ok, "type"),
            KEY,
            422,
            "invalid_event",
            "type"),
        bad(
            "unknown type",
            GatewayServer.EVENTS,
            JSON,
            with(ok, n -> n.put("type", "support.case_exploded")),
            KEY,
            422,
            "unknown_type",
            "type"),
        bad(
            "type is a number",
            GatewayServer.EVENTS,
            JSON,
            with(ok, n -> n.put("type", 7)),
            KEY,
            422,
            "invalid_event",
            "type"),
        bad(
            "missing subjectId",
            GatewayServer.EVENTS,
            JSON,
            without(ok, "subjectId"),
            KEY,
            422,
            "invalid_event",
            "subjectId"),
        bad(
            "blank subjectId",
            GatewayServer.EVENTS,
            JSON,
            with(ok, n -> n.put("subjectId", " \t ")),
            KEY,
            422,
            "invalid_event",
            "subjectId"),
        bad(
            "subjectId is a number",
            GatewayServer.EVENTS,
            JSON,
            with(ok, n -> n.put("subjectId", 42)),
            KEY,
            422,
            "invalid_event",
            "subjectId"),
        bad(
            "subjectId too long",
            GatewayServer.EVENTS,
            JSON,
            with(ok, n -> n.put("subjectId", "s".repeat(300))),
            KEY,
            422,
            "invalid_event",
            "subjectId"),
        bad(
            "lone surrogate in subjectId",
            GatewayServer.EVENTS,
            JSON,
            ok.replace("\"cust-42\"", "\"cust-\\ud800\""),
            KEY,
            422,
            "invalid_event",
            "subjectId"),
        bad(
            "NUL in caseId",
            GatewayServer.EVENTS,
            JSON,
            ok.replace("\"case-7\"", "\"case\\u0000-7\""),
            KEY,
            422,
            "invalid_event",
            "caseId"),
        bad(
            "blank eventId",
            GatewayServer.EVENTS,
            JSON,
            with(ok, n -> n.put("eventId", "")),
            KEY,
            422,
            "invalid_event",
            "eventId"),
        bad(
            "missing occurredAt",
            GatewayServer.EVENTS,
            JSON,
            without(ok, "occurredAt"),
            KEY,
            422,
            "invalid_event",
            "occurredAt"),
        bad(
            "occurredAt tomorrow",
            GatewayServer.EVENTS,
            JSON,
            with(ok, n -> n.put("occurredAt", "2026-11-02T10:00:00Z")),
            KEY,
            422,
            "invalid_event",
            "occurredAt"),
        bad(
            "occurredAt not a timestamp",
            GatewayServer.EVENTS,
            JSON,
            with(ok, n -> n.put("occurredAt", "yesterday")),
            KEY,
            422,
            "invalid_event",
            "occurredAt"),
        bad(
            "occurredAt as epoch number",
            GatewayServer.EVENTS,
            JSON,
            with(ok, n -> n.put("occurredAt", 1_793_000_000_000L)),
            KEY,
            422,
            "invalid_event",
            "occurredAt"),
        bad(
            "unknown enum value",
            GatewayServer.EVENTS,
            JSON,
            with(ok, n -> n.put("kind", "RANT")),
            KEY,
            422,
            "invalid_event",
            "kind"),
        bad(
            "lower-case enum value",
            GatewayServer.EVENTS,
            JSON,
            with(ok, n -> n.put("kind", "complaint")),
            KEY,
            422,
            "invalid_event",
            "kind"),
        bad(
            "unknown field",
            GatewayServer.EVENTS,
            JSON,
            with(ok, n -> n.put("nextUpdateDue", "2026-11-03T10:00:00Z")),
            KEY,
            422,
            "invalid_event",
            "nextUpdateDue"),
        bad(
            "due before opened",
            GatewayServer.EVENTS,
            JSON,
            with(ok, n -> n.put("nextUpdateDueAt", "2026-10-01T10:00:00Z")),
            KEY,
            422,
            "invalid_event",
            "nextUpdateDueAt"),
        bad(
            "negative amount",
            GatewayServer.EVENTS,
            JSON,
            invoice(n -> n.put("amountCents", -1)),
            KEY,
            422,
            "invalid_event",
            "amountCents"),
        bad(
            "amount as string",
            GatewayServer.EVENTS,
            JSON,
            invoice(n -> n.put("amountCents", "2000")),
            KEY,
            422,
            "invalid_event",
            "amountCents"),
        bad(
            "amount with fraction",
            GatewayServer.EVENTS,
            JSON,
            invoice(n -> n.put("amountCents", 20.5)),
            KEY,
            422,
            "invalid_event",
            "amountCents"),
        bad(
            "amount beyond long",
            GatewayServer.EVENTS,
            JSON,
            invoice(n -> n.put("amountCents", new java.math.BigInteger("99999999999999999999999"))),
            KEY,
            422,
            "invalid_event",
            "amountCents"),
        bad(
            "lower-case currency",
            GatewayServer.EVENTS,
            JSON,
            invoice(n -> n.put("currency", "eur")),
            KEY,
            422,
            "invalid_event",
            "currency"),
        bad(
            "NPS score 11",
            GatewayServer.EVENTS,
            JSON,
            survey("NPS", 11),
            KEY,
            422,
            "invalid_event",
            "score"),
        bad(
            "CSAT score 0",
            GatewayServer.EVENTS,
            JSON,
            survey("CSAT", 0),
            KEY,
            422,
            "invalid_event",
            "score"),
        bad(
            "text/plain",
            GatewayServer.EVENTS,
            "text/plain",
            ok,
            KEY,
            415,
            "unsupported_media_type",
            "Content-Type"),
        bad(
            "no content type",
            GatewayServer.EVENTS,
            null,
            ok,
            KEY,
            415,
            "unsupported_media_type",
            "Content-Type"),
        bad(
            "latin-1 charset",
            GatewayServer.EVENTS,
            "application/json; charset=ISO-8859-1",
            ok,
            KEY,
            415,
            "unsupported_media_type",
            "Content-Type"),
        bad(
            "NDJSON to single endpoint",
            GatewayServer.EVENTS,
            NDJSON,
            ok,
            KEY,
            415,
            "unsupported_media_type",
            "Content-Type"),
        bad(
            "form to batch endpoint",
            GatewayServer.BATCH,
            "application/x-www-form-urlencoded",
            "a=b",
            KEY,
            415,
            "unsupported_media_type",
            "Content-Type"),
        bad(
            "missing API key",
            GatewayServer.EVENTS,
            JSON,
            ok,
            null,
            401,
            "unauthorized",
            "X-Api-Key"),
        bad(
            "wrong API key",
            GatewayServer.EVENTS,
            JSON,
            ok,
            "test-key-2",
            403,
            "forbidden",
            "X-Api-Key"),
        bad(
            "API key prefix",
            GatewayServer.EVENTS,
            JSON,
            ok,
            "test-key",
            403,
            "forbidden",
            "X-Api-Key"),
        bad(
            "body too large",
            GatewayServer.BATCH,
            JSON,
            "[" + (ok + ",").repeat(MAX_BODY / ok.length() + 1) + ok + "]",
            KEY,
            413,
            "payload_too_large",
            "body"),
        bad(
            "too many events",
            GatewayServer.BATCH,
            JSON,
            "[" + (ok + ",").repeat(MAX_BATCH) + ok + "]",
            KEY,
            413,
            "batch_too_large",
            "body"),
        bad(
            "too many NDJSON lines",
            GatewayServer.BATCH,
            NDJSON,
            (ok + "\n").repeat(MAX_BATCH + 1),
            KEY,
            413,
            "batch_too_large",
            "body"),
        bad(
            "all of a batch invalid",
            GatewayServer.BATCH,
            JSON,
            "[" + without(ok, "subjectId") + ",42]",
            KEY,
            422,
            "invalid_event",
            "subjectId"),
        bad(
            "identity link without linkedTo",
            GatewayServer.EVENTS,
            JSON,
            without(TestData.identityLinkedJson().toString(), "linkedTo"),
            KEY,
            422,
            "invalid_event",
            "linkedTo"),
        bad(
            "identity link to the subject itself",
            GatewayServer.EVENTS,
            JSON,
            with(TestData.identityLinkedJson().toString(), n -> n.put("linkedTo", "visitor-123")),
            KEY,
            422,
            "invalid_event",
            "linkedTo"),
        bad(
            "identity link to a blank id",
            GatewayServer.EVENTS,
            JSON,
            with(TestData.identityLinkedJson().toString(), n -> n.put("linkedTo", " ")),
            KEY,
            422,
            "invalid_event",
            "linkedTo"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRequests")
  void shouldAnswerWithExactStatusAndJsonErrorWhenRequestIsBad(
      String name,
      String path,
      String contentType,
      String body,
      String key,
      int status,
      String error,
      String field) {
    // When
    GatewayClient.Response response = client.post(path, contentType, body, key);

    // Then
    assertThat(response.status()).as(response.body()).isEqualTo(status);
    assertThat(response.raw().headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith(JSON));
    assertThat(response.text("error")).isEqualTo(error);
    assertThat(response.text("field")).isEqualTo(field);
    assertThat(response.text("message"))
        .isNotBlank()
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
    assertThat(producer.history()).isEmpty();
  }

  @Test
  void shouldRejectInvalidUtf8WhenBytesAreBroken() {
    byte[] body = {'{', '"', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

    GatewayClient.Response response = client.post(GatewayServer.EVENTS, JSON, body, KEY);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.text("error")).isEqualTo("malformed_json");
  }

  @Test
  void shouldAcceptWhenKeyIsGivenAsBearerToken() {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create("http://localhost:" + server.port() + GatewayServer.EVENTS))
            .header("Content-Type", JSON)
            .header("Authorization", "Bearer other-key")
            .POST(HttpRequest.BodyPublishers.ofString(TestData.caseOpenedJson().toString()))
            .build();

    assertThat(client.send(request).status()).isEqualTo(202);
  }

  @Test
  void shouldAcceptAndReportEventIdWhenOneEventIsValid() {
    // Given an event with non-ASCII ids
    String body =
        with(
            TestData.caseOpenedJson().toString(),
            n -> n.put("subjectId", "asiakas-äö-\uD83D\uDE00"));

    // When
    GatewayClient.Response response =
        client.post(GatewayServer.EVENTS, "application/json; charset=UTF-8", body, KEY);

    // Then
    assertThat(response.status()).as(response.body()).isEqualTo(202);
    assertThat(response.json().get("accepted").get(0).get("eventId").asText()).isEqualTo("evt-1");
    assertThat(response.json().get("rejected")).isEmpty();
    assertThat(producer.history())
        .singleElement()
        .satisfies(r -> assertThat(r.topic()).isEqualTo(topics.support().name()));
  }

  @Test
  void shouldStoreLinkOnIdentityTopicKeyedBySubjectWhenIdentityLinkIsPosted() {
    // When
    GatewayClient.Response response =
        client.post(GatewayServer.EVENTS, JSON, TestData.identityLinkedJson().toString(), KEY);

    // Then
    assertThat(response.status()).as(response.body()).isEqualTo(202);
    assertThat(response.json().get("accepted").get(0).get("eventId").asText()).isEqualTo("link-1");
    assertThat(producer.history())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.topic()).isEqualTo(topics.identity().name());
              assertThat(
                      topics.identity().keySerde().deserializer().deserialize(r.topic(), r.key()))
                  .isEqualTo("visitor-123");
              IdentityEvent stored =
                  topics.identity().valueSerde().deserializer().deserialize(r.topic(), r.value());
              assertThat(stored.getEnvelope().getSubjectId()).isEqualTo("visitor-123");
              assertThat(stored.getPayload()).isEqualTo(new IdentityLinked("cust-42", false));
            });
  }

  @Test
  void shouldNameLinkedToWhenIdentityLinkPointsAtItsOwnSubject() {
    // When
    GatewayClient.Response response =
        client.post(
            GatewayServer.EVENTS,
            JSON,
            with(TestData.identityLinkedJson().toString(), n -> n.put("linkedTo", "visitor-123")),
            KEY);

    // Then
    assertThat(response.status()).as(response.body()).isEqualTo(422);
    assertThat(response.text("field")).isEqualTo("linkedTo");
    assertThat(response.text("message")).isEqualTo("linkedTo must differ from envelope.subjectId");
    assertThat(response.json().get("eventId").asText()).isEqualTo("link-1");
    assertThat(producer.history()).isEmpty();
  }

  @Test
  void shouldAnswer207WithIndexFieldAndReasonWhenBatchIsMixed() {
    // Given two good events around two bad ones
    ArrayNode batch = GatewayClient.MAPPER.createArrayNode();
    batch.add(TestData.caseOpenedJson());
    batch.add(TestData.invoiceIssuedJson().put("amountCents", -5));
    batch.add("not an event");
    batch.add(TestData.invoiceIssuedJson());

    // When
    GatewayClient.Response response = client.post(GatewayServer.BATCH, JSON, batch.toString(), KEY);

    // Then
    assertThat(response.status()).as(response.body()).isEqualTo(207);
    JsonNode json = response.json();
    assertThat(json.get("accepted")).extracting(n -> n.get("index").asInt()).containsExactly(0, 3);
    assertThat(json.get("accepted").get(1).get("eventId").asText()).hasSize(36);
    assertThat(json.get("rejected")).extracting(n -> n.get("index").asInt()).containsExactly(1, 2);
    assertThat(json.get("rejected").get(0).get("field").asText()).isEqualTo("amountCents");
    assertThat(json.get("rejected").get(0).get("error").asText()).isEqualTo("invalid_event");
    assertThat(json.get("rejected").get(1).get("field").asText()).isEqualTo("event");
    assertThat(producer.history()).hasSize(2);
  }

  @Test
  void shouldRejectOnlyTheBrokenLineWhenNdjsonHasOne() {
    String body =
        TestData.caseOpenedJson() + "\n{broken\n\n" + TestData.invoiceIssuedJson() + "\r\n";

    GatewayClient.Response response = client.post(GatewayServer.BATCH_ALT, NDJSON, body, KEY);

    assertThat(response.status()).as(response.body()).isEqualTo(207);
    assertThat(response.json().get("rejected").get(0).get("index").asInt()).isEqualTo(1);
    assertThat(response.json().get("rejected").get(0).get("error").asText())
        .isEqualTo("malformed_json");
    assertThat(producer.history()).hasSize(2);
  }

  @Test
  void shouldAnswer503WithRetryAfterWhenKafkaDoesNotAcknowledge() {
    // Given
    producer.sendException = new TimeoutException("Kafka is away");

    // When
    GatewayClient.Response response =
        client.post(
            GatewayServer.BATCH,
            JSON,
            "[" + TestData.caseOpenedJson() + "," + TestData.invoiceIssuedJson() + "]",
            KEY);

    // Then
    assertThat(response.status()).isEqualTo(503);
    assertThat(response.raw().headers().firstValue("Retry-After")).hasValue("5");
    assertThat(response.text("error")).isEqualTo("kafka_unavailable");
    assertThat(response.json().get("accepted")).isEmpty();
    assertThat(response.json().get("notStored")).hasSize(2);
  }

  @Test
  void shouldAnswerJsonWhenEndpointOrMethodIsUnknown() {
    GatewayClient.Response notFound = client.post("/v2/events", JSON, "{}", KEY);
    GatewayClient.Response wrongMethod = client.get(GatewayServer.EVENTS);

    assertThat(notFound.status()).isEqualTo(404);
    assertThat(notFound.text("error")).isEqualTo("not_found");
    assertThat(wrongMethod.status()).isEqualTo(405);
    assertThat(wrongMethod.text("error")).isEqualTo("method_not_allowed");
  }

  @Test
  void shouldServeHealthReadinessOpenApiAndMetricsWithoutKey() {
    client.post(GatewayServer.EVENTS, JSON, TestData.caseOpenedJson().toString(), KEY);
    client.post(
        GatewayServer.EVENTS,
        JSON,
        with(TestData.caseOpenedJson().toString(), n -> n.put("kind", "X")),
        KEY);

    assertThat(client.get("/health").status()).isEqualTo(200);
    assertThat(client.get("/ready").json().get("status").asText()).isEqualTo("ready");
    JsonNode openApi = client.get("/openapi.json").json();
    assertThat(openApi.get("openapi").asText()).startsWith("3.");
    assertThat(openApi.at("/components/schemas/Event/discriminator/mapping").size()).isEqualTo(20);
    assertThat(
            openApi
                .at("/components/schemas/Event/discriminator/mapping/identity.identity_linked")
                .asText())
        .isEqualTo("#/components/schemas/IdentityIdentityLinked");
    JsonNode link = openApi.at("/components/schemas/IdentityIdentityLinked");
    assertThat(link.get("required"))
        .extracting(JsonNode::asText)
        .contains("subjectId", "linkedTo")
        .doesNotContain("deliberate");
    assertThat(link.at("/properties/deliberate/type").asText()).isEqualTo("boolean");
    assertThat(link.at("/properties/deliberate/default").asBoolean(true)).isFalse();
    String metrics = client.get("/metrics").body();
    assertThat(metrics)
        .contains("touchpoints_gateway_events_accepted_total{type=\"support.case_opened\"}")
        .contains(
            "touchpoints_gateway_events_rejected_total{reason=\"unknown_value\",type=\"support.case_opened\"}")
        .contains("touchpoints_gateway_requests_seconds_count")
        .contains("jvm_memory_used_bytes");
  }

  private static Arguments bad(
      String name,
      String path,
      String contentType,
      String body,
      String key,
      int status,
      String error,
      String field) {
    return Arguments.of(name, path, contentType, body, key, status, error, field);
  }

  private static String with(String json, UnaryOperator<ObjectNode> change) {
    try {
      return change.apply((ObjectNode) GatewayClient.MAPPER.readTree(json)).toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String without(String json, String field) {
    return with(
        json,
        n -> {
          n.remove(field);
          return n;
        });
  }

  private static String invoice(UnaryOperator<ObjectNode> change) {
    return change.apply(TestData.invoiceIssuedJson()).toString();
  }

  private static String survey(String kind, int score) {
    ObjectNode n = GatewayClient.MAPPER.createObjectNode();
    n.put("type", "support.survey_answered");
    n.put("subjectId", "cust-42");
    n.put("occurredAt", "2026-11-01T09:00:00Z");
    n.put("source", "survey-tool");
    n.put("survey", kind);
    n.put("score", score);
    return n.toString();
  }
}
