package dev.touchpoints.bench;

import dev.touchpoints.avro.AlertStatus;
import dev.touchpoints.avro.AlertType;
import dev.touchpoints.avro.CustomerAlert;
import dev.touchpoints.core.kafka.TopicRange;
import dev.touchpoints.core.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Phase d: paced traffic at fixed fractions of the pipeline's measured rate – the simulator's
 * traffic continued, with probe subjects mixed in whose third failed self-service attempt raises an
 * alert – and the time from sending that event to reading the alert, read_committed, from the
 * customer-alerts topic. The engine keeps running from phase c with its state.
 */
final class LatencyPhase {

  private static final int PROBE_FAILURES = 3;
  private static final int MAX_RATE = 40_000;
  private static final Duration ALERT_TIMEOUT = Duration.ofSeconds(60);

  private final BenchSettings settings;
  private final String bootstrap;
  private final Topics topics;
  private final Workload workload;
  private final GroupLag lag;
  private final String applicationId;
  private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
  private final Map<String, Long> latencyNanos = new ConcurrentHashMap<>();

  LatencyPhase(
      BenchSettings settings,
      String bootstrap,
      Topics topics,
      Workload workload,
      GroupLag lag,
      String applicationId) {
    this.settings = settings;
    this.bootstrap = bootstrap;
    this.topics = topics;
    this.workload = workload;
    this.lag = lag;
    this.applicationId = applicationId;
  }

  /**
   * Events the latency phase may take from the workload: its loads at up to {@value #MAX_RATE}
   * records/s for the engine (far above what two cores do), so that their event times stay in the
   * past.
   */
  static long budget(BenchSettings settings) {
    double loads = settings.loads().stream().mapToDouble(Double::doubleValue).sum();
    return (long) (loads * MAX_RATE * settings.loadDuration().toSeconds());
  }

  /** One row per load of {@link BenchSettings#loads()}, {@code maxRate} being 100 %. */
  List<BenchReport.LatencyRow> run(double maxRate) {
    AtomicBoolean stop = new AtomicBoolean();
    AtomicReference<Exception> readerFailure = new AtomicReference<>();
    Thread reader = new Thread(() -> readAlerts(stop, readerFailure), "bench-alert-reader");
    List<BenchReport.LatencyRow> rows = new ArrayList<>();
    try (KafkaProducer<byte[], byte[]> producer = Clients.producer(bootstrap)) {
      reader.start();
      GroupLag.sleepQuietly(1_000); // the reader is at the end of the alerts topic
      int level = 0;
      for (double load : settings.loads()) {
        rows.add(runLoad(producer, ++level, load, maxRate * load));
        if (readerFailure.get() != null) {
          throw new IllegalStateException("alert reader failed", readerFailure.get());
        }
      }
    } finally {
      stop.set(true);
      try {
        reader.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return rows;
  }

  private BenchReport.LatencyRow runLoad(
      KafkaProducer<byte[], byte[]> producer, int level, double load, double rate) {
    rate = Math.min(rate, MAX_RATE);
    int total = (int) Math.max(1, rate * settings.loadDuration().toSeconds());
    int probes =
        (int) Math.max(1, settings.probesPerSecond() * settings.loadDuration().toSeconds());
    int every = Math.max(PROBE_FAILURES + 1, total / probes);
    // Everything is encoded before the clock starts, so the sender only paces and sends.
    List<ProducerRecord<byte[], byte[]>> schedule = new ArrayList<>(total);
    List<String> probeAt = new ArrayList<>(total);
    List<String> probeSubjects = new ArrayList<>();
    while (schedule.size() < total) {
      if (schedule.size() % every == 0 && schedule.size() + PROBE_FAILURES <= total) {
        String subject = String.format(Locale.ROOT, "probe-%d-%06d", level, probeSubjects.size());
        probeSubjects.add(subject);
        List<ProducerRecord<byte[], byte[]>> failures = workload.probe(subject, PROBE_FAILURES);
        for (int i = 0; i < failures.size(); i++) {
          schedule.add(failures.get(i));
          probeAt.add(i == failures.size() - 1 ? subject : null);
        }
      } else {
        schedule.add(workload.next(1).get(0));
        probeAt.add(null);
      }
    }
    PipelineBenchmark.log(
        "d. load %.0f %%: %,.0f records/s for %d s, %d probes",
        load * 100, rate, settings.loadDuration().toSeconds(), probeSubjects.size());

    long intervalNanos = (long) (1e9 / rate);
    long start = System.nanoTime();
    for (int i = 0; i < schedule.size(); i++) {
      long due = start + i * intervalNanos;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      String probe = probeAt.get(i);
      if (probe != null) {
        sentAt.put(probe, System.nanoTime());
      }
      producer.send(schedule.get(i));
    }
    producer.flush();
    double offered = PipelineBenchmark.rate(schedule.size(), System.nanoTime() - start);

    long deadline = System.nanoTime() + ALERT_TIMEOUT.toNanos();
    while (!latencyNanos.keySet().containsAll(probeSubjects) && System.nanoTime() < deadline) {
      GroupLag.sleepQuietly(50);
    }
    // Let the engine drain before the next load, so loads do not bleed into each other.
    lag.awaitCaughtUp(applicationId, GroupLag.names(topics.inputs()), Duration.ofMinutes(5));

    double[] ms =
        probeSubjects.stream()
            .map(latencyNanos::get)
            .filter(v -> v != null)
            .mapToDouble(n -> n / 1e6)
            .sorted()
            .toArray();
    return new BenchReport.LatencyRow(
        load,
        rate,
        offered,
        probeSubjects.size(),
        ms.length,
        percentile(ms, 0.50),
        percentile(ms, 0.99),
        ms.length == 0 ? Double.NaN : ms[ms.length - 1]);
  }

  private void readAlerts(AtomicBoolean stop, AtomicReference<Exception> failure) {
    Deserializer<CustomerAlert> alerts = topics.customerAlerts().valueSerde().deserializer();
    String topic = topics.customerAlerts().name();
    try (KafkaConsumer<byte[], byte[]> consumer = Clients.consumer(bootstrap)) {
      // From the end, with the positions resolved now: no alert sent after this is missed.
      TopicRange.open(
          consumer,
          TopicRange.partitionsOf(consumer, List.of(topic), Duration.ofSeconds(30)),
          TopicRange.Start.end());
      while (!stop.get()) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(50))) {
          long now = System.nanoTime();
          String key = r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8);
          if (!key.startsWith("probe-")) {
            continue;
          }
          CustomerAlert alert = alerts.deserialize(topic, r.headers(), r.value());
          Long sent = sentAt.get(key);
          if (sent != null
              && alert.getType() == AlertType.SELF_SERVICE_FAILED
              && alert.getStatus() == AlertStatus.RAISED) {
            latencyNanos.putIfAbsent(key, now - sent);
          }
        }
      }
    } catch (Exception e) {
      failure.set(e);
    }
  }

  static double percentile(double[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
