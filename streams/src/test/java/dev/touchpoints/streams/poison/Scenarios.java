package dev.touchpoints.streams.poison;

import static dev.touchpoints.streams.TestData.contact;
import static dev.touchpoints.streams.TestData.csat;
import static dev.touchpoints.streams.TestData.pageViewed;
import static dev.touchpoints.streams.TestData.paymentReceived;

import dev.touchpoints.avro.BillingEvent;
import dev.touchpoints.avro.ContactChannel;
import dev.touchpoints.avro.ContactPurpose;
import dev.touchpoints.avro.Envelope;
import dev.touchpoints.avro.MarketingEvent;
import dev.touchpoints.avro.SupportEvent;
import dev.touchpoints.avro.WebEvent;
import dev.touchpoints.core.topics.Topic;
import dev.touchpoints.core.topics.Topics;
import dev.touchpoints.streams.poison.Scenario.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Every class of poison pill the engine must survive, each between good records of its own subject
 * ({@link UndecodablePills}, {@link UnusablePills}, {@link InBandPills}), and what they share: the
 * topics, the clock, the good events. The expected dead-letter reasons are the ones documented in
 * {@code docs/events.md} ("Poison pills").
 */
final class Scenarios {

  /** The error class of everything the decoder cannot read. */
  static final String SERIALIZATION = SerializationException.class.getName();

  /**
   * A value Kafka accepts (its default limit is 1 MiB a record batch) with room to spare for key
   * and headers, but not for the few hundred bytes a dead letter adds.
   */
  static final int NEAR_LIMIT_BYTES = 1_048_400;

  private final Topics topics;
  private final long recordTime;
  private final Instant eventTime;
  private long sequence;
  private int cases;

  /**
   * @param topics the input topics, with serdes bound to the registry the engine uses
   * @param now records are written from this time on; good events happened in the half hour before
   */
  Scenarios(Topics topics, Instant now) {
    this.topics = topics;
    this.recordTime = now.toEpochMilli();
    this.eventTime = now.minus(Duration.ofMinutes(30));
  }

  /** Every scenario, in the order they are produced. */
  List<Scenario> all() {
    List<Scenario> all = new ArrayList<>();
    all.addAll(UndecodablePills.of(this));
    all.addAll(UnusablePills.of(this));
    all.addAll(InBandPills.of(this));
    return all;
  }

  /**
   * An undecodable record that Kafka accepted but whose dead letter (the same bytes plus where they
   * came from and why) is larger than Kafka accepts.
   */
  List<Scenario> nearSizeLimit() {
    byte[] huge = PillBytes.random(11, NEAR_LIMIT_BYTES);
    return List.of(
        scenario("undecodable record near Kafka's size limit", topics.support())
            .good()
            .pill(
                huge,
                dead(
                    String.format(
                        "cannot deserialize: Unknown magic byte 0x%02x: not the Confluent wire"
                            + " format",
                        huge[0]),
                    SERIALIZATION))
            .good()
            .done());
  }

  Topics topics() {
    return topics;
  }

  /** When the first record is written. */
  long recordTime() {
    return recordTime;
  }

  /** A new scenario on its own subject, ten seconds of event time after the one before. */
  Case scenario(String pillClass, Topic<String, ?> topic) {
    cases++;
    return new Case(
        this,
        pillClass,
        String.format("pill-%02d", cases),
        topic,
        eventTime.plusSeconds(cases * 10L));
  }

  /** Record timestamps go up a millisecond a record, so every task takes them in produce order. */
  long nextTimestamp() {
    return recordTime + sequence++;
  }

  /** The stage that decodes {@code topic}, as dead letters name it. */
  String stage(Topic<String, ?> topic) {
    if (topic == topics.web()) {
      return "web-decode";
    }
    if (topic == topics.billing()) {
      return "billing-decode";
    }
    if (topic == topics.support()) {
      return "support-decode";
    }
    return "marketing-decode";
  }

  /** A good event of {@code topic}'s type, the same payload for every subject. */
  byte[] eventBytes(Topic<String, ?> topic, Envelope envelope) {
    if (topic == topics.web()) {
      return serialize(topics.web(), new WebEvent(envelope, pageViewed("/poison")));
    }
    if (topic == topics.billing()) {
      return serialize(topics.billing(), new BillingEvent(envelope, paymentReceived("inv-1", 100)));
    }
    if (topic == topics.support()) {
      return serialize(topics.support(), new SupportEvent(envelope, csat(4, null)));
    }
    return serialize(
        topics.marketing(),
        new MarketingEvent(envelope, contact(ContactChannel.EMAIL, ContactPurpose.NEWSLETTER)));
  }

  static Outcome dead(String reason, String errorClass) {
    return new Outcome.DeadLettered(reason, errorClass);
  }

  /** The start of the reason for Avro the decoder could not read. */
  static String invalidAvro(Topic<?, ?> topic, int schemaId) {
    return "cannot deserialize: Invalid Avro payload for schema id "
        + schemaId
        + " on topic '"
        + topic.name()
        + "': ";
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static <V> byte[] serialize(Topic<String, V> topic, V event) {
    return topic.valueSerde().serializer().serialize(topic.name(), event);
  }
}
