package dev.touchpoints.platform.registry.compat;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/** Decides whether a new Avro schema may follow existing versions under a compatibility level. */
public final class CompatibilityChecker {

  private CompatibilityChecker() {}

  /**
   * Checks {@code candidate} against {@code previous} (oldest first): only the latest one, or all
   * of them when the level is transitive.
   *
   * @return the incompatibilities found; empty means compatible
   */
  public static List<String> check(
      CompatibilityLevel level, Schema candidate, List<Schema> previous) {
    if (level == CompatibilityLevel.NONE || previous.isEmpty()) {
      return List.of();
    }
    List<Schema> against =
        level.transitive() ? previous : List.of(previous.get(previous.size() - 1));
    List<String> problems = new ArrayList<>();
    for (Schema existing : against) {
      if (level.backward()) {
        problems.addAll(problems("BACKWARD", candidate, existing));
      }
      if (level.forward()) {
        problems.addAll(problems("FORWARD", existing, candidate));
      }
    }
    return problems;
  }

  /** Convenience for {@link #check}: true when no incompatibility is found. */
  public static boolean isCompatible(
      CompatibilityLevel level, Schema candidate, List<Schema> previous) {
    return check(level, candidate, previous).isEmpty();
  }

  private static List<String> problems(String direction, Schema reader, Schema writer) {
    SchemaPairCompatibility result =
        SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
    if (result.getType() == SchemaCompatibilityType.COMPATIBLE) {
      return List.of();
    }
    List<String> messages = new ArrayList<>();
    for (Incompatibility incompatibility : result.getResult().getIncompatibilities()) {
      messages.add(
          String.format(
              "%s: %s at '%s': %s",
              direction,
              incompatibility.getType(),
              incompatibility.getLocation(),
              incompatibility.getMessage()));
    }
    return messages;
  }
}
