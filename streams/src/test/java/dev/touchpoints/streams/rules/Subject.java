package dev.touchpoints.streams.rules;

import dev.touchpoints.streams.Policy;
import dev.touchpoints.streams.TestData;
import dev.touchpoints.streams.model.Touchpoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/** One subject driven through the plain-Java engine, without Kafka. */
final class Subject {

  private final SubjectEngine engine;
  private SubjectState state;

  Subject() {
    this(TestData.policy(Map.of()));
  }

  Subject(Policy policy) {
    this.engine = new SubjectEngine(policy);
  }

  /** Takes in events; returns the alerts and clears they caused. */
  List<AlertDraft> on(SpecificRecord... events) {
    List<AlertDraft> out = new ArrayList<>();
    for (SpecificRecord e : events) {
      Touchpoint t = TestData.touchpoint(e);
      SubjectEngine.Outcome o = engine.onEvent(state, t, t.occurredAt());
      state = o.state();
      out.addAll(o.alerts());
    }
    return out;
  }

  /** Lets every clock due by {@code now} fire, earliest first. */
  List<AlertDraft> timePasses(Instant now) {
    List<AlertDraft> out = new ArrayList<>();
    while (true) {
      var next =
          state.clocks.entrySet().stream()
              .filter(e -> e.getValue() <= now.toEpochMilli())
              .min(Map.Entry.comparingByValue());
      if (next.isEmpty()) {
        return out;
      }
      SubjectEngine.Outcome o = engine.onClock(state, next.get().getKey(), next.get().getValue());
      state = o.state();
      out.addAll(o.alerts());
    }
  }

  SubjectState state() {
    return state;
  }

  double overall() {
    return engine.model().overall(state.score);
  }
}
