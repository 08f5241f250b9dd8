package dev.touchpoints.producers.events;

import dev.touchpoints.avro.ContactChannel;
import dev.touchpoints.avro.ContactMade;
import dev.touchpoints.avro.ContactPurpose;
import dev.touchpoints.avro.MarketingEvent;
import java.time.Clock;
import java.util.function.Function;

/**
 * Builds marketing and sales contacts for one subject (R8).
 *
 * @param <R> what each terminal method returns (the event, or its publication)
 */
public final class MarketingEvents<R> extends EventBuilder<MarketingEvents<R>, MarketingEvent, R> {

  /** Default {@code source} of marketing events. */
  public static final String DEFAULT_SOURCE = "marketing";

  MarketingEvents(String subjectId, Clock clock, Function<? super MarketingEvent, R> finisher) {
    super(subjectId, DEFAULT_SOURCE, clock, finisher);
  }

  /** The company contacted the subject; {@code campaignId} may be null. */
  public R contactMade(ContactChannel channel, ContactPurpose purpose, String campaignId) {
    return build(new ContactMade(channel, purpose, campaignId));
  }

  private R build(Object payload) {
    return finish(new MarketingEvent(envelope(), payload));
  }
}
