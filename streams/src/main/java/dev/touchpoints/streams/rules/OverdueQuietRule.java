package dev.touchpoints.streams.rules;

import dev.touchpoints.avro.AlertType;
import dev.touchpoints.avro.InvoiceOverdue;
import dev.touchpoints.avro.PaymentReceived;
import dev.touchpoints.avro.Severity;
import dev.touchpoints.streams.model.Touchpoint;
import dev.touchpoints.streams.scoring.ScoringModel;
import java.util.List;
import java.util.Locale;

/**
 * R11: a small unpaid bill can lose a customer. An overdue invoice followed by the customer going
 * quiet is a churn risk: alert with a gentle next step, never a collection action. The customer
 * coming back, or paying, clears it.
 */
public final class OverdueQuietRule implements Rule {

  static final String CLOCK = "quiet";
  private static final String KEY = "overdue-then-quiet";

  @Override
  public void onEvent(RuleContext ctx, Touchpoint e) {
    SubjectState s = ctx.state();
    long quiet = ctx.policy().quiet().after().toMillis();
    if (e.payload() instanceof InvoiceOverdue o) {
      if (s.overdue == null) {
        s.overdue = new SubjectState.Overdue();
        s.overdue.invoiceId = o.getInvoiceId();
        s.overdue.since = e.occurredAt();
        s.overdue.eventId = e.eventId();
        s.overdue.amountCents = o.getAmountCents();
        s.overdue.currency = o.getCurrency();
        ctx.schedule(CLOCK, Math.max(e.occurredAt(), s.lastActivityAt) + quiet);
      }
    } else if (e.payload() instanceof PaymentReceived p) {
      if (s.overdue != null
          && (p.getInvoiceId() == null || p.getInvoiceId().equals(s.overdue.invoiceId))) {
        s.overdue = null;
        ctx.cancel(CLOCK);
        ctx.clearing(KEY, e.occurredAt())
            .why("The customer paid.")
            .nextStep("A short thank-you is enough.")
            .evidence(List.of(e.eventId()))
            .clear();
      }
    } else if (e.customerInitiated() && s.overdue != null) {
      ctx.schedule(CLOCK, e.occurredAt() + quiet);
      ctx.clearing(KEY, e.occurredAt())
          .why("The customer is back (" + ScoringModel.label(e.kind()) + ").")
          .nextStep(
              "Make sure the overdue invoice does not make the visit awkward: a friendly reminder at"
                  + " most.")
          .evidence(List.of(e.eventId()))
          .clear();
    }
  }

  @Override
  public boolean ownsClock(String clockId) {
    return clockId.equals(CLOCK);
  }

  @Override
  public void onClock(RuleContext ctx, String clockId, long dueAt) {
    SubjectState.Overdue o = ctx.state().overdue;
    if (o == null) {
      return;
    }
    long quiet = ctx.policy().quiet().after().toMillis();
    ctx.alert(AlertType.OVERDUE_THEN_QUIET, Severity.WARNING, dueAt, KEY)
        .why(
            String.format(
                Locale.ROOT,
                "Invoice %s (%.2f %s) went overdue on %s and the customer has not been in touch"
                    + " for %s since: they may be embarrassed and drifting away.",
                o.invoiceId,
                o.amountCents / 100.0,
                o.currency,
                Texts.date(o.since),
                Texts.duration(quiet)))
        .nextStep(
            "Make a friendly, personal contact – not a collection letter: check that all is well and"
                + " offer an easy way to settle, such as a payment plan.")
        .evidence(List.of(o.eventId))
        .raise();
  }
}
