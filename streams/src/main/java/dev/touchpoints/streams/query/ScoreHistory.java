package dev.touchpoints.streams.query;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.touchpoints.avro.CustomerExperience;
import dev.touchpoints.streams.scoring.ScoreState;
import dev.touchpoints.streams.scoring.ScoringModel;
import java.time.Instant;
import java.util.List;

/**
 * A subject's overall score over time, as far as its ledger tells it: the score right after the
 * last touchpoint of each snapshot interval it kept ({@code policy.scoring.snapshot-interval} with
 * touchpoints, at most {@code policy.scoring.snapshot-count}) and the score now. No point is
 * interpolated: between two points the score only decayed, or moved with touchpoints the ledger no
 * longer lists.
 */
public final class ScoreHistory {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ScoreHistory() {}

  /**
   * One known overall score.
   *
   * @param at the event time it held at
   * @param score the overall score 0–100
   */
  public record Point(Instant at, double score) {}

  /** The overall score at each snapshot of {@code score}, oldest first. */
  public static List<Point> snapshots(ScoreState score, ScoringModel model) {
    return score.snapshots().stream()
        .map(s -> new Point(Instant.ofEpochMilli(s.at()), model.toScore(s.overall())))
        .toList();
  }

  /**
   * The card's {@code history}: the snapshots older than the view, oldest first, then the view's
   * own score at its {@code updatedAt}, so the last point is always the card's score. (The newest
   * snapshot is taken at the view's moment; a snapshot later than the view – the ledger read after
   * it, and moved on – waits for the next card.)
   */
  static ArrayNode json(List<Point> snapshots, CustomerExperience view) {
    ArrayNode history = NODES.arrayNode();
    for (Point point : snapshots) {
      if (point.at().isBefore(view.getUpdatedAt())) {
        add(history, point.at(), round(point.score()));
      }
    }
    add(history, view.getUpdatedAt(), view.getOverall());
    return history;
  }

  private static void add(ArrayNode history, Instant at, double score) {
    ObjectNode point = history.addObject();
    point.put("at", at.toString());
    point.put("score", score);
  }

  /** Two decimals, as the view's scores. */
  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
