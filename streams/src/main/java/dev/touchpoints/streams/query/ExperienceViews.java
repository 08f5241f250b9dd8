package dev.touchpoints.streams.query;

import dev.touchpoints.avro.CustomerExperience;
import dev.touchpoints.streams.processors.Views;
import dev.touchpoints.streams.rules.SubjectState;
import dev.touchpoints.streams.scoring.ScoringModel;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The subject-state store read as views: every value is {@link Views#experience} of the stored
 * state, the same function the engine publishes with, so a query answers exactly what the engine
 * last sent to the experience topic. Keeping only the state (and not a second store of views) saves
 * a store write, an Avro encoding and a changelog record per event, and a third of the restore.
 */
final class ExperienceViews implements ReadOnlyKeyValueStore<String, CustomerExperience> {

  private final ReadOnlyKeyValueStore<String, SubjectState> states;
  private final ScoringModel model;

  ExperienceViews(ReadOnlyKeyValueStore<String, SubjectState> states, ScoringModel model) {
    this.states = states;
    this.model = model;
  }

  @Override
  public CustomerExperience get(String subjectId) {
    return view(states.get(subjectId));
  }

  @Override
  public KeyValueIterator<String, CustomerExperience> range(String from, String to) {
    return new Mapped(states.range(from, to));
  }

  @Override
  public KeyValueIterator<String, CustomerExperience> all() {
    return new Mapped(states.all());
  }

  @Override
  public long approximateNumEntries() {
    return states.approximateNumEntries();
  }

  private CustomerExperience view(SubjectState state) {
    return state == null ? null : Views.experience(state, model);
  }

  private final class Mapped implements KeyValueIterator<String, CustomerExperience> {
    private final KeyValueIterator<String, SubjectState> inner;

    Mapped(KeyValueIterator<String, SubjectState> inner) {
      this.inner = inner;
    }

    @Override
    public boolean hasNext() {
      return inner.hasNext();
    }

    @Override
    public KeyValue<String, CustomerExperience> next() {
      KeyValue<String, SubjectState> next = inner.next();
      return KeyValue.pair(next.key, view(next.value));
    }

    @Override
    public String peekNextKey() {
      return inner.peekNextKey();
    }

    @Override
    public void close() {
      inner.close();
    }
  }
}
