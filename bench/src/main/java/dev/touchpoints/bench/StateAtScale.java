package dev.touchpoints.bench;

import dev.touchpoints.core.config.AppConfig;
import dev.touchpoints.core.topics.TopicAdmin;
import dev.touchpoints.core.topics.Topics;
import dev.touchpoints.producers.simulator.SimulatedEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Phase e: every subject of a large population in the engine's stores, in an engine process of its
 * own; then that process is killed (SIGKILL) and restarted twice: in place (same state directory,
 * as a supervisor restarts a crashed process) and as a new host (empty state directory), each time
 * until every subject is readable again, then killed again. Under exactly-once an instance that
 * crashed wipes its unflushed state either way and restores it from the changelogs: this is the
 * restore a crash costs.
 */
final class StateAtScale {

  private static final Logger LOG = LoggerFactory.getLogger(StateAtScale.class);
  private static final String APPLICATION_ID = "bench-scale";
  private static final String TOPIC_PREFIX = "scale.";
  private static final String GROUP_INSTANCE_ID = "bench-scale-engine";

  private final BenchSettings settings;
  private final String bootstrap;
  private final String registryUrl;
  private final GroupLag lag;

  StateAtScale(BenchSettings settings, String bootstrap, String registryUrl, GroupLag lag) {
    this.settings = settings;
    this.bootstrap = bootstrap;
    this.registryUrl = registryUrl;
    this.lag = lag;
  }

  BenchReport.Scale run() {
    AppConfig config =
        PipelineBenchmark.config(
            settings, bootstrap, registryUrl, APPLICATION_ID, TOPIC_PREFIX, settings.workDir());
    Topics topics = Topics.fromConfig(config);
    TopicAdmin.ensureTopics(config, topics);
    Set<String> inputs = GroupLag.names(topics.inputs());
    int subjects = settings.scaleSubjects();
    long records = load(topics, subjects);

    Path firstDir = settings.workDir().resolve("scale-state-1");
    Engine first = Engine.start(settings, engineArgs(firstDir, 0));
    long running = first.await("STATE RUNNING", Duration.ofMinutes(2)).nanos();
    long caughtUp = lag.awaitCaughtUp(APPLICATION_ID, inputs, Duration.ofHours(1));
    double rate = PipelineBenchmark.rate(records, caughtUp - running);
    PipelineBenchmark.log("e. caught up at %,.0f records/s; settling 5 s", rate);
    GroupLag.sleepQuietly(5_000);
    Line mem = first.latest("MEM");
    Map<String, Long> perStore = ProcessStats.bytesPerStore(firstDir);
    long storeBytes = perStore.values().stream().mapToLong(Long::longValue).sum();
    first.kill();

    List<BenchReport.Restart> restarts = new ArrayList<>();
    restarts.add(restart("in place (same state dir)", firstDir, subjects));
    restarts.add(
        restart(
            "new host (empty state dir)", settings.workDir().resolve("scale-state-2"), subjects));
    return new BenchReport.Scale(
        subjects, records, rate, storeBytes, perStore, mem.number(0), mem.number(1), restarts);
  }

  /**
   * Starts an instance on {@code stateDir} after the previous one was killed, waits until every
   * subject is readable, and kills it. Every instance has the same {@code group.instance.id}
   * (static membership, as a supervisor restarting the engine in place would configure), so the new
   * one takes the partitions over without waiting for the dead one's session to time out.
   */
  private BenchReport.Restart restart(String label, Path stateDir, int subjects) {
    PipelineBenchmark.log("e. restart %s", label);
    Engine engine = Engine.start(settings, engineArgs(stateDir, subjects));
    Line running = engine.await("STATE RUNNING", Duration.ofMinutes(30));
    Line count = engine.await("COUNT", Duration.ofMinutes(30));
    Line restoreStart = engine.latest("RESTORE-START");
    Line restored = engine.latest("RESTORED");
    GroupLag.sleepQuietly(1_500);
    Line mem = engine.latest("MEM");
    engine.kill();
    BenchReport.Restart r =
        new BenchReport.Restart(
            label,
            restoreStart == null ? running.number(0) : restoreStart.number(0),
            restored == null ? running.number(0) : restored.number(1),
            running.number(0),
            count.number(1),
            restored == null ? 0 : restored.number(0),
            count.number(0),
            mem.number(0));
    PipelineBenchmark.log(
        "e. %s: restore %.1f–%.1f s (%,d records), RUNNING %.1f s, all readable %.1f s",
        label,
        r.restoreStartMs() / 1e3,
        r.restoreEndMs() / 1e3,
        r.restoredRecords(),
        r.runningMs() / 1e3,
        r.completeMs() / 1e3);
    return r;
  }

