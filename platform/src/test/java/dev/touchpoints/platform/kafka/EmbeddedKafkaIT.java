package dev.touchpoints.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaIT {

  private static final String TOPIC = "embedded-kafka-it";

  @Test
  void shouldKeepTopicsRecordsAndClusterIdAcrossRestartOnSameDataDir(@TempDir Path dataDir)
      throws Exception {
    String clusterId;
    int port;
    int controllerPort;
    try (EmbeddedKafka kafka = EmbeddedKafka.builder().dataDir(dataDir).build().start()) {
      KafkaTestClients.createTopic(kafka.bootstrapServers(), TOPIC);
      KafkaTestClients.produce(kafka.bootstrapServers(), TOPIC, List.of("a", "b", "c"));
      clusterId = kafka.clusterId();
      port = kafka.port();
      controllerPort = kafka.controllerPort();
    }

    try (EmbeddedKafka kafka =
        EmbeddedKafka.builder()
            .dataDir(dataDir)
            .port(port)
            .controllerPort(controllerPort)
            .build()
            .start()) {
      assertThat(kafka.clusterId()).isEqualTo(clusterId);
      assertThat(KafkaTestClients.topics(kafka.bootstrapServers())).contains(TOPIC);
      assertThat(KafkaTestClients.consume(kafka.bootstrapServers(), TOPIC, 3))
          .containsExactly("a", "b", "c");
    }
  }

  @Test
  void shouldFailAndLeaveNoBrokerThreadsWhenPortIsTaken(@TempDir Path dataDir) throws Exception {
    Set<String> threadsBefore = nonDaemonThreads();
    try (ServerSocket taken = new ServerSocket(0)) {
      EmbeddedKafka kafka =
          EmbeddedKafka.builder().dataDir(dataDir).port(taken.getLocalPort()).build();

      assertThatThrownBy(kafka::start).isInstanceOf(IllegalStateException.class);
      kafka.close();
    }

    await()
        .alias("broker threads gone")
        .pollInSameThread()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(nonDaemonThreads()).isSubsetOf(threadsBefore));
  }

  private static Set<String> nonDaemonThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> !thread.isDaemon() && thread.isAlive())
        .map(Thread::getName)
        .collect(Collectors.toSet());
  }
}
