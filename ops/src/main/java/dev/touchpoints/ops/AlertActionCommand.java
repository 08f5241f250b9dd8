package dev.touchpoints.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.touchpoints.core.config.AppConfig;
import dev.touchpoints.core.config.ConfigOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code alerts ack|snooze|assign|note ALERT_ID}: what ops did about an open alert, recorded
 * through {@code POST /v1/alerts/{id}/actions}; then waits until the engine shows it on the alert.
 */
abstract class AlertActionCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** How often the query API is asked whether the engine applied the action. */
  static final Duration POLL = Duration.ofMillis(300);

  @Mixin ConfigOptions config;

  @Mixin QueryApi queryApi;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "ALERT_ID",
      description = "The alertId of the open alert (alerts, the console, /v1/alerts show it).")
  String alertId;

  @Option(
      names = "--by",
      paramLabel = "NAME",
      defaultValue = "${env:USER}",
      description = "Who acts, shown on the alert beside the key's fingerprint (default: $USER).")
  String by;

  @Option(
      names = "--wait",
      paramLabel = "DURATION",
      defaultValue = "20s",
      converter = ForgetCommand.DurationText.class,
      description =
          "How long to wait until the engine shows the action on the alert; 0 to return once it is"
              + " recorded (default 20s).")
  Duration wait;

  /** The action's fields beside {@code action} and {@code by}. */
  abstract void fill(ObjectNode body);

  /** The action's name in the API. */
  abstract String action();

  /** Whether {@code handling} (the alert's, as the API shows it) shows the action applied. */
  abstract boolean applied(JsonNode handling);

  /** What to print once applied. */
  abstract String done(JsonNode handling);

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    AppConfig settings = config.load(Map.of(), OpsKeys.settings());
    ObjectNode body = JSON.createObjectNode().put("action", action());
    if (by != null && !by.isBlank()) {
      body.put("by", by.strip());
    }
    fill(body);
    String path = "/v1/alerts/" + URLEncoder.encode(alertId, StandardCharsets.UTF_8);
    Optional<HttpResponse<String>> response =
        queryApi.send("POST", path + "/actions", body.toString(), Map.of(), settings, err);
    if (response.isEmpty()) {
      return QueryApi.TRY_AGAIN;
    }
    if (response.get().statusCode() != 202) {
      return failure(response.get(), err);
    }
    out.printf("Recorded: %s %s.%n", action(), alertId);
    out.flush();
    if (wait.isZero()) {
      return 0;
    }
    long deadline = System.nanoTime() + wait.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<HttpResponse<String>> alert = queryApi.get(path, settings, err);
      if (alert.isPresent() && alert.get().statusCode() == 200) {
        JsonNode handling = read(alert.get().body()).path("handling");
        if (applied(handling)) {
          out.println(done(handling));
          return 0;
        }
      } else if (alert.isPresent() && alert.get().statusCode() == 404) {
        err.printf("The alert %s is no longer open (it cleared).%n", alertId);
        return QueryApi.NOT_FOUND;
      }
      Thread.sleep(POLL.toMillis());
    }
    err.printf(
        "The action is recorded, but the engine has not shown it on %s within %s (is it"
            + " behind?); it will when it reaches it.%n",
        alertId, wait);
    return QueryApi.TRY_AGAIN;
  }

  private int failure(HttpResponse<String> response, PrintWriter err) {
    JsonNode answer = read(response.body());
    if (response.statusCode() == 404) {
      err.printf("No open alert has the id %s (it cleared, or the id is mistyped).%n", alertId);
      return QueryApi.NOT_FOUND;
    }
    if (response.statusCode() == 400) {
      err.printf(
          "Refused: %s (%s).%n",
          answer.path("message").asText(), "field " + answer.path("field").asText());
      return 1;
    }
    return QueryApi.failure(response, alertId, "read", err);
  }

  private static JsonNode read(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }

  /** {@code alerts ack ALERT_ID}. */
  @Command(
      name = "ack",
      mixinStandardHelpOptions = true,
      description = {
        "Acknowledge an open alert: ops see who took it and when. Clearing stays automatic.",
        "Example: alerts ack 0f5c…-… --by maria"
      })
  static final class Ack extends AlertActionCommand {
    @Override
    String action() {
      return "acknowledge";
    }

    @Override
    void fill(ObjectNode body) {}

    @Override
    boolean applied(JsonNode handling) {
      return handling.has("acknowledgedAt");
    }

    @Override
    String done(JsonNode h) {
      return "Acknowledged by "
          + h.path("acknowledgedBy").asText()
          + " at "
          + h.path("acknowledgedAt").asText()
          + ".";
    }
  }

  /** {@code alerts snooze ALERT_ID --for 2h}. */
  @Command(
      name = "snooze",
      mixinStandardHelpOptions = true,
      description = {
        "Snooze an open alert: it is sent again, as a reminder, when the snooze ends – or at once"
            + " if it gets worse. At most 30 days.",
        "Example: alerts snooze 0f5c…-… --for 2h"
      })
  static final class Snooze extends AlertActionCommand {
    @CommandLine.ArgGroup(multiplicity = "1")
    When when;

    static final class When {
      @Option(names = "--for", paramLabel = "DURATION", description = "How long: 30m, 2h, 1d.")
      String length;

      @Option(
          names = "--until",
          paramLabel = "TIME",
          description = "Until when, ISO-8601 (2026-12-01T08:00:00Z).")
      String until;
    }

    @Override
    String action() {
      return "snooze";
    }

    @Override
    void fill(ObjectNode body) {
      if (when.length != null) {
        body.put("for", when.length);
      } else {
        body.put("until", when.until);
      }
    }

    @Override
    boolean applied(JsonNode handling) {
      return handling.path("snoozed").asBoolean(false);
    }

    @Override
    String done(JsonNode h) {
      return "Snoozed until " + h.path("snoozedUntil").asText() + ".";
    }
  }

  /** {@code alerts assign ALERT_ID --to NAME}. */
  @Command(
      name = "assign",
      mixinStandardHelpOptions = true,
      description = {
        "Assign an open alert to its owner (--to \"\" removes the owner).",
        "Example: alerts assign 0f5c…-… --to jussi"
      })
  static final class Assign extends AlertActionCommand {
    @Option(names = "--to", required = true, paramLabel = "NAME", description = "The new owner.")
    String to;

    @Override
    String action() {
      return "assign";
    }

    @Override
    void fill(ObjectNode body) {
      body.put("assignee", to);
    }

    @Override
    boolean applied(JsonNode handling) {
      return to.isBlank()
          ? !handling.has("assignee")
          : to.strip().equals(handling.path("assignee").asText(null));
    }

    @Override
    String done(JsonNode h) {
      return to.isBlank() ? "No owner." : "Assigned to " + h.path("assignee").asText() + ".";
    }
  }

  /** {@code alerts note ALERT_ID TEXT}. */
  @Command(
      name = "note",
      mixinStandardHelpOptions = true,
      description = {
        "Add a note to an open alert (at most 1,000 characters; the latest 20 are kept).",
        "Example: alerts note 0f5c…-… \"Called her, refund promised by Friday\""
      })
  static final class Note extends AlertActionCommand {
    @Parameters(index = "1", paramLabel = "TEXT", description = "The note.")
    String text;

    @Override
    String action() {
      return "note";
    }

    @Override
    void fill(ObjectNode body) {
      body.put("text", text);
    }

    @Override
    boolean applied(JsonNode handling) {
      for (JsonNode note : handling.path("notes")) {
        if (note.path("text").asText().equals(text.strip())) {
          return true;
        }
      }
      return false;
    }

    @Override
    String done(JsonNode h) {
      return "Noted (" + h.path("notes").size() + " notes on the alert).";
    }
  }
}
