package dev.touchpoints.producers.gateway;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.touchpoints.producers.gateway.RawHttp.Request;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The abusive requests of {@link GatewayAbuseIT}, each with the exact answer it must get: status,
 * {@code error} and {@code field}. Every one is a distinct mistake or attack; the kinds the unit
 * test {@code GatewayServerTest} already covers are not repeated here.
 */
final class AbuseCases {

  static final String KEY = "abuse-key-1";
  static final String OTHER_KEY = "abuse-key-2";
  static final long MAX_BODY = 1_048_576;
  static final int MAX_BATCH = 100;
  static final String SUBJECT = "abuse-subject";

  static final String JSON = "application/json";
  static final String NDJSON = "application/x-ndjson";
  private static final String EVENTS = GatewayServer.EVENTS;
  private static final String BATCH = GatewayServer.BATCH;
  private static final String BATCH_ALT = GatewayServer.BATCH_ALT;
  private static final String MB = "x".repeat(1_000_000);

  private final List<Arguments> all = new ArrayList<>();

  private AbuseCases() {}

  // --- valid events, stamped now, so that each case breaks exactly one thing -------------------

  static ObjectNode caseOpened() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("type", "support.case_opened");
    n.put("subjectId", SUBJECT);
    n.put("occurredAt", now.minus(Duration.ofMinutes(1)).toString());
    n.put("source", "abuse-test");
    n.put("caseId", "case-1");
    n.put("kind", "COMPLAINT");
    n.put("nextUpdateDueAt", now.plus(Duration.ofDays(2)).toString());
    return n;
  }

  static ObjectNode invoiceIssued() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("type", "billing.invoice_issued");
    n.put("subjectId", SUBJECT);
    n.put("occurredAt", now.minus(Duration.ofMinutes(1)).toString());
    n.put("source", "abuse-test");
    n.put("invoiceId", "inv-1");
    n.put("amountCents", 2_000);
    n.put("currency", "EUR");
    n.put("dueAt", now.plus(Duration.ofDays(14)).toString());
    return n;
  }

  static ObjectNode with(ObjectNode n, Consumer<ObjectNode> change) {
    change.accept(n);
    return n;
  }

  static byte[] utf8(Object json) {
    return json.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** {@code body} with the first {@code target} replaced by the raw bytes {@code replacement}. */
  static byte[] splice(byte[] body, String target, int... replacement) {
    return splice(body, target, bytes(replacement));
  }

  /** {@code body} with the first {@code target} replaced by {@code replacement}. */
  static byte[] splice(byte[] body, String target, byte[] replacement) {
    byte[] t = target.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i + t.length <= body.length; i++) {
      if (Arrays.equals(body, i, i + t.length, t, 0, t.length)) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(body, 0, i);
        out.writeBytes(replacement);
        out.write(body, i + t.length, body.length - i - t.length);
        return out.toByteArray();
      }
    }
    throw new IllegalArgumentException("no " + target + " in body");
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  static byte[] gzip(byte[] plain) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
      zip.write(plain);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** {@code body} in chunked transfer coding, 64 KiB per chunk. */
  static byte[] chunked(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int from = 0; from < body.length; from += 65_536) {
      int n = Math.min(65_536, body.length - from);
      out.writeBytes(ascii(Integer.toHexString(n) + "\r\n"));
      out.write(body, from, n);
      out.writeBytes(ascii("\r\n"));
    }
    out.writeBytes(ascii("0\r\n\r\n"));
    return out.toByteArray();
  }

  static String nested(String open, String close, int depth) {
    return open.repeat(depth) + close.repeat(depth);
  }

  // --- requests ------------------------------------------------------------------------------

  static Request single(byte[] body) {
    return Request.post(EVENTS).header("Content-Type", JSON).header("X-Api-Key", KEY).body(body);
  }

  static Request single(Object json) {
    return single(utf8(json));
  }

  static Request batch(byte[] body) {
    return Request.post(BATCH).header("Content-Type", JSON).header("X-Api-Key", KEY).body(body);
  }

  static Request ndjson(byte[] body) {
    return Request.post(BATCH_ALT)
        .header("Content-Type", NDJSON)
        .header("X-Api-Key", KEY)
        .body(body);
  }

  static Request ndjson(String body) {
    return ndjson(body.getBytes(StandardCharsets.UTF_8));
  }

  static Request keyed(Request r) {
    return r.header("X-Api-Key", KEY);
  }

  static Request withType(String contentType, String path) {
    return Request.post(path)
        .header("Content-Type", contentType)
        .header("X-Api-Key", KEY)
        .body(utf8(caseOpened()));
  }

  /** Everything but the API key. */
  static Request unkeyed() {
    return Request.post(EVENTS).header("Content-Type", JSON).body(utf8(caseOpened()));
  }

  // --- the cases -----------------------------------------------------------------------------

  /** name, request, status, error, field. */
  static Stream<Arguments> badRequests() {
    AbuseCases cases = new AbuseCases();
    cases.invalidUtf8();
    cases.nesting();
    cases.numbers();
    cases.duplicateKeys();
    cases.wrongTypes();
    cases.emptiness();
    cases.longStrings();
    cases.contentTypes();
    cases.codings();
    cases.apiKeys();
    cases.methods();
    cases.routes();
    cases.framing();
    cases.limits();
    cases.ndjsonLines();
    return cases.all.stream();
  }

  private void add(String name, Request r, int status, String error, String field) {
    all.add(Arguments.of(name, r, status, error, field));
  }

  /** 400 {@code malformed_json}: the body is not JSON (or not UTF-8). */
  private void malformed(String name, Request r) {
    add(name, r, 400, "malformed_json", "body");
  }

  /** 400 {@code invalid_body}: JSON, but not an event, an array or any lines at all. */
  private void invalidBody(String name, Request r) {
    add(name, r, 400, "invalid_body", "body");
  }

  /** 422 {@code invalid_event} naming {@code field}. */
  private void invalidEvent(String name, Request r, String field) {
    add(name, r, 422, "invalid_event", field);
  }

  /** 422: no line of an NDJSON body could be parsed. */
  private void brokenLines(String name, Request r) {
    add(name, r, 422, "invalid_event", "$");
  }

  /** 400 answered by Jetty before routing, in the gateway's JSON shape. */
  private void refusedByJetty(String name, Request r) {
    add(name, r, 400, "bad_request", "request");
  }

  private void invalidUtf8() {
    byte[] ok = utf8(caseOpened());
    malformed("overlong 2-byte '/' (C0 AF)", single(splice(ok, "-", 0xC0, 0xAF)));
    malformed("overlong 3-byte '/'", single(splice(ok, "-", 0xE0, 0x80, 0xAF)));
    malformed("overlong NUL (C0 80)", single(splice(ok, "-", 0xC0, 0x80)));
    malformed("CESU-8 surrogate", single(splice(ok, "-", 0xED, 0xA0, 0x80)));
    malformed("0xFF in a field name", single(splice(ok, "caseId", ascii("case\u00ffId"))));
    malformed("stray byte between tokens", single(splice(ok, ",", 0x2C, 0xFE)));
    malformed("lone continuation byte", single(splice(ok, "-", 0x80)));
    malformed("lead byte F5", single(splice(ok, "-", 0xF5, 0x80, 0x80, 0x80)));
    malformed("code point above U+10FFFF", single(splice(ok, "-", 0xF4, 0x90, 0x80, 0x80)));
    malformed(
        "truncated sequence at the end",
        single(concat(Arrays.copyOf(ok, ok.length - 1), bytes(0xE2, 0x82))));
    malformed(
        "Latin-1 byte declared utf-8",
        Request.post(EVENTS)
            .header("Content-Type", JSON + "; charset=utf-8")
            .header("X-Api-Key", KEY)
            .body(splice(ok, "abuse-test", ascii("abuse-t\u00e4st"))));
    malformed(
        "UTF-16BE with BOM", single(caseOpened().toString().getBytes(StandardCharsets.UTF_16)));
    malformed(
        "UTF-16LE without BOM",
        single(caseOpened().toString().getBytes(StandardCharsets.UTF_16LE)));
    malformed(
        "UTF-32BE with BOM",
        single(
            concat(
                bytes(0, 0, 0xFE, 0xFF),
                caseOpened().toString().getBytes(java.nio.charset.Charset.forName("UTF-32BE")))));
    malformed(
        "BOM in the middle",
        single(splice(ok, "\"caseId\"", concat(bytes(0xEF, 0xBB, 0xBF), ascii("\"caseId\"")))));
    malformed(
        "invalid UTF-8 in a batch array",
        batch(concat(ascii("["), ok, ascii(","), splice(ok, "-", 0xC3, 0x28), ascii("]"))));
    brokenLines(
        "the only NDJSON line invalid UTF-8",
        ndjson(concat(splice(ok, "-", 0xC0, 0xAF), ascii("\n"))));
  }

  private void nesting() {
    malformed("10 000 nested arrays as a batch", batch(ascii(nested("[", "]", 10_000))));
    malformed(
        "10 000 nested objects",
        single(ascii(nested("{\"a\":", "}", 10_000).replace("{\"a\":}", "{\"a\":1}"))));
    malformed("10 000 unclosed arrays", batch(ascii("[".repeat(10_000))));
    malformed(
        "10 000 nested arrays in a field",
        batch(
            ascii(
                "["
                    + caseOpened().toString().replace("\"case-1\"", nested("[", "]", 10_000))
                    + "]")));
    brokenLines(
        "10 000 nested arrays as the only NDJSON line", ndjson(nested("[", "]", 10_000) + "\n"));
  }

  private void numbers() {
    String inv = invoiceIssued().toString();
    String amount = "\"amountCents\":2000";
    malformed("NaN", single(inv.replace(amount, "\"amountCents\":NaN")));
    malformed("Infinity", single(inv.replace(amount, "\"amountCents\":Infinity")));
    malformed("-Infinity", single(inv.replace(amount, "\"amountCents\":-Infinity")));
    malformed(
        "2 000-digit number", single(inv.replace(amount, "\"amountCents\":" + "9".repeat(2_000))));
    malformed("leading zeros", single(inv.replace(amount, "\"amountCents\":02000")));
    malformed("plus sign", single(inv.replace(amount, "\"amountCents\":+2000")));
    malformed("hex literal", single(inv.replace(amount, "\"amountCents\":0x7D0")));
    malformed("fraction without leading digit", single(inv.replace(amount, "\"amountCents\":.5")));
    invalidEvent(
        "1e400 for an integer",
        single(inv.replace(amount, "\"amountCents\":1e400")),
        "amountCents");
    invalidEvent(
        "1e3 for an integer", single(inv.replace(amount, "\"amountCents\":1e3")), "amountCents");
    invalidEvent(
        "Long.MAX_VALUE + 1",
        single(inv.replace(amount, "\"amountCents\":9223372036854775808")),
        "amountCents");
    invalidEvent(
        "int field beyond int",
        single(
            "{\"type\":\"support.survey_answered\",\"subjectId\":\"s\",\"occurredAt\":\""
                + Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS)
                + "\",\"source\":\"t\",\"survey\":\"NPS\",\"score\":2147483648}"),
        "score");
  }

  private void duplicateKeys() {
    String ok = caseOpened().toString();
    String dup = ok.replace("\"caseId\":\"case-1\"", "\"caseId\":\"case-1\",\"caseId\":\"case-2\"");
    malformed("duplicate key in a batch element", batch(ascii("[" + ok + "," + dup + "]")));
    malformed(
        "duplicate key spelled with an escape",
        single(
            ok.replace("\"caseId\":\"case-1\"", "\"caseId\":\"case-1\",\"case\\u0049d\":\"x\"")));
    brokenLines("duplicate key on the only NDJSON line", ndjson(dup + "\n"));
    invalidEvent(
        "same key in another case", single(with(caseOpened(), n -> n.put("Type", "x"))), "Type");
  }

  private void wrongTypes() {
    invalidBody("body is a number", single(ascii("42")));
    invalidBody("body is true", single(ascii("true")));
    invalidBody("batch body is a string", batch(ascii("\"events\"")));
    invalidEvent("batch of non-objects", batch(ascii("[1,\"x\",null,true,[],{}]")), "event");
    fieldType("type is an object", "type", n -> n.putObject("type").put("k", "v"));
    fieldType("type is an array", "type", n -> n.putArray("type").add("support.case_opened"));
    fieldType("eventId is a number", "eventId", n -> n.put("eventId", 7));
    fieldType("subjectId is an array", "subjectId", n -> n.putArray("subjectId").add("a"));
    fieldType("occurredAt is an object", "occurredAt", n -> n.putObject("occurredAt"));
    fieldType("source is a boolean", "source", n -> n.put("source", true));
    fieldType("correlationId is a number", "correlationId", n -> n.put("correlationId", 1));
    fieldType("kind is a number", "kind", n -> n.put("kind", 1));
    fieldType("nextUpdateDueAt is an array", "nextUpdateDueAt", n -> n.putArray("nextUpdateDueAt"));
    fieldType("caseId is null", "caseId", n -> n.putNull("caseId"));
    invalidEvent(
        "amountCents is a boolean",
        single(with(invoiceIssued(), n -> n.put("amountCents", true))),
        "amountCents");
    invalidEvent(
        "currency is an object",
        single(with(invoiceIssued(), n -> n.putObject("currency").put("code", "EUR"))),
        "currency");
  }

  private void fieldType(String name, String field, Consumer<ObjectNode> change) {
    add(name, single(with(caseOpened(), change)), 422, "invalid_event", field);
  }

  private void emptiness() {
    invalidBody("whitespace-only event", single(ascii(" \r\n\t ")));
    invalidBody("BOM-only event", single(bytes(0xEF, 0xBB, 0xBF)));
    invalidBody("empty batch body", batch(new byte[0]));
    invalidBody("whitespace-only batch", batch(ascii(" \n ")));
    invalidBody("null batch", batch(ascii("null")));
    invalidBody("empty NDJSON", ndjson(""));
    invalidBody("NDJSON of blank lines, CRLF and tabs", ndjson("\r\n\n \t \r\n\r\n"));
  }

  private void longStrings() {
    invalidEvent(
        "1 MB subjectId", single(with(caseOpened(), n -> n.put("subjectId", MB))), "subjectId");
    invalidEvent("1 MB eventId", single(with(caseOpened(), n -> n.put("eventId", MB))), "eventId");
    invalidEvent("1 MB caseId", single(with(caseOpened(), n -> n.put("caseId", MB))), "caseId");
    add(
        "1 MB type",
        single(with(caseOpened(), n -> n.put("type", MB))),
        422,
        "unknown_type",
        "type");
    malformed("1 MB field name", single(with(caseOpened(), n -> n.put(MB, 1))));
    invalidBody("1 MB string as the body", single(utf8(JsonNodeFactory.instance.textNode(MB))));
  }

  private void contentTypes() {
    String ct = "Content-Type";
    String e = "unsupported_media_type";
    add("charset utf-16", withType("application/json; charset=utf-16", EVENTS), 415, e, ct);
    add("empty charset", withType("application/json; charset=", EVENTS), 415, e, ct);
    add(
        "two charsets",
        withType("application/json; charset=utf-8; charset=latin1", EVENTS),
        415,
        e,
        ct);
    add("type list", withType("application/json, text/plain", EVENTS), 415, e, ct);
    add("wildcard type", withType("*/*", EVENTS), 415, e, ct);
    add("text/json", withType("text/json", EVENTS), 415, e, ct);
    add("multipart", withType("multipart/form-data; boundary=x", BATCH), 415, e, ct);
    add("application/jsonl", withType("application/jsonl", BATCH), 415, e, ct);
    add("NDJSON in latin1", withType("application/x-ndjson; charset=latin1", BATCH), 415, e, ct);
    add("blank Content-Type", withType(" ", EVENTS), 415, e, ct);
    add("parameters only", withType("; charset=utf-8", EVENTS), 415, e, ct);
  }

  private void codings() {
    byte[] ok = utf8(caseOpened());
    String e = "unsupported_encoding";
    add(
        "gzip claimed, plain body",
        single(ok).header("Content-Encoding", "gzip"),
        415,
        e,
        "Content-Encoding");
    add(
        "gzip body",
        single(gzip(ok)).header("Content-Encoding", "gzip"),
        415,
        e,
        "Content-Encoding");
    add(
        "deflate claimed",
        single(ok).header("Content-Encoding", "deflate"),
        415,
        e,
        "Content-Encoding");
    add(
        "gzip after identity",
        single(ok).header("Content-Encoding", "identity, gzip"),
        415,
        e,
        "Content-Encoding");
    add(
        "gzip claimed on NDJSON",
        ndjson(concat(ok, ascii("\n"))).header("Content-Encoding", "br"),
        415,
        e,
        "Content-Encoding");
    add(
        "gzip transfer coding",
        single(chunked(ok)).withoutContentLength().header("Transfer-Encoding", "gzip, chunked"),
        415,
        e,
        "Transfer-Encoding");
  }

  private void apiKeys() {
    String h = "X-Api-Key";
    add("empty key", unkeyed().header(h, ""), 401, "unauthorized", h);
    add("whitespace key", unkeyed().header(h, "   "), 401, "unauthorized", h);
    add(
        "Bearer without token",
        unkeyed().header("Authorization", "Bearer "),
        401,
        "unauthorized",
        h);
    add(
        "Basic credentials",
        unkeyed().header("Authorization", "Basic YWJ1c2U6a2V5"),
        401,
        "unauthorized",
        h);
    add(
        "key in query string ?api_key",
        Request.post(EVENTS + "?api_key=" + KEY)
            .header("Content-Type", JSON)
            .body(utf8(caseOpened())),
        401,
        "unauthorized",
        h);
    add(
        "key in query string ?X-Api-Key",
        Request.post(EVENTS + "?X-Api-Key=" + KEY)
            .header("Content-Type", JSON)
            .body(utf8(caseOpened())),
        401,
        "unauthorized",
        h);
    add("key as a cookie", unkeyed().header("Cookie", "X-Api-Key=" + KEY), 401, "unauthorized", h);
    add("key in another case", unkeyed().header(h, KEY.toUpperCase()), 403, "forbidden", h);
    add("key with a suffix", unkeyed().header(h, KEY + "0"), 403, "forbidden", h);
    add("4 KiB key", unkeyed().header(h, "k".repeat(4_096)), 403, "forbidden", h);
    add("non-ASCII key", unkeyed().header(h, "abuse-k\u00e9y-1"), 403, "forbidden", h);
    add(
        "Bearer with a wrong key",
        unkeyed().header("Authorization", "Bearer nope"),
        403,
        "forbidden",
        h);
    add(
        "wrong X-Api-Key beside a right Bearer",
        unkeyed().header(h, "nope").header("Authorization", "Bearer " + KEY),
        403,
        "forbidden",
        h);
    add(
        "CRLF-injected second key after a wrong one",
        unkeyed().line(h + ": nope\r\n" + h + ": " + KEY),
        403,
        "forbidden",
        h);
    add(
        "LF-injected second key after a wrong one",
        unkeyed().line(h + ": nope\n" + h + ": " + KEY),
        403,
        "forbidden",
        h);
    add("32 KiB key", unkeyed().header(h, "k".repeat(32_768)), 431, "headers_too_large", "headers");
    add(
        "control character in key",
        unkeyed().header(h, KEY + "\u0001"),
        400,
        "bad_request",
        "request");
  }

  private void methods() {
    for (String path : List.of(EVENTS, BATCH, BATCH_ALT)) {
      for (String method : List.of("GET", "PUT", "DELETE", "PATCH")) {
        add(
            method + " " + path,
            keyed(Request.of(method, path)),
            405,
            "method_not_allowed",
            "method");
      }
    }
    for (String path : List.of("/health", "/ready", "/metrics", "/openapi.json")) {
      for (String method : List.of("POST", "PUT", "DELETE")) {
        add(method + " " + path, Request.of(method, path), 405, "method_not_allowed", "method");
      }
    }
    for (String method : List.of("OPTIONS", "TRACE", "BREW")) {
      add(
          method + " " + EVENTS,
          keyed(Request.of(method, EVENTS)),
          405,
          "method_not_allowed",
          "method");
    }
  }

  private void routes() {
    for (String path :
        List.of(
            "/",
            "/v1",
            "/v1/Events",
            "/v1/events:batchx",
            "/v1/events:single",
            "/v1/events/batch/x",
            "/v1/events%2Fbatch",
            "/v1/events;jsessionid=1",
            "/v1/%2e%2e/v1/events",
            "//v1//events",
            "/v1/events%0d%0aSet-Cookie:%20a=b")) {
      add(
          "POST " + path,
          keyed(Request.post(path).header("Content-Type", JSON).body("{}")),
          404,
          "not_found",
          "path");
    }
  }

  private void framing() {
    refusedByJetty(
        "Content-Length not a number",
        single(ascii("{}")).withoutContentLength().header("Content-Length", "abc"));
    refusedByJetty(
        "negative Content-Length",
        single(ascii("{}")).withoutContentLength().header("Content-Length", "-1"));
    refusedByJetty(
        "Content-Length with a sign",
        single(ascii("{}")).withoutContentLength().header("Content-Length", "+2"));
    refusedByJetty("two Content-Lengths", single(ascii("{}")).header("Content-Length", "3"));
    refusedByJetty(
        "Content-Length and chunked",
        single(chunked(ascii("{}"))).header("Transfer-Encoding", "chunked"));
    refusedByJetty(
        "Transfer-Encoding without chunked",
        single(ascii("{}")).withoutContentLength().header("Transfer-Encoding", "gzip"));
    refusedByJetty("obsolete line folding", single(ascii("{}")).line("X-Folded: a").line(" b"));
    refusedByJetty("NUL in a header value", single(ascii("{}")).header("X-Nul", "a\u0000b"));
    refusedByJetty("space before the colon", single(ascii("{}")).line("X-Space : a"));
    refusedByJetty("non-ASCII header name", single(ascii("{}")).line("X-\u00e4: a"));
    refusedByJetty("no Host", single(ascii("{}")).withoutHost());
    refusedByJetty("two Hosts", single(ascii("{}")).header("Host", "evil.example"));
    refusedByJetty(
        "absolute URI for another host",
        keyed(
            Request.post("http://evil.example" + EVENTS).header("Content-Type", JSON).body("{}")));
    refusedByJetty("NUL in the path", keyed(Request.post(EVENTS + "%00")));
    refusedByJetty("broken percent-encoding", keyed(Request.post(EVENTS + "%zz")));
    refusedByJetty("TLS handshake on the plain port", Request.of("\u0016\u0003\u0001\u0002", "x"));
    add("URI over 8 KiB", Request.of("GET", "/" + "a".repeat(9_000)), 414, "uri_too_long", "path");
    add(
        "over 8 KiB of headers",
        withManyHeaders(single(ascii("{}")), 1_000),
        431,
        "headers_too_large",
        "headers");
    add(
        "unknown expectation",
        single(ascii("{}")).header("Expect", "200-ok"),
        417,
        "expectation_failed",
        "Expect");
    add(
        "HTTP/2.0 request line",
        single(ascii("{}")).version("HTTP/2.0"),
        426,
        "unsupported_http_version",
        "version");
    add(
        "invalid chunk size",
        single(ascii("zz\r\n{}\r\n0\r\n\r\n"))
            .withoutContentLength()
            .header("Transfer-Encoding", "chunked"),
        400,
        "incomplete_body",
        "body");
    add(
        "chunk size beyond long",
        single(ascii("FFFFFFFFFFFFFFFFFF\r\n{}\r\n0\r\n\r\n"))
            .withoutContentLength()
            .header("Transfer-Encoding", "chunked"),
        400,
        "incomplete_body",
        "body");
  }

  private static Request withManyHeaders(Request r, int n) {
    for (int i = 0; i < n; i++) {
      r.header("X-Filler-" + i, "v");
    }
    return r;
  }

  private void limits() {
    String one = caseOpened().toString();
    add(
        "JSON batch one over the limit",
        batch(ascii("[" + (one + ",").repeat(MAX_BATCH) + one + "]")),
        413,
        "batch_too_large",
        "body");
    add(
        "NDJSON one over the limit, blank lines between",
        ndjson((one + "\n\r\n").repeat(MAX_BATCH + 1)),
        413,
        "batch_too_large",
        "body");
    add(
        "Content-Length one over the limit",
        batch(ascii("[]"))
            .withoutContentLength()
            .header("Content-Length", String.valueOf(MAX_BODY + 1)),
        413,
        "payload_too_large",
        "body");
    add(
        "chunked body one byte over the limit",
        batch(chunked(ascii(" ".repeat((int) MAX_BODY + 1))))
            .withoutContentLength()
            .header("Transfer-Encoding", "chunked"),
        413,
        "payload_too_large",
        "body");
  }

  private void ndjsonLines() {
    String one = caseOpened().toString();
    brokenLines("NDJSON line with trailing garbage", ndjson(one + " x\n"));
    brokenLines("NDJSON separated by bare CR", ndjson(one + "\r" + one + "\r"));
    brokenLines("NDJSON form-feed line", ndjson("\f\n"));
    brokenLines("NDJSON NUL line", ndjson("\u0000\n"));
    invalidEvent("NDJSON line that is an array", ndjson("[" + one + "]\n"), "event");
    brokenLines("NDJSON truncated last line", ndjson(one.substring(0, one.length() - 3)));
  }
}
