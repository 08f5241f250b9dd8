package dev.touchpoints.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of one harness run. Absolute rates follow the machine's load; compare the ratios,
 * which come from one run on one broker.
 *
 * @param machine cores, memory, Java
 * @param settings what was run
 * @param throughput phases a–c; null when not run
 * @param latency phase d, one row per offered load
 * @param scale phase e; null when not run
 */
public record BenchReport(
    String machine,
    BenchSettings settings,
    Throughput throughput,
    List<LatencyRow> latency,
    Scale scale) {

  /**
   * Phases a–c on the same pre-generated records.
   *
   * @param records input records
   * @param produceRate a: records/s into the broker (idempotent, acks=all)
   * @param consumeRate a: records/s out of the broker (read_committed)
   * @param rawRate a: records/s to write and read every record once, {@code records / (produce +
   *     consume time)} – the ceiling for anything that reads each input and writes an output
   * @param passThrough b
   * @param pipeline c
   */
  public record Throughput(
      long records,
      double produceRate,
      double consumeRate,
      double rawRate,
      StreamsRun passThrough,
      StreamsRun pipeline) {

    /** c / b on sustained rates. */
    public double pipelineVsPassThrough() {
      return pipeline.sustainedRate() / passThrough.sustainedRate();
    }

    /** c / a. */
    public double pipelineVsRaw() {
      return pipeline.sustainedRate() / rawRate;
    }

    /** b / a. */
    public double passThroughVsRaw() {
      return passThrough.sustainedRate() / rawRate;
    }
  }

  /**
   * One Kafka Streams application draining the pre-loaded inputs.
   *
   * @param startToRunningMs from {@code start()} to RUNNING
   * @param startToEndMs from {@code start()} to the verified end (group committed to the inputs'
   *     end)
   * @param sustainedRate records / (RUNNING → verified end)
   * @param startToEndRate records / (start → verified end)
   * @param outputRecords records written to the output topics (offsets; includes markers)
   * @param internalRecords records written to its changelog and repartition topics (offsets;
   *     includes markers)
   * @param appCpuMicrosPerRecord CPU time of the application's own threads per input record, start
   *     → verified end
   * @param otherCpuMicrosPerRecord CPU time of the rest of the process (the embedded broker and
   *     registry, the harness) per input record over the same span
   */
  public record StreamsRun(
      long startToRunningMs,
      long startToEndMs,
      double sustainedRate,
      double startToEndRate,
      long outputRecords,
      long internalRecords,
      double appCpuMicrosPerRecord,
      double otherCpuMicrosPerRecord) {}

  /**
   * Event→alert latency at one offered load.
   *
   * @param load fraction of the pipeline's measured rate
   * @param targetRate records/s asked for
   * @param offeredRate records/s actually sent
   * @param probes alert-triggering probes sent
   * @param alerts of which alerts arrived
   * @param p50Ms median send→alert on the alerts topic (read_committed)
   * @param p99Ms 99th percentile
   * @param maxMs worst
   */
  public record LatencyRow(
      double load,
      double targetRate,
      double offeredRate,
      int probes,
      int alerts,
      double p50Ms,
      double p99Ms,
      double maxMs) {}

  /**
   * State at scale, in a separate engine process.
   *
   * @param subjects subjects in the stores
   * @param records input records it took to meet every subject
   * @param processingRate records/s of the engine draining them
   * @param storeBytes RocksDB bytes on disk, every store
   * @param perStore bytes per store
   * @param rssBytes engine process resident memory once caught up
   * @param peakRssBytes peak resident memory while processing
   * @param restarts each restart after a SIGKILL, in order
   */
  public record Scale(
      int subjects,
      long records,
      double processingRate,
      long storeBytes,
      Map<String, Long> perStore,
      long rssBytes,
      long peakRssBytes,
      List<Restart> restarts) {

    public Scale {
      restarts = List.copyOf(restarts);
    }
  }

  /**
   * One restart of the engine process after a SIGKILL. Under exactly-once a crashed instance's
   * stores are wiped and rebuilt from the changelogs whether or not its state directory survived;
   * what the directory keeps is the process id, hence the producer's transactional id, so the new
   * instance fences the dead one's open transaction at once instead of waiting for it to time out.
   * Times in ms since the new instance's {@code KafkaStreams.start()}.
   *
   * @param label what kind of restart
   * @param restoreStartMs first changelog partition starts restoring (group joined, task assigned)
   * @param restoreEndMs last changelog partition restored
   * @param runningMs state RUNNING
   * @param completeMs every subject readable in the subject-state store (interactive query)
   * @param restoredRecords changelog records restored
   * @param subjects subjects counted
   * @param rssBytes resident memory of the restored instance
   */
  public record Restart(
      String label,
      long restoreStartMs,
      long restoreEndMs,
      long runningMs,
      long completeMs,
      long restoredRecords,
      long subjects,
      long rssBytes) {}

  /** The report as Markdown, ready for docs/benchmarks.md. */
  public String toMarkdown() {
    List<String> out = new ArrayList<>();
    out.add("Machine: " + machine);
    out.add("");
    if (throughput != null) {
      Throughput t = throughput;
      out.add(
          f(
              "Throughput, %,d records, %,d subjects, %d partitions, %d stream thread(s),"
                  + " commit.interval.ms=%d:",
              t.records(),
              settings.subjects(),
              settings.partitions(),
              settings.streamThreads(),
              settings.commitInterval().toMillis()));
      out.add("");
      out.add("| phase | records/s | start→end | notes |");
      out.add("|---|---:|---:|---|");
      out.add(f("| a. produce (idempotent, acks=all) | %,.0f | | |", t.produceRate()));
      out.add(f("| a. consume (read_committed) | %,.0f | | |", t.consumeRate()));
      out.add(f("| a. raw = write + read once | %,.0f | | ceiling |", t.rawRate()));
      out.add(row("b. EOS pass-through", t.passThrough()));
      out.add(row("c. full pipeline (EOS, all rules)", t.pipeline()));
      out.add("");
      out.add(
          f(
              "Ratios (sustained): **c/b = %.2f**, c/a = %.2f, b/a = %.2f",
              t.pipelineVsPassThrough(), t.pipelineVsRaw(), t.passThroughVsRaw()));
      out.add("");
      out.add(
          f(
              "Records written per input record (offsets, transaction markers included): b %.2f"
                  + " (outputs), c %.2f (outputs %.2f + changelogs and repartition %.2f).",
              t.passThrough().outputRecords() / (double) t.records(),
              (t.pipeline().outputRecords() + t.pipeline().internalRecords())
                  / (double) t.records(),
              t.pipeline().outputRecords() / (double) t.records(),
              t.pipeline().internalRecords() / (double) t.records()));
      out.add("");
      out.add(
          f(
              "CPU per input record, start → verified end: b %.1f µs in its own threads + %.1f µs"
                  + " elsewhere in the process (broker, registry, harness); c %.1f µs + %.1f µs.",
              t.passThrough().appCpuMicrosPerRecord(),
              t.passThrough().otherCpuMicrosPerRecord(),
              t.pipeline().appCpuMicrosPerRecord(),
              t.pipeline().otherCpuMicrosPerRecord()));
      out.add("");
    }
    if (!latency.isEmpty()) {
      out.add("Event→alert latency (send of the alert-triggering event → alert read_committed):");
      out.add("");
      out.add(
          "| load | target rec/s | offered rec/s | probes | alerts | p50 ms | p99 ms | max ms |");
      out.add("|---:|---:|---:|---:|---:|---:|---:|---:|");
      for (LatencyRow r : latency) {
        out.add(
            f(
                "| %.0f %% | %,.0f | %,.0f | %d | %d | %.0f | %.0f | %.0f |",
                r.load() * 100,
                r.targetRate(),
                r.offeredRate(),
                r.probes(),
                r.alerts(),
                r.p50Ms(),
                r.p99Ms(),
                r.maxMs()));
      }
      out.add("");
    }
    if (scale != null) {
      Scale s = scale;
      out.add(f("State at scale, %,d subjects (%,d input records):", s.subjects(), s.records()));
      out.add("");
      out.add("| figure | value |");
      out.add("|---|---:|");
      out.add(f("| engine processing rate | %,.0f records/s |", s.processingRate()));
      out.add(f("| RocksDB on disk, all stores | %s |", ProcessStats.mib(s.storeBytes())));
      s.perStore()
          .forEach((store, bytes) -> out.add(f("| – %s | %s |", store, ProcessStats.mib(bytes))));
      out.add(f("| engine RSS, caught up | %s |", ProcessStats.mib(s.rssBytes())));
      out.add(f("| engine peak RSS (VmHWM) | %s |", ProcessStats.mib(s.peakRssBytes())));
      out.add("");
      out.add(
          "Restarts after SIGKILL (ms since the new instance's start(); under exactly-once the"
              + " stores are rebuilt from the changelogs either way):");
      out.add("");
      out.add(
          "| restart | restore starts | restore ends | RUNNING | all subjects readable |"
              + " records restored | restore rate | RSS after |");
      out.add("|---|---:|---:|---:|---:|---:|---:|---:|");
      for (Restart r : s.restarts()) {
        out.add(
            f(
                "| %s | %.1f s | %.1f s | %.1f s | %.1f s (%,d) | %,d | %,.0f rec/s | %s |",
                r.label(),
                r.restoreStartMs() / 1e3,
                r.restoreEndMs() / 1e3,
                r.runningMs() / 1e3,
                r.completeMs() / 1e3,
                r.subjects(),
                r.restoredRecords(),
                PipelineBenchmark.rate(
                    r.restoredRecords(),
                    Math.max(1, r.restoreEndMs() - r.restoreStartMs()) * 1_000_000L),
                ProcessStats.mib(r.rssBytes())));
      }
      out.add("");
    }
    return String.join("\n", out);
  }

  private static String row(String name, StreamsRun r) {
    return f(
        "| %s | %,.0f | %,.0f rec/s in %.1f s | RUNNING after %.1f s |",
        name,
        r.sustainedRate(),
        r.startToEndRate(),
        r.startToEndMs() / 1e3,
        r.startToRunningMs() / 1e3);
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
