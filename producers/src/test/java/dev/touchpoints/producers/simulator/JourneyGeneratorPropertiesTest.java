package dev.touchpoints.producers.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class JourneyGeneratorPropertiesTest {

  @Property(tries = 30)
  void shouldBeDeterministicOrderedAndUniqueForAnyPlan(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 60) int subjects) {
    SimulationPlan plan = SimulationPlan.of(seed, subjects);

    List<SimulatedEvent> first = JourneyGenerator.of(plan).stream().limit(500).toList();
    List<SimulatedEvent> again = JourneyGenerator.of(plan).stream().limit(500).toList();

    assertThat(again).isEqualTo(first);
    assertThat(first).extracting(SimulatedEvent::at).isSorted();
    assertThat(first.stream().map(JourneyGeneratorTest::eventId).distinct().count())
        .isEqualTo(first.size());
  }
}
