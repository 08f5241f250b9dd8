package dev.touchpoints.streams.crash;

import dev.touchpoints.core.config.AppConfig;
import dev.touchpoints.core.config.ConfigLoader;
import dev.touchpoints.streams.EngineStreams;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The experience engine in a JVM of its own, so that {@link ExactlyOnceCrashIT} can kill it with
 * SIGKILL. Takes the path of a properties file (the {@code streams} command's keys); prints {@value
 * #STARTED} once started and {@value #STATE}{@code BEFORE->NOW} on every state change on stdout,
 * the protocol the test reads. Exits with status 3 if Kafka Streams gives up ({@code ERROR}), so
 * that the test sees it and starts a new one.
 */
public final class CrashTestStreamsMain {

  /** Printed once {@link EngineStreams#start()} returned. */
  public static final String STARTED = "CRASH-TEST STREAMS STARTED";

  /** Prefix of a state-change line. */
  public static final String STATE = "CRASH-TEST STREAMS STATE ";

  private CrashTestStreamsMain() {}

  public static void main(String[] args) throws InterruptedException {
    AppConfig config =
        new ConfigLoader().defaults(EngineStreams.DEFAULTS).file(Path.of(args[0])).load();
    EngineStreams app = new EngineStreams(config);
    CountDownLatch failed = new CountDownLatch(1);
    app.streams()
        .setStateListener(
            (now, before) -> {
              System.out.println(STATE + before + "->" + now);
              System.out.flush();
              if (now == KafkaStreams.State.ERROR) {
                failed.countDown();
              }
            });
    Runtime.getRuntime().addShutdownHook(new Thread(app::close, "crash-test-streams-shutdown"));
    app.start();
    System.out.println(STARTED);
    System.out.flush();
    failed.await();
    Runtime.getRuntime().halt(3);
  }
}
