package dev.touchpoints.core.validation;

import dev.touchpoints.avro.CaseOpened;
import dev.touchpoints.avro.CaseReopened;
import dev.touchpoints.avro.CaseResolved;
import dev.touchpoints.avro.ContactMade;
import dev.touchpoints.avro.DisputeOpened;
import dev.touchpoints.avro.DisputeResolved;
import dev.touchpoints.avro.Envelope;
import dev.touchpoints.avro.ErrorShown;
import dev.touchpoints.avro.FormAbandoned;
import dev.touchpoints.avro.IdentityLinked;
import dev.touchpoints.avro.InvoiceIssued;
import dev.touchpoints.avro.InvoiceOverdue;
import dev.touchpoints.avro.PageViewed;
import dev.touchpoints.avro.PaymentFailed;
import dev.touchpoints.avro.PaymentReceived;
import dev.touchpoints.avro.PromiseMade;
import dev.touchpoints.avro.RefundIssued;
import dev.touchpoints.avro.ReminderSent;
import dev.touchpoints.avro.SelfServiceAttempted;
import dev.touchpoints.avro.SurveyAnswered;
import dev.touchpoints.avro.SurveyKind;
import dev.touchpoints.avro.UpdateSent;
import dev.touchpoints.core.config.AppConfig;
import dev.touchpoints.core.events.EventFamily;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificRecord;

/**
 * What makes a touchpoint event or an identity link valid: the one set of rules that the publisher
 * ({@code TouchpointPublisher}), the gateway and the engine's decode step apply, so that an event a
 * publisher was told is stored is an event the engine accepts ({@code docs/events.md}, "What is
 * valid"). Ids present, not blank, at most {@link #MAX_ID_LENGTH} characters; free text at most
 * {@link #MAX_TEXT_LENGTH}; amounts not negative, enum values known, survey scores in range; a time
 * after 1970-01-01 and at most {@link #maxFutureSkew()} after the event was sent; an identity link
 * pointing at another id. Plain Java, no Kafka. Messages never repeat a field's value (it might be
 * personal data).
 */
public final class EventValidator {

  /** The setting for how far an event may be dated after it was sent. */
  public static final String MAX_FUTURE_SKEW = "policy.validation.max-future-skew";

  /** The publisher's earlier name for {@link #MAX_FUTURE_SKEW}; still read when that is not set. */
  public static final String EARLIER_MAX_FUTURE_SKEW = "publisher.max.future.skew";

  /**
   * The furthest an event may be dated after it was sent, whatever the setting says. The engine
   * stamps what it writes (views, alerts, changelogs) with event time, and Kafka refuses records
   * stamped more than {@code log.message.timestamp.after.max.ms} (one hour by default since Kafka
   * 4.0) ahead of the broker's clock: accepting such an event would fail its task on every retry.
   */
  public static final Duration MAX_AHEAD_KAFKA_ACCEPTS = Duration.ofHours(1);

  /**
   * Default tolerance for publishers' clocks running ahead: all that Kafka allows, so that a source
   * whose clock runs fast still has its customers' moments counted.
   */
  public static final Duration DEFAULT_MAX_FUTURE_SKEW = MAX_AHEAD_KAFKA_ACCEPTS;

  /**
   * Longest accepted id (event, subject, source, case, invoice, …): ids are kept in state, views
   * and alerts for years.
   */
  public static final int MAX_ID_LENGTH = 200;

  /**
   * Longest accepted free text (paths, descriptions, comments), and any other string of a payload:
   * unbounded, one event could push a state record past Kafka's record size and stop its task.
   */
  public static final int MAX_TEXT_LENGTH = 2_000;

  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

  private final Clock clock;
  private final Duration maxFutureSkew;

  /** A validator with the system clock and {@link #DEFAULT_MAX_FUTURE_SKEW}. */
  public EventValidator() {
    this(Clock.systemUTC(), DEFAULT_MAX_FUTURE_SKEW);
  }

  /**
   * A validator that allows {@code occurredAt} up to {@code maxFutureSkew} (at most {@link
   * #MAX_AHEAD_KAFKA_ACCEPTS}) after the time an event is sent, by default {@code clock}'s now.
   */
  public EventValidator(Clock clock, Duration maxFutureSkew) {
    this.clock = Objects.requireNonNull(clock, "clock");
    if (maxFutureSkew.isNegative()) {
      throw new IllegalArgumentException("maxFutureSkew must not be negative");
    }
    this.maxFutureSkew = capped(maxFutureSkew);
  }

  /**
   * The {@link #MAX_FUTURE_SKEW} setting of {@code config} (or its earlier name, {@link
   * #EARLIER_MAX_FUTURE_SKEW}), {@link #DEFAULT_MAX_FUTURE_SKEW} when neither is set, at most
   * {@link #MAX_AHEAD_KAFKA_ACCEPTS}. The publisher, the gateway and the engine read it alike.
   */
  public static Duration maxFutureSkew(AppConfig config) {
    return capped(config.get(ValidationSettings.MAX_FUTURE_SKEW));
  }

