package dev.touchpoints.core.config;

import dev.touchpoints.serde.tls.TlsSettings;
import java.util.List;
import java.util.stream.Stream;

/**
 * The TLS settings under one prefix ({@code gateway.ssl.keystore.location}, …), declared for every
 * server and client that reads them with {@link TlsSettings}; their names are Kafka's and
 * Confluent's, their reading and defaults stay in {@link TlsSettings}.
 */
public final class TlsKeys {

  private TlsKeys() {}

  /** A server's keystore settings under {@code prefix}: with a keystore it speaks HTTPS only. */
  public static List<Setting<String>> keystore(String prefix) {
    return List.of(
        Setting.string(prefix + ".ssl.keystore.location", null, "keystore: HTTPS only"),
        Setting.string(prefix + ".ssl.keystore.password", null, "keystore password"),
        type(prefix + ".ssl.keystore.type"),
        Setting.string(prefix + ".ssl.key.password", null, "key password"));
  }

  /** Both: a server's keystore, and the truststore its clients (or its peers) read. */
  public static List<Setting<String>> keystoreAndTruststore(String prefix) {
    return Stream.concat(keystore(prefix).stream(), truststore(prefix).stream()).toList();
  }

  /** A client's truststore settings under {@code prefix}. */
  public static List<Setting<String>> truststore(String prefix) {
    return List.of(
        Setting.string(prefix + ".ssl.truststore.location", null, "certificates trusted"),
        Setting.string(prefix + ".ssl.truststore.password", null, "truststore password"),
        type(prefix + ".ssl.truststore.type"));
  }

  private static Setting<String> type(String key) {
    return Setting.string(key, null, "store type, default " + TlsSettings.DEFAULT_TYPE);
  }
}
