package dev.touchpoints.producers.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP/1.1 over a plain loopback socket, byte for byte as the test says: for requests a real client
 * refuses to send (broken framing, illegal headers, partial bodies) and for connections that stop
 * half-way.
 */
final class RawHttp {

  /** How long a test waits for an answer before calling it a hang. */
  static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(20);

  /** {@code \r\n\r\n} as the last four bytes read. */
  private static final int END_OF_HEAD = 0x0D0A0D0A;

  /** An answer: status, headers (lower-case names, first value) and body. */
  record Reply(int status, Map<String, String> headers, byte[] body) {

    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    JsonNode json() {
      try {
        return GatewayClient.MAPPER.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + text(), e);
      }
    }

    String text(String field) {
      JsonNode node = json().get(field);
      return node == null || node.isNull() ? null : node.asText();
    }

    @Override
    public String toString() {
      return status + " " + headers + " " + text();
    }
  }

  /** A request written exactly as built; {@code Content-Length} is added unless told otherwise. */
  static final class Request {
    private final String method;
    private final String target;
    private String version = "HTTP/1.1";
    private boolean host = true;
    private boolean contentLength = true;
    private final List<String> headers = new ArrayList<>();
    private byte[] body = new byte[0];

    private Request(String method, String target) {
      this.method = method;
      this.target = target;
    }

    static Request of(String method, String target) {
      return new Request(method, target);
    }

    static Request post(String target) {
      return new Request("POST", target);
    }

    /** Adds a header line as given, {@code name: value}, without any checking. */
    Request header(String name, String value) {
      headers.add(name + ": " + value);
      return this;
    }

    /** Adds a raw header line (may hold anything, also line breaks). */
    Request line(String raw) {
      headers.add(raw);
      return this;
    }

    Request version(String v) {
      this.version = v;
      return this;
    }

    Request withoutHost() {
      this.host = false;
      return this;
    }

    Request withoutContentLength() {
      this.contentLength = false;
      return this;
    }

    Request body(byte[] b) {
      this.body = b;
      return this;
    }

    Request body(String s) {
      return body(s.getBytes(StandardCharsets.UTF_8));
    }

    /** The header block, up to and including the blank line. */
    byte[] head() {
      StringBuilder s = new StringBuilder();
      s.append(method).append(' ').append(target).append(' ').append(version).append("\r\n");
      if (host) {
        s.append("Host: 127.0.0.1\r\n");
      }
      headers.forEach(h -> s.append(h).append("\r\n"));
      if (contentLength) {
        s.append("Content-Length: ").append(body.length).append("\r\n");
      }
      s.append("Connection: close\r\n\r\n");
      return s.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    byte[] bytes() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes(head());
      out.writeBytes(body);
      return out.toByteArray();
    }

    @Override
    public String toString() {
      return method + " " + target;
    }
  }

  private RawHttp() {}

  /** Sends {@code request} and reads the answer. */
  static Reply exchange(int port, Request request) {
    return exchange(port, request.bytes());
  }

  /**
   * Sends {@code bytes} and reads the answer. The bytes are written from another thread so that a
   * server answering before it read everything (413) is heard rather than reset.
   */
  static Reply exchange(int port, byte[] bytes) {
    try (Socket socket = open(port)) {
      Thread writer =
          new Thread(
              () -> {
                try {
                  socket.getOutputStream().write(bytes);
                  socket.getOutputStream().flush();
                } catch (IOException e) {
                  // The server may close once it has answered; what it answered is what counts.
                }
              },
              "raw-http-writer");
      writer.setDaemon(true);
      writer.start();
      return read(socket)
          .orElseThrow(() -> new AssertionError("connection closed without an answer"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Socket open(int port) throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
    socket.setSoTimeout((int) ANSWER_TIMEOUT.toMillis());
    socket.setTcpNoDelay(true);
    return socket;
  }

  /**
   * Reads one answer; empty when the server closed the connection without one. A server that
   * neither answers nor closes within {@link #ANSWER_TIMEOUT} fails the test: that is a hang.
   */
  static Optional<Reply> read(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int lastFour = 0;
    try {
      while (lastFour != END_OF_HEAD) {
        int b = in.read();
        if (b < 0) {
          return Optional.empty();
        }
        head.write(b);
        lastFour = (lastFour << 8) | b;
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("no answer within " + ANSWER_TIMEOUT + ": the server hangs", e);
    } catch (IOException e) {
      if (head.size() == 0) {
        return Optional.empty(); // reset before anything was answered
      }
      throw e;
    }
    String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.putIfAbsent(
            lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).trim());
      }
    }
    String length = headers.get("content-length");
    byte[] body =
        length != null ? in.readNBytes(Integer.parseInt(length)) : in.readAllBytes(); // until close
    return Optional.of(new Reply(status, headers, body));
  }
}
