package dev.touchpoints.streams.messages;

import dev.touchpoints.avro.AlertAction;
import dev.touchpoints.avro.DeadLetter;
import dev.touchpoints.avro.ErasureRequest;
import dev.touchpoints.streams.model.RawRecord;
import dev.touchpoints.streams.model.Touchpoint;

/** The result of decoding one input record: a touchpoint, an erasure request, or a dead letter. */
public sealed interface Decoded {

  /** A usable touchpoint. */
  record Accepted(Touchpoint touchpoint) implements Decoded {}

  /** A request to forget a subject. */
  record Erasure(ErasureRequest request) implements Decoded {}

  /** What ops did about an open alert of the subject. */
  record Action(AlertAction action) implements Decoded {}

  /**
   * The envelope's subject is the same person as {@code linkedTo} ({@code IdentityLinked}).
   *
   * @param raw the link's record, for a dead letter if the link is refused
   */
  record Linked(
      String subjectId,
      String linkedTo,
      boolean deliberate,
      String eventId,
      long occurredAt,
      RawRecord raw)
      implements Decoded {}

  /**
   * A message of the engine's hop between subjects' partitions; {@code event} is the redirected
   * touchpoint, as an event of the subject it is addressed to, for {@link Transfer.Kind#EVENT}.
   */
  record Transferred(Transfer transfer, Touchpoint event) implements Decoded {}

  /** A record that goes to the dead-letter topic. */
  record Rejected(DeadLetter deadLetter) implements Decoded {}
}
