package dev.touchpoints.streams.rules;

import static dev.touchpoints.streams.TestData.caseOpened;
import static dev.touchpoints.streams.TestData.day;
import static dev.touchpoints.streams.TestData.failedPasswordReset;
import static dev.touchpoints.streams.TestData.pageViewed;
import static dev.touchpoints.streams.TestData.promise;
import static dev.touchpoints.streams.TestData.support;
import static dev.touchpoints.streams.TestData.web;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.touchpoints.avro.CaseKind;
import dev.touchpoints.streams.TestData;
import dev.touchpoints.streams.ledger.LedgerSerde;
import dev.touchpoints.streams.model.Touchpoint;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The subject's step is pure: it never changes the state it is given, and dedupe lives in it. */
class SubjectStepTest {

  private final SubjectEngine engine = new SubjectEngine(TestData.policy(Map.of()));

  @Test
  void shouldLeaveTheGivenStateAsItWasAfterEveryKindOfStep() {
    // Given a subject with a case, a promise and failures
    SubjectState state = null;
    for (Touchpoint t :
        List.of(
            TestData.touchpoint(
                support("s-1", day(0), caseOpened("case-1", CaseKind.COMPLAINT, day(2)))),
            TestData.touchpoint(
                support("s-1", day(0.1), promise("p-1", "case-1", day(1), "a call"))),
            TestData.touchpoint(web("s-1", day(0.2), failedPasswordReset())))) {
      state = engine.onEvent(state, t, t.occurredAt()).state();
    }
    byte[] before = LedgerSerde.write(state);

    // When an event and a due clock are stepped on it
    Touchpoint next = TestData.touchpoint(web("s-1", day(0.3), failedPasswordReset()));
    SubjectEngine.Outcome onEvent = engine.onEvent(state, next, next.occurredAt());
    SubjectEngine.Outcome onClock =
        engine.onClock(state, "promise:p-1", state.clocks.get("promise:p-1"));

    // Then both produced new states, and the given one is byte for byte unchanged
    assertThat(onEvent.state()).isNotSameAs(state);
    assertThat(onEvent.state().eventCount).isEqualTo(state.eventCount + 1);
    assertThat(onClock.alerts()).isNotEmpty();
    assertThat(LedgerSerde.write(state)).isEqualTo(before);
  }

  @Test
  void shouldLeaveTheGivenStateAsItWasWhenARuleThrowsHalfway() {
    // Given a rule that throws after the built-in ones changed the working state
    SubjectEngine failing =
        new SubjectEngine(
            TestData.policy(Map.of()),
            List.of(
                new Rule() {
                  @Override
                  public void onEvent(RuleContext ctx, Touchpoint event) {
                    throw new IllegalStateException("bug");
                  }
                }));
    Touchpoint first = TestData.touchpoint(web("s-2", day(0), pageViewed("/")));
    SubjectState state = engine.onEvent(null, first, 1L).state();
    byte[] before = LedgerSerde.write(state);
    Touchpoint second =
        TestData.touchpoint(support("s-2", day(1), caseOpened("case-2", CaseKind.COMPLAINT, null)));

    // When the step throws
    assertThatThrownBy(() -> failing.onEvent(state, second, 2L)).hasMessage("bug");

    // Then nothing of it stuck: no case, no clock, the event id not marked as seen
    assertThat(LedgerSerde.write(state)).isEqualTo(before);
    assertThat(state.seenEvents).containsOnlyKeys(first.eventId());
  }

  @Test
  void shouldDropARepeatWrittenWithinTheWindowAndApplyOneWrittenAfterIt() {
    Touchpoint t = TestData.touchpoint(web("s-3", day(0), pageViewed("/")));
    long window = Duration.ofDays(7).toMillis();
    SubjectState once = engine.onEvent(null, t, 1_000L).state();

    SubjectEngine.Outcome retry = engine.onEvent(once, t, 1_000L + window);
    SubjectEngine.Outcome muchLater = engine.onEvent(once, t, 1_000L + window + 1);

    assertThat(retry.duplicate()).isTrue();
    assertThat(retry.state()).isSameAs(once);
    assertThat(muchLater.duplicate()).isFalse();
    assertThat(muchLater.state().eventCount).isEqualTo(2);
  }

  @Test
  void shouldForgetTheOldestIdsFirstPastTheBoundAndIdsOlderThanTheWindow() {
    SubjectEngine bounded =
        new SubjectEngine(
            TestData.policy(
                Map.of("policy.dedupe.max-ids-per-subject", "3", "policy.dedupe.window", "1h")));
    SubjectState s = null;
    for (int i = 0; i < 5; i++) {
      Touchpoint t = TestData.touchpoint(web("s-4", day(0), pageViewed("/" + i)));
      s = bounded.onEvent(s, t, 1_000L * i).state();
    }
    assertThat(s.seenEvents).hasSize(3).containsValues(2_000L, 3_000L, 4_000L);

    Touchpoint late = TestData.touchpoint(web("s-4", day(0), pageViewed("/late")));
    s = bounded.onEvent(s, late, 4_000L + Duration.ofHours(1).toMillis() + 1).state();
    assertThat(s.seenEvents).containsOnlyKeys(late.eventId());
  }
}
