package dev.touchpoints.streams.query;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.touchpoints.core.auth.AccessKeys;
import dev.touchpoints.core.auth.ApiKeys;
import dev.touchpoints.core.config.AppConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;

/**
 * Who may ask the query API: API keys (bearer tokens) with a role, the gateway's mechanism ({@link
 * ApiKeys}). A request presents its key in {@value #API_KEY_HEADER} or {@code Authorization:
 * Bearer}; the console's live stream, which a browser cannot give headers, in the {@value
 * #TOKEN_PARAM} query parameter. No key: 401; a key that is none of this server's, or whose role is
 * not enough: 403. Off when no key is set.
 */
public final class QueryAccess {

  /** Setting: keys of the read role (comma list). */
  public static final String READ_KEYS = "query.api.keys.read";

  /** Setting: keys of the admin role (comma list). */
  public static final String ADMIN_KEYS = "query.api.keys.admin";

  /** Setting: whether {@code /metrics} is open to anyone who reaches the port (default true). */
  public static final String METRICS_PUBLIC = "query.metrics.public";

  /** The header a key is presented in (as at the gateway). */
  public static final String API_KEY_HEADER = "X-Api-Key";

  /** The header an operator names themselves in, for the audit of what they do (optional). */
  public static final String REQUESTED_BY_HEADER = "X-Requested-By";

  private static final int MAX_NAME_LENGTH = 100;

  /** The query parameter of the live stream's key. */
  public static final String TOKEN_PARAM = "access_token";

  private final AccessKeys keys;
  private final boolean metricsPublic;

  QueryAccess(AccessKeys keys, boolean metricsPublic) {
    this.keys = keys;
    this.metricsPublic = metricsPublic;
  }

  /** Reads {@value #READ_KEYS}, {@value #ADMIN_KEYS} and {@value #METRICS_PUBLIC}. */
  public static QueryAccess fromConfig(AppConfig config) {
    return new QueryAccess(
        AccessKeys.of(
            ApiKeys.parse(config.get(QuerySettings.READ_KEYS, "")),
            ApiKeys.parse(config.get(QuerySettings.ADMIN_KEYS, ""))),
        config.get(QuerySettings.METRICS_PUBLIC));
  }

  /** No access control: everyone may read. */
  public static QueryAccess open() {
    return new QueryAccess(AccessKeys.of(List.of(), List.of()), true);
  }

  /** Whether access control is on. */
  public boolean enabled() {
    return keys.enabled();
  }

  /** Whether {@code /metrics} needs a key. */
  boolean metricsGuarded() {
    return enabled() && !metricsPublic;
  }

  /** The key this instance presents to the others. */
  Optional<String> ownKey() {
    return keys.own();
  }

  /** Lets the request through if its key has {@code role}; otherwise answers 401 or 403. */
  void require(Context ctx, AccessKeys.Role role) {
    if (!keys.enabled()) {
      return;
    }
    Optional<String> key = presented(ctx);
    if (key.isEmpty()) {
      ctx.header("WWW-Authenticate", "Bearer");
      throw new Denied(401, "unauthorized", "an API key is required");
    }
    Optional<AccessKeys.Role> granted = keys.roleOf(key.get());
    if (granted.isEmpty()) {
      throw new Denied(403, "forbidden", "the API key is not valid");
    }
    if (!granted.get().allows(role)) {
      throw new Denied(403, "forbidden", "this needs the " + role.name().toLowerCase() + " role");
    }
  }

  /**
   * Who makes a request, for an audit entry: the name given in {@value #REQUESTED_BY_HEADER} (if
   * any) and the fingerprint of the key presented – never the key itself.
   */
  String requestedBy(Context ctx) {
    return requestedBy(ctx, null);
  }

  /** {@link #requestedBy(Context)} with the name {@code given} (null: the header's). */
  String requestedBy(Context ctx, String given) {
    String name = given != null ? given : ctx.header(REQUESTED_BY_HEADER);
    name =
        name == null
            ? null
            : name.strip()
                .codePoints()
                .filter(c -> !Character.isISOControl(c))
                .limit(MAX_NAME_LENGTH)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
    String credential =
        !keys.enabled()
            ? "access control off"
            : presented(ctx).map(k -> "key " + ApiKeys.fingerprint(k)).orElse("no key");
    return name == null || name.isEmpty() ? credential : name + " (" + credential + ")";
  }

  private static Optional<String> presented(Context ctx) {
    return ApiKeys.presented(ctx.header(API_KEY_HEADER), ctx.header("Authorization"))
        .or(() -> Optional.ofNullable(ctx.queryParam(TOKEN_PARAM)).filter(t -> !t.isBlank()));
  }

  /** A request without the right key. */
  static final class Denied extends RuntimeException {
    private final int status;
    private final String error;

    Denied(int status, String error, String message) {
      super(message, null, false, false);
      this.status = status;
      this.error = error;
    }

    void answer(Context ctx) {
      ObjectNode body = JsonNodeFactory.instance.objectNode();
      body.put("error", error);
      body.put("field", "Authorization");
      body.put("message", getMessage());
      ctx.status(status).json(body);
    }
  }
}
