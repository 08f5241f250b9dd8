package dev.touchpoints.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.touchpoints.avro.AlertType;
import dev.touchpoints.avro.Severity;
import dev.touchpoints.core.topics.Topics;
import dev.touchpoints.platform.Platform;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertsCommandIT {

  @TempDir static Path dir;
  private static Platform platform;
  private static Topics topics;

  @BeforeAll
  static void start() {
    platform = OpsIT.start(dir);
    topics = OpsIT.topics(platform);
    OpsIT.produce(
        platform,
        topics.customerAlerts().name(),
        topics.customerAlerts().valueSerde(),
        List.of(
            OpsTestData.alert("s-1", AlertType.LEFT_IN_SILENCE, Severity.HIGH),
            OpsTestData.alert("s-2", AlertType.WIN_BACK_OPPORTUNITY, Severity.INFO)));
    OpsIT.produce(
        platform,
        topics.incidentAlerts().name(),
        topics.incidentAlerts().valueSerde(),
        List.of(OpsTestData.incident(240)));
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  @Test
  void shouldShowOnlySevereAlertsAndIncidentsWhenFilteredBySeverity() {
    // When
    OpsIT.Run run =
        OpsIT.run(platform, new AlertsCommand(), "--from-beginning", "--severity", "HIGH+");

    // Then
    assertThat(run.exitCode()).isEqualTo(0);
    assertThat(run.out())
        .contains("LEFT_IN_SILENCE", "subject s-1", "why:  Complaint case-1")
        .contains("INCIDENT", "240 customers affected")
        .doesNotContain("s-2");
  }

  @Test
  void shouldPrintJsonLinesForOneSubjectWhenAskedForScripts() {
    // When
    OpsIT.Run run =
        OpsIT.run(platform, new AlertsCommand(), "--from-beginning", "--json", "--subject", "s-2");

    // Then
    assertThat(run.out().strip().lines()).hasSize(1);
    assertThat(run.out()).contains("\"subjectId\":\"s-2\"", "\"kind\":\"customer-alert\"");
  }

  @Test
  void shouldShowTheLastAlertOfEachPartitionOrStopAtMax() {
    // When
    OpsIT.Run last = OpsIT.run(platform, new AlertsCommand(), "--last", "1", "--json");
    OpsIT.Run max =
        OpsIT.run(platform, new AlertsCommand(), "--from-beginning", "--json", "--max", "2");

    // Then: every alert was written to partition 0 of its topic
    assertThat(last.exitCode()).isEqualTo(0);
    assertThat(last.out().strip().lines())
        .hasSize(2)
        .filteredOn(line -> line.contains("\"kind\":\"customer-alert\""))
        .hasSize(1);
    assertThat(last.out()).contains("\"kind\":\"incident-alert\"");
    assertThat(max.exitCode()).isEqualTo(0);
    assertThat(max.out().strip().lines()).hasSize(2);
  }

  @Test
  void shouldShowNewAlertWhenFollowing() {
    // Given
    CompletableFuture<OpsIT.Run> following =
        CompletableFuture.supplyAsync(
            () ->
                OpsIT.run(
                    platform, new AlertsCommand(), "--follow", "--subject", "s-9", "--max", "1"));

    // When
    OpsIT.produce(
        platform,
        topics.customerAlerts().name(),
        topics.customerAlerts().valueSerde(),
        List.of(OpsTestData.alert("s-9", AlertType.SELF_SERVICE_FAILED, Severity.WARNING)));

    // Then
    await("the follower prints the new alert and stops after --max 1")
        .atMost(Duration.ofSeconds(30))
        .until(following::isDone);
    assertThat(following.join().out()).contains("SELF_SERVICE_FAILED", "subject s-9");
  }
}
