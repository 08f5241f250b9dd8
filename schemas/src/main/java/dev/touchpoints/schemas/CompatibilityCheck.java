package dev.touchpoints.schemas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * The schema compatibility gate of the build.
 *
 * <p>Every top-level schema in the Avro source folder is a published schema. Its earlier versions
 * live in {@code history/<FullName>/v<N>.avsc}, fully expanded. The current schema must be able to
 * read data written with every earlier version (BACKWARD_TRANSITIVE), and a changed schema must be
 * recorded as a new version, so the history is never silently lost.
 */
public final class CompatibilityCheck {

  /** Files whose named types the other files refer to; parsed first. */
  static final List<String> IMPORTS =
      List.of(
          "Envelope.avsc",
          "SupportEvent.avsc",
          "WebEvent.avsc",
          "BillingEvent.avsc",
          "MarketingEvent.avsc",
          "CustomerAlert.avsc");

  private CompatibilityCheck() {}

  /**
   * Entry point used by the build.
   *
   * @param args avro source folder, history folder, and optionally {@code --record}
   */
  public static void main(String[] args) {
    if (args.length < 2) {
      throw new IllegalArgumentException(
          "usage: CompatibilityCheck <avroDir> <historyDir> [--record]");
    }
    Path avroDir = Path.of(args[0]);
    Path historyDir = Path.of(args[1]);
    boolean record = args.length > 2 && "--record".equals(args[2]);
    Map<String, Schema> current = parseCurrent(avroDir);
    if (record) {
      List<Path> written = recordNewVersions(current, historyDir);
      written.forEach(p -> System.out.println("recorded " + p));
      return;
    }
    List<String> problems = check(current, historyDir);
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "Schema compatibility check failed:\n  - " + String.join("\n  - ", problems));
    }
    System.out.println(
        "Schema compatibility: "
            + current.size()
            + " schemas BACKWARD compatible with their history");
  }

  /** Parses every {@code .avsc} file in the folder; returns top-level schemas by full name. */
  public static Map<String, Schema> parseCurrent(Path avroDir) {
    Schema.Parser parser = new Schema.Parser();
    Map<String, Schema> result = new LinkedHashMap<>();
    List<Path> files = new ArrayList<>();
    for (String name : IMPORTS) {
      files.add(avroDir.resolve(name));
    }
    try (Stream<Path> all = Files.list(avroDir)) {
      all.filter(p -> p.toString().endsWith(".avsc"))
          .filter(p -> !IMPORTS.contains(p.getFileName().toString()))
          .sorted()
          .forEach(files::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (Path file : files) {
      try {
        Schema schema = parser.parse(file.toFile());
        result.put(schema.getFullName(), schema);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return result;
  }

  /**
   * Checks each current schema against its recorded versions.
   *
   * @return human-readable problems; empty when everything is compatible and recorded
   */
  public static List<String> check(Map<String, Schema> current, Path historyDir) {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, Schema> entry : current.entrySet()) {
      String name = entry.getKey();
      Schema schema = entry.getValue();
      List<Path> versions = versions(historyDir.resolve(name));
      if (versions.isEmpty()) {
        problems.add(name + ": no recorded version; run the record-schemas execution to add v1");
        continue;
      }
      for (Path version : versions) {
        Schema old = parse(version);
        problems.addAll(incompatibilities(name, schema, old, version.getFileName().toString()));
      }
      Schema latest = parse(versions.get(versions.size() - 1));
      if (!same(latest, schema)) {
        problems.add(
            name
                + ": changed since "
                + versions.get(versions.size() - 1).getFileName()
                + " but not recorded; run the record-schemas execution to add the new version");
      }
    }
    return problems;
  }

  /** Problems that make {@code reader} unable to read data written with {@code writer}. */
  public static List<String> incompatibilities(
      String name, Schema reader, Schema writer, String label) {
    SchemaCompatibility.SchemaPairCompatibility result =
        SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
    List<String> problems = new ArrayList<>();
    if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
      result
          .getResult()
          .getIncompatibilities()
          .forEach(
              i ->
                  problems.add(
                      name
                          + " is not BACKWARD compatible with "
                          + label
                          + ": "
                          + i.getType()
                          + " at "
                          + i.getLocation()
                          + " ("
                          + i.getMessage()
                          + ")"));
    }
    return problems;
  }

  /** Writes the current schema as the next version wherever it differs from the latest one. */
  public static List<Path> recordNewVersions(Map<String, Schema> current, Path historyDir) {
    List<Path> written = new ArrayList<>();
    for (Map.Entry<String, Schema> entry : current.entrySet()) {
      Path dir = historyDir.resolve(entry.getKey());
      List<Path> versions = versions(dir);
      if (!versions.isEmpty() && same(parse(versions.get(versions.size() - 1)), entry.getValue())) {
        continue;
      }
      Path target = dir.resolve("v" + (versions.size() + 1) + ".avsc");
      try {
        Files.createDirectories(dir);
        Files.writeString(target, entry.getValue().toString(true) + "\n", StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      written.add(target);
    }
    return written;
  }

  private static boolean same(Schema a, Schema b) {
    return a.toString().equals(b.toString());
  }

  private static Schema parse(Path file) {
    try {
      return new Schema.Parser().parse(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> versions(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(p -> p.getFileName().toString().matches("v\\d+\\.avsc"))
          .sorted(Comparator.comparingInt(CompatibilityCheck::versionNumber))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int versionNumber(Path p) {
    String n = p.getFileName().toString();
    return Integer.parseInt(n.substring(1, n.length() - ".avsc".length()));
  }
}
