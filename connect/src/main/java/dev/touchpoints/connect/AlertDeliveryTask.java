package dev.touchpoints.connect;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers each alert of the mirror to every route that takes it, synchronously in {@link #put}:
 * when {@code put} returns, every record of the batch was acknowledged by its receivers or handed
 * to the dead-letter topic, so the offsets Connect commits afterwards never pass an alert that was
 * not delivered (at least once). Connect commits an offset only once the dead-letter record
 * reported before it is written.
 */
public final class AlertDeliveryTask extends SinkTask {

  /** Set by the connector: the task's number, for its log lines. */
  static final String TASK_INDEX = "task.index";

  private static final Logger LOG = LoggerFactory.getLogger(AlertDeliveryTask.class);

  private final DeliveryCounters counters = new DeliveryCounters();
  private final HttpDelivery.Sleeper sleeper;
  private Router router;
  private HttpDelivery delivery;
  private ErrantRecordReporter reporter;
  private String taskName;
  private DeliveryCounters.Snapshot lastLogged;

  /** The task Connect creates. */
  public AlertDeliveryTask() {
    this(duration -> Thread.sleep(duration.toMillis()));
  }

  /** A task that waits between retries with {@code sleeper} (tests). */
  AlertDeliveryTask(HttpDelivery.Sleeper sleeper) {
    this.sleeper = sleeper;
  }

  @Override
  public String version() {
    return AlertDeliveryConnector.VERSION;
  }

  @Override
  public void start(Map<String, String> props) {
    AlertDeliveryConfig config = new AlertDeliveryConfig(props);
    taskName =
        props.getOrDefault("name", "alert-delivery") + "-" + props.getOrDefault(TASK_INDEX, "0");
    router = new Router(config.routes());
    delivery =
        new HttpDelivery(
            HttpDelivery.client(config.requestTimeout()),
            config.requestTimeout(),
            config.retryPolicy(),
            counters,
            sleeper);
    reporter = errantRecordReporter();
    LOG.info(
        "Alert delivery task {} started: routes {}, dead-letter topic {}",
        taskName,
        router.routes(),
        reporter != null ? "via Connect's errant record reporter" : "NOT SET (task stops instead)");
  }

  private ErrantRecordReporter errantRecordReporter() {
    try {
      return context.errantRecordReporter();
    } catch (NoSuchMethodError | NoClassDefFoundError olderWorker) {
      return null;
    }
  }

  @Override
  public void put(Collection<SinkRecord> records) {
    for (SinkRecord record : records) {
      deliver(record);
    }
  }

  private void deliver(SinkRecord record) {
    counters.record();
    Alert alert;
    try {
      alert = Alert.parse(record.value() == null ? null : record.value().toString());
    } catch (InvalidAlertException e) {
      deadLetter(record, e);
      return;
    }
    List<Route> routes = router.routesFor(alert);
    if (routes.isEmpty()) {
      counters.unrouted();
      return;
    }
    List<String> failures = new ArrayList<>();
    for (Route route : routes) {
      try {
        delivery.deliver(route, alert);
      } catch (DeliveryFailedException e) {
        failures.add(e.getMessage());
      }
    }
    if (!failures.isEmpty()) {
      deadLetter(record, new DeliveryFailedException(String.join("; ", failures)));
    }
  }

  /**
   * Hands {@code record} to Connect's dead-letter queue with the reason; without one (no {@code
   * errors.deadletterqueue.topic.name} and {@code errors.tolerance=all}) the task fails rather than
   * skip an alert: its offset is not committed, so a restart delivers it again.
   */
  private void deadLetter(SinkRecord record, RuntimeException reason) {
    String where = record.topic() + "-" + record.kafkaPartition() + "@" + record.kafkaOffset();
    if (reporter == null) {
      throw new ConnectException(
          "Alert "
              + where
              + " cannot be delivered and there is no dead-letter topic: "
              + reason.getMessage(),
          reason);
    }
    reporter.report(record, reason);
    counters.deadLettered();
    LOG.warn("Alert {} dead-lettered: {}", where, reason.getMessage());
  }

  @Override
  public Map<TopicPartition, OffsetAndMetadata> preCommit(
      Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
    logCountersIfChanged();
    return super.preCommit(currentOffsets);
  }

  @Override
  public void stop() {
    logCountersIfChanged();
  }

  /** What this task did so far. */
  public DeliveryCounters.Snapshot counters() {
    return counters.snapshot();
  }

  private void logCountersIfChanged() {
    DeliveryCounters.Snapshot now = counters.snapshot();
    if (!now.equals(lastLogged)) {
      LOG.info("Alert delivery task {} counters: {}", taskName, now);
      lastLogged = now;
    }
  }
}
