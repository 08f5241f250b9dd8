package dev.touchpoints.platform.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchpoints.avro.Envelope;
import dev.touchpoints.avro.PageViewed;
import dev.touchpoints.avro.WebEvent;
import dev.touchpoints.platform.kafka.EmbeddedKafka;
import dev.touchpoints.platform.registry.RegistryHttp;
import dev.touchpoints.platform.registry.RegistryServer;
import dev.touchpoints.platform.registry.TestSchemas;
import dev.touchpoints.serde.AvroDeserializer;
import dev.touchpoints.serde.AvroSerializer;
import dev.touchpoints.serde.RestSchemaRegistryClient;
import dev.touchpoints.serde.SchemaRegistryClient;
import dev.touchpoints.serde.SchemaRegistryClients;
import dev.touchpoints.serde.SerdeConfig;
import dev.touchpoints.serde.SpecificAvroSerde;
import dev.touchpoints.serde.WireFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry and the Java serdes against real third-party npm clients: Confluent's own
 * {@code @confluentinc/schemaregistry} and {@code @kafkajs/confluent-schema-registry}, pinned in
 * {@code src/test/interop/package.json}. Node scripts there register, encode and decode; this test
 * runs them against a real broker and registry and checks what they wrote and read.
 *
 * <p>Needs {@code node} and {@code npm} on the PATH; installs the pinned packages with {@code npm
 * ci} when {@code node_modules} is missing. There is no skip: without Node the test fails and says
 * why.
 */
class NpmClientsInteropIT {

  private static final Path INTEROP_DIR = Path.of("src", "test", "interop").toAbsolutePath();
  private static final Duration NPM_CI_TIMEOUT = Duration.ofMinutes(10);
  private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(30);
  private static final boolean WINDOWS =
      System.getProperty("os.name", "").toLowerCase().startsWith("windows");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PAGE_VIEWED = "dev.touchpoints.avro.PageViewed";

  /** The two clients; each has a script in the interop folder with the same three commands. */
  enum NodeClient {
    CONFLUENT("confluent.js", "@confluentinc/schemaregistry"),
    KAFKAJS("kafkajs.js", "@kafkajs/confluent-schema-registry");

    final String script;
    final String packageName;

    NodeClient(String script, String packageName) {
      this.script = script;
      this.packageName = packageName;
    }

    String slug() {
      return name().toLowerCase();
    }
  }

  @TempDir static Path work;

  private static EmbeddedKafka kafka;
  private static RegistryServer server;
  private static SpecificAvroSerde<WebEvent> serde;
  private static SchemaRegistryClient registry;
  private static Path schemaFile;

  @BeforeAll
  static void startPlatformAndInstallClients() throws IOException {
    String nodeVersion = toolVersion(List.of("node", "--version"), "node");
    String npmVersion = toolVersion(List.of(npm(), "--version"), "npm");
    installClientsIfMissing();
    System.err.printf(
        "Interop with node %s, npm %s, %s %s, %s %s%n",
        nodeVersion,
        npmVersion,
        NodeClient.CONFLUENT.packageName,
        installedVersion(NodeClient.CONFLUENT),
        NodeClient.KAFKAJS.packageName,
        installedVersion(NodeClient.KAFKAJS));

    kafka = EmbeddedKafka.builder().build().start();
    server = RegistryServer.start(kafka.bootstrapServers(), 0);
    Map<String, Object> config = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, server.url());
    serde = SpecificAvroSerde.of(WebEvent.class, config, false);
    registry = SchemaRegistryClients.forConfig(SerdeConfig.from(config));
    // Another schema first, so WebEvent does not get id 1 and a client that ignored the id in
    // the bytes could not pass by luck.
    registry.register("interop-envelope-value", Envelope.getClassSchema());

