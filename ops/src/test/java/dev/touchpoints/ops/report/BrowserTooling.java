package dev.touchpoints.ops.report;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Node.js, Chromium and playwright-core, as the browser tests need them – checked the way {@code
 * ConsoleBrowserIT} (streams) does: a missing tool is a failure that says how to install it, not a
 * skip.
 */
final class BrowserTooling {

  private BrowserTooling() {}

  static void require(Path browserDir, Path chromium) throws IOException {
    try {
      Process probe = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      if (!probe.waitFor(30, TimeUnit.SECONDS) || probe.exitValue() != 0) {
        fail(
            "`node --version` failed; install Node.js 18+ (Debian: apt-get install -y nodejs npm)");
      }
    } catch (IOException e) {
      fail("Node.js is not installed; install Node.js 18+ (Debian: apt-get install -y nodejs npm)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail("interrupted while probing node");
    }
    if (!Files.isExecutable(chromium)) {
      fail(
          "Chromium not found at "
              + chromium
              + "; install it (Debian: apt-get install -y chromium) or set CHROMIUM_PATH");
    }
    if (!Files.isDirectory(browserDir.resolve("node_modules").resolve("playwright-core"))) {
      npmCi(browserDir);
    }
  }

  /** Installs playwright-core from the committed package-lock.json (the npm registry only). */
  private static void npmCi(Path browserDir) throws IOException {
    Path log = Path.of("target", "npm-ci.log").toAbsolutePath();
    Files.createDirectories(log.getParent());
    Process npm =
        new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
            .directory(browserDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
        npm.destroyForcibly();
        fail(
            "`npm ci` in "
                + browserDir.toAbsolutePath()
                + " failed; install playwright-core there by hand. Output:%n"
                + Files.readString(log));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail("interrupted while running npm ci");
    }
  }
}
