package dev.touchpoints.platform.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.touchpoints.platform.Platform;
import dev.touchpoints.platform.kafka.KafkaTestClients;
import dev.touchpoints.serde.AvroDeserializer;
import dev.touchpoints.serde.AvroSerializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * A record type referenced from another subject, end to end: registered with a reference over HTTP,
 * written to the real broker by the project's serializer and read back by its deserializer.
 */
class SchemaReferencesSerdeIT {

  private static final String CUSTOMER = TestSchemas.REF_CUSTOMER;
  private static final String ORDER = TestSchemas.REF_ORDER;
  private static final String TOPIC = "orders-with-references";

  @Test
  void shouldSerializeAndDeserializeRecordWhoseSchemaHasReference() throws Exception {
    try (Platform platform = Platform.startTemporary()) {
      RegistryHttp http = new RegistryHttp(platform.registryUrl());
      int customerId = http.register("customer", CUSTOMER);
      int orderId = http.registerOrderReferencing(TOPIC + "-value", "customer");
      GenericRecord record = TestSchemas.refOrder("c-1", 42L);
      KafkaTestClients.createTopic(platform.bootstrapServers(), TOPIC);

      AvroSerializer values = new AvroSerializer();
      values.configure(Map.of("schema.registry.url", platform.registryUrl()), false);
      try (KafkaProducer<String, Object> producer =
          new KafkaProducer<>(
              Map.of(
                  ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                  platform.bootstrapServers(),
                  "schema.registry.url",
                  platform.registryUrl()),
              new StringSerializer(),
              values)) {
        producer.send(new ProducerRecord<>(TOPIC, "k", record)).get();
      }
      List<ConsumerRecord<String, Object>> consumed = consume(platform);

      assertThat(orderId).isNotEqualTo(customerId);
      assertThat(consumed).hasSize(1);
      byte[] raw = consumedRaw(platform);
      assertThat(java.nio.ByteBuffer.wrap(raw, 1, 4).getInt())
          .as("the serializer found the version registered with the reference")
          .isEqualTo(orderId);
      assertThat(consumed.get(0).value()).isEqualTo(record);
      assertThat(http.get("/subjects/" + TOPIC + "-value/versions").body().toString())
          .isEqualTo("[1]");
    }
  }

  private static List<ConsumerRecord<String, Object>> consume(Platform platform) {
    List<ConsumerRecord<String, Object>> records = new ArrayList<>();
    AvroDeserializer values = new AvroDeserializer();
    values.configure(Map.of("schema.registry.url", platform.registryUrl()), false);
    try (KafkaConsumer<String, Object> consumer =
        new KafkaConsumer<>(
            Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers()),
            new StringDeserializer(),
            values)) {
      TopicPartition partition = new TopicPartition(TOPIC, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      await()
          .alias("the order record")
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return !records.isEmpty();
              });
    }
    return records;
  }

  private static byte[] consumedRaw(Platform platform) {
    List<byte[]> values = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers()),
            new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
            new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
      TopicPartition partition = new TopicPartition(TOPIC, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      await()
          .alias("the raw order record")
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
                return !values.isEmpty();
              });
    }
    return values.get(0);
  }
}
