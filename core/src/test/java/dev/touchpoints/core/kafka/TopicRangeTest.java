package dev.touchpoints.core.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class TopicRangeTest {

  private static final TopicPartition P0 = new TopicPartition("alerts", 0);
  private static final TopicPartition P1 = new TopicPartition("alerts", 1);

  private final MockConsumer<String, String> consumer = new MockConsumer<>("earliest");

  @Test
  void lastNStartsThatFarBeforeTheEndButNotBeforeTheBeginning() {
    consumer.updateBeginningOffsets(Map.of(P0, 5L, P1, 0L));
    consumer.updateEndOffsets(Map.of(P0, 8L, P1, 20L));

    TopicRange<String, String> range =
        TopicRange.open(consumer, List.of(P0, P1), TopicRange.Start.last(10));

    assertThat(range.starts()).containsExactlyInAnyOrderEntriesOf(Map.of(P0, 5L, P1, 10L));
    assertThat(consumer.position(P0)).isEqualTo(5L);
    assertThat(consumer.position(P1)).isEqualTo(10L);
    assertThat(range.ends()).containsExactlyInAnyOrderEntriesOf(Map.of(P0, 8L, P1, 20L));
  }

  @Test
  void givenOffsetsAreWhereTheReadStartsAndOthersStartAtTheBeginning() {
    consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 2L));
    consumer.updateEndOffsets(Map.of(P0, 3L, P1, 4L));
    TopicRange<String, String> range =
        TopicRange.open(consumer, List.of(P0, P1), TopicRange.Start.offsets(Map.of(P0, 1L)));
    for (long offset = 0; offset < 3; offset++) {
      consumer.addRecord(record(P0, offset));
    }
    consumer.addRecord(record(P1, 2));
    consumer.addRecord(record(P1, 3));

    List<ConsumerRecord<String, String>> read = range.readAll(Duration.ofSeconds(5));

    assertThat(read)
        .extracting(r -> r.partition() + "@" + r.offset())
        .containsExactlyInAnyOrder("0@1", "0@2", "1@2", "1@3");
  }

  @Test
  void recordsWrittenAfterTheEndWasCapturedAreNotHandedOn() {
    TopicRange<String, String> range = fromBeginningOfP0(2, 4);

    assertThat(range.readAll(Duration.ofSeconds(5)))
        .extracting(ConsumerRecord::offset)
        .containsExactly(0L, 1L);
    assertThat(consumer.paused()).as("paused partitions are resumed after the read").isEmpty();
  }

  @Test
  void noPartitionsIsAnEmptyRangeAtItsEnd() {
    TopicRange<String, String> range =
        TopicRange.open(consumer, List.of(), TopicRange.Start.beginning());

    assertThat(range.reachedEnd()).isTrue();
    assertThat(range.readAll(Duration.ofMillis(1))).isEmpty();
  }

  @Test
  void aHandlerThatReturnsFalseStopsTheRead() {
    TopicRange<String, String> range = fromBeginningOfP0(5, 5);
    List<Long> seen = new ArrayList<>();

    boolean reachedEnd =
        range.readWhile(
            Duration.ofSeconds(5),
            r -> {
              seen.add(r.offset());
              return seen.size() < 2;
            });

    assertThat(reachedEnd).isFalse();
    assertThat(seen).containsExactly(0L, 1L);
  }

  @Test
  void anEndThatIsNeverReachedFailsNamingThePartitionAndHowFarItGot() {
    consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
    consumer.updateEndOffsets(Map.of(P0, 1L, P1, 12L));
    TopicRange<String, String> range =
        TopicRange.open(consumer, List.of(P0, P1), TopicRange.Start.beginning());
    consumer.addRecord(record(P0, 0));
    consumer.addRecord(record(P1, 10));

    assertThatThrownBy(() -> range.readAll(Duration.ofMillis(300)))
        .isInstanceOf(TimeoutException.class)
        .hasMessage(
            "Did not read alerts to the end within 300 ms: 1 of 2 partitions done;"
                + " alerts-1 at offset 11 of 12 (started at 0)");
  }

  /** A range over partition 0 ending at {@code end}, with records at offsets 0 to count - 1. */
  private TopicRange<String, String> fromBeginningOfP0(long end, int count) {
    consumer.updateBeginningOffsets(Map.of(P0, 0L));
    consumer.updateEndOffsets(Map.of(P0, end));
    TopicRange<String, String> range =
        TopicRange.open(consumer, List.of(P0), TopicRange.Start.beginning());
    for (long offset = 0; offset < count; offset++) {
      consumer.addRecord(record(P0, offset));
    }
    return range;
  }

  private static ConsumerRecord<String, String> record(TopicPartition partition, long offset) {
    return new ConsumerRecord<>(
        partition.topic(), partition.partition(), offset, "k" + offset, "v" + offset);
  }
}
