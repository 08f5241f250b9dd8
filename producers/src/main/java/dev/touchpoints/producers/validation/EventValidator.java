package dev.touchpoints.producers.validation;

import dev.touchpoints.avro.BillingEvent;
import dev.touchpoints.avro.CaseOpened;
import dev.touchpoints.avro.CaseReopened;
import dev.touchpoints.avro.CaseResolved;
import dev.touchpoints.avro.ContactMade;
import dev.touchpoints.avro.DisputeOpened;
import dev.touchpoints.avro.DisputeResolved;
import dev.touchpoints.avro.Envelope;
import dev.touchpoints.avro.ErrorShown;
import dev.touchpoints.avro.FormAbandoned;
import dev.touchpoints.avro.IdentityEvent;
import dev.touchpoints.avro.IdentityLinked;
import dev.touchpoints.avro.InvoiceIssued;
import dev.touchpoints.avro.InvoiceOverdue;
import dev.touchpoints.avro.MarketingEvent;
import dev.touchpoints.avro.PageViewed;
import dev.touchpoints.avro.PaymentFailed;
import dev.touchpoints.avro.PaymentReceived;
import dev.touchpoints.avro.PromiseMade;
import dev.touchpoints.avro.RefundIssued;
import dev.touchpoints.avro.ReminderSent;
import dev.touchpoints.avro.SelfServiceAttempted;
import dev.touchpoints.avro.SupportEvent;
import dev.touchpoints.avro.SurveyAnswered;
import dev.touchpoints.avro.SurveyKind;
import dev.touchpoints.avro.UpdateSent;
import dev.touchpoints.avro.WebEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecord;

/**
 * Checks an event before anything is sent: ids present and not blank, amounts not negative, enum
 * values known, survey scores in range, time not too far in the future, text well-formed, an
 * identity link pointing at another id. Plain Java, no Kafka. Messages never repeat a field's value
 * (it might be personal data).
 */
public final class EventValidator {

  /** Default tolerance for clocks of publishers running ahead of ours. */
  public static final Duration DEFAULT_MAX_FUTURE_SKEW = Duration.ofMinutes(5);

  /** Longest accepted id (event, subject, case, invoice, …). */
  public static final int MAX_ID_LENGTH = 200;

  /** Longest accepted free text (paths, descriptions, comments). */
  public static final int MAX_TEXT_LENGTH = 2_000;

  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

  private final Clock clock;
  private final Duration maxFutureSkew;

  /** A validator with the system clock and {@link #DEFAULT_MAX_FUTURE_SKEW}. */
  public EventValidator() {
    this(Clock.systemUTC(), DEFAULT_MAX_FUTURE_SKEW);
  }

  /** A validator that allows {@code occurredAt} up to {@code maxFutureSkew} after {@code clock}. */
  public EventValidator(Clock clock, Duration maxFutureSkew) {
    this.clock = Objects.requireNonNull(clock, "clock");
    if (maxFutureSkew.isNegative()) {
      throw new IllegalArgumentException("maxFutureSkew must not be negative");
    }
    this.maxFutureSkew = maxFutureSkew;
  }

  /** Throws {@link InvalidEventException} naming every offending field, or returns. */
  public void check(SpecificRecord event) {
    List<Violation> violations = violations(event);
    if (!violations.isEmpty()) {
      throw new InvalidEventException(violations);
    }
  }

  /** Every problem of the event; empty when it is valid. */
  public List<Violation> violations(SpecificRecord event) {
    Checks checks = new Checks();
    if (event == null) {
      checks.add("event", "missing", "is required");
      return checks.list;
    }
    Envelope envelope;
    Object payload;
    if (event instanceof WebEvent e) {
      envelope = e.getEnvelope();
      payload = e.getPayload();
    } else if (event instanceof BillingEvent e) {
      envelope = e.getEnvelope();
      payload = e.getPayload();
    } else if (event instanceof SupportEvent e) {
      envelope = e.getEnvelope();
      payload = e.getPayload();
    } else if (event instanceof MarketingEvent e) {
      envelope = e.getEnvelope();
      payload = e.getPayload();
    } else if (event instanceof IdentityEvent e) {
      envelope = e.getEnvelope();
      payload = e.getPayload();
    } else {
      checks.add("event", "unknown_type", "is not a touchpoint event or identity link");
      return checks.list;
    }
    envelope(checks, envelope);
    if (payload == null) {
      checks.add("payload", "missing", "is required");
    } else {
      payload(checks, payload, envelope);
    }
    return checks.list;
  }

