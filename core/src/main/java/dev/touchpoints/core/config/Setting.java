package dev.touchpoints.core.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;
import org.apache.kafka.common.config.ConfigException;

/**
 * One app setting, declared once with its key, type, default, valid range and meaning, so a
 * misspelt key or a value out of range is refused at start-up instead of being silently ignored
 * (the idea of Debezium's {@code Field}). Declarations are constants in per-module holder classes
 * ({@code PolicySettings}, {@code TopicSettings}, …), read with {@link AppConfig#get(Setting)} and
 * checked by {@link Declarations}.
 *
 * @param key the key, as documented (hyphens and dots are the same in a key)
 * @param type how the value is parsed
 * @param defaultValue the value when the key is not set; {@code null} when there is none or it
 *     depends on other settings
 * @param doc what the setting does, one line
 * @param aliases earlier names still honoured, the key winning over them
 * @param valid the range check; always true when there is none
 * @param range the range in words ({@code "at least 1"}), {@code null} when there is none
 * @param family whether {@code key} is a prefix: every key under it is a setting of this type
 *     ({@code policy.scoring.catalog.<catalog key>})
 * @param passThrough for a family: keys under it are another program's (Kafka's broker settings),
 *     passed on untouched and never parsed
 * @param <T> the parsed type
 */
