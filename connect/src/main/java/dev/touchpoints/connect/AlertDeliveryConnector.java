package dev.touchpoints.connect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * Sink connector delivering the alerts of the JSON mirror ({@code touchpoints.alerts-json}) to HTTP
 * endpoints – generic signed webhooks, Slack incoming webhooks and PagerDuty Events v2 – by named
 * routes. Use {@code StringConverter} for keys and values; set {@code errors.tolerance=all} and
 * {@code errors.deadletterqueue.topic.name} so what cannot be delivered goes to a dead-letter topic
 * with its reason and the task keeps running.
 */
public final class AlertDeliveryConnector extends SinkConnector {

  /** The plugin's version. */
  static final String VERSION =
      Objects.requireNonNullElse(
          AlertDeliveryConnector.class.getPackage().getImplementationVersion(), "0.1.0-SNAPSHOT");

  private Map<String, String> props;

  @Override
  public String version() {
    return VERSION;
  }

  @Override
  public void start(Map<String, String> props) {
    new AlertDeliveryConfig(props);
    this.props = Map.copyOf(props);
  }

  @Override
  public Class<? extends Task> taskClass() {
    return AlertDeliveryTask.class;
  }

  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    List<Map<String, String>> configs = new ArrayList<>();
    for (int i = 0; i < maxTasks; i++) {
      Map<String, String> task = new HashMap<>(props);
      task.put(AlertDeliveryTask.TASK_INDEX, Integer.toString(i));
      configs.add(task);
    }
    return configs;
  }

  @Override
  public void stop() {}

  @Override
  public ConfigDef config() {
    return AlertDeliveryConfig.baseConfigDef();
  }

  /**
   * Validates the route keys too, which {@link #config()} cannot declare before names are known.
   */
  @Override
  public Config validate(Map<String, String> connectorConfigs) {
    List<ConfigValue> values =
        AlertDeliveryConfig.configDef(connectorConfigs).validate(connectorConfigs);
    boolean clean = values.stream().allMatch(v -> v.errorMessages().isEmpty());
    if (clean) {
      try {
        new AlertDeliveryConfig(connectorConfigs);
      } catch (ConfigException e) {
        values.stream()
            .filter(v -> e.getMessage() != null && e.getMessage().contains(v.name()))
            .findFirst()
            .orElse(values.get(0))
            .addErrorMessage(e.getMessage());
      }
    }
    return new Config(values);
  }
}
