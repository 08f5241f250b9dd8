package dev.touchpoints.producers.events;

import dev.touchpoints.avro.CaseKind;
import dev.touchpoints.avro.CaseOpened;
import dev.touchpoints.avro.CaseOutcome;
import dev.touchpoints.avro.CaseReopened;
import dev.touchpoints.avro.CaseResolved;
import dev.touchpoints.avro.PromiseMade;
import dev.touchpoints.avro.SupportEvent;
import dev.touchpoints.avro.SurveyAnswered;
import dev.touchpoints.avro.SurveyKind;
import dev.touchpoints.avro.UpdateSent;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Function;

/**
 * Builds support-desk touchpoints for one subject: cases, updates, promises, surveys (R4, R7, R10).
 * Every {@code nextUpdateDueAt} is when the customer was told to expect the next message.
 *
 * @param <R> what each terminal method returns (the event, or its publication)
 */
public final class SupportEvents<R> extends EventBuilder<SupportEvents<R>, SupportEvent, R> {

  /** Default {@code source} of support events. */
  public static final String DEFAULT_SOURCE = "support";

  SupportEvents(String subjectId, Clock clock, Function<? super SupportEvent, R> finisher) {
    super(subjectId, DEFAULT_SOURCE, clock, finisher);
  }

  /** A case was opened; {@code nextUpdateDueAt} may be null. */
  public R caseOpened(String caseId, CaseKind kind, Instant nextUpdateDueAt) {
    return build(new CaseOpened(caseId, kind, millis(nextUpdateDueAt)));
  }

  /** A message about the case reached the customer; both optional arguments may be null. */
  public R updateSent(String caseId, String promiseId, Instant nextUpdateDueAt) {
    return build(new UpdateSent(caseId, promiseId, millis(nextUpdateDueAt)));
  }

  /** Someone promised the customer something by {@code dueAt}; no personal data in the text. */
  public R promiseMade(String promiseId, String caseId, Instant dueAt, String description) {
    PromiseMade payload = new PromiseMade(promiseId, caseId, Instant.EPOCH, description);
    // The generated constructor cannot take a null time; let the validator name it instead.
    payload.put(2, millis(dueAt));
    return build(payload);
  }

  /** A case was closed. */
  public R caseResolved(String caseId, CaseOutcome outcome) {
    return build(new CaseResolved(caseId, outcome));
  }

  /** A closed case was opened again. */
  public R caseReopened(String caseId, Instant nextUpdateDueAt) {
    return build(new CaseReopened(caseId, millis(nextUpdateDueAt)));
  }

  /** A survey answer: CSAT 1–5 or NPS 0–10 (R10). */
  public R surveyAnswered(SurveyKind survey, int score, String caseId, String comment) {
    return build(new SurveyAnswered(survey, score, caseId, comment));
  }

  private R build(Object payload) {
    return finish(new SupportEvent(envelope(), payload));
  }
}
