package dev.touchpoints.platform.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** A minimal registry client over real HTTP, as Confluent's clients call it. */
public final class RegistryHttp {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String baseUrl;
  private final String authorization;

  public RegistryHttp(String baseUrl) {
    this(baseUrl, null);
  }

  /** A client that sends {@code Authorization: Basic …} for {@code userInfo} ("user:password"). */
  public RegistryHttp(String baseUrl, String userInfo) {
    this.baseUrl = baseUrl;
    this.authorization =
        userInfo == null
            ? null
            : "Basic "
                + java.util.Base64.getEncoder()
                    .encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
  }

  /** A response: status, content type and parsed JSON body. */
  public record Response(int status, String contentType, JsonNode body) {

    public int errorCode() {
      return body.path("error_code").asInt();
    }
  }

  public Response get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  public Response post(String path, Object body) {
    return send(HttpRequest.newBuilder(uri(path)).POST(json(body)));
  }

  public Response put(String path, Object body) {
    return send(HttpRequest.newBuilder(uri(path)).PUT(json(body)));
  }

  public Response delete(String path) {
    return send(HttpRequest.newBuilder(uri(path)).DELETE());
  }

  /** Registers an Avro schema and returns its id. */
  public int register(String subject, String schema) {
    Response response = post("/subjects/" + encode(subject) + "/versions", schemaBody(schema));
    if (response.status() != 200) {
      throw new IllegalStateException("register failed: " + response);
    }
    return response.body().get("id").asInt();
  }

  /**
   * Registers {@link TestSchemas#REF_ORDER} under {@code subject}, referring to version 1 of {@link
   * TestSchemas#REF_CUSTOMER} under {@code customerSubject}; returns its id.
   */
  public int registerOrderReferencing(String subject, String customerSubject) {
    Response response =
        post(
            "/subjects/" + encode(subject) + "/versions",
            Map.of(
                "schema",
                TestSchemas.REF_ORDER,
                "references",
                java.util.List.of(
                    Map.of(
                        "name",
                        "dev.touchpoints.refs.Customer",
                        "subject",
                        customerSubject,
                        "version",
                        1))));
    if (response.status() != 200) {
      throw new IllegalStateException("register failed: " + response);
    }
    return response.body().get("id").asInt();
  }

  /** The body Confluent's clients send for a schema. */
  public static Map<String, Object> schemaBody(String schema) {
    return Map.of("schema", schema);
  }

  public static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private URI uri(String path) {
    return URI.create(baseUrl + path);
  }

  private static HttpRequest.BodyPublisher json(Object body) {
    try {
      String text = body instanceof String s ? s : MAPPER.writeValueAsString(body);
      return BodyPublishers.ofString(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Response send(HttpRequest.Builder request) {
    try {
      if (authorization != null) {
        request.header("Authorization", authorization);
      }
      var response =
          client.send(
              request
                  .header("Content-Type", CONTENT_TYPE)
                  .header("Accept", CONTENT_TYPE + ", application/json")
                  .timeout(Duration.ofSeconds(30))
                  .build(),
              BodyHandlers.ofString());
      JsonNode body = response.body().isEmpty() ? null : MAPPER.readTree(response.body());
      return new Response(
          response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
