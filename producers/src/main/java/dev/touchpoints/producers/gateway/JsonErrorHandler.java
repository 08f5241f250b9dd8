package dev.touchpoints.producers.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Jetty's own refusals – requests it rejects before the gateway sees them: a malformed request line
 * or header, an invalid or repeated {@code Content-Length}, a URI or headers over 8 KiB, an unknown
 * HTTP version – answered in the gateway's JSON error shape instead of Jetty's HTML page. The
 * status stays Jetty's; the message is Jetty's short reason, which names at most the offending
 * character, never the request's content.
 */
final class JsonErrorHandler extends ErrorHandler {

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, "application/json");
    return ByteBuffer.wrap(body(status, reason));
  }

  private static byte[] body(int status, String reason) {
    String message = reason == null || reason.isBlank() ? HttpStatus.getMessage(status) : reason;
    if (message.length() > 200) {
      message = message.substring(0, 200) + "…";
    }
    GatewayError error =
        switch (status) {
          case 408 -> new GatewayError(status, "request_timeout", "request", message);
          case 413 -> new GatewayError(status, "payload_too_large", "body", message);
          case 414 -> new GatewayError(status, "uri_too_long", "path", message);
          case 417 -> new GatewayError(status, "expectation_failed", "Expect", message);
          case 426, 505 -> new GatewayError(status, "unsupported_http_version", "version", message);
          case 431 -> new GatewayError(status, "headers_too_large", "headers", message);
          default -> new GatewayError(status, "bad_request", "request", message);
        };
    try {
      return RequestBodies.MAPPER.writeValueAsBytes(error.body());
    } catch (JsonProcessingException e) {
      return "{\"error\":\"bad_request\",\"field\":\"request\",\"message\":\"bad request\"}"
          .getBytes(StandardCharsets.UTF_8);
    }
  }
}
