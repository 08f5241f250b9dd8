package dev.touchpoints.streams;

import dev.touchpoints.core.config.AppConfig;
import dev.touchpoints.core.topics.TopicAdmin;
import dev.touchpoints.streams.query.QueryServer;
import dev.touchpoints.streams.query.QuerySettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;

/**
 * One running instance of the engine as users meet it: the Kafka Streams app plus its query API and
 * console on {@value #QUERY_PORT} (default 8088). The instance advertises {@value #QUERY_HOST}:port
 * as {@code application.server}, so instances find each other's subjects.
 */
public final class EngineInstance implements AutoCloseable {

  /** Setting: port of the query API and console; 0 picks a free one. */
  public static final String QUERY_PORT = "query.port";

  /** Setting: host name other instances reach this one at (default localhost). */
  public static final String QUERY_HOST = "query.advertised.host";

  private final EngineStreams app;
  private final QueryServer query;

  private EngineInstance(EngineStreams app, QueryServer query) {
    this.app = app;
    this.query = query;
  }

  /**
   * Creates missing topics when asked, starts the engine, then the query API.
   *
   * @param config settings, Kafka properties included
   * @param createTopics whether to create missing topics first
   */
  public static EngineInstance start(AppConfig config, boolean createTopics) {
    int port = config.get(QuerySettings.PORT);
    if (port == 0) {
      port = freePort();
    }
    HostInfo self = new HostInfo(config.get(QuerySettings.ADVERTISED_HOST), port);
    AppConfig withServer =
        config.kafkaProperties().containsKey(StreamsConfig.APPLICATION_SERVER_CONFIG)
            ? config
            : config.withKafka(
                StreamsConfig.APPLICATION_SERVER_CONFIG, self.host() + ":" + self.port());
    EngineStreams app = new EngineStreams(withServer);
    if (createTopics) {
      TopicAdmin.ensureTopics(withServer, app.topics());
    }
    app.start();
    try {
      return new EngineInstance(
          app, QueryServer.start(app.streams(), self, port, app.topics(), withServer));
    } catch (RuntimeException e) {
      app.close();
      throw e;
    }
  }

  /** The engine. */
  public EngineStreams app() {
    return app;
  }

  /** The port the query API and console listen on. */
  public int queryPort() {
    return query.port();
  }

  @Override
  public void close() {
    query.close();
    app.close();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
