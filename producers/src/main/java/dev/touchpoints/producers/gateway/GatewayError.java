package dev.touchpoints.producers.gateway;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request the gateway answers with an error: status, a stable error code, the offending field (a
 * JSON field, a header, or {@code body}) and a message for people. Rendered as {@code
 * {"error":…,"field":…,"message":…}} plus any extra members.
 */
final class GatewayError extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String error;
  private final String field;
  private final transient Map<String, Object> extra;

  GatewayError(int status, String error, String field, String message) {
    this(status, error, field, message, Map.of());
  }

  GatewayError(int status, String error, String field, String message, Map<String, Object> extra) {
    super(message, null, false, false);
    this.status = status;
    this.error = error;
    this.field = field;
    this.extra = extra;
  }

  int status() {
    return status;
  }

  /** The JSON body. */
  Map<String, Object> body() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", error);
    body.put("field", field);
    body.put("message", getMessage());
    body.putAll(extra);
    return body;
  }

  static GatewayError badRequest(String field, String message) {
    return new GatewayError(400, "malformed_json", field, message);
  }

  static GatewayError invalidBody(String field, String message) {
    return new GatewayError(400, "invalid_body", field, message);
  }
}
