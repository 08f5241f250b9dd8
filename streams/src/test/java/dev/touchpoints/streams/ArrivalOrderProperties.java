package dev.touchpoints.streams;

import static dev.touchpoints.streams.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.touchpoints.avro.AlertStatus;
import dev.touchpoints.avro.AttemptOutcome;
import dev.touchpoints.avro.BillingEvent;
import dev.touchpoints.avro.CaseKind;
import dev.touchpoints.avro.CaseOutcome;
import dev.touchpoints.avro.ContactChannel;
import dev.touchpoints.avro.ContactPurpose;
import dev.touchpoints.avro.CustomerAlert;
import dev.touchpoints.avro.Envelope;
import dev.touchpoints.avro.MarketingEvent;
import dev.touchpoints.avro.SelfServiceAttempted;
import dev.touchpoints.avro.SelfServiceKind;
import dev.touchpoints.avro.SupportEvent;
import dev.touchpoints.avro.WebEvent;
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
import java.util.TreeMap;
import java.util.function.Function;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.test.TestRecord;

/**
 * Order independence (issue "Trustworthy time"): random histories of a few customers – cases,
 * updates, promises, invoices, payments, surveys, self-service, campaigns – delivered to the engine
 * (on {@code TopologyTestDriver}, wall clock mocked) in the ways real sources deliver them, end in
 * the state the reference model defines as the in-order result ({@link ReferenceModel#inOrder}):
 * every subject's score within 0.01 and the same set of open alerts. Failed self-service comes now
 * and then in a burst of retries (an episode), so a late event can fall inside one. Whatever the
 * order, no alert is sent for a cause older than {@code policy.alerts.max-age} when it was decided.
 */
class ArrivalOrderProperties {

  /** No incident ever opens: the reference model does not model incidents. */
  private static final Map<String, String> SETTINGS =
      Map.of("policy.incident.min-affected", "1000000000");

  private static final Policy POLICY = TestData.policy(SETTINGS);
  private static final ScoringModel MODEL = new ScoringModel(POLICY.scoring());
  private static final long OUT_OF_ORDER = POLICY.clock().outOfOrder().toMillis();
  private static final long HORIZON = POLICY.late().horizon().toMillis();
  private static final long MAX_AGE = POLICY.alerts().maxAge().toMillis();

  @Property(tries = 25)
  void inOrderDeliveryGivesTheInOrderResult(@ForAll long seed) {
    History h = History.random(new Random(seed));
    check(h.events(), h.onTime());
  }

  @Property(tries = 25)
  void sourcesDelayedUpToTheHorizonGiveTheInOrderResult(@ForAll long seed) {
    Random r = new Random(seed);
    History h = History.random(r);
    Map<Class<?>, Long> base =
        Map.of(
            WebEvent.class, (long) r.nextInt((int) (HORIZON / 2)),
            BillingEvent.class, (long) r.nextInt((int) (HORIZON / 2)),
            SupportEvent.class, (long) r.nextInt((int) (HORIZON / 2)),
            MarketingEvent.class, (long) r.nextInt((int) (HORIZON / 2)));
    check(
        h.events(),
        h.arriving(e -> at(e).plusMillis(base.get(e.getClass()) + r.nextInt((int) (HORIZON / 2)))));
  }

  @Property(tries = 25)
  void aLateBatchIntoAnEngineAtNowGivesTheInOrderResult(@ForAll long seed) {
    Random r = new Random(seed);
    History h = History.random(r);
    // the engine is at "now", two days after the history, which arrives at once, in the order it
    // happened (a source catching up, a backfill)
    Instant now = h.last().plus(Duration.ofDays(2));
    List<SpecificRecord> batch = h.events();
    check(h.events(), batch.stream().map(e -> new Arrival(e, now)).toList());
  }

  @Property(tries = 25)
  void eventsShuffledWithinTheOutOfOrderBoundGiveTheInOrderResult(@ForAll long seed) {
    Random r = new Random(seed);
    History h = History.random(r);
    check(h.events(), h.arriving(e -> at(e).plusMillis(r.nextInt((int) OUT_OF_ORDER + 1))));
  }

  @Property(tries = 25)
  void aSourceUpToAnHourFastGivesTheInOrderResult(@ForAll long seed) {
    Random r = new Random(seed);
    History h = History.random(r);
    Class<?> fast =
        List.of(WebEvent.class, BillingEvent.class, SupportEvent.class).get(r.nextInt(3));
    long ahead = Duration.ofMinutes(1 + r.nextInt(59)).toMillis();
    // what happened is the claimed times; each record arrives when it really happened
    List<Arrival> arrivals = new ArrayList<>();
    List<SpecificRecord> claimed = new ArrayList<>();
    for (SpecificRecord e : h.events()) {
      SpecificRecord c = e.getClass() == fast ? shifted(e, ahead) : e;
      claimed.add(c);
      arrivals.add(new Arrival(c, at(e)));
    }
    check(claimed, sortedByArrival(arrivals));
  }

