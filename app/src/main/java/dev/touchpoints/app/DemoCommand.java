package dev.touchpoints.app;

import dev.touchpoints.core.config.AppConfig;
import dev.touchpoints.core.config.ConfigLoader;
import dev.touchpoints.core.config.ConfigOptions;
import dev.touchpoints.core.config.Declarations;
import dev.touchpoints.core.config.SerdeSettings;
import dev.touchpoints.core.lock.DataDirLock;
import dev.touchpoints.core.topics.TopicAdmin;
import dev.touchpoints.core.topics.Topics;
import dev.touchpoints.platform.Platform;
import dev.touchpoints.platform.PlatformSettings;
import dev.touchpoints.platform.registry.RegistrySettings;
import dev.touchpoints.producers.gateway.GatewayCommand;
import dev.touchpoints.producers.gateway.GatewayServer;
import dev.touchpoints.producers.gateway.GatewaySettings;
import dev.touchpoints.producers.gateway.KafkaReadiness;
import dev.touchpoints.producers.publisher.PublisherSettings;
import dev.touchpoints.producers.publisher.TouchpointPublisher;
import dev.touchpoints.producers.simulator.GatewaySink;
import dev.touchpoints.producers.simulator.JourneyGenerator;
import dev.touchpoints.producers.simulator.Progress;
import dev.touchpoints.producers.simulator.SimulationPlan;
import dev.touchpoints.producers.simulator.Simulator;
import dev.touchpoints.streams.EngineInstance;
import dev.touchpoints.streams.EngineStreams;
import dev.touchpoints.streams.PolicySettings;
import dev.touchpoints.streams.StreamsCommand;
import dev.touchpoints.streams.query.QuerySettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code touchpoints demo}: the whole pipeline in one JVM on the embedded platform – broker,
 * registry, engine with console, gateway, and a simulator playing the six stories with time sped
 * up, so that silences, self-service failures and incidents happen within minutes.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Runs everything locally: Kafka + registry, the engine and its console, the gateway, and"
            + " simulated journeys (time sped up). Ctrl-C stops; a second run resumes.")
