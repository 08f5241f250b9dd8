package dev.touchpoints.bench;

import dev.touchpoints.avro.SelfServiceKind;
import dev.touchpoints.avro.WebEvent;
import dev.touchpoints.core.topics.Topic;
import dev.touchpoints.core.topics.Topics;
import dev.touchpoints.producers.events.Events;
import dev.touchpoints.producers.simulator.JourneyGenerator;
import dev.touchpoints.producers.simulator.SimulatedEvent;
import dev.touchpoints.producers.simulator.SimulationPlan;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The simulated traffic of a run, encoded once before any clock starts: Avro in the registry's wire
 * format, keyed by subject, on the topic of its type – exactly what publishers write. Event times
 * start a few days before now (whole days, so a seed still fixes the traffic's shape), recent
 * enough that no broker rolls or deletes segments for old timestamps and the engine's validation
 * accepts them.
 */
final class Workload {

  private final Topics topics;
  private final JourneyGenerator generator;
  private long lastEventAt;
  private long probeSeq;

  /**
   * @param events how many events the run will take at most: the traffic starts so far back that
   *     the last of them still happened before now (brokers reject record timestamps more than
   *     {@code log.message.timestamp.after.max.ms}, by default an hour, in the future)
   */
  Workload(Topics topics, int subjects, long seed, long events) {
    this(topics, subjects, seed, span(subjects, seed, events).plus(Duration.ofHours(1)));
  }

  Workload(Topics topics, int subjects, long seed, Duration startBeforeNow) {
    this.topics = topics;
    Instant start = Instant.now().minus(startBeforeNow).truncatedTo(ChronoUnit.DAYS);
    this.generator = JourneyGenerator.of(SimulationPlan.of(seed, subjects).startingAt(start));
    this.lastEventAt = start.toEpochMilli();
  }

  /** Simulated time from the start to the {@code events}-th event (shift-invariant). */
  static Duration span(int subjects, long seed, long events) {
    JourneyGenerator dry = JourneyGenerator.of(SimulationPlan.of(seed, subjects));
    long last = SimulationPlan.DEFAULT_START.toEpochMilli();
    for (long i = 0; i < events && dry.hasNext(); i++) {
      last = dry.next().at().toEpochMilli();
    }
    return Duration.ofMillis(last - SimulationPlan.DEFAULT_START.toEpochMilli());
  }

  /** The next {@code count} events, encoded. */
  List<ProducerRecord<byte[], byte[]>> next(int count) {
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      records.add(encode(nextEvent()));
    }
    return records;
  }

  /** The next simulated event (not encoded). */
  SimulatedEvent nextEvent() {
    SimulatedEvent e = generator.next();
    lastEventAt = e.at().toEpochMilli();
    return e;
  }

  /** Event time of the latest event handed out. */
  long lastEventAt() {
    return lastEventAt;
  }

  /**
   * A probe: {@code failures} failed order-tracking self-service attempts of a new subject, a
   * millisecond apart at the traffic's current event time. The last one raises a
   * SELF_SERVICE_FAILED alert (policy.self-service.failures, default 3). Order tracking is a kind
   * the simulator never fails, so probes cannot add up to an incident with simulated failures.
   */
  List<ProducerRecord<byte[], byte[]>> probe(String subjectId, int failures) {
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(failures);
    for (int i = 0; i < failures; i++) {
      long at = lastEventAt + i;
      WebEvent e =
          Events.withClock(Clock.fixed(Instant.ofEpochMilli(at), ZoneOffset.UTC))
              .web(subjectId)
              .eventId(new UUID(0x5EEDL, ++probeSeq).toString())
              .occurredAt(Instant.ofEpochMilli(at))
              .source("bench-probe")
              .selfServiceFailed(SelfServiceKind.ORDER_TRACKING, "BENCH_PROBE");
      records.add(encode(subjectId, e));
    }
    return records;
  }

  ProducerRecord<byte[], byte[]> encode(SimulatedEvent e) {
    return encode(e.subjectId(), e.event());
  }

  private ProducerRecord<byte[], byte[]> encode(String subjectId, SpecificRecord event) {
    Topic<String, SpecificRecord> topic =
        topics
            .sourceOf(event)
            .orElseThrow(() -> new IllegalArgumentException("not an event: " + event.getClass()));
    return encode(topic, topic.valueSerde().serializer(), subjectId, event);
  }

  private static <V> ProducerRecord<byte[], byte[]> encode(
      Topic<String, V> topic, Serializer<V> serializer, String subjectId, V event) {
    return new ProducerRecord<>(
        topic.name(),
        subjectId.getBytes(StandardCharsets.UTF_8),
        serializer.serialize(topic.name(), event));
  }
}