  @Property(tries = 25)
  void everyEventDeliveredTwiceGivesTheInOrderResult(@ForAll long seed) {
    Random r = new Random(seed);
    History h = History.random(r);
    List<Arrival> arrivals = new ArrayList<>(h.onTime());
    for (SpecificRecord e : h.events()) {
      arrivals.add(
          new Arrival(e, at(e).plusMillis(r.nextInt((int) Duration.ofDays(2).toMillis()))));
    }
    check(h.events(), sortedByArrival(arrivals));
  }

  /**
   * A customer erased at a random moment of their history, with every event delayed by up to two
   * days and everything of the customer's from before the erasure replayed afterwards (however old:
   * a replay of the input topics): the customer ends as the in-order result of only what happened
   * after the erasure (nothing, if nothing did), every other customer as if nothing had been
   * erased, and no alert is raised again for anything before the erasure. (A replay of what
   * happened after it is an ordinary repeat, within the dedupe window or not.)
   */
  @Property(tries = 25)
  void anErasureLeavesOnlyWhatHappenedAfterItWhateverArrivesWhen(@ForAll long seed) {
    Random r = new Random(seed);
    History h = History.random(r);
    String erased = "customer-0";
    List<SpecificRecord> theirs =
        h.events().stream().filter(e -> subject(e).equals(erased)).toList();
    Instant first = at(theirs.get(0));
    Instant last = at(theirs.get(theirs.size() - 1));
    Instant erasedAt =
        first.plusMillis((long) (r.nextDouble() * Duration.between(first, last).toMillis()));
    long twoDays = Duration.ofDays(2).toMillis();
    List<Arrival> arrivals =
        new ArrayList<>(h.arriving(e -> at(e).plusMillis((long) (r.nextDouble() * twoDays))));
    Instant arrived = arrivals.stream().map(Arrival::wall).max(Instant::compareTo).get();
    Instant replayAt = (arrived.isAfter(erasedAt) ? arrived : erasedAt).plusSeconds(60);
    theirs.stream()
        .filter(e -> !at(e).isAfter(erasedAt))
        .forEach(e -> arrivals.add(new Arrival(e, replayAt)));
    Instant end = replayAt.plus(Duration.ofDays(3));

    List<SpecificRecord> others =
        h.events().stream().filter(e -> !subject(e).equals(erased)).toList();
    List<SpecificRecord> after = theirs.stream().filter(e -> at(e).isAfter(erasedAt)).toList();
    Map<String, SubjectState> expected =
        new TreeMap<>(
            new ReferenceModel(POLICY, 1).inOrder(others, end.toEpochMilli() - OUT_OF_ORDER));
    Map<String, SubjectState> expectedErased =
        new ReferenceModel(POLICY, 1).inOrder(after, end.toEpochMilli() - OUT_OF_ORDER);
    try (EngineDriver engine = new EngineDriver(POLICY, T0.minus(Duration.ofDays(1)))) {
      int sentBefore = -1;
      for (Arrival a : sortedByArrival(arrivals)) {
        if (sentBefore < 0 && !a.wall().isBefore(erasedAt)) {
          engine.wallClockTo(erasedAt);
          engine.erase(erased);
          sentBefore = engine.alertRecords().size();
        }
        engine.deliver(a.event(), a.wall());
      }
      engine.wallClockTo(end);

      assertLikeInOrder(engine, expected);
      if (expectedErased.isEmpty()) {
        assertThat(engine.ledger(erased)).as("the erased customer, nothing after").isNull();
      } else {
        assertLikeInOrder(engine, expectedErased);
      }
      List<TestRecord<String, CustomerAlert>> sent = engine.alertRecords();
      assertThat(sent.subList(sentBefore, sent.size()))
          .as("no alert raised after the erasure about what happened before it")
          .noneMatch(
              a ->
                  a.key().equals(erased)
                      && a.value().getStatus() == AlertStatus.RAISED
                      && !a.value().getEventTime().isAfter(erasedAt));
    }
  }

