package dev.touchpoints.platform.registry;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Confluent's registry names its levels and modes in capitals; clients send any case. */
public final class EnumNames {

  private EnumNames() {}

  /** The constant of {@code type} named {@code name} in any case; empty if none is. */
  public static <E extends Enum<E>> Optional<E> parse(Class<E> type, String name) {
    if (name == null) {
      return Optional.empty();
    }
    String wanted = name.trim().toUpperCase(Locale.ROOT);
    return Arrays.stream(type.getEnumConstants()).filter(e -> e.name().equals(wanted)).findFirst();
  }
}
