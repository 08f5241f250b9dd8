package dev.touchpoints.ops.report;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Everything one report shows, fetched from a {@link ReportSource}: the period compared with the
 * one before and a year earlier, the daily index of the 90 days up to it, open incidents, and the
 * open broken-promise and win-back alerts.
 *
 * @param noDataYet whether the index holds no period with customers at all (nothing else fetched)
 * @param start the first day of the reported period
 * @param comparison the period's figures, or null when the index has none for it
 * @param daily the daily index within [{@code chartFrom}, {@code chartTo}), oldest first
 * @param stats the engine's figures now, or null in a report without data
 * @param source where the figures came from (the query API's URL)
 */
public record ReportData(
    boolean noDataYet,
    ReportPeriod period,
    LocalDate start,
    Comparison comparison,
    List<IndexRow> daily,
    LocalDate chartFrom,
    LocalDate chartTo,
    List<Incident> incidents,
    List<OpenAlert> brokenPromises,
    List<OpenAlert> winBacks,
    EngineStats stats,
    Instant generatedAt,
    String source) {

  /** Days of daily index the chart shows. */
  public static final int CHART_DAYS = 90;

  /** Open alerts asked for per type: the query API's largest page. */
  static final int ALERT_LIMIT = 1_000;

  static final String PROMISE_BROKEN = "PROMISE_BROKEN";
  static final String WIN_BACK = "WIN_BACK_OPPORTUNITY";

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
          .registerModule(
              new SimpleModule("report-times")
                  .addDeserializer(LocalDate.class, text(LocalDate::parse))
                  .addDeserializer(Instant.class, text(Instant::parse)));

  public ReportData {
    daily = List.copyOf(daily);
    incidents = List.copyOf(incidents);
    brokenPromises = List.copyOf(brokenPromises);
    winBacks = List.copyOf(winBacks);
  }

  /** The end of the reported period (exclusive). */
  public LocalDate end() {
    return period.end(start);
  }

  /**
   * Fetches a report of {@code period}.
   *
   * @param start the first day of the period to report; null for the latest period in the index
   *     that is over (or, when there is none, the one under way)
   * @param now the time of the report: "today" follows from it (UTC). The chart shows the 90 days
   *     up to the end of the period, or up to today while the period is under way
   */
  public static ReportData fetch(
      ReportSource source, ReportPeriod period, LocalDate start, Instant now)
      throws ReportSource.Failure, InterruptedException {
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    Comparison comparison =
        start == null
            ? latestOver(source, period, today)
            : compare(source, period, start).orElse(null);
    LocalDate reported =
        comparison != null
            ? comparison.current().start()
            : start != null ? start : period.startOf(today);
    // The chart ends with the reported period (event time: a replay or a simulation may run
    // ahead of the wall clock, so "today" does not cut it); the API counts its days back from `to`.
    LocalDate chartTo = period.end(reported);
    LocalDate chartFrom = chartTo.minusDays(CHART_DAYS);
    String indexPath = "/v1/index?period=day&days=" + CHART_DAYS + "&to=" + chartTo.minusDays(1);
    JsonNode index =
        source
            .get(indexPath)
            .orElseThrow(
                () ->
                    new ReportSource.Failure(
                        1,
                        "The query API at "
                            + source.describe()
                            + " has no experience index (GET /v1/index answered 404): the engine"
                            + " is older than this command."));
    List<IndexRow> rows = read(index.path("rows"), listOf(IndexRow.class), indexPath);
    List<IndexRow> daily =
        rows.stream()
            .filter(r -> !r.start().isBefore(chartFrom) && r.start().isBefore(chartTo))
            .toList();
    if (comparison == null && rows.isEmpty()) {
      return new ReportData(
          true,
          period,
          reported,
          null,
          List.of(),
          chartFrom,
          chartTo,
          List.of(),
          List.of(),
          List.of(),
          null,
          now,
          source.describe());
    }
    return new ReportData(
        false,
        period,
        reported,
        comparison,
        daily,
        chartFrom,
        chartTo,
        required(source, "/v1/incidents", listOf(Incident.class)),
        required(source, alertsPath(PROMISE_BROKEN), listOf(OpenAlert.class)),
        required(source, alertsPath(WIN_BACK), listOf(OpenAlert.class)),
        required(source, "/v1/stats", JSON.getTypeFactory().constructType(EngineStats.class)),
        now,
        source.describe());
  }

  /** The path of the open alerts of {@code type}. */
  static String alertsPath(String type) {
    return "/v1/alerts?type=" + type + "&limit=" + ALERT_LIMIT;
  }

  /** The latest period that is over; the one under way when the index has no earlier one. */
  private static Comparison latestOver(ReportSource source, ReportPeriod period, LocalDate today)
      throws ReportSource.Failure, InterruptedException {
    Optional<Comparison> latest = compare(source, period, null);
    if (latest.isEmpty()) {
      return null;
    }
    IndexRow current = latest.get().current();
    IndexRow previous = latest.get().previous();
    if (current.end().isAfter(today) && previous != null) {
      return compare(source, period, previous.start()).orElse(latest.get());
    }
    return latest.get();
  }

  private static Optional<Comparison> compare(
      ReportSource source, ReportPeriod period, LocalDate start)
      throws ReportSource.Failure, InterruptedException {
    String path =
        "/v1/index/compare?period=" + period.apiName() + (start == null ? "" : "&start=" + start);
    Optional<JsonNode> answer = source.get(path);
    if (answer.isEmpty() || !answer.get().path("current").isObject()) {
      return Optional.empty();
    }
    return Optional.of(
        read(answer.get(), JSON.getTypeFactory().constructType(Comparison.class), path));
  }

  private static <T> T required(ReportSource source, String path, JavaType type)
      throws ReportSource.Failure, InterruptedException {
    JsonNode answer =
        source
            .get(path)
            .orElseThrow(
                () ->
                    new ReportSource.Failure(
                        1,
                        "The query API at " + source.describe() + " has no " + path + " (404)."));
    return read(answer, type, path);
  }

  private static <T> T read(JsonNode json, JavaType type, String path) throws ReportSource.Failure {
    try {
      return JSON.treeToValue(json, type);
    } catch (JsonProcessingException e) {
      throw new ReportSource.Failure(
          1, "Cannot read the query API's answer to GET " + path + ": " + e.getOriginalMessage());
    } catch (IllegalArgumentException e) {
      throw new ReportSource.Failure(
          1, "Cannot read the query API's answer to GET " + path + ": " + e.getMessage());
    }
  }

  private static JavaType listOf(Class<?> element) {
    return JSON.getTypeFactory().constructCollectionType(List.class, element);
  }

  private static <T> JsonDeserializer<T> text(java.util.function.Function<String, T> parse) {
    return new JsonDeserializer<>() {
      @Override
      public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        String value = parser.getValueAsString();
        try {
          return value == null || value.isBlank() ? null : parse.apply(value);
        } catch (java.time.format.DateTimeParseException e) {
          return context.reportInputMismatch(this, "not an ISO-8601 date or time: %s", value);
        }
      }
    };
  }
}
