package dev.touchpoints.streams.rules;

import dev.touchpoints.avro.AlertAction;
import java.util.ArrayList;
import java.util.List;

/** What an {@link AlertAction} does to an alert's {@link AlertHandling}. */
public final class AlertActions {

  private AlertActions() {}

  /** {@code handling} after {@code action}; an action of a later release changes nothing. */
  public static AlertHandling apply(AlertHandling handling, AlertAction action) {
    String by = action.getBy();
    long at = action.getAt().toEpochMilli();
    return switch (action.getAction()) {
      case ACKNOWLEDGE -> handling.acknowledged(by, at);
      case SNOOZE ->
          handling.snoozed(
              by,
              at,
              action.getSnoozedUntil() == null ? 0 : action.getSnoozedUntil().toEpochMilli());
      case ASSIGN -> handling.assigned(by, at, action.getAssignee());
      case NOTE ->
          action.getNote() == null || action.getNote().isBlank()
              ? handling
              : handling.noted(action.getActionId(), by, at, action.getNote().strip());
      case OTHER -> handling;
    };
  }

  /**
   * The snoozed alerts of {@code before} that are still open in {@code after} with a higher
   * severity: their snooze ends now, and they are sent again.
   */
  public static List<String> worseWhileSnoozed(
      SubjectState before, SubjectState after, long wallNow) {
    if (before == null) {
      return List.of();
    }
    List<String> worse = new ArrayList<>();
    before.alerts.forEach(
        (key, was) -> {
          SubjectState.ActiveAlert now = after.alerts.get(key);
          if (now != null
              && now.handling != null
              && now.handling.isSnoozedAt(wallNow)
              && now.severity.ordinal() > was.severity.ordinal()) {
            worse.add(key);
          }
        });
    return worse;
  }
}
