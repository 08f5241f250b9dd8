package dev.touchpoints.platform.registry;

import static dev.touchpoints.platform.registry.TestSchemas.CUSTOMER_V1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.touchpoints.platform.kafka.EmbeddedKafka;
import dev.touchpoints.serde.AvroDeserializer;
import dev.touchpoints.serde.AvroSerializer;
import dev.touchpoints.serde.RestSchemaRegistryClient;
import dev.touchpoints.serde.SchemaRegistryUnavailableException;
import dev.touchpoints.serde.SerdeConfig;
import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/**
 * A registry outage is a fault to wait out: the deserializer raises a retriable error while the
 * real registry is stopped, decodes once it is back, and keeps the definite "not found" for ids
 * that do not exist.
 */
class RegistryOutageIT {

  @Test
  void shouldRaiseRetriableErrorWhileRegistryIsDownAndDecodeOnceItIsBack() {
    try (EmbeddedKafka kafka = EmbeddedKafka.builder().build().start()) {
      RegistryServer registry = RegistryServer.start(kafka.bootstrapServers(), 0);
      int port = registry.port();
      Map<String, Object> config = Map.of("schema.registry.url", registry.url());
      AvroSerializer serializer = new AvroSerializer();
      serializer.configure(config, false);
      Schema schema = new Schema.Parser().parse(CUSTOMER_V1);
      GenericRecord customer = new GenericData.Record(schema);
      customer.put("id", "c-1");
      byte[] bytes = serializer.serialize("customers", customer);
      // Its own client: the JVM-wide shared one learned the schema when the serializer registered.
      AvroDeserializer neverSawIt =
          new AvroDeserializer(new RestSchemaRegistryClient(SerdeConfig.from(config)), config);

      registry.close();
      assertThatThrownBy(() -> neverSawIt.deserialize("customers", bytes))
          .isInstanceOf(SchemaRegistryUnavailableException.class)
          .isInstanceOf(RetriableException.class)
          .isNotInstanceOf(SerializationException.class);

      registry = RegistryServer.start(kafka.bootstrapServers(), RegistrySettings.open(port));
      try {
        assertThat(neverSawIt.deserialize("customers", bytes)).isEqualTo(customer);
        byte[] unknownId = bytes.clone();
        ByteBuffer.wrap(unknownId, 1, 4).putInt(999);
        assertThatThrownBy(() -> neverSawIt.deserialize("customers", unknownId))
            .isInstanceOf(SerializationException.class)
            .hasMessageContaining("999");
      } finally {
        registry.close();
      }
    }
  }
}
