package dev.touchpoints.streams.records;

import dev.touchpoints.avro.CustomerExperience;
import dev.touchpoints.avro.DimensionScores;
import dev.touchpoints.avro.OpenCase;
import dev.touchpoints.avro.OpenPromise;
import dev.touchpoints.avro.TouchpointSummary;
import dev.touchpoints.streams.rules.SubjectState;
import dev.touchpoints.streams.scoring.Dimension;
import dev.touchpoints.streams.scoring.ScoreState;
import dev.touchpoints.streams.scoring.ScoringModel;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;

/** Turns a subject's state into the published {@code CustomerExperience}. */
public final class ExperienceRecords {

  private ExperienceRecords() {}

  /** The subject's experience as of the state's score time. */
  public static CustomerExperience experience(SubjectState s, ScoringModel model) {
    ScoreState score = s.score;
    double overall = overall(s, model);
    OptionalDouble ago = model.overallBefore(score);
    Double before = ago.isPresent() ? round(ago.getAsDouble()) : null;
    List<OpenCase> cases =
        s.cases.entrySet().stream()
            .map(
                e ->
                    OpenCase.newBuilder()
                        .setCaseId(e.getKey())
                        .setKind(e.getValue().kind)
                        .setOpenedAt(Instant.ofEpochMilli(e.getValue().openedAt))
                        .setNextUpdateDueAt(
                            e.getValue().nextUpdateDueAt == null
                                ? null
                                : Instant.ofEpochMilli(e.getValue().nextUpdateDueAt))
                        .build())
            .toList();
    List<OpenPromise> promises =
        s.promises.entrySet().stream()
            .map(
                e ->
                    OpenPromise.newBuilder()
                        .setPromiseId(e.getKey())
                        .setCaseId(e.getValue().caseId)
                        .setDueAt(Instant.ofEpochMilli(e.getValue().dueAt))
                        .build())
            .toList();
    List<TouchpointSummary> recent =
        score.recent().stream()
            .map(
                c ->
                    TouchpointSummary.newBuilder()
                        .setEventId(c.eventId())
                        .setType(c.key())
                        .setOccurredAt(Instant.ofEpochMilli(c.at()))
                        .setImpact(round(c.points()))
                        .build())
            .toList();
    return CustomerExperience.newBuilder()
        .setSubjectId(s.subjectId)
        .setOverall(overall)
        .setDimensions(
            DimensionScores.newBuilder()
                .setWeb(round(model.score(score, Dimension.WEB)))
                .setBilling(round(model.score(score, Dimension.BILLING)))
                .setSupport(round(model.score(score, Dimension.SUPPORT)))
                .setMarketing(round(model.score(score, Dimension.MARKETING)))
                .build())
        .setOverall30DaysAgo(before)
        .setTrend(before == null ? null : round(overall - before))
        .setOpenCases(cases)
        .setOpenPromises(promises)
        .setRecentTouchpoints(recent)
        .setReasons(model.reasons(score))
        .setEventCount(s.eventCount)
        .setLastEventAt(Instant.ofEpochMilli(s.lastEventAt))
        .setUpdatedAt(Instant.ofEpochMilli(score.asOf()))
        .build();
  }

  /** The view's {@code overall} alone: for scans that rank or count subjects. */
  public static double overall(SubjectState s, ScoringModel model) {
    return round(model.overall(s.score));
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
