package dev.touchpoints.streams.console;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Keeps the broker's and Jetty's chatter out of integration-test logs. */
public final class QuietLogs {

  private QuietLogs() {}

  /** Sets Kafka, Jetty and Javalin loggers to WARN. */
  public static void apply() {
    for (String name :
        new String[] {
          "org.apache.kafka", "kafka", "state.change.logger", "org.eclipse.jetty", "io.javalin"
        }) {
      ((Logger) LoggerFactory.getLogger(name)).setLevel(Level.WARN);
    }
    ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.INFO);
  }
}
