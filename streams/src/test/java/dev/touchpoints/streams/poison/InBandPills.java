package dev.touchpoints.streams.poison;

import static dev.touchpoints.streams.TestData.envelope;
import static dev.touchpoints.streams.TestData.paymentReceived;
import static dev.touchpoints.streams.poison.Scenarios.serialize;

import dev.touchpoints.avro.BillingEvent;
import dev.touchpoints.streams.poison.Scenario.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Pills that are no dead letters: repeats, and extremes that are still good events. */
final class InBandPills {

  private InBandPills() {}

  static List<Scenario> of(Scenarios s) {
    List<Scenario> all = new ArrayList<>();

    Case repeat = s.scenario("duplicate event id (same bytes twice)", s.topics().web()).good();
    all.add(repeat.repeatLast().good().done());

    Case crossTopic = s.scenario("duplicate event id on another topic", s.topics().web()).good();
    String firstId = crossTopic.lastEventId();
    all.add(
        crossTopic
            .pillOn(
                s.topics().billing(),
                serialize(
                    s.topics().billing(),
                    new BillingEvent(
                        envelope(firstId, crossTopic.subject(), crossTopic.at(9)),
                        paymentReceived("inv-2", 100))),
                new Outcome.Dropped(firstId))
            .goodOn(s.topics().billing())
            .good()
            .done());

    Case ancient =
        s.scenario("ancient occurredAt (20 years ago), sent twice", s.topics().web()).good();
    String oldId = ancient.subject() + "-ancient";
    byte[] old =
        ancient.eventBytes(
            envelope(
                oldId,
                ancient.subject(),
                Instant.ofEpochMilli(s.recordTime()).minus(Duration.ofDays(20 * 365))));
    all.add(
        ancient
            .pill(old, new Outcome.Counted(oldId))
            .pill(old, new Outcome.Dropped(oldId))
            .alreadyDecayed()
            .good()
            .done());

    Case slightlyAhead =
        s.scenario("occurredAt 30 min ahead of its record", s.topics().billing()).good();
    String aheadId = slightlyAhead.subject() + "-ahead";
    all.add(
        slightlyAhead
            .pill(
                slightlyAhead.eventBytes(
                    envelope(
                        aheadId,
                        slightlyAhead.subject(),
                        Instant.ofEpochMilli(s.recordTime()).plus(Duration.ofMinutes(30)))),
                new Outcome.Counted(aheadId))
            .good()
            .done());

    return all;
  }
}
