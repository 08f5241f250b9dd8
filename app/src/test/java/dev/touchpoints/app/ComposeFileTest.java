package dev.touchpoints.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchpoints.core.topics.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * There is no Docker engine on the build machines, so the compose file is checked offline: against
 * the Compose Specification schema (npm {@code dclint}), and against what the app really reads –
 * its subcommands, its setting keys and its ports.
 */
class ComposeFileTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path COMPOSE = ROOT.resolve("docker-compose.yml");
  private static final Path LINT = Path.of("src/test/compose").toAbsolutePath();
  private static final String IMAGE = "touchpoints:local";

  private static JsonNode compose;

  @TempDir Path tmp;

  @BeforeAll
  static void installLinterAndReadFile() throws Exception {
    if (!Files.isDirectory(LINT.resolve("node_modules/dclint"))) {
      assertThat(run(LINT, "npm", "ci", "--no-audit", "--no-fund").exitCode())
          .as("npm ci of the compose linter (Node.js and npm are required)")
          .isZero();
    }
    // SnakeYAML resolves the anchors and merge keys ("<<: *app") that Jackson's YAML parser keeps
    // raw.
    Object yaml = new Yaml().load(Files.readString(COMPOSE, StandardCharsets.UTF_8));
    compose = new ObjectMapper().valueToTree(yaml);
  }

  @Test
  void shouldValidateAgainstTheComposeSpecification() throws Exception {
    Result result = lint(COMPOSE);

    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  @Test
  void shouldRejectAFileThatBreaksTheSpecification() throws Exception {
    Path broken = tmp.resolve("docker-compose.yml");
    Files.writeString(
        broken,
        Files.readString(COMPOSE)
            .replace("    hostname: gateway\n", "    hostname: gateway\n    replicas-typo: 2\n"));

    Result result = lint(broken);

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.output()).contains("invalid-schema");
  }

  @Test
  void shouldCreateEveryTopicOfThePipeline() {
    String script = compose.path("services").path("topics").path("command").get(0).asText();
    Set<String> created = new HashSet<>();
    Matcher single = Pattern.compile("(?m)^\\s*create (\\S+) ").matcher(script);
    while (single.find()) {
      created.add(single.group(1));
    }
    Matcher loop =
        Pattern.compile("for t in ([a-z ]+); do create touchpoints\\.\\$\\$t ").matcher(script);
    while (loop.find()) {
      for (String t : loop.group(1).trim().split(" +")) {
        created.add("touchpoints." + t);
      }
    }

    assertThat(created).containsAll(Topics.DEFAULT_NAMES.values());
  }

  @Test
  void shouldRunOnlySubcommandsTheLauncherHas() {
    Set<String> subcommands = Main.commandLine().getSubcommands().keySet();

    for (JsonNode service : appServices()) {
      assertThat(subcommands).contains(service.path("command").get(0).asText());
    }
  }

  @Test
  void shouldSetOnlyKafkaPropertiesAndDocumentedSettings() throws IOException {
    Set<String> kafkaNames = new HashSet<>();
    kafkaNames.addAll(StreamsConfig.configDef().names());
    kafkaNames.addAll(ProducerConfig.configNames());
    kafkaNames.addAll(ConsumerConfig.configNames());
    kafkaNames.addAll(AdminClientConfig.configNames());
    Set<String> documented = documentedSettings();
    List<String> unknown = new ArrayList<>();

    for (JsonNode service : appServices()) {
      service
          .path("environment")
          .fieldNames()
          .forEachRemaining(
              name -> {
                String key = name.toLowerCase(Locale.ROOT);
                if (name.startsWith("KAFKA_")) {
                  if (!kafkaNames.contains(key.substring(6).replace('_', '.'))) {
                    unknown.add(name);
                  }
                } else if (name.startsWith("TOUCHPOINTS_")) {
                  if (!documented.contains(key.substring(12).replace('_', '.'))) {
                    unknown.add(name);
                  }
                } else {
                  unknown.add(name);
                }
              });
    }

    assertThat(unknown).as("env vars the app does not read").isEmpty();
  }

  @Test
  void shouldPublishTheContainerPortsTheAppListensOn() {
    for (JsonNode service : appServices()) {
      JsonNode env = service.path("environment");
      for (JsonNode port : service.path("ports")) {
        String containerPort = port.asText().substring(port.asText().lastIndexOf(':') + 1);
        String command = service.path("command").get(0).asText();
        String setting =
            command.equals("streams") ? "TOUCHPOINTS_QUERY_PORT" : "TOUCHPOINTS_GATEWAY_PORT";
        assertThat(env.path(setting).asText()).as(command + " " + setting).isEqualTo(containerPort);
      }
    }
  }

  @Test
  void shouldRunTheAlertDeliveryConnectorWithItsConfigAndEverySecretFromTheEnvironment()
      throws IOException {
    JsonNode service = compose.path("services").path("alert-delivery");
    assertThat(service.path("image").asText())
        .isEqualTo(compose.path("services").path("kafka").path("image").asText());
    Set<String> mounts = new HashSet<>();
    service.path("volumes").forEach(v -> mounts.add(v.asText()));
    assertThat(mounts)
        .contains(
            "./connect/target/plugin:/opt/touchpoints/plugins/touchpoints-connect:ro",
            "./connect/config:/etc/touchpoints/connect:ro");
    List<String> files = new ArrayList<>();
    service.path("command").forEach(c -> files.add(c.asText()));
    assertThat(files).hasSize(2);
    String worker = readMounted(files.get(0));
    String connector = readMounted(files.get(1));

    assertThat(worker).contains("plugin.path=/opt/touchpoints/plugins\n");
    assertThat(connector)
        .contains("connector.class=dev.touchpoints.connect.AlertDeliveryConnector")
        .contains("topics=" + Topics.DEFAULT_NAMES.get("alerts.json"));
    Matcher env = Pattern.compile("\\$\\{env:([A-Z_]+)}").matcher(connector);
    int references = 0;
    while (env.find()) {
      references++;
      assertThat(service.path("environment").has(env.group(1))).as(env.group(1)).isTrue();
    }
    assertThat(references).isPositive();
  }

  private static String readMounted(String containerPath) throws IOException {
    String prefix = "/etc/touchpoints/connect/";
    assertThat(containerPath).startsWith(prefix);
    return Files.readString(
        ROOT.resolve("connect/config").resolve(containerPath.substring(prefix.length())),
        StandardCharsets.UTF_8);
  }

  private static List<JsonNode> appServices() {
    List<JsonNode> services = new ArrayList<>();
    compose
        .path("services")
        .forEach(
            s -> {
              if (IMAGE.equals(s.path("image").asText())) {
                services.add(s);
              }
            });
    assertThat(services)
        .as("services built from the repo's Dockerfile")
        .hasSizeGreaterThanOrEqualTo(4);
    return services;
  }

  /** Setting keys written in backticks in the configuration docs, e.g. {@code `query.port`}. */
  private static Set<String> documentedSettings() throws IOException {
    Set<String> keys = new HashSet<>();
    Matcher m =
        Pattern.compile("`([a-z][a-z0-9]*(?:\\.[a-z0-9]+)+)`")
            .matcher(
                Files.readString(ROOT.resolve("docs/configuration.md"), StandardCharsets.UTF_8));
    while (m.find()) {
      keys.add(m.group(1));
    }
    return keys;
  }

  private static Result lint(Path file) throws Exception {
    return run(
        LINT,
        "npx",
        "--no-install",
        "dclint",
        "-c",
        ".dclintrc",
        "--max-warnings",
        "0",
        file.toString());
  }

  private record Result(int exitCode, String output) {}

  private static Result run(Path dir, String... command) throws Exception {
    Process process =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("%s finished", List.of(command)).isTrue();
    return new Result(process.exitValue(), output);
  }
}
