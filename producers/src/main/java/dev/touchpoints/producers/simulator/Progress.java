package dev.touchpoints.producers.simulator;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts what the simulator sent and shows it: a live bar redrawn in place on a terminal, plain log
 * lines every ten seconds otherwise (CI logs, files).
 */
public final class Progress implements EventSink.Listener {

  private static final Logger LOG = LoggerFactory.getLogger(Progress.class);
  private static final long TTY_EVERY_NANOS = Duration.ofMillis(250).toNanos();
  private static final long LOG_EVERY_NANOS = Duration.ofSeconds(10).toNanos();
  private static final int BAR = 24;

  private final AtomicLong submitted = new AtomicLong();
  private final AtomicLong stored = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final PrintStream tty;
  private final long totalEvents;
  private final Duration totalTime;
  private final long startNanos = System.nanoTime();
  private long lastShown = startNanos;
  private volatile String lastFailure;
  private volatile Instant lastSimulated;

  /**
   * @param tty the terminal to draw on, or null to log instead
   * @param totalEvents the event limit, or -1
   * @param totalTime the time limit, or null
   */
  public Progress(PrintStream tty, long totalEvents, Duration totalTime) {
    this.tty = tty;
    this.totalEvents = totalEvents;
    this.totalTime = totalTime;
  }

  /** One event was handed to the sink. */
  void submitted(Instant simulatedTime) {
    submitted.incrementAndGet();
    lastSimulated = simulatedTime;
    show(simulatedTime, false);
  }

  @Override
  public void stored(long count) {
    stored.addAndGet(count);
  }

  @Override
  public void failed(long count, String reason) {
    if (count > 0) {
      failed.addAndGet(count);
      lastFailure = reason;
    }
  }

  public long submitted() {
    return submitted.get();
  }

  public long stored() {
    return stored.get();
  }

  public long failed() {
    return failed.get();
  }

  /** Redraws or logs when it is time to. */
  void show(Instant simulatedTime, boolean force) {
    long now = System.nanoTime();
    long every = tty != null ? TTY_EVERY_NANOS : LOG_EVERY_NANOS;
    if (!force && now - lastShown < every) {
      return;
    }
    lastShown = now;
    String line = line(now, simulatedTime != null ? simulatedTime : lastSimulated);
    if (tty != null) {
      tty.print("\r" + line + "   ");
      tty.flush();
    } else {
      LOG.info("{}", line);
    }
  }

  /** Final line; ends the bar's line on a terminal. */
  void finish(Instant simulatedTime) {
    show(simulatedTime, true);
    if (tty != null) {
      tty.println();
    }
    if (lastFailure != null) {
      LOG.warn("Last failure: {}", lastFailure);
    }
  }

  private String line(long now, Instant simulatedTime) {
    double seconds = Math.max(1e-3, (now - startNanos) / 1e9);
    long sent = submitted.get();
    double rate = sent / seconds;
    double fraction = fraction(sent, seconds);
    StringBuilder s = new StringBuilder();
    if (fraction >= 0) {
      int filled = (int) Math.round(fraction * BAR);
      s.append('[').append("#".repeat(filled)).append("-".repeat(BAR - filled)).append("] ");
      s.append(String.format(Locale.ROOT, "%3.0f%% ", fraction * 100));
    }
    s.append(
        String.format(
            Locale.ROOT,
            "sent %,d  stored %,d  errors %,d  %,.0f ev/s",
            sent,
            stored.get(),
            failed.get(),
            rate));
    if (fraction > 0 && fraction < 1) {
      long eta = (long) (seconds / fraction - seconds);
      s.append(String.format(Locale.ROOT, "  ETA %d:%02d", eta / 60, eta % 60));
    }
    if (simulatedTime != null) {
      s.append("  sim ")
          .append(simulatedTime.toString(), 0, Math.min(16, simulatedTime.toString().length()));
    }
    return s.toString();
  }

  private double fraction(long sent, double seconds) {
    double byEvents = totalEvents > 0 ? (double) sent / totalEvents : -1;
    double byTime = totalTime != null ? seconds / Math.max(1e-3, totalTime.toMillis() / 1e3) : -1;
    return Math.min(1, Math.max(byEvents, byTime));
  }
}