public record Setting<T>(
    String key,
    Type type,
    T defaultValue,
    String doc,
    List<String> aliases,
    Predicate<T> valid,
    String range,
    boolean family,
    boolean passThrough) {

  /** How a setting's text is parsed. */
  public enum Type {
    STRING,
    INT,
    LONG,
    DOUBLE,
    BOOLEAN,
    DURATION,
    /** A comma list; blanks dropped. */
    LIST
  }

  private static final List<String> SECRET_WORDS = List.of("password", "secret", "jaas", "key");

  public Setting {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(type, "type");
    aliases = List.copyOf(aliases);
    valid = valid == null ? v -> true : valid;
  }

  /** A text setting. */
  public static Setting<String> string(String key, String defaultValue, String doc) {
    return of(key, Type.STRING, defaultValue, doc);
  }

  /** An integer setting. */
  public static Setting<Integer> integer(String key, Integer defaultValue, String doc) {
    return of(key, Type.INT, defaultValue, doc);
  }

  /** A long integer setting. */
  public static Setting<Long> longInteger(String key, Long defaultValue, String doc) {
    return of(key, Type.LONG, defaultValue, doc);
  }

  /** A decimal setting. */
  public static Setting<Double> decimal(String key, Double defaultValue, String doc) {
    return of(key, Type.DOUBLE, defaultValue, doc);
  }

  /** A {@code true}/{@code false} setting. */
  public static Setting<Boolean> bool(String key, Boolean defaultValue, String doc) {
    return of(key, Type.BOOLEAN, defaultValue, doc);
  }

  /** A duration setting ({@code 500ms}, {@code 30s}, {@code 15m}, {@code 3h}, {@code 7d}, ISO). */
  public static Setting<Duration> duration(String key, Duration defaultValue, String doc) {
    return of(key, Type.DURATION, defaultValue, doc);
  }

  /** A comma-list setting; the default is given as the comma list it would be written as. */
  public static Setting<List<String>> list(String key, String defaultValue, String doc) {
    return of(key, Type.LIST, defaultValue == null ? null : splitList(defaultValue), doc);
  }

  /**
   * Every key under {@code prefix} is a setting of {@code type}: {@code policy.scoring.catalog.}.
   */
  public static <T> Setting<T> family(String prefix, Type type, String doc) {
    return new Setting<>(prefix, type, null, doc, List.of(), null, null, true, false);
  }

  /** Every key under {@code prefix} belongs to another program and is passed on untouched. */
  public static Setting<String> passThrough(String prefix, String doc) {
    return new Setting<>(prefix, Type.STRING, null, doc, List.of(), null, null, true, true);
  }

  private static <T> Setting<T> of(String key, Type type, T defaultValue, String doc) {
    return new Setting<>(key, type, defaultValue, doc, List.of(), null, null, false, false);
  }

  /** A copy that also honours {@code earlierName}. */
  public Setting<T> alias(String earlierName) {
    List<String> more = new java.util.ArrayList<>(aliases);
    more.add(earlierName);
    return new Setting<>(key, type, defaultValue, doc, more, valid, range, family, passThrough);
  }

  /** A copy whose value must be at least {@code min}. */
  public Setting<T> atLeast(T min) {
    return check(v -> compare(v, min) >= 0, "at least " + text(min));
  }

  /** A copy whose value must be more than {@code min}. */
  public Setting<T> above(T min) {
    return check(v -> compare(v, min) > 0, "more than " + text(min));
  }

  /** A copy whose value must lie between {@code min} and {@code max}, both included. */
  public Setting<T> between(T min, T max) {
    return check(
        v -> compare(v, min) >= 0 && compare(v, max) <= 0,
        "between " + text(min) + " and " + text(max));
  }

  /** A copy whose value must be one of {@code values} (case-insensitive). */
  public Setting<T> oneOf(String... values) {
    return check(
        v -> Arrays.stream(values).anyMatch(s -> s.equalsIgnoreCase(v.toString().trim())),
        "one of " + String.join(", ", values));
  }

  private Setting<T> check(Predicate<T> more, String words) {
    return new Setting<>(
        key, type, defaultValue, doc, aliases, valid.and(more), words, family, passThrough);
  }

  /**
   * Parses and checks {@code text} given for {@code name} (this key, an alias or, for a family, a
   * key under it).
   *
   * @throws ConfigException naming the key, the value (unless the key may hold a secret) and why
   */
  @SuppressWarnings("unchecked")
  public T parse(String name, String text) {
    T value;
    try {
      value = (T) parseAs(type, text);
    } catch (RuntimeException e) {
      throw invalid(name, text, "expected " + expected());
    }
    if (!valid.test(value)) {
      throw invalid(name, text, "must be " + range);
    }
    return value;
  }

  /** Whether {@code canonicalKey} (hyphens as dots) names this setting or one of its aliases. */
  boolean names(String canonicalKey) {
    if (family) {
      return canonicalKey.startsWith(AppConfig.canonical(key))
          && canonicalKey.length() > key.length();
    }
    return AppConfig.canonical(key).equals(canonicalKey)
        || aliases.stream().anyMatch(a -> AppConfig.canonical(a).equals(canonicalKey));
  }

  /** Whether values of {@code key} may be secret, and so are never echoed in an error. */
  static boolean mayBeSecret(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    return SECRET_WORDS.stream().anyMatch(k::contains);
  }

  private static ConfigException invalid(String name, String text, String reason) {
    String shown = mayBeSecret(name) ? "" : " '" + text + "'";
    return new ConfigException("Invalid value" + shown + " for setting '" + name + "': " + reason);
  }

  private String expected() {
    return switch (type) {
      case STRING, LIST -> "text";
      case INT, LONG -> "an integer";
      case DOUBLE -> "a number";
      case BOOLEAN -> "true or false";
      case DURATION -> "a duration such as 500ms, 30s, 15m, 3h, 7d or PT72H";
    };
  }

  private static Object parseAs(Type type, String text) {
    String t = text.trim();
    return switch (type) {
      case STRING -> t;
      case INT -> Integer.parseInt(t);
      case LONG -> Long.parseLong(t);
      case DOUBLE -> Double.parseDouble(t);
      case BOOLEAN -> {
        String v = t.toLowerCase(Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) {
          throw new IllegalArgumentException(t);
        }
        yield Boolean.parseBoolean(v);
      }
      case DURATION -> AppConfig.parseDuration(t);
      case LIST -> splitList(t);
    };
  }

  private static List<String> splitList(String text) {
    return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compare(Object a, Object b) {
    return ((Comparable) a).compareTo(b);
  }

  /** A value as it is written in a setting: {@code 1h}, {@code 0.5}, {@code 20}. */
  static String text(Object value) {
    if (value instanceof Duration d) {
      return durationText(d);
    }
    if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
      return Long.toString(d.longValue());
    }
    if (value instanceof List<?> list) {
      return String.join(",", list.stream().map(Object::toString).toList());
    }
    return String.valueOf(value);
  }

  private static String durationText(Duration d) {
    long ms = d.toMillis();
    long[] sizes = {86_400_000, 3_600_000, 60_000, 1_000};
    String[] units = {"d", "h", "m", "s"};
    for (int i = 0; i < sizes.length; i++) {
      if (ms != 0 && ms % sizes[i] == 0) {
        return ms / sizes[i] + units[i];
      }
    }
    return ms == 0 ? "0s" : ms + "ms";
  }

  @Override
  public String toString() {
    return key;
  }
}
