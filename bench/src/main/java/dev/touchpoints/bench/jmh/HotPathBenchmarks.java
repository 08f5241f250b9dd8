package dev.touchpoints.bench.jmh;

import dev.touchpoints.avro.CustomerExperience;
import dev.touchpoints.avro.WebEvent;
import dev.touchpoints.core.config.AppConfig;
import dev.touchpoints.core.topics.Topics;
import dev.touchpoints.producers.simulator.JourneyGenerator;
import dev.touchpoints.producers.simulator.SimulatedEvent;
import dev.touchpoints.producers.simulator.SimulationPlan;
import dev.touchpoints.streams.Policy;
import dev.touchpoints.streams.index.IndexCells;
import dev.touchpoints.streams.index.PeriodAccount;
import dev.touchpoints.streams.ledger.LedgerSerde;
import dev.touchpoints.streams.model.Classifier;
import dev.touchpoints.streams.model.RawRecord;
import dev.touchpoints.streams.model.Touchpoint;
import dev.touchpoints.streams.model.Validation;
import dev.touchpoints.streams.records.ExperienceRecords;
import dev.touchpoints.streams.rules.SubjectEngine;
import dev.touchpoints.streams.rules.SubjectState;
import dev.touchpoints.streams.scoring.Moment;
import dev.touchpoints.streams.scoring.ScoreState;
import dev.touchpoints.streams.scoring.ScoringModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The engine's per-event work as plain Java, on simulator traffic (1,000 subjects, 40,000 events),
 * without RocksDB or Kafka: what one stream thread spends per record before the stores and the
 * producer. Average time per event; lower is better.
 *
 * <pre>
 * java -cp bench/target/classes:$(cat bench/target/bench.classpath) org.openjdk.jmh.Main HotPath
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
public class HotPathBenchmarks {

  private static final int SUBJECTS = 1_000;
  private static final int WARM_EVENTS = 20_000;
  private static final int EVENTS = 20_000;

  private final Policy policy = Policy.defaults();
  private final SubjectEngine engine = new SubjectEngine(policy);

  /** The same engine with the experience index off ({@code policy.index.enabled=false}). */
  private final SubjectEngine engineWithoutIndex =
      new SubjectEngine(
          Policy.fromConfig(AppConfig.of(Map.of("policy.index.enabled", "false"), Map.of())));

  private final ScoringModel model = engine.model();
  private final Serializer<SubjectState> stateWriter = new LedgerSerde().serializer();
  private final Deserializer<SubjectState> stateReader = new LedgerSerde().deserializer();

  private Serializer<CustomerExperience> experienceWriter;
  private Serializer<WebEvent> webWriter;
  private Deserializer<WebEvent> webReader;

  /** Events after the warm-up, and each subject's ledger bytes just before each of them. */
  private Touchpoint[] events;

  private byte[][] stateBefore;

  /** The same, kept by {@link #engineWithoutIndex}. */
  private byte[][] stateBeforeWithoutIndex;

  /**
   * For each measured event, an event of the same kind and subject dated an hour before the
   * subject's latest: it arrives late and re-folds the subject.
   */
  private Touchpoint[] lateEvents;

  /** Live states for the in-place engine benchmark (cycled; replays count as late events). */
  private Map<String, SubjectState> live;

  private ScoreState score;
  private Moment moment;
  private WebEvent webEvent;
  private byte[] webBytes;
  private int next;

  /** Index cells changed so far (kept so the work is not optimised away). */
  private long cells;

  @Setup
  public void setUp() {
    AppConfig config = AppConfig.of(Map.of("schema.registry.url", "mock://jmh"), Map.of());
    Topics topics = Topics.fromConfig(config);
    experienceWriter = topics.experience().valueSerde().serializer();
    webWriter = topics.web().valueSerde().serializer();
    webReader = topics.web().valueSerde().deserializer();

    JourneyGenerator gen = JourneyGenerator.of(SimulationPlan.of(7, SUBJECTS));
    Map<String, SubjectState> states = new HashMap<>();
    Map<String, SubjectState> withoutIndex = new HashMap<>();
    List<Touchpoint> measured = new ArrayList<>();
    List<byte[]> before = new ArrayList<>();
    List<byte[]> beforeWithoutIndex = new ArrayList<>();
    for (int i = 0; i < WARM_EVENTS + EVENTS; i++) {
      SimulatedEvent e = gen.next();
      Touchpoint t = Classifier.classify(e.event(), raw(i));
      if (webEvent == null && e.event() instanceof WebEvent w) {
        webEvent = w;
      }
      if (i >= WARM_EVENTS) {
        SubjectState s = states.get(t.subjectId());
        before.add(s == null ? null : stateWriter.serialize("", s));
        SubjectState w = withoutIndex.get(t.subjectId());
        beforeWithoutIndex.add(w == null ? null : stateWriter.serialize("", w));
        measured.add(t);
      }
      states.put(
          t.subjectId(), engine.onEvent(states.get(t.subjectId()), t, t.occurredAt()).state());
      withoutIndex.put(
          t.subjectId(),
          engineWithoutIndex.onEvent(withoutIndex.get(t.subjectId()), t, t.occurredAt()).state());
    }
    stateBeforeWithoutIndex = beforeWithoutIndex.toArray(byte[][]::new);
    events = measured.toArray(Touchpoint[]::new);
    stateBefore = before.toArray(byte[][]::new);
    lateEvents = new Touchpoint[events.length];
    for (int i = 0; i < events.length; i++) {
      Touchpoint t = events[i];
      SubjectState s = stateBefore[i] == null ? null : stateReader.deserialize("", stateBefore[i]);
      long at = s == null ? t.occurredAt() : s.lastEventAt - Duration.ofHours(1).toMillis();
      lateEvents[i] =
          new Touchpoint(
              t.eventId() + "-late",
              t.subjectId(),
              at,
              t.source(),
              t.kind(),
              t.intensity(),
              t.customerInitiated(),
              t.payload(),
              t.raw());
    }
    live = states;

    SubjectState busiest =
        states.values().stream().max((a, b) -> Long.compare(a.eventCount, b.eventCount)).get();
    score = busiest.score;
    moment =
        new Moment(
            "support.case_opened.complaint",
            1.0,
            score.asOf() + Duration.ofHours(5).toMillis(),
            "bench-moment");
    webBytes = webWriter.serialize("touchpoints.web", webEvent);
  }

