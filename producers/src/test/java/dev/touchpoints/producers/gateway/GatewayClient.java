package dev.touchpoints.producers.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A tiny HTTP client for gateway tests. */
final class GatewayClient {

  static final ObjectMapper MAPPER = new ObjectMapper();

  /** A response with its body parsed as JSON when it is JSON. */
  record Response(int status, String body, HttpResponse<String> raw) {
    JsonNode json() {
      try {
        return MAPPER.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
    }

    String text(String field) {
      JsonNode node = json().get(field);
      return node == null || node.isNull() ? null : node.asText();
    }
  }

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  GatewayClient(int port) {
    this.base = "http://localhost:" + port;
  }

  Response post(String path, String contentType, byte[] body, String apiKey) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (apiKey != null) {
      request.header("X-Api-Key", apiKey);
    }
    return send(request.build());
  }

  Response post(String path, String contentType, String body, String apiKey) {
    return post(path, contentType, body.getBytes(StandardCharsets.UTF_8), apiKey);
  }

  Response get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
  }

  Response send(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body(), response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
