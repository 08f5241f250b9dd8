package dev.touchpoints.platform.registry.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.touchpoints.platform.kafka.EmbeddedKafka;
import dev.touchpoints.platform.registry.RegistryHttp;
import dev.touchpoints.platform.registry.RegistryHttp.Response;
import dev.touchpoints.platform.registry.RegistryServer;
import dev.touchpoints.platform.registry.RegistrySettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The harness of the conformance suite derived from Confluent's REST tests: one real broker for the
 * whole run, and for every test a fresh registry over real HTTP on a topic of its own, so ids start
 * at 1 as Confluent's tests expect.
 */
abstract class ConformanceBase {

  private static final AtomicInteger TOPICS = new AtomicInteger();

  /** The broker, started once per JVM and closed when the run ends. */
  private static EmbeddedKafka kafka() {
    return SharedBroker.INSTANCE.kafka;
  }

  protected RegistryServer server;
  protected RegistryHttp http;
  protected String topic;

  /** The global level the Confluent test class starts with; RestApiTest runs with NONE. */
  protected String initialCompatibility() {
    return null;
  }

  @BeforeEach
  void startRegistry() {
    topic = "_schemas-conformance-" + TOPICS.incrementAndGet();
    server =
        RegistryServer.start(kafka().bootstrapServers(), RegistrySettings.open(0).withTopic(topic));
    http = new RegistryHttp(server.url());
    if (initialCompatibility() != null) {
      assertThat(http.put("/config", Map.of("compatibility", initialCompatibility())).status())
          .isEqualTo(200);
    }
  }

  @AfterEach
  void stopRegistry() {
    if (server != null) {
      server.close();
    }
  }

  /** Stops the registry and starts a new one on the same topic, as a restart would. */
  protected void restartRegistry() {
    server.close();
    server =
        RegistryServer.start(kafka().bootstrapServers(), RegistrySettings.open(0).withTopic(topic));
    http = new RegistryHttp(server.url());
  }

  /**
   * Distinct record schemas in Avro's compact form, like Confluent's getRandomCanonicalAvroString.
   */
  protected static List<String> schemas(int count) {
    List<String> result = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      result.add(
          canonical(
              "{\"type\":\"record\",\"name\":\"myrecord\",\"fields\":[{\"type\":\"string\","
                  + "\"name\":\"f"
                  + i
                  + "\"}]}"));
    }
    return result;
  }

  protected static String canonical(String schema) {
    return new Schema.Parser().parse(schema).toString();
  }

  protected static String record(String fields) {
    return canonical("{\"type\":\"record\",\"name\":\"myrecord\",\"fields\":[" + fields + "]}");
  }

  protected static String path(String subject) {
    return RegistryHttp.encode(subject);
  }

  protected static Map<String, Object> body(String schema) {
    return Map.of("schema", schema);
  }

  protected static Map<String, Object> body(String schema, List<Map<String, Object>> references) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("schema", schema);
    body.put("references", references);
    return body;
  }

  protected static Map<String, Object> imported(String schema, int version, int id) {
    return Map.of("schema", schema, "version", version, "id", id);
  }

  protected static Map<String, Object> ref(String name, String subject, int version) {
    return Map.of("name", name, "subject", subject, "version", version);
  }

  protected Response register(String subject, Object body) {
    return http.post("/subjects/" + path(subject) + "/versions", body);
  }

  /**
   * Registers and checks the answer is 200 with {@code expectedId}, like registerAndVerifySchema.
   */
  protected void registerAndVerify(String subject, String schema, int expectedId) {
    Response response = register(subject, body(schema));
    assertThat(response.status()).as("register %s: %s", subject, response.body()).isEqualTo(200);
    assertThat(response.body().get("id").asInt()).isEqualTo(expectedId);
    assertThat(http.get("/schemas/ids/" + expectedId).body().get("schema").asText())
        .isEqualTo(schema);
  }

  protected int id(String subject, String schema) {
    Response response = register(subject, body(schema));
    assertThat(response.status()).as("register %s: %s", subject, response.body()).isEqualTo(200);
    return response.body().get("id").asInt();
  }

  protected Response lookup(String subject, Object body) {
    return http.post("/subjects/" + path(subject), body);
  }

  protected Response compatibility(String subject, String version, Object body) {
    return http.post(
        "/compatibility/subjects/"
            + path(subject)
            + "/versions"
            + (version == null ? "" : "/" + version),
        body);
  }

  protected boolean isCompatible(String subject, String version, String schema) {
    Response response = compatibility(subject, version, body(schema));
    assertThat(response.status()).as("compatibility: %s", response.body()).isEqualTo(200);
    return response.body().get("is_compatible").asBoolean();
  }

  protected Response deleteVersion(String subject, String version) {
    return http.delete("/subjects/" + path(subject) + "/versions/" + version);
  }

  protected Response deleteVersionPermanently(String subject, String version) {
    return http.delete("/subjects/" + path(subject) + "/versions/" + version + "?permanent=true");
  }

  protected static List<Integer> ints(JsonNode array) {
    List<Integer> result = new ArrayList<>();
    array.forEach(node -> result.add(node.asInt()));
    return result;
  }

  protected static List<String> texts(JsonNode array) {
    List<String> result = new ArrayList<>();
    array.forEach(node -> result.add(node.asText()));
    return result;
  }

  protected static void assertError(Response response, int status, int errorCode) {
    assertThat(response.status()).as("status of %s", response.body()).isEqualTo(status);
    assertThat(response.errorCode()).as("error_code of %s", response.body()).isEqualTo(errorCode);
  }

  /**
   * One broker for every conformance class in the JVM (a start costs seconds, a registry on a new
   * topic milliseconds); stopped by a shutdown hook when the test JVM exits.
   */
  private static final class SharedBroker {
    static final SharedBroker INSTANCE = new SharedBroker();
    final EmbeddedKafka kafka = EmbeddedKafka.builder().build().start();

    private SharedBroker() {
      Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "conformance-broker-stop"));
    }
  }
}
