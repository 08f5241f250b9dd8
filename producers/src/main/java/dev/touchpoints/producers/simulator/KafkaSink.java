package dev.touchpoints.producers.simulator;

import dev.touchpoints.producers.publisher.TouchpointPublisher;

/** Sends simulated events straight to Kafka through a {@link TouchpointPublisher}. */
public final class KafkaSink implements EventSink {

  private final TouchpointPublisher publisher;
  private final Listener listener;

  /** A sink on {@code publisher}, which it closes when closed. */
  public KafkaSink(TouchpointPublisher publisher, Listener listener) {
    this.publisher = publisher;
    this.listener = listener;
  }

  @Override
  public void send(SimulatedEvent event) {
    try {
      publisher
          .publishRecordAsync(event.event())
          .whenComplete(
              (metadata, error) -> {
                if (error == null) {
                  listener.stored(1);
                } else {
                  listener.failed(1, "kafka: " + error.getClass().getSimpleName());
                }
              });
    } catch (IllegalArgumentException e) {
      listener.failed(1, "invalid: " + e.getMessage());
    }
  }

  @Override
  public void flush() {
    publisher.flush();
  }

  @Override
  public void close() {
    publisher.close();
  }
}