  private static Duration capped(Duration skew) {
    return skew.compareTo(MAX_AHEAD_KAFKA_ACCEPTS) > 0 ? MAX_AHEAD_KAFKA_ACCEPTS : skew;
  }

  /** How far an event may be dated after it was sent (the setting, capped at one hour). */
  public Duration maxFutureSkew() {
    return maxFutureSkew;
  }

  /**
   * Throws {@link InvalidEventException} naming every offending field, or returns; the event is
   * being sent now (the clock's).
   */
  public void check(SpecificRecord event) {
    List<Violation> violations = violations(event);
    if (!violations.isEmpty()) {
      throw new InvalidEventException(violations);
    }
  }

  /** Every problem of an event being sent now (the clock's); empty when it is valid. */
  public List<Violation> violations(SpecificRecord event) {
    return violations(event, clock.instant());
  }

  /**
   * Every problem of an event; empty when it is valid.
   *
   * @param sentAt when the event was sent: now for a publisher, the record's timestamp in the
   *     engine; null when unknown (then no time is too far ahead)
   */
  public List<Violation> violations(SpecificRecord event, Instant sentAt) {
    Checks checks = new Checks();
    if (event == null) {
      checks.add("event", "missing", "is required");
      return checks.list;
    }
    Optional<EventFamily<?>> family = EventFamily.ofEvent(event);
    if (family.isEmpty()) {
      checks.add("event", "unknown_type", "is not a touchpoint event or identity link");
      return checks.list;
    }
    Envelope envelope = family.get().envelope(event);
    Object payload = family.get().payload(event);
    envelope(checks, envelope, sentAt);
    if (payload == null) {
      checks.add("payload", "missing", "is required");
    } else if (EventFamily.ofPayload(payload.getClass()).orElse(null) != family.get()) {
      checks.add("payload", "unknown_type", "is not a payload record of " + family.get().name());
    } else {
      payload(checks, payload, envelope);
      anyText(checks, payload);
    }
    return checks.list;
  }

  private void envelope(Checks c, Envelope envelope, Instant sentAt) {
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
    } else if (at != null && sentAt != null && at.isAfter(sentAt.plus(maxFutureSkew))) {
      // How far ahead, not the time itself: a whole number of hours points at a time-zone bug.
      c.add(
          "envelope.occurredAt",
          "in_future",
          "is "
              + human(Duration.between(sentAt, at))
              + " later than the event was sent, more than the "
              + human(maxFutureSkew)
              + " allowed");
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
    }
    // A payload of a newer source has no rules of its own: Avro's types and anyText bound it.
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

  /**
   * Any string of a payload not checked above (a field added to a schema later) is bounded like
   * free text.
   */
  private static void anyText(Checks c, Object payload) {
    if (payload instanceof IndexedRecord record) {
      for (Schema.Field field : record.getSchema().getFields()) {
        if (record.get(field.pos()) instanceof CharSequence value
            && value.length() > MAX_TEXT_LENGTH) {
          c.tooLong("payload." + field.name(), value.length(), MAX_TEXT_LENGTH);
        }
      }
    }
  }

  /** A link to the subject itself would merge a customer with nobody else. */
  private static void link(Checks c, IdentityLinked p, String subjectId) {
    c.id("payload.linkedTo", p.getLinkedTo());
    if (p.getLinkedTo() != null
        && subjectId != null
        && p.getLinkedTo().strip().equals(subjectId.strip())) {
      c.add("payload.linkedTo", "same_as_subject", "must differ from envelope.subjectId");
    }
  }

  /** {@code 1h}, {@code 5m}, {@code 30d}, {@code 1h 0m 1s}: whole units, smallest last. */
  static String human(Duration d) {
    long[] values = {d.toDays(), d.toHoursPart(), d.toMinutesPart(), d.toSecondsPart()};
    String[] units = {"d", "h", "m", "s"};
    int first = 0;
    while (first < values.length && values[first] == 0) {
      first++;
    }
    int last = values.length - 1;
    while (last >= first && values[last] == 0) {
      last--;
    }
    if (first > last) {
      return d.toMillisPart() + "ms";
    }
    StringBuilder out = new StringBuilder();
    for (int i = first; i <= last; i++) {
      out.append(out.length() == 0 ? "" : " ").append(values[i]).append(units[i]);
    }
    return out.toString();
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
        tooLong(field, value.length(), MAX_ID_LENGTH);
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
        tooLong(field, value.length(), MAX_TEXT_LENGTH);
      } else if (!wellFormed(value, true)) {
        add(field, "invalid_text", "must not contain control characters or broken unicode");
      }
    }

    /** The length, not the value: a length says what is wrong without repeating personal data. */
    void tooLong(String field, int length, int max) {
      add(field, "too_long", "must be at most " + max + " characters, not " + length);
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
