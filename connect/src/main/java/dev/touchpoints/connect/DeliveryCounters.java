package dev.touchpoints.connect;

import java.util.concurrent.atomic.AtomicLong;

/** What one task did, for logs and tests. Thread-safe. */
public final class DeliveryCounters {

  private final AtomicLong records = new AtomicLong();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong retried = new AtomicLong();
  private final AtomicLong deadLettered = new AtomicLong();
  private final AtomicLong unrouted = new AtomicLong();

  /** A snapshot of the counters. */
  public record Snapshot(
      long records, long sent, long delivered, long retried, long deadLettered, long unrouted) {

    @Override
    public String toString() {
      return "records="
          + records
          + " sent="
          + sent
          + " delivered="
          + delivered
          + " retried="
          + retried
          + " dead-lettered="
          + deadLettered
          + " unrouted="
          + unrouted;
    }
  }

  /** Records taken from the topic. */
  void record() {
    records.incrementAndGet();
  }

  /** HTTP requests sent, every attempt counted. */
  void sent() {
    sent.incrementAndGet();
  }

  /** Deliveries a receiver acknowledged with a 2xx (one per record and route). */
  void delivered() {
    delivered.incrementAndGet();
  }

  /** Attempts that were retried. */
  void retried() {
    retried.incrementAndGet();
  }

  /** Records sent to the dead-letter topic. */
  void deadLettered() {
    deadLettered.incrementAndGet();
  }

  /** Records no route takes. */
  void unrouted() {
    unrouted.incrementAndGet();
  }

  /** The counters now. */
  public Snapshot snapshot() {
    return new Snapshot(
        records.get(),
        sent.get(),
        delivered.get(),
        retried.get(),
        deadLettered.get(),
        unrouted.get());
  }
}
