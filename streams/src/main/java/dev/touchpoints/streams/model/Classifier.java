package dev.touchpoints.streams.model;

import dev.touchpoints.avro.AttemptOutcome;
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
import dev.touchpoints.avro.WebErrorKind;
import dev.touchpoints.avro.WebEvent;
import java.util.Locale;

/**
 * Turns a decoded input event into a {@link Touchpoint} with its catalog key. A new payload type
 * needs a line here and an entry in the impact catalog; nothing else changes.
 */
public final class Classifier {

  private Classifier() {}

  /** The touchpoint of a decoded event; throws {@link IllegalArgumentException} if unknown. */
  public static Touchpoint classify(Object event, RawRecord raw) {
    if (event instanceof WebEvent e) {
      return touchpoint(e.getEnvelope(), e.getPayload(), raw);
    }
    if (event instanceof BillingEvent e) {
      return touchpoint(e.getEnvelope(), e.getPayload(), raw);
    }
    if (event instanceof SupportEvent e) {
      return touchpoint(e.getEnvelope(), e.getPayload(), raw);
    }
    if (event instanceof MarketingEvent e) {
      return touchpoint(e.getEnvelope(), e.getPayload(), raw);
    }
    throw new IllegalArgumentException(
        "Not a touchpoint event: " + (event == null ? "null" : event.getClass().getName()));
  }

  /** The envelope of a decoded event. */
  public static Envelope envelope(Object event) {
    if (event instanceof WebEvent e) {
      return e.getEnvelope();
    }
    if (event instanceof BillingEvent e) {
      return e.getEnvelope();
    }
    if (event instanceof SupportEvent e) {
      return e.getEnvelope();
    }
    if (event instanceof MarketingEvent e) {
      return e.getEnvelope();
    }
    throw new IllegalArgumentException("Not a touchpoint event");
  }

  private static Touchpoint touchpoint(Envelope envelope, Object payload, RawRecord raw) {
    if (envelope == null || payload == null) {
      throw new IllegalArgumentException("Event without envelope or payload");
    }
    return of(
        envelope.getEventId(),
        envelope.getSubjectId(),
        envelope.getOccurredAt().toEpochMilli(),
        envelope.getSource(),
        payload,
        raw);
  }

  /**
   * The touchpoint of an event's parts: how a touchpoint kept in a subject's ledger is restored,
   * exactly as it was classified on arrival.
   *
   * @param raw the record as it arrived; null for a restored or synthetic touchpoint
   */
  public static Touchpoint of(
      String eventId,
      String subjectId,
      long occurredAt,
      String source,
      Object payload,
      RawRecord raw) {
    double intensity = 1.0;
    if (payload instanceof SurveyAnswered s) {
      intensity = surveyIntensity(s);
    }
    return new Touchpoint(
        eventId,
        subjectId,
        occurredAt,
        source,
        kindOf(payload),
        intensity,
        customerInitiated(payload),
        payload,
        raw);
  }

  /** The catalog key of a payload. */
  public static String kindOf(Object payload) {
    if (payload instanceof PageViewed) {
      return "web.page_viewed";
    }
    if (payload instanceof SelfServiceAttempted a) {
      String outcome =
          a.getOutcome() == AttemptOutcome.SUCCEEDED
              ? "self_service_succeeded"
              : "self_service_failed";
      return "web." + outcome + "." + lower(a.getKind());
    }
    if (payload instanceof ErrorShown e) {
      return e.getKind() == WebErrorKind.OTHER ? "web.error_other" : "web." + lower(e.getKind());
    }
    if (payload instanceof FormAbandoned) {
      return "web.form_abandoned";
    }
    if (payload instanceof InvoiceIssued) {
      return "billing.invoice_issued";
    }
    if (payload instanceof ReminderSent) {
      return "billing.reminder_sent";
    }
    if (payload instanceof InvoiceOverdue) {
      return "billing.invoice_overdue";
    }
    if (payload instanceof PaymentReceived) {
      return "billing.payment_received";
    }
    if (payload instanceof PaymentFailed) {
      return "billing.payment_failed";
    }
    if (payload instanceof DisputeOpened) {
      return "billing.dispute_opened";
    }
    if (payload instanceof DisputeResolved d) {
      return "billing.dispute_resolved." + lower(d.getOutcome());
    }
    if (payload instanceof RefundIssued) {
      return "billing.refund_issued";
    }
    if (payload instanceof CaseOpened c) {
      return "support.case_opened." + lower(c.getKind());
    }
    if (payload instanceof UpdateSent) {
      return "support.update_sent";
    }
    if (payload instanceof PromiseMade) {
      return "support.promise_made";
    }
    if (payload instanceof CaseResolved c) {
      return "support.case_resolved." + lower(c.getOutcome());
    }
    if (payload instanceof CaseReopened) {
      return "support.case_reopened";
    }
    if (payload instanceof SurveyAnswered s) {
      return "support.survey." + lower(s.getSurvey());
    }
    if (payload instanceof ContactMade c) {
      return "marketing.contact." + lower(c.getPurpose());
    }
    throw new IllegalArgumentException("Unknown payload type " + payload.getClass().getName());
  }

  /**
   * A survey answer as a factor in [-1, 1] (R10): CSAT 1–5 around 3; NPS 0–10 with promoters (9–10)
   * positive, passives (7–8) near zero and detractors (0–6) negative.
   */
  public static double surveyIntensity(SurveyAnswered survey) {
    int score = survey.getScore();
    if (survey.getSurvey() == SurveyKind.CSAT) {
      return Math.max(-1, Math.min(1, (score - 3) / 2.0));
    }
    double centred = score - 7.5;
    return Math.max(-1, Math.min(1, centred >= 0 ? centred / 2.5 : centred / 7.5));
  }

  private static boolean customerInitiated(Object payload) {
    return payload instanceof PageViewed
        || payload instanceof SelfServiceAttempted
        || payload instanceof ErrorShown
        || payload instanceof FormAbandoned
        || payload instanceof PaymentReceived
        || payload instanceof PaymentFailed
        || payload instanceof DisputeOpened
        || payload instanceof CaseOpened
        || payload instanceof CaseReopened
        || payload instanceof SurveyAnswered;
  }

  private static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
