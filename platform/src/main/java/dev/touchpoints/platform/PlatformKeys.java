package dev.touchpoints.platform;

import dev.touchpoints.core.config.Setting;
import dev.touchpoints.core.config.TlsKeys;
import dev.touchpoints.platform.registry.RegistrySettings;
import java.util.List;

/**
 * The settings of {@code touchpoints platform}: broker settings passed on to Kafka ({@code
 * broker.*}, never checked here: Kafka checks them) and the schema registry's.
 */
public final class PlatformKeys {

  private PlatformKeys() {}

  /** {@code broker.log.retention.hours=48}: any broker setting, prefix removed. */
  public static final Setting<String> BROKER =
      Setting.passThrough(PlatformSettings.BROKER_PREFIX, "a broker setting, passed on");

  /** Unset: no authentication. */
  public static final Setting<String> USERS_FILE =
      Setting.string(RegistrySettings.USERS_FILE, null, "registry basic auth users file");

  public static final Setting<String> WRITE_ROLES =
      Setting.string(RegistrySettings.WRITE_ROLES, null, "roles that may write, comma list");

  public static final Setting<String> READ_ROLES =
      Setting.string(RegistrySettings.READ_ROLES, null, "roles that may read, comma list");

  /** {@code registry.ssl.*}: the registry's keystore, HTTPS only. */
  public static final List<Setting<String>> TLS = TlsKeys.keystore(RegistrySettings.TLS_PREFIX);
}
