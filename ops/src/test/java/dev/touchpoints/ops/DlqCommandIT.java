package dev.touchpoints.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.touchpoints.avro.DeadLetter;
import dev.touchpoints.core.topics.Topics;
import dev.touchpoints.platform.Platform;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DlqCommandIT {

  @TempDir static Path dir;
  private static Platform platform;
  private static Topics topics;

  @BeforeAll
  static void start() {
    platform = OpsIT.start(dir);
    topics = OpsIT.topics(platform);
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  @Test
  void shouldReplayEachDeadLetterOnceWhenReplayIsRunAgain() {
    // Given
    String web = topics.web().name();
    OpsIT.produce(
        platform,
        topics.deadLetters().name(),
        topics.deadLetters().valueSerde(),
        List.<DeadLetter>of(
            OpsTestData.deadLetter(web, 10, "Unknown schema id 99", bytes("original-a")),
            OpsTestData.deadLetter(web, 11, "Missing envelope.subjectId", bytes("original-b")),
            OpsTestData.deadLetter(web, 12, "Unknown schema id 99", bytes("original-c"))));

    // When
    OpsIT.Run list = OpsIT.run(platform, new DlqCommand(), "list");
    OpsIT.Run first = OpsIT.run(platform, new DlqCommand(), "replay", "--offset", "1");
    OpsIT.Run again = OpsIT.run(platform, new DlqCommand(), "replay", "--offset", "1");

    // Then
    assertThat(list.out())
        .contains("reason: Unknown schema id 99", "reason: Missing envelope.subjectId")
        .contains("from " + web + "-0@11", "stage validate")
        .contains("3 dead letter(s) shown of 3.");
    assertThat(first.out()).contains("1 replayed, 0 skipped.");
    assertThat(again.out()).contains("Already replayed", "0 replayed, 1 skipped.");
    List<ConsumerRecord<byte[], byte[]>> replayed = OpsIT.readAll(platform, web);
    assertThat(replayed).hasSize(1);
    assertThat(new String(replayed.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("original-b");
    assertThat(new String(replayed.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("subject-11");
    assertThat(replayed.get(0).headers().lastHeader(DlqReplayCommand.REPLAYED_FROM_HEADER))
        .isNotNull();
    assertThat(replayed.get(0).headers().lastHeader("trace").value()).containsExactly(1, 2);

    // When
    OpsIT.Run bulk =
        OpsIT.run(platform, new DlqCommand(), "replay", "--all", "--reason-contains", "schema id");
    OpsIT.Run listAfter = OpsIT.run(platform, new DlqCommand(), "list");

    // Then
    assertThat(bulk.out()).contains("2 replayed, 0 skipped.");
    assertThat(OpsIT.readAll(platform, web))
        .extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
        .containsExactlyInAnyOrder("original-a", "original-b", "original-c");
    assertThat(listAfter.out().split("\\[replayed]", -1)).hasSize(4);
  }

  @Test
  void shouldRefuseWhenNeitherOffsetNorAllIsGiven() {
    // When
    OpsIT.Run run = OpsIT.run(platform, new DlqCommand(), "replay");

    // Then
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--offset N", "--all");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
