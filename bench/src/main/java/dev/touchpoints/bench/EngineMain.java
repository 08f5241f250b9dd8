package dev.touchpoints.bench;

import dev.touchpoints.core.config.AppConfig;
import dev.touchpoints.streams.EngineStreams;
import dev.touchpoints.streams.StoreNames;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The engine as its own process for the state-at-scale phase, so that its resident memory is the
 * engine's alone and a crash is a real SIGKILL. It reports on stdout, one {@code BENCH} line per
 * fact, times in ms since {@code KafkaStreams.start()}:
 *
 * <pre>
 * BENCH STATE RUNNING 812
 * BENCH MEM rss=… hwm=… heap=… 2000
 * BENCH RESTORE-START 1500
 * BENCH RESTORED 1234567 20345
 * BENCH COUNT 1000000 25010
 * </pre>
 */
@Command(name = "bench-engine", description = "Runs the experience engine and reports on stdout.")
public final class EngineMain implements Callable<Integer> {

  static final String PREFIX = "BENCH ";

  @Option(names = "--bootstrap", required = true)
  String bootstrap;

  @Option(names = "--registry", required = true)
  String registry;

  @Option(names = "--app-id", required = true)
  String applicationId;

  @Option(names = "--state-dir", required = true)
  Path stateDir;

  @Option(names = "--topic-prefix", defaultValue = "")
  String topicPrefix;

  @Option(names = "--partitions", defaultValue = "6")
  int partitions;

  @Option(names = "--threads", defaultValue = "1", description = "Stream threads.")
  int threads;

  @Option(names = "--commit-interval-ms", defaultValue = "50")
  long commitIntervalMs;

  @Option(
      names = "--group-instance-id",
      description =
          "Static group membership: a restarted instance takes its partitions back at once.")
  String groupInstanceId;

  @Option(
      names = "--count-subjects",
      defaultValue = "0",
      description =
          "Once RUNNING, count the subject-state store until it holds this many subjects.")
  long countSubjects;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Engine setting (repeatable).")
  Map<String, String> engineSettings = new LinkedHashMap<>();

  private final PrintStream out = System.out;
  private volatile long startNanos;

  public static void main(String[] args) {
    int code = new CommandLine(new EngineMain()).execute(args);
    if (code != 0) {
      System.exit(code);
    }
  }

  @Override
  public Integer call() throws InterruptedException {
    Logging.quiet();
    BenchSettings settings =
        BenchSettings.builder(stateDir.getParent())
            .subjects(10)
            .records(100)
            .partitions(partitions)
            .streamThreads(threads)
            .commitInterval(Duration.ofMillis(commitIntervalMs))
            .loads(java.util.List.of())
            .loadDuration(Duration.ZERO)
            .probesPerSecond(0)
            .scaleSubjects(0)
            .engineJvmOptions(java.util.List.of())
            .keep(true)
            .seed(0)
            .engineSettings(engineSettings)
            .build();
    AppConfig config =
        PipelineBenchmark.config(
                settings, bootstrap, registry, applicationId, topicPrefix, stateDir.getParent())
            .withKafka("state.dir", stateDir.toString());
    if (groupInstanceId != null) {
      config = config.withKafka("group.instance.id", groupInstanceId);
    }
    EngineStreams app = new EngineStreams(config);
    KafkaStreams streams = app.streams();
    AtomicLong restored = new AtomicLong();
    AtomicBoolean restoreStarted = new AtomicBoolean();
    streams.setGlobalStateRestoreListener(
        new StateRestoreListener() {
          @Override
          public void onRestoreStart(TopicPartition tp, String store, long start, long end) {
            // the global incidents store restores at start-up, before the group is joined
            if (!store.equals(StoreNames.INCIDENTS_STORE)
                && restoreStarted.compareAndSet(false, true)) {
              report("RESTORE-START %d", sinceStart());
            }
          }

          @Override
          public void onBatchRestored(TopicPartition tp, String store, long end, long n) {
            restored.addAndGet(n);
          }

          @Override
          public void onRestoreEnd(TopicPartition tp, String store, long total) {
            report("RESTORED %d %d %s %d", restored.get(), sinceStart(), tp, total);
          }
        });
    streams.setStateListener(
        (now, before) -> {
          report("STATE %s %d", now, sinceStart());
          if (now == KafkaStreams.State.RUNNING && countSubjects > 0) {
            Thread counter = new Thread(() -> count(streams), "bench-counter");
            counter.setDaemon(true);
            counter.start();
          }
        });
    Thread mem =
        new Thread(
            () -> {
              while (true) {
                reportMemory();
                GroupLag.sleepQuietly(1_000);
              }
            },
            "bench-mem");
    mem.setDaemon(true);
    startNanos = System.nanoTime();
    app.start();
    mem.start();
    Thread.currentThread().join(); // until killed: a crash is what the harness wants to measure
    return 0;
  }

  private void count(KafkaStreams streams) {
    while (true) {
      try {
        ReadOnlyKeyValueStore<String, ?> store =
            streams.store(
                StoreQueryParameters.fromNameAndType(
                    StoreNames.SUBJECT_STATE_STORE, QueryableStoreTypes.keyValueStore()));
        long n = 0;
        try (KeyValueIterator<String, ?> it = store.all()) {
          while (it.hasNext()) {
            it.next();
            n++;
          }
        }
        report("COUNTED %d %d", n, sinceStart());
        if (n >= countSubjects) {
          report("COUNT %d %d", n, sinceStart());
          reportMemory();
          return;
        }
      } catch (RuntimeException e) {
        report("COUNTING %s %d", e.getClass().getSimpleName(), sinceStart());
      }
      GroupLag.sleepQuietly(200);
    }
  }

  private void reportMemory() {
    Runtime rt = Runtime.getRuntime();
    report(
        "MEM %d %d %d %d",
        ProcessStats.rssBytes(),
        ProcessStats.peakRssBytes(),
        rt.totalMemory() - rt.freeMemory(),
        sinceStart());
  }

  private long sinceStart() {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  private synchronized void report(String format, Object... args) {
    out.println(PREFIX + String.format(Locale.ROOT, format, args));
    out.flush();
  }
}
