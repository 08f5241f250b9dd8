package dev.touchpoints.producers.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.touchpoints.avro.ErrorShown;
import dev.touchpoints.avro.WebErrorKind;
import dev.touchpoints.avro.WebEvent;
import dev.touchpoints.core.validation.EventValidator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class JourneyGeneratorTest {

  private static final EventValidator VALIDATOR =
      new EventValidator(
          Clock.fixed(Instant.parse("2100-01-01T00:00:00Z"), ZoneOffset.UTC), Duration.ZERO);

  @Test
  void shouldProduceIdenticalBytesWhenSeedIsTheSame() {
    // Given two generators of the same plan
    SimulationPlan plan = SimulationPlan.of(7, 200);

    // When
    List<byte[]> first = bytes(JourneyGenerator.of(plan).stream().limit(5_000).toList());
    List<byte[]> second = bytes(JourneyGenerator.of(plan).stream().limit(5_000).toList());

    // Then
    assertThat(first).hasSize(5_000);
    for (int i = 0; i < first.size(); i++) {
      assertThat(second.get(i)).as("event %d", i).isEqualTo(first.get(i));
    }
  }

  @Test
  void shouldProduceOtherEventsWhenSeedDiffers() {
    var a =
        JourneyGenerator.of(SimulationPlan.of(1, 50)).stream()
            .limit(100)
            .map(e -> eventId(e))
            .toList();
    var b =
        JourneyGenerator.of(SimulationPlan.of(2, 50)).stream()
            .limit(100)
            .map(e -> eventId(e))
            .toList();

    assertThat(a).doesNotContainAnyElementsOf(b);
  }

  @Test
  void shouldEmitEventsInSimulatedTimeOrderWithUniqueIds() {
    List<SimulatedEvent> events =
        JourneyGenerator.of(SimulationPlan.of(3, 300)).stream().limit(20_000).toList();

    assertThat(events).extracting(SimulatedEvent::at).isSorted();
    assertThat(events)
        .extracting(SimulatedEvent::sequence)
        .containsExactlyElementsOf(java.util.stream.LongStream.range(0, 20_000).boxed().toList());
    assertThat(events.stream().map(JourneyGeneratorTest::eventId).distinct().count())
        .isEqualTo(20_000);
  }

  @Test
  void shouldOnlyProduceValidEventsWhenValidated() {
    JourneyGenerator.of(SimulationPlan.of(11, 100)).stream()
        .limit(10_000)
        .forEach(e -> assertThat(VALIDATOR.violations(e.event())).as(e.toString()).isEmpty());
  }

  @Test
  void shouldCastEveryStoryWhenThereAreFiveSubjectsOrMore() {
    Map<String, Story> cast = JourneyGenerator.of(SimulationPlan.of(5, 1_000)).cast();

    assertThat(cast).hasSize(1_000);
    assertThat(Set.copyOf(cast.values()))
        .containsAll(Arrays.stream(Story.values()).filter(s -> s != Story.INCIDENT_WAVE).toList());
    long content = cast.values().stream().filter(s -> s == Story.CONTENT).count();
    assertThat(content).isBetween(740L, 860L);
    assertThat(cast.entrySet())
        .filteredOn(e -> e.getValue() == Story.APPLICANT_LEFT_HANGING)
        .allSatisfy(e -> assertThat(e.getKey()).startsWith("prospect-"));
  }

  @Test
  void shouldPlaySelfServiceStoryAsThreeFailedResetsThenSilence() {
    // Given subject 2 plays story 4
    JourneyGenerator generator =
        JourneyGenerator.of(SimulationPlan.of(9, 10).withIncidents(Duration.ZERO, 0));
    String subject = "cust-000002";

    // When
    List<SimulatedEvent> theirs =
        generator.stream().limit(3_000).filter(e -> e.subjectId().equals(subject)).toList();

    // Then
    assertThat(theirs)
        .last()
        .satisfies(e -> assertThat(e.type().key()).isEqualTo("web.self_service_attempted"));
    assertThat(theirs.subList(theirs.size() - 3, theirs.size()))
        .allSatisfy(e -> assertThat(e.story()).isEqualTo(Story.SELF_SERVICE_FAILED));
  }

  @Test
  void shouldHitManySubjectsWithinMinutesWhenIncidentWaveComes() {
    // Given daily waves of 100 subjects
    SimulationPlan plan = SimulationPlan.of(13, 400).withIncidents(Duration.ofDays(1), 100);

    // When
    List<SimulatedEvent> wave =
        JourneyGenerator.of(plan).stream()
            .limit(40_000)
            .filter(e -> e.story() == Story.INCIDENT_WAVE)
            .limit(100)
            .toList();

    // Then
    assertThat(wave).hasSize(100);
    assertThat(wave.stream().map(SimulatedEvent::subjectId).distinct().count()).isEqualTo(100);
    assertThat(Duration.between(wave.get(0).at(), wave.get(99).at()))
        .isLessThanOrEqualTo(Duration.ofMinutes(5));
    assertThat(wave)
        .allSatisfy(
            e ->
                assertThat(((ErrorShown) ((WebEvent) e.event()).getPayload()).getKind())
                    .isEqualTo(WebErrorKind.CHECKOUT_ERROR));
  }

  @Test
  void shouldPlayEveryStoryWhenSubjectsAreFew() {
    Set<Story> seen =
        JourneyGenerator.of(SimulationPlan.of(1, 6)).stream()
            .limit(5_000)
            .map(SimulatedEvent::story)
            .collect(Collectors.toSet());

    assertThat(seen).containsExactlyInAnyOrder(Story.values());
  }

  static String eventId(SimulatedEvent e) {
    return ((dev.touchpoints.avro.Envelope) e.event().get(0)).getEventId();
  }

  private static List<byte[]> bytes(List<SimulatedEvent> events) {
    // The Avro binary datum without registry framing: the bytes a consumer would decode.
    return events.stream().map(JourneyGeneratorTest::avro).toList();
  }

  private static byte[] avro(SimulatedEvent e) {
    SpecificRecord record = e.event();
    try {
      var out = new java.io.ByteArrayOutputStream();
      var encoder = org.apache.avro.io.EncoderFactory.get().binaryEncoder(out, null);
      new org.apache.avro.specific.SpecificDatumWriter<SpecificRecord>(record.getSchema())
          .write(record, encoder);
      encoder.flush();
      return out.toByteArray();
    } catch (java.io.IOException ex) {
      throw new java.io.UncheckedIOException(ex);
    }
  }
}
