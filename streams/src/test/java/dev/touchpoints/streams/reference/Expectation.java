package dev.touchpoints.streams.reference;

import dev.touchpoints.avro.CustomerAlert;
import dev.touchpoints.avro.CustomerExperience;
import java.util.List;
import java.util.Map;

/**
 * What the pipeline should publish for some input, as computed by {@link ReferenceModel}.
 *
 * @param experiences each subject's last published {@code CustomerExperience}, by subject id
 * @param experienceUpdates how many {@code CustomerExperience} records are published in all (one
 *     per touchpoint and one per clock that fired)
 * @param alerts every per-customer alert and clear published, task by task in emission order
 * @param deadLetters the reason of every record that should become a dead letter
 * @param touchpoints touchpoints that reached the experience logic
 * @param duplicatesDropped touchpoints dropped as repeats of an event id
 * @param ambiguousTies (subject, timestamp) pairs in more than one input topic of a task, whose
 *     order Kafka does not define; the expectation is exact only when this is zero
 */
public record Expectation(
    Map<String, CustomerExperience> experiences,
    long experienceUpdates,
    List<CustomerAlert> alerts,
    List<String> deadLetters,
    long touchpoints,
    long duplicatesDropped,
    long ambiguousTies) {

  public Expectation {
    experiences = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(experiences));
    alerts = List.copyOf(alerts);
    deadLetters = List.copyOf(deadLetters);
  }
}
