package dev.touchpoints.streams.rules;

import dev.touchpoints.avro.AlertType;
import dev.touchpoints.avro.Severity;
import dev.touchpoints.streams.scoring.Decimals;
import dev.touchpoints.streams.scoring.ScoreState;
import java.util.List;

/**
 * Experience drop: the overall score fell below a threshold, or fell by many points within a
 * window. Checked after every change of the score; clears once the score is back above the
 * threshold with a margin.
 */
public final class ExperienceDropRule {

  private static final String KEY = "experience-drop";

  /** Checks the score after a change; {@code before} is the overall score before it. */
  public void check(RuleContext ctx, double before, long at, String causeKind) {
    var policy = ctx.policy().drop();
    double now = ctx.overall();
    double peak = Math.max(before, peakWithin(ctx, at - policy.window().toMillis()));
    boolean low = now < policy.below();
    boolean fell = peak - now >= policy.points();
    if (low || fell) {
      List<String> evidence =
          ctx.state().score.contributions().stream()
              .limit(3)
              .map(ScoreState.Contribution::eventId)
              .toList();
      List<String> reasons = ctx.model().reasons(ctx.state().score);
      String top = reasons.isEmpty() ? "" : " Main reason: " + reasons.get(0) + ".";
      String what =
          fell
              ? "Overall experience fell "
                  + Decimals.whole(peak - now)
                  + " points within "
                  + Texts.duration(policy.window().toMillis())
                  + ", from "
                  + Decimals.whole(peak)
                  + " to "
                  + Decimals.whole(now)
                  + "."
              : "Overall experience is "
                  + Decimals.whole(now)
                  + "/100, below "
                  + Decimals.whole(policy.below())
                  + ".";
      ctx.alert(AlertType.EXPERIENCE_DROP, low ? Severity.HIGH : Severity.WARNING, at, KEY)
          .why(what + top)
          .nextStep("Have a care lead review the recent touchpoints and reach out to the customer.")
          .evidence(evidence)
          .causedBy(causeKind)
          .raise();
    } else if (now >= policy.below() + policy.recoverMargin() && peak - now < policy.points() / 2) {
      ctx.clearing(KEY, at)
          .why("Overall experience recovered to " + Decimals.whole(now) + "/100.")
          .nextStep("None.")
          .clear();
    }
  }

  private static double peakWithin(RuleContext ctx, long from) {
    double peak = 0;
    for (ScoreState.Snapshot s : ctx.state().score.snapshots()) {
      if (s.at() >= from) {
        peak = Math.max(peak, ctx.model().toScore(s.overall()));
      }
    }
    return peak;
  }
}