public final class DemoCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(DemoCommand.class);

  @Mixin ConfigOptions options = new ConfigOptions();

  @Option(
      names = "--data-dir",
      defaultValue = "${sys:user.home}/.touchpoints/demo",
      description = "Where the demo keeps its data (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--fresh", description = "Delete the data dir first and start over.")
  boolean fresh;

  @Option(names = "--kafka-port", defaultValue = "9092", description = "Default: ${DEFAULT-VALUE}.")
  int kafkaPort;

  @Option(
      names = "--controller-port",
      defaultValue = "9093",
      description = "Default: ${DEFAULT-VALUE}.")
  int controllerPort;

  @Option(
      names = "--registry-port",
      defaultValue = "8081",
      description = "Default: ${DEFAULT-VALUE}.")
  int registryPort;

  @Option(
      names = "--console-port",
      defaultValue = "8088",
      description = "Console and query API (default: ${DEFAULT-VALUE}).")
  int consolePort;

  @Option(
      names = "--gateway-port",
      defaultValue = "8080",
      description = "Default: ${DEFAULT-VALUE}.")
  int gatewayPort;

  @Option(
      names = "--delivery",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "Deliver alerts with the alert-delivery connector (Kafka Connect, a JVM of its own) to a"
              + " local receiver that prints what arrives (default: on; --no-delivery: off).")
  boolean delivery;

  @Option(
      names = "--delivery-port",
      defaultValue = "8090",
      description = "The demo's webhook receiver (default: ${DEFAULT-VALUE}).")
  int deliveryPort;

  @Option(
      names = "--connect-port",
      defaultValue = "8083",
      description = "The Connect worker's REST API (default: ${DEFAULT-VALUE}).")
  int connectPort;

  @Option(
      names = "--subjects",
      defaultValue = "2000",
      description = "Simulated customers and prospects (default: ${DEFAULT-VALUE}).")
  int subjects;

  @Option(
      names = "--speed",
      defaultValue = "2880",
      description = "Simulated seconds per real second (default ${DEFAULT-VALUE}: a day in 30 s).")
  double speed;

  @Option(
      names = "--rate",
      defaultValue = "500",
      description = "At most this many events per second (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(
      names = "--seed",
      defaultValue = "7",
      description = "Simulation seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--history",
      defaultValue = "90d",
      description = "How far back the simulated journeys start (default: ${DEFAULT-VALUE}).")
  String history;

  @Spec CommandSpec spec;

  /**
   * The settings the demo knows: all those of the engine and the gateway, which it runs with one
   * configuration (its platform takes no settings).
   */
  public static final Declarations SETTINGS = StreamsCommand.SETTINGS.with(GatewayCommand.SETTINGS);

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    // Before anything starts: a misspelt key or a value out of range stops the demo here.
    AppConfig given = options.load(defaults(), SETTINGS);
    DataDirLock lock;
    try {
      // Before --fresh deletes anything: a second demo must not wipe the running one's data.
      lock = DataDirLock.acquire(dataDir);
    } catch (DataDirLock.DataDirInUseException e) {
      spec.commandLine().getErr().println("demo: " + e.getMessage());
      spec.commandLine().getErr().flush();
      return 1;
    }
    if (fresh) {
      deleteContentsExceptLock(dataDir);
    }
    Files.createDirectories(dataDir);
    Deque<AutoCloseable> running = new ArrayDeque<>();
    running.push(lock);
    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch stopped = new CountDownLatch(1);
    CountDownLatch closed = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stop.set(true);
                  stopped.countDown();
                  awaitQuietly(closed);
                },
                "demo-shutdown"));
    try {
      // No topic auto-creation, as `touchpoints platform`: the topics are created below, with the
      // partitions and compaction the engine expects, before anything publishes.
      Platform platform =
          Platform.start(
              new PlatformSettings(
                  dataDir.resolve("platform"),
                  kafkaPort,
                  controllerPort,
                  RegistrySettings.open(registryPort),
                  Map.of(),
                  List.of()));
      running.push(platform);
      AppConfig config = config(given, platform);
      Topics topics = Topics.fromConfig(config);
      TopicAdmin.ensureTopics(config, topics);

      EngineInstance engine = EngineInstance.start(config, false);
      running.push(engine);
      TouchpointPublisher publisher = TouchpointPublisher.create(config, topics);
      running.push(publisher);
      KafkaReadiness readiness = new KafkaReadiness(config);
      running.push(readiness);
      GatewayServer gateway =
          GatewayServer.start(
              GatewaySettings.fromConfig(config, gatewayPort), publisher, readiness);
      running.push(gateway);

      String deliveryLine = "  Alerts:   delivery off (--no-delivery)";
      if (delivery) {
        Path classPath = AlertDeliveryDemo.workerClassPath();
        if (Files.isDirectory(classPath)) {
          running.push(
              AlertDeliveryDemo.start(
                  classPath,
                  dataDir.resolve("connect"),
                  platform.bootstrapServers(),
                  topics.alertsJson().name(),
                  "http://localhost:" + engine.queryPort(),
                  deliveryPort,
                  connectPort,
                  out));
          deliveryLine =
              String.format(
                  "  Alerts:   delivered by Kafka Connect (REST http://localhost:%d) to a receiver on"
                      + " http://localhost:%d – a signed webhook and Slack messages (HIGH+);"
                      + " worker log %s",
                  connectPort, deliveryPort, dataDir.resolve("connect").resolve("worker.log"));
        } else {
          deliveryLine =
              "  Alerts:   delivery off – the Connect worker is not built ("
                  + classPath
                  + "; ./mvnw -pl connect-worker -am package)";
        }
      }
      out.printf(
          "%nTouchpoints demo is up.%n  Console:  http://localhost:%d/%n  Gateway:  http://localhost:%d/v1/events  (OpenAPI: /openapi.json)%n"
              + "  Kafka:    %s%n  Registry: %s%n%s%n  Data:     %s%nSimulated journeys are playing at %.0fx speed. Ctrl-C stops; run again to resume.%n%n",
          engine.queryPort(),
          gateway.port(),
          platform.bootstrapServers(),
          platform.registryUrl(),
          deliveryLine,
          dataDir.toAbsolutePath(),
          speed);
      out.flush();

      Thread simulation =
          new Thread(
              () -> simulate(config, "http://localhost:" + gateway.port(), stop), "demo-simulator");
      simulation.start();
      running.push(() -> simulation.join(10_000));
      stopped.await();
      return 0;
    } finally {
      stop.set(true);
      closeAll(running);
      closed.countDown();
    }
  }

  private Map<String, String> defaults() {
    Map<String, String> defaults = new HashMap<>(EngineStreams.DEFAULTS);
    defaults.put("kafka.state.dir", dataDir.resolve("state").toString());
    defaults.put(Topics.PARTITIONS, "3");
    // One instance that restarts often: let a stale member (after kill -9) expire quickly.
    defaults.put("kafka.session.timeout.ms", "10000");
    // The demo plays --history (90 days) of simulated journeys in minutes: all of it is history by
    // the wall clock, which a real engine keeps out of the alert topics (policy.alerts.max-age).
    // The demo is there to show those alerts, so it treats ten years as recent.
    defaults.put(PolicySettings.ALERTS_MAX_AGE.key(), "3650d");
    defaults.put(PublisherSettings.DELIVERY_TIMEOUT, "10s");
    defaults.put(PublisherSettings.MAX_BLOCK, "3s");
    return defaults;
  }

  private AppConfig config(AppConfig given, Platform platform) {
    Map<String, String> overrides = new HashMap<>();
    overrides.put(
        ConfigLoader.KAFKA_PREFIX + AppConfig.BOOTSTRAP_SERVERS, platform.bootstrapServers());
    overrides.put(SerdeSettings.REGISTRY_URL.key(), platform.registryUrl());
    overrides.put(QuerySettings.PORT.key(), Integer.toString(consolePort));
    AppConfig loaded = given;
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      loaded =
          e.getKey().startsWith(ConfigLoader.KAFKA_PREFIX)
              ? loaded.withKafka(
                  e.getKey().substring(ConfigLoader.KAFKA_PREFIX.length()), e.getValue())
              : loaded.with(e.getKey(), e.getValue());
    }
    return loaded;
  }

  /** Plays the journeys into the gateway until stopped, resuming where an earlier run stopped. */
  private void simulate(AppConfig config, String gatewayUrl, AtomicBoolean stop) {
    DemoState saved = DemoState.load(dataDir);
    Instant start =
        saved != null ? saved.start() : Instant.now().minus(AppConfig.parseDuration(history));
    DemoState state =
        saved != null && saved.seed() == seed && saved.subjects() == subjects
            ? saved
            : new DemoState(seed, subjects, start, 0, start);
    SimulationPlan plan =
        SimulationPlan.of(state.seed(), state.subjects()).startingAt(state.start());
    JourneyGenerator journeys = JourneyGenerator.of(plan);
    for (long i = 0; i < state.sent() && journeys.hasNext(); i++) {
      journeys.next();
    }
    if (state.sent() > 0) {
      LOG.info(
          "Resuming the simulation after {} events, at simulated {}",
          state.sent(),
          state.simulatedUntil());
    }
    Progress progress = new Progress(null, -1, null);
    try (GatewaySink sink = new GatewaySink(gatewayUrl, null, 100, 2, progress)) {
      Simulator.Result result =
          new Simulator(
                  journeys,
                  sink,
                  progress,
                  new Simulator.Limits(
                      -1,
                      null,
                      rate,
                      speed,
                      Simulator.lead(PublisherSettings.fromConfig(config).maxFutureSkew())),
                  state.simulatedUntil(),
                  Clock.systemUTC())
              .run(stop::get);
      Instant until =
          result.simulatedUntil() != null ? result.simulatedUntil() : state.simulatedUntil();
      new DemoState(
              state.seed(), state.subjects(), state.start(), state.sent() + result.stored(), until)
          .save(dataDir);
      if (!stop.get()) {
        LOG.info(
            "Simulation finished: {}. Run with --fresh to play the journeys again.",
            result.stopReason());
      }
    } catch (RuntimeException e) {
      LOG.error("Simulation stopped: {}", e.getMessage(), e);
    }
  }

  private static void closeAll(Deque<AutoCloseable> running) {
    while (!running.isEmpty()) {
      try {
        running.pop().close();
      } catch (Exception e) {
        LOG.warn("Error while stopping: {}", e.toString());
      }
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(60, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void deleteContentsExceptLock(Path dir) throws IOException {
    Path lockFile = dir.toAbsolutePath().normalize().resolve(DataDirLock.FILE_NAME);
    try (Stream<Path> children = Files.list(dir)) {
      for (Path child : children.toList()) {
        if (!child.toAbsolutePath().normalize().equals(lockFile)) {
          deleteRecursively(child);
        }
      }
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
