package dev.touchpoints.platform.registry;

import dev.touchpoints.platform.registry.auth.BasicAuthHandler;
import dev.touchpoints.platform.registry.auth.BasicAuthUsers;
import dev.touchpoints.platform.registry.store.KafkaStoreLog;
import dev.touchpoints.platform.registry.store.SchemaStore;
import io.javalin.Javalin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Confluent-compatible schema registry (Avro only) served over HTTP, or HTTPS only when {@code
 * registry.ssl.keystore.location} is set, with its state in the compacted Kafka topic {@code
 * _schemas}.
 *
 * <p>On start the whole topic is read into memory; every change is written to the topic (acks=all)
 * before it is applied, so a restart finds every schema, id and compatibility level again. Run one
 * registry per topic: a second one would not see the first one's writes.
 */
public final class RegistryServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RegistryServer.class);

  private final KafkaStoreLog log;
  private final Javalin app;
  private final String scheme;

  private RegistryServer(KafkaStoreLog log, Javalin app, String scheme) {
    this.log = log;
    this.app = app;
    this.scheme = scheme;
  }

  /**
   * Rebuilds the registry from {@code _schemas} on the given cluster and serves it.
   *
   * @param port HTTP port on all interfaces, 0 for a free one
   */
  public static RegistryServer start(String bootstrapServers, int port) {
    return start(bootstrapServers, RegistrySettings.open(port));
  }

  /**
   * Rebuilds the registry from its topic on the given cluster and serves it as configured.
   *
   * @throws IllegalArgumentException if the users file cannot be read
   */
  public static RegistryServer start(String bootstrapServers, RegistrySettings settings) {
    long started = System.nanoTime();
    BasicAuthUsers users =
        settings.usersFile() == null
            ? null
            : BasicAuthUsers.load(
                settings.usersFile(), settings.writeRoles(), settings.readRoles());
    KafkaStoreLog log = KafkaStoreLog.open(bootstrapServers, settings.topic());
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
                settings.tls().listen(config, settings.port());
              });
      if (users != null) {
        app.beforeMatched(new BasicAuthHandler(users));
      }
      routes.register(app);
      app.start(settings.port());
      RegistryServer server = new RegistryServer(log, app, settings.tls().scheme());
      if (users == null) {
        LOG.warn(
            "No registry users file configured ({}): anyone who can reach {} can change and"
                + " delete schemas",
            RegistrySettings.USERS_FILE,
            server.url());
      } else {
        LOG.info("Schema registry requires HTTP basic auth ({} users)", users.size());
      }
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

  /** The base URL clients use as {@code schema.registry.url}: {@code https://} with TLS. */
  public String url() {
    return scheme + "://localhost:" + port();
  }

  /** The port (resolved if 0 was asked for). */
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
