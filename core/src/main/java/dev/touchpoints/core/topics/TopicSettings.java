package dev.touchpoints.core.topics;

import dev.touchpoints.core.config.Setting;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** The topic settings every command shares: names ({@code topic.<logical name>}) and creation. */
public final class TopicSettings {

  private TopicSettings() {}

  /** The name of each topic, by logical name ({@code topic.customer.alerts}). */
  public static final Map<String, Setting<String>> NAMES = names();

  public static final Setting<Integer> PARTITIONS =
      Setting.integer(Topics.PARTITIONS, 6, "partitions of topics the app creates").atLeast(1);

  /** Unset: the broker's default. */
  public static final Setting<Integer> REPLICATION_FACTOR =
      Setting.integer("topic.replication.factor", null, "replication of topics the app creates")
          .atLeast(1);

  public static final Setting<Boolean> CREATE =
      Setting.bool("topics.create", true, "gateway and simulator create missing topics");

  /**
   * The name setting of a topic: the declared one, or for a source beside the built-in ones (an
   * event family a test adds) one with its default name, {@code touchpoints.<logical name>}.
   */
  static Setting<String> name(String logical) {
    Setting<String> declared = NAMES.get(logical);
    return declared != null ? declared : nameSetting(logical, "touchpoints." + logical);
  }

  private static Map<String, Setting<String>> names() {
    Map<String, Setting<String>> names = new TreeMap<>();
    Topics.DEFAULT_NAMES.forEach((logical, name) -> names.put(logical, nameSetting(logical, name)));
    return Collections.unmodifiableMap(names);
  }

  private static Setting<String> nameSetting(String logical, String defaultName) {
    return Setting.string(Topics.NAME_PREFIX + logical, defaultName, "name of topic " + logical);
  }
}
