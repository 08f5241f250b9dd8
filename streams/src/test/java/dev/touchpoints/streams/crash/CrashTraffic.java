package dev.touchpoints.streams.crash;

import dev.touchpoints.avro.AlertStatus;
import dev.touchpoints.avro.CustomerAlert;
import dev.touchpoints.avro.CustomerExperience;
import dev.touchpoints.avro.Envelope;
import dev.touchpoints.avro.IdentityEvent;
import dev.touchpoints.avro.IdentityLinked;
import dev.touchpoints.core.topics.Topic;
import dev.touchpoints.core.topics.Topics;
import dev.touchpoints.producers.simulator.JourneyGenerator;
import dev.touchpoints.producers.simulator.SimulatedEvent;
import dev.touchpoints.producers.simulator.SimulationPlan;
import dev.touchpoints.streams.reference.Expectation;
import dev.touchpoints.streams.reference.InputRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
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
  static Topic<String, SpecificRecord> topicOf(Topics topics, SpecificRecord event) {
    return topics
        .sourceOf(event)
        .orElseThrow(() -> new IllegalArgumentException("not an event: " + event.getClass()));
  }

  /**
   * A subject's id linked into a fresh one ({@code IdentityLinked}), an hour after the subject's
   * last event.
   */
  record Link(String from, String to, Instant at) {

    /** The link as its source publishes it, keyed by {@link #from}. */
    IdentityEvent event() {
      return new IdentityEvent(
          Envelope.newBuilder()
              .setEventId("link-" + from)
              .setSubjectId(from)
              .setOccurredAt(at)
              .setSource("crm")
              .build(),
          new IdentityLinked(to, false));
    }
  }

  /**
   * Up to {@code count} links spread over the traffic: subjects whose history ends at least half a
   * day before the traffic does, each linked an hour after its last event into a fresh id – none
   * where an expected alert of the subject is due within an hour of the link (which side of the hop
   * it lands on would be a race the reference cannot tell).
   */
  static List<Link> links(List<SimulatedEvent> events, List<CustomerAlert> expected, int count) {
    Map<String, Instant> last = new TreeMap<>();
    events.forEach(e -> last.merge(e.subjectId(), e.at(), (a, b) -> a.isAfter(b) ? a : b));
    Instant end = events.stream().map(SimulatedEvent::at).max(Instant::compareTo).orElseThrow();
    List<Link> links = new ArrayList<>();
    for (Map.Entry<String, Instant> subject : last.entrySet()) {
      Instant at = subject.getValue().plus(Duration.ofHours(1));
      boolean near =
          expected.stream()
              .anyMatch(
                  a ->
                      a.getSubjectId().equals(subject.getKey())
                          && Duration.between(a.getEventTime(), at)
                                  .abs()
                                  .compareTo(Duration.ofHours(1))
                              < 0);
      if (at.isBefore(end.minus(Duration.ofHours(12))) && !near) {
        links.add(new Link(subject.getKey(), subject.getKey() + "-joined", at));
      }
      if (links.size() == count) {
        break;
      }
    }
    return links;
  }

  /**
   * What the engine publishes with {@code links}, from what it publishes without them: a linked
   * id's last record is a tombstone, its subject's view comes under the new id (one more record
   * each), and an alert raised after the link is the new id's – its clear too – while one raised
   * before keeps the linked id (and its alert id), also when it clears later.
   */
  static Expectation withLinks(Expectation base, List<Link> links) {
    Map<String, Link> byFrom = new HashMap<>();
    links.forEach(l -> byFrom.put(l.from(), l));
    Map<String, CustomerExperience> latest = new TreeMap<>(base.experiences());
    for (Link l : links) {
      CustomerExperience moved = latest.remove(l.from());
      latest.put(l.from(), null);
      latest.put(l.to(), renamed(moved, l.to()));
    }
    Map<String, Instant> raisedAt = new HashMap<>();
    List<CustomerAlert> alerts = new ArrayList<>();
    for (CustomerAlert a : base.alerts()) {
      Link l = byFrom.get(a.getSubjectId());
      if (l == null) {
        alerts.add(a);
        continue;
      }
      String key = a.getSubjectId() + "|" + a.getDedupeKey();
      Instant raised = a.getEventTime();
      if (a.getStatus() == AlertStatus.RAISED) {
        raisedAt.put(key, raised);
      } else {
        raised = raisedAt.getOrDefault(key, raised);
      }
      alerts.add(raised.isAfter(l.at()) ? as(a, l.to()) : a);
    }
    return new Expectation(
        latest,
        base.experienceUpdates() + 2L * links.size(),
        alerts,
        base.deadLetters(),
        base.touchpoints(),
        base.duplicatesDropped(),
        base.ambiguousTies());
  }

  /** A copy of {@code view} for {@code subject} (through its encoding: logical types stay). */
  private static CustomerExperience renamed(CustomerExperience view, String subject) {
    try {
      CustomerExperience copy = CustomerExperience.fromByteBuffer(view.toByteBuffer());
      copy.setSubjectId(subject);
      return copy;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The same alert record sent for {@code subject} (its id is derived from the subject). */
  private static CustomerAlert as(CustomerAlert a, String subject) {
    String identity =
        subject
            + "|"
            + a.getDedupeKey()
            + "|"
            + a.getStatus()
            + "|"
            + a.getEventTime().toEpochMilli();
    return CustomerAlert.newBuilder(a)
        .setSubjectId(subject)
        .setAlertId(UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)).toString())
        .build();
  }
}
