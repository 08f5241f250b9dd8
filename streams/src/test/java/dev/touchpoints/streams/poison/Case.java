package dev.touchpoints.streams.poison;

import static dev.touchpoints.streams.TestData.envelope;
import static dev.touchpoints.streams.poison.Scenarios.utf8;

import dev.touchpoints.avro.Envelope;
import dev.touchpoints.core.topics.Topic;
import dev.touchpoints.streams.poison.Scenario.Outcome;
import dev.touchpoints.streams.poison.Scenario.Step;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Builds one {@link Scenario}: good events of one subject at 0, 5, 10 s into it, the pills between
 * them, every record stamped a millisecond after the one before.
 */
final class Case {

  /** Header every pill carries; the dead letter must keep it. */
  static final String PILL_HEADER = "poison-pill";

  private final Scenarios script;
  private final String pillClass;
  private final String subject;
  private final Topic<String, ?> topic;
  private final Instant start;
  private final List<Step> steps = new ArrayList<>();
  private Step last;
  private int goods;
  private boolean scoredByGoodEventsAlone = true;

  Case(Scenarios script, String pillClass, String subject, Topic<String, ?> topic, Instant start) {
    this.script = script;
    this.pillClass = pillClass;
    this.subject = subject;
    this.topic = topic;
    this.start = start;
  }

  String subject() {
    return subject;
  }

  /** Event time {@code n} seconds into this scenario. */
  Instant at(int n) {
    return start.plusSeconds(n);
  }

  /** The record timestamp of the next record. */
  long nextTimestamp() {
    return script.nextTimestamp();
  }

  String lastEventId() {
    return ((Outcome.Counted) last.outcome()).eventId();
  }

  /** A good event on the scenario's topic. */
  Case good() {
    return goodOn(topic);
  }

  /** A good event on another topic; the subject then scores unlike its topic's others. */
  Case goodOn(Topic<String, ?> on) {
    scoredByGoodEventsAlone &= on == topic;
    String eventId = subject + "-good-" + goods;
    last =
        new Step(
            on,
            script.stage(on),
            utf8(subject),
            script.eventBytes(on, envelope(eventId, subject, at(5 * goods++))),
            List.of(),
            nextTimestamp(),
            new Outcome.Counted(eventId));
    steps.add(last);
    return this;
  }

  /** The counted pills are so old that they add nothing to the score. */
  Case alreadyDecayed() {
    scoredByGoodEventsAlone = true;
    return this;
  }

  /** The bytes of a good event of the scenario's topic with this id. */
  byte[] goodBytes(String eventId) {
    return eventBytes(envelope(eventId, subject, at(9)));
  }

  /** An event of the scenario's topic with this envelope. */
  byte[] eventBytes(Envelope envelope) {
    return script.eventBytes(topic, envelope);
  }

  Case pill(byte[] value, Outcome outcome, Header... extra) {
    return pill(utf8(subject), value, outcome, extra);
  }

  Case pill(byte[] key, byte[] value, Outcome outcome, Header... extra) {
    return pillOn(topic, key, value, outcome, nextTimestamp(), extra);
  }

  Case pillOn(Topic<String, ?> on, byte[] value, Outcome outcome) {
    return pillOn(on, utf8(subject), value, outcome, nextTimestamp());
  }

  Case pillAt(long timestamp, byte[] value, Outcome outcome) {
    return pillOn(topic, utf8(subject), value, outcome, timestamp);
  }

  /** The last good record once more, byte for byte: a publisher's retry. */
  Case repeatLast() {
    steps.add(
        new Step(
            last.topic(),
            last.stage(),
            last.key(),
            last.value(),
            List.of(),
            nextTimestamp(),
            new Outcome.Dropped(lastEventId())));
    return this;
  }

  Scenario done() {
    return new Scenario(pillClass, subject, topic, List.copyOf(steps), scoredByGoodEventsAlone);
  }

  private Case pillOn(
      Topic<String, ?> on,
      byte[] key,
      byte[] value,
      Outcome outcome,
      long timestamp,
      Header... extra) {
    scoredByGoodEventsAlone &= !(outcome instanceof Outcome.Counted);
    List<Header> headers = new ArrayList<>();
    headers.add(new RecordHeader(PILL_HEADER, utf8(pillClass)));
    headers.addAll(List.of(extra));
    steps.add(new Step(on, script.stage(on), key, value, List.copyOf(headers), timestamp, outcome));
    return this;
  }
}
