package dev.touchpoints.platform;

import dev.touchpoints.platform.kafka.EmbeddedKafka;
import dev.touchpoints.platform.registry.RegistryServer;
import java.nio.file.Path;

/**
 * The local development platform: an {@link EmbeddedKafka} broker and a {@link RegistryServer}
 * whose state lives in that broker, started and stopped together.
 */
public final class Platform implements AutoCloseable {

  private final EmbeddedKafka kafka;
  private final RegistryServer registry;

  private Platform(EmbeddedKafka kafka, RegistryServer registry) {
    this.kafka = kafka;
    this.registry = registry;
  }

  /**
   * Starts the broker on {@code dataDir/kafka}, then the registry; returns when both serve.
   *
   * @param kafkaPort client port, 0 for a free one
   * @param controllerPort KRaft controller port, 0 for a free one
   * @param registryPort HTTP port of the registry, 0 for a free one
   */
  public static Platform start(Path dataDir, int kafkaPort, int controllerPort, int registryPort) {
    EmbeddedKafka kafka =
        EmbeddedKafka.builder()
            .dataDir(dataDir.resolve("kafka"))
            .port(kafkaPort)
            .controllerPort(controllerPort)
            .build()
            .start();
    try {
      return new Platform(kafka, RegistryServer.start(kafka.bootstrapServers(), registryPort));
    } catch (RuntimeException e) {
      kafka.close();
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
      return new Platform(kafka, RegistryServer.start(kafka.bootstrapServers(), 0));
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
      kafka.close();
    }
  }
}
