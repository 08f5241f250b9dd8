package dev.touchpoints.producers;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.touchpoints.avro.AttemptOutcome;
import dev.touchpoints.avro.CaseKind;
import dev.touchpoints.avro.CaseOutcome;
import dev.touchpoints.avro.ContactChannel;
import dev.touchpoints.avro.ContactPurpose;
import dev.touchpoints.avro.DisputeOutcome;
import dev.touchpoints.avro.SelfServiceKind;
import dev.touchpoints.avro.SurveyKind;
import dev.touchpoints.avro.WebErrorKind;
import dev.touchpoints.core.config.AppConfig;
import dev.touchpoints.core.topics.Topics;
import dev.touchpoints.producers.events.Events;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;

/** Test data shared by the producer tests: a fixed clock, configs, one event of every type. */
public final class TestData {

  /** "Now" in every unit test. */
  public static final Instant NOW = Instant.parse("2026-11-01T10:00:00Z");

  public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  public static final Events EVENTS = Events.withClock(CLOCK);

  private TestData() {}

  /** A config with an in-JVM registry of its own scope. */
  public static AppConfig mockConfig() {
    return AppConfig.of(
        Map.of("schema.registry.url", "mock://producers-" + UUID.randomUUID()),
        Map.of("bootstrap.servers", "localhost:1"));
  }

  /** A config for a real broker and registry. */
  public static AppConfig config(String bootstrap, String registryUrl) {
    return AppConfig.of(
        Map.of("schema.registry.url", registryUrl), Map.of("bootstrap.servers", bootstrap));
  }

  public static Topics topics(AppConfig config) {
    return Topics.fromConfig(config);
  }

  /**
   * One valid event of every type, for subject {@code subjectId}: the touchpoints, then an identity
   * link from the subject to another id.
   */
  public static List<SpecificRecord> oneOfEach(String subjectId) {
    Instant later = NOW.plus(Duration.ofDays(2));
    return List.of(
        EVENTS.web(subjectId).pageViewed("/pricing"),
        EVENTS
            .web(subjectId)
            .selfServiceAttempted(SelfServiceKind.LOGIN, AttemptOutcome.FAILED, "E42"),
        EVENTS.web(subjectId).errorShown(WebErrorKind.CHECKOUT_ERROR, "/checkout", 503),
        EVENTS.web(subjectId).formAbandoned("signup", "address"),
        EVENTS.billing(subjectId).invoiceIssued("inv-1", 2_000, "EUR", later),
        EVENTS.billing(subjectId).reminderSent("inv-1"),
        EVENTS.billing(subjectId).invoiceOverdue("inv-1", 2_000, "EUR", 7),
        EVENTS.billing(subjectId).paymentReceived("inv-1", 2_000, "EUR"),
        EVENTS.billing(subjectId).paymentFailed(null, 2_000, "EUR", "card declined"),
        EVENTS.billing(subjectId).disputeOpened("dsp-1", "inv-1"),
        EVENTS.billing(subjectId).disputeResolved("dsp-1", DisputeOutcome.SETTLED),
        EVENTS.billing(subjectId).refundIssued("inv-1", 500, "EUR"),
        EVENTS.support(subjectId).caseOpened("case-1", CaseKind.COMPLAINT, later),
        EVENTS.support(subjectId).updateSent("case-1", null, later),
        EVENTS.support(subjectId).promiseMade("p-1", "case-1", later, "call back"),
        EVENTS.support(subjectId).caseResolved("case-1", CaseOutcome.SOLVED),
        EVENTS.support(subjectId).caseReopened("case-1", later),
        EVENTS.support(subjectId).surveyAnswered(SurveyKind.NPS, 9, "case-1", null),
        EVENTS
            .marketing(subjectId)
            .contactMade(ContactChannel.EMAIL, ContactPurpose.NEWSLETTER, "c-1"),
        EVENTS.identity(subjectId).deliberatelyLinkedTo("account-" + subjectId));
  }

  /** A valid flat JSON {@code support.case_opened} event. */
  public static ObjectNode caseOpenedJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("type", "support.case_opened");
    node.put("eventId", "evt-1");
    node.put("subjectId", "cust-42");
    node.put("occurredAt", "2026-11-01T09:00:00Z");
    node.put("source", "helpdesk");
    node.put("caseId", "case-7");
    node.put("kind", "COMPLAINT");
    node.put("nextUpdateDueAt", "2026-11-03T10:00:00Z");
    return node;
  }

  /** A valid flat JSON {@code billing.invoice_issued} event. */
  public static ObjectNode invoiceIssuedJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("type", "billing.invoice_issued");
    node.put("subjectId", "cust-42");
    node.put("occurredAt", "2026-11-01T09:00:00Z");
    node.put("source", "billing");
    node.put("invoiceId", "inv-9");
    node.put("amountCents", 2_000);
    node.put("currency", "EUR");
    node.put("dueAt", "2026-11-15T00:00:00Z");
    return node;
  }

  /** A valid flat JSON {@code identity.identity_linked} event: visitor-123 is cust-42. */
  public static ObjectNode identityLinkedJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("type", "identity.identity_linked");
    node.put("eventId", "link-1");
    node.put("subjectId", "visitor-123");
    node.put("occurredAt", "2026-11-01T09:00:00Z");
    node.put("source", "webshop");
    node.put("linkedTo", "cust-42");
    node.put("deliberate", false);
    return node;
  }
}
