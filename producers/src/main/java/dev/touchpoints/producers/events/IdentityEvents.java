package dev.touchpoints.producers.events;

import dev.touchpoints.avro.IdentityEvent;
import dev.touchpoints.avro.IdentityLinked;
import java.time.Clock;
import java.util.function.Function;

/**
 * Builds identity links for one subject: "this id (a visitor's, a prospect's) is the same person as
 * that one". The subject is the id linked away; the event is keyed by it.
 *
 * <pre>{@code
 * publisher.identity("visitor-123").source("webshop").linkedTo("cust-42");
 * publisher.identity("cust-7").source("crm").deliberatelyLinkedTo("cust-42");   // two customers
 * }</pre>
 *
 * @param <R> what each terminal method returns (the event, or its publication)
 */
public final class IdentityEvents<R> extends EventBuilder<IdentityEvents<R>, IdentityEvent, R> {

  /** Default {@code source} of identity events. */
  public static final String DEFAULT_SOURCE = "identity";

  IdentityEvents(String subjectId, Clock clock, Function<? super IdentityEvent, R> finisher) {
    super(subjectId, DEFAULT_SOURCE, clock, finisher);
  }

  /**
   * The subject is the same person as {@code linkedTo} from now on. Not deliberate: the engine
   * refuses it (dead letter) when both ids already have a customer history.
   */
  public R linkedTo(String linkedTo) {
    return linkedTo(linkedTo, false);
  }

  /**
   * The subject is the same person as {@code linkedTo}, and both may already have a customer
   * history: the engine merges the two histories.
   */
  public R deliberatelyLinkedTo(String linkedTo) {
    return linkedTo(linkedTo, true);
  }

  /**
   * The subject is the same person as {@code linkedTo}; {@code deliberate} allows merging two ids
   * that both have a customer history (a mistyped id cannot merge two customers without it).
   */
  public R linkedTo(String linkedTo, boolean deliberate) {
    return finish(new IdentityEvent(envelope(), new IdentityLinked(linkedTo, deliberate)));
  }
}
