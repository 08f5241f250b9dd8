package dev.touchpoints.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Keeps the broker's and clients' INFO chatter (about 1,200 lines per start) off the report. */
final class Logging {

  private Logging() {}

  static void quiet() {
    if (!(LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME) instanceof Logger root)) {
      return;
    }
    root.setLevel(Level.INFO);
    for (String noisy :
        List.of(
            "org.apache.kafka",
            "kafka",
            "state.change.logger",
            "org.eclipse.jetty",
            "io.javalin",
            "dev.touchpoints.platform",
            "dev.touchpoints.streams",
            "dev.touchpoints.core")) {
      ((Logger) LoggerFactory.getLogger(noisy)).setLevel(Level.WARN);
    }
    ((Logger) LoggerFactory.getLogger("org.apache.kafka.clients.NetworkClient"))
        .setLevel(Level.ERROR);
    if (Boolean.getBoolean(VERBOSE)) {
      for (String diagnostic :
          List.of(
              "org.apache.kafka.streams.processor.internals.StreamThread",
              "org.apache.kafka.streams.processor.internals.StoreChangelogReader",
              "org.apache.kafka.streams.processor.internals.DefaultStateUpdater",
              "org.apache.kafka.streams.processor.internals.TaskManager",
              "org.apache.kafka.clients.consumer.internals.ConsumerCoordinator",
              "org.apache.kafka.clients.consumer.internals.AbstractCoordinator",
              "org.apache.kafka.clients.producer.internals.TransactionManager",
              "org.apache.kafka.coordinator.group",
              "kafka.coordinator.transaction")) {
        ((Logger) LoggerFactory.getLogger(diagnostic)).setLevel(Level.INFO);
      }
    }
  }

  /**
   * System property: {@code -Dbench.verbose=true} (harness, and {@code --engine-jvm-opts} for the
   * engine process) lets group, restore and transaction logs through, to see where a restart's time
   * goes.
   */
  static final String VERBOSE = "bench.verbose";
}
