package dev.touchpoints.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchpoints.core.config.AppConfig;
import dev.touchpoints.core.config.ConfigOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code touchpoints forget ID}: asks the engine to forget a subject (GDPR Art. 17) through {@code
 * DELETE /v1/subjects/{id}}, then waits until the query API no longer knows it.
 */
@Command(
    name = "forget",
    mixinStandardHelpOptions = true,
    description = {
      "Erase a subject: the engine removes everything it holds about them, withdraws their"
          + " experience record (a tombstone), closes their open alerts and records an audit"
          + " entry; their older events, replayed or late, are not taken in again. Needs an admin"
          + " key when the engine has keys.",
      "Exit codes: 0 erased, 1 refused or failed, 75 not confirmed yet (the request is recorded;"
          + " the engine takes it when it catches up)."
    })
public final class ForgetCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Mixin ConfigOptions config;

  @Mixin QueryApi queryApi;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "ID", description = "The subject id.")
  String subjectId;

  @Option(
      names = "--by",
      paramLabel = "NAME",
      defaultValue = "${env:USER}",
      description =
          "Who asks, for the audit entry, beside the fingerprint of the key (default: $USER).")
  String requestedBy;

  @Option(
      names = "--wait",
      paramLabel = "DURATION",
      defaultValue = "60s",
      converter = ForgetCommand.DurationText.class,
      description =
          "How long to wait until the engine has erased the subject; 0 to return once the request"
              + " is recorded (default 60s).")
  Duration wait;

  /** How often the query API is asked whether the subject is gone. */
  static final Duration POLL = Duration.ofMillis(500);

  /** {@code 60s}, {@code 2m}, {@code 0}: durations as the settings write them. */
  static final class DurationText implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      return "0".equals(value.strip()) ? Duration.ZERO : AppConfig.parseDuration(value);
    }
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    AppConfig settings = config.load(Map.of(), OpsKeys.settings());
    Map<String, String> headers = new HashMap<>();
    if (requestedBy != null && !requestedBy.isBlank()) {
      headers.put("X-Requested-By", requestedBy.strip());
    }
    Optional<HttpResponse<String>> response =
        queryApi.send("DELETE", QueryApi.subjectPath(subjectId, ""), headers, settings, err);
    if (response.isEmpty()) {
      return QueryApi.TRY_AGAIN;
    }
    if (response.get().statusCode() != 202) {
      return QueryApi.failure(response.get(), subjectId, "admin", err);
    }
    String requestId = field(response.get().body(), "requestId");
    out.printf("Erasure of %s recorded (request %s).%n", subjectId, requestId);
    out.flush();
    if (wait.isZero()) {
      return 0;
    }
    long deadline = System.nanoTime() + wait.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<HttpResponse<String>> card =
          queryApi.get(QueryApi.subjectPath(subjectId, ""), settings, err);
      if (card.isPresent() && card.get().statusCode() == 404) {
        out.printf(
            "Erased: the engine holds nothing about %s; the audit entry is on the erasure audit"
                + " topic under request %s.%n",
            subjectId, requestId);
        return 0;
      }
      Thread.sleep(POLL.toMillis());
    }
    err.printf(
        "The request is recorded, but the engine has not erased %s within %s (is it behind?);"
            + " it will when it reaches the request.%n",
        subjectId, wait);
    return QueryApi.TRY_AGAIN;
  }

  private static String field(String body, String name) {
    try {
      JsonNode node = JSON.readTree(body).get(name);
      return node == null ? "?" : node.asText();
    } catch (IOException e) {
      return "?";
    }
  }
}
