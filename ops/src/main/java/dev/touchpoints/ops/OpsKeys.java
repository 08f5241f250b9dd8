package dev.touchpoints.ops;

import dev.touchpoints.core.config.Declarations;
import dev.touchpoints.core.config.Setting;
import dev.touchpoints.core.config.TlsKeys;
import java.util.List;

/**
 * The settings the ops commands know: the shared ones (topics, registry) and the truststore they
 * reach the query API with ({@code query.ssl.truststore.*}, the engine's own names).
 */
public final class OpsKeys {

  private OpsKeys() {}

  /** {@code query.ssl.truststore.*}: certificates an https query API is trusted by. */
  public static final List<Setting<String>> QUERY_TLS = TlsKeys.truststore(QueryApi.TLS_PREFIX);

  /** The group whose committed offsets are the ledger of what {@code dlq replay} replayed. */
  public static final Setting<String> DLQ_REPLAY_GROUP =
      Setting.string(
          ReplayLedger.GROUP_SETTING, ReplayLedger.DEFAULT_GROUP, "dlq replay's ledger group");

  /** The replaying producer's transactional id. */
  public static final Setting<String> DLQ_REPLAY_TRANSACTIONAL_ID =
      Setting.string(
          DlqReplayCommand.TRANSACTIONAL_ID_SETTING,
          "touchpoints-dlq-replay",
          "dlq replay's transactional id");

  /** What every ops command checks its settings against at start-up. */
  public static Declarations settings() {
    return Declarations.shared().with(OpsKeys.class);
  }
}
