package dev.touchpoints.platform.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka cluster (combined KRaft broker and controller) running inside this JVM.
 *
 * <p>The data directory is formatted once; starting again on the same directory keeps the cluster
 * id, topics and records. Every replication factor is 1, so transactions and exactly-once work on
 * the one node.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.builder().dataDir(dir).build().start()) {
 *   String bootstrap = kafka.bootstrapServers();
 * }
 * }</pre>
 */
public final class EmbeddedKafka implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
  private static final int NODE_ID = 1;
  private static final String CONTROLLER_LISTENER = "CONTROLLER";
  private static final String META_PROPERTIES = "meta.properties";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final Path dataDir;
  private final boolean deleteDataDirOnClose;
  private final int port;
  private final int controllerPort;
  private final Map<String, String> overrides;
  private KafkaRaftServer server;

  private EmbeddedKafka(Builder builder) throws IOException {
    this.deleteDataDirOnClose = builder.dataDir == null;
    this.dataDir =
        builder.dataDir == null ? Files.createTempDirectory("embedded-kafka") : builder.dataDir;
    this.port = builder.port == 0 ? freePort() : builder.port;
    this.controllerPort = builder.controllerPort == 0 ? freePort() : builder.controllerPort;
    this.overrides = Map.copyOf(builder.overrides);
  }

  /** Starts configuring a broker: temporary data dir and free ports unless set. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Formats the data directory if it is new and starts broker and controller; returns when the
   * broker is ready to serve requests.
   *
   * @throws IllegalStateException if the broker cannot start (for example a port is in use)
   */
  public synchronized EmbeddedKafka start() {
    if (server != null) {
      throw new IllegalStateException("already started");
    }
    long started = System.nanoTime();
    try {
      Files.createDirectories(dataDir);
      KafkaConfig config = KafkaConfig.fromProps(brokerProperties(), false);
      formatIfNeeded(config);
      KafkaRaftServer raftServer = new KafkaRaftServer(config, Time.SYSTEM);
      server = raftServer;
      raftServer.startup();
      awaitBrokerRegistered();
    } catch (Exception e) {
      // Without this, non-daemon controller threads keep the JVM alive after a failed start.
      stopServer();
      throw new IllegalStateException("Kafka broker failed to start on " + bootstrapServers(), e);
    }
    LOG.info(
        "Kafka broker ready on {} (data {}) in {} ms",
        bootstrapServers(),
        dataDir,
        (System.nanoTime() - started) / 1_000_000);
    return this;
  }

  /** The address clients use, {@code localhost:<port>}. */
  public String bootstrapServers() {
    return "localhost:" + port;
  }

  /** The client port (resolved if 0 was asked for). */
  public int port() {
    return port;
  }

  /** The KRaft controller port (resolved if 0 was asked for). */
  public int controllerPort() {
    return controllerPort;
  }

  /** The directory holding the log segments and metadata log. */
  public Path dataDir() {
    return dataDir;
  }

  /** The cluster id stored in the formatted data directory. */
  public String clusterId() {
    return readClusterId(dataDir)
        .orElseThrow(() -> new IllegalStateException("data dir not formatted: " + dataDir));
  }

  /** Stops the broker and waits until it is down; deletes a temporary data directory. */
  @Override
  public synchronized void close() {
    stopServer();
    if (deleteDataDirOnClose) {
      deleteRecursively(dataDir);
    }
  }

  private void stopServer() {
    if (server == null) {
      return;
    }
    try {
      server.shutdown();
      server.awaitShutdown();
    } catch (RuntimeException e) {
      LOG.warn("Kafka broker on {} did not shut down cleanly", bootstrapServers(), e);
    } finally {
      server = null;
    }
  }

  /** Startup returns before the controller unfences the broker; topics cannot be created until. */
  private void awaitBrokerRegistered() throws InterruptedException {
    Map<String, Object> config =
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    try (Admin admin = Admin.create(config)) {
      while (true) {
        try {
          if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
            return;
          }
        } catch (ExecutionException | TimeoutException e) {
          LOG.debug("Broker not ready yet", e);
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("broker not registered after " + READY_TIMEOUT);
        }
        TimeUnit.MILLISECONDS.sleep(50);
      }
    }
  }

  private Properties brokerProperties() {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("process.roles", "broker,controller");
    config.put("node.id", String.valueOf(NODE_ID));
    config.put("controller.quorum.voters", NODE_ID + "@localhost:" + controllerPort);
    config.put(
        "listeners",
        "PLAINTEXT://localhost:"
            + port
            + ","
            + CONTROLLER_LISTENER
            + "://localhost:"
            + controllerPort);
    config.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
    config.put(
        "listener.security.protocol.map",
        "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
    config.put("controller.listener.names", CONTROLLER_LISTENER);
    config.put("inter.broker.listener.name", "PLAINTEXT");
    config.put("log.dirs", dataDir.toAbsolutePath().toString());
    config.put("num.partitions", "1");
    config.put("default.replication.factor", "1");
    config.put("min.insync.replicas", "1");
    config.put("offsets.topic.replication.factor", "1");
    // The default of 3 makes exactly-once stall silently on one node.
    config.put("transaction.state.log.replication.factor", "1");
    config.put("transaction.state.log.min.isr", "1");
    config.put("share.coordinator.state.topic.replication.factor", "1");
    config.put("share.coordinator.state.topic.min.isr", "1");
    config.put("group.initial.rebalance.delay.ms", "0");
    // The default dedupe buffer alone costs 128 MB of heap.
    config.put("log.cleaner.dedupe.buffer.size", "2097152");
    // Short sessions: a restart after kill -9 is ready in seconds, not after the 9 s default.
    config.put("broker.session.timeout.ms", "2000");
    config.put("broker.heartbeat.interval.ms", "500");
    config.putAll(overrides);
    Properties properties = new Properties();
    properties.putAll(config);
    return properties;
  }

  private void formatIfNeeded(KafkaConfig config) throws Exception {
    if (readClusterId(dataDir).isPresent()) {
      return;
    }
    String clusterId = Uuid.randomUuid().toString();
    LOG.info("Formatting {} for new cluster {}", dataDir, clusterId);
    new Formatter()
        .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
        .setNodeId(NODE_ID)
        .setClusterId(clusterId)
        .setDirectories(List.of(dataDir.toAbsolutePath().toString()))
        .setMetadataLogDirectory(config.metadataLogDir())
        .setControllerListenerName(CONTROLLER_LISTENER)
        .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
        .setIgnoreFormatted(true)
        .run();
  }

  private static Optional<String> readClusterId(Path dir) {
    Path meta = dir.resolve(META_PROPERTIES);
    if (!Files.isRegularFile(meta)) {
      return Optional.empty();
    }
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(meta)) {
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Optional.ofNullable(properties.getProperty("cluster.id"));
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port", e);
    }
  }

  private static void deleteRecursively(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              path -> {
                try {
                  Files.deleteIfExists(path);
                } catch (IOException e) {
                  LOG.warn("Could not delete {}", path, e);
                }
              });
    } catch (IOException e) {
      LOG.warn("Could not delete {}", dir, e);
    }
  }

  /** Configures an {@link EmbeddedKafka}. */
  public static final class Builder {
    private Path dataDir;
    private int port;
    private int controllerPort;
    private final Map<String, String> overrides = new LinkedHashMap<>();

    private Builder() {}

    /** Keeps data in {@code dir} across restarts; without it a temp dir is used and deleted. */
    public Builder dataDir(Path dir) {
      this.dataDir = dir;
      return this;
    }

    /** Client port; 0 (default) picks a free one. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** KRaft controller port; 0 (default) picks a free one. */
    public Builder controllerPort(int port) {
      this.controllerPort = port;
      return this;
    }

    /** Overrides or adds one broker setting. */
    public Builder brokerConfig(String key, String value) {
      overrides.put(key, value);
      return this;
    }

    /** Creates the broker; call {@link EmbeddedKafka#start()} to run it. */
    public EmbeddedKafka build() {
      try {
        return new EmbeddedKafka(this);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create a temporary data dir", e);
      }
    }
  }
}
