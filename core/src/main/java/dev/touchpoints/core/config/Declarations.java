package dev.touchpoints.core.config;

import dev.touchpoints.core.topics.TopicSettings;
import dev.touchpoints.core.validation.ValidationSettings;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.common.config.ConfigException;

/**
 * The settings one command knows: the declarations of the modules it runs, collected from their
 * holder classes. A command checks what it was given against them at start-up, so {@code
 * policy.silence.default-updat-interval} stops it with the nearest valid key instead of being
 * ignored.
 */
public final class Declarations {

  /** How far (edit distance) an unknown environment key may be from a known one to be a typo. */
  static final int LIKELY_TYPO = 2;

  private final Map<String, Setting<?>> byKey;

  /**
   * Where a setting came from, for errors.
   *
   * @param key the key as it was written
   * @param source {@code --set}, the file, the environment variable
   * @param environment whether it came from the environment
   */
  record Origin(String key, String source, boolean environment) {}

  private Declarations(Map<String, Setting<?>> byKey) {
    this.byKey = byKey;
  }

  /**
   * The {@code public static final} settings of {@code holders}: each {@link Setting} field, and
   * each setting in a collection or map field.
   */
  public static Declarations of(Class<?>... holders) {
    return new Declarations(new LinkedHashMap<>()).with(holders);
  }

  /** The settings every command shares: schema registry and serdes, topics, event validation. */
  public static Declarations shared() {
    return of(SerdeSettings.class, TopicSettings.class, ValidationSettings.class);
  }

  /** These settings and those of {@code holders}. */
  public Declarations with(Class<?>... holders) {
    Map<String, Setting<?>> all = new LinkedHashMap<>(byKey);
    for (Class<?> holder : holders) {
      for (Setting<?> s : declaredIn(holder)) {
        all.putIfAbsent(AppConfig.canonical(s.key()), s);
      }
    }
    return new Declarations(all);
  }

  /** These settings and {@code other}'s: a command that runs several parts knows all of theirs. */
  public Declarations with(Declarations other) {
    Map<String, Setting<?>> all = new LinkedHashMap<>(byKey);
    other.byKey.forEach(all::putIfAbsent);
    return new Declarations(all);
  }

  /** Every setting, in declaration order. */
  public Collection<Setting<?>> all() {
    return byKey.values();
  }

  /** The setting {@code key} names (as key, alias or under a family), if any. */
  public Optional<Setting<?>> find(String key) {
    String canonical = AppConfig.canonical(key);
    Setting<?> exact = byKey.get(canonical);
    if (exact != null) {
      return Optional.of(exact);
    }
    return byKey.values().stream().filter(s -> s.names(canonical)).findFirst();
  }

  /**
   * The declared key nearest to {@code key} by edit distance (hyphens as dots); a family as its
   * prefix and "…".
   */
  public String nearest(String key) {
    return nearestSetting(AppConfig.canonical(key)).map(Declarations::shown).orElse(null);
  }

  private static String shown(Setting<?> setting) {
    return setting.family() ? setting.key() + "…" : setting.key();
  }

  private Optional<Setting<?>> nearestSetting(String canonical) {
    return byKey.values().stream().min(Comparator.comparingInt(s -> distance(canonical, s)));
  }

  /** How far a key is from a setting: from a family, how far its start is from the prefix. */
  private static int distance(String canonical, Setting<?> setting) {
    String key = AppConfig.canonical(setting.key());
    return distance(
        setting.family()
            ? canonical.substring(0, Math.min(canonical.length(), key.length()))
            : canonical,
        key);
  }

  /**
   * Checks every app setting of {@code config}: each must be declared, and its value parse and lie
   * in range. Unknown keys from the environment are only warned about, and only when they look like
   * a typo of a known key: one environment often serves several commands, the launcher and the
   * Connect worker ({@code TOUCHPOINTS_LOG_LEVEL}, {@code TOUCHPOINTS_ALERTS_SLACK_URL}).
   *
   * @param origins where each key (canonical) came from
   * @throws ConfigException naming every bad key, why, and the nearest valid key
   */
  void check(AppConfig config, Map<String, Origin> origins, Consumer<String> warn) {
    List<String> problems = new ArrayList<>();
    config
        .app()
        .forEach(
            (key, value) -> {
              Origin origin = origins.getOrDefault(key, new Origin(key, "defaults", false));
              String source = origin.source();
              String written = origin.key();
              Optional<Setting<?>> setting = find(key);
              if (setting.isEmpty()) {
                Optional<Setting<?>> nearest = nearestSetting(key);
                String hint = nearest.map(n -> "; did you mean '" + shown(n) + "'?").orElse("");
                if (!origin.environment()) {
                  problems.add("Unknown setting '" + written + "' (" + source + hint + ")");
                } else if (nearest.isPresent() && distance(key, nearest.get()) <= LIKELY_TYPO) {
                  warn.accept("Ignoring " + source + ": '" + written + "' is not a setting" + hint);
                }
              } else if (!setting.get().passThrough() && !value.isBlank()) {
                try {
                  setting.get().parse(written, value);
                } catch (ConfigException e) {
                  problems.add(e.getMessage() + " (" + source + ")");
                }
              }
            });
    if (!problems.isEmpty()) {
      throw new ConfigException(String.join("\n", problems));
    }
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] row = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      row[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      int diagonal = row[0];
      row[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int above = row[j];
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        row[j] = Math.min(Math.min(row[j] + 1, row[j - 1] + 1), diagonal + cost);
        diagonal = above;
      }
    }
    return row[b.length()];
  }

  private static List<Setting<?>> declaredIn(Class<?> holder) {
    List<Setting<?>> found = new ArrayList<>();
    for (Field field : holder.getDeclaredFields()) {
      int m = field.getModifiers();
      if (!Modifier.isStatic(m) || !Modifier.isPublic(m) || !Modifier.isFinal(m)) {
        continue;
      }
      Object value;
      try {
        value = field.get(null);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("Cannot read " + field, e);
      }
      Collection<?> values =
          value instanceof Map<?, ?> map
              ? map.values()
              : value instanceof Collection<?> c ? c : List.of(value == null ? "" : value);
      values.stream().filter(Setting.class::isInstance).forEach(v -> found.add((Setting<?>) v));
    }
    return found;
  }
}
