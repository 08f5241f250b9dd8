package dev.touchpoints.producers.gateway;

import dev.touchpoints.core.config.AppConfig;
import dev.touchpoints.core.config.ConfigOptions;
import dev.touchpoints.core.config.Declarations;
import dev.touchpoints.core.topics.TopicAdmin;
import dev.touchpoints.core.topics.TopicSettings;
import dev.touchpoints.core.topics.Topics;
import dev.touchpoints.producers.publisher.PublisherKeys;
import dev.touchpoints.producers.publisher.PublisherSettings;
import dev.touchpoints.producers.publisher.TouchpointPublisher;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code touchpoints gateway}: runs the HTTP ingestion gateway until Ctrl-C. */
@Command(
    name = "gateway",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the HTTP ingestion gateway: POST /v1/events and /v1/events:batch, answered after"
          + " Kafka acknowledged the events.",
      "Settings: gateway.api.keys, gateway.port, gateway.max.body.bytes,"
          + " gateway.max.batch.events, gateway.retry.after, gateway.ssl.keystore.location,"
          + " gateway.ssl.keystore.password, publisher.delivery.timeout,"
          + " publisher.max.block, publisher.max.future.skew, topics.create."
    })
public final class GatewayCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(GatewayCommand.class);

  /** Shorter Kafka timeouts than the library's: an HTTP caller should not wait half a minute. */
  /** The settings the gateway knows: the shared ones, its own and its publisher's. */
  public static final Declarations SETTINGS =
      Declarations.shared().with(GatewayKeys.class, PublisherKeys.class);

  static final Map<String, String> DEFAULTS =
      Map.of(
          PublisherSettings.DELIVERY_TIMEOUT,
          "10s",
          PublisherSettings.MAX_BLOCK,
          "3s",
          TopicSettings.CREATE.key(),
          "true");

  @Mixin ConfigOptions configOptions;

  @Option(
      names = {"-p", "--port"},
      description = "HTTP port (default: setting gateway.port, else 8080).")
  Integer port;

  @Override
  public Integer call() throws InterruptedException {
    AppConfig config = configOptions.load(DEFAULTS, SETTINGS);
    Topics topics = Topics.fromConfig(config);
    if (config.get(TopicSettings.CREATE)) {
      try {
        TopicAdmin.ensureTopics(config, topics);
      } catch (RuntimeException e) {
        LOG.warn("Could not ensure the input topics exist (continuing): {}", e.getMessage());
      }
    }
    // Read first: a keystore that cannot be opened stops the gateway before it connects to Kafka.
    GatewaySettings settings =
        GatewaySettings.fromConfig(config, port != null ? port : config.get(GatewayKeys.PORT));
    CountDownLatch stopped = new CountDownLatch(1);
    CountDownLatch closed = new CountDownLatch(1);
    try (TouchpointPublisher publisher = TouchpointPublisher.create(config, topics);
        KafkaReadiness readiness = new KafkaReadiness(config);
        GatewayServer server = GatewayServer.start(settings, publisher, readiness)) {
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    LOG.info("Stopping the gateway");
                    stopped.countDown();
                    // Hold the JVM until the server stopped and the publisher flushed.
                    awaitQuietly(closed);
                  },
                  "gateway-shutdown"));
      LOG.info("Gateway running on port {}; Ctrl-C to stop", server.port());
      stopped.await();
    } finally {
      closed.countDown();
    }
    return 0;
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(60, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
