package dev.touchpoints.producers.validation;

import static dev.touchpoints.producers.TestData.EVENTS;
import static dev.touchpoints.producers.TestData.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.touchpoints.avro.BillingEvent;
import dev.touchpoints.avro.CaseKind;
import dev.touchpoints.avro.Envelope;
import dev.touchpoints.avro.IdentityEvent;
import dev.touchpoints.avro.InvoiceIssued;
import dev.touchpoints.avro.PageViewed;
import dev.touchpoints.avro.SurveyKind;
import dev.touchpoints.avro.WebErrorKind;
import dev.touchpoints.avro.WebEvent;
import dev.touchpoints.core.config.AppConfig;
import dev.touchpoints.core.validation.EventValidator;
import dev.touchpoints.core.validation.InvalidEventException;
import dev.touchpoints.core.validation.Violation;
import dev.touchpoints.producers.TestData;
import java.time.Duration;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventValidatorTest {

  private final EventValidator validator =
      new EventValidator(TestData.CLOCK, Duration.ofMinutes(5));

  @Test
  void shouldAcceptEveryEventTypeWhenWellFormed() {
    // Given one valid event of each type
    var events = TestData.oneOfEach("cust-1");

    // When / Then
    assertThat(events).hasSize(20).allSatisfy(e -> assertThat(validator.violations(e)).isEmpty());
  }

  @Test
  void shouldNameEnvelopeFieldWhenSubjectIdIsBlank() {
    // Given
    WebEvent event = EVENTS.web("   ").pageViewed("/");

    // When / Then
    assertThatThrownBy(() -> validator.check(event))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageContaining("envelope.subjectId")
        .satisfies(
            e -> assertThat(((InvalidEventException) e).field()).isEqualTo("envelope.subjectId"));
  }

  @Test
  void shouldRejectWhenSubjectIdIsMissing() {
    WebEvent event = EVENTS.web(null).pageViewed("/");

    assertThat(validator.violations(event))
        .extracting(Violation::field, Violation::code)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("envelope.subjectId", "missing"));
  }

  @Test
  void shouldRejectWhenEventIdIsBlank() {
    WebEvent event = EVENTS.web("cust-1").eventId("").pageViewed("/");

    assertThat(validator.violations(event))
        .extracting(Violation::field)
        .containsExactly("envelope.eventId");
  }

  @Test
  void shouldRejectWhenOccurredAtIsBeyondTheSkewInTheFuture() {
    WebEvent event =
        EVENTS.web("cust-1").occurredAt(NOW.plus(Duration.ofMinutes(6))).pageViewed("/");

    assertThat(validator.violations(event))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.field()).isEqualTo("envelope.occurredAt");
              assertThat(v.code()).isEqualTo("in_future");
              assertThat(v.message()).contains("5m");
            });
  }

  @Test
  void shouldMeasureHowFarAheadFromWhenTheEventWasSent() {
    // Given an event dated two hours after the validator's clock
    WebEvent event = EVENTS.web("cust-1").occurredAt(NOW.plus(Duration.ofHours(2))).pageViewed("/");

    // Then it is too far ahead when sent now, not when its record was written later (the engine's
    // view), and no time is too far ahead when the sending time is unknown
    assertThat(validator.violations(event, NOW))
        .singleElement()
        .satisfies(
            v ->
                assertThat(v.message())
                    .isEqualTo("is 2h later than the event was sent, more than the 5m allowed"));
    assertThat(validator.violations(event, NOW.plus(Duration.ofMinutes(116)))).isEmpty();
    assertThat(validator.violations(event, null)).isEmpty();
  }

  @Test
  void shouldNeverAllowAnEventFurtherAheadThanKafkaAccepts() {
    // Given a validator told to allow a day
    EventValidator lenient = new EventValidator(TestData.CLOCK, Duration.ofDays(1));

    // Then it allows an hour, what Kafka accepts
    assertThat(lenient.maxFutureSkew()).isEqualTo(EventValidator.MAX_AHEAD_KAFKA_ACCEPTS);
    assertThat(
            lenient.violations(
                EVENTS.web("cust-1").occurredAt(NOW.plus(Duration.ofMinutes(61))).pageViewed("/")))
        .extracting(Violation::code)
        .containsExactly("in_future");
  }

  @ParameterizedTest
  @CsvSource(
      value = {"NULL, NULL, 1h", "10m, NULL, 10m", "NULL, 5m, 5m", "10m, 5m, 10m", "1h, NULL, 1h"},
      nullValues = "NULL")
  void shouldReadTheEnginesSkewSettingOrItsEarlierPublisherName(
      String setting, String earlier, String expected) {
    // Given the engine's setting and the publisher's earlier name for it, either or both set
    java.util.Map<String, String> app = new java.util.HashMap<>();
    if (setting != null) {
      app.put(EventValidator.MAX_FUTURE_SKEW, setting);
    }
    if (earlier != null) {
      app.put(EventValidator.EARLIER_MAX_FUTURE_SKEW, earlier);
    }

    // When it is read, Then the setting wins, the earlier name stands in
    assertThat(EventValidator.maxFutureSkew(AppConfig.of(app, java.util.Map.of())))
        .isEqualTo(AppConfig.parseDuration(expected));
  }

  @ParameterizedTest
  @CsvSource({"policy.validation.max-future-skew, 3h", "publisher.max.future.skew, 61m"})
  void shouldRefuseASkewSettingBeyondWhatKafkaAcceptsNamingTheKeyAndTheRange(
      String key, String value) {
    // Given the setting, or its earlier name, asking for more than Kafka accepts
    AppConfig config = AppConfig.of(java.util.Map.of(key, value), java.util.Map.of());

    // Then reading it fails, naming the key and the range, instead of quietly allowing an hour
    assertThatThrownBy(() -> EventValidator.maxFutureSkew(config))
        .isInstanceOf(org.apache.kafka.common.config.ConfigException.class)
        .hasMessage(
            "Invalid value '" + value + "' for setting '" + key + "': must be between 0s and 1h");
  }

  @Test
  void shouldSayHowLongATooLongIdIsWithoutRepeatingIt() {
    SpecificRecord event = EVENTS.web("x".repeat(201)).pageViewed("/");

    assertThat(validator.violations(event))
        .singleElement()
        .satisfies(
            v -> assertThat(v.message()).isEqualTo("must be at most 200 characters, not 201"));
  }

  @Test
  void shouldRejectAnEventDatedAtTheEpochWhichTheEngineTakesForNotSet() {
    WebEvent event = EVENTS.web("cust-1").occurredAt(Instant.EPOCH).pageViewed("/");

    assertThat(validator.violations(event))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.field()).isEqualTo("envelope.occurredAt");
              assertThat(v.code()).isEqualTo("not_set");
            });
  }

  @Test
  void shouldAcceptWhenOccurredAtIsWithinTheSkew() {
    WebEvent event =
        EVENTS.web("cust-1").occurredAt(NOW.plus(Duration.ofMinutes(4))).pageViewed("/");

    assertThat(validator.violations(event)).isEmpty();
  }

  @Test
  void shouldRejectWhenAmountIsNegative() {
    BillingEvent event = EVENTS.billing("cust-1").paymentReceived("inv-1", -1, "EUR");

    assertThat(validator.violations(event))
        .extracting(Violation::field, Violation::code)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("payload.amountCents", "negative"));
  }

  @Test
  void shouldRejectWhenCurrencyIsNotIso4217() {
    BillingEvent event = EVENTS.billing("cust-1").refundIssued(null, 10, "euro");

    assertThat(validator.violations(event))
        .extracting(Violation::field)
        .containsExactly("payload.currency");
  }

  @ParameterizedTest(name = "{0} score {1} valid={2}")
  @CsvSource({
    "CSAT, 0, false",
    "CSAT, 1, true",
    "CSAT, 5, true",
    "CSAT, 6, false",
    "NPS, -1, false",
    "NPS, 0, true",
    "NPS, 10, true",
    "NPS, 11, false"
  })
  void shouldCheckSurveyScoreRangeWhenSurveyIsAnswered(SurveyKind kind, int score, boolean valid) {
    SpecificRecord event = EVENTS.support("cust-1").surveyAnswered(kind, score, null, null);

    assertThat(validator.violations(event).isEmpty()).isEqualTo(valid);
    if (!valid) {
      assertThat(validator.violations(event))
          .extracting(Violation::field)
          .containsExactly("payload.score");
    }
  }

  @Test
  void shouldRejectWhenEnumValueIsMissing() {
    SpecificRecord event = EVENTS.support("cust-1").caseOpened("case-1", null, null);

    assertThat(validator.violations(event))
        .extracting(Violation::field, Violation::code)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("payload.kind", "missing"));
  }

  @Test
  void shouldRejectWhenPromiseIsDueBeforeItWasMade() {
    SpecificRecord event =
        EVENTS.support("cust-1").promiseMade("p-1", null, NOW.minus(Duration.ofDays(1)), null);

    assertThat(validator.violations(event))
        .extracting(Violation::field)
        .containsExactly("payload.dueAt");
  }

  @Test
  void shouldRejectWhenIdHasLoneSurrogate() {
    SpecificRecord event = EVENTS.web("cust-\uD800").pageViewed("/");

    assertThat(validator.violations(event))
        .extracting(Violation::code)
        .containsExactly("invalid_text");
  }

  @Test
  void shouldAcceptWhenIdHasEmojiAndAccents() {
    SpecificRecord event = EVENTS.web("käyttäjä-\uD83D\uDE00").pageViewed("/kassa");

    assertThat(validator.violations(event)).isEmpty();
  }

  @Test
  void shouldRejectWhenIdIsTooLong() {
    SpecificRecord event = EVENTS.web("x".repeat(201)).pageViewed("/");

    assertThat(validator.violations(event)).extracting(Violation::code).containsExactly("too_long");
  }

  @Test
  void shouldRejectWhenHttpStatusIsOutOfRange() {
    SpecificRecord event = EVENTS.web("cust-1").errorShown(WebErrorKind.ERROR_PAGE, "/", 42);

    assertThat(validator.violations(event))
        .extracting(Violation::field)
        .containsExactly("payload.httpStatus");
  }

  @Test
  void shouldReportEveryFieldWhenSeveralAreWrong() {
    InvoiceIssued invoice = new InvoiceIssued(" ", -5L, "EUR", NOW);
    invoice.put(3, null);
    BillingEvent event =
        new BillingEvent(
            new Envelope("", "cust-1", NOW.plus(Duration.ofDays(1)), "billing", null), invoice);

    assertThat(validator.violations(event))
        .extracting(Violation::field)
        .containsExactly(
            "envelope.eventId",
            "envelope.occurredAt",
            "payload.invoiceId",
            "payload.amountCents",
            "payload.dueAt");
  }

  @Test
  void shouldRejectWhenEnvelopeOrPayloadIsMissing() {
    assertThat(validator.violations(new WebEvent(null, new PageViewed("/"))))
        .extracting(Violation::field)
        .containsExactly("envelope");
    assertThat(validator.violations(new WebEvent(new Envelope("e", "s", NOW, "web", null), null)))
        .extracting(Violation::field)
        .containsExactly("payload");
  }

  @Test
  void shouldRejectWhenRecordIsNotATouchpointEvent() {
    assertThat(validator.violations(new PageViewed("/")))
        .extracting(Violation::code)
        .containsExactly("unknown_type");
  }

  @Test
  void shouldNotRepeatTheValueWhenDescribingAViolation() {
    WebEvent event = EVENTS.web("secret\u0007person").pageViewed("/");

    assertThatThrownBy(() -> validator.check(event)).hasMessageNotContaining("secret");
  }

  @Test
  void shouldAcceptCaseOpenedWithoutDueDate() {
    assertThat(validator.violations(EVENTS.support("c").caseOpened("k", CaseKind.QUESTION, null)))
        .isEmpty();
  }

  @Test
  void shouldAcceptIdentityLinkWhenItPointsAtAnotherId() {
    IdentityEvent link = EVENTS.identity("visitor-123").source("webshop").linkedTo("cust-42");

    assertThat(validator.violations(link)).isEmpty();
  }

  @Test
  void shouldRejectIdentityLinkWhenLinkedToIsTheSubjectItself() {
    IdentityEvent link = EVENTS.identity("cust-42").linkedTo("cust-42");

    assertThatThrownBy(() -> validator.check(link))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageContaining("payload.linkedTo")
        .satisfies(
            e ->
                assertThat(((InvalidEventException) e).violations())
                    .extracting(Violation::field, Violation::code)
                    .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                            "payload.linkedTo", "same_as_subject")));
  }

  @Test
  void shouldRejectIdentityLinkWhenLinkedToDiffersFromSubjectOnlyBySpaces() {
    IdentityEvent link = EVENTS.identity("cust-42").linkedTo(" cust-42 ");

    assertThat(validator.violations(link))
        .extracting(Violation::field, Violation::code)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("payload.linkedTo", "same_as_subject"));
  }

  @ParameterizedTest
  @CsvSource(
      value = {"NULL, missing", "'', blank", "'   ', blank"},
      nullValues = "NULL")
  void shouldNameLinkedToWhenItIsMissingOrBlank(String linkedTo, String code) {
    IdentityEvent link = EVENTS.identity("visitor-123").linkedTo(linkedTo);

    assertThat(validator.violations(link))
        .extracting(Violation::field, Violation::code)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("payload.linkedTo", code));
  }
}
