package dev.touchpoints.ops.report;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Opens a report file in headless Chromium with the network cut off, through {@code
 * src/test/browser/report-test.mjs}: what it said, and every figure the page showed (test id →
 * {@code data-value}).
 */
final class ReportBrowser {

  static final Path BROWSER_DIR = Path.of("src", "test", "browser");
  static final Path CHROMIUM =
      Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the browser made of the page: exit code 0 when its own checks passed. */
  record Run(int exitCode, String output, Map<String, Double> figures) {}

  private ReportBrowser() {}

  /** Node.js, Chromium and playwright-core are there (npm ci when playwright-core is not). */
  static void require() throws IOException {
    BrowserTooling.require(BROWSER_DIR, CHROMIUM);
  }

  /**
   * Opens {@code report}, takes a full-page {@code screenshot}; {@code work} keeps the log and the
   * figures read.
   */
  static Run open(Path report, Path screenshot, Path work)
      throws IOException, InterruptedException {
    String name = report.getFileName().toString();
    Path log = work.resolve(name + ".log");
    Path values = work.resolve(name + ".figures.json");
    ProcessBuilder builder =
        new ProcessBuilder("node", "report-test.mjs")
            .directory(BROWSER_DIR.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().put("REPORT_FILE", report.toAbsolutePath().toString());
    builder.environment().put("VALUES_FILE", values.toAbsolutePath().toString());
    builder.environment().put("SCREENSHOT", screenshot.toAbsolutePath().toString());
    builder.environment().put("CHROMIUM_PATH", CHROMIUM.toString());
    Process node = builder.start();
    if (!node.waitFor(120, TimeUnit.SECONDS)) {
      node.destroyForcibly();
      fail("the browser test did not finish in 120 s:%n%s", Files.readString(log));
    }
    Map<String, Double> figures = new TreeMap<>();
    if (Files.exists(values)) {
      JsonNode read = JSON.readTree(values.toFile());
      read.properties()
          .forEach(e -> figures.put(e.getKey(), e.getValue().path("value").asDouble()));
    }
    return new Run(node.exitValue(), Files.readString(log), figures);
  }
}
