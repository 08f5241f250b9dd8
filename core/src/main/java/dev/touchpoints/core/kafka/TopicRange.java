package dev.touchpoints.core.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Partitions assigned to a group-less consumer, each sought to a start, and the end offsets
 * captured at that moment: the one way Touchpoints reads "a topic as it is now" and stops.
 *
 * <p>The end is decided by the consumer's position, not by the last record's offset, so compacted
 * topics, transaction markers and aborted records (offsets no record ever carries) still end. The
 * end offsets come from the same consumer, so under {@code isolation.level=read_committed} they are
 * the last stable offsets – exactly what that consumer can reach. Records a poll returns at or past
 * a partition's end (written after the read began) are not handed on.
 */
public final class TopicRange<K, V> {

  private static final Duration POLL = Duration.ofMillis(200);

  /** Where each partition starts. */
  public sealed interface Start {

    /** The oldest record kept. */
    static Start beginning() {
      return new Beginning();
    }

    /** The end: only records written later would be read (for a caller that follows). */
    static Start end() {
      return new Last(0);
    }

    /**
     * {@code perPartition} offsets before the end (fewer records on a compacted or transactional
     * topic), or the beginning if that is later.
     */
    static Start last(int perPartition) {
      return new Last(Math.max(0, perPartition));
    }

    /** These offsets; a partition without one starts at the beginning. */
    static Start offsets(Map<TopicPartition, Long> offsets) {
      return new Offsets(Map.copyOf(offsets));
    }
  }

  private record Beginning() implements Start {}

  private record Last(int perPartition) implements Start {}

  private record Offsets(Map<TopicPartition, Long> offsets) implements Start {}

  private final org.apache.kafka.clients.consumer.Consumer<K, V> consumer;
  private final Map<TopicPartition, Long> starts;
  private final Map<TopicPartition, Long> ends;

  private TopicRange(
      org.apache.kafka.clients.consumer.Consumer<K, V> consumer,
      Map<TopicPartition, Long> starts,
      Map<TopicPartition, Long> ends) {
    this.consumer = consumer;
    this.starts = starts;
    this.ends = ends;
  }

