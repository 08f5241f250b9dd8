package dev.touchpoints.bench;

import dev.touchpoints.core.config.AppConfig;
import dev.touchpoints.core.config.ConfigLoader;
import dev.touchpoints.core.kafka.TopicRange;
import dev.touchpoints.core.topics.TopicAdmin;
import dev.touchpoints.core.topics.Topics;
import dev.touchpoints.platform.kafka.EmbeddedKafka;
import dev.touchpoints.platform.registry.RegistryServer;
import dev.touchpoints.streams.EngineStreams;
import dev.touchpoints.streams.StreamsCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * The end-to-end load harness: one embedded broker and registry, one set of pre-generated records,
 * and in that one run (a) raw produce and consume, (b) an exactly-once pass-through, (c) the full
 * engine, (d) event→alert latency at fixed fractions of (c), (e) state at scale in a separate
 * engine process. See docs/benchmarks.md for the figures and the commands.
 */
public final class PipelineBenchmark {

  private static final Logger LOG = LoggerFactory.getLogger(PipelineBenchmark.class);
  private static final String PASS_THROUGH_OUTPUT = "bench.pass-through";
  private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(20);

  static final String INCIDENT_KINDS_WITHOUT_PROBES =
      "web.checkout_error,web.error_page,web.out_of_stock,web.self_service_failed.login,"
          + "web.self_service_failed.password_reset,web.self_service_failed.payment,"
          + "web.self_service_failed.form,web.self_service_failed.other,billing.payment_failed";

  private final BenchSettings settings;

  PipelineBenchmark(BenchSettings settings) {
    this.settings = settings;
  }

  /** Runs {@code touchpoints bench} with {@code args}. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new BenchCommand()).execute(args));
  }

  /** Runs every phase and returns the figures. */
  public static BenchReport run(BenchSettings settings) {
    return new PipelineBenchmark(settings).run();
  }

