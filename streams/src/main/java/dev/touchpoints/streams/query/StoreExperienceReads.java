package dev.touchpoints.streams.query;

import dev.touchpoints.avro.CustomerExperience;
import dev.touchpoints.streams.ledger.ScoreIndex;
import dev.touchpoints.streams.records.ExperienceRecords;
import dev.touchpoints.streams.rules.SubjectState;
import dev.touchpoints.streams.scoring.ScoringModel;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The subject-state store read as views: a view is {@link ExperienceRecords#experience} of the
 * stored state, the same function the engine publishes with, so a query answers exactly what the
 * engine last sent to the experience topic. Keeping only the state (and not a second store of
 * views) saves a store write, an Avro encoding and a changelog record per event, and a third of the
 * restore. The score distribution and the lowest scores come from the {@link ScoreIndex} the engine
 * derives with each change, so no answer reads every subject; listings build the whole view for the
 * few they keep.
 */
final class StoreExperienceReads implements ExperienceReads {

  private final ReadOnlyKeyValueStore<String, SubjectState> states;
  private final ReadOnlyKeyValueStore<String, Long> scoreIndex;
  private final ReadOnlyKeyValueStore<String, Long> scoreCounts;
  private final ScoringModel model;

  StoreExperienceReads(
      ReadOnlyKeyValueStore<String, SubjectState> states,
      ReadOnlyKeyValueStore<String, Long> scoreIndex,
      ReadOnlyKeyValueStore<String, Long> scoreCounts,
      ScoringModel model) {
    this.states = states;
    this.scoreIndex = scoreIndex;
    this.scoreCounts = scoreCounts;
    this.model = model;
  }

  @Override
  public CustomerExperience get(String subjectId) {
    SubjectState state = states.get(subjectId);
    return state == null ? null : ExperienceRecords.experience(state, model);
  }

  /** From the score counts: at most 10,001 entries per task, summed over this instance's tasks. */
  @Override
  public NavigableMap<Long, Long> counts() {
    NavigableMap<Long, Long> counts = new TreeMap<>();
    try (KeyValueIterator<String, Long> it = scoreCounts.all()) {
      while (it.hasNext()) {
        KeyValue<String, Long> next = it.next();
        if (next.value != null) {
          counts.merge(ScoreIndex.scoreOf(next.key), next.value, Long::sum);
        }
      }
    }
    return counts;
  }

  /** From the score index: only the entries up to the score are read, each ledger only if kept. */
  @Override
  public void upTo(long maxHundredths, Consumer<Scored> each) {
    try (KeyValueIterator<String, Long> it =
        scoreIndex.range(ScoreIndex.bucket(0), ScoreIndex.bucket(maxHundredths) + "|\uffff")) {
      while (it.hasNext()) {
        KeyValue<String, Long> next = it.next();
        String subjectId = ScoreIndex.subjectOf(next.key);
        // One read of the ledger, if any, for the view and for whoever asks for the state.
        Supplier<SubjectState> state = memoized(() -> states.get(subjectId));
        each.accept(
            new Scored(
                subjectId,
                ScoreIndex.scoreOf(next.key) / 100.0,
                () -> state.get() == null ? null : ExperienceRecords.experience(state.get(), model),
                state));
      }
    }
  }

  private static <T> Supplier<T> memoized(Supplier<T> read) {
    return new Supplier<>() {
      private boolean done;
      private T value;

      @Override
      public T get() {
        if (!done) {
          value = read.get();
          done = true;
        }
        return value;
      }
    };
  }
}
