package dev.touchpoints.streams.query;

import dev.touchpoints.avro.CustomerExperience;
import dev.touchpoints.streams.rules.SubjectState;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Each subject's experience as the query API reads it: one subject's whole view, the number of
 * subjects at each overall score, and the subjects up to a score – a whole view is only built for
 * the subjects a listing keeps.
 */
interface ExperienceReads {

  /** The subject's view, or null when this instance has none. */
  CustomerExperience get(String subjectId);

  /** The number of subjects at each overall score, in hundredths of a point (ascending). */
  NavigableMap<Long, Long> counts();

  /** Visits every subject whose overall score is at or below {@code maxHundredths}, once each. */
  void upTo(long maxHundredths, Consumer<Scored> each);

  /**
   * One subject of a scan.
   *
   * @param overall the overall score, as in its view
   * @param view builds the whole view
   * @param state reads the subject's ledger (null when the views are ready-made); the view is built
   *     from the same read
   */
  record Scored(
      String subjectId,
      double overall,
      Supplier<CustomerExperience> view,
      Supplier<SubjectState> state) {}

  /** Over a store of ready-made views (tests): every answer is a scan of all of them. */
  static ExperienceReads of(ReadOnlyKeyValueStore<String, CustomerExperience> views) {
    return new ExperienceReads() {
      @Override
      public CustomerExperience get(String subjectId) {
        return views.get(subjectId);
      }

      @Override
      public NavigableMap<Long, Long> counts() {
        NavigableMap<Long, Long> counts = new TreeMap<>();
        each(scored -> counts.merge(Math.round(scored.overall() * 100), 1L, Long::sum));
        return counts;
      }

      @Override
      public void upTo(long maxHundredths, Consumer<Scored> each) {
        each(
            scored -> {
              if (Math.round(scored.overall() * 100) <= maxHundredths) {
                each.accept(scored);
              }
            });
      }

      private void each(Consumer<Scored> each) {
        try (KeyValueIterator<String, CustomerExperience> it = views.all()) {
          while (it.hasNext()) {
            KeyValue<String, CustomerExperience> next = it.next();
            if (next.value != null) {
              CustomerExperience view = next.value;
              each.accept(new Scored(next.key, view.getOverall(), () -> view, () -> null));
            }
          }
        }
      }
    };
  }
}
