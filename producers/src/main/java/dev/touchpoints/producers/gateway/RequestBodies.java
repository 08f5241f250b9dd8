package dev.touchpoints.producers.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.touchpoints.producers.validation.Violation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads request bodies within their size limit and parses them as one event, a JSON array or
 * NDJSON.
 */
final class RequestBodies {

  /** One element of a batch: parsed JSON, or why its line could not be parsed. */
  record Item(JsonNode node, Violation parseError) {}

  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private RequestBodies() {}

  /** Reads at most {@code max} bytes; more is a 413, without reading the rest. */
  static byte[] read(InputStream in, long declaredLength, long max) throws IOException {
    if (declaredLength > max) {
      throw tooLarge(max);
    }
    ByteArrayOutputStream out =
        new ByteArrayOutputStream((int) Math.min(Math.max(declaredLength, 1024), max + 1));
    byte[] buffer = new byte[16 * 1024];
    long total = 0;
    int n;
    while ((n = in.read(buffer)) >= 0) {
      total += n;
      if (total > max) {
        throw tooLarge(max);
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  /** One JSON object. */
  static JsonNode single(byte[] body) {
    JsonNode node = parse(body, 0, body.length);
    if (node == null || node.isMissingNode()) {
      throw GatewayError.invalidBody("body", "body is empty; send one JSON event object");
    }
    if (!node.isObject()) {
      throw GatewayError.invalidBody(
          "body",
          node.isArray()
              ? "body is an array; send batches to /v1/events:batch"
              : "body must be a JSON object");
    }
    return node;
  }

  /** A JSON array of events; its elements are mapped one by one later. */
  static List<Item> jsonArray(byte[] body, int maxEvents) {
    JsonNode node = parse(body, 0, body.length);
    if (node == null || node.isMissingNode()) {
      throw GatewayError.invalidBody("body", "body is empty; send a JSON array of events");
    }
    if (!node.isArray()) {
      throw GatewayError.invalidBody("body", "body must be a JSON array of events");
    }
    if (node.isEmpty()) {
      throw GatewayError.invalidBody("body", "the array is empty; send at least one event");
    }
    checkCount(node.size(), maxEvents);
    List<Item> items = new ArrayList<>(node.size());
    node.forEach(element -> items.add(new Item(element, null)));
    return items;
  }

  /** Newline-delimited JSON: one event per non-blank line; a broken line rejects only itself. */
  static List<Item> ndjson(byte[] body, int maxEvents) {
    List<Item> items = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= body.length; i++) {
      if (i == body.length || body[i] == '\n') {
        if (!blank(body, start, i)) {
          checkCount(items.size() + 1, maxEvents);
          items.add(line(body, start, i));
        }
        start = i + 1;
      }
    }
    if (items.isEmpty()) {
      throw GatewayError.invalidBody("body", "body is empty; send one JSON event per line");
    }
    return items;
  }

  private static Item line(byte[] body, int from, int to) {
    try {
      return new Item(MAPPER.readTree(body, from, to - from), null);
    } catch (JsonProcessingException e) {
      return new Item(null, new Violation("$", "malformed", describe(e)));
    } catch (IOException e) {
      return new Item(null, new Violation("$", "malformed", "unreadable line"));
    }
  }

  private static JsonNode parse(byte[] body, int from, int length) {
    try {
      return MAPPER.readTree(body, from, length);
    } catch (JsonProcessingException e) {
      throw GatewayError.badRequest("body", describe(e));
    } catch (IOException e) {
      throw GatewayError.badRequest("body", "unreadable body");
    }
  }

  /** Jackson's own words and the position, without echoing the input. */
  private static String describe(JsonProcessingException e) {
    String what = e.getOriginalMessage();
    if (what != null && what.length() > 200) {
      what = what.substring(0, 200) + "…";
    }
    var at = e.getLocation();
    return "malformed JSON: "
        + what
        + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
  }

  private static void checkCount(int count, int max) {
    if (count > max) {
      throw new GatewayError(
          413, "batch_too_large", "body", "a batch may hold at most " + max + " events");
    }
  }

  private static boolean blank(byte[] body, int from, int to) {
    for (int i = from; i < to; i++) {
      byte b = body[i];
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  private static GatewayError tooLarge(long max) {
    return new GatewayError(
        413, "payload_too_large", "body", "the body may be at most " + max + " bytes");
  }
}
