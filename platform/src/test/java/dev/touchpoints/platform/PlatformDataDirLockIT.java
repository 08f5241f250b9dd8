package dev.touchpoints.platform;

import static dev.touchpoints.platform.registry.TestSchemas.CUSTOMER_V1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.touchpoints.core.lock.DataDirLock;
import dev.touchpoints.platform.kafka.KafkaTestClients;
import dev.touchpoints.platform.registry.RegistryHttp;
import dev.touchpoints.platform.registry.RegistrySettings;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One process per data directory: a second start is refused before it touches anything. */
class PlatformDataDirLockIT {

  private static final String TOPIC = "lock-it";

  @Test
  void shouldRefuseSecondProcessOnDataDirInUseAndLeaveFirstUnharmed(@TempDir Path dataDir)
      throws Exception {
    PlatformSettings settings =
        new PlatformSettings(dataDir, 0, 0, RegistrySettings.open(0), Map.of(), List.of());
    try (Platform first = Platform.start(settings)) {
      KafkaTestClients.createTopic(first.bootstrapServers(), TOPIC);
      KafkaTestClients.produce(first.bootstrapServers(), TOPIC, List.of("before"));
      Path meta = dataDir.resolve("kafka").resolve("meta.properties");
      String metaBefore = Files.readString(meta);

      Process second =
          new ProcessBuilder(
                  Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  PlatformCommand.class.getName(),
                  "--data-dir",
                  dataDir.toString(),
                  "--kafka-port",
                  String.valueOf(freePort()),
                  "--controller-port",
                  String.valueOf(freePort()),
                  "--registry-port",
                  String.valueOf(freePort()))
              .redirectErrorStream(true)
              .start();
      boolean exited = second.waitFor(60, TimeUnit.SECONDS);
      String output = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!exited) {
        second.destroyForcibly();
      }

      assertThat(exited).as("second platform exits").isTrue();
      assertThat(second.exitValue()).isEqualTo(1);
      assertThat(output)
          .contains(
              "Data directory "
                  + dataDir.toAbsolutePath().normalize()
                  + " is in use by process "
                  + ProcessHandle.current().pid());
      assertThat(Files.readString(meta)).isEqualTo(metaBefore);
      KafkaTestClients.produce(first.bootstrapServers(), TOPIC, List.of("after"));
      assertThat(KafkaTestClients.consume(first.bootstrapServers(), TOPIC, 2))
          .containsExactly("before", "after");
      assertThat(new RegistryHttp(first.registryUrl()).register("lock-it-value", CUSTOMER_V1))
          .isEqualTo(1);
    }
  }

  @Test
  void shouldRefuseSecondStartInSameJvmAndAllowItAfterClose(@TempDir Path dataDir) {
    try (DataDirLock lock = DataDirLock.acquire(dataDir)) {
      assertThatThrownBy(() -> Platform.start(dataDir, 0, 0, 0))
          .isInstanceOf(DataDirLock.DataDirInUseException.class)
          .hasMessageContaining(dataDir.toAbsolutePath().normalize().toString());
      assertThat(dataDir.resolve("kafka")).doesNotExist();
    }
    try (DataDirLock again = DataDirLock.acquire(dataDir)) {
      assertThat(again.dir()).isEqualTo(dataDir.toAbsolutePath().normalize());
    }
  }

  @Test
  void shouldCreateProductTopicsAndNotAutoCreateOthers(@TempDir Path dataDir) throws Exception {
    var config =
        new dev.touchpoints.core.config.ConfigLoader()
            .overrides(Map.of("topic.partitions", "3", "broker.log.retention.hours", "48"))
            .load();
    PlatformCommand command = new PlatformCommand();
    command.dataDir = dataDir;
    PlatformSettings settings = command.settings(config);
    try (Platform platform = Platform.start(settings)) {
      var topics = dev.touchpoints.core.topics.Topics.fromConfig(config);
      try (var admin =
          org.apache.kafka.clients.admin.Admin.create(
              Map.<String, Object>of("bootstrap.servers", platform.bootstrapServers()))) {
        var web = admin.describeTopics(List.of(topics.web().name())).allTopicNames().get();
        assertThat(web.get(topics.web().name()).partitions()).hasSize(3);
        var experience =
            admin
                .describeConfigs(
                    List.of(
                        new org.apache.kafka.common.config.ConfigResource(
                            org.apache.kafka.common.config.ConfigResource.Type.TOPIC,
                            topics.experience().name())))
                .all()
                .get()
                .values()
                .iterator()
                .next();
        assertThat(experience.get("cleanup.policy").value()).isEqualTo("compact");
        var broker =
            admin
                .describeConfigs(
                    List.of(
                        new org.apache.kafka.common.config.ConfigResource(
                            org.apache.kafka.common.config.ConfigResource.Type.BROKER, "1")))
                .all()
                .get()
                .values()
                .iterator()
                .next();
        assertThat(broker.get("log.retention.hours").value()).isEqualTo("48");
        assertThat(broker.get("auto.create.topics.enable").value()).isEqualTo("false");
      }
      try (var producer =
          new org.apache.kafka.clients.producer.KafkaProducer<String, String>(
              Map.<String, Object>of(
                  "bootstrap.servers", platform.bootstrapServers(), "max.block.ms", 3000),
              new org.apache.kafka.common.serialization.StringSerializer(),
              new org.apache.kafka.common.serialization.StringSerializer())) {
        assertThatThrownBy(
                () ->
                    producer
                        .send(
                            new org.apache.kafka.clients.producer.ProducerRecord<>(
                                "nobody-created-this", "v"))
                        .get())
            .hasCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class)
            .hasMessageContaining("not present in metadata");
      }
      assertThat(KafkaTestClients.topics(platform.bootstrapServers()))
          .doesNotContain("nobody-created-this");
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
