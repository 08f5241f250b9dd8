package dev.touchpoints.streams.model;

import dev.touchpoints.avro.AttemptOutcome;
import dev.touchpoints.avro.CaseOpened;
import dev.touchpoints.avro.CaseResolved;
import dev.touchpoints.avro.ContactMade;
import dev.touchpoints.avro.DisputeResolved;
import dev.touchpoints.avro.Envelope;
import dev.touchpoints.avro.ErrorShown;
import dev.touchpoints.avro.SelfServiceAttempted;
import dev.touchpoints.avro.SurveyAnswered;
import dev.touchpoints.avro.SurveyKind;
import dev.touchpoints.avro.WebErrorKind;
import dev.touchpoints.core.events.EventFamily;
import java.util.Locale;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;

/**
 * Turns a decoded input event into a {@link Touchpoint} with its catalog key. A payload's key is
 * its family's ({@code support.update_sent}) unless its fields call for a finer one (a line here);
 * a new source or payload type needs an entry in the impact catalog, and here only if the customer
 * starts it or it needs a finer key.
 */
public final class Classifier {

  private Classifier() {}

  /** The touchpoint of a decoded event; throws {@link IllegalArgumentException} if unknown. */
  public static Touchpoint classify(Object event, RawRecord raw) {
    EventFamily<?> family = touchpointFamily(event);
    SpecificRecord record = (SpecificRecord) event;
    return touchpoint(family.envelope(record), family.payload(record), raw);
  }

  /** The envelope of a decoded event. */
  public static Envelope envelope(Object event) {
    return touchpointFamily(event).envelope((SpecificRecord) event);
  }

  private static EventFamily<?> touchpointFamily(Object event) {
    return EventFamily.ofEvent(event)
        .filter(EventFamily::isTouchpoint)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "Not a touchpoint event: "
                        + (event == null ? "null" : event.getClass().getName())));
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

  /**
   * The catalog key of a payload: {@code <dimension>.<payload name>} ({@link
   * EventFamily#catalogKeyOf}), or a finer key where the payload's fields say what kind of moment
   * it was.
   */
  public static String kindOf(Object payload) {
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
    if (payload instanceof DisputeResolved d) {
      return "billing.dispute_resolved." + lower(d.getOutcome());
    }
    if (payload instanceof CaseOpened c) {
      return "support.case_opened." + lower(c.getKind());
    }
    if (payload instanceof CaseResolved c) {
      return "support.case_resolved." + lower(c.getOutcome());
    }
    if (payload instanceof SurveyAnswered s) {
      return "support.survey." + lower(s.getSurvey());
    }
    if (payload instanceof ContactMade c) {
      return "marketing.contact." + lower(c.getPurpose());
    }
    return KEYS.get(payload.getClass());
  }

  /** The default key of each payload class, computed once per class (the hot path asks often). */
  private static final ClassValue<String> KEYS =
      new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> payloadClass) {
          EventFamily<?> family =
              EventFamily.ofPayload(payloadClass)
                  .filter(EventFamily::isTouchpoint)
                  .orElseThrow(
                      () ->
                          new IllegalArgumentException(
                              "Unknown payload type " + payloadClass.getName()));
          return family.catalogKeyOf(EventFamily.schemaOf(payloadClass));
        }
      };

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

  /**
   * The payloads (by their {@link EventFamily#catalogKeyOf family key}) of moments the customer
   * started: what the pushy-contact rule (R8) and the self-service rules count as the customer's
   * own doing.
   */
  private static final Set<String> CUSTOMER_STARTED =
      Set.of(
          "web.page_viewed",
          "web.self_service_attempted",
          "web.error_shown",
          "web.form_abandoned",
          "billing.payment_received",
          "billing.payment_failed",
          "billing.dispute_opened",
          "support.case_opened",
          "support.case_reopened",
          "support.survey_answered");

  private static boolean customerInitiated(Object payload) {
    return CUSTOMER_STARTED.contains(KEYS.get(payload.getClass()));
  }

  private static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
