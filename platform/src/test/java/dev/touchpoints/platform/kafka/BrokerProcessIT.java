package dev.touchpoints.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerProcessIT {

  private static final String TOPIC = "broker-process-it";

  @Test
  void shouldKeepAcknowledgedRecordsWhenBrokerIsKilledAndRestarted(@TempDir Path dataDir)
      throws Exception {
    List<String> values = IntStream.range(0, 100).mapToObj(i -> "record-" + i).toList();
    try (BrokerProcess broker = BrokerProcess.start(dataDir)) {
      KafkaTestClients.createTopic(broker.bootstrapServers(), TOPIC);
      KafkaTestClients.produce(broker.bootstrapServers(), TOPIC, values);

      broker.kill();
      assertThat(broker.isAlive()).isFalse();
      broker.restart();

      assertThat(broker.isAlive()).isTrue();
      assertThat(KafkaTestClients.consume(broker.bootstrapServers(), TOPIC, values.size()))
          .containsExactlyElementsOf(values);
    }
  }
}