  /**
   * A customer idle for longer than the horizon is stored as its own checkpoint; an event in order
   * and then a late one must re-fold on top of that history, not from nothing.
   */
  @Property(tries = 10)
  void aLateEventAfterAWeekIdleGivesTheInOrderResult(@ForAll long seed) {
    Random r = new Random(seed);
    History h = History.random(r);
    Instant back = h.last().plus(Duration.ofDays(8 + r.nextInt(20)));
    List<SpecificRecord> events = new ArrayList<>(h.events());
    List<Arrival> arrivals = new ArrayList<>(h.onTime());
    for (String subject :
        events.stream().map(ArrivalOrderProperties::subject).distinct().toList()) {
      SpecificRecord inOrder =
          new WebEvent(
              TestData.envelope(subject + "-back", subject, back), TestData.pageViewed("/"));
      SpecificRecord late =
          new WebEvent(
              TestData.envelope(subject + "-late", subject, back.minus(Duration.ofHours(2))),
              TestData.pageViewed("/pricing"));
      events.add(inOrder);
      events.add(late);
      arrivals.add(new Arrival(inOrder, back));
      arrivals.add(new Arrival(late, back.plus(Duration.ofHours(1))));
    }
    events.sort(Comparator.comparing(ArrivalOrderProperties::at));
    check(events, sortedByArrival(arrivals));
  }

  /** Every subject of {@code expected} as the engine holds it: score, open alerts, event count. */
  private static void assertLikeInOrder(EngineDriver engine, Map<String, SubjectState> expected) {
    expected.forEach(
        (subject, want) -> {
          SubjectState got = engine.ledger(subject);
          assertThat(got).as(subject).isNotNull();
          assertThat(MODEL.overall(got.score))
              .as("score of %s", subject)
              .isCloseTo(MODEL.overall(want.score), within(0.01));
          assertThat(got.alerts.keySet())
              .as("open alerts of %s", subject)
              .isEqualTo(want.alerts.keySet());
          assertThat(got.eventCount).as("events of %s", subject).isEqualTo(want.eventCount);
        });
  }

  private static String subject(SpecificRecord e) {
    return Classifier.envelope(e).getSubjectId();
  }

  /**
   * Delivers {@code arrivals} in order, moves the wall clock three days past the history and the
   * last arrival, and compares every subject with the in-order result of {@code events}.
   */
  private static void check(List<SpecificRecord> events, List<Arrival> arrivals) {
    Instant last = events.stream().map(ArrivalOrderProperties::at).max(Instant::compareTo).get();
    Instant arrived = arrivals.stream().map(Arrival::wall).max(Instant::compareTo).get();
    Instant end = (last.isAfter(arrived) ? last : arrived).plus(Duration.ofDays(3));
    Map<String, SubjectState> expected =
        new ReferenceModel(POLICY, 1).inOrder(events, end.toEpochMilli() - OUT_OF_ORDER);
    try (EngineDriver engine = new EngineDriver(POLICY, T0.minus(Duration.ofDays(1)))) {
      arrivals.forEach(a -> engine.deliver(a.event(), a.wall()));
      engine.wallClockTo(end);

      assertLikeInOrder(engine, expected);
      List<TestRecord<String, CustomerAlert>> sent = engine.alertRecords();
      assertThat(sent)
          .as("no alert is sent for a cause older than max-age when it was decided")
          .noneMatch(
              a ->
                  a.value().getStatus() == AlertStatus.RAISED
                      && a.value().getEventTime().toEpochMilli() < a.timestamp() - MAX_AGE);
    }
  }

  private static Instant at(SpecificRecord e) {
    return Classifier.envelope(e).getOccurredAt();
  }

  private static List<Arrival> sortedByArrival(List<Arrival> arrivals) {
    List<Arrival> sorted = new ArrayList<>(arrivals);
    sorted.sort(Comparator.comparing(Arrival::wall));
    return sorted;
  }

  /** The same event claiming to have happened {@code ahead} ms later. */
  private static SpecificRecord shifted(SpecificRecord e, long ahead) {
    Envelope env = Classifier.envelope(e);
    return TestData.withEnvelope(
        e, Envelope.newBuilder(env).setOccurredAt(env.getOccurredAt().plusMillis(ahead)).build());
  }

  /** An event and the wall-clock time its record is written and read. */
  record Arrival(SpecificRecord event, Instant wall) {}

  /** A random history of a few customers over about two weeks, in event-time order. */
  record History(List<SpecificRecord> events) {

    static History random(Random r) {
      List<SpecificRecord> events = new ArrayList<>();
      int subjects = 2 + r.nextInt(4);
      for (int s = 0; s < subjects; s++) {
        events.addAll(customer(r, "customer-" + s));
      }
      events.sort(Comparator.comparing(ArrivalOrderProperties::at));
      return new History(events);
    }

    static List<SpecificRecord> customer(Random r, String subject) {
      return customer(r, subject, T0);
    }

