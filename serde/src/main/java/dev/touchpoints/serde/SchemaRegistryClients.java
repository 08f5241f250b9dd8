package dev.touchpoints.serde;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands out one shared, caching client per registry address and credentials, so every serde in a
 * JVM shares one cache.
 */
public final class SchemaRegistryClients {

  private static final Map<String, SchemaRegistryClient> CLIENTS = new ConcurrentHashMap<>();

  private SchemaRegistryClients() {}

  /** The client for {@code config}'s registry. */
  public static SchemaRegistryClient forConfig(SerdeConfig config) {
    if (config.isMock()) {
      return MockSchemaRegistry.forScope(
          config.registryUrls().get(0).substring(SerdeConfig.MOCK_SCHEME.length()));
    }
    String key =
        String.join(",", config.registryUrls())
            + "|"
            + config.basicAuthUserInfo()
            + "|"
            + config.normalize()
            + "|"
            + config.tls();
    return CLIENTS.computeIfAbsent(key, k -> new RestSchemaRegistryClient(config));
  }
}
