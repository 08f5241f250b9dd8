package dev.touchpoints.streams.rules;

import dev.touchpoints.avro.AlertType;
import dev.touchpoints.avro.CaseResolved;
import dev.touchpoints.avro.PromiseMade;
import dev.touchpoints.avro.Severity;
import dev.touchpoints.avro.UpdateSent;
import dev.touchpoints.streams.model.Touchpoint;
import dev.touchpoints.streams.scoring.Moment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * R4: "I'll get back to you next week" – and next week never comes. Every promise gets a clock at
 * its due time; an update to the customer (naming the promise, or on the promise's case) keeps it.
 * When the clock passes first, the promise is broken: the score takes the hit and ops get an alert,
 * CRITICAL once it happens repeatedly. A late update or the case's resolution clears the alert.
 */
public final class PromiseBrokenRule implements Rule {

  static final String CLOCK = "promise:";

  @Override
  public void onEvent(RuleContext ctx, Touchpoint e) {
    SubjectState s = ctx.state();
    if (e.payload() instanceof PromiseMade p) {
      SubjectState.PromiseInfo info = new SubjectState.PromiseInfo();
      info.caseId = p.getCaseId();
      info.madeAt = e.occurredAt();
      info.dueAt = p.getDueAt().toEpochMilli();
      info.eventId = e.eventId();
      info.description = p.getDescription();
      s.promises.put(p.getPromiseId(), info);
      ctx.schedule(CLOCK + p.getPromiseId(), info.dueAt);
    } else if (e.payload() instanceof UpdateSent u) {
      for (String id : matching(s, u.getPromiseId(), u.getCaseId())) {
        settle(ctx, id, e, "An update was sent to the customer");
      }
    } else if (e.payload() instanceof CaseResolved r) {
      for (String id : matching(s, null, r.getCaseId())) {
        settle(ctx, id, e, "The case was resolved");
      }
    }
  }

  @Override
  public boolean ownsClock(String clockId) {
    return clockId.startsWith(CLOCK);
  }

  @Override
  public void onClock(RuleContext ctx, String clockId, long dueAt) {
    String promiseId = clockId.substring(CLOCK.length());
    SubjectState s = ctx.state();
    SubjectState.PromiseInfo p = s.promises.get(promiseId);
    if (p == null || p.brokenAt != null) {
      return;
    }
    p.brokenAt = dueAt;
    long windowStart = dueAt - ctx.policy().promises().repeatWindow().toMillis();
    s.brokenPromises.removeIf(t -> t < windowStart);
    s.brokenPromises.add(dueAt);
    int broken = s.brokenPromises.size();
    ctx.addMoment(
        Moment.alone("support.promise_broken", dueAt, "promise-broken:" + promiseId),
        "a broken promise");
    Severity severity =
        broken >= ctx.policy().promises().repeatCritical() ? Severity.CRITICAL : Severity.HIGH;
    String what = p.description == null ? "an answer" : "'" + p.description + "'";
    String onCase = p.caseId == null ? "" : " on case " + p.caseId;
    String repeat =
        broken > 1
            ? " This is broken promise number "
                + broken
                + " to this customer within "
                + Texts.duration(ctx.policy().promises().repeatWindow().toMillis())
                + "."
            : "";
    ctx.alert(AlertType.PROMISE_BROKEN, severity, dueAt, "promise-broken:" + promiseId)
        .why(
            "The customer was promised "
                + what
                + onCase
                + " by "
                + Texts.date(p.dueAt)
                + " and has heard nothing since: the promise is broken."
                + repeat)
        .nextStep(
            "Contact the customer today: apologise, say where things stand and give a date you"
                + " will keep.")
        .evidence(List.of(p.eventId))
        .raise();
  }

  private static List<String> matching(SubjectState s, String promiseId, String caseId) {
    List<String> ids = new ArrayList<>();
    for (Map.Entry<String, SubjectState.PromiseInfo> entry : s.promises.entrySet()) {
      boolean named = promiseId != null && promiseId.equals(entry.getKey());
      boolean sameCase = caseId != null && caseId.equals(entry.getValue().caseId);
      if (named || sameCase) {
        ids.add(entry.getKey());
      }
    }
    return ids;
  }

  private static void settle(RuleContext ctx, String promiseId, Touchpoint e, String how) {
    SubjectState.PromiseInfo p = ctx.state().promises.remove(promiseId);
    ctx.cancel(CLOCK + promiseId);
    if (p != null && p.brokenAt != null) {
      ctx.clearing("promise-broken:" + promiseId, e.occurredAt())
          .why(
              how
                  + " "
                  + Texts.duration(e.occurredAt() - p.dueAt)
                  + " after the promised date: the customer has heard back, late.")
          .nextStep(
              "Check the customer is satisfied with the answer; the broken promise still counts"
                  + " against their experience.")
          .evidence(List.of(e.eventId()))
          .clear();
    }
  }
}