    // The node side reads the schema the way a JS project keeps it: a pretty-printed .avsc file.
    // The Java serializer registers the compact form; the registry must treat both as one schema.
    schemaFile = work.resolve("WebEvent.avsc");
    Files.writeString(schemaFile, WebEvent.getClassSchema().toString(true));
  }

  @AfterAll
  static void stopPlatform() {
    if (serde != null) {
      serde.close();
    }
    if (server != null) {
      server.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  // --- register, encode, decode back within one client ---

  @Test
  void shouldRegisterEncodeAndDecodeBackWithConfluentNodeClient() {
    shouldRegisterEncodeAndDecodeBack(NodeClient.CONFLUENT);
  }

  @Test
  void shouldRegisterEncodeAndDecodeBackWithKafkajsNodeClient() {
    shouldRegisterEncodeAndDecodeBack(NodeClient.KAFKAJS);
  }

  private void shouldRegisterEncodeAndDecodeBack(NodeClient client) {
    String topic = "interop-roundtrip-" + client.slug();
    Map<String, Object> fields = fields("rt-" + client.slug(), "order-7", "/checkout");

    JsonNode result = roundtrip(client, topic, fields);

    assertThat(result.get("client").asText()).isEqualTo(client.packageName);
    assertThat(result.get("subject").asText()).isEqualTo(topic + "-value");
    assertThat(result.get("id").asInt()).isEqualTo(javaSchemaId());
    assertFlatRecord(result.get("record"), fields);
  }

  // --- Java writes, node reads ---

  @Test
  void shouldDecodeJavaSerializedRecordWithConfluentNodeClient() {
    shouldDecodeJavaSerializedRecord(NodeClient.CONFLUENT);
  }

  @Test
  void shouldDecodeJavaSerializedRecordWithKafkajsNodeClient() {
    shouldDecodeJavaSerializedRecord(NodeClient.KAFKAJS);
  }

  private void shouldDecodeJavaSerializedRecord(NodeClient client) {
    String topic = "interop-java-to-" + client.slug();
    Map<String, Object> fields = fields("java-" + client.slug(), "order-42", "/pricing");
    byte[] bytes = serde.serializer().serialize(topic, webEvent(fields));
    Path in = writeHex(client.slug() + "-from-java.hex", bytes);
    Path out = work.resolve(client.slug() + "-decoded.json");

    JsonNode result = runScript(client, "decode", server.url(), topic, in, out);

    assertThat(result.get("schemaId").asInt()).isEqualTo(WireFormat.schemaId(bytes));
    assertFlatRecord(result.get("record"), fields);
    assertThat(result.get("decoded"))
        .isEqualTo(
            json(
                Map.of(
                    "envelope",
                    envelopeJson(fields),
                    "payload",
                    Map.of(PAGE_VIEWED, Map.of("path", fields.get("path"))))));
  }

  // --- node writes, Java reads ---

  @Test
  void shouldDeserializeRecordEncodedByConfluentNodeClientInJava() {
    shouldDeserializeRecordEncodedByNode(NodeClient.CONFLUENT);
  }

  @Test
  void shouldDeserializeRecordEncodedByKafkajsNodeClientInJava() {
    shouldDeserializeRecordEncodedByNode(NodeClient.KAFKAJS);
  }

  private void shouldDeserializeRecordEncodedByNode(NodeClient client) {
    String topic = "interop-" + client.slug() + "-to-java";
    // No correlation id: the ["null","string"] union's null branch crosses over too.
    Map<String, Object> fields = fields("node-" + client.slug(), null, "/support/contact");
    Path in = writeFields(client.slug() + "-to-java.json", fields);
    Path out = work.resolve(client.slug() + "-to-java.hex");

    run(
        client,
        "encode",
        server.url(),
        schemaFile.toString(),
        topic,
        in.toString(),
        out.toString());
    byte[] bytes = readHex(out);
    WebEvent event = serde.deserializer().deserialize(topic, bytes);

    assertThat(WireFormat.schemaId(bytes)).isEqualTo(javaSchemaId());
    assertThat(event.getEnvelope().getEventId()).isEqualTo(fields.get("eventId"));
    assertThat(event.getEnvelope().getSubjectId()).isEqualTo(fields.get("subjectId"));
    assertThat(event.getEnvelope().getOccurredAt())
        .isEqualTo(Instant.ofEpochMilli((Long) fields.get("occurredAt")));
    assertThat(event.getEnvelope().getSource()).isEqualTo(fields.get("source"));
    assertThat(event.getEnvelope().getCorrelationId()).isNull();
    assertThat(event.getPayload())
        .isInstanceOfSatisfying(
            PageViewed.class, page -> assertThat(page.getPath()).isEqualTo(fields.get("path")));
    // Same schema id and same Avro binary encoding: the bytes are the ones Java would write.
    assertThat(bytes).isEqualTo(serde.serializer().serialize(topic, event));
  }

  // --- ids ---

  @Test
  void shouldAgreeOnSchemaIdForSameSubjectAndSchemaWithJavaAndBothNodeClients() {
    String topic = "interop-shared";
    String subject = topic + "-value";
    Map<String, Object> fields = fields("shared", "order-1", "/");
    byte[] javaBytes = serde.serializer().serialize(topic, webEvent(fields));
    int javaId = WireFormat.schemaId(javaBytes);

    JsonNode confluent = roundtrip(NodeClient.CONFLUENT, topic, fields);
    JsonNode kafkajs = roundtrip(NodeClient.KAFKAJS, topic, fields);
    JsonNode confluentElsewhere = roundtrip(NodeClient.CONFLUENT, topic + "-confluent", fields);
    JsonNode kafkajsElsewhere = roundtrip(NodeClient.KAFKAJS, topic + "-kafkajs", fields);

    assertThat(List.of(confluent, kafkajs, confluentElsewhere, kafkajsElsewhere))
        .extracting(result -> result.get("id").asInt())
        .containsOnly(javaId);
    // The reformatted schema text did not become a second version of the subject.
    assertThat(registry.getLatest(subject).version()).isEqualTo(1);
    assertThat(registry.getLatest(subject).id()).isEqualTo(javaId);
    // Same id and the same datum: every side writes identical bytes for the same record.
    assertThat(List.of(confluent, kafkajs))
        .extracting(result -> result.get("hex").asText())
        .containsOnly(HexFormat.of().formatHex(javaBytes));
  }

  // --- helpers ---

  // --- schema references: Order takes Customer from another subject ---

  @Test
  void shouldRoundTripRecordWithSchemaReferenceBetweenJavaAndConfluentNodeClient()
      throws IOException {
    String topic = "interop-references";
    String customer = TestSchemas.REF_CUSTOMER;
    String order = TestSchemas.REF_ORDER;
    RegistryHttp http = new RegistryHttp(server.url());
    http.register(topic + "-customer", customer);
    int orderId = http.registerOrderReferencing(topic + "-value", topic + "-customer");
    GenericRecord javaOrder = TestSchemas.refOrder("c-java", 42L);
    Map<String, Object> config = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, server.url());
    AvroSerializer serializer = new AvroSerializer();
    serializer.configure(config, false);
    byte[] javaBytes = serializer.serialize(topic, javaOrder);
    Path customerFile = work.resolve("Customer.avsc");
    Path orderFile = work.resolve("Order.avsc");
    Path javaBytesFile = work.resolve("order-from-java.hex");
    Files.writeString(customerFile, customer);
    Files.writeString(orderFile, order);
    Files.writeString(javaBytesFile, HexFormat.of().formatHex(javaBytes));

    JsonNode result =
        runScript(
            NodeClient.CONFLUENT,
            "references",
            server.url(),
            customerFile,
            orderFile,
            topic,
            javaBytesFile,
            work.resolve("references.json"));

    assertThat(WireFormat.schemaId(javaBytes)).isEqualTo(orderId);
    assertThat(result.get("id").asInt()).isEqualTo(orderId);
    assertThat(result.get("decodedJava").get("customer").get("id").asText()).isEqualTo("c-java");
    assertThat(result.get("decodedJava").get("amount").asLong()).isEqualTo(42L);
    AvroDeserializer deserializer =
        new AvroDeserializer(new RestSchemaRegistryClient(SerdeConfig.from(config)), config);
    GenericRecord fromNode =
        (GenericRecord)
            deserializer.deserialize(topic, HexFormat.of().parseHex(result.get("hex").asText()));
    assertThat(((GenericRecord) fromNode.get("customer")).get("id").toString()).isEqualTo("c-node");
    assertThat(fromNode.get("amount")).isEqualTo(7L);
  }

  /** The id the Java serializer uses for WebEvent (registering it if no test has yet). */
  private static int javaSchemaId() {
    return registry.register("interop-java-value", WebEvent.getClassSchema());
  }

  private static JsonNode roundtrip(NodeClient client, String topic, Map<String, Object> fields) {
    String name = client.slug() + "-" + topic;
    Path in = writeFields(name + "-fields.json", fields);
    Path out = work.resolve(name + "-roundtrip.json");
    return runScript(client, "roundtrip", server.url(), schemaFile.toString(), topic, in, out);
  }

  /** Runs a script command whose last argument is the JSON result file, and reads that file. */
  private static JsonNode runScript(NodeClient client, String command, Object... args) {
    List<String> arguments = new ArrayList<>();
    for (Object arg : args) {
      arguments.add(arg.toString());
    }
    run(client, command, arguments.toArray(String[]::new));
    Path result = Path.of(arguments.get(arguments.size() - 1));
    try {
      return JSON.readTree(Files.readString(result));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the result " + result, e);
    }
  }

  /** Runs {@code node <script> <command> <args…>} in the interop folder and expects exit 0. */
  private static void run(NodeClient client, String command, String... args) {
    List<String> line = new ArrayList<>(List.of("node", client.script, command));
    line.addAll(List.of(args));
    String label = client.script + " " + command;
    Path log = work.resolve(client.slug() + "-" + command + "-" + System.nanoTime() + ".log");
    Outcome outcome = exec(line, log, SCRIPT_TIMEOUT);
    if (outcome.timedOut()) {
      fail("%s did not finish within %s:%n%s", label, SCRIPT_TIMEOUT, outcome.output());
    }
    assertThat(outcome.exitCode())
        .as("exit code of %s (%s), output:%n%s", label, client.packageName, outcome.output())
        .isZero();
  }

  private record Outcome(boolean timedOut, int exitCode, String output) {}

  /** Runs a command in the interop folder, output (stdout and stderr) to a log, bounded wait. */
  private static Outcome exec(List<String> command, Path log, Duration timeout) {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(INTEROP_DIR.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + String.join(" ", command), e);
    }
    try {
      boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!finished) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
      return new Outcome(!finished, finished ? process.exitValue() : -1, readLog(log));
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while running " + command, e);
    }
  }

  private static String readLog(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(output unreadable: " + e + ")";
    }
  }

  private static String npm() {
    return WINDOWS ? "npm.cmd" : "npm";
  }

  /** The tool's version, or a failure that says Node.js is needed (this test never skips). */
  private static String toolVersion(List<String> command, String tool) throws IOException {
    Path log = Files.createTempFile(work, tool, ".version");
    Outcome outcome;
    try {
      outcome = exec(command, log, VERSION_TIMEOUT);
    } catch (UncheckedIOException e) {
      return fail(
          "NpmClientsInteropIT needs '%s' on the PATH (Node.js 18 or newer with npm) to run the"
              + " third-party registry clients in %s; it was not found: %s",
          tool, INTEROP_DIR, e.getCause().getMessage());
    }
    if (outcome.timedOut() || outcome.exitCode() != 0) {
      return fail("'%s' is on the PATH but does not work:%n%s", command, outcome.output());
    }
    return outcome.output().trim();
  }

  /** {@code npm ci} from the committed lock file when the clients are not installed yet. */
  private static void installClientsIfMissing() throws IOException {
    assertThat(INTEROP_DIR.resolve("package-lock.json"))
        .as("interop folder with package.json and package-lock.json")
        .exists();
    boolean installed =
        Files.isDirectory(INTEROP_DIR.resolve("node_modules"))
            && List.of(NodeClient.values()).stream().allMatch(c -> Files.exists(packageJson(c)));
    if (installed) {
      return;
    }
    Path log = Files.createTempFile(work, "npm-ci", ".log");
    Outcome outcome = exec(List.of(npm(), "ci", "--no-audit", "--no-fund"), log, NPM_CI_TIMEOUT);
    if (outcome.timedOut() || outcome.exitCode() != 0) {
      fail(
          "'npm ci --no-audit --no-fund' in %s %s:%n%s",
          INTEROP_DIR,
          outcome.timedOut() ? "did not finish within " + NPM_CI_TIMEOUT : "failed",
          outcome.output());
    }
  }

  private static Path packageJson(NodeClient client) {
    return INTEROP_DIR.resolve("node_modules").resolve(client.packageName).resolve("package.json");
  }

  private static String installedVersion(NodeClient client) {
    try {
      return JSON.readTree(packageJson(client).toFile()).get("version").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Object> fields(String eventId, String correlationId, String path) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("eventId", eventId);
    fields.put("subjectId", "subject-" + eventId);
    // Millisecond precision, as timestamp-millis keeps it; beyond 2^32 so it needs a long.
    fields.put("occurredAt", Instant.parse("2025-03-14T09:26:53.589Z").toEpochMilli());
    fields.put("source", "webshop");
    fields.put("correlationId", correlationId);
    fields.put("path", path);
    return fields;
  }

  private static WebEvent webEvent(Map<String, Object> fields) {
    return WebEvent.newBuilder()
        .setEnvelope(
            Envelope.newBuilder()
                .setEventId((String) fields.get("eventId"))
                .setSubjectId((String) fields.get("subjectId"))
                .setOccurredAt(Instant.ofEpochMilli((Long) fields.get("occurredAt")))
                .setSource((String) fields.get("source"))
                .setCorrelationId((String) fields.get("correlationId"))
                .build())
        .setPayload(PageViewed.newBuilder().setPath((String) fields.get("path")).build())
        .build();
  }

  private static Map<String, Object> envelopeJson(Map<String, Object> fields) {
    Map<String, Object> envelope = new LinkedHashMap<>(fields);
    envelope.remove("path");
    return envelope;
  }

  private static void assertFlatRecord(JsonNode record, Map<String, Object> fields) {
    Map<String, Object> expected = new LinkedHashMap<>(fields);
    expected.put("payloadType", PAGE_VIEWED);
    assertThat(record).isEqualTo(json(expected));
  }

  private static JsonNode json(Object value) {
    return JSON.valueToTree(value);
  }

  private static Path writeFields(String name, Map<String, Object> fields) {
    Path file = work.resolve(name);
    try {
      JSON.writeValue(file.toFile(), fields);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  private static Path writeHex(String name, byte[] bytes) {
    Path file = work.resolve(name);
    try {
      Files.writeString(file, HexFormat.of().formatHex(bytes) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  private static byte[] readHex(Path file) {
    try {
      return HexFormat.of().parseHex(Files.readString(file).trim());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the bytes node wrote to " + file, e);
    }
  }
}
