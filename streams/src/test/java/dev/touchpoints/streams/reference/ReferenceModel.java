package dev.touchpoints.streams.reference;

import dev.touchpoints.avro.CustomerAlert;
import dev.touchpoints.avro.CustomerExperience;
import dev.touchpoints.avro.ErasureAudit;
import dev.touchpoints.streams.Policy;
import dev.touchpoints.streams.index.PeriodAccount;
import dev.touchpoints.streams.ledger.LedgerSerde;
import dev.touchpoints.streams.ledger.LedgerWriter;
import dev.touchpoints.streams.messages.IncidentSignal;
import dev.touchpoints.streams.messages.Transfer;
import dev.touchpoints.streams.model.Classifier;
import dev.touchpoints.streams.model.RawRecord;
import dev.touchpoints.streams.model.Touchpoint;
import dev.touchpoints.streams.model.Validation;
import dev.touchpoints.streams.records.AlertRecords;
import dev.touchpoints.streams.rules.SubjectState;
import dev.touchpoints.streams.state.KeyValues;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;

/**
 * What the experience topology should publish, computed without Kafka: a pure function of the
 * policy, the partition count and the input records. It runs the topology's own code – {@link
 * Classifier} and {@link Validation} as the decoder does, the {@link LedgerWriter} that the
 * experience processor hosts (event clock, due index, subject engine, rules, scoring, views, alert
 * records) – on in-memory stores, one ledger writer per task, each task seeing its records in the
 * order Kafka Streams would ({@link TaskOrder}).
 *
 * <p><b>Scope.</b> Covered: decoding outcomes of decoded events (tombstones, missing keys, unknown
 * types, validation), dedupe of repeated event ids (in each subject's ledger), every subject's
 * final {@code CustomerExperience}, and every per-customer alert and clear (RAISED and CLEARED)
 * with its deterministic id. Not covered:
 *
 * <ul>
 *   <li><b>Incidents.</b> Incident detection reads a repartition topic that several tasks write to;
 *       its interleaving depends on timing, so incident alerts – and the folding of per-subject
 *       alerts into an incident – are not modelled: an alert a failure caused is sent as it is
 *       decided. It is exact only for traffic and a policy under which no incident opens, with
 *       {@code policy.incident.fold-wait} zero (alerts are not held for folding).
 *   <li><b>Wall-clock takeover.</b> Due dates are judged by the watermark of the input's event
 *       times only, as when {@code policy.clock.idle-after} is longer than any pause in the input
 *       and every event is in the past; clocks the wall clock would fire after the input stops are
 *       not fired.
 *   <li><b>Undecodable bytes</b> (the input here is already decoded).
 *   <li><b>Order of equal timestamps</b> of one subject in two topics: counted in {@link
 *       Expectation#ambiguousTies()}, not resolved.
 *   <li><b>Input arriving while the engine runs.</b> The task order assumes every record is on the
 *       broker before the task reads it; with live traffic a task may go on while one of its
 *       partitions is momentarily empty ({@code max.task.idle.ms}) and see another order.
 * </ul>
 */
public final class ReferenceModel {

  /**
   * The wall clock the model runs at: far after any input, and standing still, so no source ever
   * turns idle and the watermark follows the input's event times alone.
   */
  private static final long WALL = java.time.Instant.parse("2100-01-01T00:00:00Z").toEpochMilli();

  private final Policy policy;
  private final int partitions;

