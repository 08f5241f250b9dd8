package dev.touchpoints.producers.simulator;

import dev.touchpoints.producers.json.EventJson;
import java.io.PrintStream;

/** Writes simulated events as NDJSON (the gateway's JSON form) instead of sending them. */
public final class PrintSink implements EventSink {

  private final PrintStream out;
  private final Listener listener;
  private final EventJson json = new EventJson();

  /** A sink writing to {@code out}. */
  public PrintSink(PrintStream out, Listener listener) {
    this.out = out;
    this.listener = listener;
  }

  @Override
  public void send(SimulatedEvent event) {
    out.println(json.toJson(event.event()));
    listener.stored(1);
  }

  @Override
  public void flush() {
    out.flush();
  }

  @Override
  public void close() {
    flush();
  }
}
