package dev.touchpoints.connect.format;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.touchpoints.connect.Alert;
import java.util.Map;

/**
 * A Slack incoming-webhook message: {@code text} (what notifications show) and Block Kit {@code
 * blocks} with severity, type, subject, why and next step readable at a glance, and a link to the
 * subject's page in the console.
 */
public final class SlackFormat implements Format {

  private static final int HEADER_MAX = 150;
  private static final int SECTION_MAX = 3000;

  private final String consoleUrl;

  /** A Slack format linking to the console at {@code consoleUrl}. */
  public SlackFormat(String consoleUrl) {
    this.consoleUrl = consoleUrl;
  }

  @Override
  public String name() {
    return "slack";
  }

  @Override
  public Payload render(Alert alert) {
    String headline = headline(alert);
    String link = link(alert);
    ObjectNode message = Json.MAPPER.createObjectNode();
    message.put(
        "text",
        Json.cut(
            headline + ": " + alert.why() + " Next step: " + alert.nextStep() + " " + link,
            SECTION_MAX));
    ArrayNode blocks = message.putArray("blocks");
    ObjectNode header = blocks.addObject().put("type", "header");
    header.putObject("text").put("type", "plain_text").put("text", Json.cut(headline, HEADER_MAX));
    section(blocks, "*Why:* " + escape(alert.why()));
    section(blocks, "*Next step:* " + escape(alert.nextStep()));
    ArrayNode context = blocks.addObject().put("type", "context").putArray("elements");
    context
        .addObject()
        .put("type", "mrkdwn")
        .put(
            "text",
            escape(
                    alert.status()
                        + " · "
                        + alert.severity()
                        + " · cause at "
                        + alert.eventTime()
                        + " · "
                        + alert.dedupeKey())
                + " · <"
                + link
                + "|"
                + (alert.kind() == Alert.Kind.CUSTOMER
                    ? "Open " + escape(alert.subjectId()) + " in the console"
                    : "Open the console")
                + ">");
    return new Payload(Json.bytes(message), Map.of());
  }

  private String link(Alert alert) {
    return alert.kind() == Alert.Kind.CUSTOMER
        ? Json.subjectLink(consoleUrl, alert.subjectId())
        : Json.home(consoleUrl);
  }

  private static String headline(Alert alert) {
    String what = alert.kind() == Alert.Kind.CUSTOMER ? alert.type() : "Incident";
    return (alert.remindedAt().isEmpty() ? "" : "Reminder: ")
        + mark(alert)
        + " "
        + alert.severity()
        + " "
        + what
        + " "
        + alert.status()
        + " – "
        + alert.subjectId();
  }

  private static String mark(Alert alert) {
    if (alert.ends()) {
      return "✅";
    }
    return switch (alert.severity()) {
      case CRITICAL -> "🔴";
      case HIGH -> "🟠";
      case WARNING -> "🟡";
      case INFO -> "🔵";
    };
  }

  private static void section(ArrayNode blocks, String text) {
    ObjectNode section = blocks.addObject().put("type", "section");
    section.putObject("text").put("type", "mrkdwn").put("text", Json.cut(text, SECTION_MAX));
  }

  /** Slack's mrkdwn needs only these three escaped. */
  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
