package dev.touchpoints.streams.console;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.touchpoints.core.config.AppConfig;
import dev.touchpoints.core.kafka.TopicRange;
import dev.touchpoints.core.topics.Topic;
import dev.touchpoints.streams.query.QuerySettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the JSON alert mirror for the console: assigns every partition (no consumer group, so any
 * number of consoles can run), starts a little before the end to have some history, reads only
 * committed records, keeps the latest alerts in memory and hands each new one to the listeners.
 */
public final class AlertFeed implements AutoCloseable {

  /** Setting: records of history per partition a new feed starts with. */
  public static final String HISTORY = "console.feed.history";

  /** Setting: alerts kept in memory and replayed to a new browser. */
  public static final String BUFFER = "console.feed.buffer";

  private static final Logger LOG = LoggerFactory.getLogger(AlertFeed.class);
  private static final Duration POLL = Duration.ofMillis(500);
  private static final long RETRY_MILLIS = 2_000;

  private final String topic;
  private final KafkaConsumer<String, String> consumer;
  private final int historyPerPartition;
  private final int bufferSize;
  private final Deque<ObjectNode> recent = new ArrayDeque<>();
  private final List<Consumer<ObjectNode>> listeners = new CopyOnWriteArrayList<>();
  private final Object lock = new Object();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile boolean assigned;

  private AlertFeed(AppConfig config, Topic<String, String> topic) {
    this.topic = topic.name();
    this.historyPerPartition = config.get(QuerySettings.FEED_HISTORY);
    this.bufferSize = config.get(QuerySettings.FEED_BUFFER);
    Properties props = config.kafkaProperties();
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "touchpoints-console-feed");
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    this.thread = new Thread(this::run, "console-alert-feed");
    this.thread.setDaemon(true);
  }

  /** Starts following {@code topic} (the JSON alert mirror). */
  public static AlertFeed start(AppConfig config, Topic<String, String> topic) {
    AlertFeed feed = new AlertFeed(config, topic);
    feed.thread.start();
    return feed;
  }

  /**
   * Replays the alerts in memory to {@code listener}, oldest first, then hands it every new one.
   * Returns the action that unsubscribes.
   */
  public Runnable subscribe(Consumer<ObjectNode> listener) {
    synchronized (lock) {
      recent.forEach(listener);
      listeners.add(listener);
    }
    return () -> listeners.remove(listener);
  }

  /** The alerts in memory, oldest first. */
  public List<ObjectNode> recent() {
    synchronized (lock) {
      return new ArrayList<>(recent);
    }
  }

  /** Whether the feed has found its topic and follows it. */
  public boolean following() {
    return assigned;
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    try {
      while (running && !assign()) {
        pause();
      }
      while (running) {
        for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
          AlertJson.normalize(record.value())
              .ifPresentOrElse(
                  alert -> {
                    // When the engine sent it (records are stamped when emitted; eventTime is
                    // the cause's time): the console's alert-rate chart counts by it.
                    alert.put("emittedAt", Instant.ofEpochMilli(record.timestamp()).toString());
                    publish(alert);
                  },
                  () ->
                      LOG.warn(
                          "Skipping unreadable alert JSON at {}-{}@{}",
                          record.topic(),
                          record.partition(),
                          record.offset()));
        }
      }
    } catch (WakeupException e) {
      if (running) {
        throw e;
      }
    } catch (RuntimeException e) {
      LOG.error("Console alert feed stopped", e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private boolean assign() {
    try {
      List<TopicPartition> partitions =
          TopicRange.partitionsOf(consumer, List.of(topic), Duration.ofSeconds(5));
      if (partitions.isEmpty()) {
        LOG.info("Waiting for topic {} to exist", topic);
        return false;
      }
      TopicRange.open(consumer, partitions, TopicRange.Start.last(historyPerPartition));
      assigned = true;
      LOG.info("Console feed follows {} ({} partitions)", topic, partitions.size());
      return true;
    } catch (WakeupException e) {
      throw e;
    } catch (RuntimeException e) {
      LOG.warn("Console feed cannot read {} yet: {}", topic, e.toString());
      return false;
    }
  }

  private void publish(ObjectNode alert) {
    synchronized (lock) {
      recent.addLast(alert);
      while (recent.size() > bufferSize) {
        recent.removeFirst();
      }
      for (Consumer<ObjectNode> listener : listeners) {
        try {
          listener.accept(alert);
        } catch (RuntimeException e) {
          LOG.debug("Alert listener failed", e);
        }
      }
    }
  }

  private void pause() {
    try {
      TimeUnit.MILLISECONDS.sleep(RETRY_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }
}
