package dev.touchpoints.core.cli;

import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a long-running command alive until the JVM is asked to stop (Ctrl-C, SIGTERM), then closes
 * what the command started – one shutdown path for every command.
 *
 * <pre>{@code
 * UntilStopped stop = UntilStopped.closing(platform, "platform");
 * out.println("Press Ctrl-C to stop.");
 * stop.await();
 * }</pre>
 */
public final class UntilStopped {

  private static final Logger LOG = LoggerFactory.getLogger(UntilStopped.class);

  private final CountDownLatch closed = new CountDownLatch(1);

  private UntilStopped() {}

  /** Registers a shutdown hook that closes {@code resource}; {@code name} names its thread. */
  public static UntilStopped closing(AutoCloseable resource, String name) {
    UntilStopped stop = new UntilStopped();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    resource.close();
                  } catch (Exception e) {
                    LOG.warn("Error while stopping {}: {}", name, e.toString());
                  } finally {
                    stop.closed.countDown();
                  }
                },
                name + "-shutdown"));
    return stop;
  }

  /** Blocks until the resource has been closed by the shutdown hook. */
  public void await() throws InterruptedException {
    closed.await();
  }
}
