package dev.touchpoints.producers.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The gateway's meters. Tags come from closed sets only (event type keys or {@code unknown},
 * violation codes, route templates, status codes), never from caller input.
 */
final class GatewayMetrics {

  private final MeterRegistry registry;

  GatewayMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void accepted(String type) {
    Counter.builder("touchpoints.gateway.events.accepted")
        .description("Events stored in Kafka")
        .tag("type", type)
        .register(registry)
        .increment();
  }

  void rejected(String type, String reason) {
    Counter.builder("touchpoints.gateway.events.rejected")
        .description("Events refused, by reason")
        .tag("type", type)
        .tag("reason", reason)
        .register(registry)
        .increment();
  }

  void request(String route, int status, Duration took) {
    Timer.builder("touchpoints.gateway.requests")
        .description("HTTP request latency")
        .tag("route", route)
        .tag("status", String.valueOf(status))
        .publishPercentileHistogram()
        .register(registry)
        .record(took);
  }
}
