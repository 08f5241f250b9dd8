package dev.touchpoints.streams.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScoringModelTest {

  private static final long DAY = 86_400_000L;
  private final ScoringModel model = new ScoringModel(ScoringSettings.defaults());

  @Test
  void shouldStartNeutralWhenNothingHappenedYet() {
    assertThat(model.overall(model.empty(0))).isEqualTo(50.0);
  }

  @Test
  void shouldHalveABadMemoryAfterTheBadHalfLife() {
    ScoreState state =
        model.apply(model.empty(0), Moment.of("support.case_opened.complaint", 0, "c"));
    ScoreState later = model.decayTo(state, Duration.ofDays(180).toMillis());
    assertThat(later.overallMemory()).isCloseTo(state.overallMemory() / 2, within(1e-9));
  }

  @Test
  void shouldCompareWithThirtyDaysAgoWhenAHistoryExists() {
    ScoreState state =
        model.apply(model.empty(0), Moment.of("support.case_opened.complaint", 0, "c"));
    state = model.apply(state, Moment.of("support.survey.csat", 40 * DAY, "s"));
    assertThat(model.overallBefore(state)).isPresent();
    assertThat(model.overallBefore(state).getAsDouble()).isLessThan(model.overall(state));
  }

  @Test
  void shouldHaveNoTrendWhenTheSubjectIsNewerThanTheLookback() {
    ScoreState state = model.apply(model.empty(0), Moment.of("web.page_viewed", 0, "p"));
    assertThat(model.overallBefore(state)).isEmpty();
  }

  @Test
  void shouldExplainTheScoreWithTheLargestMomentsFirst() {
    ScoreState state = model.empty(0);
    state = model.apply(state, Moment.of("web.page_viewed", 0, "p"));
    state = model.apply(state, Moment.of("support.case_opened.complaint", DAY, "c"));
    assertThat(model.reasons(state)).first().asString().startsWith("Complaint case opened");
  }

  @Test
  void shouldFallBackToTheParentEntryAndTreatUnknownKindsAsNeutral() {
    ImpactCatalog catalog = ImpactCatalog.defaults().with(Map.of("social.mention", -1.0));
    assertThat(catalog.points("web.self_service_failed.login")).isEqualTo(-2.0);
    assertThat(catalog.points("social.mention.angry")).isEqualTo(-1.0);
    assertThat(catalog.points("web.something_new")).isZero();
  }

  @Test
  void shouldKeepTheSnapshotRingSmall() {
    ScoreState state = model.empty(0);
    for (int day = 0; day < 400; day++) {
      state = model.apply(state, Moment.of("web.page_viewed", day * DAY, "p" + day));
    }
    assertThat(state.snapshots()).hasSize(ScoringSettings.defaults().snapshotCount());
    assertThat(state.contributions()).hasSizeLessThanOrEqualTo(5);
    assertThat(state.recent()).hasSize(5);
  }
}
