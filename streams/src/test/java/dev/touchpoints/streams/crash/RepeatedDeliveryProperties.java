package dev.touchpoints.streams.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.touchpoints.producers.simulator.SimulatedEvent;
import dev.touchpoints.streams.Policy;
import dev.touchpoints.streams.TestData;
import dev.touchpoints.streams.reference.Expectation;
import dev.touchpoints.streams.reference.InputRecord;
import dev.touchpoints.streams.reference.ReferenceModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Order independence, the part the engine guarantees today: delivering any events of a random
 * history again – a publisher's retry, an at-least-once connector – changes no score and no alert,
 * checked on the reference model (the engine's own step, dedupe in each subject's ledger) against
 * the same history delivered once.
 */
class RepeatedDeliveryProperties {

  private static final Policy POLICY = TestData.policy(CrashTraffic.POLICY);

  @Property(tries = 25)
  void repeatsChangeNoScoreAndNoAlert(
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 40) int subjects,
      @ForAll @IntRange(min = 2, max = 3) int partitions) {
    // Given a random history, and the same with random events delivered twice or three times
    List<SimulatedEvent> events = CrashTraffic.events(seed, subjects, 30 * subjects);
    List<InputRecord> once = new ArrayList<>();
    List<InputRecord> repeated = new ArrayList<>();
    Random random = new Random(seed);
    int copies = 0;
    for (SimulatedEvent e : events) {
      InputRecord record = CrashTraffic.input(TestData.topics(), e);
      once.add(record);
      repeated.add(record);
      for (int extra = random.nextInt(4) == 0 ? 1 + random.nextInt(2) : 0; extra > 0; extra--) {
        repeated.add(record);
        copies++;
      }
    }

    // When the engine's model takes in each
    ReferenceModel model = new ReferenceModel(POLICY, partitions);
    Expectation expected = model.run(once);
    Expectation actual = model.run(repeated);

    // Then every copy was dropped, and scores and alerts are exactly those of one delivery
    assertThat(actual.duplicatesDropped()).isEqualTo(expected.duplicatesDropped() + copies);
    assertThat(actual.touchpoints()).isEqualTo(expected.touchpoints());
    assertThat(actual.experiences()).isEqualTo(expected.experiences());
    assertThat(actual.alerts()).containsExactlyElementsOf(expected.alerts());
    assertThat(actual.deadLetters()).isEqualTo(expected.deadLetters());
  }
}
