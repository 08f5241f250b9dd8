package dev.touchpoints.streams;

import static dev.touchpoints.streams.TestData.T0;
import static dev.touchpoints.streams.TestData.csat;
import static dev.touchpoints.streams.TestData.pageViewed;
import static dev.touchpoints.streams.TestData.promise;
import static dev.touchpoints.streams.TestData.support;
import static dev.touchpoints.streams.TestData.web;
import static org.assertj.core.api.Assertions.assertThat;

import dev.touchpoints.avro.AlertStatus;
import dev.touchpoints.avro.AlertType;
import dev.touchpoints.avro.CustomerAlert;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * No clock fires before its due time has really passed, whatever a fast source claims: random
 * promises, random events from sources whose clocks run up to an hour fast, the wall clock stepping
 * on minute by minute – every broken-promise alert read so far is due by the wall clock, and every
 * promise breaks once the wall clock is past it.
 */
class WatermarkProperties {

  private static final int PROMISES = 8;

  @Property(tries = 30)
  void noClockFiresBeforeItsDueTimeByTheWallClock(@ForAll long seed) {
    Random random = new Random(seed);
    try (EngineDriver engine = new EngineDriver()) {
      // Given promises due within the hour
      for (int i = 0; i < PROMISES; i++) {
        Instant due = T0.plus(Duration.ofMinutes(1 + random.nextInt(60)));
        engine.send(support("customer-" + i, T0, promise("p-" + i, null, due, "a call back")));
      }
      // and events from sources whose clocks run up to an hour fast, arriving now
      for (int j = 0; j < 1 + random.nextInt(6); j++) {
        Instant claimed = T0.plus(Duration.ofMinutes(random.nextInt(61)));
        engine.sendAhead(
            random.nextBoolean()
                ? web("fast-" + j, claimed, pageViewed("/"))
                : support("fast-" + j, claimed, csat(4, null)));
      }

      // When the wall clock moves on minute by minute, then nothing read so far is early
      for (int minute = 0; minute <= 70; minute++) {
        Instant wall = T0.plus(Duration.ofMinutes(minute));
        engine.wallClockTo(wall);
        assertThat(engine.alerts())
            .allSatisfy(a -> assertThat(a.getEventTime()).isBeforeOrEqualTo(wall));
      }
      // and by then every promise has broken, once
      assertThat(engine.alerts())
          .filteredOn(a -> a.getType() == AlertType.PROMISE_BROKEN)
          .filteredOn(a -> a.getStatus() == AlertStatus.RAISED)
          .extracting(CustomerAlert::getDedupeKey)
          .hasSize(PROMISES)
          .doesNotHaveDuplicates();
    }
  }
}
