package dev.touchpoints.streams.model;

import dev.touchpoints.avro.CaseOpened;
import dev.touchpoints.avro.PromiseMade;
import dev.touchpoints.avro.SurveyAnswered;
import dev.touchpoints.avro.SurveyKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Semantic checks on a decoded touchpoint; a failed check sends the record to the dead letters. */
public final class Validation {

  private Validation() {}

  /**
   * The first problem of {@code t}, or empty when it is usable.
   *
   * @param key the record key (must be the subject id, so that a subject lives on one partition)
   * @param recordTimestamp when the record was written
   * @param maxFutureSkew how far an event may claim to have happened after it was written
   */
  public static Optional<String> problem(
      Touchpoint t, String key, long recordTimestamp, Duration maxFutureSkew) {
    if (isBlank(t.eventId())) {
      return Optional.of("envelope.eventId is blank");
    }
    if (isBlank(t.subjectId())) {
      return Optional.of("envelope.subjectId is blank");
    }
    if (!t.subjectId().equals(key)) {
      return Optional.of("record key does not match envelope.subjectId");
    }
    if (t.occurredAt() <= 0) {
      return Optional.of("envelope.occurredAt is not set");
    }
    if (recordTimestamp > 0 && t.occurredAt() > recordTimestamp + maxFutureSkew.toMillis()) {
      return Optional.of(
          "envelope.occurredAt "
              + Instant.ofEpochMilli(t.occurredAt())
              + " is later than the record was written ("
              + Instant.ofEpochMilli(recordTimestamp)
              + ")");
    }
    return payloadProblem(t);
  }

  private static Optional<String> payloadProblem(Touchpoint t) {
    if (t.payload() instanceof SurveyAnswered s) {
      int max = s.getSurvey() == SurveyKind.CSAT ? 5 : 10;
      int min = s.getSurvey() == SurveyKind.CSAT ? 1 : 0;
      if (s.getScore() < min || s.getScore() > max) {
        return Optional.of(
            "SurveyAnswered.score "
                + s.getScore()
                + " is outside "
                + min
                + ".."
                + max
                + " for "
                + s.getSurvey());
      }
    }
    if (t.payload() instanceof PromiseMade p) {
      if (isBlank(p.getPromiseId())) {
        return Optional.of("PromiseMade.promiseId is blank");
      }
      if (p.getDueAt().toEpochMilli() < t.occurredAt()) {
        return Optional.of("PromiseMade.dueAt is before the promise was made");
      }
    }
    if (t.payload() instanceof CaseOpened c && isBlank(c.getCaseId())) {
      return Optional.of("CaseOpened.caseId is blank");
    }
    return Optional.empty();
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
