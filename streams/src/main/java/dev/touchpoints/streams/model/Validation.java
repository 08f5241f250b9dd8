package dev.touchpoints.streams.model;

import dev.touchpoints.avro.CaseOpened;
import dev.touchpoints.avro.PromiseMade;
import dev.touchpoints.avro.SurveyAnswered;
import dev.touchpoints.avro.SurveyKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/** Semantic checks on a decoded touchpoint; a failed check sends the record to the dead letters. */
public final class Validation {

  /**
   * The furthest an event may be dated after its record, whatever {@code maxFutureSkew} says. The
   * engine stamps what it writes (views, alerts, changelogs) with event time, and Kafka refuses
   * records stamped more than {@code log.message.timestamp.after.max.ms} (one hour by default since
   * Kafka 4.0) ahead of the broker's clock: accepting such an event would fail its task on every
   * retry.
   */
  public static final Duration MAX_AHEAD_KAFKA_ACCEPTS = Duration.ofHours(1);

  /** Longest id kept per event (event, subject): the project's publisher's limit. */
  public static final int MAX_ID_LENGTH = 200;

  /**
   * Longest string anywhere in a payload: the publisher's limit for free text. Rules keep payload
   * strings (case ids, promise descriptions, currencies) in state, views and alerts; unbounded, one
   * event could push a state record past Kafka's record size and stop its task.
   */
  public static final int MAX_TEXT_LENGTH = 2_000;

  private Validation() {}

  /**
   * The first problem of {@code t}, or empty when it is usable.
   *
   * @param key the record key (must be the subject id, so that a subject lives on one partition)
   * @param recordTimestamp when the record was written
   * @param maxFutureSkew how far an event may claim to have happened after it was written (at most
   *     {@link #MAX_AHEAD_KAFKA_ACCEPTS})
   */
  public static Optional<String> problem(
      Touchpoint t, String key, long recordTimestamp, Duration maxFutureSkew) {
    if (isBlank(t.eventId())) {
      return Optional.of("envelope.eventId is blank");
    }
    if (isBlank(t.subjectId())) {
      return Optional.of("envelope.subjectId is blank");
    }
    Optional<String> tooLong =
        tooLong("envelope.eventId", t.eventId(), MAX_ID_LENGTH)
            .or(() -> tooLong("envelope.subjectId", t.subjectId(), MAX_ID_LENGTH));
    if (tooLong.isPresent()) {
      return tooLong;
    }
    if (!t.subjectId().equals(key)) {
      return Optional.of("record key does not match envelope.subjectId");
    }
    if (t.occurredAt() <= 0) {
      return Optional.of("envelope.occurredAt is not set");
    }
    long skew = Math.min(maxFutureSkew.toMillis(), MAX_AHEAD_KAFKA_ACCEPTS.toMillis());
    if (recordTimestamp > 0 && t.occurredAt() > recordTimestamp + skew) {
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
    if (t.payload() instanceof IndexedRecord payload) {
      for (Schema.Field field : payload.getSchema().getFields()) {
        if (payload.get(field.pos()) instanceof CharSequence value) {
          Optional<String> problem =
              tooLong(payload.getSchema().getName() + "." + field.name(), value, MAX_TEXT_LENGTH);
          if (problem.isPresent()) {
            return problem;
          }
        }
      }
    }
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

  private static Optional<String> tooLong(String field, CharSequence value, int max) {
    if (value.length() <= max) {
      return Optional.empty();
    }
    return Optional.of(field + " is " + value.length() + " characters long, more than " + max);
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
