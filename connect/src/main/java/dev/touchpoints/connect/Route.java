package dev.touchpoints.connect;

import dev.touchpoints.connect.Alert.Kind;
import dev.touchpoints.connect.Alert.Severity;
import dev.touchpoints.connect.format.Format;
import java.net.URI;
import java.util.Set;

/**
 * A named destination and the alerts it takes.
 *
 * @param name the route's name in {@code routes}; logs and dead letters name it, never its URL
 * @param format how an alert is written for this destination
 * @param url the endpoint (a secret for Slack: never logged)
 * @param kinds the kinds it takes
 * @param types the alert types it takes (incidents: {@code INCIDENT}); empty: all
 * @param minSeverity the lowest severity of a raise or update it takes
 */
public record Route(
    String name, Format format, URI url, Set<Kind> kinds, Set<String> types, Severity minSeverity) {

  /**
   * Whether this route takes {@code alert}. A record that ends a problem passes the severity filter
   * (an incident's RESOLVED is INFO), or a page raised as CRITICAL would never be resolved.
   */
  public boolean matches(Alert alert) {
    return kinds.contains(alert.kind())
        && (types.isEmpty() || types.contains(alert.type()))
        && (alert.ends() || alert.severity().compareTo(minSeverity) >= 0);
  }

  @Override
  public String toString() {
    return "Route[" + name + ", " + format.name() + "]";
  }
}
