package dev.touchpoints.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchpoints.core.config.AppConfig;
import dev.touchpoints.ops.report.ReportSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.http.HttpResponse;
import java.util.Optional;

/** A report's figures from the engine's query API, with the ops commands' key, TLS and errors. */
final class QueryApiReportSource implements ReportSource {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final QueryApi api;
  private final AppConfig config;
  private final PrintWriter err;

  QueryApiReportSource(QueryApi api, AppConfig config, PrintWriter err) {
    this.api = api;
    this.config = config;
    this.err = err;
  }

  @Override
  public Optional<JsonNode> get(String path) throws Failure, InterruptedException {
    Optional<HttpResponse<String>> response = api.get(path, config, err);
    if (response.isEmpty()) {
      // QueryApi said why on err
      throw new Failure(QueryApi.TRY_AGAIN, null);
    }
    int status = response.get().statusCode();
    if (status == 404) {
      return Optional.empty();
    }
    if (status != 200) {
      throw new Failure(QueryApi.failure(response.get(), path, "read", err), null);
    }
    try {
      return Optional.of(JSON.readTree(response.get().body()));
    } catch (IOException e) {
      throw new Failure(1, "The query API sent unreadable JSON for GET " + path + ".");
    }
  }

  @Override
  public String describe() {
    return api.api;
  }
}
