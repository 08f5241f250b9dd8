package dev.touchpoints.serde;

import dev.touchpoints.serde.tls.TlsSettings;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/**
 * Serde settings, read with Confluent's key names so that existing client configs work unchanged.
 *
 * @param registryUrls {@code schema.registry.url}, a comma list; {@code mock://scope} for an in-JVM
 *     registry
 * @param basicAuthUserInfo {@code basic.auth.user.info} ({@code user:password}), or null
 * @param autoRegister {@code auto.register.schemas}, default true
 * @param useLatestVersion {@code use.latest.version}, default false
 * @param normalize {@code normalize.schemas}, default false
 * @param specificReader {@code specific.avro.reader}, default false (true for the specific serde)
 * @param keyStrategy {@code key.subject.name.strategy}
 * @param valueStrategy {@code value.subject.name.strategy}
 * @param tls {@code schema.registry.ssl.truststore.location}, {@code .password}, {@code .type}: the
 *     certificates an {@code https://} registry is trusted by (default: the JDK's)
 */
public record SerdeConfig(
    List<String> registryUrls,
    String basicAuthUserInfo,
    boolean autoRegister,
    boolean useLatestVersion,
    boolean normalize,
    boolean specificReader,
    SubjectNameStrategy keyStrategy,
    SubjectNameStrategy valueStrategy,
    TlsSettings tls) {

  public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
  public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
  public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
  public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
  public static final String USE_LATEST_VERSION = "use.latest.version";
  public static final String NORMALIZE_SCHEMAS = "normalize.schemas";
  public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";
  public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";
  public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";

  /** Prefix of the registry client's TLS settings ({@code schema.registry.ssl.truststore.*}). */
  public static final String TLS_PREFIX = "schema.registry";

  /** Prefix of in-JVM registry URLs. */
  public static final String MOCK_SCHEME = "mock://";

  /** Reads the settings from a Kafka-style config map. */
  public static SerdeConfig from(Map<String, ?> configs) {
    Object url = configs.get(SCHEMA_REGISTRY_URL);
    if (url == null || url.toString().isBlank()) {
      throw new ConfigException("Missing required configuration \"" + SCHEMA_REGISTRY_URL + "\"");
    }
    List<String> urls =
        Arrays.stream(url.toString().split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .toList();
    String source = string(configs, BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO");
    String userInfo = string(configs, BASIC_AUTH_USER_INFO, null);
    if ("URL".equalsIgnoreCase(source)) {
      userInfo = userInfoFromUrl(urls.get(0));
    }
    return new SerdeConfig(
        urls,
        userInfo == null || userInfo.isBlank() ? null : userInfo,
        bool(configs, AUTO_REGISTER_SCHEMAS, true),
        bool(configs, USE_LATEST_VERSION, false),
        bool(configs, NORMALIZE_SCHEMAS, false),
        bool(configs, SPECIFIC_AVRO_READER, false),
        SubjectNameStrategy.parse(string(configs, KEY_SUBJECT_NAME_STRATEGY, null)),
        SubjectNameStrategy.parse(string(configs, VALUE_SUBJECT_NAME_STRATEGY, null)),
        TlsSettings.from(configs, TLS_PREFIX));
  }

  /** The strategy for keys or values. */
  public SubjectNameStrategy strategy(boolean isKey) {
    return isKey ? keyStrategy : valueStrategy;
  }

  /** Whether the URL names an in-JVM registry. */
  public boolean isMock() {
    return registryUrls.get(0).startsWith(MOCK_SCHEME);
  }

  private static String userInfoFromUrl(String url) {
    int scheme = url.indexOf("://");
    int at = url.indexOf('@');
    return scheme >= 0 && at > scheme ? url.substring(scheme + 3, at) : null;
  }

  private static String string(Map<String, ?> configs, String key, String fallback) {
    Object v = configs.get(key);
    return v == null ? fallback : v.toString();
  }

  private static boolean bool(Map<String, ?> configs, String key, boolean fallback) {
    Object v = configs.get(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    String s = v.toString().trim();
    if (!s.equalsIgnoreCase("true") && !s.equalsIgnoreCase("false")) {
      throw new ConfigException(key, v, "Expected true or false");
    }
    return Boolean.parseBoolean(s);
  }
}
