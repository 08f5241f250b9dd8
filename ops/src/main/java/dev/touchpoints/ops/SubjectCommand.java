package dev.touchpoints.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchpoints.core.config.ConfigOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
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
  static final int NOT_FOUND = QueryApi.NOT_FOUND;

  /** Exit code when the engine cannot answer now (rebalance, down): try again. */
  static final int TRY_AGAIN = QueryApi.TRY_AGAIN;

  @Mixin ConfigOptions config;

  @Mixin QueryApi queryApi;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "ID", description = "The subject id.")
  String subjectId;

  @Option(names = "--json", description = "Print the API's JSON as it is.")
  boolean json;

  Clock clock = Clock.systemUTC();

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<HttpResponse<String>> response =
        queryApi.get(
            QueryApi.subjectPath(subjectId, ""), config.load(Map.of(), OpsKeys.settings()), err);
    if (response.isEmpty()) {
      return TRY_AGAIN;
    }
    if (response.get().statusCode() != 200) {
      return QueryApi.failure(response.get(), subjectId, "read", err);
    }
    if (json) {
      out.println(response.get().body());
    } else {
      out.print(ScoreCard.render(parse(response.get().body()), clock.instant()));
    }
    out.flush();
    return 0;
  }

  private static JsonNode parse(String body) {
    try {
      return new ObjectMapper().readTree(body);
    } catch (IOException e) {
      throw new IllegalStateException("The query API sent unreadable JSON", e);
    }
  }
}
