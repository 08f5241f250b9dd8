package dev.touchpoints.producers.publisher;

import static java.time.Duration.ZERO;
import static java.time.Duration.ofSeconds;

import dev.touchpoints.core.config.Setting;
import java.time.Duration;

/**
 * The publisher's settings ({@code publisher.*}), declared once with their defaults and ranges;
 * {@code policy.validation.max-future-skew} is the shared {@code ValidationSettings}'.
 */
public final class PublisherKeys {

  private PublisherKeys() {}

  public static final Setting<Duration> DELIVERY_TIMEOUT =
      Setting.duration(PublisherSettings.DELIVERY_TIMEOUT, ofSeconds(30), "a send fails after")
          .atLeast(Duration.ofMillis(1));
  public static final Setting<Duration> MAX_BLOCK =
      Setting.duration(PublisherSettings.MAX_BLOCK, ofSeconds(10), "longest a send blocks")
          .atLeast(ZERO);
  public static final Setting<Duration> CLOSE_TIMEOUT =
      Setting.duration(PublisherSettings.CLOSE_TIMEOUT, ofSeconds(30), "close() waits")
          .atLeast(ZERO);

  /** The simulator's own key for the gateway; unset, the first of {@code gateway.api.keys}. */
  public static final Setting<String> SIMULATE_API_KEY =
      Setting.string("simulate.api.key", null, "key the simulator sends to the gateway");
}
