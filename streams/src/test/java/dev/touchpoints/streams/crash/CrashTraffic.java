package dev.touchpoints.streams.crash;

import dev.touchpoints.avro.BillingEvent;
import dev.touchpoints.avro.MarketingEvent;
import dev.touchpoints.avro.SupportEvent;
import dev.touchpoints.avro.WebEvent;
import dev.touchpoints.core.topics.Topic;
import dev.touchpoints.core.topics.Topics;
import dev.touchpoints.producers.simulator.JourneyGenerator;
import dev.touchpoints.producers.simulator.SimulatedEvent;
import dev.touchpoints.producers.simulator.SimulationPlan;
import dev.touchpoints.streams.reference.InputRecord;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * The deterministic traffic of the exactly-once tests and the policy they run under: the six
 * stories minus the incident waves, and a policy under which no incident can open and the wall
 * clock never fires a due date – what the reference model covers.
 */
final class CrashTraffic {

  /**
   * Policy settings of the crash tests: the wall clock never takes over (due dates follow event
   * time only, so the result does not depend on how long a restart takes), and no incident can open
   * (so no per-subject alert is folded, and none waits to be: incidents depend on cross-task
   * timing), and no alert is history (the traffic is months old; the reference model's wall clock
   * stands in 2100).
   */
  static final Map<String, String> POLICY =
      Map.of(
          "policy.clock.idle-after", "36500d",
          "policy.incident.min-affected", "1000000000",
          "policy.incident.fold-wait", "0s",
          "policy.alerts.max-age", "36500d");

  private CrashTraffic() {}

  /** The first {@code count} events of {@code subjects} journeys, without incident waves. */
  static List<SimulatedEvent> events(long seed, int subjects, int count) {
    SimulationPlan plan =
        new SimulationPlan(
            seed, subjects, SimulationPlan.DEFAULT_START, Duration.ZERO, 0, Duration.ofMinutes(5));
    return JourneyGenerator.of(plan).stream().limit(count).toList();
  }

  /** The input record of an event, stamped with its event time. */
  static InputRecord input(Topics topics, SimulatedEvent e) {
    return new InputRecord(
        topicOf(topics, e.event()).name(), e.subjectId(), e.event(), e.at().toEpochMilli());
  }

  /** The input topic an event goes to. */
  @SuppressWarnings("unchecked")
  static Topic<String, SpecificRecord> topicOf(Topics topics, SpecificRecord event) {
    Topic<String, ?> topic;
    if (event instanceof WebEvent) {
      topic = topics.web();
    } else if (event instanceof BillingEvent) {
      topic = topics.billing();
    } else if (event instanceof SupportEvent) {
      topic = topics.support();
    } else if (event instanceof MarketingEvent) {
      topic = topics.marketing();
    } else {
      throw new IllegalArgumentException("not an input event: " + event.getClass());
    }
    return (Topic<String, SpecificRecord>) topic;
  }
}
