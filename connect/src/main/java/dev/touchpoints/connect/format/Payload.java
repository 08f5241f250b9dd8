package dev.touchpoints.connect.format;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A request to send: a JSON body and the headers that go with it.
 *
 * @param body the body, UTF-8 JSON
 * @param headers headers beyond Content-Type, Idempotency-Key and User-Agent
 */
public record Payload(byte[] body, Map<String, String> headers) {

  /** The body as text. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
