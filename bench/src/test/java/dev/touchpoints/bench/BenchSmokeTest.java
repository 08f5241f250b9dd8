package dev.touchpoints.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness end to end at a tiny size: it must produce well-formed figures. It asserts no speed –
 * performance is measured by running the harness, not by tests (docs/benchmarks.md).
 */
class BenchSmokeTest {

  @TempDir Path work;

  @Test
  void shouldProduceWellFormedFiguresForEveryPhase() {
    // Given a tiny run: 500 subjects, 3,000 records, one short offered load, 300 subjects at scale
    BenchSettings settings =
        BenchSettings.builder(work)
            .subjects(500)
            .records(3_000)
            .partitions(2)
            .commitInterval(Duration.ofMillis(100))
            .loads(List.of(0.25))
            .loadDuration(Duration.ofSeconds(2))
            .probesPerSecond(5)
            .scaleSubjects(300)
            .engineJvmOptions(List.of("-Xmx256m"))
            .seed(7)
            .build();

    // When the harness runs every phase
    BenchReport report = PipelineBenchmark.run(settings);

    // Then every phase reports figures that add up
    BenchReport.Throughput t = report.throughput();
    assertThat(t.records()).isEqualTo(3_000);
    assertThat(t.produceRate()).isPositive();
    assertThat(t.consumeRate()).isPositive();
    assertThat(t.passThrough().outputRecords()).isGreaterThanOrEqualTo(3_000);
    assertThat(t.pipeline().outputRecords()).isGreaterThanOrEqualTo(3_000);
    assertThat(t.pipelineVsPassThrough()).isPositive();
    assertThat(t.pipelineVsRaw()).isPositive();
    assertThat(report.latency())
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.probes()).isPositive();
              assertThat(row.alerts()).isEqualTo(row.probes());
              assertThat(row.p50Ms()).isPositive().isLessThanOrEqualTo(row.p99Ms());
            });
    assertThat(report.scale().storeBytes()).isPositive();
    assertThat(report.scale().rssBytes()).isPositive();
    assertThat(report.scale().restarts())
        .hasSize(2)
        .allSatisfy(
            r -> {
              assertThat(r.subjects()).isEqualTo(300);
              assertThat(r.restoredRecords()).isPositive();
              assertThat(r.restoreStartMs()).isLessThanOrEqualTo(r.restoreEndMs());
              assertThat(r.completeMs()).isGreaterThanOrEqualTo(r.runningMs());
            });
    assertThat(report.toMarkdown()).contains("c/b =", "p99", "restore");
  }
}
