package dev.touchpoints.ops.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Where a report's figures come from: the engine's query API, or canned answers in tests. Paths are
 * the query API's, with their query string ({@code /v1/index?period=day&days=90}).
 */
public interface ReportSource {

  /**
   * The JSON answer to {@code GET path}; empty when the API answers 404.
   *
   * @throws Failure when there is no answer to work with (unreachable, refused, rebalancing)
   */
  Optional<JsonNode> get(String path) throws Failure, InterruptedException;

  /** Where the figures come from, for the report's footer (the query API's URL). */
  String describe();

  /** The source cannot answer: the report cannot be made now. */
  final class Failure extends Exception {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    /**
     * @param exitCode the command's exit code
     * @param message one line for the user, or null when the source already said why
     */
    public Failure(int exitCode, String message) {
      super(message);
      this.exitCode = exitCode;
    }

    /** The command's exit code. */
    public int exitCode() {
      return exitCode;
    }
  }
}
