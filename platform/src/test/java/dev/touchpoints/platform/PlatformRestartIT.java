package dev.touchpoints.platform;

import static dev.touchpoints.platform.registry.TestSchemas.CUSTOMER_V1;
import static dev.touchpoints.platform.registry.TestSchemas.CUSTOMER_V2;
import static dev.touchpoints.platform.registry.TestSchemas.ORDER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.touchpoints.platform.kafka.KafkaTestClients;
import dev.touchpoints.platform.registry.RegistryHttp;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping and starting the platform on the same data dir loses nothing. */
class PlatformRestartIT {

  private static final String TOPIC = "platform-restart-it";
  private static final String CUSTOMERS = "customers-value";
  private static final String ORDERS = "orders-value";
  private static final String RETIRED = "retired-value";

  @Test
  void shouldKeepSchemasIdsConfigsAndTopicDataAcrossRestart(@TempDir Path dataDir)
      throws Exception {
    int customerV1;
    int customerV2;
    int order;
    int kafkaPort;
    int controllerPort;
    try (Platform platform = Platform.start(dataDir, 0, 0, 0)) {
      RegistryHttp http = new RegistryHttp(platform.registryUrl());
      customerV1 = http.register(CUSTOMERS, CUSTOMER_V1);
      customerV2 = http.register(CUSTOMERS, CUSTOMER_V2);
      order = http.register(ORDERS, ORDER);
      http.register(RETIRED, ORDER);
      http.delete("/subjects/" + RETIRED);
      http.put("/config/" + ORDERS, Map.of("compatibility", "FULL_TRANSITIVE"));
      http.put("/config", Map.of("compatibility", "FORWARD"));
      KafkaTestClients.createTopic(platform.bootstrapServers(), TOPIC);
      KafkaTestClients.produce(platform.bootstrapServers(), TOPIC, List.of("one", "two"));
      kafkaPort = platform.kafka().port();
      controllerPort = platform.kafka().controllerPort();
    }

    try (Platform platform = Platform.start(dataDir, kafkaPort, controllerPort, 0)) {
      RegistryHttp http = new RegistryHttp(platform.registryUrl());

      assertThat(http.get("/subjects").body().toString())
          .isEqualTo("[\"" + CUSTOMERS + "\",\"" + ORDERS + "\"]");
      assertThat(http.get("/subjects/" + CUSTOMERS + "/versions").body().toString())
          .isEqualTo("[1,2]");
      assertThat(http.get("/subjects/" + CUSTOMERS + "/versions/1").body().get("id").asInt())
          .isEqualTo(customerV1);
      assertThat(http.get("/subjects/" + CUSTOMERS + "/versions/2").body().get("id").asInt())
          .isEqualTo(customerV2);
      assertThat(http.get("/schemas/ids/" + order).status()).isEqualTo(200);
      assertThat(http.get("/subjects/" + RETIRED + "/versions").errorCode()).isEqualTo(40401);
      assertThat(http.get("/config/" + ORDERS).body().get("compatibilityLevel").asText())
          .isEqualTo("FULL_TRANSITIVE");
      assertThat(http.get("/config").body().get("compatibilityLevel").asText())
          .isEqualTo("FORWARD");
      assertThat(http.register(CUSTOMERS, CUSTOMER_V1)).isEqualTo(customerV1);
      assertThat(http.register("fresh-value", ORDER.replace("Order", "Refund")))
          .isEqualTo(order + 1);
      assertThat(KafkaTestClients.topics(platform.bootstrapServers())).contains(TOPIC, "_schemas");
      assertThat(KafkaTestClients.consume(platform.bootstrapServers(), TOPIC, 2))
          .containsExactly("one", "two");
    }
  }
}