  private void envelope(Checks c, Envelope envelope) {
    if (envelope == null) {
      c.add("envelope", "missing", "is required");
      return;
    }
    c.id("envelope.eventId", envelope.getEventId());
    c.id("envelope.subjectId", envelope.getSubjectId());
    c.required("envelope.occurredAt", envelope.getOccurredAt());
    Instant at = envelope.getOccurredAt();
    if (at != null && !at.isAfter(Instant.EPOCH)) {
      // the engine takes a time at or before 1970-01-01 for "not set" and dead-letters the event
      c.add("envelope.occurredAt", "not_set", "must be after 1970-01-01T00:00:00Z");
    } else if (at != null) {
      Instant latest = clock.instant().plus(maxFutureSkew);
      if (at.isAfter(latest)) {
        c.add(
            "envelope.occurredAt",
            "in_future",
            "is more than " + human(maxFutureSkew) + " in the future");
      }
    }
    c.id("envelope.source", envelope.getSource());
    c.optionalId("envelope.correlationId", envelope.getCorrelationId());
  }

  private void payload(Checks c, Object payload, Envelope envelope) {
    Instant occurredAt = envelope == null ? null : envelope.getOccurredAt();
    if (payload instanceof PageViewed p) {
      c.text("payload.path", p.getPath(), true);
    } else if (payload instanceof SelfServiceAttempted p) {
      c.required("payload.kind", p.getKind());
      c.required("payload.outcome", p.getOutcome());
      c.optionalId("payload.errorCode", p.getErrorCode());
    } else if (payload instanceof ErrorShown p) {
      c.required("payload.kind", p.getKind());
      c.text("payload.path", p.getPath(), true);
      if (p.getHttpStatus() != null && (p.getHttpStatus() < 100 || p.getHttpStatus() > 599)) {
        c.add("payload.httpStatus", "out_of_range", "must be an HTTP status from 100 to 599");
      }
    } else if (payload instanceof FormAbandoned p) {
      c.id("payload.form", p.getForm());
      c.optionalId("payload.step", p.getStep());
    } else if (payload instanceof InvoiceIssued p) {
      c.id("payload.invoiceId", p.getInvoiceId());
      c.money(p.getAmountCents(), p.getCurrency());
      c.required("payload.dueAt", p.getDueAt());
    } else if (payload instanceof ReminderSent p) {
      c.id("payload.invoiceId", p.getInvoiceId());
    } else if (payload instanceof InvoiceOverdue p) {
      c.id("payload.invoiceId", p.getInvoiceId());
      c.money(p.getAmountCents(), p.getCurrency());
      if (p.getDaysOverdue() < 0) {
        c.add("payload.daysOverdue", "negative", "must not be negative");
      }
    } else if (payload instanceof PaymentReceived p) {
      c.optionalId("payload.invoiceId", p.getInvoiceId());
      c.money(p.getAmountCents(), p.getCurrency());
    } else if (payload instanceof PaymentFailed p) {
      c.optionalId("payload.invoiceId", p.getInvoiceId());
      c.money(p.getAmountCents(), p.getCurrency());
      c.text("payload.reason", p.getReason(), false);
    } else if (payload instanceof DisputeOpened p) {
      c.id("payload.disputeId", p.getDisputeId());
      c.optionalId("payload.invoiceId", p.getInvoiceId());
    } else if (payload instanceof DisputeResolved p) {
      c.id("payload.disputeId", p.getDisputeId());
      c.required("payload.outcome", p.getOutcome());
    } else if (payload instanceof RefundIssued p) {
      c.optionalId("payload.invoiceId", p.getInvoiceId());
      c.money(p.getAmountCents(), p.getCurrency());
    } else if (payload instanceof CaseOpened p) {
      c.id("payload.caseId", p.getCaseId());
      c.required("payload.kind", p.getKind());
      c.notBefore("payload.nextUpdateDueAt", p.getNextUpdateDueAt(), occurredAt);
    } else if (payload instanceof UpdateSent p) {
      c.id("payload.caseId", p.getCaseId());
      c.optionalId("payload.promiseId", p.getPromiseId());
      c.notBefore("payload.nextUpdateDueAt", p.getNextUpdateDueAt(), occurredAt);
    } else if (payload instanceof PromiseMade p) {
      c.id("payload.promiseId", p.getPromiseId());
      c.optionalId("payload.caseId", p.getCaseId());
      c.required("payload.dueAt", p.getDueAt());
      c.notBefore("payload.dueAt", p.getDueAt(), occurredAt);
      c.text("payload.description", p.getDescription(), false);
    } else if (payload instanceof CaseResolved p) {
      c.id("payload.caseId", p.getCaseId());
      c.required("payload.outcome", p.getOutcome());
    } else if (payload instanceof CaseReopened p) {
      c.id("payload.caseId", p.getCaseId());
      c.notBefore("payload.nextUpdateDueAt", p.getNextUpdateDueAt(), occurredAt);
    } else if (payload instanceof SurveyAnswered p) {
      survey(c, p);
    } else if (payload instanceof ContactMade p) {
      c.required("payload.channel", p.getChannel());
      c.required("payload.purpose", p.getPurpose());
      c.optionalId("payload.campaignId", p.getCampaignId());
    } else if (payload instanceof IdentityLinked p) {
      link(c, p, envelope == null ? null : envelope.getSubjectId());
    } else {
      c.add("payload", "unknown_type", "is not a known payload record");
    }
  }

