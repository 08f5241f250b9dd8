package dev.touchpoints.streams;

import static dev.touchpoints.streams.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.touchpoints.avro.Envelope;
import dev.touchpoints.avro.ExperienceIndex;
import dev.touchpoints.avro.IndexGroup;
import dev.touchpoints.avro.IndexKind;
import dev.touchpoints.streams.index.PeriodAccount;
import dev.touchpoints.streams.model.Classifier;
import dev.touchpoints.streams.reference.ReferenceModel;
import dev.touchpoints.streams.scoring.Dimension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apache.avro.specific.SpecificRecord;

/**
 * The experience index is a plain count of what the in-order fold did to every customer, whatever
 * order and delay the events arrive in: for random histories of a few customers over about two
 * weeks, delivered with a third of the events up to two days late and some twice, every period's
 * index record equals the figures computed directly from each customer's in-order period accounts
 * ({@link ReferenceModel#inOrderPeriods}) – customers, mean, median, at-risk count and share, per
 * dimension and per publishing system, points by touchpoint kind and alerts raised by type.
 */
class IndexProperties {

  private static final Policy POLICY =
      TestData.policy(Map.of("policy.incident.min-affected", "1000000000"));
  private static final long OUT_OF_ORDER = POLICY.clock().outOfOrder().toMillis();
  private static final double AT_RISK = POLICY.index().atRiskBelow();
  private static final String[] SOURCES = {"webshop", "billing-system", "helpdesk"};

  @Property(tries = 15)
  void theIndexEqualsAPlainCountOfTheInOrderAccounts(@ForAll long seed) {
    Random r = new Random(seed);
    List<SpecificRecord> events = new ArrayList<>();
    for (SpecificRecord e : ArrivalOrderProperties.History.random(r).events()) {
      events.add(fromSource(e, SOURCES[r.nextInt(SOURCES.length)]));
    }
    List<Arrival> arrivals = new ArrayList<>();
    for (SpecificRecord e : events) {
      Instant at = Classifier.envelope(e).getOccurredAt();
      Instant wall =
          r.nextInt(3) == 0 ? at.plus(Duration.ofMinutes(1 + r.nextInt(2 * 24 * 60))) : at;
      arrivals.add(new Arrival(e, wall));
      if (r.nextInt(10) == 0) {
        arrivals.add(new Arrival(e, wall.plus(Duration.ofMinutes(1 + r.nextInt(60)))));
      }
    }
    arrivals.sort(Comparator.comparing(Arrival::wall));
    Instant last =
        events.stream()
            .map(e -> Classifier.envelope(e).getOccurredAt())
            .max(Instant::compareTo)
            .get();
    Instant arrived = arrivals.get(arrivals.size() - 1).wall();
    Instant end = (last.isAfter(arrived) ? last : arrived).plus(Duration.ofDays(3));

    Map<String, ExperienceIndex> expected =
        reference(
            new ReferenceModel(POLICY, 1)
                .inOrderPeriods(events, end.toEpochMilli() - OUT_OF_ORDER));
    Map<String, ExperienceIndex> actual;
    try (EngineDriver engine = new EngineDriver(POLICY, T0.minus(Duration.ofDays(1)))) {
      arrivals.forEach(a -> engine.deliver(a.event(), a.wall()));
      engine.wallClockTo(end);
      actual = engine.index();
    }

    assertThat(actual.keySet()).as("periods").isEqualTo(expected.keySet());
    expected.forEach((period, want) -> assertSame(period, actual.get(period), want));
  }

  private static void assertSame(String period, ExperienceIndex got, ExperienceIndex want) {
    assertThat(got.getCustomers()).as("%s customers", period).isEqualTo(want.getCustomers());
    assertThat(got.getMeanScore()).as("%s mean", period).isEqualTo(want.getMeanScore());
    assertThat(got.getMedianScore()).as("%s median", period).isEqualTo(want.getMedianScore());
    assertThat(got.getAtRisk()).as("%s at risk", period).isEqualTo(want.getAtRisk());
    assertThat(got.getAtRiskShare()).as("%s share", period).isEqualTo(want.getAtRiskShare());
    assertThat(got.getAlertsRaised()).as("%s alerts", period).isEqualTo(want.getAlertsRaised());
    assertThat(got.getDimensions()).as("%s dimensions", period).isEqualTo(want.getDimensions());
    assertThat(got.getSources()).as("%s sources", period).isEqualTo(want.getSources());
    assertThat(got.getKinds().stream().map(IndexKind::getKey).sorted().toList())
        .as("%s kinds", period)
        .isEqualTo(want.getKinds().stream().map(IndexKind::getKey).sorted().toList());
    for (IndexKind w : want.getKinds()) {
      IndexKind g =
          got.getKinds().stream().filter(k -> k.getKey().equals(w.getKey())).findFirst().get();
      // The index sums each customer's points rounded to the hundredth: 0.005 a customer at most.
      double tolerance = 0.005 * w.getCustomers() + 1e-9;
      assertThat(g.getCustomers())
          .as("%s %s customers", period, w.getKey())
          .isEqualTo(w.getCustomers());
      assertThat(g.getPointsLost())
          .as("%s %s lost", period, w.getKey())
          .isCloseTo(w.getPointsLost(), within(tolerance));
      assertThat(g.getPointsGained())
          .as("%s %s gained", period, w.getKey())
          .isCloseTo(w.getPointsGained(), within(tolerance));
    }
  }

