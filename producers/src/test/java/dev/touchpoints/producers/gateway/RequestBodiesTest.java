package dev.touchpoints.producers.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** How bodies are read and decoded, without a server. */
class RequestBodiesTest {

  private static final String EVENT = "{\"type\":\"support.case_opened\",\"caseId\":\"c-1\"}";

  @Test
  void shouldAnswer408WhenBodyStallsPastIdleTimeout() {
    // Given a body stream that fails the way Jetty's does on idle timeout
    InputStream stalled =
        failingAfter(
            "{\"type\"", new IOException(new TimeoutException("Idle timeout expired: 30000 ms")));

    // When
    GatewayError error =
        catchThrowableOfType(GatewayError.class, () -> RequestBodies.read(stalled, 100, 1_000));

    // Then
    assertThat(error.status()).isEqualTo(408);
    assertThat(error.body())
        .containsEntry("error", "request_timeout")
        .containsEntry("field", "body");
  }

  @Test
  void shouldAnswer400WhenBodyEndsBeforeContentLength() {
    InputStream cut = failingAfter("{\"type\"", new EOFException("Early EOF"));

    GatewayError error =
        catchThrowableOfType(GatewayError.class, () -> RequestBodies.read(cut, 100, 1_000));

    assertThat(error.status()).isEqualTo(400);
    assertThat(error.body()).containsEntry("error", "incomplete_body");
  }

  @Test
  void shouldAnswer413WhenUndeclaredBodyPassesTheLimit() {
    InputStream big = new ByteArrayInputStream(new byte[1_001]);

    GatewayError error =
        catchThrowableOfType(GatewayError.class, () -> RequestBodies.read(big, -1, 1_000));

    assertThat(error.status()).isEqualTo(413);
  }

  @Test
  void shouldRejectOverlongEncodingWhichJacksonWouldDecode() {
    // C0 AF is an overlong '/': Jackson alone reads "c/1"
    byte[] body = EVENT.replace("c-1", "c\u00c0\u00af1").getBytes(StandardCharsets.ISO_8859_1);

    GatewayError error = catchThrowableOfType(GatewayError.class, () -> RequestBodies.single(body));

    assertThat(error.status()).isEqualTo(400);
    assertThat(error.getMessage()).contains("not valid UTF-8");
  }

  @Test
  void shouldRejectUtf16WhichJacksonWouldDetect() {
    byte[] body = EVENT.getBytes(StandardCharsets.UTF_16LE);

    GatewayError error = catchThrowableOfType(GatewayError.class, () -> RequestBodies.single(body));

    assertThat(error.status()).isEqualTo(400);
    assertThat(error.body()).containsEntry("error", "malformed_json");
  }

  @Test
  void shouldIgnoreByteOrderMarkWhenItStartsTheBodyOrAnNdjsonLine() {
    String bom = "\uFEFF";
    byte[] single = (bom + EVENT).getBytes(StandardCharsets.UTF_8);
    byte[] lines = (bom + EVENT + "\r\n" + bom + EVENT + "\n").getBytes(StandardCharsets.UTF_8);

    assertThat(RequestBodies.single(single).get("caseId").asText()).isEqualTo("c-1");
    List<RequestBodies.Item> items = RequestBodies.ndjson(lines, 10);
    assertThat(items).hasSize(2).allSatisfy(i -> assertThat(i.parseError()).isNull());
  }

  @Test
  void shouldRejectOnlyTheLineWhenOneNdjsonLineIsNotUtf8() {
    byte[] lines =
        (EVENT + "\n" + EVENT.replace("c-1", "c\u00ed\u00a0\u00801") + "\n")
            .getBytes(StandardCharsets.ISO_8859_1);

    List<RequestBodies.Item> items = RequestBodies.ndjson(lines, 10);

    assertThat(items.get(0).parseError()).isNull();
    assertThat(items.get(1).parseError().message()).contains("not valid UTF-8");
  }

  private static InputStream failingAfter(String start, IOException failure) {
    InputStream failing =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw failure;
          }
        };
    return new SequenceInputStream(
        new ByteArrayInputStream(start.getBytes(StandardCharsets.UTF_8)), failing);
  }
}
