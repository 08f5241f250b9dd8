package dev.touchpoints.ops.report;

import java.util.List;
import java.util.Map;

/** The customer alert types as people name them, in the order the report lists them. */
final class AlertTypes {

  static final List<String> ORDER =
      List.of(
          "PROMISE_BROKEN",
          "LEFT_IN_SILENCE",
          "SELF_SERVICE_FAILED",
          "EXPERIENCE_DROP",
          "WIN_BACK_OPPORTUNITY",
          "PUSHY_CONTACT",
          "OVERDUE_THEN_QUIET",
          "OTHER");

  private static final Map<String, String> LABELS =
      Map.of(
          "PROMISE_BROKEN", "Broken promise",
          "LEFT_IN_SILENCE", "Left in silence",
          "SELF_SERVICE_FAILED", "Self-service failed",
          "EXPERIENCE_DROP", "Experience dropped",
          "WIN_BACK_OPPORTUNITY", "Win-back opportunity",
          "PUSHY_CONTACT", "Pushy contact",
          "OVERDUE_THEN_QUIET", "Overdue, then quiet",
          "OTHER", "Other");

  private AlertTypes() {}

  /** The type's name for people; an unknown (newer) type as the API names it. */
  static String label(String type) {
    return LABELS.getOrDefault(type, type);
  }
}
