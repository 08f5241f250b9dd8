package dev.touchpoints.streams.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.touchpoints.avro.AlertType;
import dev.touchpoints.avro.CustomerAlert;
import dev.touchpoints.avro.CustomerExperience;
import dev.touchpoints.producers.simulator.SimulatedEvent;
import dev.touchpoints.streams.EngineDriver;
import dev.touchpoints.streams.Policy;
import dev.touchpoints.streams.TestData;
import dev.touchpoints.streams.reference.Expectation;
import dev.touchpoints.streams.reference.InputRecord;
import dev.touchpoints.streams.reference.Partitioning;
import dev.touchpoints.streams.reference.ReferenceModel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

/** The reference model agrees with the real topology (in a test driver) on simulated traffic. */
class ReferenceModelTest {

  private static final Policy POLICY = TestData.policy(CrashTraffic.POLICY);

  @Test
  void shouldPredictEveryExperienceAndAlertOfTheTopology() {
    // Given simulated journeys of all per-subject stories
    List<SimulatedEvent> events = CrashTraffic.events(7, 100, 3_000);

    // When the topology (one task) and the reference model take them in
    Map<String, CustomerExperience> published = new TreeMap<>();
    List<CustomerAlert> alerts;
    List<InputRecord> inputs;
    try (EngineDriver driver = new EngineDriver(POLICY, TestData.T0)) {
      inputs = events.stream().map(e -> CrashTraffic.input(driver.topics(), e)).toList();
      events.forEach(e -> driver.send(e.event()));
      driver.experiences().forEach(x -> published.put(x.getSubjectId(), x));
      alerts = driver.alerts();
      assertThat(driver.deadLetters()).isEmpty();
    }
    Expectation expected = new ReferenceModel(POLICY, 1).run(inputs);

    // Then they agree on every subject's last experience and on every alert, each cause's in order
    // (alerts of different causes take different paths – an alert a failure caused passes incident
    // detection – and Kafka orders nothing across keys)
    assertThat(expected.ambiguousTies()).isZero();
    assertThat(expected.touchpoints()).isEqualTo(events.size());
    assertThat(expected.deadLetters()).isEmpty();
    assertThat(expected.experiences()).hasSize(100).isEqualTo(published);
    assertThat(expected.alerts()).isNotEmpty().containsExactlyInAnyOrderElementsOf(alerts);
    assertThat(byCause(expected.alerts())).isEqualTo(byCause(alerts));
    assertThat(expected.alerts())
        .extracting(CustomerAlert::getType)
        .contains(
            AlertType.LEFT_IN_SILENCE,
            AlertType.SELF_SERVICE_FAILED,
            AlertType.WIN_BACK_OPPORTUNITY);
  }

  @Test
  void shouldPredictWhatTheTopologyPublishesWhenSubjectsAreLinkedAlongTheWay() {
    // Given simulated journeys, and subjects linked into fresh ids an hour after their last event
    List<SimulatedEvent> events = CrashTraffic.events(7, 100, 3_000);
    Map<String, CustomerExperience> published = new TreeMap<>();
    List<CustomerAlert> alerts;
    Expectation expected;
    List<CrashTraffic.Link> links;
    try (EngineDriver driver = new EngineDriver(POLICY, TestData.T0)) {
      List<InputRecord> inputs =
          events.stream().map(e -> CrashTraffic.input(driver.topics(), e)).toList();
      Expectation unlinked = new ReferenceModel(POLICY, 1).run(inputs);
      links = CrashTraffic.links(events, unlinked.alerts(), 10);
      expected = CrashTraffic.withLinks(unlinked, links);

      // When the topology takes the events and the links in, in time order
      int next = 0;
      for (SimulatedEvent e : events) {
        while (next < links.size() && links.get(next).at().isBefore(e.at())) {
          CrashTraffic.Link l = links.get(next++);
          driver.link(l.from(), l.to(), l.at(), false);
        }
        driver.send(e.event());
      }
      while (next < links.size()) {
        CrashTraffic.Link l = links.get(next++);
        driver.link(l.from(), l.to(), l.at(), false);
      }
      driver.experienceRecords().forEach(r -> published.put(r.key(), r.value()));
      alerts = driver.alerts();
      assertThat(driver.deadLetters()).isEmpty();
    }

    // Then the expectation with links is exactly what it published
    assertThat(links).hasSize(10);
    assertThat(published.keySet()).isEqualTo(expected.experiences().keySet());
    published.forEach(
        (subject, view) ->
            assertThat(String.valueOf(view))
                .as(subject)
                .isEqualTo(String.valueOf(expected.experiences().get(subject))));
    assertThat(expected.alerts()).containsExactlyInAnyOrderElementsOf(alerts);
  }

  @Test
  void shouldSplitTheInputIntoTasksAsTheDefaultPartitionerDoes() {
    IntStream.range(0, 2_000)
        .mapToObj(i -> String.format("cust-%06d", i))
        .forEach(
            key ->
                assertThat(Partitioning.partitionOf(key, 6))
                    .as(key)
                    .isEqualTo(
                        BuiltInPartitioner.partitionForKey(
                            key.getBytes(StandardCharsets.UTF_8), 6)));
  }

  @Test
  void shouldFlagOneSubjectAtOneInstantInTwoTopicsAsAmbiguous() {
    // Given a subject with a web and a support event at the same millisecond
    Instant at = TestData.T0;
    List<InputRecord> inputs =
        List.of(
            input(TestData.web("cust-1", at, TestData.pageViewed("/"))),
            input(TestData.support("cust-1", at, TestData.csat(5, null))),
            input(TestData.web("cust-2", at, TestData.pageViewed("/"))));

    // When the model takes them in
    Expectation expected = new ReferenceModel(POLICY, 1).run(inputs);

    // Then it says that their order is up to Kafka, and still processes both
    assertThat(expected.ambiguousTies()).isEqualTo(1);
    assertThat(expected.touchpoints()).isEqualTo(3);
  }

  private static InputRecord input(org.apache.avro.specific.SpecificRecord event) {
    var envelope = dev.touchpoints.streams.model.Classifier.envelope(event);
    return new InputRecord(
        CrashTraffic.topicOf(TestData.topics(), event).name(),
        envelope.getSubjectId(),
        event,
        envelope.getOccurredAt().toEpochMilli());
  }

  /** Each cause's alerts (subject and dedupe key), in the order they were sent. */
  private static Map<String, List<CustomerAlert>> byCause(List<CustomerAlert> alerts) {
    Map<String, List<CustomerAlert>> out = new TreeMap<>();
    alerts.forEach(
        a ->
            out.computeIfAbsent(a.getSubjectId() + "|" + a.getDedupeKey(), k -> new ArrayList<>())
                .add(a));
    return out;
  }
}
