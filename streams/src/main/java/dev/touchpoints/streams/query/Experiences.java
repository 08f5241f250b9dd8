package dev.touchpoints.streams.query;

import dev.touchpoints.avro.CustomerExperience;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Each subject's experience as the query API reads it: one subject's whole view, or a scan of every
 * subject's overall score in which a whole view is only built for the subjects a listing keeps.
 */
interface Experiences {

  /** The subject's view, or null when this instance has none. */
  CustomerExperience get(String subjectId);

  /** Visits every subject once. */
  void scan(Consumer<Scored> each);

  /**
   * One subject of a scan.
   *
   * @param overall the overall score, as in its view
   * @param view builds the whole view
   */
  record Scored(String subjectId, double overall, Supplier<CustomerExperience> view) {}

  /** Over a store of ready-made views. */
  static Experiences of(ReadOnlyKeyValueStore<String, CustomerExperience> views) {
    return new Experiences() {
      @Override
      public CustomerExperience get(String subjectId) {
        return views.get(subjectId);
      }

      @Override
      public void scan(Consumer<Scored> each) {
        try (KeyValueIterator<String, CustomerExperience> it = views.all()) {
          while (it.hasNext()) {
            KeyValue<String, CustomerExperience> next = it.next();
            if (next.value != null) {
              CustomerExperience view = next.value;
              each.accept(new Scored(next.key, view.getOverall(), () -> view));
            }
          }
        }
      }
    };
  }
}
