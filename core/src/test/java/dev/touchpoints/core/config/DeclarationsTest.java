package dev.touchpoints.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.touchpoints.core.topics.TopicSettings;
import dev.touchpoints.core.validation.ValidationSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class DeclarationsTest {

  /** A module's declarations, as the engine's look. */
  public static final class Keys {
    public static final Setting<Duration> SILENCE =
        Setting.duration("policy.silence.default-update-interval", Duration.ofDays(3), "due after")
            .atLeast(Duration.ofMillis(1));
    public static final Setting<Duration> OUT_OF_ORDER =
        Setting.duration("policy.clock.out-of-order", Duration.ofMinutes(5), "out-of-orderness")
            .alias("policy.clock.grace");
    public static final Setting<Double> ALPHA =
        Setting.decimal("policy.incident.baseline-alpha", 0.1, "weight").between(0.0, 1.0);
    public static final Setting<Integer> PORT =
        Setting.integer("query.port", 8088, "port").between(0, 65535);
    public static final Setting<Double> CATALOG =
        Setting.family("policy.scoring.catalog.", Setting.Type.DOUBLE, "raw points");
    public static final List<Setting<String>> TLS = TlsKeys.keystore("query");
  }

  private static final Declarations KNOWN = Declarations.shared().with(Keys.class);

  private final List<String> warnings = new ArrayList<>();

  private AppConfig load(Map<String, String> overrides, Map<String, String> env) {
    return new ConfigLoader().env(env).overrides(overrides).load(KNOWN, warnings::add);
  }

  @Test
  void shouldRefuseAMisspeltKeyNamingItTheReasonAndTheNearestValidKey() {
    assertThatThrownBy(() -> load(Map.of("policy.silence.default-updat-interval", "2d"), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "Unknown setting 'policy.silence.default-updat-interval' (--set; did you mean"
                + " 'policy.silence.default-update-interval'?)");
  }

  @Test
  void shouldRefuseAValueOutOfRangeNamingKeyValueAndRange() {
    assertThatThrownBy(() -> load(Map.of("policy.incident.baseline-alpha", "1.5"), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "Invalid value '1.5' for setting 'policy.incident.baseline-alpha': must be between 0"
                + " and 1 (--set)");
    assertThatThrownBy(
            () -> load(Map.of(), Map.of("TOUCHPOINTS_POLICY_VALIDATION_MAX_FUTURE_SKEW", "3h")))
        .hasMessage(
            "Invalid value '3h' for setting 'policy.validation.max.future.skew': must be between"
                + " 0s and 1h (environment variable TOUCHPOINTS_POLICY_VALIDATION_MAX_FUTURE_SKEW)");
    assertThatThrownBy(() -> load(Map.of("query.port", "http"), Map.of()))
        .hasMessageContaining("'query.port': expected an integer");
  }

  @Test
  void shouldListEveryBadSettingAtOnce() {
    assertThatThrownBy(
            () ->
                load(
                    Map.of("query.port", "70000", "topic.partitons", "3", "topic.partitions", "0"),
                    Map.of()))
        .hasMessageContaining("'query.port': must be between 0 and 65535")
        .hasMessageContaining("Unknown setting 'topic.partitons'")
        .hasMessageContaining("did you mean 'topic.partitions'?")
        .hasMessageContaining("'topic.partitions': must be at least 1");
  }

  @Test
  void shouldNotRepeatAValueThatMayBeSecret() {
    assertThatThrownBy(
            () -> Setting.integer("gateway.api.keys.count", 1, "x").parse("api.key", "hunter2"))
        .hasMessage("Invalid value for setting 'api.key': expected an integer")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void shouldPassKafkaPropertiesThroughUnchecked() {
    AppConfig config =
        load(
            Map.of("kafka.acks", "all", "kafka.no.such.property", "x"),
            Map.of("KAFKA_SASL_JAAS_CONFIG", "secret"));

    assertThat(config.kafkaProperties())
        .containsEntry("acks", "all")
        .containsEntry("no.such.property", "x")
        .containsEntry("sasl.jaas.config", "secret");
  }

  @Test
  void shouldStillHonourAnEarlierNameWithTheKeyWinning() {
    assertThat(load(Map.of("policy.clock.grace", "1m"), Map.of()).get(Keys.OUT_OF_ORDER))
        .isEqualTo(Duration.ofMinutes(1));
    assertThat(
            load(Map.of("policy.clock.grace", "1m", "policy.clock.out-of-order", "2m"), Map.of())
                .get(Keys.OUT_OF_ORDER))
        .isEqualTo(Duration.ofMinutes(2));
    assertThat(
            load(Map.of("publisher.max.future.skew", "5m"), Map.of())
                .get(ValidationSettings.MAX_FUTURE_SKEW))
        .isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void shouldReadDefaultsFamiliesAndHyphenatedKeysFromTheEnvironment() {
    AppConfig config =
        load(
            Map.of("policy.scoring.catalog.web.checkout_error", "-4"),
            Map.of("TOUCHPOINTS_POLICY_SILENCE_DEFAULT_UPDATE_INTERVAL", "1d"));

    assertThat(config.get(Keys.SILENCE)).isEqualTo(Duration.ofDays(1));
    assertThat(config.get(Keys.ALPHA)).isEqualTo(0.1);
    assertThat(config.get(TopicSettings.NAMES.get("customer.alerts")))
        .isEqualTo("touchpoints.customer-alerts");
    assertThat(config.family(Keys.CATALOG)).containsExactly(Map.entry("web.checkout_error", -4.0));
    assertThatThrownBy(
            () -> load(Map.of("policy.scoring.catalog.web.checkout_error", "lots"), Map.of()))
        .hasMessageContaining("'policy.scoring.catalog.web.checkout_error': expected a number");
  }

  @Test
  void shouldOnlyWarnAboutUnknownEnvironmentKeysThatLookLikeATypo() {
    // Given an environment shared with other commands, the launcher and the Connect worker
    AppConfig config =
        load(
            Map.of(),
            Map.of(
                "TOUCHPOINTS_POLICY_SILENCE_DEFAULT_UPDAT_INTERVAL", "1d",
                "TOUCHPOINTS_LOG_LEVEL", "DEBUG",
                "TOUCHPOINTS_ALERTS_SLACK_URL", "https://hooks.example/x"));

    // Then the command starts, and warns only about the likely typo, naming the nearest key
    assertThat(config.app()).containsKey("log.level");
    assertThat(warnings)
        .containsExactly(
            "Ignoring environment variable TOUCHPOINTS_POLICY_SILENCE_DEFAULT_UPDAT_INTERVAL:"
                + " 'policy.silence.default.updat.interval' is not a setting; did you mean"
                + " 'policy.silence.default-update-interval'?");
  }

  @Test
  void shouldCheckAnEnvironmentKeyStrictlyOnceAFileOrSetOverridesIt() {
    assertThatThrownBy(
            () -> load(Map.of("topic.partitons", "3"), Map.of("TOUCHPOINTS_TOPIC_PARTITONS", "2")))
        .hasMessageContaining("Unknown setting 'topic.partitons' (--set;");
  }

  @Test
  void shouldFindTheNearestKeyByEditDistance() {
    assertThat(Declarations.distance("kitten", "sitting")).isEqualTo(3);
    assertThat(Declarations.distance("", "abc")).isEqualTo(3);
    assertThat(KNOWN.nearest("query.prot")).isEqualTo("query.port");
    assertThat(KNOWN.nearest("policy.scoring.catalg.web.x")).isEqualTo("policy.scoring.catalog.…");
  }
}
