package dev.touchpoints.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompatibilityCheckTest {

  private static final Path AVRO = Path.of("src/main/avro");
  private static final Path HISTORY = Path.of("history");

  @TempDir Path tmp;

  @Test
  void shouldAcceptTheSchemasAsCommitted() {
    Map<String, Schema> current = CompatibilityCheck.parseCurrent(AVRO);

    assertThat(current)
        .containsKeys("dev.touchpoints.avro.WebEvent", "dev.touchpoints.avro.DeadLetter");
    assertThat(CompatibilityCheck.check(current, HISTORY)).isEmpty();
  }

  @Test
  void shouldFailTheBuildWhenARequiredFieldIsAddedWithoutDefault() throws IOException {
    Path avro = copyOfSources();
    String web = Files.readString(avro.resolve("Envelope.avsc"));
    Files.writeString(
        avro.resolve("Envelope.avsc"),
        web.replace(
            "\"fields\": [", "\"fields\": [\n    {\"name\": \"tenant\", \"type\": \"string\"},"));

    List<String> problems =
        CompatibilityCheck.check(CompatibilityCheck.parseCurrent(avro), HISTORY);

    assertThat(problems)
        .anySatisfy(
            p ->
                assertThat(p)
                    .contains(
                        "dev.touchpoints.avro.WebEvent is not BACKWARD compatible with v1.avsc")
                    .contains("READER_FIELD_MISSING_DEFAULT"));
  }

  @Test
  void shouldFailTheBuildWhenAnEnumSymbolWithoutDefaultIsRemoved() throws IOException {
    Path avro = copyOfSources();
    String support = Files.readString(avro.resolve("SupportEvent.avsc"));
    Files.writeString(
        avro.resolve("SupportEvent.avsc"), support.replace("[\"CSAT\", \"NPS\"]", "[\"CSAT\"]"));

    List<String> problems =
        CompatibilityCheck.check(CompatibilityCheck.parseCurrent(avro), HISTORY);

    assertThat(problems)
        .anySatisfy(
            p -> assertThat(p).contains("SupportEvent is not BACKWARD compatible with v1.avsc"));
  }

  @Test
  void shouldGateTheSubjectLedgerLikeThePublishedSchemas() {
    Map<String, Schema> current = CompatibilityCheck.parseCurrent(AVRO);

    assertThat(current).containsKey("dev.touchpoints.avro.internal.SubjectLedger");
    assertThat(HISTORY.resolve("dev.touchpoints.avro.internal.SubjectLedger/v1.avsc")).exists();
  }

  @Test
  void shouldFailTheBuildWhenALedgerFieldIsRenamed() throws IOException {
    // A rename is what silently reset a field for every customer when state was JSON of a POJO.
    Path avro = copyOfSources();
    String ledger = Files.readString(avro.resolve("SubjectLedger.avsc"));
    Files.writeString(
        avro.resolve("SubjectLedger.avsc"),
        ledger.replace(
            "{\"name\": \"lastActivityAt\", \"type\": \"long\", \"default\": 0,",
            "{\"name\": \"lastSeenAt\", \"type\": \"long\","));

    List<String> problems =
        CompatibilityCheck.check(CompatibilityCheck.parseCurrent(avro), HISTORY);

    assertThat(problems)
        .anySatisfy(
            p ->
                assertThat(p)
                    .contains("SubjectLedger is not BACKWARD compatible with v1.avsc")
                    .contains("READER_FIELD_MISSING_DEFAULT"));
  }

  @Test
  void shouldAskForANewVersionWhenACompatibleChangeIsNotRecorded() throws IOException {
    Path avro = copyOfSources();
    String envelope = Files.readString(avro.resolve("Envelope.avsc"));
    Files.writeString(
        avro.resolve("Envelope.avsc"),
        envelope.replace(
            "\"fields\": [",
            "\"fields\": [\n    {\"name\": \"tenant\", \"type\": [\"null\", \"string\"], \"default\": null},"));
    Map<String, Schema> changed = CompatibilityCheck.parseCurrent(avro);

    List<String> problems = CompatibilityCheck.check(changed, HISTORY);

    assertThat(problems)
        .anySatisfy(
            p -> assertThat(p).contains("WebEvent: changed since v1.avsc but not recorded"));
    assertThat(problems).noneMatch(p -> p.contains("not BACKWARD compatible"));
  }

  @Test
  void shouldRecordChangedSchemasAsTheNextVersion() {
    Map<String, Schema> current = CompatibilityCheck.parseCurrent(AVRO);

    List<Path> first = CompatibilityCheck.recordNewVersions(current, tmp);
    List<Path> second = CompatibilityCheck.recordNewVersions(current, tmp);

    assertThat(first)
        .hasSize(current.size())
        .allMatch(p -> p.getFileName().toString().equals("v1.avsc"));
    assertThat(second).isEmpty();
    assertThat(CompatibilityCheck.check(current, tmp)).isEmpty();
  }

  private Path copyOfSources() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("avro"));
    try (var files = Files.list(AVRO)) {
      for (Path f : files.toList()) {
        Files.copy(f, dir.resolve(f.getFileName()));
      }
    }
    return dir;
  }
}