  BenchReport run() {
    Logging.quiet();
    Path work = settings.workDir();
    try {
      Files.createDirectories(work);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (EmbeddedKafka kafka =
            EmbeddedKafka.builder()
                .dataDir(work.resolve("kafka"))
                .brokerConfig("num.partitions", String.valueOf(settings.partitions()))
                .build()
                .start();
        RegistryServer registry = RegistryServer.start(kafka.bootstrapServers(), 0);
        GroupLag lag = new GroupLag(kafka.bootstrapServers())) {
      String bootstrap = kafka.bootstrapServers();
      AppConfig config = config(bootstrap, registry.url(), "bench-pipeline", "");
      Topics topics = Topics.fromConfig(config);
      TopicAdmin.ensureTopics(config, topics);
      createTopic(lag, PASS_THROUGH_OUTPUT);

      log("Generating %,d records of %,d subjects", settings.records(), settings.subjects());
      Workload workload =
          new Workload(
              topics,
              settings.subjects(),
              settings.seed(),
              settings.records() + LatencyPhase.budget(settings));
      List<ProducerRecord<byte[], byte[]>> records = workload.next(settings.records());
      Set<String> inputs = GroupLag.names(topics.inputs());

      log("a. raw produce");
      long produceNanos = produce(bootstrap, records);
      log("a. raw consume");
      long consumeNanos = consume(bootstrap, inputs, records.size());

      log("b. exactly-once pass-through");
      BenchReport.StreamsRun passThrough;
      Properties ptProps = streamsProperties(config, "bench-pass-through");
      try (KafkaStreams streams =
          new KafkaStreams(PassThroughTopology.build(topics, PASS_THROUGH_OUTPUT), ptProps)) {
        passThrough =
            drain(
                streams,
                "bench-pass-through",
                inputs,
                records.size(),
                lag,
                Set.of(PASS_THROUGH_OUTPUT));
        streams.close(Duration.ofSeconds(30));
      }

      log("c. full pipeline");
      BenchReport.StreamsRun pipeline;
      List<BenchReport.LatencyRow> latency;
      try (EngineStreams app = new EngineStreams(config)) {
        Set<String> outputs =
            Set.of(
                topics.experience().name(),
                topics.customerAlerts().name(),
                topics.incidentAlerts().name(),
                topics.alertsJson().name(),
                topics.deadLetters().name());
        KafkaStreams streams = app.streams();
        pipeline = drain(streams, "bench-pipeline", inputs, records.size(), lag, outputs);

        log("d. event→alert latency");
        latency =
            new LatencyPhase(settings, bootstrap, topics, workload, lag, "bench-pipeline")
                .run(pipeline.sustainedRate());
      }
      double produceRate = rate(records.size(), produceNanos);
      double consumeRate = rate(records.size(), consumeNanos);
      BenchReport.Throughput throughput =
          new BenchReport.Throughput(
              records.size(),
              produceRate,
              consumeRate,
              rate(records.size(), produceNanos + consumeNanos),
              passThrough,
              pipeline);

      BenchReport.Scale scale = null;
      if (settings.scaleSubjects() > 0) {
        log("e. state at scale, %,d subjects", settings.scaleSubjects());
        scale = new StateAtScale(settings, bootstrap, registry.url(), lag).run();
      }
      return new BenchReport(machine(), settings, throughput, latency, scale);
    } finally {
      if (!settings.keep()) {
        ProcessStats.deleteRecursively(work);
      }
    }
  }

  /** The engine's configuration for this run; {@code topicPrefix} separates phases' topics. */
  AppConfig config(String bootstrap, String registryUrl, String applicationId, String topicPrefix) {
    return config(settings, bootstrap, registryUrl, applicationId, topicPrefix, settings.workDir());
  }

  static AppConfig config(
      BenchSettings settings,
      String bootstrap,
      String registryUrl,
      String applicationId,
      String topicPrefix,
      Path workDir) {
    Map<String, String> harness = new HashMap<>();
    harness.put("schema.registry.url", registryUrl);
    harness.put(Topics.PARTITIONS, String.valueOf(settings.partitions()));
    // The default incident kinds, minus the latency probes' kind: probes are many distinct subjects
    // failing within minutes of event time, i.e. an incident, whose alerts would be folded.
    harness.put("policy.incident.kinds", INCIDENT_KINDS_WITHOUT_PROBES);
    // The traffic (probes included) is dated days back so that it fits before now; its alerts must
    // still be sent, not kept as history (policy.alerts.max-age), for the latency phase to see
    // them.
    harness.put("policy.alerts.max-age", "3650d");
    if (!topicPrefix.isEmpty()) {
      Topics.DEFAULT_NAMES.forEach(
          (logical, name) -> harness.put(Topics.NAME_PREFIX + logical, topicPrefix + name));
    }
    String kafka = ConfigLoader.KAFKA_PREFIX;
    harness.put(kafka + AppConfig.BOOTSTRAP_SERVERS, bootstrap);
    harness.put(kafka + StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    harness.put(kafka + StreamsConfig.STATE_DIR_CONFIG, workDir.resolve("state").toString());
    harness.put(
        kafka + StreamsConfig.COMMIT_INTERVAL_MS_CONFIG,
        String.valueOf(settings.commitInterval().toMillis()));
    harness.put(
        kafka + StreamsConfig.NUM_STREAM_THREADS_CONFIG, String.valueOf(settings.streamThreads()));
    return new ConfigLoader()
        .overrides(harness)
        .overrides(settings.engineSettings())
        .load(StreamsCommand.SETTINGS);
  }

  private static Properties streamsProperties(AppConfig config, String applicationId) {
    Properties props = EngineStreams.streamsProperties(config);
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    return props;
  }

  private static long produce(String bootstrap, List<ProducerRecord<byte[], byte[]>> records) {
    AtomicReference<Exception> failure = new AtomicReference<>();
    try (KafkaProducer<byte[], byte[]> producer = Clients.producer(bootstrap)) {
      producer.partitionsFor(records.get(0).topic());
      long start = System.nanoTime();
      for (ProducerRecord<byte[], byte[]> r : records) {
        producer.send(
            r,
            (m, e) -> {
              if (e != null) {
                failure.compareAndSet(null, e);
              }
            });
      }
      producer.flush();
      long nanos = System.nanoTime() - start;
      if (failure.get() != null) {
        throw new IllegalStateException("a send failed", failure.get());
      }
      return nanos;
    }
  }

  private static long consume(String bootstrap, Set<String> topics, long expected) {
    try (KafkaConsumer<byte[], byte[]> consumer = Clients.consumer(bootstrap)) {
      List<TopicPartition> partitions =
          TopicRange.partitionsOf(consumer, topics, Duration.ofSeconds(30));
      long start = System.nanoTime();
      long[] seen = {0};
      TopicRange.open(consumer, partitions, TopicRange.Start.beginning())
          .forEach(Duration.ofMinutes(5), record -> seen[0]++);
      long nanos = System.nanoTime() - start;
      if (seen[0] != expected) {
        throw new IllegalStateException("consumed " + seen[0] + ", expected " + expected);
      }
      return nanos;
    }
  }

  /** Starts {@code streams} on pre-loaded inputs and times it to the verified end. */
  static BenchReport.StreamsRun drain(
      KafkaStreams streams,
      String applicationId,
      Set<String> inputs,
      long records,
      GroupLag lag,
      Set<String> outputs) {
    long processCpuBefore = ProcessStats.processCpuNanos();
    long start = System.nanoTime();
    streams.start();
    long deadline = start + Duration.ofMinutes(2).toNanos();
    while (streams.state() != KafkaStreams.State.RUNNING) {
      if (System.nanoTime() > deadline || !streams.state().isRunningOrRebalancing()) {
        throw new IllegalStateException(applicationId + " did not start: " + streams.state());
      }
      GroupLag.sleepQuietly(10);
    }
    long running = System.nanoTime();
    long end = lag.awaitCaughtUp(applicationId, inputs, DRAIN_TIMEOUT);
    // the app's threads were all started by start(): their CPU time so far is this drain's
    long appCpu = ProcessStats.threadCpuNanos(applicationId);
    long processCpu = ProcessStats.processCpuNanos() - processCpuBefore;
    return new BenchReport.StreamsRun(
        (running - start) / 1_000_000,
        (end - start) / 1_000_000,
        rate(records, end - running),
        rate(records, end - start),
        lag.records(outputs),
        lag.records(lag.internalTopics(applicationId, "")),
        appCpu / (double) records / 1e3,
        (processCpu - appCpu) / (double) records / 1e3);
  }

  private static void createTopic(GroupLag lag, String name) {
    TopicAdmin.ensureTopics(
        lag.admin(),
        List.of(
            new dev.touchpoints.core.topics.Topic<>(
                name,
                org.apache.kafka.common.serialization.Serdes.ByteArray(),
                org.apache.kafka.common.serialization.Serdes.ByteArray(),
                6,
                java.util.Map.of())),
        -1);
  }

  static double rate(long records, long nanos) {
    return records / (nanos / 1e9);
  }

  static String machine() {
    Runtime rt = Runtime.getRuntime();
    long memKb = -1;
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          memKb = Long.parseLong(line.replaceAll("\\D", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      memKb = -1;
    }
    return String.format(
        Locale.ROOT,
        "%d cores, %.1f GiB RAM, Java %s (%s), %s %s",
        rt.availableProcessors(),
        memKb / 1048576.0,
        System.getProperty("java.version"),
        System.getProperty("java.vm.name"),
        System.getProperty("os.name"),
        System.getProperty("os.version"));
  }

  static void log(String format, Object... args) {
    LOG.info(String.format(Locale.ROOT, format, args));
  }
}
