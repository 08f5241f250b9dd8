package dev.touchpoints.ops;

import dev.touchpoints.core.config.ConfigOptions;
import java.io.PrintWriter;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code export <id>}: everything the engine holds about one subject, as one JSON document (GDPR
 * Art. 15), from the query API's {@code /v1/subjects/{id}/export} (admin role).
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description =
        "Print everything the engine holds about a subject as one JSON document (needs an admin"
            + " key when the engine has keys).")
public final class ExportCommand implements Callable<Integer> {

  @Mixin ConfigOptions config;

  @Mixin QueryApi queryApi;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "ID", description = "The subject id.")
  String subjectId;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<HttpResponse<String>> response =
        queryApi.get(
            QueryApi.subjectPath(subjectId, "/export"),
            config.load(Map.of(), OpsKeys.settings()),
            err);
    if (response.isEmpty()) {
      return QueryApi.TRY_AGAIN;
    }
    if (response.get().statusCode() != 200) {
      return QueryApi.failure(response.get(), subjectId, "admin", err);
    }
    out.println(response.get().body());
    out.flush();
    return 0;
  }
}
