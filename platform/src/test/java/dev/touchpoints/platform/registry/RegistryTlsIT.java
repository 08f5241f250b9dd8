package dev.touchpoints.platform.registry;

import static dev.touchpoints.platform.registry.TestSchemas.CUSTOMER_V1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.touchpoints.core.config.AppConfig;
import dev.touchpoints.core.config.ConfigLoader;
import dev.touchpoints.core.tls.ServerTls;
import dev.touchpoints.platform.kafka.EmbeddedKafka;
import dev.touchpoints.serde.AvroDeserializer;
import dev.touchpoints.serde.AvroSerializer;
import dev.touchpoints.serde.RestSchemaRegistryClient;
import dev.touchpoints.serde.SchemaRegistryException;
import dev.touchpoints.serde.SerdeConfig;
import dev.touchpoints.serde.tls.TestCertificate;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry with {@code registry.ssl.keystore.*} set: HTTPS only, with a self-signed key. */
class RegistryTlsIT {

  @Test
  void shouldServeSchemasOverHttpsOnlyToClientsThatTrustItsCertificate(@TempDir Path dir)
      throws Exception {
    TestCertificate certificate = TestCertificate.create(dir);
    AppConfig config =
        new ConfigLoader()
            .overrides(certificate.serverSettings(RegistrySettings.TLS_PREFIX))
            .load();
    try (EmbeddedKafka kafka = EmbeddedKafka.builder().build().start();
        RegistryServer server =
            RegistryServer.start(
                kafka.bootstrapServers(),
                RegistrySettings.open(0)
                    .withTls(ServerTls.fromConfig(config, RegistrySettings.TLS_PREFIX)))) {
      assertThat(server.url()).isEqualTo("https://localhost:" + server.port());
      Map<String, Object> serde = new HashMap<>(certificate.clientSettings("schema.registry"));
      serde.put(SerdeConfig.SCHEMA_REGISTRY_URL, server.url());
      Schema schema = new Schema.Parser().parse(CUSTOMER_V1);
      GenericRecord customer = new GenericData.Record(schema);
      customer.put("id", "cust-42");

      // When a serializer registers the schema and a new client fetches it to read the record
      byte[] bytes;
      try (AvroSerializer serializer = new AvroSerializer()) {
        serializer.configure(serde, false);
        bytes = serializer.serialize("customers", customer);
      }
      RestSchemaRegistryClient reader = new RestSchemaRegistryClient(SerdeConfig.from(serde));
      Object read;
      try (AvroDeserializer deserializer = new AvroDeserializer(reader, serde)) {
        read = deserializer.deserialize("customers", bytes);
      }

      // Then both went over HTTPS, trusting the truststore
      assertThat(read).isEqualTo(customer);
      assertThat(reader.subjects()).containsExactly("customers-value");
      // a client that does not trust the certificate fails the handshake
      RestSchemaRegistryClient untrusting =
          new RestSchemaRegistryClient(
              SerdeConfig.from(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, server.url())));
      assertThatThrownBy(untrusting::subjects)
          .isInstanceOf(SchemaRegistryException.class)
          .hasCauseInstanceOf(SSLHandshakeException.class);
      // and plain HTTP on the port gets no answer at all
      HttpRequest plain =
          HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/subjects"))
              .build();
      assertThatThrownBy(
              () -> HttpClient.newHttpClient().send(plain, HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(IOException.class);
    }
  }
}
