package dev.touchpoints.producers.simulator;

/** Where the simulator sends events: Kafka, the gateway, or standard output. */
public interface EventSink extends AutoCloseable {

  /** Hears how sent events ended. Called from any thread. */
  interface Listener {
    /** {@code count} events were stored. */
    void stored(long count);

    /** {@code count} events were not stored, for {@code reason} (no personal data). */
    void failed(long count, String reason);
  }

  /** Sends one event (possibly buffered); the listener hears how it ended. */
  void send(SimulatedEvent event);

  /** Called often by the simulator; sends what has waited too long in a buffer. */
  default void poll() {}

  /** Sends everything buffered and waits until every event has ended. */
  void flush();

  @Override
  void close();
}
