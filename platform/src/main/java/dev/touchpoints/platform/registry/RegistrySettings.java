package dev.touchpoints.platform.registry;

import dev.touchpoints.core.tls.ServerTls;
import dev.touchpoints.platform.registry.auth.BasicAuthUsers;
import dev.touchpoints.platform.registry.store.KafkaStoreLog;
import java.nio.file.Path;
import java.util.Set;

/**
 * How a {@link RegistryServer} runs.
 *
 * @param port HTTP port on all interfaces, 0 for a free one
 * @param topic the compacted topic holding the registry's state
 * @param usersFile Confluent-style password file ({@code name: password,role…}); null turns
 *     authentication off
 * @param writeRoles roles that may change the registry
 * @param readRoles roles that may only read
 * @param tls HTTPS with the keystore in {@code registry.ssl.keystore.*}, or plain HTTP
 */
public record RegistrySettings(
    int port,
    String topic,
    Path usersFile,
    Set<String> writeRoles,
    Set<String> readRoles,
    ServerTls tls) {

  /** Prefix of the registry server's TLS settings ({@code registry.ssl.keystore.location}, …). */
  public static final String TLS_PREFIX = "registry";

  /** Settings key of the users file. */
  public static final String USERS_FILE = "registry.auth.users.file";

  /** Settings key of the read-write roles (comma list). */
  public static final String WRITE_ROLES = "registry.auth.write.roles";

  /** Settings key of the read-only roles (comma list). */
  public static final String READ_ROLES = "registry.auth.read.roles";

  public RegistrySettings {
    writeRoles = writeRoles == null ? BasicAuthUsers.DEFAULT_WRITE_ROLES : Set.copyOf(writeRoles);
    readRoles = readRoles == null ? BasicAuthUsers.DEFAULT_READ_ROLES : Set.copyOf(readRoles);
    tls = tls == null ? ServerTls.off(TLS_PREFIX) : tls;
  }

  /** No authentication, plain HTTP, the default topic. */
  public static RegistrySettings open(int port) {
    return new RegistrySettings(port, KafkaStoreLog.DEFAULT_TOPIC, null, null, null, null);
  }

  /** These settings on another topic. */
  public RegistrySettings withTopic(String topic) {
    return new RegistrySettings(port, topic, usersFile, writeRoles, readRoles, tls);
  }

  /** These settings with basic authentication from a users file. */
  public RegistrySettings withUsersFile(Path file) {
    return new RegistrySettings(port, topic, file, writeRoles, readRoles, tls);
  }

  /** These settings served with {@code tls}. */
  public RegistrySettings withTls(ServerTls tls) {
    return new RegistrySettings(port, topic, usersFile, writeRoles, readRoles, tls);
  }
}
