package dev.touchpoints.producers.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.touchpoints.core.validation.Violation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Reads request bodies within their size limit and parses them as one event, a JSON array or
 * NDJSON. Bodies must be strict UTF-8 (a leading byte order mark is ignored): they are decoded by
 * the JDK's strict decoder before Jackson sees them, because Jackson's byte parser guesses
 * UTF-16/32 from the first bytes and tolerates overlong and some invalid sequences.
 */
final class RequestBodies {

  /** One element of a batch: parsed JSON, or why its line could not be parsed. */
  record Item(JsonNode node, Violation parseError) {}

  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private static final String NOT_UTF8 =
      "malformed JSON: not valid UTF-8 (invalid, overlong or truncated byte sequence, or another"
          + " encoding such as UTF-16)";

  private RequestBodies() {}

  /**
   * Reads at most {@code max} bytes; more is a 413, without reading the rest. A body that cannot be
   * read to its end is the caller's doing: 408 when it stalled past the server's idle timeout, 400
   * when it ended early (fewer bytes than {@code Content-Length}) or broke the chunked framing.
   */
  static byte[] read(InputStream in, long declaredLength, long max) {
    if (declaredLength > max) {
      throw tooLarge(max);
    }
    ByteArrayOutputStream out =
        new ByteArrayOutputStream((int) Math.min(Math.max(declaredLength, 1024), max + 1));
    byte[] buffer = new byte[16 * 1024];
    long total = 0;
    int n;
    try {
      while ((n = in.read(buffer)) >= 0) {
        total += n;
        if (total > max) {
          throw tooLarge(max);
        }
        out.write(buffer, 0, n);
      }
    } catch (IOException e) {
      throw unreadable(e);
    }
    return out.toByteArray();
  }

  /** Why a body could not be read, as the caller's error (never the 500 Javalin would answer). */
  private static GatewayError unreadable(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof TimeoutException) {
        return new GatewayError(
            408, "request_timeout", "body", "the body did not arrive before the idle timeout");
      }
    }
    return new GatewayError(
        400,
        "incomplete_body",
        "body",
        "the body ended before Content-Length bytes arrived, or its chunked framing is broken");
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
    String text;
    try {
      text = utf8(body, from, to);
    } catch (CharacterCodingException e) {
      return new Item(null, new Violation("$", "malformed", NOT_UTF8));
    }
    try {
      return new Item(MAPPER.readTree(text), null);
    } catch (JsonProcessingException e) {
      return new Item(null, new Violation("$", "malformed", describe(e)));
    } catch (IOException e) {
      return new Item(null, new Violation("$", "malformed", "unreadable line"));
    }
  }

  private static JsonNode parse(byte[] body, int from, int length) {
    String text;
    try {
      text = utf8(body, from, from + length);
    } catch (CharacterCodingException e) {
      throw GatewayError.badRequest("body", NOT_UTF8);
    }
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw GatewayError.badRequest("body", describe(e));
    } catch (IOException e) {
      throw GatewayError.badRequest("body", "unreadable body");
    }
  }

  /**
   * Decodes {@code body[from, to)} as strict UTF-8, skipping a leading byte order mark. UTF-16/32
   * text fails here (or, without a BOM, on its NUL characters in Jackson), as do overlong forms,
   * encoded surrogates and code points above U+10FFFF.
   */
  private static String utf8(byte[] body, int from, int to) throws CharacterCodingException {
    if (to - from >= 3
        && body[from] == (byte) 0xEF
        && body[from + 1] == (byte) 0xBB
        && body[from + 2] == (byte) 0xBF) {
      from += 3;
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    return decoder.decode(ByteBuffer.wrap(body, from, to - from)).toString();
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