    /** A random history of one customer that starts within ten hours of {@code from}. */
    static List<SpecificRecord> customer(Random r, String subject, Instant from) {
      List<SpecificRecord> out = new ArrayList<>();
      List<String> cases = new ArrayList<>();
      List<String> invoices = new ArrayList<>();
      Instant t = from.plus(Duration.ofMinutes(r.nextInt(600)));
      int n = 4 + r.nextInt(18);
      for (int i = 0; i < n; i++) {
        t =
            t.plus(
                r.nextInt(3) == 0
                    ? Duration.ofMinutes(1 + r.nextInt(30))
                    : Duration.ofMinutes(30 + r.nextInt(36 * 60)));
        String id = subject + "-e" + i;
        Envelope env = TestData.envelope(id, subject, t);
        Instant next = t.plus(Duration.ofHours(6 + r.nextInt(66)));
        SpecificRecord e =
            switch (r.nextInt(11)) {
              case 0 -> {
                String c = subject + "-case" + i;
                cases.add(c);
                CaseKind kind = CaseKind.values()[r.nextInt(CaseKind.values().length)];
                yield new SupportEvent(
                    env, TestData.caseOpened(c, kind, r.nextBoolean() ? next : null));
              }
              case 1 ->
                  cases.isEmpty()
                      ? new WebEvent(env, TestData.pageViewed("/help"))
                      : new SupportEvent(
                          env, TestData.updateSent(cases.get(r.nextInt(cases.size())), next));
              case 2 ->
                  new SupportEvent(
                      env,
                      TestData.promise(
                          id + "-promise",
                          cases.isEmpty() ? null : cases.get(r.nextInt(cases.size())),
                          t.plus(Duration.ofMinutes(60 + r.nextInt(48 * 60))),
                          "a call back"));
              case 3 ->
                  cases.isEmpty()
                      ? new WebEvent(env, TestData.pageViewed("/"))
                      : new SupportEvent(
                          env, TestData.resolved(cases.remove(0), CaseOutcome.SOLVED));
              case 4 ->
                  new SupportEvent(
                      env, TestData.csat(1 + r.nextInt(5), cases.isEmpty() ? null : cases.get(0)));
              case 5 -> {
                String inv = subject + "-inv" + i;
                invoices.add(inv);
                yield new BillingEvent(
                    env, TestData.invoiceIssued(inv, 4_900, t.plus(Duration.ofDays(7))));
              }
              case 6 ->
                  invoices.isEmpty()
                      ? new WebEvent(env, TestData.pageViewed("/billing"))
                      : new BillingEvent(env, TestData.paymentReceived(invoices.remove(0), 4_900));
              case 7 ->
                  invoices.isEmpty()
                      ? new WebEvent(env, TestData.pageViewed("/billing"))
                      : new BillingEvent(env, TestData.invoiceOverdue(invoices.get(0), 4_900, 3));
              case 8 -> new WebEvent(env, TestData.pageViewed("/"));
              case 9 ->
                  new WebEvent(
                      env,
                      TestData.selfService(
                          SelfServiceKind.PASSWORD_RESET,
                          r.nextInt(4) == 0 ? AttemptOutcome.SUCCEEDED : AttemptOutcome.FAILED));
              default ->
                  new MarketingEvent(
                      env,
                      TestData.contact(
                          ContactChannel.values()[r.nextInt(ContactChannel.values().length)],
                          ContactPurpose.values()[r.nextInt(ContactPurpose.values().length)]));
            };
        out.add(e);
        if (e instanceof WebEvent w
            && w.getPayload() instanceof SelfServiceAttempted a
            && a.getOutcome() == AttemptOutcome.FAILED
            && r.nextBoolean()) {
          // the customer tries again at once, a few times: one episode of failures
          Instant retry = t;
          for (int k = 1 + r.nextInt(4); k > 0; k--) {
            retry = retry.plusSeconds(10 + r.nextInt(50));
            out.add(
                new WebEvent(
                    TestData.envelope(id + "-retry" + k, subject, retry),
                    TestData.failedPasswordReset()));
          }
        }
      }
      return out;
    }

    Instant last() {
      return at(events.get(events.size() - 1));
    }

    /** Every event arriving when it happened. */
    List<Arrival> onTime() {
      return arriving(ArrivalOrderProperties::at);
    }

    /** Every event arriving at {@code when(event)}, in the order of arrival. */
    List<Arrival> arriving(Function<SpecificRecord, Instant> when) {
      return sortedByArrival(events.stream().map(e -> new Arrival(e, when.apply(e))).toList());
    }
  }
}
