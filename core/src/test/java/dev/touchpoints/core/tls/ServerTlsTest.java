package dev.touchpoints.core.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.touchpoints.core.config.AppConfig;
import dev.touchpoints.core.config.ConfigLoader;
import dev.touchpoints.serde.tls.TestCertificate;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerTlsTest {

  @TempDir static Path dir;
  private static TestCertificate certificate;

  @BeforeAll
  static void makeCertificate() {
    certificate = TestCertificate.create(dir);
  }

  @Test
  void shouldTurnHttpsOnWhenTheKeystoreIsSetInTheEnvironment() {
    AppConfig config =
        new ConfigLoader()
            .env(
                Map.of(
                    "TOUCHPOINTS_GATEWAY_SSL_KEYSTORE_LOCATION", certificate.keystore().toString(),
                    "TOUCHPOINTS_GATEWAY_SSL_KEYSTORE_PASSWORD", certificate.password()))
            .load();

    ServerTls gateway = ServerTls.fromConfig(config, "gateway");
    ServerTls query = ServerTls.fromConfig(config, "query");

    assertThat(gateway.enabled()).isTrue();
    assertThat(gateway.scheme()).isEqualTo("https");
    assertThat(query.enabled()).isFalse();
    assertThat(query.scheme()).isEqualTo("http");
    assertThat(gateway.toString()).doesNotContain(certificate.password());
  }

  @Test
  void shouldStopAtStartUpNamingTheSettingWhenTheKeystoreCannotBeRead() {
    AppConfig missing =
        new ConfigLoader()
            .overrides(
                Map.of(
                    "registry.ssl.keystore.location", dir.resolve("absent.p12").toString(),
                    "registry.ssl.keystore.password", certificate.password()))
            .load();
    AppConfig wrongPassword =
        new ConfigLoader()
            .overrides(
                Map.of(
                    "query.ssl.keystore.location",
                    certificate.keystore().toString(),
                    "query.ssl.keystore.password",
                    "not-it"))
            .load();

    assertThatThrownBy(() -> ServerTls.fromConfig(missing, "registry"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("registry.ssl.keystore.location");
    assertThatThrownBy(() -> ServerTls.fromConfig(wrongPassword, "query"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("query.ssl.keystore.password");
  }
}
