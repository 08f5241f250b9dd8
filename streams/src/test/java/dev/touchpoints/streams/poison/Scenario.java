package dev.touchpoints.streams.poison;

import dev.touchpoints.core.topics.Topic;
import java.util.List;
import org.apache.kafka.common.header.Header;

/**
 * One class of poison pill on one subject: good records around the pill, each with what the engine
 * must do with it.
 *
 * @param pillClass what is wrong, e.g. {@code truncated Avro}
 * @param subject the subject whose good records surround the pill
 * @param topic the topic of the subject's good records and (mostly) of the pill
 * @param steps the records in the order they are produced, all to one partition
 * @param scoredByGoodEventsAlone whether the subject must score exactly like any other whose only
 *     events are the same good ones on {@code topic} (at the same offsets in time): the pill left
 *     no trace in the score
 */
record Scenario(
    String pillClass,
    String subject,
    Topic<String, ?> topic,
    List<Step> steps,
    boolean scoredByGoodEventsAlone) {

  /** The events that must be scored, once each. */
  List<String> countedEventIds() {
    return steps.stream()
        .map(Step::outcome)
        .filter(Outcome.Counted.class::isInstance)
        .map(o -> ((Outcome.Counted) o).eventId())
        .toList();
  }

  /**
   * One record.
   *
   * @param topic the input topic it goes to
   * @param stage the stage that reads that topic, e.g. {@code web-decode}
   * @param key key bytes, or null
   * @param value value bytes, or null
   * @param headers record headers
   * @param timestamp record timestamp
   * @param outcome what must happen to it
   */
  record Step(
      Topic<String, ?> topic,
      String stage,
      byte[] key,
      byte[] value,
      List<Header> headers,
      long timestamp,
      Outcome outcome) {}

  /** What the engine must do with a record. */
  sealed interface Outcome {

    /** A good event: scored exactly once. */
    record Counted(String eventId) implements Outcome {}

    /** A repeat of an event id already scored: neither scored nor dead-lettered. */
    record Dropped(String eventId) implements Outcome {}

    /**
     * A dead letter.
     *
     * @param reason the whole reason
     * @param errorClass the class name of the exception, or null when none was involved
     */
    record DeadLettered(String reason, String errorClass) implements Outcome {}
  }
}
