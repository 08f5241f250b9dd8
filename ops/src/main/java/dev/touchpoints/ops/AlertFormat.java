package dev.touchpoints.ops;

import dev.touchpoints.avro.CustomerAlert;
import dev.touchpoints.avro.IncidentAlert;
import dev.touchpoints.core.alerts.AlertJson;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the alert tail prints one alert: three readable lines, or one JSON object for scripts. */
final class AlertFormat {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private AlertFormat() {}

  static String human(CustomerAlert alert) {
    return String.format(
        "%s  %-8s  %-20s  subject %s  %s%n    why:  %s%n    next: %s",
        time(alert.getEventTime()),
        alert.getSeverity(),
        alert.getType(),
        alert.getSubjectId(),
        alert.getStatus(),
        alert.getWhy(),
        alert.getNextStep());
  }

  static String human(IncidentAlert incident) {
    return String.format(
        "%s  %-8s  %-20s  %s: %d customers affected, %d failures  %s%n    why:  %s%n    next: %s",
        time(incident.getEventTime()),
        incident.getSeverity(),
        "INCIDENT",
        incident.getTouchpointKind(),
        incident.getAffectedSubjects(),
        incident.getFailures(),
        incident.getStatus(),
        incident.getWhy(),
        incident.getNextStep());
  }

  static String json(CustomerAlert alert) {
    return AlertJson.of(alert).toString();
  }

  static String json(IncidentAlert incident) {
    return AlertJson.of(incident).toString();
  }

  static String time(Instant instant) {
    return instant == null ? "-" : TIME.format(instant);
  }
}
