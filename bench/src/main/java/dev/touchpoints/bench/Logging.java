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
  }
}
