package dev.touchpoints.streams.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchpoints.serde.AvroJson;
import dev.touchpoints.streams.TestData;
import dev.touchpoints.streams.records.ExperienceRecords;
import dev.touchpoints.streams.rules.SubjectState;
import dev.touchpoints.streams.scoring.ScoringModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The subject ledger on disk. Golden fixtures under {@code src/test/resources/ledger}: {@code v0}
 * holds states written by the release before the ledger (Smile, and JSON text as the earliest
 * releases wrote it) with the view that release derived from each; {@code v1} holds the same states
 * written as ledger version 1. Both must load, and give the same view, in every later release.
 */
class LedgerSerdeTest {

  private static final Path FIXTURES = Path.of("src/test/resources/ledger");
  private static final ObjectMapper JSON = new ObjectMapper();
  private final ScoringModel model = new ScoringModel(TestData.policy(Map.of()).scoring());

  static Stream<String> legacyStates() throws IOException {
    try (Stream<Path> files = Files.list(FIXTURES.resolve("v0"))) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".smile") || n.endsWith("-json.json"))
          .sorted()
          .toList()
          .stream();
    }
  }

  /** Every ledger fixture of every recorded version, as "v1/state-00.smile.ledger". */
  static Stream<String> ledgerStates() throws IOException {
    List<String> all = new java.util.ArrayList<>();
    for (int v = 1; v <= LedgerSerde.CURRENT; v++) {
      String dir = "v" + v;
      try (Stream<Path> files = Files.list(FIXTURES.resolve(dir))) {
        files.map(p -> dir + "/" + p.getFileName()).sorted().forEach(all::add);
      }
    }
    return all.stream();
  }

  @ParameterizedTest
  @MethodSource("legacyStates")
  void shouldLoadStateWrittenBeforeTheLedgerWithTheViewThatReleasePublished(String file)
      throws IOException {
    // Given bytes as the release before the ledger wrote them
    byte[] bytes = Files.readAllBytes(FIXTURES.resolve("v0").resolve(file));
    assertThat(LedgerSerde.versionOf(bytes)).isZero();

    // When they are read, and written back as a ledger and read again
    SubjectState legacy = LedgerSerde.read(bytes);
    SubjectState migrated = LedgerSerde.read(LedgerSerde.write(legacy));

    // Then both give exactly the view that release derived
    JsonNode expected = JSON.readTree(FIXTURES.resolve("v0").resolve(viewOf(file)).toFile());
    assertThat(view(legacy)).isEqualTo(expected);
    assertThat(view(migrated)).isEqualTo(expected);
    assertThat(LedgerCodec.toLedger(migrated)).isEqualTo(LedgerCodec.toLedger(legacy));
  }

  @ParameterizedTest
  @MethodSource("ledgerStates")
  void shouldLoadLedgersOfEveryRecordedVersion(String file) throws IOException {
    // Given a ledger written by a release of that ledger version
    byte[] bytes = Files.readAllBytes(FIXTURES.resolve(file));
    int version = Integer.parseInt(file.substring(1, file.indexOf('/')));
    assertThat(LedgerSerde.versionOf(bytes)).isEqualTo(version);

    // When it is read
    SubjectState state = LedgerSerde.read(bytes);

    // Then it is the state that the pre-ledger fixture of the same name holds
    String legacyName = file.substring(file.indexOf('/') + 1).replace(".ledger", "");
    SubjectState legacy =
        LedgerSerde.read(Files.readAllBytes(FIXTURES.resolve("v0").resolve(legacyName)));
    assertThat(LedgerCodec.toLedger(state)).isEqualTo(LedgerCodec.toLedger(legacy));
    JsonNode expected = JSON.readTree(FIXTURES.resolve("v0").resolve(viewOf(legacyName)).toFile());
    assertThat(view(state)).isEqualTo(expected);
  }

  @Test
  void shouldKeepFixturesOfEveryRecordedVersion() {
    for (int v = 1; v <= LedgerSerde.CURRENT; v++) {
      assertThat(FIXTURES.resolve("v" + v)).isDirectory();
    }
  }

  @Test
  void shouldCoverEverySliceInTheGoldenFixtures() throws IOException {
    List<SubjectState> states =
        legacyStates().map(f -> LedgerSerde.read(read(FIXTURES.resolve("v0").resolve(f)))).toList();

    assertThat(states).anyMatch(s -> !s.cases.isEmpty());
    assertThat(states).anyMatch(s -> !s.promises.isEmpty());
    assertThat(states).anyMatch(s -> !s.brokenPromises.isEmpty());
    assertThat(states).anyMatch(s -> !s.failures.isEmpty());
    assertThat(states).anyMatch(s -> s.overdue != null);
    assertThat(states).anyMatch(s -> !s.alerts.isEmpty());
    assertThat(states).anyMatch(s -> !s.clocks.isEmpty());
    assertThat(states).anyMatch(s -> !s.score.snapshots().isEmpty());
  }

  @Property(tries = 300)
  void shouldWriteAndReadEveryFieldOfEverySlice(@ForAll long seed) {
    SubjectState state = RandomStates.of(seed);

    byte[] bytes = LedgerSerde.write(state);
    SubjectState back = LedgerSerde.read(bytes);

    assertThat(LedgerSerde.versionOf(bytes)).isEqualTo(LedgerSerde.CURRENT);
    assertThat(LedgerCodec.toLedger(back)).isEqualTo(LedgerCodec.toLedger(state));
    assertThat(back.copy().seenEvents).isEqualTo(state.seenEvents);
    assertThat(LedgerCodec.toLedger(state.copy())).isEqualTo(LedgerCodec.toLedger(state));
  }

  @Test
  void shouldRefuseALedgerWrittenByANewerRelease() {
    byte[] bytes = LedgerSerde.write(RandomStates.of(1));
    bytes[1] = (byte) (LedgerSerde.CURRENT + 1);

    assertThatThrownBy(() -> LedgerSerde.read(bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("version " + (LedgerSerde.CURRENT + 1))
        .hasMessageContaining("newer release");
  }

  /** The view as JSON, parsed the way the fixture is, so numbers compare by value. */
  private JsonNode view(SubjectState state) throws IOException {
    return JSON.readTree(AvroJson.toJson(ExperienceRecords.experience(state, model)).toString());
  }

  private static String viewOf(String stateFile) {
    return stateFile.replace("-json.json", "-json").replace(".smile", "") + ".view.json";
  }

  private static byte[] read(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
