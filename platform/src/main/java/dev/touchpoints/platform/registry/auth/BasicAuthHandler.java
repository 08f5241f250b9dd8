package dev.touchpoints.platform.registry.auth;

import dev.touchpoints.platform.registry.auth.BasicAuthUsers.Access;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.Optional;

/**
 * Requires HTTP basic auth on every request: 401 without valid credentials, 403 when a read-only
 * user tries a change. Looking a schema up and testing compatibility are POSTs that change nothing,
 * so read-only users may make them.
 */
public final class BasicAuthHandler implements Handler {

  private static final String REALM = "Basic realm=\"SchemaRegistry\"";

  private final BasicAuthUsers users;

  public BasicAuthHandler(BasicAuthUsers users) {
    this.users = users;
  }

  @Override
  public void handle(Context ctx) {
    Optional<Access> access = users.authenticate(ctx.header("Authorization"));
    if (access.isEmpty()) {
      ctx.header("WWW-Authenticate", REALM);
      throw new AuthException(401, "Unauthorized: valid basic auth credentials are required");
    }
    if (access.get() == Access.READ_ONLY && changes(ctx)) {
      throw new AuthException(403, "Forbidden: this user may only read");
    }
  }

  private static boolean changes(Context ctx) {
    HandlerType method = ctx.method();
    if (method == HandlerType.GET || method == HandlerType.HEAD || method == HandlerType.OPTIONS) {
      return false;
    }
    if (method != HandlerType.POST) {
      return true;
    }
    String path = ctx.path();
    boolean lookup = path.startsWith("/subjects/") && !path.contains("/versions");
    return !(lookup || path.startsWith("/compatibility/"));
  }

  /** A refused request; rendered with the registry's error shape. */
  public static final class AuthException extends RuntimeException {

    private final int status;

    AuthException(int status, String message) {
      super(message);
      this.status = status;
    }

    /** 401 or 403. */
    public int status() {
      return status;
    }
  }
}
