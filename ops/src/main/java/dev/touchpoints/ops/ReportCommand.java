package dev.touchpoints.ops;

import dev.touchpoints.core.config.ConfigOptions;
import dev.touchpoints.ops.report.ReportData;
import dev.touchpoints.ops.report.ReportHtml;
import dev.touchpoints.ops.report.ReportPeriod;
import dev.touchpoints.ops.report.ReportSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code report --period week}: the experience index of a period as one self-contained HTML page,
 * from the query API's {@code /v1/index}, {@code /v1/index/compare}, {@code /v1/incidents}, {@code
 * /v1/alerts} and {@code /v1/stats}.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Write the experience report of a day or week as one HTML file that opens without a"
          + " network: the index against the period before and a year ago, the last 90 days, the"
          + " touchpoints hurting and helping most, open incidents, broken promises and win-back"
          + " opportunities (taken or not).",
      "Exit codes: 0 written, 1 refused or failed, 2 wrong option, 75 engine not reachable or"
          + " rebalancing (try again).",
      "Example: report --period week --start 2026-11-23 --out week-48.html"
    })
public final class ReportCommand implements Callable<Integer> {

  @Mixin ConfigOptions config;

  @Mixin QueryApi queryApi;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--period",
      paramLabel = "day|week",
      defaultValue = "week",
      converter = PeriodText.class,
      description = "The period to report: day or week (UTC; weeks start on Monday; default week).")
  ReportPeriod period;

  @Option(
      names = "--start",
      paramLabel = "YYYY-MM-DD",
      description =
          "The first day of the period (a Monday for a week); default: the latest period in the"
              + " index that is over.")
  String start;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Where to write the page (default touchpoints-report-<period>-<start>.html).")
  Path out;

  @Option(
      names = "--with-details",
      description =
          "Name the customer and the staff member on each listed alert and show its why, which"
              + " may quote a promise or name a case. Without it the page holds no customer id or"
              + " free text.")
  boolean withDetails;

  Clock clock = Clock.systemUTC();

  /** Where a report without {@code --out} goes: the working directory. */
  Path directory = Path.of("");

  /** {@code day} or {@code week}, any case. */
  static final class PeriodText implements CommandLine.ITypeConverter<ReportPeriod> {
    @Override
    public ReportPeriod convert(String value) {
      try {
        return ReportPeriod.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    LocalDate first = startDay();
    ReportData data;
    try {
      data =
          ReportData.fetch(
              new QueryApiReportSource(queryApi, config.load(Map.of(), OpsKeys.settings()), err),
              period,
              first,
              clock.instant());
    } catch (ReportSource.Failure e) {
      if (e.getMessage() != null) {
        err.println(e.getMessage());
      }
      return e.exitCode();
    }
    Path file =
        this.out != null
            ? this.out
            : directory.resolve(
                "touchpoints-report-" + period.apiName() + "-" + data.start() + ".html");
    try {
      Files.writeString(file, ReportHtml.render(data, withDetails), StandardCharsets.UTF_8);
    } catch (IOException e) {
      err.printf("Cannot write the report to %s: %s%n", file, e.getMessage());
      return 1;
    }
    out.printf("Wrote %s: %s.%n", file, summary(data));
    out.flush();
    return 0;
  }

  private LocalDate startDay() {
    if (start == null) {
      return null;
    }
    LocalDate day;
    try {
      day = LocalDate.parse(start.strip());
    } catch (DateTimeParseException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--start '" + start + "' is not a date like 2026-11-23");
    }
    if (period == ReportPeriod.WEEK && day.getDayOfWeek() != DayOfWeek.MONDAY) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          String.format(
              "--start %s is a %s; weeks start on Monday (%s)",
              day,
              day.getDayOfWeek().toString().charAt(0)
                  + day.getDayOfWeek().toString().substring(1).toLowerCase(Locale.ROOT),
              ReportPeriod.WEEK.startOf(day)));
    }
    return day;
  }

  private static String summary(ReportData data) {
    String when = data.period().title(data.start());
    if (data.noDataYet()) {
      return "no data yet in the experience index";
    }
    if (data.comparison() == null) {
      return "the index has no figures for " + when;
    }
    return String.format(
        Locale.ROOT,
        "%s, %,d customers, mean score %.1f",
        when,
        data.comparison().current().customers(),
        data.comparison().current().meanScore());
  }
}
