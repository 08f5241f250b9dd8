package dev.touchpoints.serde.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.KeyStore;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsSettingsTest {

  @TempDir static Path dir;
  private static TestCertificate certificate;

  @BeforeAll
  static void makeCertificate() {
    certificate = TestCertificate.create(dir);
  }

  private static Map<String, String> server() {
    return new HashMap<>(certificate.serverSettings("gateway"));
  }

  @Test
  void shouldReadTheKeystoreWithTheStorePasswordAsKeyPasswordByDefault() throws Exception {
    TlsSettings tls = TlsSettings.from(server(), "gateway");

    KeyStore store = tls.keyStore();

    assertThat(tls.hasKeyStore()).isTrue();
    assertThat(store.isKeyEntry("server")).isTrue();
    assertThat(new String(tls.keyPassword())).isEqualTo(certificate.password());
  }

  @Test
  void shouldNameTheLocationSettingWhenTheFileIsMissing() {
    Map<String, String> settings = server();
    settings.put("gateway.ssl.keystore.location", dir.resolve("nope.p12").toString());

    assertThatThrownBy(() -> TlsSettings.from(settings, "gateway").keyStore())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("gateway.ssl.keystore.location")
        .hasMessageContaining("nope.p12");
  }

  @Test
  void shouldNameThePasswordSettingWhenItIsWrongOrMissing() {
    Map<String, String> wrong = server();
    wrong.put("gateway.ssl.keystore.password", "guess");
    Map<String, String> missing = server();
    missing.remove("gateway.ssl.keystore.password");

    assertThatThrownBy(() -> TlsSettings.from(wrong, "gateway").keyStore())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("gateway.ssl.keystore.password")
        .hasMessageNotContaining("guess");
    assertThatThrownBy(() -> TlsSettings.from(missing, "gateway").keyStore())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("Missing required setting 'gateway.ssl.keystore.password'");
  }

  @Test
  void shouldNameTheKeyPasswordSettingWhenItDoesNotOpenTheKey() {
    Map<String, String> settings = server();
    settings.put("gateway.ssl.key.password", "not-the-key-password");

    assertThatThrownBy(() -> TlsSettings.from(settings, "gateway").keyStore())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("gateway.ssl.key.password");
  }

  @Test
  void shouldRefuseATruststoreAsKeystoreForItHoldsNoKey() {
    Map<String, String> settings = server();
    settings.put("gateway.ssl.keystore.location", certificate.truststore().toString());

    assertThatThrownBy(() -> TlsSettings.from(settings, "gateway").keyStore())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("holds no private key");
  }

  @Test
  void shouldTrustTheTruststoreOrElseTheJdkDefaults() throws Exception {
    TlsSettings configured =
        TlsSettings.from(certificate.clientSettings("schema.registry"), "schema.registry");
    TlsSettings none = TlsSettings.from(Map.of(), "schema.registry");
    Map<String, String> wrong = new HashMap<>(certificate.clientSettings("schema.registry"));
    wrong.put("schema.registry.ssl.truststore.password", "guess");

    assertThat(configured.trustContext().getProtocol()).isEqualTo("TLS");
    assertThat(none.hasTrustStore()).isFalse();
    assertThat(none.trustContext()).isSameAs(javax.net.ssl.SSLContext.getDefault());
    assertThatThrownBy(() -> TlsSettings.from(wrong, "schema.registry").trustContext())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("schema.registry.ssl.truststore.password");
    assertThat(configured.toString()).doesNotContain(certificate.password());
  }
}
