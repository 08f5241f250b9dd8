package dev.touchpoints.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @TempDir Path tmp;

  @Test
  void shouldLayerDefaultsFileEnvironmentAndOverrides() throws IOException {
    Path file = tmp.resolve("app.properties");
    Files.writeString(
        file,
        "policy.silence.default-update-interval=10m\nkafka.bootstrap.servers=file:9092\nkafka.acks=1\nsimulate.rate=5\n");

    AppConfig config =
        new ConfigLoader()
            .defaults(
                Map.of(
                    "policy.silence.default-update-interval",
                    "1h",
                    "simulate.rate",
                    "1",
                    "gateway.port",
                    "8080"))
            .file(file)
            .env(
                Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", "env:9092",
                    "KAFKA_SASL_JAAS_CONFIG", "secret",
                    "TOUCHPOINTS_SIMULATE_RATE", "7",
                    "HOME", "/ignored"))
            .overrides(Map.of("simulate.rate", "9"))
            .load();

    assertThat(config.get("gateway.port")).isEqualTo("8080");
    assertThat(
            config.get(
                Setting.duration("policy.silence.default-update-interval", Duration.ZERO, "test")))
        .isEqualTo(Duration.ofMinutes(10));
    assertThat(config.bootstrapServers()).isEqualTo("env:9092");
    assertThat(config.kafkaProperties())
        .containsEntry("acks", "1")
        .containsEntry("sasl.jaas.config", "secret");
    assertThat(config.get(Setting.integer("simulate.rate", 0, "test"))).isEqualTo(9);
    assertThat(config.app()).doesNotContainKey("home");
  }

  @Test
  void shouldLetTheEnvironmentSetHyphenatedKeys() throws IOException {
    Path file = tmp.resolve("app.properties");
    Files.writeString(file, "policy.clock.idle-after=1h\n");

    AppConfig config =
        new ConfigLoader()
            .file(file)
            .env(Map.of("TOUCHPOINTS_POLICY_CLOCK_IDLE_AFTER", "5m"))
            .load();

    assertThat(config.get(Setting.duration("policy.clock.idle-after", Duration.ZERO, "test")))
        .isEqualTo(Duration.ofMinutes(5));
    assertThat(
            config
                .with("query.at-risk.below", "30")
                .get(Setting.integer("query.at.risk.below", 0, "test")))
        .isEqualTo(30);
  }

  @Test
  void shouldKeepSecretsOutOfToString() {
    AppConfig config =
        new ConfigLoader().env(Map.of("KAFKA_SASL_JAAS_CONFIG", "password=hunter2")).load();

    assertThat(config.toString()).contains("sasl.jaas.config").doesNotContain("hunter2");
  }

  @Test
  void shouldNameTheKeyOfABadValue() {
    AppConfig config = AppConfig.of(Map.of("policy.drop.points", "many"), Map.of());

    assertThatThrownBy(() -> config.get(Setting.integer("policy.drop.points", 10, "test")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("policy.drop.points");
    assertThatThrownBy(() -> config.get("missing.key")).hasMessageContaining("missing.key");
  }

  @Test
  void shouldParseHumanDurations() {
    assertThat(AppConfig.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(AppConfig.parseDuration("3d")).isEqualTo(Duration.ofDays(3));
    assertThat(AppConfig.parseDuration("1.5h")).isEqualTo(Duration.ofMinutes(90));
    assertThat(AppConfig.parseDuration("PT72H")).isEqualTo(Duration.ofDays(3));
    assertThatThrownBy(() -> AppConfig.parseDuration("soon"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldFailClearlyOnAMissingFile() {
    assertThatThrownBy(() -> new ConfigLoader().file(tmp.resolve("nope.properties")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("nope.properties");
  }
}
