package dev.touchpoints.streams;

import dev.touchpoints.avro.AttemptOutcome;
import dev.touchpoints.avro.BillingEvent;
import dev.touchpoints.avro.CaseKind;
import dev.touchpoints.avro.CaseOpened;
import dev.touchpoints.avro.CaseOutcome;
import dev.touchpoints.avro.CaseResolved;
import dev.touchpoints.avro.ContactChannel;
import dev.touchpoints.avro.ContactMade;
import dev.touchpoints.avro.ContactPurpose;
import dev.touchpoints.avro.Envelope;
import dev.touchpoints.avro.ErrorShown;
import dev.touchpoints.avro.InvoiceIssued;
import dev.touchpoints.avro.InvoiceOverdue;
import dev.touchpoints.avro.MarketingEvent;
import dev.touchpoints.avro.PageViewed;
import dev.touchpoints.avro.PaymentReceived;
import dev.touchpoints.avro.PromiseMade;
import dev.touchpoints.avro.SelfServiceAttempted;
import dev.touchpoints.avro.SelfServiceKind;
import dev.touchpoints.avro.SupportEvent;
import dev.touchpoints.avro.SurveyAnswered;
import dev.touchpoints.avro.SurveyKind;
import dev.touchpoints.avro.UpdateSent;
import dev.touchpoints.avro.WebErrorKind;
import dev.touchpoints.avro.WebEvent;
import dev.touchpoints.core.config.AppConfig;
import dev.touchpoints.core.events.EventFamily;
import dev.touchpoints.core.topics.Topics;
import dev.touchpoints.streams.model.Classifier;
import dev.touchpoints.streams.model.Touchpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.specific.SpecificRecord;

/** Builders for test events, topics and policies. */
public final class TestData {

  /** The moment every story starts. */
  public static final Instant T0 = Instant.parse("2025-03-03T09:00:00Z");

  private static final AtomicLong IDS = new AtomicLong();

  private TestData() {}

  /** {@code T0} plus some days. */
  public static Instant day(double days) {
    return T0.plusMillis(Math.round(days * 86_400_000));
  }

  /** {@code T0} plus some minutes. */
  public static Instant minute(double minutes) {
    return T0.plusMillis(Math.round(minutes * 60_000));
  }

  /** Topics bound to a fresh in-JVM schema registry. */
  public static Topics topics() {
    return Topics.fromConfig(config(Map.of()));
  }

  /** A config with a fresh in-JVM registry and the given settings. */
  public static AppConfig config(Map<String, String> settings) {
    Map<String, String> app = new HashMap<>(settings);
    app.putIfAbsent("schema.registry.url", "mock://streams-test-" + UUID.randomUUID());
    return AppConfig.of(app, Map.of("bootstrap.servers", "localhost:9092"));
  }

  /** The default policy with some settings changed. */
  public static Policy policy(Map<String, String> settings) {
    return Policy.fromConfig(config(settings));
  }

  /** An envelope with a fresh event id. */
  public static Envelope envelope(String subject, Instant at) {
    return envelope("evt-" + IDS.incrementAndGet(), subject, at);
  }

  /** An envelope. */
  public static Envelope envelope(String eventId, String subject, Instant at) {
    return Envelope.newBuilder()
        .setEventId(eventId)
        .setSubjectId(subject)
        .setOccurredAt(at)
        .setSource("test")
        .build();
  }

  /** The same event with another envelope (its payload kept). */
  public static SpecificRecord withEnvelope(SpecificRecord e, Envelope envelope) {
    EventFamily<?> family = EventFamily.ofEvent(e).orElseThrow();
    return family.newEvent(envelope, family.payload(e));
  }

  public static WebEvent web(String subject, Instant at, Object payload) {
    return new WebEvent(envelope(subject, at), payload);
  }

  public static BillingEvent billing(String subject, Instant at, Object payload) {
    return new BillingEvent(envelope(subject, at), payload);
  }

  public static SupportEvent support(String subject, Instant at, Object payload) {
    return new SupportEvent(envelope(subject, at), payload);
  }

  public static MarketingEvent marketing(String subject, Instant at, Object payload) {
    return new MarketingEvent(envelope(subject, at), payload);
  }

  /** The touchpoint of an event, as the decoder would make it. */
  public static Touchpoint touchpoint(SpecificRecord event) {
    return Classifier.classify(event, null);
  }

  public static PageViewed pageViewed(String path) {
    return new PageViewed(path);
  }

  public static SelfServiceAttempted selfService(SelfServiceKind kind, AttemptOutcome outcome) {
    return new SelfServiceAttempted(
        kind, outcome, outcome == AttemptOutcome.FAILED ? "E-500" : null);
  }

  public static SelfServiceAttempted failedPasswordReset() {
    return selfService(SelfServiceKind.PASSWORD_RESET, AttemptOutcome.FAILED);
  }

  public static ErrorShown checkoutError() {
    return new ErrorShown(WebErrorKind.CHECKOUT_ERROR, "/checkout", 500);
  }

  public static CaseOpened caseOpened(String caseId, CaseKind kind, Instant nextUpdateDueAt) {
    return new CaseOpened(caseId, kind, nextUpdateDueAt);
  }

  public static UpdateSent updateSent(String caseId, Instant nextUpdateDueAt) {
    return new UpdateSent(caseId, null, nextUpdateDueAt);
  }

  public static PromiseMade promise(
      String promiseId, String caseId, Instant dueAt, String description) {
    return new PromiseMade(promiseId, caseId, dueAt, description);
  }

  public static CaseResolved resolved(String caseId, CaseOutcome outcome) {
    return new CaseResolved(caseId, outcome);
  }

  public static SurveyAnswered csat(int score, String caseId) {
    return new SurveyAnswered(SurveyKind.CSAT, score, caseId, null);
  }

  public static InvoiceIssued invoiceIssued(String invoiceId, long cents, Instant dueAt) {
    return new InvoiceIssued(invoiceId, cents, "EUR", dueAt);
  }

  public static InvoiceOverdue invoiceOverdue(String invoiceId, long cents, int days) {
    return new InvoiceOverdue(invoiceId, cents, "EUR", days);
  }

  public static PaymentReceived paymentReceived(String invoiceId, long cents) {
    return new PaymentReceived(invoiceId, cents, "EUR");
  }

  public static ContactMade contact(ContactChannel channel, ContactPurpose purpose) {
    return new ContactMade(channel, purpose, "spring-campaign");
  }

  /** A duration in days. */
  public static Duration days(long days) {
    return Duration.ofDays(days);
  }
}
