package dev.touchpoints.ops.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Canned answers of the query API: each path answered from a file under {@code
 * src/test/resources/report/}, or with a 404 where the file is null. A path nobody expected fails
 * the test; {@link #asked()} tells which paths were asked, in order.
 */
final class FixtureReportSource implements ReportSource {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, JsonNode> answers = new HashMap<>();
  private final List<String> asked = new ArrayList<>();
  private final String description;

  FixtureReportSource(String description) {
    this.description = description;
  }

  /** Answers {@code path} with the fixture {@code file}, or with a 404 when it is null. */
  FixtureReportSource answer(String path, String file) {
    answers.put(path, file == null ? null : ReportFixtures.json(file));
    return this;
  }

  /** Answers {@code path} with {@code json}. */
  FixtureReportSource answer(String path, JsonNode json) {
    answers.put(path, json);
    return this;
  }

  @Override
  public Optional<JsonNode> get(String path) {
    asked.add(path);
    if (!answers.containsKey(path)) {
      throw new AssertionError(
          "unexpected request GET " + path + "; expected one of " + answers.keySet());
    }
    JsonNode answer = answers.get(path);
    return answer == null ? Optional.empty() : Optional.of(answer.deepCopy());
  }

  @Override
  public String describe() {
    return description;
  }

  List<String> asked() {
    return List.copyOf(asked);
  }

  static JsonNode read(String resource) {
    try (InputStream in = FixtureReportSource.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + resource);
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
