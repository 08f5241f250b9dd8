package dev.touchpoints.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.touchpoints.streams.EngineStreams;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The settings built by name: the documented runs, and a builder that starts from a run. */
class BenchSettingsTest {

  private final Path dir = Path.of("bench-work");

  @Test
  void shouldDescribeTheQuickRunByItsDefaults() {
    // Given the quick run, When built, Then it has the sizes and defaults the harness documents
    BenchSettings quick = BenchSettings.quick(dir);
    assertThat(quick)
        .isEqualTo(
            new BenchSettings(
                2_000,
                20_000,
                6,
                1,
                Duration.ofMillis(EngineStreams.COMMIT_INTERVAL_MS),
                List.of(0.10, 0.25, 0.50),
                Duration.ofSeconds(8),
                10,
                5_000,
                List.of("-Xmx768m"),
                dir,
                false,
                42,
                Map.of()));
  }

  @Test
  void shouldChangeOnlyTheFullRunsSizes() {
    // Given the full run, When compared with the quick one, Then only the sizes differ
    BenchSettings full = BenchSettings.full(dir);
    assertThat(full.subjects()).isEqualTo(100_000);
    assertThat(full.records()).isEqualTo(300_000);
    assertThat(full.loadDuration()).isEqualTo(Duration.ofSeconds(30));
    assertThat(full.scaleSubjects()).isEqualTo(1_000_000);
    assertThat(
            full.toBuilder()
                .subjects(2_000)
                .records(20_000)
                .loadDuration(Duration.ofSeconds(8))
                .scaleSubjects(5_000)
                .build())
        .isEqualTo(BenchSettings.quick(dir));
  }

  @Test
  void shouldKeepEverySettingThroughToBuilder() {
    // Given settings with every component changed
    BenchSettings changed =
        BenchSettings.builder(dir)
            .subjects(11)
            .records(101)
            .partitions(2)
            .streamThreads(3)
            .commitInterval(Duration.ofMillis(7))
            .loads(List.of(0.5))
            .loadDuration(Duration.ofSeconds(1))
            .probesPerSecond(2)
            .scaleSubjects(0)
            .engineJvmOptions(List.of("-Xmx1g"))
            .keep(true)
            .seed(9)
            .engineSettings(Map.of("policy.x", "1"))
            .build();

    // When rebuilt from its builder, Then nothing is lost
    assertThat(changed.toBuilder().build()).isEqualTo(changed);
  }
}
