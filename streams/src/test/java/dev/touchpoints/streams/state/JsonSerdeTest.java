package dev.touchpoints.streams.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.touchpoints.avro.AlertStatus;
import dev.touchpoints.avro.AlertType;
import dev.touchpoints.avro.CaseKind;
import dev.touchpoints.avro.Severity;
import dev.touchpoints.streams.ledger.DueIndex;
import dev.touchpoints.streams.messages.IncidentSignal;
import dev.touchpoints.streams.rules.AlertDraft;
import dev.touchpoints.streams.rules.IncidentState;
import dev.touchpoints.streams.rules.SubjectState;
import dev.touchpoints.streams.scoring.ScoreState;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** State is written as Smile, and state written as JSON by earlier versions stays readable. */
class JsonSerdeTest {

  private final JsonSerde<SubjectState> serde = JsonSerde.of(SubjectState.class);

  private static SubjectState sample() {
    SubjectState s =
        SubjectState.first(
            "c-1",
            new ScoreState(
                new double[] {-1.5, 0, 2, 0, 0, 0, 0.5},
                1_000L,
                10L,
                List.of(new ScoreState.Snapshot(900L, -1.0)),
                List.of(new ScoreState.Contribution("web.self_service_failed", 500L, -11, "e-1")),
                List.of(new ScoreState.Contribution("web.self_service_failed", 500L, -11, "e-1"))),
            10L);
    s.eventCount = 3;
    s.lastEventAt = 1_000L;
    SubjectState.CaseInfo c = new SubjectState.CaseInfo();
    c.kind = CaseKind.values()[0];
    c.openedAt = 20L;
    c.nextUpdateDueAt = 2_000L;
    s.cases.put("case-1", c);
    SubjectState.ActiveAlert a = new SubjectState.ActiveAlert();
    a.type = AlertType.values()[0];
    a.severity = Severity.values()[0];
    a.raisedAt = 30L;
    a.evidence.add("e-1");
    s.alerts.put("silence:case-1", a);
    s.clocks.put("silence:case-1", 2_000L);
    s.brokenPromises.add(40L);
    return s;
  }

  private static String json(Object value) throws Exception {
    return JsonSerde.MAPPER.writeValueAsString(value);
  }

  @Test
  void writesSmileAndReadsItBack() throws Exception {
    SubjectState s = sample();
    byte[] bytes = serde.serializer().serialize("t", s);
    assertThat(JsonSerde.isSmile(bytes)).isTrue();
    SubjectState back = serde.deserializer().deserialize("t", bytes);
    assertThat(json(back)).isEqualTo(json(s));
    assertThat(bytes.length).isLessThan(json(s).getBytes(StandardCharsets.UTF_8).length);
  }

  @Test
  void readsStateWrittenAsJsonByEarlierVersions() throws Exception {
    SubjectState s = sample();
    byte[] legacy = json(s).getBytes(StandardCharsets.UTF_8);
    assertThat(legacy[0]).isEqualTo((byte) '{');
    SubjectState back = serde.deserializer().deserialize("t", legacy);
    assertThat(json(back)).isEqualTo(json(s));
    // ... and rewrites it as Smile.
    assertThat(JsonSerde.isSmile(serde.serializer().serialize("t", back))).isTrue();
    // Leading whitespace is still JSON.
    byte[] spaced = (" \n" + json(s)).getBytes(StandardCharsets.UTF_8);
    assertThat(json(serde.deserializer().deserialize("t", spaced))).isEqualTo(json(s));
  }

  @Test
  void ignoresUnknownFieldsInBothEncodings() throws Exception {
    ObjectNode tree = JsonSerde.MAPPER.valueToTree(sample());
    tree.put("addedInALaterVersion", "x");
    tree.putObject("anotherOne").put("n", 1);
    SubjectState fromJson =
        serde.deserializer().deserialize("t", JsonSerde.MAPPER.writeValueAsBytes(tree));
    SubjectState fromSmile =
        serde.deserializer().deserialize("t", JsonSerde.SMILE.writeValueAsBytes(tree));
    assertThat(json(fromJson)).isEqualTo(json(sample()));
    assertThat(json(fromSmile)).isEqualTo(json(sample()));
  }

  @Test
  void leavesEmptyFieldsOut() throws Exception {
    SubjectState idle = SubjectState.first("c-2", null, 5L);
    byte[] bytes = serde.serializer().serialize("t", idle);
    String asJson = JsonSerde.SMILE.readTree(bytes).toString();
    assertThat(asJson).doesNotContain("cases").doesNotContain("alerts").contains("c-2");
  }

  @Test
  void theJsonVariantWritesJsonAndReadsBoth() throws Exception {
    JsonSerde<IncidentSignal> signals = JsonSerde.json(IncidentSignal.class);
    IncidentSignal f = IncidentSignal.failure("web.self_service_failed.login", "c-1", "e-1", 7L);
    byte[] bytes = signals.serializer().serialize("t", f);
    assertThat(new String(bytes, StandardCharsets.UTF_8)).startsWith("{");
    assertThat(signals.deserializer().deserialize("t", bytes)).isEqualTo(f);
    byte[] smile = JsonSerde.of(IncidentSignal.class).serializer().serialize("t", f);
    assertThat(signals.deserializer().deserialize("t", smile)).isEqualTo(f);
    IncidentSignal alert =
        IncidentSignal.alert(
            "c-1",
            new AlertDraft(
                AlertType.SELF_SERVICE_FAILED,
                AlertStatus.RAISED,
                Severity.WARNING,
                7L,
                "Why.",
                "Next.",
                List.of("e-1", "e-2"),
                "self-service:web.self_service_failed.login",
                null,
                false,
                "web.self_service_failed.login",
                null));
    assertThat(signals.deserializer().deserialize("t", signals.serializer().serialize("t", alert)))
        .isEqualTo(alert);
  }

  @Test
  void otherStateTypesRoundTrip() throws Exception {
    IncidentState s = new IncidentState();
    s.kind = "web.self_service_failed.login";
    s.windowAffected = 4;
    s.baseline = 1.25;
    s.samples.add("e-1");
    JsonSerde<IncidentState> incidents = JsonSerde.of(IncidentState.class);
    IncidentState back =
        incidents.deserializer().deserialize("t", incidents.serializer().serialize("t", s));
    assertThat(json(back)).isEqualTo(json(s));
    DueIndex.DueEntry e = new DueIndex.DueEntry("c-1", "silence:case-1", 99L);
    JsonSerde<DueIndex.DueEntry> due = JsonSerde.of(DueIndex.DueEntry.class);
    assertThat(due.deserializer().deserialize("t", due.serializer().serialize("t", e)))
        .isEqualTo(e);
    assertThat(due.deserializer().deserialize("t", JsonSerde.MAPPER.writeValueAsBytes(e)))
        .isEqualTo(e);
  }
}
