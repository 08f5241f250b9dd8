package dev.touchpoints.streams.query;

import dev.touchpoints.avro.CustomerExperience;
import dev.touchpoints.streams.processors.Views;
import dev.touchpoints.streams.rules.SubjectState;
import dev.touchpoints.streams.scoring.ScoringModel;
import java.util.function.Consumer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The subject-state store read as views: a view is {@link Views#experience} of the stored state,
 * the same function the engine publishes with, so a query answers exactly what the engine last sent
 * to the experience topic. Keeping only the state (and not a second store of views) saves a store
 * write, an Avro encoding and a changelog record per event, and a third of the restore. A scan
 * computes only each subject's overall score ({@link Views#overall}); listings build the whole view
 * for the few subjects they keep.
 */
final class ExperienceViews implements Experiences {

  private final ReadOnlyKeyValueStore<String, SubjectState> states;
  private final ScoringModel model;

  ExperienceViews(ReadOnlyKeyValueStore<String, SubjectState> states, ScoringModel model) {
    this.states = states;
    this.model = model;
  }

  @Override
  public CustomerExperience get(String subjectId) {
    SubjectState state = states.get(subjectId);
    return state == null ? null : Views.experience(state, model);
  }

  @Override
  public void scan(Consumer<Scored> each) {
    try (KeyValueIterator<String, SubjectState> it = states.all()) {
      while (it.hasNext()) {
        KeyValue<String, SubjectState> next = it.next();
        SubjectState state = next.value;
        if (state != null) {
          each.accept(
              new Scored(
                  next.key, Views.overall(state, model), () -> Views.experience(state, model)));
        }
      }
    }
  }
}