  /** The figures of every period, counted directly from each customer's accounts. */
  private static Map<String, ExperienceIndex> reference(
      Map<String, Map<String, PeriodAccount>> bySubject) {
    Map<String, List<PeriodAccount>> byPeriod = new TreeMap<>();
    bySubject
        .values()
        .forEach(
            periods ->
                periods.forEach(
                    (period, account) ->
                        byPeriod.computeIfAbsent(period, p -> new ArrayList<>()).add(account)));
    Map<String, ExperienceIndex> figures = new TreeMap<>();
    byPeriod.forEach(
        (period, accounts) -> {
          List<Integer> overall = accounts.stream().map(PeriodAccount::overall).toList();
          IndexGroup all = group("all", overall);
          List<IndexGroup> dimensions = new ArrayList<>();
          for (Dimension d : Dimension.values()) {
            List<Integer> scores =
                accounts.stream()
                    .filter(a -> a.kinds().keySet().stream().anyMatch(k -> Dimension.ofKey(k) == d))
                    .map(a -> a.score(d.ordinal()))
                    .toList();
            if (!scores.isEmpty()) {
              dimensions.add(group(d.name(), scores));
            }
          }
          List<IndexGroup> sources = new ArrayList<>();
          for (String source : new java.util.TreeSet<>(List.of(SOURCES))) {
            List<Integer> scores =
                accounts.stream()
                    .filter(a -> a.sources().contains(source))
                    .map(PeriodAccount::overall)
                    .toList();
            if (!scores.isEmpty()) {
              sources.add(group(source, scores));
            }
          }
          Map<String, double[]> kinds = new TreeMap<>();
          Map<String, Long> alerts = new TreeMap<>();
          for (PeriodAccount a : accounts) {
            a.kinds()
                .forEach(
                    (key, p) -> {
                      double[] k = kinds.computeIfAbsent(key, x -> new double[3]);
                      k[0] += p.lost();
                      k[1] += p.gained();
                      k[2]++;
                    });
            a.alerts().forEach((type, n) -> alerts.merge(type, (long) n, Long::sum));
          }
          List<IndexKind> kindList = new ArrayList<>();
          kinds.forEach((key, k) -> kindList.add(new IndexKind(key, k[0], k[1], (long) k[2])));
          figures.put(
              period,
              ExperienceIndex.newBuilder()
                  .setPeriod(dev.touchpoints.avro.IndexPeriod.DAY)
                  .setStart(Instant.EPOCH)
                  .setEnd(Instant.EPOCH)
                  .setCustomers(all.getCustomers())
                  .setMeanScore(all.getMeanScore())
                  .setMedianScore(all.getMedianScore())
                  .setAtRisk(all.getAtRisk())
                  .setAtRiskShare(all.getAtRiskShare())
                  .setAtRiskBelow(AT_RISK)
                  .setPointsLost(0)
                  .setPointsGained(0)
                  .setDimensions(dimensions)
                  .setSources(sources)
                  .setKinds(kindList)
                  .setAlertsRaised(new TreeMap<>(alerts))
                  .setUpdatedAt(Instant.EPOCH)
                  .build());
        });
    return figures;
  }

  /** A group's figures from its members' scores in hundredths, the plain way. */
  private static IndexGroup group(String name, List<Integer> hundredths) {
    long n = hundredths.size();
    long sum = hundredths.stream().mapToLong(Integer::longValue).sum();
    List<Integer> tenths = hundredths.stream().map(h -> Math.floorDiv(h, 10)).sorted().toList();
    long atRisk = hundredths.stream().filter(h -> h < AT_RISK * 100).count();
    return new IndexGroup(
        name,
        n,
        Math.round(sum / 100.0 / n * 100) / 100.0,
        tenths.get((int) ((n - 1) / 2)) / 10.0,
        atRisk,
        Math.round(atRisk * 10_000.0 / n) / 10_000.0);
  }

  private static SpecificRecord fromSource(SpecificRecord e, String source) {
    Envelope env = Classifier.envelope(e);
    return TestData.withEnvelope(e, Envelope.newBuilder(env).setSource(source).build());
  }

  private record Arrival(SpecificRecord event, Instant wall) {}
}
