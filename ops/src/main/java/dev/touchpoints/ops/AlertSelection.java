package dev.touchpoints.ops;

import dev.touchpoints.avro.AlertType;
import dev.touchpoints.avro.CustomerAlert;
import dev.touchpoints.avro.IncidentAlert;
import dev.touchpoints.avro.Severity;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which alerts the tail shows.
 *
 * <p>{@code types} are alert types or {@code INCIDENT}; {@code severities} are exact symbols, or
 * one symbol with a trailing {@code +} meaning "this or worse" ({@code HIGH+}).
 *
 * @param types accepted types (empty: all)
 * @param severities accepted severities (empty: all)
 * @param subjectId only this subject (incidents, which have no subject, are then left out)
 */
record AlertSelection(Set<String> types, Set<Severity> severities, String subjectId) {

  /** The pseudo-type that selects incident alerts. */
  static final String INCIDENT = "INCIDENT";

  /**
   * Parses the command-line filters.
   *
   * @throws IllegalArgumentException naming the option and the accepted values
   */
  static AlertSelection parse(List<String> types, List<String> severities, String subjectId) {
    Set<String> typeSet = new HashSet<>();
    for (String type : split(types)) {
      String symbol = symbol(type);
      if (!symbol.equals(INCIDENT)) {
        try {
          AlertType.valueOf(symbol);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "--type '"
                  + type
                  + "' is not one of "
                  + Arrays.toString(AlertType.values())
                  + " or INCIDENT");
        }
      }
      typeSet.add(symbol);
    }
    return new AlertSelection(typeSet, severities(split(severities)), subjectId);
  }

  boolean accepts(CustomerAlert alert) {
    return (types.isEmpty() || types.contains(alert.getType().name()))
        && (severities.isEmpty() || severities.contains(alert.getSeverity()))
        && (subjectId == null || subjectId.equals(alert.getSubjectId()));
  }

  boolean accepts(IncidentAlert incident) {
    return subjectId == null
        && (types.isEmpty() || types.contains(INCIDENT))
        && (severities.isEmpty() || severities.contains(incident.getSeverity()));
  }

  private static Set<Severity> severities(List<String> texts) {
    Set<Severity> result = EnumSet.noneOf(Severity.class);
    for (String text : texts) {
      boolean orWorse = text.endsWith("+");
      String symbol = symbol(orWorse ? text.substring(0, text.length() - 1) : text);
      Severity severity;
      try {
        severity = Severity.valueOf(symbol);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "--severity '"
                + text
                + "' is not one of "
                + Arrays.toString(Severity.values())
                + " (add + for that or worse, e.g. HIGH+)");
      }
      if (orWorse) {
        result.addAll(EnumSet.range(severity, Severity.CRITICAL));
      } else {
        result.add(severity);
      }
    }
    return result;
  }

  private static List<String> split(List<String> values) {
    if (values == null) {
      return List.of();
    }
    return values.stream()
        .flatMap(v -> Arrays.stream(v.split(",")))
        .map(String::trim)
        .filter(v -> !v.isEmpty())
        .toList();
  }

  private static String symbol(String text) {
    return text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
  }
}
