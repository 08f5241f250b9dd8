package dev.touchpoints.streams.rules;

import dev.touchpoints.avro.AlertType;
import dev.touchpoints.avro.CaseKind;
import dev.touchpoints.avro.CaseOpened;
import dev.touchpoints.avro.CaseReopened;
import dev.touchpoints.avro.CaseResolved;
import dev.touchpoints.avro.Severity;
import dev.touchpoints.avro.UpdateSent;
import dev.touchpoints.streams.model.Touchpoint;
import dev.touchpoints.streams.scoring.Moment;
import java.time.Instant;
import java.util.List;

/**
 * R4: always tell the customer where things stand. Every open case has a next-update-due clock –
 * the date the customer was told, or a default interval. When it passes without an update the
 * customer is left in silence; the next update (or the resolution) clears the alert and starts the
 * clock again.
 */
public final class SilenceRule implements Rule {

  static final String CLOCK = "silence:";

  @Override
  public void onEvent(RuleContext ctx, Touchpoint e) {
    SubjectState s = ctx.state();
    if (e.payload() instanceof CaseOpened c) {
      SubjectState.CaseInfo info = new SubjectState.CaseInfo();
      info.kind = c.getKind();
      info.openedAt = e.occurredAt();
      info.openedEventId = e.eventId();
      s.cases.put(c.getCaseId(), info);
      expectUpdate(ctx, c.getCaseId(), info, e.occurredAt(), c.getNextUpdateDueAt());
    } else if (e.payload() instanceof UpdateSent u) {
      SubjectState.CaseInfo info = s.cases.get(u.getCaseId());
      if (info == null) {
        return;
      }
      info.lastUpdateAt = e.occurredAt();
      info.lastUpdateEventId = e.eventId();
      ctx.clearing(CLOCK + u.getCaseId(), e.occurredAt())
          .why(
              "An update on case "
                  + u.getCaseId()
                  + " was sent: the customer is no longer in silence.")
          .nextStep("Keep the next promised update date.")
          .evidence(List.of(e.eventId()))
          .clear();
      expectUpdate(ctx, u.getCaseId(), info, e.occurredAt(), u.getNextUpdateDueAt());
    } else if (e.payload() instanceof CaseResolved r) {
      if (s.cases.remove(r.getCaseId()) != null) {
        ctx.cancel(CLOCK + r.getCaseId());
        ctx.clearing(CLOCK + r.getCaseId(), e.occurredAt())
            .why("Case " + r.getCaseId() + " was resolved (" + Texts.lower(r.getOutcome()) + ").")
            .nextStep("Nothing more is due on this case.")
            .evidence(List.of(e.eventId()))
            .clear();
      }
    } else if (e.payload() instanceof CaseReopened r) {
      SubjectState.CaseInfo info = new SubjectState.CaseInfo();
      info.kind = CaseKind.OTHER;
      info.openedAt = e.occurredAt();
      info.openedEventId = e.eventId();
      SubjectState.CaseInfo previous = s.cases.putIfAbsent(r.getCaseId(), info);
      expectUpdate(
          ctx,
          r.getCaseId(),
          previous == null ? info : previous,
          e.occurredAt(),
          r.getNextUpdateDueAt());
    }
  }

  @Override
  public boolean ownsClock(String clockId) {
    return clockId.startsWith(CLOCK);
  }

  @Override
  public void onClock(RuleContext ctx, String clockId, long dueAt) {
    String caseId = clockId.substring(CLOCK.length());
    SubjectState.CaseInfo c = ctx.state().cases.get(caseId);
    if (c == null) {
      return;
    }
    c.nextUpdateDueAt = null;
    ctx.addMoment(
        Moment.alone("support.left_in_silence", dueAt, "silence:" + caseId + "@" + dueAt),
        "being left in silence");
    long since = c.lastUpdateAt > 0 ? c.lastUpdateAt : c.openedAt;
    String kind = c.kind == CaseKind.OTHER ? "Case" : capital(Texts.lower(c.kind));
    ctx.alert(
            AlertType.LEFT_IN_SILENCE,
            c.kind == CaseKind.COMPLAINT ? Severity.HIGH : Severity.WARNING,
            dueAt,
            CLOCK + caseId)
        .why(
            kind
                + " "
                + caseId
                + " is open since "
                + Texts.date(c.openedAt)
                + " and the customer was due news by "
                + Texts.date(dueAt)
                + "; nothing was sent for "
                + Texts.duration(dueAt - since)
                + ": the customer is left in silence.")
        .nextStep(
            "Send the customer an update now: where the case stands and when they will hear next.")
        .evidence(
            c.lastUpdateEventId == null
                ? List.of(c.openedEventId)
                : List.of(c.openedEventId, c.lastUpdateEventId))
        .raise();
  }

  private static void expectUpdate(
      RuleContext ctx, String caseId, SubjectState.CaseInfo info, long at, Instant dueAt) {
    long due =
        dueAt != null
            ? dueAt.toEpochMilli()
            : at + ctx.policy().silence().defaultUpdateInterval().toMillis();
    info.nextUpdateDueAt = due;
    ctx.schedule(CLOCK + caseId, due);
  }

  private static String capital(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
