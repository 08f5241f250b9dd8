package dev.touchpoints.platform;

import dev.touchpoints.core.lock.DataDirLock;
import dev.touchpoints.core.topics.TopicAdmin;
import dev.touchpoints.platform.kafka.EmbeddedKafka;
import dev.touchpoints.platform.registry.RegistryServer;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The local development platform: an {@link EmbeddedKafka} broker and a {@link RegistryServer}
 * whose state lives in that broker, started and stopped together.
 */
public final class Platform implements AutoCloseable {

  private final EmbeddedKafka kafka;
  private final RegistryServer registry;
  private final DataDirLock lock;

  private Platform(EmbeddedKafka kafka, RegistryServer registry, DataDirLock lock) {
    this.kafka = kafka;
    this.registry = registry;
    this.lock = lock;
  }

  /**
   * Locks the data directory, starts the broker (no topic auto-creation, the given broker
   * settings), creates the product's topics, then starts the registry.
   *
   * @throws DataDirLock.DataDirInUseException if another process uses the data directory; nothing
   *     in it has been touched then
   */
  public static Platform start(PlatformSettings settings) {
    DataDirLock lock = DataDirLock.acquire(settings.dataDir());
    EmbeddedKafka kafka = null;
    try {
      EmbeddedKafka.Builder builder =
          EmbeddedKafka.builder()
              .dataDir(settings.dataDir().resolve("kafka"))
              .port(settings.kafkaPort())
              .controllerPort(settings.controllerPort())
              // A producer publishing before the topics exist must fail, not get a 1-partition
              // topic.
              .brokerConfig("auto.create.topics.enable", "false");
      settings.brokerConfig().forEach(builder::brokerConfig);
      kafka = builder.build().start();
      if (!settings.topics().isEmpty()) {
        try (Admin admin =
            Admin.create(
                Map.<String, Object>of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
          TopicAdmin.ensureTopics(admin, settings.topics(), -1);
        }
      }
      return new Platform(
          kafka, RegistryServer.start(kafka.bootstrapServers(), settings.registry()), lock);
    } catch (RuntimeException e) {
      if (kafka != null) {
        kafka.close();
      }
      lock.close();
      throw e;
    }
  }

  /**
   * Locks {@code dataDir}, starts the broker on {@code dataDir/kafka} (default broker settings,
   * topics auto-created as Kafka does by default), then the registry; returns when both serve. The
   * entry point for embedding and tests; {@code touchpoints platform} uses {@link
   * #start(PlatformSettings)}.
   *
   * @param kafkaPort client port, 0 for a free one
   * @param controllerPort KRaft controller port, 0 for a free one
   * @param registryPort HTTP port of the registry, 0 for a free one
   */
  public static Platform start(Path dataDir, int kafkaPort, int controllerPort, int registryPort) {
    DataDirLock lock = DataDirLock.acquire(dataDir);
    EmbeddedKafka kafka = null;
    try {
      kafka =
          EmbeddedKafka.builder()
              .dataDir(dataDir.resolve("kafka"))
              .port(kafkaPort)
              .controllerPort(controllerPort)
              .build()
              .start();
      return new Platform(
          kafka, RegistryServer.start(kafka.bootstrapServers(), registryPort), lock);
    } catch (RuntimeException e) {
      if (kafka != null) {
        kafka.close();
      }
      lock.close();
      throw e;
    }
  }

  /**
   * Starts a throw-away platform for tests: a temporary data directory (deleted on close) and free
   * ports.
   */
  public static Platform startTemporary() {
    EmbeddedKafka kafka = EmbeddedKafka.builder().build().start();
    try {
      return new Platform(kafka, RegistryServer.start(kafka.bootstrapServers(), 0), null);
    } catch (RuntimeException e) {
      kafka.close();
      throw e;
    }
  }

  /** The Kafka address, {@code localhost:<port>}. */
  public String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  /** The registry base URL, {@code http://localhost:<port>}. */
  public String registryUrl() {
    return registry.url();
  }

  /** The broker, e.g. for its ports and data directory. */
  public EmbeddedKafka kafka() {
    return kafka;
  }

  /** Stops the registry, then the broker. */
  @Override
  public void close() {
    try {
      registry.close();
    } finally {
      try {
        kafka.close();
      } finally {
        if (lock != null) {
          lock.close();
        }
      }
    }
  }
}
