package dev.touchpoints.streams.processors;

import dev.touchpoints.streams.StoreNames;
import dev.touchpoints.streams.model.Touchpoint;
import java.time.Duration;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Drops an event whose id was seen within the dedupe window (publishers retry; at-least-once
 * upstream must not count a complaint twice). The window store forgets old ids segment by segment,
 * so no scan is needed to expire them. Ids are remembered by when their record was written, not by
 * when the event happened: a retry or a replay comes soon after the first copy, however old the
 * event, and the store neither keeps nor finds ids dated before its window.
 */
public final class DedupeProcessor implements Processor<String, Touchpoint, String, Touchpoint> {

  private final long window;
  private ProcessorContext<String, Touchpoint> context;
  private WindowStore<String, Long> seen;

  public DedupeProcessor(Duration window) {
    this.window = window.toMillis();
  }

  @Override
  public void init(ProcessorContext<String, Touchpoint> context) {
    this.context = context;
    this.seen = context.getStateStore(StoreNames.DEDUPE_STORE);
  }

  @Override
  public void process(Record<String, Touchpoint> record) {
    Touchpoint t = record.value();
    long at = t.raw() != null && t.raw().timestamp() >= 0 ? t.raw().timestamp() : t.occurredAt();
    try (WindowStoreIterator<Long> it = seen.fetch(t.eventId(), at - window, at + window)) {
      if (it.hasNext()) {
        return;
      }
    }
    seen.put(t.eventId(), t.occurredAt(), at);
    context.forward(record);
  }
}