  private static RawRecord raw(int i) {
    return new RawRecord("touchpoints.web", 0, i, 0L, null, null, Map.of());
  }

  private int nextIndex() {
    int i = next;
    next = i + 1 == events.length ? 0 : i + 1;
    return i;
  }

  /** The scoring model alone: one moment into a subject's existing memory. */
  @Benchmark
  public ScoreState scoreOneMoment() {
    return model.apply(score, moment);
  }

  /** Scoring plus every rule, on a live in-memory state (no serialization). */
  @Benchmark
  public SubjectEngine.Outcome engineOnEvent() {
    Touchpoint t = events[nextIndex()];
    return engine.onEvent(live.get(t.subjectId()), t, t.occurredAt());
  }

  /**
   * What the experience processor does per event apart from RocksDB and Kafka: read the subject's
   * state (its Avro ledger), run scoring and rules, write the state back, build the experience view
   * and encode it as Avro for the output topic.
   */
  @Benchmark
  public byte[] processorCore() {
    int i = nextIndex();
    return processorStep(events[i], stateBefore[i]);
  }

  /**
   * {@link #processorCore()} for an event that arrives late (dated an hour before the subject's
   * latest event): the subject is re-folded from its checkpoint over its recent events – what a
   * correction costs.
   */
  @Benchmark
  public byte[] processorCoreLateEvent() {
    int i = nextIndex();
    return processorStep(lateEvents[i], stateBefore[i]);
  }

  /**
   * {@link #processorCore()} with the experience index off: no period accounts in the fold or the
   * ledger, no index cells to work out. The difference is what keeping the index costs per event
   * (apart from the few pending-delta store writes).
   */
  @Benchmark
  public byte[] processorCoreWithoutIndex() {
    int i = nextIndex();
    return processorStep(engineWithoutIndex, events[i], stateBeforeWithoutIndex[i]);
  }

  private byte[] processorStep(Touchpoint t, byte[] before) {
    return processorStep(engine, t, before);
  }

  private byte[] processorStep(SubjectEngine engine, Touchpoint t, byte[] before) {
    SubjectState state = before == null ? null : stateReader.deserialize("", before);
    SubjectEngine.Outcome outcome = engine.onEvent(state, t, t.occurredAt());
    // The index cells that changed (what the processor adds to its pending deltas).
    for (Map.Entry<String, PeriodAccount> p : outcome.state().periods.entrySet()) {
      PeriodAccount was = state == null ? null : state.periods.get(p.getKey());
      if (!p.getValue().equals(was)) {
        cells += IndexCells.delta(was, p.getValue()).size();
      }
    }
    byte[] stored = stateWriter.serialize("", outcome.state());
    CustomerExperience view = ExperienceRecords.experience(outcome.state(), model);
    byte[] experience = experienceWriter.serialize("touchpoints.customer-experience", view);
    return stored.length > experience.length ? stored : experience;
  }

  /** Part of {@link #processorCore()}: reading a subject's state from the store's bytes. */
  @Benchmark
  public SubjectState stateLedgerRead() {
    byte[] bytes = stateBefore[nextIndex()];
    return bytes == null ? null : stateReader.deserialize("", bytes);
  }

  /** Part of {@link #processorCore()}: building the experience view and encoding it. */
  @Benchmark
  public byte[] experienceViewAvro() {
    Touchpoint t = events[nextIndex()];
    CustomerExperience view = ExperienceRecords.experience(live.get(t.subjectId()), model);
    return experienceWriter.serialize("touchpoints.customer-experience", view);
  }

  /** Avro encoding of a web event in the registry wire format (schema id cached). */
  @Benchmark
  public byte[] webEventEncode() {
    return webWriter.serialize("touchpoints.web", webEvent);
  }

  /** The decode processor's work: Avro decoding, classification and validation. */
  @Benchmark
  public Optional<String> webEventDecodeClassifyValidate() {
    WebEvent e = webReader.deserialize("touchpoints.web", webBytes);
    Touchpoint t = Classifier.classify(e, null);
    return Validation.problem(t, t.subjectId(), t.occurredAt(), Duration.ofDays(1));
  }
}
