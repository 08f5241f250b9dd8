package dev.touchpoints.ops.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report as a reader sees it: the page made from the canned query API, opened from a file in
 * headless Chromium with the network cut off ({@link ReportBrowser}). Every figure the browser
 * shows must be the API's, no request may leave the page, and a screenshot is taken ({@code
 * target/report.png}; {@code -Dreport.screenshot=../docs/report.png} refreshes the one in the
 * docs). In the failsafe phase like {@code ConsoleBrowserIT}, because it needs Node.js, Chromium
 * and playwright-core on the machine; it needs no broker.
 */
class ReportBrowserIT {

  @TempDir Path dir;

  @BeforeAll
  static void requireBrowserTooling() throws IOException {
    ReportBrowser.require();
  }

  @Test
  void shouldShowTheApisFiguresOfflineWhenTheReportIsOpenedFromAFile() throws Exception {
    // Given the weekly report, written to a file
    RecordingReportSource source = new RecordingReportSource(ReportFixtures.weekly());
    ReportData data = ReportData.fetch(source, ReportPeriod.WEEK, null, ReportFixtures.NOW);
    Path report = Path.of("target", "touchpoints-report-week-2026-11-23.html").toAbsolutePath();
    Files.writeString(report, ReportHtml.render(data, false), StandardCharsets.UTF_8);
    Path screenshot =
        Path.of(System.getProperty("report.screenshot", "target/report.png")).toAbsolutePath();
    Files.deleteIfExists(screenshot);

    // When Chromium opens it without a network
    ReportBrowser.Run run = ReportBrowser.open(report, screenshot, dir);

    // Then it asked for nothing, and shows every figure as the API gave it
    assertThat(run.exitCode()).as("browser test output:%n%s", run.output()).isZero();
    assertThat(run.output()).contains("network requests attempted: 0", "with 88 days", "PASS");
    ReportExpectations.assertShows(run.figures(), ReportExpectations.of(source.answers(data)));
    ReportExpectations.assertShows(
        run.figures(), ReportExpectations.of(ReportFixtures.weeklyAnswers()));
    assertThat(screenshot).isNotEmptyFile();
  }

  @Test
  void shouldFailAPageThatReachesForTheNetwork() throws Exception {
    // Given a report someone changed to load a picture
    ReportData data =
        ReportData.fetch(ReportFixtures.weekly(), ReportPeriod.WEEK, null, ReportFixtures.NOW);
    String page =
        ReportHtml.render(data, false)
            .replace("<main>", "<main><img alt=\"\" src=\"http://192.0.2.1/logo.png\">");
    Path report = dir.resolve("tampered.html");
    Files.writeString(report, page, StandardCharsets.UTF_8);

    // When
    ReportBrowser.Run run = ReportBrowser.open(report, dir.resolve("tampered.png"), dir);

    // Then the check catches it
    assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
    assertThat(run.output()).contains("the page asked the network for: http://192.0.2.1/logo.png");
  }
}
