package dev.touchpoints.streams.index;

import dev.touchpoints.avro.ExperienceIndex;
import dev.touchpoints.avro.IndexGroup;
import dev.touchpoints.avro.IndexKind;
import dev.touchpoints.avro.IndexPeriod;
import dev.touchpoints.streams.scoring.Dimension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/** A period's figures, from the summed {@link IndexCells} of every customer in it. */
public final class IndexFigures {

  private IndexFigures() {}

  /**
   * The index record of {@code period}.
   *
   * @param cells the period's cells summed over all its customers
   * @param atRiskBelow scores below this count as at risk (a multiple of 0.1)
   * @param updatedAt when the figures were computed (wall clock)
   */
  public static ExperienceIndex of(
      Period period, Map<String, Long> cells, double atRiskBelow, long updatedAt) {
    NavigableMap<String, Long> sorted = new TreeMap<>(cells);
    Group all = group(sorted, IndexCells.ALL, atRiskBelow);
    List<IndexGroup> dimensions = new ArrayList<>();
    List<IndexGroup> sources = new ArrayList<>();
    List<IndexKind> kinds = new ArrayList<>();
    Map<String, Long> alerts = new TreeMap<>();
    double lost = 0;
    double gained = 0;
    for (String cell : sorted.keySet()) {
      if (cell.startsWith(IndexCells.DIMENSION) && cell.endsWith("|n")) {
        String name = cell.substring(0, cell.length() - 2);
        dimensions.add(
            group(sorted, name, atRiskBelow).avro(name.substring(IndexCells.DIMENSION.length())));
      } else if (cell.startsWith(IndexCells.SOURCE) && cell.endsWith("|n")) {
        String name = cell.substring(0, cell.length() - 2);
        sources.add(
            group(sorted, name, atRiskBelow).avro(name.substring(IndexCells.SOURCE.length())));
      } else if (cell.startsWith(IndexCells.KIND) && cell.endsWith("|n")) {
        String prefix = cell.substring(0, cell.length() - 1);
        IndexKind kind =
            new IndexKind(
                prefix.substring(IndexCells.KIND.length(), prefix.length() - 1),
                points(sorted.get(prefix + "lost")),
                points(sorted.get(prefix + "gained")),
                sorted.get(cell));
        lost += kind.getPointsLost();
        gained += kind.getPointsGained();
        kinds.add(kind);
      } else if (cell.startsWith(IndexCells.ALERT)) {
        alerts.put(cell.substring(IndexCells.ALERT.length()), sorted.get(cell));
      }
    }
    dimensions.sort(Comparator.comparing(g -> Dimension.valueOf(g.getName())));
    kinds.sort(
        Comparator.comparingDouble(IndexKind::getPointsLost)
            .thenComparing(Comparator.comparingDouble(IndexKind::getPointsGained).reversed())
            .thenComparing(IndexKind::getKey));
    return ExperienceIndex.newBuilder()
        .setPeriod(IndexPeriod.valueOf(period.granularity().name()))
        .setStart(Instant.ofEpochMilli(period.startMillis()))
        .setEnd(Instant.ofEpochMilli(period.endMillis()))
        .setCustomers(all.customers)
        .setMeanScore(all.mean())
        .setMedianScore(all.median)
        .setAtRisk(all.atRisk)
        .setAtRiskShare(all.share())
        .setAtRiskBelow(atRiskBelow)
        .setPointsLost(round2(lost))
        .setPointsGained(round2(gained))
        .setDimensions(dimensions)
        .setSources(sources)
        .setKinds(kinds)
        .setAlertsRaised(new TreeMap<>(alerts))
        .setUpdatedAt(Instant.ofEpochMilli(updatedAt))
        .build();
  }

  /** One group's figures: count, sum of scores in hundredths, median (tenths) and at-risk count. */
  private record Group(long customers, long sum, Double median, long atRisk) {

    Double mean() {
      return customers == 0 ? null : round2(sum / 100.0 / customers);
    }

    Double share() {
      return customers == 0 ? null : Math.round(atRisk * 10_000.0 / customers) / 10_000.0;
    }

    IndexGroup avro(String name) {
      return new IndexGroup(name, customers, mean(), median, atRisk, share());
    }
  }

  private static Group group(NavigableMap<String, Long> cells, String group, double atRiskBelow) {
    long n = cells.getOrDefault(group + "|n", 0L);
    long sum = cells.getOrDefault(group + "|s", 0L);
    long belowTenths = Math.round(atRiskBelow * 10);
    long atRisk = 0;
    long seen = 0;
    Double median = null;
    long medianIndex = (n - 1) / 2; // the lower median
    String from = group + "|h";
    for (Map.Entry<String, Long> bucket : cells.subMap(from, true, from + "~", false).entrySet()) {
      long tenths = Long.parseLong(bucket.getKey().substring(from.length()));
      if (tenths < belowTenths) {
        atRisk += bucket.getValue();
      }
      if (median == null && seen + bucket.getValue() > medianIndex) {
        median = tenths / 10.0;
      }
      seen += bucket.getValue();
    }
    return new Group(n, sum, n == 0 ? null : median, atRisk);
  }

  private static double points(Long hundredths) {
    return hundredths == null ? 0 : hundredths / 100.0;
  }

  private static double round2(double x) {
    return Math.round(x * 100) / 100.0;
  }
}
