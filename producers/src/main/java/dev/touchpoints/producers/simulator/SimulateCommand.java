package dev.touchpoints.producers.simulator;

import dev.touchpoints.core.config.AppConfig;
import dev.touchpoints.core.config.ConfigOptions;
import dev.touchpoints.core.topics.TopicAdmin;
import dev.touchpoints.core.topics.TopicSettings;
import dev.touchpoints.core.topics.Topics;
import dev.touchpoints.producers.gateway.GatewayCommand;
import dev.touchpoints.producers.gateway.GatewayKeys;
import dev.touchpoints.producers.gateway.GatewaySettings;
import dev.touchpoints.producers.publisher.PublisherKeys;
import dev.touchpoints.producers.publisher.PublisherSettings;
import dev.touchpoints.producers.publisher.TouchpointPublisher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code touchpoints simulate}: plays the DOMAIN.md stories as live traffic. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = {
      "Plays deterministic customer journeys (the six DOMAIN.md stories and incident waves)"
          + " into Kafka or the HTTP gateway.",
      "Same --seed and --start: the same events, byte for byte."
    })
public final class SimulateCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(SimulateCommand.class);

  /** Where events go. */
  public enum Target {
    kafka,
    gateway,
    stdout
  }

  @Mixin ConfigOptions configOptions;

  @Option(
      names = "--subjects",
      defaultValue = "1000",
      description = "Subjects (default ${DEFAULT-VALUE}).")
  int subjects;

  @Option(
      names = "--rate",
      defaultValue = "200",
      description = "Events per second, 0 for unlimited (default ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--duration", description = "Stop after this much real time, e.g. 10m.")
  String duration;

  @Option(
      names = "--events",
      description = "Stop after this many events (default 10000 without --duration).")
  Long events;

  @Option(names = "--seed", defaultValue = "42", description = "Seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--speed",
      defaultValue = "0",
      description =
          "Simulated seconds per real second, e.g. 3600 (an hour a second); 0 ignores simulated"
              + " time and sends as fast as --rate allows (default ${DEFAULT-VALUE}).")
  double speed;

  @Option(
      names = "--start",
      defaultValue = "2026-01-01T00:00:00Z",
      description =
          "Simulated start: an ISO instant or now-<duration> such as now-30d (default ${DEFAULT-VALUE}).")
  String start;

  @Option(
      names = "--incident-every",
      defaultValue = "1d",
      description = "Simulated time between incident waves, 0 for none (default ${DEFAULT-VALUE}).")
  String incidentEvery;

  @Option(
      names = "--incident-size",
      description = "Subjects per incident wave (default a third of --subjects, at most 300).")
  Integer incidentSize;

  @Option(
      names = "--target",
      defaultValue = "kafka",
      description = "kafka, gateway or stdout (default ${DEFAULT-VALUE}).")
  Target target;

  @Option(
      names = "--gateway-url",
      defaultValue = "http://localhost:8080",
      description =
          "Gateway base URL (default ${DEFAULT-VALUE}); an https gateway is trusted by the"
              + " truststore in setting gateway.ssl.truststore.location, else the JDK's.")
  String gatewayUrl;

  @Option(
      names = "--api-key",
      description =
          "Gateway API key (default: setting simulate.api.key, else the first of gateway.api.keys).")
  String apiKey;

  @Option(
      names = "--batch",
      defaultValue = "200",
      description = "Events per gateway request (default ${DEFAULT-VALUE}).")
  int batch;

  @Override
  public Integer call() {
    AppConfig config = configOptions.load(Map.of(), GatewayCommand.SETTINGS);
    Instant startAt = parseStart(start, Clock.systemUTC());
    SimulationPlan plan = SimulationPlan.of(seed, subjects).startingAt(startAt);
    plan =
        plan.withIncidents(
            AppConfig.parseDuration(incidentEvery),
            incidentSize != null ? incidentSize : plan.incidentSize());
    Duration maxDuration = duration == null ? null : AppConfig.parseDuration(duration);
    long maxEvents = events != null ? events : maxDuration == null ? 10_000 : -1;
    Duration lead = Simulator.lead(PublisherSettings.fromConfig(config).maxFutureSkew());
    if (!fitsBeforeNow(startAt, maxDuration, lead)) {
      return 2;
    }
    Progress progress =
        new Progress(
            System.console() != null && target != Target.stdout ? System.out : null,
            maxEvents,
            maxDuration);
    AtomicBoolean stop = new AtomicBoolean();
    Thread main = Thread.currentThread();
    Thread hook =
        new Thread(
            () -> {
              stop.set(true);
              joinQuietly(main);
            },
            "simulate-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try (EventSink sink = sink(config, progress)) {
      Simulator.Result result =
          new Simulator(
                  JourneyGenerator.of(plan),
                  sink,
                  progress,
                  new Simulator.Limits(maxEvents, maxDuration, rate, speed, lead),
                  startAt,
                  Clock.systemUTC())
              .run(stop::get);
      sink.flush();
      LOG.info(
          "Sent {} events ({} stored, {} failed) in {} s; simulated time reached {}",
          result.submitted(),
          progress.stored(),
          progress.failed(),
          String.format(Locale.ROOT, "%.1f", result.took().toMillis() / 1e3),
          result.simulatedUntil());
      return progress.failed() == 0 ? 0 : 1;
    } finally {
      if (!stop.get()) {
        Runtime.getRuntime().removeShutdownHook(hook);
      }
    }
  }

  private EventSink sink(AppConfig config, Progress progress) {
    return switch (target) {
      case kafka -> {
        Topics topics = Topics.fromConfig(config);
        if (config.get(TopicSettings.CREATE)) {
          TopicAdmin.ensureTopics(config, topics);
        }
        yield new KafkaSink(TouchpointPublisher.create(config, topics), progress);
      }
      case gateway ->
          new GatewaySink(
              gatewayUrl,
              apiKey != null ? apiKey : defaultApiKey(config),
              batch,
              4,
              progress,
              config.tls(GatewaySettings.TLS_PREFIX).trustContext());
      case stdout -> new PrintSink(System.out, progress);
    };
  }

  private boolean fitsBeforeNow(Instant startAt, Duration maxDuration, Duration skew) {
    Instant now = Instant.now();
    if (startAt.isAfter(now.plus(skew))) {
      LOG.error("--start {} is in the future; events would be rejected", startAt);
      return false;
    }
    if (speed > 0 && maxDuration != null) {
      Instant end = startAt.plusMillis((long) (maxDuration.toMillis() * speed));
      if (end.isAfter(now.plus(skew))) {
        LOG.error(
            "--duration {} at --speed {} reaches {}, beyond now: use an earlier --start, e.g."
                + " now-{}d",
            duration,
            speed,
            end,
            Duration.between(startAt, end).toDays() + 1);
        return false;
      }
    }
    return true;
  }

  private static String defaultApiKey(AppConfig config) {
    String own = config.get(PublisherKeys.SIMULATE_API_KEY);
    if (own != null) {
      return own;
    }
    String keys = config.get(GatewayKeys.API_KEYS, "");
    String first = keys.split(",")[0].trim();
    return first.isEmpty() ? null : first;
  }

  /** An ISO instant, or {@code now-<duration>}. */
  static Instant parseStart(String text, Clock clock) {
    String t = text.trim();
    if (t.equalsIgnoreCase("now")) {
      return clock.instant();
    }
    if (t.toLowerCase(Locale.ROOT).startsWith("now-")) {
      return clock.instant().minus(AppConfig.parseDuration(t.substring(4)));
    }
    return Instant.parse(t);
  }

  private static void joinQuietly(Thread thread) {
    try {
      thread.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
