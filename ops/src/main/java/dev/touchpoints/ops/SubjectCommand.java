package dev.touchpoints.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchpoints.core.config.ConfigOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code subject <id>}: one subject's score card, from the experience engine's query API. */
@Command(
    name = "subject",
    mixinStandardHelpOptions = true,
    description =
        "Show a subject's score, why, open cases and promises, alerts and recent touchpoints.")
public final class SubjectCommand implements Callable<Integer> {

  /** Exit code when the subject is unknown. */
  static final int NOT_FOUND = 3;

  /** Exit code when the engine cannot answer now (rebalance, down): try again. */
  static final int TRY_AGAIN = 75;

  @Mixin ConfigOptions config;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "ID", description = "The subject id.")
  String subjectId;

  @Option(
      names = "--api",
      paramLabel = "URL",
      defaultValue = "${env:TOUCHPOINTS_QUERY_API:-http://localhost:8088}",
      description = "Base URL of any engine instance's query API (default ${DEFAULT-VALUE}).")
  String api;

  @Option(names = "--json", description = "Print the API's JSON as it is.")
  boolean json;

  Clock clock = Clock.systemUTC();

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String base = api.endsWith("/") ? api.substring(0, api.length() - 1) : api;
    URI uri =
        URI.create(
            base
                + "/v1/subjects/"
                + URLEncoder.encode(subjectId, StandardCharsets.UTF_8).replace("+", "%20"));
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpResponse<String> response;
    try {
      response =
          http.send(
              HttpRequest.newBuilder(uri)
                  .timeout(Duration.ofSeconds(15))
                  .header("Accept", "application/json")
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      err.printf(
          "Cannot reach the query API at %s: %s%n",
          base, e.getMessage() == null ? e : e.getMessage());
      return TRY_AGAIN;
    }
    switch (response.statusCode()) {
      case 200 -> {
        if (json) {
          out.println(response.body());
        } else {
          JsonNode card = parse(response.body());
          out.print(ScoreCard.render(card, clock.instant()));
        }
        out.flush();
        return 0;
      }
      case 404 -> {
        err.printf("No touchpoints recorded for subject %s.%n", subjectId);
        return NOT_FOUND;
      }
      case 503 -> {
        err.printf(
            "The engine is rebalancing its state; try again in %s s.%n",
            response.headers().firstValue("Retry-After").orElse("a few"));
        return TRY_AGAIN;
      }
      default -> {
        err.printf("The query API answered %d: %s%n", response.statusCode(), response.body());
        return 1;
      }
    }
  }

  private static JsonNode parse(String body) {
    try {
      return new ObjectMapper().readTree(body);
    } catch (IOException e) {
      throw new IllegalStateException("The query API sent unreadable JSON", e);
    }
  }
}
