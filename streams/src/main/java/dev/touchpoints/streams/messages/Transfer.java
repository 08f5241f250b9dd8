package dev.touchpoints.streams.messages;

import dev.touchpoints.streams.model.RawRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * One message of the engine's hop between subjects' partitions ({@code
 * touchpoints.subject-transfers}, keyed by the subject it is addressed to): linking an id into
 * another is three hops, each one exactly-once step of the task that owns the subject it touches.
 *
 * <ol>
 *   <li>{@link Kind#OFFER}, to the target: the link, with what the target must check (cycles, both
 *       histories, the bound). A target linked on itself passes it along its chain.
 *   <li>{@link Kind#ACCEPTED} or {@link Kind#REFUSED}, back to the linked id. Accepted, the id's
 *       task moves the id's whole ledger as a {@link Kind#MERGE} to the target and from then on
 *       sends each of the id's events as an {@link Kind#EVENT} to it; refused, it forgets the link
 *       (the dead letter is written where it was refused).
 * </ol>
 *
 * <p>Messages from one task to one subject stay in order (one partition): the ledger arrives before
 * the events that follow it.
 *
 * @param kind what it carries
 * @param from the id linked away
 * @param to the subject it is addressed to (the key)
 * @param chain the ids the link passed through, {@code from} first: a target already among them
 *     would close a cycle
 * @param deliberate the link says both ids may have a history
 * @param fromHasHistory the linked id had touchpoints when it offered
 * @param fromLinked ids already linked into the linked id
 * @param linkEventId the link event
 * @param at event time of the link (of the event, for {@link Kind#EVENT})
 * @param ledger {@link Kind#MERGE}: the linked id's ledger ({@code LedgerSerde} bytes), or null
 * @param raw {@link Kind#OFFER}: the link's record (for a dead letter where it is refused); {@link
 *     Kind#EVENT}: the event's record, decoded again where it arrives
 * @param reason {@link Kind#REFUSED}: why
 */
public record Transfer(
    Kind kind,
    String from,
    String to,
    List<String> chain,
    boolean deliberate,
    boolean fromHasHistory,
    int fromLinked,
    String linkEventId,
    long at,
    byte[] ledger,
    RawRecord raw,
    String reason) {

  /** What a transfer carries. */
  public enum Kind {
    OFFER,
    ACCEPTED,
    REFUSED,
    MERGE,
    EVENT
  }

  public Transfer {
    chain = chain == null ? List.of() : List.copyOf(chain);
  }

  /** The same message addressed onwards, to {@code next}, with the current target in the chain. */
  public Transfer onwardTo(String next) {
    List<String> passed = new ArrayList<>(chain);
    if (!passed.contains(to)) {
      passed.add(to);
    }
    return new Transfer(
        kind,
        from,
        next,
        passed,
        deliberate,
        fromHasHistory,
        fromLinked,
        linkEventId,
        at,
        ledger,
        raw,
        reason);
  }

  /** The offer's acceptance by {@code target}, addressed to the linked id. */
  public Transfer accepted(String target) {
    List<String> passed = new ArrayList<>(chain);
    passed.add(target);
    return new Transfer(
        Kind.ACCEPTED,
        from,
        from,
        passed,
        deliberate,
        fromHasHistory,
        fromLinked,
        linkEventId,
        at,
        null,
        null,
        null);
  }

  /** The offer's refusal, addressed to the linked id. */
  public Transfer refused(String why) {
    return new Transfer(
        Kind.REFUSED,
        from,
        from,
        chain,
        deliberate,
        fromHasHistory,
        fromLinked,
        linkEventId,
        at,
        null,
        null,
        why);
  }

  /** {@link Kind#ACCEPTED}: the subject that took the link in (the chain's last id). */
  public String target() {
    return chain.get(chain.size() - 1);
  }
}
