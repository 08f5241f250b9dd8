package dev.touchpoints.streams.processors;

import dev.touchpoints.avro.DeadLetter;
import dev.touchpoints.avro.ErasureRequest;
import dev.touchpoints.streams.model.Touchpoint;

/** The result of decoding one input record: a touchpoint, an erasure request, or a dead letter. */
public sealed interface Decoded {

  /** A usable touchpoint. */
  record Accepted(Touchpoint touchpoint) implements Decoded {}

  /** A request to forget a subject. */
  record Erasure(ErasureRequest request) implements Decoded {}

  /** A record that goes to the dead-letter topic. */
  record Rejected(DeadLetter deadLetter) implements Decoded {}
}
