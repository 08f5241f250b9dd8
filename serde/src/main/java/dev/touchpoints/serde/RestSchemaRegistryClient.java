package dev.touchpoints.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * A Confluent Schema Registry client over HTTP. Ids and schemas are cached, so serializing a record
 * makes no HTTP call once its schema is known. Several URLs are tried in order when one cannot be
 * reached. An {@code https://} registry is trusted by the truststore in {@code
 * schema.registry.ssl.truststore.*}, or by the JDK's trusted authorities.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {

  static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final int MAX_REFERENCE_DEPTH = 32;

  private final List<URI> baseUrls;
  private final String authorization;
  private final boolean normalize;
  private final HttpClient http;
  private final Map<String, Map<Schema, Integer>> idsBySubject = new ConcurrentHashMap<>();
  private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

  /** Creates a client for the URLs in {@code config}. */
  public RestSchemaRegistryClient(SerdeConfig config) {
    List<URI> urls = new ArrayList<>();
    for (String url : config.registryUrls()) {
      urls.add(URI.create(stripUserInfo(url.endsWith("/") ? url : url + "/")));
    }
    this.baseUrls = List.copyOf(urls);
    this.authorization =
        config.basicAuthUserInfo() == null
            ? null
            : "Basic "
                + Base64.getEncoder()
                    .encodeToString(config.basicAuthUserInfo().getBytes(StandardCharsets.UTF_8));
    this.normalize = config.normalize();
    HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
    if (config.tls().hasTrustStore()) {
      http.sslContext(config.tls().trustContext());
    }
    this.http = http.build();
  }

  @Override
  public int register(String subject, Schema schema) {
    return idFor(subject, schema, "/versions");
  }

  @Override
  public int getId(String subject, Schema schema) {
    return idFor(subject, schema, "");
  }

  /**
   * The id of {@code schema} under {@code subject}, from the cache or by POSTing it to the
   * subject's {@code suffix} endpoint: {@code /versions} registers, the bare subject looks up.
   */
  private int idFor(String subject, Schema schema, String suffix) {
    return idsBySubject
        .computeIfAbsent(subject, s -> new ConcurrentHashMap<>())
        .computeIfAbsent(
            schema,
            s -> {
              String path =
                  "subjects/" + encode(subject) + suffix + (normalize ? "?normalize=true" : "");
              int id = send("POST", path, schemaBody(s), subject).get("id").asInt();
              schemasById.putIfAbsent(id, s);
              return id;
            });
  }

  /**
   * The schema with a global id. A schema registered with references (named types taken from other
   * subjects) is parsed after the versions it references, fetched once each, in order.
   */
  @Override
  public Schema getById(int id) {
    return schemasById.computeIfAbsent(
        id, i -> parseWithReferences(send("GET", "schemas/ids/" + i, null, null)));
  }

  private Schema parseWithReferences(JsonNode answer) {
    Schema.Parser parser = new Schema.Parser();
    loadReferences(parser, answer.path("references"), new HashSet<>(), 0);
    return parser.parse(answer.get("schema").asText());
  }

  private void loadReferences(
      Schema.Parser parser, JsonNode references, Set<String> loaded, int depth) {
    if (depth > MAX_REFERENCE_DEPTH) {
      throw new SchemaRegistryException(422, 42201, "Schema references nest too deep (a cycle?)");
    }
    for (JsonNode reference : references) {
      String subject = reference.path("subject").asText();
      String version = reference.path("version").asText();
      if (!loaded.add(subject + "\u0000" + version)) {
        continue;
      }
      JsonNode referenced =
          send(
              "GET", "subjects/" + encode(subject) + "/versions/" + encode(version), null, subject);
      loadReferences(parser, referenced.path("references"), loaded, depth + 1);
      parser.parse(referenced.get("schema").asText());
    }
  }

  @Override
  public RegisteredSchema getLatest(String subject) {
    JsonNode answer =
        send("GET", "subjects/" + encode(subject) + "/versions/latest", null, subject);
    Schema schema = getById(answer.get("id").asInt());
    return new RegisteredSchema(
        answer.get("subject").asText(),
        answer.get("version").asInt(),
        answer.get("id").asInt(),
        schema);
  }

  @Override
  public boolean isCompatible(String subject, Schema schema) {
    JsonNode answer =
        send(
            "POST",
            "compatibility/subjects/" + encode(subject) + "/versions/latest",
            schemaBody(schema),
            subject);
    return answer.path("is_compatible").asBoolean(false);
  }

  @Override
  public List<String> subjects() {
    List<String> result = new ArrayList<>();
    send("GET", "subjects", null, null).forEach(n -> result.add(n.asText()));
    return result;
  }

  private static String schemaBody(Schema schema) {
    try {
      return JSON.writeValueAsString(Map.of("schema", schema.toString()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private JsonNode send(String method, String path, String body, String subject) {
    SchemaRegistryException unreachable = null;
    for (URI base : baseUrls) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(base.resolve(path))
              .timeout(TIMEOUT)
              .header("Accept", CONTENT_TYPE + ", application/json")
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
      if (body != null) {
        request.header("Content-Type", CONTENT_TYPE);
      }
      if (authorization != null) {
        request.header("Authorization", authorization);
      }
      HttpResponse<String> response;
      try {
        response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        unreachable =
            new SchemaRegistryException("Schema registry " + base + " unreachable: " + e, e);
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SchemaRegistryException("Interrupted while calling the schema registry", e);
      }
      return handle(response, subject);
    }
    throw unreachable;
  }

  private static JsonNode handle(HttpResponse<String> response, String subject) {
    JsonNode node;
    try {
      node =
          response.body() == null || response.body().isEmpty()
              ? JSON.nullNode()
              : JSON.readTree(response.body());
    } catch (JsonProcessingException e) {
      throw new SchemaRegistryException(
          response.statusCode(), -1, "Unreadable answer from registry");
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return node;
    }
    int code = node.path("error_code").asInt(-1);
    String message = node.path("message").asText("HTTP " + status);
    if (status == 409) {
      throw new IncompatibleSchemaException(subject, code, message);
    }
    throw new SchemaRegistryException(status, code, message);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String stripUserInfo(String url) {
    int scheme = url.indexOf("://");
    int at = url.indexOf('@');
    return scheme >= 0 && at > scheme ? url.substring(0, scheme + 3) + url.substring(at + 1) : url;
  }
}
