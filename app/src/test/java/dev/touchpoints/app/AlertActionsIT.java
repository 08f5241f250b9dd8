package dev.touchpoints.app;

import static dev.touchpoints.app.AppIt.READ_KEY;
import static dev.touchpoints.app.AppIt.envelope;
import static dev.touchpoints.app.AppIt.get;
import static dev.touchpoints.app.AppIt.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchpoints.avro.AlertAction;
import dev.touchpoints.avro.AlertStatus;
import dev.touchpoints.avro.AlertType;
import dev.touchpoints.avro.CaseKind;
import dev.touchpoints.avro.CaseOpened;
import dev.touchpoints.avro.CustomerAlert;
import dev.touchpoints.avro.PromiseMade;
import dev.touchpoints.avro.SupportEvent;
import dev.touchpoints.core.auth.ApiKeys;
import dev.touchpoints.core.config.AppConfig;
import dev.touchpoints.core.topics.Topics;
import dev.touchpoints.ops.OpsCommand;
import dev.touchpoints.platform.Platform;
import dev.touchpoints.producers.publisher.TouchpointPublisher;
import dev.touchpoints.streams.EngineInstance;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Acting on an alert end to end, on a real broker and registry: a promise breaks, ops acknowledge,
 * assign, snooze and annotate the alert with {@code touchpoints alerts ack|assign|snooze|note} and
 * the query API; every instance's API shows it, it survives a restart of the engine on an empty
 * state directory (the ledger comes back from its changelog), and a snooze ends in a reminder on
 * the alert topic.
 */
class AlertActionsIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String subject = "act-on-me-" + UUID.randomUUID();

  @Test
  void shouldShowWhatOpsDidOnTheAlertEverywhereAndAfterARestartAndRemindWhenTheSnoozeEnds()
      throws Exception {
    try (Platform platform = Platform.startTemporary()) {
      AppConfig config =
          AppIt.config(platform, "actions-it", Files.createTempDirectory("actions-it").toString());
      Topics topics = Topics.fromConfig(config);
      List<EngineInstance> started = new ArrayList<>();
      EngineInstance engine = EngineInstance.start(config, true);
      started.add(engine);
      try (TouchpointPublisher publisher = TouchpointPublisher.create(config, topics)) {
        // Given a customer whose promise broke
        Instant now = Instant.now();
        publisher.publish(
            support(now.minusSeconds(300), new CaseOpened("case-1", CaseKind.COMPLAINT, null)));
        publisher.publish(
            support(
                now.minusSeconds(290),
                new PromiseMade("p-1", "case-1", now.minusSeconds(200), "a call back")));
        JsonNode alert = awaitOpenAlert(engine);
        String alertId = alert.get("alertId").asText();
        assertThat(alert.get("type").asText()).isEqualTo(AlertType.PROMISE_BROKEN.name());
        assertThat(alert.has("handling")).isFalse();

        // When ops acknowledge, assign, snooze and annotate it with the CLI
        String api = "http://localhost:" + engine.queryPort();
        assertThat(cli(api, "ack", alertId, "--by", "Maria")).contains("Acknowledged by Maria");
        assertThat(cli(api, "assign", alertId, "--to", "jussi", "--by", "Maria"))
            .contains("Assigned to jussi.");
        assertThat(cli(api, "snooze", alertId, "--for", "2h", "--by", "Jussi"))
            .contains("Snoozed until");
        assertThat(cli(api, "note", alertId, "Called her, no answer", "--by", "Jussi"))
            .contains("Noted (1 notes");
        // and one more note through the API itself
        HttpResponse<String> posted =
            AppIt.post(
                engine.queryPort(),
                "/v1/alerts/" + alertId + "/actions",
                "{\"action\":\"note\",\"text\":\"Left a voicemail\",\"by\":\"Jussi\"}",
                READ_KEY);
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);

        // Then the query API shows who did what on the alert, in the listing and the card
        await("the API note applied")
            .atMost(Duration.ofSeconds(30))
            .until(() -> handling(engine, alertId).path("notes").size() == 2);
        JsonNode handling = handling(engine, alertId);
        assertHandled(handling);
        JsonNode card = JSON.readTree(get(engine.queryPort(), "/v1/subjects/" + subject).body());
        assertThat(card.get("activeAlerts"))
            .filteredOn(a -> a.get("alertId").asText().equals(alertId))
            .singleElement()
            .satisfies(a -> assertThat(a.get("handling")).isEqualTo(handling));
        // the actions are on their topic, with who did them by name and key fingerprint
        List<ConsumerRecord<String, AlertAction>> actions =
            readAll(platform, topics.alertActions());
        assertThat(actions).hasSize(5).allSatisfy(r -> assertThat(r.key()).isEqualTo(subject));
        assertThat(actions.get(0).value().getBy())
            .isEqualTo("Maria (key " + ApiKeys.fingerprint(READ_KEY) + ")");
        // and no alert record was sent for them
        assertThat(readAll(platform, topics.customerAlerts()))
            .filteredOn(r -> r.value().getAlertId().equals(alertId))
            .hasSize(1);

        // When the engine restarts on an empty state directory
        engine.close();
        EngineInstance restarted =
            EngineInstance.start(
                config.withKafka(
                    "state.dir", Files.createTempDirectory("actions-it-restart").toString()),
                false);
        started.add(restarted);
        await("the restarted engine is ready")
            .atMost(Duration.ofSeconds(90))
            .until(() -> get(restarted.queryPort(), "/ready").statusCode() == 200);

        // Then the alert shows the same
        await("the alert is served again")
            .atMost(Duration.ofSeconds(60))
            .until(() -> get(restarted.queryPort(), "/v1/alerts/" + alertId).statusCode() == 200);
        assertThat(handling(restarted, alertId)).isEqualTo(handling);

        // When it is snoozed for three seconds
        String restartedApi = "http://localhost:" + restarted.queryPort();
        assertThat(cli(restartedApi, "snooze", alertId, "--for", "3s", "--by", "Jussi"))
            .contains("Snoozed until");

        // Then a reminder of the alert goes out when the snooze ends: the alert again, same id
        await("the reminder on the alert topic")
            .atMost(Duration.ofSeconds(60))
            .until(() -> reminders(platform, topics).size() == 1);
        CustomerAlert reminder = reminders(platform, topics).get(0);
        assertThat(reminder.getAlertId()).isEqualTo(alertId);
        assertThat(reminder.getStatus()).isEqualTo(AlertStatus.RAISED);
        assertThat(handling(restarted, alertId).get("snoozed").asBoolean()).isFalse();
        assertThat(handling(restarted, alertId).get("acknowledgedBy").asText()).startsWith("Maria");
      } finally {
        started.forEach(EngineInstance::close);
      }
    }
  }

  private static void assertHandled(JsonNode handling) {
    assertThat(handling.get("acknowledgedBy").asText()).startsWith("Maria (key ");
    assertThat(handling.get("assignee").asText()).isEqualTo("jussi");
    assertThat(handling.get("snoozed").asBoolean()).isTrue();
    assertThat(Instant.parse(handling.get("snoozedUntil").asText()))
        .isAfter(Instant.now().plus(Duration.ofMinutes(100)));
    assertThat(handling.get("notes"))
        .extracting(n -> n.get("text").asText())
        .containsExactly("Called her, no answer", "Left a voicemail");
  }

  private JsonNode awaitOpenAlert(EngineInstance engine) throws Exception {
    await("the broken promise's alert")
        .atMost(Duration.ofSeconds(90))
        .until(() -> brokenPromise(engine) != null);
    return brokenPromise(engine);
  }

  private JsonNode brokenPromise(EngineInstance engine) throws Exception {
    for (JsonNode alert : alerts(engine)) {
      if (alert.path("type").asText().equals(AlertType.PROMISE_BROKEN.name())) {
        return alert;
      }
    }
    return null;
  }

  private JsonNode alerts(EngineInstance engine) throws Exception {
    return JSON.readTree(get(engine.queryPort(), "/v1/alerts?subject=" + subject).body());
  }

  private static JsonNode handling(EngineInstance engine, String alertId) throws Exception {
    return JSON.readTree(get(engine.queryPort(), "/v1/alerts/" + alertId).body()).path("handling");
  }

  private List<CustomerAlert> reminders(Platform platform, Topics topics) {
    return readAll(platform, topics.customerAlerts()).stream()
        .filter(r -> r.key().equals(subject) && r.value().getRemindedAt() != null)
        .map(ConsumerRecord::value)
        .toList();
  }

  /** Runs {@code touchpoints alerts ARGS…} with the read key; its output, or a failed test. */
  private static String cli(String api, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine command = new CommandLine(new OpsCommand());
    command.setOut(new PrintWriter(out, true));
    command.setErr(new PrintWriter(err, true));
    List<String> line = new ArrayList<>(List.of("alerts"));
    line.addAll(List.of(args));
    line.addAll(List.of("--api", api, "--api-key", READ_KEY));
    int code = command.execute(line.toArray(String[]::new));
    assertThat(code).as(out + " / " + err).isZero();
    return out.toString();
  }

  private SupportEvent support(Instant at, Object payload) {
    return new SupportEvent(envelope(subject, at, "helpdesk"), payload);
  }
}
