package dev.touchpoints.bench;

import dev.touchpoints.producers.simulator.JourneyGenerator;
import dev.touchpoints.producers.simulator.SimulatedEvent;
import dev.touchpoints.producers.simulator.SimulationPlan;
import dev.touchpoints.streams.Policy;
import dev.touchpoints.streams.ledger.LedgerSerde;
import dev.touchpoints.streams.model.Classifier;
import dev.touchpoints.streams.model.RawRecord;
import dev.touchpoints.streams.model.Touchpoint;
import dev.touchpoints.streams.rules.SubjectEngine;
import dev.touchpoints.streams.rules.SubjectState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What keeping events for corrections costs in state: simulator traffic (the six stories) through
 * the subject engine, then every subject's ledger size as stored, beside the same state without its
 * recent events and checkpoint (what it would be without corrections) – side by side, one run.
 *
 * <pre>
 * java -cp bench/target/classes:$(cat bench/target/bench.classpath) \
 *   dev.touchpoints.bench.LedgerCost [subjects] [events]
 * </pre>
 */
public final class LedgerCost {

  private LedgerCost() {}

  public static void main(String[] args) {
    int subjects = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 400_000;
    SubjectEngine engine = new SubjectEngine(Policy.defaults());
    JourneyGenerator gen = JourneyGenerator.of(SimulationPlan.of(7, subjects));
    Map<String, SubjectState> states = new HashMap<>();
    long last = 0;
    for (int i = 0; i < count; i++) {
      SimulatedEvent e = gen.next();
      RawRecord raw =
          new RawRecord("touchpoints.web", 0, i, e.at().toEpochMilli(), null, null, Map.of());
      Touchpoint t = Classifier.classify(e.event(), raw);
      last = Math.max(last, t.occurredAt());
      SubjectState s = states.get(t.subjectId());
      // the wall clock a day after the traffic's latest event: an event's record is old once
      // the horizon has passed since it was written
      states.put(t.subjectId(), engine.onEvent(s, t, t.occurredAt(), last + 86_400_000L).state());
    }
    System.out.printf(
        "subjects %d, events %d (%.1f days of traffic)%n",
        states.size(), count, (last - firstAt(states)) / 86_400_000.0);
    long live = last + 86_400_000L;
    states.replaceAll((id, s) -> housekeep(engine, s, live));
    report("live (wall clock a day after the traffic, horizon clocks fired)", states);
    // A week later with no new event: each subject's horizon clock trims what left the horizon.
    long idle = last + 8 * 86_400_000L;
    states.replaceAll((id, s) -> housekeep(engine, s, idle));
    report("after a week without events", states);
  }

  private static SubjectState housekeep(SubjectEngine engine, SubjectState s, long now) {
    for (int i = 0; i < 100; i++) {
      var due =
          s.clocks.entrySet().stream()
              .filter(c -> SubjectEngine.isHousekeeping(c.getKey()) && c.getValue() <= now)
              .findFirst();
      if (due.isEmpty()) {
        return s;
      }
      s = engine.onClock(s, due.get().getKey(), due.get().getValue(), now, now).state();
    }
    return s;
  }

  private static void report(String when, Map<String, SubjectState> states) {
    List<Integer> with = new ArrayList<>();
    List<Integer> without = new ArrayList<>();
    long recent = 0;
    long checkpoints = 0;
    for (SubjectState s : states.values()) {
      with.add(LedgerSerde.write(s).length);
      SubjectState bare = s.copy();
      bare.recent = new ArrayList<>();
      bare.checkpoint = null;
      without.add(LedgerSerde.write(bare).length);
      recent += s.recent.size();
      checkpoints += s.checkpoint == null ? 0 : 1;
    }
    System.out.printf("%s:%n", when);
    System.out.printf(
        "  ledger bytes as stored:                 mean %,d, p50 %,d, p99 %,d, total %,d%n",
        mean(with), pct(with, 50), pct(with, 99), sum(with));
    System.out.printf(
        "  the same without events and checkpoint: mean %,d, p50 %,d, p99 %,d, total %,d%n",
        mean(without), pct(without, 50), pct(without, 99), sum(without));
    System.out.printf(
        "  ratio %.2f; recent events per subject %.1f; subjects with a checkpoint %.1f %%%n",
        (double) sum(with) / sum(without),
        (double) recent / states.size(),
        100.0 * checkpoints / states.size());
  }

  private static long firstAt(Map<String, SubjectState> states) {
    return states.values().stream().mapToLong(s -> s.firstEventAt).min().orElse(0);
  }

  private static long sum(List<Integer> xs) {
    return xs.stream().mapToLong(Integer::longValue).sum();
  }

  private static long mean(List<Integer> xs) {
    return sum(xs) / Math.max(1, xs.size());
  }

  private static int pct(List<Integer> xs, int p) {
    int[] a = xs.stream().mapToInt(Integer::intValue).toArray();
    Arrays.sort(a);
    return a[Math.min(a.length - 1, a.length * p / 100)];
  }
}