  /**
   * @param policy the pipeline's policy
   * @param partitions the partition count of every input topic (they are co-partitioned)
   */
  public ReferenceModel(Policy policy, int partitions) {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1");
    }
    this.policy = policy;
    this.partitions = partitions;
  }

  /**
   * The expected outputs for {@code records}, given in the order they were produced (which is each
   * partition's offset order; the partition of a record follows from its key).
   */
  public Expectation run(List<InputRecord> records) {
    List<String> deadLetters = new ArrayList<>();
    Map<Integer, TaskOrder> tasks = new TreeMap<>();
    Map<String, Long> offsets = new HashMap<>();
    for (InputRecord record : records) {
      if (record.key() == null) {
        // Kafka spreads unkeyed records freely; wherever they land, they are dead letters.
        deadLetters.add("missing subject key");
        continue;
      }
      int partition = Partitioning.partitionOf(record.key(), partitions);
      long offset = offsets.merge(record.topic() + "-" + partition, 1L, Long::sum) - 1;
      tasks
          .computeIfAbsent(partition, p -> new TaskOrder())
          .add(new TaskOrder.Positioned(record, partition, offset));
    }
    Results results = new Results(deadLetters);
    long ambiguous = 0;
    for (TaskOrder task : tasks.values()) {
      ambiguous += task.ambiguousTies();
      new Task(results).run(task.merged());
    }
    return new Expectation(
        results.experiences,
        results.experienceUpdates,
        results.alerts,
        results.deadLetters,
        results.touchpoints,
        results.duplicates,
        ambiguous);
  }

  /**
   * <b>The in-order result</b> – what "order independence" is measured against: every subject's
   * final state when each event arrives exactly once, in event-time order (then by event id), on
   * time (the wall clock at its event time), and the wall clock then stands at {@code upTo} with
   * every source idle. Every clock due before the next event fires before it (an event dated at a
   * clock's due time comes first), and every clock due before {@code upTo} fires.
   *
   * <p>It runs the {@link LedgerWriter} with one source and no out-of-order allowance, so the
   * watermark is the latest event time and nothing ever arrives late: only the engine's in-order
   * path runs, never a correction. Incidents are not modelled (as in {@link #run}).
   *
   * @param events decoded touchpoint events (web, billing, support, marketing), in any order
   * @param upTo the wall clock at the end; at least {@code policy.clock.idle-after} after the last
   *     event
   * @return each subject's final state, by subject id
   */
  public Map<String, SubjectState> inOrder(List<SpecificRecord> events, long upTo) {
    return inOrder(events, upTo, MemoryKeyValues.serialized(new LedgerSerde()));
  }

  /**
   * The experience index's share of each subject in the in-order result: per subject, the last
   * account each period had before it was sealed (or at the end), by period key.
   */
  public Map<String, Map<String, PeriodAccount>> inOrderPeriods(
      List<SpecificRecord> events, long upTo) {
    Map<String, Map<String, PeriodAccount>> periods = new TreeMap<>();
    KeyValues<SubjectState> kept = MemoryKeyValues.serialized(new LedgerSerde());
    KeyValues<SubjectState> states =
        new KeyValues<>() {
          @Override
          public SubjectState get(String key) {
            return kept.get(key);
          }

          @Override
          public void put(String key, SubjectState value) {
            kept.put(key, value);
            periods.computeIfAbsent(key, k -> new TreeMap<>()).putAll(value.periods);
          }

          @Override
          public void delete(String key) {
            kept.delete(key);
          }

          @Override
          public List<SubjectState> range(String from, String to) {
            return kept.range(from, to);
          }

          @Override
          public SubjectState first() {
            return kept.first();
          }

          @Override
          public Map<String, SubjectState> all() {
            return kept.all();
          }
        };
    inOrder(events, upTo, states);
    return periods;
  }

  private Map<String, SubjectState> inOrder(
      List<SpecificRecord> events, long upTo, KeyValues<SubjectState> states) {
    Policy inOrder = withoutOutOfOrder(policy);
    List<Touchpoint> sorted =
        events.stream()
            .map(
                e ->
                    Classifier.classify(
                        e,
                        new RawRecord(
                            "in-order",
                            0,
                            0,
                            Classifier.envelope(e).getOccurredAt().toEpochMilli(),
                            Classifier.envelope(e).getSubjectId().getBytes(StandardCharsets.UTF_8),
                            null,
                            Map.of())))
            .sorted(
                java.util.Comparator.comparingLong(Touchpoint::occurredAt)
                    .thenComparing(Touchpoint::eventId))
            .toList();
    long start = sorted.isEmpty() ? upTo : sorted.get(0).occurredAt();
    LedgerWriter writer =
        new LedgerWriter(
            inOrder,
            List.of(),
            new LedgerWriter.Stores(
                states,
                MemoryKeyValues.plain(),
                MemoryKeyValues.plain(),
                MemoryKeyValues.plain(),
                MemoryKeyValues.plain(),
                MemoryKeyValues.plain(),
                MemoryKeyValues.plain(),
                MemoryKeyValues.plain(),
                MemoryKeyValues.plain(),
                MemoryKeyValues.plain(),
                MemoryKeyValues.plain()),
            start,
            new ModelOutput() {
              @Override
              public void experience(String subjectId, CustomerExperience view, long at) {}

              @Override
              public void alert(String subjectId, CustomerAlert alert, long at) {}

              @Override
              public void signal(IncidentSignal signal) {}

              @Override
              public void failed(Touchpoint touchpoint, RuntimeException error) {
                throw new IllegalStateException("an event failed in the reference model", error);
              }
            });
    for (Touchpoint t : sorted) {
      writer.onTouchpoint(t, t.occurredAt());
    }
    writer.onWallClock(upTo);
    return new TreeMap<>(states.all());
  }

  /** The policy with no out-of-order allowance: a due date passes at the latest event time. */
  private static Policy withoutOutOfOrder(Policy p) {
    return new Policy(
        p.scoring(),
        new Policy.Clock(java.time.Duration.ZERO, p.clock().idleAfter(), p.clock().checkInterval()),
        p.dedupe(),
        p.maxFutureSkew(),
        p.badMomentPoints(),
        p.silence(),
        p.promises(),
        p.selfService(),
        p.incident(),
        p.drop(),
        p.winBack(),
        p.pushy(),
        p.quiet(),
        p.alerts(),
        p.late(),
        p.identity(),
        p.index());
  }

  private static final class Results {
    final Map<String, CustomerExperience> experiences = new TreeMap<>();
    final List<CustomerAlert> alerts = new ArrayList<>();
    final List<String> deadLetters;
    long experienceUpdates;
    long touchpoints;
    long duplicates;

    Results(List<String> deadLetters) {
      this.deadLetters = deadLetters;
    }
  }

  /** One task: decode → dedupe → ledger writer, as the topology's first sub-topology. */
  private final class Task {
    private final Results results;
    private final LedgerWriter writer;

    Task(Results results) {
      this.results = results;
      this.writer =
          new LedgerWriter(
              policy,
              List.of(),
              new LedgerWriter.Stores(
                  MemoryKeyValues.serialized(new LedgerSerde()),
                  MemoryKeyValues.plain(),
                  MemoryKeyValues.plain(),
                  MemoryKeyValues.plain(),
                  MemoryKeyValues.plain(),
                  MemoryKeyValues.plain(),
                  MemoryKeyValues.plain(),
                  MemoryKeyValues.plain(),
                  MemoryKeyValues.plain(),
                  MemoryKeyValues.plain(),
                  MemoryKeyValues.plain()),
              WALL,
              new ModelOutput() {
                @Override
                public void experience(String subjectId, CustomerExperience view, long at) {
                  results.experiences.put(subjectId, view);
                  results.experienceUpdates++;
                }

                @Override
                public void alert(String subjectId, CustomerAlert alert, long at) {
                  results.alerts.add(alert);
                }

                @Override
                public void signal(IncidentSignal signal) {
                  // No incident opens in the model's scope: an alert a failure caused is sent.
                  if (signal.hasAlert()) {
                    results.alerts.add(AlertRecords.toAvro(signal.subjectId(), signal.alert()));
                  }
                }

                @Override
                public void failed(Touchpoint touchpoint, RuntimeException error) {
                  results.deadLetters.add("processing failed: " + error);
                }
              });
    }

    void run(List<TaskOrder.Positioned> records) {
      for (TaskOrder.Positioned p : records) {
        decode(p).ifPresent(this::process);
      }
    }

    /** As {@code DecodeProcessor}, from the decoded value on. */
    private Optional<Touchpoint> decode(TaskOrder.Positioned p) {
      InputRecord r = p.record();
      if (r.event() == null) {
        results.deadLetters.add("null value (tombstone) on an input topic");
        return Optional.empty();
      }
      if (r.key().isBlank()) {
        results.deadLetters.add("missing subject key");
        return Optional.empty();
      }
      RawRecord raw =
          new RawRecord(
              r.topic(),
              p.partition(),
              p.offset(),
              r.timestamp(),
              r.key().getBytes(StandardCharsets.UTF_8),
              null,
              Map.of());
      Touchpoint touchpoint;
      try {
        touchpoint = Classifier.classify(r.event(), raw);
      } catch (IllegalArgumentException e) {
        results.deadLetters.add("cannot deserialize: " + e.getMessage());
        return Optional.empty();
      } catch (RuntimeException e) {
        results.deadLetters.add("cannot decode: " + e);
        return Optional.empty();
      }
      Optional<String> problem =
          new Validation(policy.maxFutureSkew())
              .problem((SpecificRecord) r.event(), r.key(), r.timestamp());
      if (problem.isPresent()) {
        results.deadLetters.add("invalid event: " + problem.get());
        return Optional.empty();
      }
      return Optional.of(touchpoint);
    }

    /** As {@code ExperienceProcessor}: the subject's ledger drops repeats, then applies. */
    private void process(Touchpoint t) {
      if (writer.onTouchpoint(t, WALL) == LedgerWriter.Applied.DUPLICATE) {
        results.duplicates++;
      } else {
        results.touchpoints++;
      }
    }
  }

  /** What the model's scope leaves out fails loudly: clocks that throw, erasures, links. */
  private abstract static class ModelOutput implements LedgerWriter.Output {

    @Override
    public void index(String period, Map<String, Long> delta, long at) {} // not modelled

    @Override
    public void clockFailed(String subjectId, String clockId, RuntimeException e) {
      throw new IllegalStateException("a clock failed in the reference model", e);
    }

    @Override
    public void erased(String subjectId, ErasureAudit audit, long at) {
      throw new IllegalStateException("the reference model takes no erasure requests");
    }

    @Override
    public void transfer(Transfer transfer, long at) {
      throw new IllegalStateException("the reference model links no ids");
    }

    @Override
    public void refused(RawRecord link, String reason) {
      throw new IllegalStateException("the reference model links no ids");
    }
  }
}
