package dev.touchpoints.connect;

import java.util.List;

/**
 * Picks the routes an alert goes to: every route whose kinds, types and lowest severity it matches,
 * in the order the routes are named.
 *
 * @param routes the configured routes
 */
public record Router(List<Route> routes) {

  /** The routes that take {@code alert}; empty if none does. */
  public List<Route> routesFor(Alert alert) {
    return routes.stream().filter(route -> route.matches(alert)).toList();
  }
}
