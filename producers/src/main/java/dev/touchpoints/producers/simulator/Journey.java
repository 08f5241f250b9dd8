package dev.touchpoints.producers.simulator;

import dev.touchpoints.avro.BillingEvent;
import dev.touchpoints.avro.MarketingEvent;
import dev.touchpoints.avro.SupportEvent;
import dev.touchpoints.avro.WebEvent;
import dev.touchpoints.producers.events.BillingEvents;
import dev.touchpoints.producers.events.Events;
import dev.touchpoints.producers.events.MarketingEvents;
import dev.touchpoints.producers.events.SupportEvents;
import dev.touchpoints.producers.events.WebEvents;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;

/**
 * The events of one subject (or of the incident waves), produced lazily in time order. A journey
 * runs processes (a story script, a browsing habit, a billing cycle, …); each emits the events of
 * its next episode, all at or after the episode's start, and names when the following one starts.
 * Episodes are expanded only as far as needed to know the next event, so a journey may be endless.
 */
final class Journey {

  /** One source of episodes. */
  interface Process {
    /** Start of the next episode in epoch millis; {@link Long#MAX_VALUE} when done. */
    long nextAt();

    /** Emits the next episode's events (none before {@link #nextAt()}) and advances. */
    void emit(Journey journey);
  }

  private record Pending(long at, long seq, Story story, SpecificRecord event) {}

  private static final Comparator<Pending> ORDER =
      Comparator.comparingLong(Pending::at).thenComparingLong(Pending::seq);

  final int index;
  final String subjectId;
  final Story story;
  final SplittableRandom rnd;
  private final Events events;
  private final List<Process> processes = new ArrayList<>();
  private final PriorityQueue<Pending> pending = new PriorityQueue<>(ORDER);
  private long seq;

  Journey(int index, String subjectId, Story story, SplittableRandom rnd, Events events) {
    this.index = index;
    this.subjectId = subjectId;
    this.story = story;
    this.rnd = rnd;
    this.events = events;
  }

  void add(Process process) {
    processes.add(process);
  }

  /** Time of the next event, or {@link Long#MAX_VALUE} when the journey is over. */
  long peekAt() {
    refill();
    Pending head = pending.peek();
    return head == null ? Long.MAX_VALUE : head.at;
  }

  /** The next event; call only when {@link #peekAt()} is not {@code MAX_VALUE}. */
  private Pending poll() {
    refill();
    return pending.poll();
  }

  SimulatedEvent next(long sequence) {
    Pending p = poll();
    return new SimulatedEvent(
        sequence,
        Instant.ofEpochMilli(p.at),
        p.story,
        subjectOf(p.event),
        dev.touchpoints.producers.events.EventType.of(p.event),
        p.event);
  }

  private void refill() {
    while (true) {
      Process due = null;
      for (Process p : processes) {
        if (p.nextAt() != Long.MAX_VALUE && (due == null || p.nextAt() < due.nextAt())) {
          due = p;
        }
      }
      if (due == null || (!pending.isEmpty() && pending.peek().at <= due.nextAt())) {
        return;
      }
      long before = due.nextAt();
      due.emit(this);
      if (due.nextAt() <= before) {
        throw new IllegalStateException("a process did not advance");
      }
    }
  }

  WebEvents<SpecificRecord> web(long at) {
    return events
        .web(subjectId, (WebEvent e) -> keep(at, e))
        .eventId(nextId())
        .occurredAt(time(at))
        .source("webshop");
  }

  BillingEvents<SpecificRecord> billing(long at) {
    return events
        .billing(subjectId, (BillingEvent e) -> keep(at, e))
        .eventId(nextId())
        .occurredAt(time(at))
        .source("billing");
  }

  SupportEvents<SpecificRecord> support(long at) {
    return events
        .support(subjectId, (SupportEvent e) -> keep(at, e))
        .eventId(nextId())
        .occurredAt(time(at))
        .source("helpdesk");
  }

  MarketingEvents<SpecificRecord> marketing(long at) {
    return events
        .marketing(subjectId, (MarketingEvent e) -> keep(at, e))
        .eventId(nextId())
        .occurredAt(time(at))
        .source("crm");
  }

  /** Events of another subject, emitted by this journey (the incident waves). */
  WebEvents<SpecificRecord> webOf(String otherSubject, long at) {
    return events
        .web(otherSubject, (WebEvent e) -> keep(at, e))
        .eventId(nextId())
        .occurredAt(time(at))
        .source("webshop");
  }

  private SpecificRecord keep(long at, SpecificRecord event) {
    pending.add(new Pending(at, seq++, story, event));
    return event;
  }

  /** A version-4-shaped UUID from this journey's random stream. */
  private String nextId() {
    long hi = (rnd.nextLong() & 0xFFFFFFFFFFFF0FFFL) | 0x0000000000004000L;
    long lo = (rnd.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(hi, lo).toString();
  }

  private static Instant time(long at) {
    return Instant.ofEpochMilli(at);
  }

  private static String subjectOf(SpecificRecord event) {
    return ((dev.touchpoints.avro.Envelope) event.get(0)).getSubjectId();
  }
}
