package dev.touchpoints.producers.events;

import dev.touchpoints.avro.BillingEvent;
import dev.touchpoints.avro.IdentityEvent;
import dev.touchpoints.avro.MarketingEvent;
import dev.touchpoints.avro.SupportEvent;
import dev.touchpoints.avro.WebEvent;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Function;

/**
 * Builds touchpoint events and identity links without sending them:
 *
 * <pre>{@code
 * SupportEvent opened = Events.system().support("cust-42")
 *     .source("helpdesk")
 *     .caseOpened("case-7", CaseKind.COMPLAINT, now.plus(Duration.ofDays(2)));
 * }</pre>
 *
 * <p>Without {@code eventId(…)} an event gets a random UUID, without {@code occurredAt(…)} the
 * clock's now. Nothing is validated here; {@code EventValidator} and the publisher do that.
 */
public final class Events {

  private static final Events SYSTEM = new Events(Clock.systemUTC());

  private final Clock clock;

  private Events(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Events stamped with the system clock. */
  public static Events system() {
    return SYSTEM;
  }

  /** Events stamped with {@code clock} (a simulated or fixed one). */
  public static Events withClock(Clock clock) {
    return new Events(clock);
  }

  /** Web events of one subject. */
  public WebEvents<WebEvent> web(String subjectId) {
    return new WebEvents<>(subjectId, clock, Function.identity());
  }

  /** Billing events of one subject. */
  public BillingEvents<BillingEvent> billing(String subjectId) {
    return new BillingEvents<>(subjectId, clock, Function.identity());
  }

  /** Support events of one subject. */
  public SupportEvents<SupportEvent> support(String subjectId) {
    return new SupportEvents<>(subjectId, clock, Function.identity());
  }

  /** Marketing events of one subject. */
  public MarketingEvents<MarketingEvent> marketing(String subjectId) {
    return new MarketingEvents<>(subjectId, clock, Function.identity());
  }

  /** Identity links of one subject: the id linked away. */
  public IdentityEvents<IdentityEvent> identity(String subjectId) {
    return new IdentityEvents<>(subjectId, clock, Function.identity());
  }

  /** Web events whose terminal methods hand the event to {@code finisher}. */
  public <R> WebEvents<R> web(String subjectId, Function<? super WebEvent, R> finisher) {
    return new WebEvents<>(subjectId, clock, finisher);
  }

  /** Billing events whose terminal methods hand the event to {@code finisher}. */
  public <R> BillingEvents<R> billing(
      String subjectId, Function<? super BillingEvent, R> finisher) {
    return new BillingEvents<>(subjectId, clock, finisher);
  }

  /** Support events whose terminal methods hand the event to {@code finisher}. */
  public <R> SupportEvents<R> support(
      String subjectId, Function<? super SupportEvent, R> finisher) {
    return new SupportEvents<>(subjectId, clock, finisher);
  }

  /** Marketing events whose terminal methods hand the event to {@code finisher}. */
  public <R> MarketingEvents<R> marketing(
      String subjectId, Function<? super MarketingEvent, R> finisher) {
    return new MarketingEvents<>(subjectId, clock, finisher);
  }

  /** Identity links whose terminal methods hand the event to {@code finisher}. */
  public <R> IdentityEvents<R> identity(
      String subjectId, Function<? super IdentityEvent, R> finisher) {
    return new IdentityEvents<>(subjectId, clock, finisher);
  }
}
