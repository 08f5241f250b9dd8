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
 * @see #builder
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
    return builder(workDir)
        .subjects(100_000)
        .records(300_000)
        .loadDuration(Duration.ofSeconds(30))
        .scaleSubjects(1_000_000)
        .build();
  }

  /** A run of a minute or two, for a laptop or CI. */
  public static BenchSettings quick(Path workDir) {
    return builder(workDir).build();
  }

  /**
   * Settings by name, starting from the defaults: the sizes of {@link #quick}, 6 partitions, 1
   * thread, the engine's commit interval, offered loads of 10, 25 and 50 %, 10 probes a second, a
   * 768 MB engine heap, seed 42, the work directory deleted afterwards, no engine settings.
   */
  public static Builder builder(Path workDir) {
    return new Builder(workDir);
  }

  /** A builder that starts from these settings. */
  public Builder toBuilder() {
    return new Builder(workDir)
        .subjects(subjects)
        .records(records)
        .partitions(partitions)
        .streamThreads(streamThreads)
        .commitInterval(commitInterval)
        .loads(loads)
        .loadDuration(loadDuration)
        .probesPerSecond(probesPerSecond)
        .scaleSubjects(scaleSubjects)
        .engineJvmOptions(engineJvmOptions)
        .keep(keep)
        .seed(seed)
        .engineSettings(engineSettings);
  }

  /** Builds {@link BenchSettings} by name; see the record's components for what each one is. */
  public static final class Builder {

    private final Path workDir;
    private int subjects = 2_000;
    private int records = 20_000;
    private int partitions = 6;
    private int streamThreads = 1;
    private Duration commitInterval = Duration.ofMillis(EngineStreams.COMMIT_INTERVAL_MS);
    private List<Double> loads = List.of(0.10, 0.25, 0.50);
    private Duration loadDuration = Duration.ofSeconds(8);
    private int probesPerSecond = 10;
    private int scaleSubjects = 5_000;
    private List<String> engineJvmOptions = List.of("-Xmx768m");
    private boolean keep;
    private long seed = 42;
    private Map<String, String> engineSettings = Map.of();

    private Builder(Path workDir) {
      this.workDir = workDir;
    }

    public Builder subjects(int subjects) {
      this.subjects = subjects;
      return this;
    }

    public Builder records(int records) {
      this.records = records;
      return this;
    }

    public Builder partitions(int partitions) {
      this.partitions = partitions;
      return this;
    }

    public Builder streamThreads(int streamThreads) {
      this.streamThreads = streamThreads;
      return this;
    }

    public Builder commitInterval(Duration commitInterval) {
      this.commitInterval = commitInterval;
      return this;
    }

    public Builder loads(List<Double> loads) {
      this.loads = loads;
      return this;
    }

    public Builder loadDuration(Duration loadDuration) {
      this.loadDuration = loadDuration;
      return this;
    }

    public Builder probesPerSecond(int probesPerSecond) {
      this.probesPerSecond = probesPerSecond;
      return this;
    }

    public Builder scaleSubjects(int scaleSubjects) {
      this.scaleSubjects = scaleSubjects;
      return this;
    }

    public Builder engineJvmOptions(List<String> engineJvmOptions) {
      this.engineJvmOptions = engineJvmOptions;
      return this;
    }

    public Builder keep(boolean keep) {
      this.keep = keep;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder engineSettings(Map<String, String> engineSettings) {
      this.engineSettings = engineSettings;
      return this;
    }

    public BenchSettings build() {
      return new BenchSettings(
          subjects,
          records,
          partitions,
          streamThreads,
          commitInterval,
          loads,
          loadDuration,
          probesPerSecond,
          scaleSubjects,
          engineJvmOptions,
          workDir,
          keep,
          seed,
          engineSettings);
    }
  }
}
