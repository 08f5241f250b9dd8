package dev.touchpoints.core.config;

import dev.touchpoints.serde.SerdeConfig;
import java.util.List;

/**
 * The schema registry and serde settings every command shares, declared here because the serde
 * module reads them from a Kafka-style config map (by {@link SerdeConfig}'s key names) and knows no
 * {@link Setting}.
 */
public final class SerdeSettings {

  private SerdeSettings() {}

  public static final Setting<String> REGISTRY_URL =
      Setting.string(
          SerdeConfig.SCHEMA_REGISTRY_URL,
          "http://localhost:8081",
          "Confluent-compatible registry, comma list; mock://scope for an in-JVM one");

  public static final Setting<String> CREDENTIALS_SOURCE =
      Setting.string(SerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO", "registry basic auth")
          .oneOf("USER_INFO", "URL");

  public static final Setting<String> USER_INFO =
      Setting.string(SerdeConfig.BASIC_AUTH_USER_INFO, null, "user:password for the registry");

  public static final Setting<Boolean> AUTO_REGISTER =
      Setting.bool(SerdeConfig.AUTO_REGISTER_SCHEMAS, true, "serializers register their schema");

  public static final Setting<Boolean> USE_LATEST_VERSION =
      Setting.bool(SerdeConfig.USE_LATEST_VERSION, false, "write with the latest schema");

  public static final Setting<Boolean> NORMALIZE =
      Setting.bool(SerdeConfig.NORMALIZE_SCHEMAS, false, "normalize schemas before registering");

  public static final Setting<String> KEY_STRATEGY =
      Setting.string(SerdeConfig.KEY_SUBJECT_NAME_STRATEGY, null, "subject name strategy of keys");

  public static final Setting<String> VALUE_STRATEGY =
      Setting.string(
          SerdeConfig.VALUE_SUBJECT_NAME_STRATEGY, null, "subject name strategy of values");

  /** {@code schema.registry.ssl.truststore.*}: certificates an https registry is trusted by. */
  public static final List<Setting<String>> TLS = TlsKeys.truststore(SerdeConfig.TLS_PREFIX);
}
