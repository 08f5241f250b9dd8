package dev.touchpoints.producers.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatorTest {

  /** Records what it is sent and reports it stored. */
  static final class RecordingSink implements EventSink {
    final List<SimulatedEvent> sent = new ArrayList<>();
    final EventSink.Listener listener;
    boolean flushed;

    RecordingSink(EventSink.Listener listener) {
      this.listener = listener;
    }

    @Override
    public void send(SimulatedEvent event) {
      sent.add(event);
      listener.stored(1);
    }

    @Override
    public void flush() {
      flushed = true;
    }

    @Override
    public void close() {}
  }

  private static final Clock LATE =
      Clock.fixed(Instant.parse("2100-01-01T00:00:00Z"), ZoneOffset.UTC);

  @Test
  void shouldSendExactlyTheGeneratedEventsWhenEventLimitIsSet() {
    // Given
    SimulationPlan plan = SimulationPlan.of(42, 100);
    Progress progress = new Progress(null, 1_000, null);
    RecordingSink sink = new RecordingSink(progress);

    // When
    Simulator.Result result =
        new Simulator(
                JourneyGenerator.of(plan), sink, progress, limits(1_000, 0, 0), plan.start(), LATE)
            .run(() -> false);

    // Then
    assertThat(result.submitted()).isEqualTo(1_000);
    assertThat(result.stored()).isEqualTo(1_000);
    assertThat(result.stopReason()).isEqualTo("event limit reached");
    assertThat(sink.flushed).isTrue();
    assertThat(sink.sent).isEqualTo(JourneyGenerator.of(plan).stream().limit(1_000).toList());
  }

  @Test
  void shouldStopWhenSimulatedClockReachesTheRealOne() {
    // Given a start one day before "now"
    Instant now = Instant.parse("2026-06-01T00:00:00Z");
    SimulationPlan plan = SimulationPlan.of(42, 50).startingAt(now.minus(Duration.ofDays(1)));
    Progress progress = new Progress(null, -1, null);
    RecordingSink sink = new RecordingSink(progress);

    // When
    Simulator.Result result =
        new Simulator(
                JourneyGenerator.of(plan),
                sink,
                progress,
                limits(-1, 0, 0),
                plan.start(),
                Clock.fixed(now, ZoneOffset.UTC))
            .run(() -> false);

    // Then
    assertThat(result.stopReason()).contains("caught up");
    assertThat(sink.sent)
        .allSatisfy(e -> assertThat(e.at()).isBefore(now.plus(Duration.ofMinutes(5))));
  }

  @Test
  void shouldStopWhenAskedTo() {
    SimulationPlan plan = SimulationPlan.of(42, 50);
    Progress progress = new Progress(null, -1, null);
    RecordingSink sink = new RecordingSink(progress);

    Simulator.Result result =
        new Simulator(
                JourneyGenerator.of(plan), sink, progress, limits(-1, 10, 0), plan.start(), LATE)
            .run(() -> sink.sent.size() >= 3);

    assertThat(result.stopReason()).isEqualTo("stopped");
    assertThat(sink.sent).hasSize(3);
  }

  @Test
  void shouldParseRelativeStartWhenGivenNowMinusDuration() {
    Clock clock = Clock.fixed(Instant.parse("2026-11-22T00:00:00Z"), ZoneOffset.UTC);

    assertThat(SimulateCommand.parseStart("now-30d", clock))
        .isEqualTo(Instant.parse("2026-10-23T00:00:00Z"));
    assertThat(SimulateCommand.parseStart("2026-01-01T00:00:00Z", clock))
        .isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
  }

  private static Simulator.Limits limits(long events, double rate, double speed) {
    return new Simulator.Limits(events, null, rate, speed, Duration.ofMinutes(5));
  }
}
