package dev.touchpoints.streams.rules;

import dev.touchpoints.avro.AlertType;
import dev.touchpoints.avro.CaseKind;
import dev.touchpoints.avro.CaseResolved;
import dev.touchpoints.avro.ContactMade;
import dev.touchpoints.avro.ContactPurpose;
import dev.touchpoints.avro.Severity;
import dev.touchpoints.streams.model.Touchpoint;
import java.util.List;
import java.util.Map;

/**
 * R8: don't push sales at someone who is not ready. A sales or campaign contact while a complaint
 * is open, or soon after a bad moment, raises one alert per cause; it clears when the complaint is
 * resolved or the bad moment is far enough behind.
 */
public final class PushyContactRule implements Rule {

  static final String CLOCK = "pushy";
  private static final String BAD_KEY = "pushy-contact:bad-experience";
  private static final String CASE_KEY = "pushy-contact:case:";

  @Override
  public void onEvent(RuleContext ctx, Touchpoint e) {
    if (e.payload() instanceof ContactMade c
        && (c.getPurpose() == ContactPurpose.SALES || c.getPurpose() == ContactPurpose.CAMPAIGN)) {
      contact(ctx, e, c);
    } else if (e.payload() instanceof CaseResolved r) {
      ctx.clearing(CASE_KEY + r.getCaseId(), e.occurredAt())
          .why(
              "Complaint "
                  + r.getCaseId()
                  + " was resolved; sales contact is no longer out of place.")
          .nextStep("Marketing may include the customer again.")
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
    ctx.clearing(BAD_KEY, dueAt)
        .why(
            "The bad experience is now "
                + Texts.duration(ctx.policy().pushy().badExperienceWindow().toMillis())
                + " behind.")
        .nextStep("Marketing may include the customer again.")
        .clear();
  }

  private static void contact(RuleContext ctx, Touchpoint e, ContactMade c) {
    SubjectState s = ctx.state();
    String how = Texts.lower(c.getPurpose()) + " contact by " + Texts.lower(c.getChannel());
    for (Map.Entry<String, SubjectState.CaseInfo> open : s.cases.entrySet()) {
      if (open.getValue().kind == CaseKind.COMPLAINT) {
        ctx.alert(
                AlertType.PUSHY_CONTACT, Severity.WARNING, e.occurredAt(), CASE_KEY + open.getKey())
            .why(
                "The customer got a "
                    + how
                    + " while their complaint "
                    + open.getKey()
                    + " is open since "
                    + Texts.date(open.getValue().openedAt)
                    + ".")
            .nextStep(
                "Pause sales and campaign contact until the complaint is resolved (suppression"
                    + " list), and make sure the complaint gets an update.")
            .evidence(List.of(e.eventId(), open.getValue().openedEventId))
            .raise();
        return;
      }
    }
    long window = ctx.policy().pushy().badExperienceWindow().toMillis();
    if (s.lastBadAt > 0 && e.occurredAt() - s.lastBadAt <= window) {
      if (ctx.alert(AlertType.PUSHY_CONTACT, Severity.WARNING, e.occurredAt(), BAD_KEY)
          .why(
              "The customer got a "
                  + how
                  + " "
                  + Texts.duration(e.occurredAt() - s.lastBadAt)
                  + " after a bad experience ("
                  + s.lastBadWhat
                  + ").")
          .nextStep("Hold sales and campaign contact for now; talk about their problem first.")
          .evidence(List.of(e.eventId(), s.lastBadEventId))
          .raise()) {
        ctx.schedule(CLOCK, s.lastBadAt + window);
      }
    }
  }
}
