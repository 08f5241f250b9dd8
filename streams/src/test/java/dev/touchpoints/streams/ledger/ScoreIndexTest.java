package dev.touchpoints.streams.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.touchpoints.streams.records.ExperienceRecords;
import dev.touchpoints.streams.rules.SubjectState;
import dev.touchpoints.streams.scoring.Moment;
import dev.touchpoints.streams.scoring.ScoreState;
import dev.touchpoints.streams.scoring.ScoringModel;
import dev.touchpoints.streams.scoring.ScoringSettings;
import dev.touchpoints.streams.state.KeyValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The score index on plain maps: what a change of a ledger does to it, and the upgrade check. */
class ScoreIndexTest {

  private final ScoringModel model = new ScoringModel(ScoringSettings.defaults());
  private final Map<String, Long> index = new TreeMap<>();
  private final Map<String, Long> counts = new TreeMap<>();
  private final ScoreIndex scores = new ScoreIndex(kv(index), kv(counts), model);

  @Test
  void shouldMoveASubjectWithItsScoreAndCountEachScoreOnce() {
    SubjectState neutral = state("a", null);
    SubjectState unhappy = state("a", "support.case_opened.complaint");

    scores.sync("a", null, neutral);
    scores.sync("b", null, state("b", null));
    assertThat(index).containsOnlyKeys("05000|a", "05000|b");
    assertThat(counts).containsExactly(Map.entry("05000", 2L));

    scores.sync("a", neutral, unhappy);
    long low = ScoreIndex.hundredths(ExperienceRecords.overall(unhappy, model));
    assertThat(low).isLessThan(5000);
    assertThat(index).containsOnlyKeys(ScoreIndex.key(low, "a"), "05000|b");
    assertThat(counts).containsOnly(Map.entry(ScoreIndex.bucket(low), 1L), Map.entry("05000", 1L));

    scores.sync("a", unhappy, null); // erased, or moved to the subject it was linked into
    assertThat(index).containsOnlyKeys("05000|b");
    assertThat(counts).containsExactly(Map.entry("05000", 1L));
  }

  @Test
  void shouldTellAnIndexMissingForStateWrittenBeforeIt() {
    Map<String, SubjectState> states = new TreeMap<>();
    assertThat(scores.missing(kv(states))).as("nothing held").isFalse();
    states.put("a", state("a", null));
    assertThat(scores.missing(kv(states))).as("state without index").isTrue();
    scores.sync("a", null, states.get("a"));
    assertThat(scores.missing(kv(states))).isFalse();
  }

  @Test
  void shouldWriteKeysThatSortByScore() {
    assertThat(ScoreIndex.key(999, "z")).isLessThan(ScoreIndex.key(1000, "a"));
    assertThat(ScoreIndex.key(10_000, "x")).isEqualTo("10000|x");
    assertThat(ScoreIndex.scoreOf("00042|id|with|bars")).isEqualTo(42);
    assertThat(ScoreIndex.subjectOf("00042|id|with|bars")).isEqualTo("id|with|bars");
  }

  private SubjectState state(String id, String badKey) {
    ScoreState score = model.empty(0);
    if (badKey != null) {
      score = model.apply(score, new Moment(badKey, 1.0, 1_000, "e-" + id));
    }
    return SubjectState.first(id, score, 0);
  }

  private static <V> KeyValues<V> kv(Map<String, V> map) {
    return new KeyValues<>() {
      @Override
      public V get(String key) {
        return map.get(key);
      }

      @Override
      public void put(String key, V value) {
        map.put(key, value);
      }

      @Override
      public void delete(String key) {
        map.remove(key);
      }

      @Override
      public List<V> range(String from, String to) {
        return new ArrayList<>(new TreeMap<>(map).subMap(from, true, to, true).values());
      }

      @Override
      public V first() {
        return map.isEmpty() ? null : new TreeMap<>(map).firstEntry().getValue();
      }

      @Override
      public Map<String, V> all() {
        return new TreeMap<>(map);
      }
    };
  }
}
