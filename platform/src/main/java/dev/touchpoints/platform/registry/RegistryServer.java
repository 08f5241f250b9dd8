package dev.touchpoints.platform.registry;

import dev.touchpoints.platform.registry.store.KafkaStoreLog;
import dev.touchpoints.platform.registry.store.SchemaStore;
import io.javalin.Javalin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Confluent-compatible schema registry (Avro only) served over HTTP, with its state in the
 * compacted Kafka topic {@code _schemas}.
 *
 * <p>On start the whole topic is read into memory; every change is written to the topic (acks=all)
 * before it is applied, so a restart finds every schema, id and compatibility level again. Run one
 * registry per topic: a second one would not see the first one's writes.
 */
public final class RegistryServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RegistryServer.class);

  private final KafkaStoreLog log;
  private final Javalin app;

  private RegistryServer(KafkaStoreLog log, Javalin app) {
    this.log = log;
    this.app = app;
  }

  /**
   * Rebuilds the registry from {@code _schemas} on the given cluster and serves it.
   *
   * @param port HTTP port on all interfaces, 0 for a free one
   */
  public static RegistryServer start(String bootstrapServers, int port) {
    long started = System.nanoTime();
    KafkaStoreLog log = KafkaStoreLog.open(bootstrapServers);
    try {
      SchemaStore store = new SchemaStore();
      int records = log.replay(store::apply);
      RegistryRoutes routes = new RegistryRoutes(new SchemaRegistry(store, log));
      Javalin app =
          Javalin.create(
              config -> {
                config.showJavalinBanner = false;
                config.startupWatcherEnabled = false;
                config.http.defaultContentType = RegistryRoutes.CONTENT_TYPE;
              });
      routes.register(app);
      app.start(port);
      RegistryServer server = new RegistryServer(log, app);
      LOG.info(
          "Schema registry ready on {} ({} stored records) in {} ms",
          server.url(),
          records,
          (System.nanoTime() - started) / 1_000_000);
      return server;
    } catch (RuntimeException e) {
      log.close();
      throw e;
    }
  }

  /** The base URL clients use as {@code schema.registry.url}. */
  public String url() {
    return "http://localhost:" + port();
  }

  /** The HTTP port (resolved if 0 was asked for). */
  public int port() {
    return app.port();
  }

  /** Stops serving and closes the store's producer. */
  @Override
  public void close() {
    app.stop();
    log.close();
  }
}
