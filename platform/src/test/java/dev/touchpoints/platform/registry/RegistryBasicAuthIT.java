package dev.touchpoints.platform.registry;

import static dev.touchpoints.platform.registry.RegistryHttp.schemaBody;
import static dev.touchpoints.platform.registry.TestSchemas.CUSTOMER_V1;
import static org.assertj.core.api.Assertions.assertThat;

import dev.touchpoints.platform.kafka.EmbeddedKafka;
import dev.touchpoints.serde.RestSchemaRegistryClient;
import dev.touchpoints.serde.SchemaRegistryException;
import dev.touchpoints.serde.SerdeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTP basic auth on the real registry, configured with a Confluent-style users file. */
class RegistryBasicAuthIT {

  @Test
  void shouldRequireCredentialsAndKeepReadOnlyUsersFromChangingAnything(@TempDir Path dir)
      throws Exception {
    Path users = dir.resolve("registry-users");
    Files.writeString(
        users,
        """
        # name: password,role
        writer: writer-secret,admin
        reader: MD5:%s,readonly
        nobody: nobody-secret,guest
        """
            .formatted(md5Hex("reader-secret")));
    try (EmbeddedKafka kafka = EmbeddedKafka.builder().build().start();
        RegistryServer server =
            RegistryServer.start(
                kafka.bootstrapServers(), RegistrySettings.open(0).withUsersFile(users))) {
      RegistryHttp anonymous = new RegistryHttp(server.url());
      RegistryHttp wrong = new RegistryHttp(server.url(), "writer:nope");
      RegistryHttp writer = new RegistryHttp(server.url(), "writer:writer-secret");
      RegistryHttp reader = new RegistryHttp(server.url(), "reader:reader-secret");
      RegistryHttp guest = new RegistryHttp(server.url(), "nobody:nobody-secret");

      assertThat(anonymous.get("/subjects").status()).isEqualTo(401);
      assertThat(wrong.get("/subjects").status()).isEqualTo(401);
      assertThat(guest.get("/subjects").status()).isEqualTo(401);
      assertThat(anonymous.delete("/subjects/customers-value").status()).isEqualTo(401);
      assertThat(writer.register("customers-value", CUSTOMER_V1)).isEqualTo(1);
      assertThat(reader.get("/subjects").body().toString()).isEqualTo("[\"customers-value\"]");
      assertThat(reader.post("/subjects/customers-value", schemaBody(CUSTOMER_V1)).status())
          .isEqualTo(200);
      assertThat(
              reader
                  .post(
                      "/compatibility/subjects/customers-value/versions/latest",
                      schemaBody(CUSTOMER_V1))
                  .status())
          .isEqualTo(200);
      RegistryHttp.Response forbidden = reader.delete("/subjects/customers-value");
      assertThat(forbidden.status()).isEqualTo(403);
      assertThat(forbidden.errorCode()).isEqualTo(403);
      assertThat(reader.post("/subjects/other-value/versions", schemaBody(CUSTOMER_V1)).status())
          .isEqualTo(403);
      assertThat(reader.put("/config", Map.of("compatibility", "NONE")).status()).isEqualTo(403);

      // The project's own client sends basic.auth.user.info.
      RestSchemaRegistryClient client =
          new RestSchemaRegistryClient(
              SerdeConfig.from(
                  Map.of(
                      "schema.registry.url", server.url(),
                      "basic.auth.credentials.source", "USER_INFO",
                      "basic.auth.user.info", "reader:reader-secret")));
      assertThat(client.getById(1)).isEqualTo(new Schema.Parser().parse(CUSTOMER_V1));
      RestSchemaRegistryClient unauthenticated =
          new RestSchemaRegistryClient(
              SerdeConfig.from(Map.of("schema.registry.url", server.url())));
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> unauthenticated.subjects())
          .isInstanceOf(SchemaRegistryException.class)
          .satisfies(e -> assertThat(((SchemaRegistryException) e).status()).isEqualTo(401));
    }
  }

  private static String md5Hex(String text) throws Exception {
    return java.util.HexFormat.of()
        .formatHex(
            java.security.MessageDigest.getInstance("MD5")
                .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }
}
