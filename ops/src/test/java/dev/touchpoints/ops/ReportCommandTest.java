package dev.touchpoints.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code report} against a stand-in query API that serves the canned answers of {@code
 * src/test/resources/report/} and asks for a key: the file it writes, and its errors.
 */
class ReportCommandTest {

  private static final String KEY = "report-test-key";
  private static final Instant NOW = Instant.parse("2026-11-30T12:05:00Z");

  @TempDir Path dir;
  private Javalin api;
  private final Map<String, String> answers = new HashMap<>();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void startApi() {
    answers.put("/v1/index?period=day&days=90&to=2026-11-29", "index-day.json");
    answers.put("/v1/index/compare?period=week", "compare-week-latest.json");
    answers.put("/v1/index/compare?period=week&start=2026-11-23", "compare-week-2026-11-23.json");
    answers.put("/v1/incidents", "incidents.json");
    answers.put("/v1/stats", "stats.json");
    answers.put("/v1/alerts?type=PROMISE_BROKEN&limit=1000", "alerts-promise-broken.json");
    answers.put("/v1/alerts?type=WIN_BACK_OPPORTUNITY&limit=1000", "alerts-win-back.json");
    api =
        Javalin.create(config -> config.showJavalinBanner = false).get("/*", this::answer).start(0);
  }

  @AfterEach
  void stopApi() {
    api.stop();
  }

  private void answer(Context ctx) throws IOException {
    if (!("Bearer " + KEY).equals(ctx.header("Authorization"))) {
      ctx.status(401).json(Map.of("error", "unauthorized"));
      return;
    }
    String asked = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
    String file = answers.get(asked);
    if (file == null) {
      ctx.status(404).json(Map.of("error", "not_found"));
      return;
    }
    try (InputStream in = getClass().getResourceAsStream("/report/" + file)) {
      ctx.contentType("application/json")
          .result(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  private int run(String... args) {
    ReportCommand command = new ReportCommand();
    command.clock = Clock.fixed(NOW, ZoneOffset.UTC);
    command.directory = dir;
    CommandLine cli = new CommandLine(command);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  private String url() {
    return "http://localhost:" + api.port();
  }

  @Test
  void shouldWriteTheReportOfTheLastWeekNamedAfterIt() throws IOException {
    // When
    int code = run("--api", url(), "--api-key", KEY, "--period", "week");

    // Then
    assertThat(code).as(err.toString()).isZero();
    Path file = dir.resolve("touchpoints-report-week-2026-11-23.html");
    assertThat(file).isNotEmptyFile();
    assertThat(Files.readString(file))
        .contains("data-testid=\"customers\" data-value=\"1284\"")
        .contains("Figures from the Touchpoints query API at " + url() + ".");
    assertThat(out.toString())
        .isEqualTo(
            "Wrote "
                + file
                + ": week 48, 23\u201329 Nov 2026, 1,284 customers, mean score 61.3."
                + System.lineSeparator());
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void shouldWriteWhereToldWithDetailsWhenAskedFor() throws IOException {
    Path file = dir.resolve("week-48.html");

    int code =
        run(
            "--api",
            url(),
            "--api-key",
            KEY,
            "--start",
            "2026-11-23",
            "--out",
            file.toString(),
            "--with-details");

    assertThat(code).as(err.toString()).isZero();
    assertThat(Files.readString(file)).contains("cust-1042");
  }

  @Test
  void shouldSayWhichKeyTheApiWantsWhenItRefuses() {
    int code = run("--api", url());

    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).contains("The query API wants an API key of the read role");
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void shouldAskToTryAgainInOneLineWhenTheApiIsUnreachable() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }

    int code = run("--api", "http://localhost:" + port, "--api-key", KEY);

    assertThat(code).isEqualTo(QueryApi.TRY_AGAIN);
    assertThat(err.toString())
        .startsWith("Cannot reach the query API at http://localhost:" + port)
        .hasLineCount(1);
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void shouldWriteAPageSayingThereIsNoDataYetWhenTheIndexIsEmpty() throws IOException {
    answers.put("/v1/index?period=day&days=90&to=2026-11-30", "index-empty.json");

    int code = run("--api", url(), "--api-key", KEY, "--period", "DAY");

    assertThat(code).as(err.toString()).isZero();
    Path file = dir.resolve("touchpoints-report-day-2026-11-30.html");
    assertThat(Files.readString(file)).contains("data-testid=\"no-data\"").endsWith("</html>\n");
    assertThat(out.toString()).contains("no data yet in the experience index");
  }

  @Test
  void shouldSayTheEngineIsTooOldWhenItHasNoIndex() {
    answers.clear();

    int code = run("--api", url(), "--api-key", KEY);

    assertThat(code).isEqualTo(1);
    assertThat(err.toString())
        .isEqualTo(
            "The query API at "
                + url()
                + " has no experience index (GET /v1/index answered 404): the engine is older"
                + " than this command."
                + System.lineSeparator());
  }

  @Test
  void shouldRefuseAWeekThatDoesNotStartOnAMonday() {
    int code = run("--api", url(), "--api-key", KEY, "--start", "2026-11-25");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .contains("--start 2026-11-25 is a Wednesday; weeks start on Monday (2026-11-23)");
  }

  @Test
  void shouldRefuseAPeriodItDoesNotKnow() {
    int code = run("--api", url(), "--period", "month");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("'month' is not a period: day or week");
  }
}
