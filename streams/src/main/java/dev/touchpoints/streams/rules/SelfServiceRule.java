package dev.touchpoints.streams.rules;

import dev.touchpoints.avro.AlertType;
import dev.touchpoints.avro.CaseOpened;
import dev.touchpoints.avro.PaymentReceived;
import dev.touchpoints.avro.SelfServiceAttempted;
import dev.touchpoints.avro.Severity;
import dev.touchpoints.streams.model.Touchpoint;
import dev.touchpoints.streams.scoring.ScoringModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * R5: self-service is liked only while it works. N failures of one kind (failed login, reset,
 * payment, error page, abandoned form) within a window and no success raise an alert so support can
 * reach out before the customer calls. A success clears it; so does the customer contacting
 * support, and that contact is linked to the failures as evidence. Without news it clears itself.
 */
public final class SelfServiceRule implements Rule {

  static final String CLOCK = "self-service:";
  private static final String KEY = "self-service-failed:";

  @Override
  public void onEvent(RuleContext ctx, Touchpoint e) {
    if (isFailure(e)) {
      failure(ctx, e);
    } else if (e.payload() instanceof SelfServiceAttempted a) {
      success(
          ctx, e, "web.self_service_failed." + e.kind().substring(e.kind().lastIndexOf('.') + 1));
    } else if (e.payload() instanceof PaymentReceived) {
      success(ctx, e, "billing.payment_failed");
      success(ctx, e, "web.checkout_error");
      success(ctx, e, "web.self_service_failed.payment");
    } else if (e.payload() instanceof CaseOpened c) {
      contact(ctx, e, c.getCaseId());
    }
  }

  @Override
  public boolean ownsClock(String clockId) {
    return clockId.startsWith(CLOCK);
  }

  @Override
  public void onClock(RuleContext ctx, String clockId, long dueAt) {
    String kind = clockId.substring(CLOCK.length());
    ctx.state().failures.remove(kind);
    ctx.clearing(KEY + kind, dueAt)
        .why(
            "No further news about the failed "
                + what(kind)
                + " for "
                + Texts.duration(ctx.policy().selfService().clearAfter().toMillis())
                + "; closing the alert.")
        .nextStep("Nothing more to do unless the customer gets in touch.")
        .clear();
  }

  /** What failed, in words: {@code web.self_service_failed.password_reset} → "password reset". */
  static String what(String kind) {
    if (kind.startsWith("web.self_service_failed.")) {
      return kind.substring("web.self_service_failed.".length()).replace('_', ' ');
    }
    return switch (kind) {
      case "web.checkout_error" -> "checkout";
      case "web.error_page" -> "page (error page shown)";
      case "web.form_abandoned" -> "form";
      case "billing.payment_failed" -> "payment";
      default -> ScoringModel.label(kind);
    };
  }

  static boolean isFailure(Touchpoint e) {
    String k = e.kind();
    return k.startsWith("web.self_service_failed")
        || k.equals("web.error_page")
        || k.equals("web.checkout_error")
        || k.equals("web.form_abandoned")
        || k.equals("billing.payment_failed");
  }

  private static void failure(RuleContext ctx, Touchpoint e) {
    var policy = ctx.policy().selfService();
    Map<String, SubjectState.FailureRun> runs = ctx.state().failures;
    SubjectState.FailureRun run = runs.get(e.kind());
    if (run == null || e.occurredAt() - run.firstAt > policy.window().toMillis()) {
      run = new SubjectState.FailureRun();
      run.firstAt = e.occurredAt();
      runs.put(e.kind(), run);
    }
    run.count++;
    run.lastAt = Math.max(run.lastAt, e.occurredAt());
    run.eventIds.add(e.eventId());
    while (run.eventIds.size() > policy.failures() + 2) {
      run.eventIds.remove(0);
    }
    if (run.count < policy.failures()) {
      return;
    }
    boolean raised =
        ctx.alert(
                AlertType.SELF_SERVICE_FAILED,
                e.kind().contains("payment") || e.kind().contains("checkout")
                    ? Severity.HIGH
                    : Severity.WARNING,
                e.occurredAt(),
                KEY + e.kind())
            .why(
                run.count
                    + " failed "
                    + what(e.kind())
                    + " attempts within "
                    + Texts.duration(run.lastAt - run.firstAt)
                    + " and no success since: the customer is stuck and likely to call.")
            .nextStep(
                "Reach out before they call: offer help with the "
                    + what(e.kind())
                    + " (a working link, a call-back, or doing it for them).")
            .evidence(new ArrayList<>(run.eventIds))
            .causedBy(e.kind())
            .raise();
    if (raised) {
      ctx.schedule(CLOCK + e.kind(), e.occurredAt() + policy.clearAfter().toMillis());
    }
  }

  private static void success(RuleContext ctx, Touchpoint e, String failureKind) {
    ctx.state().failures.remove(failureKind);
    if (ctx.clearing(KEY + failureKind, e.occurredAt())
        .why("The customer succeeded on their own (" + ScoringModel.label(e.kind()) + ").")
        .nextStep("No contact needed; consider whether the failures point to a usability problem.")
        .evidence(List.of(e.eventId()))
        .clear()) {
      ctx.cancel(CLOCK + failureKind);
    }
  }

  private static void contact(RuleContext ctx, Touchpoint e, String caseId) {
    for (String key : List.copyOf(ctx.state().alerts.keySet())) {
      if (!key.startsWith(KEY)) {
        continue;
      }
      String kind = key.substring(KEY.length());
      ctx.state().failures.remove(kind);
      ctx.cancel(CLOCK + kind);
      ctx.clearing(key, e.occurredAt())
          .why(
              "The customer contacted support (case "
                  + caseId
                  + ") after the failed "
                  + what(kind)
                  + "; the contact is linked to the failures.")
          .nextStep(
              "Support: the case is most likely about the failed self-service – start from there.")
          .evidence(List.of(e.eventId()))
          .clear();
    }
  }
}
