package dev.touchpoints.streams.rules;

import static dev.touchpoints.streams.TestData.caseOpened;
import static dev.touchpoints.streams.TestData.checkoutError;
import static dev.touchpoints.streams.TestData.day;
import static dev.touchpoints.streams.TestData.minute;
import static dev.touchpoints.streams.TestData.support;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.touchpoints.avro.CaseKind;
import dev.touchpoints.avro.WebEvent;
import dev.touchpoints.streams.TestData;
import dev.touchpoints.streams.ledger.LedgerCodec;
import dev.touchpoints.streams.ledger.LedgerSerde;
import dev.touchpoints.streams.model.Touchpoint;
import dev.touchpoints.streams.scoring.ScoreState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Episodes in the engine: one incident is one bad experience, however it is delivered. */
class EpisodeStepTest {

  private final SubjectEngine engine = new SubjectEngine(TestData.policy(Map.of()));

  @Test
  void shouldScoreACheckoutIncidentsVictimAboveACustomerLeftInSilenceOnAComplaint() {
    // Given a customer who hit a broken checkout five times within two minutes
    Subject victim = new Subject();
    victim.on(fiveCheckoutFailures("victim").toArray(WebEvent[]::new));
    // and one whose complaint was left without news past its due date
    Subject complainant = new Subject();
    complainant.on(
        support("complainant", day(0), caseOpened("case-1", CaseKind.COMPLAINT, day(1))));
    complainant.timePasses(day(1.5));

    // Then the incident weighs one episode (-66, about 29), not five failures (-165, about 10),
    // and its victim stands above the customer left in silence (-88, about 24)
    assertThat(victim.overall()).isCloseTo(29.3, within(0.05));
    assertThat(complainant.overall()).isCloseTo(23.7, within(0.05));
    assertThat(victim.overall()).isGreaterThan(complainant.overall());
    assertThat(victim.state().score.contributions()).hasSize(1);
  }

  @Test
  void shouldEndTheSameWhenTheEpisodeArrivesBackwards() {
    List<WebEvent> failures = fiveCheckoutFailures("c-1");
    List<WebEvent> backwards = new ArrayList<>(failures);
    Collections.reverse(backwards);

    SubjectState inOrder = fold(failures);
    SubjectState late = fold(backwards);

    assertThat(late.score.overallMemory()).isEqualTo(inOrder.score.overallMemory());
    assertThat(late.score.episodes()).isEqualTo(inOrder.score.episodes());
    assertThat(late.score.contributions()).isEqualTo(inOrder.score.contributions());
  }

  @Test
  void shouldCarryAnOpenEpisodeThroughTheLedger() {
    // Given the failures stepped one by one, the state written to and read from the store between
    SubjectState stored = null;
    for (WebEvent e : fiveCheckoutFailures("c-2")) {
      Touchpoint t = TestData.touchpoint(e);
      SubjectState s = engine.onEvent(stored, t, t.occurredAt()).state();
      stored = LedgerSerde.read(LedgerSerde.write(s));
    }

    // Then the subject is exactly the one that never left memory
    SubjectState kept = fold(fiveCheckoutFailures("c-2"));
    assertThat(stored.score.episodes())
        .singleElement()
        .satisfies(e -> assertThat(e.count()).isEqualTo(5));
    assertThat(LedgerCodec.toLedger(stored).getScore().getEpisodes())
        .hasSize(1)
        .isEqualTo(LedgerCodec.toLedger(kept).getScore().getEpisodes());
    assertThat(stored.score.overallMemory()).isEqualTo(kept.score.overallMemory());
  }

  @Test
  void shouldCountTwoCasesLeftInSilenceAtOnceInFull() {
    // Given two complaints due news at the same time
    Subject s = new Subject();
    s.on(
        support("c-3", day(0), caseOpened("case-a", CaseKind.COMPLAINT, day(1))),
        support("c-3", day(0), caseOpened("case-b", CaseKind.COMPLAINT, day(1))));
    ScoreState before = s.state().score;

    // When both pass without an update
    s.timePasses(day(1.5));

    // Then each silence is a broken obligation of its own: 2 × -33, no episode
    double decayed =
        new SubjectEngine(TestData.policy(Map.of()))
            .model()
            .decayTo(before, day(1).toEpochMilli())
            .overallMemory();
    assertThat(s.state().score.overallMemory()).isCloseTo(decayed - 66, within(1e-9));
    assertThat(s.state().score.episodes())
        .noneMatch(e -> e.key().equals("support.left_in_silence"));
  }

  @Test
  void shouldReadTheEpisodeSettingsFromThePolicy() {
    var scoring =
        TestData.policy(
                Map.of("policy.scoring.episode-window", "0s", "policy.scoring.episode-cap", "1.5"))
            .scoring();

    assertThat(scoring.episodeWindow()).isZero();
    assertThat(scoring.episodeCap()).isEqualTo(1.5);
    assertThat(TestData.policy(Map.of()).scoring().episodeWindow())
        .isEqualTo(Duration.ofMinutes(10));
  }

  private SubjectState fold(List<WebEvent> events) {
    SubjectState s = null;
    for (WebEvent e : events) {
      Touchpoint t = TestData.touchpoint(e);
      s = engine.onEvent(s, t, t.occurredAt()).state();
    }
    return s;
  }

  /** Five checkout failures, 30 seconds apart, with fixed ids (in event order). */
  private static List<WebEvent> fiveCheckoutFailures(String subject) {
    return IntStream.range(0, 5)
        .mapToObj(
            i ->
                new WebEvent(
                    TestData.envelope(subject + "-click-" + i, subject, minute(i * 0.5)),
                    checkoutError()))
        .toList();
  }
}
