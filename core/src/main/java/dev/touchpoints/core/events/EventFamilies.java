package dev.touchpoints.core.events;

import dev.touchpoints.avro.BillingEvent;
import dev.touchpoints.avro.IdentityEvent;
import dev.touchpoints.avro.MarketingEvent;
import dev.touchpoints.avro.SupportEvent;
import dev.touchpoints.avro.WebEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * The event families a deployment runs: which wrapper records exist, their topics and their
 * envelopes – the one place that lists them. The built-in ones are web, billing, support and
 * marketing touchpoints and identity links; {@link #with} adds a source (a test shows a small one
 * end to end).
 */
public final class EventFamilies {

  /** Web-site and self-service touchpoints. */
  public static final EventFamily<WebEvent> WEB = EventFamily.touchpoints("web", WebEvent.class);

  /** Billing touchpoints. */
  public static final EventFamily<BillingEvent> BILLING =
      EventFamily.touchpoints("billing", BillingEvent.class);

  /** Support-desk touchpoints. */
  public static final EventFamily<SupportEvent> SUPPORT =
      EventFamily.touchpoints("support", SupportEvent.class);

  /** Marketing and sales contacts. */
  public static final EventFamily<MarketingEvent> MARKETING =
      EventFamily.touchpoints("marketing", MarketingEvent.class);

  /** Links between ids of one person, keyed by the id linked away. */
  public static final EventFamily<IdentityEvent> IDENTITY =
      EventFamily.identity("identity", IdentityEvent.class);

  private static final EventFamilies BUILT_IN =
      new EventFamilies(List.of(WEB, BILLING, SUPPORT, MARKETING, IDENTITY));

  private final List<EventFamily<?>> all;

  private EventFamilies(List<EventFamily<?>> all) {
    this.all = List.copyOf(all);
  }

  /** Web, billing, support, marketing, then identity. */
  public static EventFamilies builtIn() {
    return BUILT_IN;
  }

  /** These families and one more; its name must be new. */
  public EventFamilies with(EventFamily<?> family) {
    if (all.stream().anyMatch(f -> f.name().equals(family.name()))) {
      throw new IllegalArgumentException("there is already a family " + family.name());
    }
    List<EventFamily<?>> more = new ArrayList<>(all);
    more.add(family);
    return new EventFamilies(more);
  }

  /** Every family, in order. */
  public List<EventFamily<?>> all() {
    return all;
  }

  /** The families of touchpoints, in order. */
  public List<EventFamily<?>> touchpoints() {
    return all.stream().filter(EventFamily::isTouchpoint).toList();
  }
}
