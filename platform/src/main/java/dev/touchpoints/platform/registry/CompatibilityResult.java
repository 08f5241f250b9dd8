package dev.touchpoints.platform.registry;

import java.util.List;

/** The answer of a compatibility test: compatible, or the incompatibilities found. */
public record CompatibilityResult(boolean compatible, List<String> messages) {

  static CompatibilityResult of(List<String> problems) {
    return new CompatibilityResult(problems.isEmpty(), List.copyOf(problems));
  }
}
