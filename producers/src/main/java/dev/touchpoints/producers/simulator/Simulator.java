package dev.touchpoints.producers.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays a {@link JourneyGenerator} into an {@link EventSink}, paced by an event rate and/or a time
 * acceleration, until an event count, a duration, or a stop request.
 */
public final class Simulator {

  private static final Logger LOG = LoggerFactory.getLogger(Simulator.class);
  private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  /**
   * How far the simulated clock may run ahead of the real one: a few minutes, as a real source's
   * clock might – not the whole hour the validator tolerates, or simulated journeys would end in
   * the future.
   */
  public static final Duration MAX_LEAD = Duration.ofMinutes(5);

  /** {@link #MAX_LEAD}, or less when the validator accepts less ({@code maxFutureSkew}). */
  public static Duration lead(Duration maxFutureSkew) {
    return maxFutureSkew.compareTo(MAX_LEAD) < 0 ? maxFutureSkew : MAX_LEAD;
  }

  /**
   * When to send and when to stop.
   *
   * @param maxEvents stop after this many events; -1 for no limit
   * @param maxDuration stop after this much real time; null for no limit
   * @param rate at most this many events per real second; 0 for as fast as possible
   * @param speed simulated seconds per real second (3600: an hour a second); 0 to ignore simulated
   *     time and send as fast as {@code rate} allows
   * @param futureSkew events may not be further than this ahead of the real clock (the publisher
   *     would refuse them): the run stops there
   */
  public record Limits(
      long maxEvents, Duration maxDuration, double rate, double speed, Duration futureSkew) {}

  /**
   * How a run ended.
   *
   * @param submitted events handed to the sink
   * @param stored events the sink reported stored
   * @param failed events the sink reported not stored
   * @param took real time
   * @param simulatedUntil simulated time of the last event sent, or null
   * @param stopReason why the run stopped
   */
  public record Result(
      long submitted,
      long stored,
      long failed,
      Duration took,
      Instant simulatedUntil,
      String stopReason) {}

  private final JourneyGenerator generator;
  private final EventSink sink;
  private final Progress progress;
  private final Limits limits;
  private final Clock wallClock;
  private final Instant simulatedStart;

  /**
   * @param simulatedStart the simulated time that corresponds to the real start (with a speed)
   */
  public Simulator(
      JourneyGenerator generator,
      EventSink sink,
      Progress progress,
      Limits limits,
      Instant simulatedStart,
      Clock wallClock) {
    this.generator = generator;
    this.sink = sink;
    this.progress = progress;
    this.limits = limits;
    this.simulatedStart = simulatedStart;
    this.wallClock = wallClock;
  }

  /** Runs until a limit is reached or {@code stopRequested} says so; then flushes the sink. */
  public Result run(BooleanSupplier stopRequested) {
    long startNanos = System.nanoTime();
    long deadline =
        limits.maxDuration() == null ? Long.MAX_VALUE : startNanos + limits.maxDuration().toNanos();
    Instant last = null;
    String reason = "the journeys are over";
    long sent = 0;
    while (true) {
      if (limits.maxEvents() >= 0 && sent >= limits.maxEvents()) {
        reason = "event limit reached";
        break;
      }
      if (!generator.hasNext()) {
        break;
      }
      SimulatedEvent event = generator.next();
      if (event.at().isAfter(wallClock.instant().plus(limits.futureSkew()))) {
        reason = "the simulated clock caught up with the real one (use an earlier --start)";
        break;
      }
      long due = Math.max(rateDue(startNanos, sent), speedDue(startNanos, event.at()));
      if (!waitUntil(Math.min(due, deadline), stopRequested)) {
        reason = "stopped";
        break;
      }
      if (System.nanoTime() >= deadline) {
        reason = "duration reached";
        break;
      }
      sink.send(event);
      sent++;
      last = event.at();
      progress.submitted(last);
      sink.poll();
    }
    sink.flush();
    progress.finish(last);
    Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
    LOG.info("Simulation stopped: {}", reason);
    return new Result(
        progress.submitted(), progress.stored(), progress.failed(), took, last, reason);
  }

  private long rateDue(long startNanos, long sent) {
    return limits.rate() <= 0 ? 0 : startNanos + (long) (sent * 1e9 / limits.rate());
  }

  private long speedDue(long startNanos, Instant at) {
    if (limits.speed() <= 0) {
      return 0;
    }
    double simulatedNanos = Duration.between(simulatedStart, at).toNanos();
    return startNanos + (long) Math.max(0, simulatedNanos / limits.speed());
  }

  /** Waits in short slices (keeping the sink's buffers fresh); false when asked to stop. */
  private boolean waitUntil(long dueNanos, BooleanSupplier stopRequested) {
    while (true) {
      if (stopRequested.getAsBoolean()) {
        return false;
      }
      long left = dueNanos - System.nanoTime();
      if (left <= 0) {
        return true;
      }
      sink.poll();
      progress.show(null, false);
      LockSupport.parkNanos(Math.min(left, SLICE_NANOS));
    }
  }
}
