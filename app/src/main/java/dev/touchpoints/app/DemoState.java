package dev.touchpoints.app;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;

/**
 * Where the demo's simulation stands, kept in the data dir so that a second run resumes the same
 * journeys instead of replaying them.
 *
 * @param seed the simulation seed
 * @param subjects how many subjects the journeys cover
 * @param start the simulated start of the journeys
 * @param sent events already handed to the gateway
 * @param simulatedUntil simulated time of the last event sent
 */
record DemoState(long seed, int subjects, Instant start, long sent, Instant simulatedUntil) {

  static final String FILE = "demo-simulation.properties";

  /** The saved state in {@code dataDir}, or null when there is none. */
  static DemoState load(Path dataDir) {
    Path file = dataDir.resolve(FILE);
    if (!Files.exists(file)) {
      return null;
    }
    Properties p = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new DemoState(
        Long.parseLong(p.getProperty("seed")),
        Integer.parseInt(p.getProperty("subjects")),
        Instant.parse(p.getProperty("start")),
        Long.parseLong(p.getProperty("sent")),
        Instant.parse(p.getProperty("simulatedUntil")));
  }

  /** Writes the state into {@code dataDir}, replacing the old file atomically. */
  void save(Path dataDir) {
    Properties p = new Properties();
    p.setProperty("seed", Long.toString(seed));
    p.setProperty("subjects", Integer.toString(subjects));
    p.setProperty("start", start.toString());
    p.setProperty("sent", Long.toString(sent));
    p.setProperty("simulatedUntil", simulatedUntil.toString());
    Path tmp = dataDir.resolve(FILE + ".tmp");
    try {
      try (Writer writer = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        p.store(writer, "touchpoints demo: where the simulated journeys stand");
      }
      Files.move(
          tmp,
          dataDir.resolve(FILE),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
