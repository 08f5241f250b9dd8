package dev.touchpoints.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchpoints.avro.BillingEvent;
import dev.touchpoints.avro.CaseKind;
import dev.touchpoints.avro.CaseOpened;
import dev.touchpoints.avro.ContactChannel;
import dev.touchpoints.avro.ContactMade;
import dev.touchpoints.avro.ContactPurpose;
import dev.touchpoints.avro.DeadLetter;
import dev.touchpoints.avro.Envelope;
import dev.touchpoints.avro.IdentityEvent;
import dev.touchpoints.avro.IdentityLinked;
import dev.touchpoints.avro.MarketingEvent;
import dev.touchpoints.avro.PageViewed;
import dev.touchpoints.avro.PaymentReceived;
import dev.touchpoints.avro.PromiseMade;
import dev.touchpoints.avro.SupportEvent;
import dev.touchpoints.avro.SurveyAnswered;
import dev.touchpoints.avro.SurveyKind;
import dev.touchpoints.avro.WebEvent;
import dev.touchpoints.core.topics.Topic;
import dev.touchpoints.core.topics.Topics;
import dev.touchpoints.core.validation.EventValidator;
import dev.touchpoints.core.validation.InvalidEventException;
import dev.touchpoints.producers.gateway.GatewayServer;
import dev.touchpoints.producers.gateway.GatewaySettings;
import dev.touchpoints.producers.json.EventJson;
import dev.touchpoints.producers.publisher.PublisherSettings;
import dev.touchpoints.producers.publisher.TouchpointPublisher;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One list of edge cases, three doors: the publisher, the gateway (over HTTP, on a publisher with
 * Kafka's {@code MockProducer}) and the engine's decode step (the topology in a {@code
 * TopologyTestDriver}, fed the event's bytes). Each door accepts exactly the events the others
 * accept, and names the same field when it refuses one – a publisher is never told "stored" for an
 * event the engine dead-letters. No broker: everything runs in this JVM on one clock.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OneValidationTest {

  private static final Instant NOW = TestData.T0;
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final Duration SKEW = EventValidator.DEFAULT_MAX_FUTURE_SKEW;
  private static final String API_KEY = "one-validation-key";
  private static final ObjectMapper JSON = new ObjectMapper();

  private EngineDriver engine;
  private TouchpointPublisher publisher;
  private TouchpointPublisher gatewayPublisher;
  private GatewayServer gateway;
  private final HttpClient http = HttpClient.newHttpClient();

  /** What one door answered: accepted, or refused naming {@code said}. */
  private record Answer(boolean accepted, String said) {

    static Answer yes() {
      return new Answer(true, null);
    }

    static Answer refused(String said) {
      return new Answer(false, said);
    }
  }

  @BeforeAll
  void openTheDoors() {
    engine = new EngineDriver();
    Topics topics = engine.topics();
    publisher =
        TouchpointPublisher.create(topics, mockProducer(), PublisherSettings.defaults(), CLOCK);
    gatewayPublisher =
        TouchpointPublisher.create(topics, mockProducer(), PublisherSettings.defaults(), CLOCK);
    gateway =
        GatewayServer.start(
            GatewaySettings.defaults(0).withApiKeys(List.of(API_KEY)),
            gatewayPublisher,
            () -> true);
  }

  @AfterAll
  void closeTheDoors() {
    gateway.close();
    gatewayPublisher.close();
    publisher.close();
    engine.close();
  }

  /** name, event, the field every door must name when it refuses the event (null: accepted). */
  Stream<Arguments> edgeCases() {
    String ok = "/";
    return Stream.of(
        // time
        web("a page view now", envelope("e-now", "s-now", NOW), ok, null),
        web(
            "occurredAt 1970-01-01T00:00:00Z (the engine's 'not set')",
            envelope("e-epoch", "s-epoch", Instant.EPOCH),
            ok,
            "envelope.occurredAt"),
        web(
            "occurredAt before 1970",
            envelope("e-1969", "s-1969", Instant.parse("1969-12-31T23:59:59Z")),
            ok,
            "envelope.occurredAt"),
        web(
            "occurredAt a year ahead",
            envelope("e-year", "s-year", NOW.plus(Duration.ofDays(365))),
            ok,
            "envelope.occurredAt"),
        web(
            "occurredAt 3 h ahead (a time-zone bug)",
            envelope("e-3h", "s-3h", NOW.plus(Duration.ofHours(3))),
            ok,
            "envelope.occurredAt"),
        web(
            "occurredAt just within the skew",
            envelope("e-within", "s-within", NOW.plus(SKEW)),
            ok,
            null),
        web(
            "occurredAt a second beyond the skew",
            envelope("e-beyond", "s-beyond", NOW.plus(SKEW).plusSeconds(1)),
            ok,
            "envelope.occurredAt"),
        web(
            "occurredAt 20 years ago",
            envelope("e-ancient", "s-ancient", NOW.minus(Duration.ofDays(7300))),
            ok,
            null),
        // ids
        web("empty eventId", envelope("", "s-empty-id", NOW), ok, "envelope.eventId"),
        web("eventId of 200 characters", envelope("e".repeat(200), "s-id-200", NOW), ok, null),
        web(
            "eventId of 201 characters",
            envelope("e".repeat(201), "s-id-201", NOW),
            ok,
            "envelope.eventId"),
        web(
            "eventId with a control character",
            envelope("e-\u0001", "s-control", NOW),
            ok,
            "envelope.eventId"),
        web("missing subjectId", envelope("e-no-subject", null, NOW), ok, "envelope.subjectId"),
        web("blank subjectId", envelope("e-blank-subject", "  ", NOW), ok, "envelope.subjectId"),
        web(
            "subjectId of 200 characters",
            envelope("e-subject-200", "s".repeat(200), NOW),
            ok,
            null),
        web(
            "subjectId of 201 characters",
            envelope("e-subject-201", "s".repeat(201), NOW),
            ok,
            "envelope.subjectId"),
        web("blank source", envelope("e-no-source", "s-source", NOW, " "), ok, "envelope.source"),
        // text
        web(
            "page path of 2000 characters",
            envelope("e-path-2000", "s-path-2000", NOW),
            "/" + "p".repeat(1999),
            null),
        web(
            "page path of 2001 characters",
            envelope("e-path-2001", "s-path-2001", NOW),
            "/" + "p".repeat(2000),
            "payload.path"),
        support(
            "promise description of 2001 characters",
            envelope("e-description", "s-description", NOW),
            new PromiseMade("p-1", null, NOW.plus(Duration.ofDays(1)), "d".repeat(2001)),
            "payload.description"),
        support(
            "survey comment of 2001 characters",
            envelope("e-comment", "s-comment", NOW),
            new SurveyAnswered(SurveyKind.NPS, 9, null, "c".repeat(2001)),
            "payload.comment"),
        support(
            "case id of 201 characters",
            envelope("e-case-201", "s-case-201", NOW),
            new CaseOpened("k".repeat(201), CaseKind.QUESTION, null),
            "payload.caseId"),
        // values
        support(
            "CSAT 6",
            envelope("e-csat-6", "s-csat-6", NOW),
            new SurveyAnswered(SurveyKind.CSAT, 6, null, null),
            "payload.score"),
        support(
            "NPS 10",
            envelope("e-nps-10", "s-nps-10", NOW),
            new SurveyAnswered(SurveyKind.NPS, 10, null, null),
            null),
        support(
            "promise due before it was made",
            envelope("e-promise-past", "s-promise-past", NOW),
            new PromiseMade("p-2", null, NOW.minusSeconds(1), null),
            "payload.dueAt"),
        support(
            "case whose next update was due before it was opened",
            envelope("e-case-past", "s-case-past", NOW),
            new CaseOpened("case-past", CaseKind.COMPLAINT, NOW.minusSeconds(1)),
            "payload.nextUpdateDueAt"),
        billing(
            "negative payment",
            envelope("e-negative", "s-negative", NOW),
            new PaymentReceived(null, -1L, "EUR"),
            "payload.amountCents"),
        billing(
            "currency 'eur'",
            envelope("e-eur", "s-eur", NOW),
            new PaymentReceived(null, 100L, "eur"),
            "payload.currency"),
        Arguments.of(
            "a newsletter",
            new MarketingEvent(
                envelope("e-newsletter", "s-newsletter", NOW),
                new ContactMade(ContactChannel.EMAIL, ContactPurpose.NEWSLETTER, null)),
            null),
        // identity links
        Arguments.of(
            "a link to another id",
            new IdentityEvent(
                envelope("e-link", "visitor-1", NOW), new IdentityLinked("cust-1", false)),
            null),
        Arguments.of(
            "a link to the subject itself",
            new IdentityEvent(
                envelope("e-self", "visitor-2", NOW), new IdentityLinked("visitor-2", false)),
            "payload.linkedTo"),
        Arguments.of(
            "a link dated 1970-01-01T00:00:00Z",
            new IdentityEvent(
                envelope("e-link-epoch", "visitor-3", Instant.EPOCH),
                new IdentityLinked("cust-3", false)),
            "envelope.occurredAt"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("edgeCases")
  void shouldGetTheSameAnswerFromThePublisherTheGatewayAndTheEngine(
      String name, SpecificRecord event, String field) {
    // Given one event, When each door is asked
    Answer atPublisher = publisher(event);
    Answer atGateway = gateway(event);
    Answer atEngine = engine(event);

    // Then all three accept it, or all three refuse it naming the same field
    boolean valid = field == null;
    assertThat(List.of(atPublisher, atGateway, atEngine))
        .as("publisher, gateway, engine on %s", name)
        .extracting(Answer::accepted)
        .containsOnly(valid);
    if (!valid) {
      assertThat(atPublisher.said()).as("the publisher's field").isEqualTo(field);
      assertThat(atGateway.said())
          .as("the gateway's field")
          .isEqualTo(field.substring(field.indexOf('.') + 1));
      // a record without a usable key is refused before its event is read: it names the key
      assertThat(atEngine.said())
          .as("the engine's dead letter")
          .startsWith(
              field.equals("envelope.subjectId") && atEngine.said().startsWith("missing")
                  ? "missing subject key"
                  : "invalid event: " + field + " ");
    }
  }

  private Answer publisher(SpecificRecord event) {
    try {
      publisher.publishRecordAsync(event).join();
      return Answer.yes();
    } catch (InvalidEventException e) {
      return Answer.refused(e.field());
    }
  }

  private Answer gateway(SpecificRecord event) {
    String body = new EventJson().toJson(event).toString();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + gateway.port() + "/v1/events"))
            .header("Content-Type", "application/json")
            .header("X-Api-Key", API_KEY)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 202) {
        return Answer.yes();
      }
      assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
      return Answer.refused(JSON.readTree(response.body()).path("field").asText());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The event's bytes on its topic, keyed by its subject, written now. */
  private Answer engine(SpecificRecord event) {
    int before = engine.deadLetters().size();
    Envelope envelope = (Envelope) event.get(0);
    byte[] key = null;
    SpecificRecord onTheWire = event;
    if (envelope.getSubjectId() == null) {
      // Avro cannot write a null subject: what reaches the engine is a record without a key
      onTheWire =
          TestData.withEnvelope(event, Envelope.newBuilder(envelope).setSubjectId("").build());
    } else {
      key = envelope.getSubjectId().getBytes(StandardCharsets.UTF_8);
    }
    Topics topics = engine.topics();
    Topic<String, SpecificRecord> topic = topics.sourceOf(onTheWire).orElseThrow();
    byte[] value = topic.valueSerde().serializer().serialize(topic.name(), onTheWire);
    engine.sendRaw(topic, key, value, NOW);
    List<DeadLetter> letters = engine.deadLetters();
    return letters.size() == before
        ? Answer.yes()
        : Answer.refused(letters.get(letters.size() - 1).getReason());
  }

  private static MockProducer<byte[], byte[]> mockProducer() {
    return new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static Envelope envelope(String eventId, String subjectId, Instant at) {
    return envelope(eventId, subjectId, at, "webshop");
  }

  private static Envelope envelope(String eventId, String subjectId, Instant at, String source) {
    return new Envelope(eventId, subjectId, at, source, null);
  }

  private static Arguments web(String name, Envelope envelope, String path, String field) {
    return Arguments.of(name, new WebEvent(envelope, new PageViewed(path)), field);
  }

  private static Arguments support(
      String name, Envelope envelope, SpecificRecord payload, String field) {
    return Arguments.of(name, new SupportEvent(envelope, payload), field);
  }

  private static Arguments billing(
      String name, Envelope envelope, SpecificRecord payload, String field) {
    return Arguments.of(name, new BillingEvent(envelope, payload), field);
  }
}
