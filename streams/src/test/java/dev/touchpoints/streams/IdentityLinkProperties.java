package dev.touchpoints.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.touchpoints.avro.Envelope;
import dev.touchpoints.streams.model.Classifier;
import dev.touchpoints.streams.reference.ReferenceModel;
import dev.touchpoints.streams.rules.SubjectState;
import dev.touchpoints.streams.scoring.ScoringModel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apache.avro.specific.SpecificRecord;

/**
 * One customer, one history, as a property: a prospect's random history, a link to the id they
 * become known by at a random moment after it, then the customer's own touchpoints – with the
 * prospect's events delayed by up to two days, so some arrive after the link under the prospect's
 * id. The customer ends as a twin that lived every touchpoint under one id: the reference model's
 * in-order result.
 */
class IdentityLinkProperties {

  private static final Map<String, String> SETTINGS =
      Map.of("policy.incident.min-affected", "1000000000");
  private static final Policy POLICY = TestData.policy(SETTINGS);
  private static final ScoringModel MODEL = new ScoringModel(POLICY.scoring());
  private static final long OUT_OF_ORDER = POLICY.clock().outOfOrder().toMillis();

  @Property(tries = 20)
  void aLinkedIdsHistoryCountsAsIfTheCustomerHadLivedIt(@ForAll long seed) {
    Random r = new Random(seed);
    List<SpecificRecord> prospect = ArrivalOrderProperties.History.customer(r, "prospect");
    Instant lastProspect = at(prospect.get(prospect.size() - 1));
    Instant linkAt = lastProspect.plus(Duration.ofMinutes(60 + r.nextInt(48 * 60)));
    List<SpecificRecord> customer =
        ArrivalOrderProperties.History.customer(r, "customer", linkAt.plusSeconds(60));

    // what happened, under one id
    List<SpecificRecord> twin = new ArrayList<>();
    prospect.forEach(e -> twin.add(as(e, "customer")));
    twin.addAll(customer);
    twin.sort(Comparator.comparing(IdentityLinkProperties::at));

    // how it arrives: the prospect's events up to two days late, the link, the customer's events
    record Arrival(SpecificRecord event, Instant wall) {}
    List<Arrival> arrivals = new ArrayList<>();
    long twoDays = Duration.ofDays(2).toMillis();
    prospect.forEach(
        e -> arrivals.add(new Arrival(e, at(e).plusMillis((long) (r.nextDouble() * twoDays)))));
    customer.forEach(e -> arrivals.add(new Arrival(e, at(e))));
    arrivals.add(new Arrival(null, linkAt));
    arrivals.sort(Comparator.comparing(Arrival::wall));
    Instant end = arrivals.get(arrivals.size() - 1).wall().plus(Duration.ofDays(3));

    SubjectState expected =
        new ReferenceModel(POLICY, 1)
            .inOrder(twin, end.toEpochMilli() - OUT_OF_ORDER)
            .get("customer");
    try (EngineDriver engine = new EngineDriver(POLICY, TestData.T0.minus(Duration.ofDays(1)))) {
      for (Arrival a : arrivals) {
        if (a.event() == null) {
          engine.link("prospect", "customer", linkAt, false);
        } else {
          engine.deliver(a.event(), a.wall());
        }
      }
      engine.wallClockTo(end);

      SubjectState got = engine.ledger("customer");
      assertThat(engine.deadLetters()).isEmpty();
      assertThat(engine.ledger("prospect")).isNull();
      assertThat(got).isNotNull();
      assertThat(MODEL.overall(got.score))
          .as("score")
          .isCloseTo(MODEL.overall(expected.score), within(0.01));
      assertThat(got.alerts.keySet()).as("open alerts").isEqualTo(expected.alerts.keySet());
      assertThat(got.eventCount).as("events").isEqualTo(expected.eventCount);
    }
  }

  private static Instant at(SpecificRecord e) {
    return Classifier.envelope(e).getOccurredAt();
  }

  /** The same event of {@code subject}. */
  private static SpecificRecord as(SpecificRecord e, String subject) {
    Envelope env = Classifier.envelope(e);
    return TestData.withEnvelope(e, Envelope.newBuilder(env).setSubjectId(subject).build());
  }
}
