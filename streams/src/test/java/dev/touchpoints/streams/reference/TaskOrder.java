package dev.touchpoints.streams.reference;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The order in which one task sees its records. A task reads partition {@code p} of every input
 * topic; Kafka Streams (with {@code max.task.idle.ms ≥ 0}, the default, and every record already on
 * the broker) always takes the buffered head with the smallest timestamp, each partition in offset
 * order. Equal timestamps are taken in an order Kafka does not define: harmless between different
 * subjects, ambiguous for one subject in two topics – those are counted.
 */
final class TaskOrder {

  /**
   * A record at its position.
   *
   * @param record the record
   * @param partition its partition
   * @param offset its offset in that partition
   */
  record Positioned(InputRecord record, int partition, long offset) {}

  private final Map<String, List<Positioned>> byTopic = new LinkedHashMap<>();

  void add(Positioned record) {
    byTopic.computeIfAbsent(record.record().topic(), t -> new ArrayList<>()).add(record);
  }

  /** The records in processing order (ties: topics in order of first appearance). */
  List<Positioned> merged() {
    List<List<Positioned>> queues = new ArrayList<>(byTopic.values());
    int[] heads = new int[queues.size()];
    List<Positioned> out = new ArrayList<>();
    while (true) {
      int best = -1;
      for (int q = 0; q < queues.size(); q++) {
        if (heads[q] < queues.get(q).size()
            && (best < 0
                || timestamp(queues.get(q).get(heads[q]))
                    < timestamp(queues.get(best).get(heads[best])))) {
          best = q;
        }
      }
      if (best < 0) {
        return out;
      }
      out.add(queues.get(best).get(heads[best]++));
    }
  }

  /**
   * How many (subject, timestamp) pairs occur in more than one topic of this task: their relative
   * order is up to Kafka, so the outcome may differ from the one computed here.
   */
  long ambiguousTies() {
    Map<String, Set<String>> topicsByKeyAndTime = new HashMap<>();
    byTopic.forEach(
        (topic, records) ->
            records.forEach(
                p ->
                    topicsByKeyAndTime
                        .computeIfAbsent(
                            Objects.toString(p.record().key()) + "@" + timestamp(p),
                            k -> new HashSet<>())
                        .add(topic)));
    return topicsByKeyAndTime.values().stream().filter(topics -> topics.size() > 1).count();
  }

  private static long timestamp(Positioned p) {
    return p.record().timestamp();
  }
}
