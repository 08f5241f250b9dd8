package dev.touchpoints.ops;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** Renders a subject's score card, as the query API returns it, for a terminal. */
final class ScoreCard {

  private static final int BAR = 20;
  private static final String[] DIMENSIONS = {"web", "billing", "support", "marketing"};

  private ScoreCard() {}

  static String render(JsonNode card, Instant now) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "Subject %s   score %.1f/100   %s%n",
            card.path("subjectId").asText(),
            card.path("overall").asDouble(),
            trend(card.path("trend"))));
    out.append(
        String.format(
            Locale.ROOT,
            "%d touchpoints, last %s%n%n",
            card.path("eventCount").asLong(),
            relative(card.path("lastEventAt").asText(), now)));
    for (String dimension : DIMENSIONS) {
      double value = card.path("dimensions").path(dimension).asDouble();
      out.append(String.format(Locale.ROOT, "  %-10s %s %5.1f%n", dimension, bar(value), value));
    }
    section(out, "Why");
    int n = 1;
    for (JsonNode reason : card.path("reasons")) {
      out.append("  ").append(n++).append(". ").append(reason.asText()).append('\n');
    }
    if (n == 1) {
      out.append("  nothing notable\n");
    }
    section(out, "Active alerts");
    if (card.path("activeAlerts").isEmpty()) {
      out.append("  none\n");
    }
    for (JsonNode alert : card.path("activeAlerts")) {
      out.append(
          String.format(
              Locale.ROOT,
              "  %-8s %-20s %s%n    why:  %s%n    next: %s%n",
              alert.path("severity").asText(),
              alert.path("type").asText(),
              relative(alert.path("eventTime").asText(), now),
              alert.path("why").asText(),
              alert.path("nextStep").asText()));
    }
    section(out, "Open cases and promises");
    if (card.path("openCases").isEmpty() && card.path("openPromises").isEmpty()) {
      out.append("  nothing open\n");
    }
    for (JsonNode openCase : card.path("openCases")) {
      out.append(
          String.format(
              "  %s %s, next update %s%n",
              openCase.path("kind").asText().toLowerCase(Locale.ROOT),
              openCase.path("caseId").asText(),
              due(openCase.path("nextUpdateDueAt"), now)));
    }
    for (JsonNode promise : card.path("openPromises")) {
      out.append(
          String.format(
              "  promise %s%s %s%n",
              promise.path("promiseId").asText(),
              promise.path("caseId").isTextual()
                  ? " (" + promise.path("caseId").asText() + ")"
                  : "",
              due(promise.path("dueAt"), now)));
    }
    section(out, "Recent touchpoints");
    for (JsonNode touchpoint : card.path("recentTouchpoints")) {
      out.append(
          String.format(
              Locale.ROOT,
              "  %s  %-32s %+6.1f%n",
              AlertFormat.time(Instant.parse(touchpoint.path("occurredAt").asText())),
              touchpoint.path("type").asText(),
              touchpoint.path("impact").asDouble()));
    }
    return out.toString();
  }

  private static void section(StringBuilder out, String title) {
    out.append('\n').append(title).append('\n');
  }

  private static String trend(JsonNode trend) {
    if (trend == null || !trend.isNumber()) {
      return "(no 30-day comparison yet)";
    }
    double value = trend.asDouble();
    return String.format(
        Locale.ROOT, "%s %.1f vs 30 days ago", value < 0 ? "down" : "up", Math.abs(value));
  }

  private static String bar(double value) {
    int filled = (int) Math.round(Math.max(0, Math.min(100, value)) / 100 * BAR);
    return "#".repeat(filled) + ".".repeat(BAR - filled);
  }

  static String due(JsonNode dueAt, Instant now) {
    if (dueAt == null || !dueAt.isTextual()) {
      return "not promised";
    }
    Duration left = Duration.between(now, Instant.parse(dueAt.asText()));
    return left.isNegative() ? "OVERDUE by " + span(left.negated()) : "due in " + span(left);
  }

  static String relative(String iso, Instant now) {
    if (iso == null || iso.isEmpty()) {
      return "-";
    }
    Duration ago = Duration.between(Instant.parse(iso), now);
    return ago.isNegative() ? "in " + span(ago.negated()) : span(ago) + " ago";
  }

  static String span(Duration duration) {
    long seconds = duration.toSeconds();
    if (seconds >= 86_400) {
      return seconds / 86_400 + "d " + seconds % 86_400 / 3_600 + "h";
    }
    if (seconds >= 3_600) {
      return seconds / 3_600 + "h " + seconds % 3_600 / 60 + "m";
    }
    if (seconds >= 60) {
      return seconds / 60 + "m";
    }
    return seconds + "s";
  }
}
