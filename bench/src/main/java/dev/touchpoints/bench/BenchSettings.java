package dev.touchpoints.bench;

import dev.touchpoints.streams.EngineStreams;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What one harness run does. Every phase runs on the same embedded broker in the same run, so that
 * the ratios between them are fair on a noisy machine.
 *
 * @param subjects subjects in the throughput and latency traffic
 * @param records pre-generated input records for the throughput phases
 * @param partitions partitions of every input and output topic
 * @param streamThreads Kafka Streams threads of the pass-through and pipeline apps
 * @param commitInterval EOS commit interval of both apps (bounds event→alert latency)
 * @param loads offered loads of the latency phase, as fractions of the pipeline's measured rate
 * @param loadDuration how long each offered load is held
 * @param probesPerSecond alert-triggering probe subjects started per second during the latency
 *     phase
 * @param scaleSubjects subjects of the state-at-scale phase; 0 skips it
 * @param engineJvmOptions JVM options of the engine process of the state-at-scale phase
 * @param workDir where broker data and state go (deleted afterwards unless {@code keep})
 * @param keep keep {@code workDir} after the run
 * @param seed seed of the simulated traffic
 * @param engineSettings settings of the engine under test (pipeline, latency and scale phases),
 *     over the harness's own, in the config file's keys ({@code kafka.commit.interval.ms}, {@code
 *     policy.…}); the pass-through gets the {@code kafka.} ones too, so both stay comparable
 */
public record BenchSettings(
    int subjects,
    int records,
    int partitions,
    int streamThreads,
    Duration commitInterval,
    List<Double> loads,
    Duration loadDuration,
    int probesPerSecond,
    int scaleSubjects,
    List<String> engineJvmOptions,
    Path workDir,
    boolean keep,
    long seed,
    Map<String, String> engineSettings) {

  public BenchSettings {
    if (subjects < 10 || records < 100) {
      throw new IllegalArgumentException("at least 10 subjects and 100 records");
    }
    loads = List.copyOf(loads);
    engineJvmOptions = List.copyOf(engineJvmOptions);
    engineSettings = Map.copyOf(engineSettings);
  }

  /** The full run documented in docs/benchmarks.md. */
  public static BenchSettings full(Path workDir) {
    return sized(workDir, 100_000, 300_000, Duration.ofSeconds(30), 1_000_000);
  }

  /** A run of a minute or two, for a laptop or CI. */
  public static BenchSettings quick(Path workDir) {
    return sized(workDir, 2_000, 20_000, Duration.ofSeconds(8), 5_000);
  }

  /** The defaults (6 partitions, 1 thread, the engine's commit interval, …) at these sizes. */
  private static BenchSettings sized(
      Path workDir, int subjects, int records, Duration loadDuration, int scaleSubjects) {
    return new BenchSettings(
        subjects,
        records,
        6,
        1,
        Duration.ofMillis(EngineStreams.COMMIT_INTERVAL_MS),
        List.of(0.10, 0.25, 0.50),
        loadDuration,
        10,
        scaleSubjects,
        List.of("-Xmx768m"),
        workDir,
        false,
        42,
        Map.of());
  }
}