  /**
   * Every partition of {@code topics}, in the order given; a topic that does not exist has none.
   */
  public static List<TopicPartition> partitionsOf(
      org.apache.kafka.clients.consumer.Consumer<?, ?> consumer,
      Collection<String> topics,
      Duration timeout) {
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : topics) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
      if (infos != null) {
        infos.stream()
            .map(p -> new TopicPartition(p.topic(), p.partition()))
            .sorted((a, b) -> Integer.compare(a.partition(), b.partition()))
            .forEach(partitions::add);
      }
    }
    return partitions;
  }

  /**
   * Assigns {@code partitions} to {@code consumer} (which must not be subscribed to a group),
   * captures their end offsets and seeks each to its start. The consumer's position is then exactly
   * the start: a caller that follows the topic afterwards misses nothing written later.
   */
  public static <K, V> TopicRange<K, V> open(
      org.apache.kafka.clients.consumer.Consumer<K, V> consumer,
      Collection<TopicPartition> partitions,
      Start start) {
    Objects.requireNonNull(start, "start");
    List<TopicPartition> list = List.copyOf(new LinkedHashSet<>(partitions));
    consumer.assign(list);
    if (list.isEmpty()) {
      return new TopicRange<>(consumer, Map.of(), Map.of());
    }
    Map<TopicPartition, Long> ends = consumer.endOffsets(list);
    Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(list);
    Map<TopicPartition, Long> starts = new LinkedHashMap<>();
    Map<TopicPartition, Long> captured = new LinkedHashMap<>(); // in the order given
    for (TopicPartition partition : list) {
      captured.put(partition, ends.get(partition));
      long beginning = beginnings.get(partition);
      long from = beginning;
      if (start instanceof Last last) {
        from = Math.max(beginning, ends.get(partition) - last.perPartition());
      } else if (start instanceof Offsets given) {
        from = given.offsets().getOrDefault(partition, beginning);
      }
      consumer.seek(partition, from);
      starts.put(partition, from);
    }
    return new TopicRange<>(consumer, Map.copyOf(starts), captured);
  }

  /**
   * Reads every record of {@code topics} from the beginning to the end offsets of now, with a
   * consumer the caller configured (deserializers, isolation level) and still owns.
   */
  public static <K, V> List<ConsumerRecord<K, V>> readAll(
      org.apache.kafka.clients.consumer.Consumer<K, V> consumer,
      Collection<String> topics,
      Duration timeout) {
    return open(consumer, partitionsOf(consumer, topics, timeout), Start.beginning())
        .readAll(timeout);
  }

  /** The offset each partition started at. */
  public Map<TopicPartition, Long> starts() {
    return starts;
  }

  /** The end offsets captured when the range was opened. */
  public Map<TopicPartition, Long> ends() {
    return Collections.unmodifiableMap(ends);
  }

  /** True once the consumer's position has reached the captured end of every partition. */
  public boolean reachedEnd() {
    return unfinished().isEmpty();
  }

  /** Every record up to the end, in the order the consumer returned them. */
  public List<ConsumerRecord<K, V>> readAll(Duration timeout) {
    List<ConsumerRecord<K, V>> records = new ArrayList<>();
    forEach(timeout, records::add);
    return records;
  }

  /**
   * Hands every record up to the end to {@code handler}.
   *
   * @throws TimeoutException if the end is not reached within {@code timeout}; the message names
   *     the partitions not done and how far each got
   */
  public void forEach(Duration timeout, Consumer<? super ConsumerRecord<K, V>> handler) {
    readWhile(
        timeout,
        record -> {
          handler.accept(record);
          return true;
        });
  }

  /**
   * Hands records up to the end to {@code handler} until it returns false.
   *
   * @return true if the end was reached, false if the handler stopped the read
   * @throws TimeoutException if the end is not reached within {@code timeout}; the message names
   *     the partitions not done and how far each got
   */
  public boolean readWhile(Duration timeout, Predicate<? super ConsumerRecord<K, V>> handler) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Set<TopicPartition> paused = new HashSet<>();
    try {
      while (true) {
        List<TopicPartition> unfinished = unfinished();
        pauseFinished(unfinished, paused);
        if (unfinished.isEmpty()) {
          return true;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new TimeoutException(progress(unfinished, timeout));
        }
        ConsumerRecords<K, V> batch = consumer.poll(min(POLL, Duration.ofNanos(left)));
        for (TopicPartition partition : batch.partitions()) {
          long end = ends.getOrDefault(partition, 0L);
          for (ConsumerRecord<K, V> record : batch.records(partition)) {
            if (record.offset() < end && !handler.test(record)) {
              return false;
            }
          }
        }
      }
    } finally {
      if (!paused.isEmpty()) {
        consumer.resume(paused);
      }
    }
  }

  private List<TopicPartition> unfinished() {
    List<TopicPartition> unfinished = new ArrayList<>();
    ends.forEach(
        (partition, end) -> {
          if (consumer.position(partition) < end) {
            unfinished.add(partition);
          }
        });
    return unfinished;
  }

  /** Partitions at their end fetch nothing more, so the others get the whole poll. */
  private void pauseFinished(List<TopicPartition> unfinished, Set<TopicPartition> paused) {
    Set<TopicPartition> finished = new HashSet<>(ends.keySet());
    unfinished.forEach(finished::remove);
    finished.removeAll(paused);
    if (!finished.isEmpty()) {
      consumer.pause(finished);
      paused.addAll(finished);
    }
  }

  private String progress(List<TopicPartition> unfinished, Duration timeout) {
    Set<String> topics =
        ends.keySet().stream()
            .map(TopicPartition::topic)
            .collect(Collectors.toCollection(TreeSet::new));
    String behind =
        unfinished.stream()
            .map(
                p ->
                    p
                        + " at offset "
                        + consumer.position(p)
                        + " of "
                        + ends.get(p)
                        + " (started at "
                        + starts.get(p)
                        + ")")
            .collect(Collectors.joining(", "));
    return "Did not read "
        + String.join(", ", topics)
        + " to the end within "
        + (timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms")
        + ": "
        + (ends.size() - unfinished.size())
        + " of "
        + ends.size()
        + " partitions done; "
        + behind;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
