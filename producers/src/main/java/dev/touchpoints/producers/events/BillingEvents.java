package dev.touchpoints.producers.events;

import dev.touchpoints.avro.BillingEvent;
import dev.touchpoints.avro.DisputeOpened;
import dev.touchpoints.avro.DisputeOutcome;
import dev.touchpoints.avro.DisputeResolved;
import dev.touchpoints.avro.InvoiceIssued;
import dev.touchpoints.avro.InvoiceOverdue;
import dev.touchpoints.avro.PaymentFailed;
import dev.touchpoints.avro.PaymentReceived;
import dev.touchpoints.avro.RefundIssued;
import dev.touchpoints.avro.ReminderSent;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Function;

/**
 * Builds billing touchpoints for one subject. Amounts are in cents of an ISO 4217 {@code currency}.
 *
 * @param <R> what each terminal method returns (the event, or its publication)
 */
public final class BillingEvents<R> extends EventBuilder<BillingEvents<R>, BillingEvent, R> {

  /** Default {@code source} of billing events. */
  public static final String DEFAULT_SOURCE = "billing";

  BillingEvents(String subjectId, Clock clock, Function<? super BillingEvent, R> finisher) {
    super(subjectId, DEFAULT_SOURCE, clock, finisher);
  }

  /** An invoice was sent, due at {@code dueAt}. */
  public R invoiceIssued(String invoiceId, long amountCents, String currency, Instant dueAt) {
    InvoiceIssued payload = new InvoiceIssued(invoiceId, amountCents, currency, Instant.EPOCH);
    // The generated constructor cannot take a null time; let the validator name it instead.
    payload.put(3, millis(dueAt));
    return build(payload);
  }

  /** A payment reminder was sent. */
  public R reminderSent(String invoiceId) {
    return build(new ReminderSent(invoiceId));
  }

  /** An invoice is overdue (R11). */
  public R invoiceOverdue(String invoiceId, long amountCents, String currency, int daysOverdue) {
    return build(new InvoiceOverdue(invoiceId, amountCents, currency, daysOverdue));
  }

  /** A payment arrived; {@code invoiceId} may be null. */
  public R paymentReceived(String invoiceId, long amountCents, String currency) {
    return build(new PaymentReceived(invoiceId, amountCents, currency));
  }

  /** A payment failed; {@code invoiceId} and {@code reason} may be null. */
  public R paymentFailed(String invoiceId, long amountCents, String currency, String reason) {
    return build(new PaymentFailed(invoiceId, amountCents, currency, reason));
  }

  /** The customer disputed a charge; {@code invoiceId} may be null. */
  public R disputeOpened(String disputeId, String invoiceId) {
    return build(new DisputeOpened(disputeId, invoiceId));
  }

  /** A dispute was settled. */
  public R disputeResolved(String disputeId, DisputeOutcome outcome) {
    return build(new DisputeResolved(disputeId, outcome));
  }

  /** Money was refunded; {@code invoiceId} may be null. */
  public R refundIssued(String invoiceId, long amountCents, String currency) {
    return build(new RefundIssued(invoiceId, amountCents, currency));
  }

  private R build(Object payload) {
    return finish(new BillingEvent(envelope(), payload));
  }
}