  private static void survey(Checks c, SurveyAnswered p) {
    c.required("payload.survey", p.getSurvey());
    c.optionalId("payload.caseId", p.getCaseId());
    c.text("payload.comment", p.getComment(), false);
    if (p.getSurvey() == SurveyKind.CSAT && (p.getScore() < 1 || p.getScore() > 5)) {
      c.add("payload.score", "out_of_range", "must be 1 to 5 for a CSAT survey");
    } else if (p.getSurvey() == SurveyKind.NPS && (p.getScore() < 0 || p.getScore() > 10)) {
      c.add("payload.score", "out_of_range", "must be 0 to 10 for an NPS survey");
    }
  }

  /** The engine refuses a link to the subject itself; so does the publisher, naming the field. */
  private static void link(Checks c, IdentityLinked p, String subjectId) {
    c.id("payload.linkedTo", p.getLinkedTo());
    if (p.getLinkedTo() != null
        && subjectId != null
        && p.getLinkedTo().strip().equals(subjectId.strip())) {
      c.add("payload.linkedTo", "same_as_subject", "must differ from envelope.subjectId");
    }
  }

  private static String human(Duration d) {
    if (d.toSeconds() % 3600 == 0 && d.toHours() > 0) {
      return d.toHours() + "h";
    }
    if (d.toSeconds() % 60 == 0 && d.toMinutes() > 0) {
      return d.toMinutes() + "m";
    }
    return d.toMillis() + "ms";
  }

  /** Collects violations; one per field at most. */
  private static final class Checks {
    private final List<Violation> list = new ArrayList<>();

    void add(String field, String code, String message) {
      if (list.stream().noneMatch(v -> v.field().equals(field))) {
        list.add(new Violation(field, code, message));
      }
    }

    void required(String field, Object value) {
      if (value == null) {
        add(field, "missing", "is required");
      }
    }

    void id(String field, String value) {
      if (value == null) {
        add(field, "missing", "is required");
      } else {
        optionalId(field, value);
      }
    }

    void optionalId(String field, String value) {
      if (value == null) {
        return;
      }
      if (value.isBlank()) {
        add(field, "blank", "must not be blank");
      } else if (value.length() > MAX_ID_LENGTH) {
        add(field, "too_long", "must be at most " + MAX_ID_LENGTH + " characters");
      } else if (!wellFormed(value, false)) {
        add(field, "invalid_text", "must not contain control characters or broken unicode");
      }
    }

    void text(String field, String value, boolean required) {
      if (value == null) {
        if (required) {
          add(field, "missing", "is required");
        }
        return;
      }
      if (required && value.isBlank()) {
        add(field, "blank", "must not be blank");
      } else if (value.length() > MAX_TEXT_LENGTH) {
        add(field, "too_long", "must be at most " + MAX_TEXT_LENGTH + " characters");
      } else if (!wellFormed(value, true)) {
        add(field, "invalid_text", "must not contain control characters or broken unicode");
      }
    }

    void money(long amountCents, String currency) {
      if (amountCents < 0) {
        add("payload.amountCents", "negative", "must not be negative");
      }
      if (currency == null) {
        add("payload.currency", "missing", "is required");
      } else if (!CURRENCY.matcher(currency).matches()) {
        add("payload.currency", "unknown_value", "must be an ISO 4217 code such as EUR");
      }
    }

    void notBefore(String field, Instant value, Instant occurredAt) {
      if (value != null && occurredAt != null && value.isBefore(occurredAt)) {
        add(field, "out_of_range", "must not be before envelope.occurredAt");
      }
    }

    /** No control characters (tabs and newlines only in free text), no unpaired surrogates. */
    private static boolean wellFormed(String s, boolean freeText) {
      for (int i = 0; i < s.length(); i++) {
        char ch = s.charAt(i);
        if (Character.isHighSurrogate(ch)) {
          if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
            return false;
          }
          i++;
        } else if (Character.isLowSurrogate(ch)) {
          return false;
        } else if (Character.isISOControl(ch)
            && !(freeText && (ch == '\n' || ch == '\t' || ch == '\r'))) {
          return false;
        } else if (ch == '\uFFFE' || ch == '\uFFFF') {
          return false;
        }
      }
      return true;
    }
  }
}
