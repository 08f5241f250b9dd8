package dev.touchpoints.core.validation;

import dev.touchpoints.core.config.Setting;
import java.time.Duration;

/** The event validation rule's one setting, shared by the publisher, the gateway and the engine. */
public final class ValidationSettings {

  private ValidationSettings() {}

  /**
   * How far after it was sent an event may be dated; at most {@link
   * EventValidator#MAX_AHEAD_KAFKA_ACCEPTS}, which Kafka would refuse beyond.
   */
  public static final Setting<Duration> MAX_FUTURE_SKEW =
      Setting.duration(
              EventValidator.MAX_FUTURE_SKEW,
              EventValidator.DEFAULT_MAX_FUTURE_SKEW,
              "how far after it was sent an event may be dated")
          .alias(EventValidator.EARLIER_MAX_FUTURE_SKEW)
          .between(Duration.ZERO, EventValidator.MAX_AHEAD_KAFKA_ACCEPTS);
}