  private List<String> engineArgs(Path stateDir, long countSubjects) {
    List<String> args = new ArrayList<>();
    settings
        .engineSettings()
        .forEach((key, value) -> args.addAll(List.of("--set", key + "=" + value)));
    args.addAll(
        List.of(
            "--bootstrap",
            bootstrap,
            "--registry",
            registryUrl,
            "--app-id",
            APPLICATION_ID,
            "--state-dir",
            stateDir.toString(),
            "--topic-prefix",
            TOPIC_PREFIX,
            "--partitions",
            String.valueOf(settings.partitions()),
            "--commit-interval-ms",
            String.valueOf(settings.commitInterval().toMillis()),
            "--threads",
            String.valueOf(settings.streamThreads()),
            "--count-subjects",
            String.valueOf(countSubjects),
            "--group-instance-id",
            GROUP_INSTANCE_ID));
    return args;
  }

  /** Sends simulated traffic until every subject has had at least one event. */
  private long load(Topics topics, int subjects) {
    Workload workload = new Workload(topics, subjects, settings.seed() + 1, Duration.ofDays(4));
    Set<String> seen = new HashSet<>();
    AtomicReference<Exception> failure = new AtomicReference<>();
    long sent = 0;
    long start = System.nanoTime();
    try (KafkaProducer<byte[], byte[]> producer = Clients.producer(bootstrap)) {
      while (seen.size() < subjects) {
        SimulatedEvent e = workload.nextEvent();
        seen.add(e.subjectId());
        producer.send(
            workload.encode(e),
            (m, error) -> {
              if (error != null) {
                failure.compareAndSet(null, error);
              }
            });
        sent++;
        if (sent % 500_000 == 0) {
          PipelineBenchmark.log("e. sent %,d records, %,d subjects met", sent, seen.size());
        }
      }
      producer.flush();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("a send failed", failure.get());
    }
    PipelineBenchmark.log(
        "e. loaded %,d records for %,d subjects in %.0f s",
        sent, subjects, (System.nanoTime() - start) / 1e9);
    return sent;
  }

  /** One fact an engine reported, with the parent's nanoTime of reading it. */
  record Line(String text, long nanos) {
    /** The {@code i}-th number after the fact's name. */
    long number(int i) {
      String[] parts = text.split(" ");
      int seen = 0;
      for (String p : parts) {
        if (p.matches("-?\\d+")) {
          if (seen++ == i) {
            return Long.parseLong(p);
          }
        }
      }
      throw new IllegalStateException("no number " + i + " in '" + text + "'");
    }
  }

  /** A running engine process and its reports. */
  static final class Engine {
    private final Process process;
    private final BlockingQueue<Line> lines = new LinkedBlockingQueue<>();
    private final List<Line> all = new ArrayList<>();

    private Engine(Process process) {
      this.process = process;
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader in =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                  String line;
                  while ((line = in.readLine()) != null) {
                    if (line.startsWith(EngineMain.PREFIX)) {
                      if (line.startsWith(EngineMain.PREFIX + "MEM")
                          || line.startsWith(EngineMain.PREFIX + "COUNTED")) {
                        LOG.debug("[engine] {}", line);
                      } else {
                        LOG.info("[engine] {}", line); // states, restores: the restart's timeline
                      }
                      lines.add(
                          new Line(line.substring(EngineMain.PREFIX.length()), System.nanoTime()));
                    } else {
                      LOG.info("[engine] {}", line);
                    }
                  }
                } catch (IOException e) {
                  LOG.debug("engine output closed", e);
                }
              },
              "bench-engine-output");
      reader.setDaemon(true);
      reader.start();
    }

    static Engine start(BenchSettings settings, List<String> args) {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(settings.engineJvmOptions());
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(EngineMain.class.getName());
      command.addAll(args);
      try {
        return new Engine(new ProcessBuilder(command).redirectErrorStream(true).start());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the engine process", e);
      }
    }

    /** Waits for a report starting with {@code prefix}. */
    Line await(String prefix, Duration timeout) {
      long deadline = System.nanoTime() + timeout.toNanos();
      synchronized (all) {
        for (Line l : all) {
          if (l.text().startsWith(prefix)) {
            return l;
          }
        }
      }
      while (System.nanoTime() < deadline) {
        if (!process.isAlive() && lines.isEmpty()) {
          throw new IllegalStateException("engine exited with " + process.exitValue());
        }
        try {
          Line l = lines.poll(200, TimeUnit.MILLISECONDS);
          if (l != null) {
            synchronized (all) {
              all.add(l);
            }
            if (l.text().startsWith(prefix)) {
              return l;
            }
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
      throw new IllegalStateException("engine did not report '" + prefix + "' in " + timeout);
    }

    /** The latest report starting with {@code prefix} so far, or null. */
    Line latest(String prefix) {
      synchronized (all) {
        lines.drainTo(all);
        Line found = null;
        for (Line l : all) {
          if (l.text().startsWith(prefix)) {
            found = l;
          }
        }
        return found;
      }
    }

    /** SIGKILL: no shutdown hook, no flush, no checkpoint. */
    void kill() {
      process.destroyForcibly();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
