package dev.touchpoints.bench;

import dev.touchpoints.core.config.ConfigLoader;
import dev.touchpoints.core.config.ConfigOptions;
import dev.touchpoints.streams.StreamsCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code touchpoints bench}: the load harness on an embedded broker. Prints the figures as Markdown
 * (and writes them to {@code --out}); every option left out takes the value of the full run, or of
 * the quick run with {@code --quick}.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "Measures the pipeline on an embedded broker in one run: raw produce/consume, an"
            + " exactly-once pass-through, the full engine, event→alert latency at 10/25/50 %% of"
            + " the engine's rate, and state at scale with a crash and restore. Takes about 15"
            + " minutes (--quick: about 2).")
public final class BenchCommand implements Callable<Integer> {

  @Option(
      names = "--quick",
      description = "Small sizes: 2,000 subjects, 20,000 records, 5,000 at scale.")
  boolean quick;

  @Option(names = "--subjects", description = "Subjects in the throughput traffic (full: 100,000).")
  Integer subjects;

  @Option(names = "--records", description = "Pre-generated input records (full: 300,000).")
  Integer records;

  @Option(names = "--partitions", description = "Partitions per topic (default 6).")
  Integer partitions;

  @Option(
      names = "--threads",
      description = "Stream threads of the engine and the pass-through (default 1).")
  Integer threads;

  @Option(
      names = "--commit-interval",
      paramLabel = "MS",
      description = "EOS commit.interval.ms of both applications (default: the engine's, 50).")
  Long commitIntervalMs;

  @Option(
      names = "--loads",
      split = ",",
      description =
          "Offered loads for latency, fractions of the engine's rate (default 0.1,0.25,0.5).")
  List<Double> loads;

  @Option(names = "--load-seconds", description = "Seconds per offered load (full: 30, quick: 8).")
  Integer loadSeconds;

  @Option(names = "--probes-per-second", description = "Alert probes per second (default 10).")
  Integer probesPerSecond;

  @Option(
      names = "--scale-subjects",
      description = "Subjects of the state-at-scale phase; 0 skips it (full: 1,000,000).")
  Integer scaleSubjects;

  @Option(
      names = "--engine-jvm-opts",
      split = " ",
      description = "JVM options of the engine process at scale (default -Xmx768m).")
  List<String> engineJvmOptions;

  @Option(names = "--work-dir", description = "Scratch directory (default: a new temp dir).")
  Path workDir;

  @Option(names = "--keep", description = "Keep the scratch directory.")
  boolean keep;

  @Option(names = "--seed", description = "Seed of the simulated traffic (default 42).")
  Long seed;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description =
          "Engine setting over the harness's own, as in a config file (e.g."
              + " kafka.commit.interval.ms=100, kafka.rocksdb.memory.bytes=536870912). kafka.* ones"
              + " also apply to the pass-through. Repeatable.")
  Map<String, String> engineSettings = new LinkedHashMap<>();

  @Option(names = "--out", description = "Also write the Markdown report to this file.")
  Path out;

  @Spec CommandSpec spec;

  /** The settings these options describe. */
  BenchSettings settings() throws IOException {
    Path dir = workDir != null ? workDir : Files.createTempDirectory("touchpoints-bench");
    BenchSettings base = quick ? BenchSettings.quick(dir) : BenchSettings.full(dir);
    return base.toBuilder()
        .subjects(or(subjects, base.subjects()))
        .records(or(records, base.records()))
        .partitions(or(partitions, base.partitions()))
        .streamThreads(or(threads, base.streamThreads()))
        .commitInterval(
            commitIntervalMs == null ? base.commitInterval() : Duration.ofMillis(commitIntervalMs))
        .loads(or(loads, base.loads()))
        .loadDuration(loadSeconds == null ? base.loadDuration() : Duration.ofSeconds(loadSeconds))
        .probesPerSecond(or(probesPerSecond, base.probesPerSecond()))
        .scaleSubjects(or(scaleSubjects, base.scaleSubjects()))
        .engineJvmOptions(or(engineJvmOptions, base.engineJvmOptions()))
        .keep(keep)
        .seed(or(seed, base.seed()))
        .engineSettings(engineSettings)
        .build();
  }

  @Override
  public Integer call() throws IOException {
    // Before anything starts: a misspelt engine setting or a value out of range stops it here.
    ConfigOptions.load(new ConfigLoader().overrides(engineSettings), StreamsCommand.SETTINGS, spec);
    BenchReport report = PipelineBenchmark.run(settings());
    String markdown = report.toMarkdown();
    PrintWriter pw = spec.commandLine().getOut();
    pw.println(markdown);
    pw.flush();
    if (out != null) {
      Files.writeString(out, markdown + "\n", StandardCharsets.UTF_8);
    }
    return 0;
  }

  private static <T> T or(T value, T fallback) {
    return value == null ? fallback : value;
  }
}
