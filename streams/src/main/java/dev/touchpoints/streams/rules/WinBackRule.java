package dev.touchpoints.streams.rules;

import dev.touchpoints.avro.AlertType;
import dev.touchpoints.avro.Severity;
import dev.touchpoints.streams.model.Touchpoint;
import dev.touchpoints.streams.scoring.ScoringModel;
import java.util.List;
import java.util.Set;

/**
 * R7: winning back an unhappy customer costs far less than finding a new one. When a subject with a
 * recent bad experience gets their problem resolved, raise a win-back opportunity; its severity
 * ranks the unhappiest first. It expires after a while.
 */
public final class WinBackRule implements Rule {

  static final String CLOCK = "win-back";
  private static final String KEY = "win-back";
  private static final Set<String> RESOLUTIONS =
      Set.of(
          "support.case_resolved.solved",
          "billing.dispute_resolved.in_customer_favour",
          "billing.dispute_resolved.settled",
          "billing.refund_issued");

  @Override
  public void onEvent(RuleContext ctx, Touchpoint e) {
    SubjectState s = ctx.state();
    if (!RESOLUTIONS.contains(e.kind()) || s.lastBadAt <= 0) {
      return;
    }
    if (e.occurredAt() - s.lastBadAt > ctx.policy().winBack().lookback().toMillis()) {
      return;
    }
    double overall = ctx.overall();
    if (ctx.alert(
            AlertType.WIN_BACK_OPPORTUNITY,
            overall < ctx.policy().drop().below() + 10 ? Severity.WARNING : Severity.INFO,
            e.occurredAt(),
            KEY)
        .why(
            String.format(
                java.util.Locale.ROOT,
                "The customer had a bad experience (%s, %s) and their problem was just resolved"
                    + " (%s); experience is now %.0f/100. Winning them back now costs far less than"
                    + " finding a new customer.",
                s.lastBadWhat,
                Texts.date(s.lastBadAt),
                ScoringModel.label(e.kind()),
                overall))
        .nextStep(
            "Reach out personally: thank them for their patience, check they are happy with the"
                + " outcome, and consider a goodwill gesture.")
        .evidence(List.of(s.lastBadEventId, e.eventId()))
        .raise()) {
      ctx.schedule(CLOCK, e.occurredAt() + ctx.policy().winBack().expireAfter().toMillis());
    }
  }

  @Override
  public boolean ownsClock(String clockId) {
    return clockId.equals(CLOCK);
  }

  @Override
  public void onClock(RuleContext ctx, String clockId, long dueAt) {
    ctx.clearing(KEY, dueAt)
        .why(
            "The win-back window of "
                + Texts.duration(ctx.policy().winBack().expireAfter().toMillis())
                + " has passed.")
        .nextStep("None.")
        .clear();
  }
}
