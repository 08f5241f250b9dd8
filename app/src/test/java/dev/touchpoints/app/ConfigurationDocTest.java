package dev.touchpoints.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.touchpoints.core.config.Declarations;
import dev.touchpoints.core.config.Setting;
import dev.touchpoints.ops.OpsKeys;
import dev.touchpoints.platform.PlatformCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code docs/configuration.md} against the settings' declarations: every declared key is in one of
 * its tables with the declared default, every key in its tables is declared, and every key a
 * command's {@code --help} shows as an example exists. Fails when they drift apart.
 */
class ConfigurationDocTest {

  private static final Path DOC =
      Path.of("..").toAbsolutePath().normalize().resolve("docs/configuration.md");
  private static final Pattern CODE = Pattern.compile("`([^`]+)`");

  /** Every setting of every command. */
  private static final Declarations ALL =
      DemoCommand.SETTINGS.with(PlatformCommand.SETTINGS).with(OpsKeys.settings());

  /** Documented keys (a family as its prefix), each with its table row's default cell. */
  private static Map<String, Row> documented;

  record Row(String defaultCell, boolean oneKey) {}

  @BeforeAll
  static void readTables() throws IOException {
    documented = new LinkedHashMap<>();
    boolean inKeyTable = false;
    for (String line : Files.readAllLines(DOC, StandardCharsets.UTF_8)) {
      if (!line.startsWith("|")) {
        inKeyTable = false;
        continue;
      }
      String[] cells = line.split("(?<!\\\\)\\|");
      if (cells.length < 3) {
        continue;
      }
      if (cells[1].strip().equals("Key") && cells[2].strip().equals("Default")) {
        inKeyTable = true;
        continue;
      }
      if (!inKeyTable || cells[1].strip().startsWith("---")) {
        continue;
      }
      List<String> keys = keys(cells[1]);
      for (String key : keys) {
        documented.put(key, new Row(cells[2].strip(), keys.size() == 1));
      }
    }
    assertThat(documented).as("keys in the tables of " + DOC).hasSizeGreaterThan(80);
  }

  @Test
  void shouldDocumentEveryDeclaredKeyWithItsDefault() {
    List<String> missing = new ArrayList<>();
    List<String> wrongDefault = new ArrayList<>();
    for (Setting<?> setting : ALL.all()) {
      Row row = documented.get(setting.key());
      if (row == null) {
        missing.add(setting.key());
      } else if (setting.defaultValue() != null && row.oneKey()) {
        Matcher first = CODE.matcher(row.defaultCell());
        Object shown = first.find() ? parse(setting, first.group(1)) : null;
        if (!Objects.equals(shown, setting.defaultValue())) {
          wrongDefault.add(
              setting.key() + ": declared " + setting.defaultValue() + ", doc " + shown);
        }
      }
    }

    assertThat(missing).as("declared keys missing from " + DOC).isEmpty();
    assertThat(wrongDefault).as("defaults that differ from the declarations").isEmpty();
  }

  @Test
  void shouldDeclareEveryDocumentedKey() {
    assertThat(
            documented.keySet().stream()
                .filter(k -> !k.startsWith("kafka."))
                .filter(k -> ALL.find(k).isEmpty() || !ALL.find(k).get().key().equals(k))
                .toList())
        .as("keys in " + DOC + " that no command declares")
        .isEmpty();
  }

  @Test
  void shouldShowOnlyExistingKeysAsHelpExamples() {
    Pattern example = Pattern.compile("--set\\s+([a-z][a-z0-9._-]*)=");
    List<String> examples = new ArrayList<>();
    for (String name : Main.commandLine().getSubcommands().keySet()) {
      StringWriter out = new StringWriter();
      CommandLine cli = Main.commandLine();
      cli.setOut(new PrintWriter(out));
      cli.execute(name, "--help");
      Matcher m = example.matcher(out.toString().replaceAll("\\s+", " "));
      while (m.find()) {
        examples.add(m.group(1));
      }
    }

    assertThat(examples).as("--set examples in --help").isNotEmpty();
    assertThat(examples)
        .filteredOn(k -> !k.startsWith("kafka.") && ALL.find(k).isEmpty())
        .as("--set examples in --help that are no setting")
        .isEmpty();
  }

  /**
   * The keys of a table's first cell: {@code `query.ssl.keystore.location`, `.password`} is two
   * keys, the second replacing the last part of the first; {@code `policy.scoring.catalog.<key>`}
   * is the family {@code policy.scoring.catalog.}.
   */
  private static List<String> keys(String cell) {
    List<String> keys = new ArrayList<>();
    Matcher m = CODE.matcher(cell);
    String previous = null;
    while (m.find()) {
      String key = m.group(1);
      if (key.startsWith(".") && previous != null) {
        key = previous.substring(0, previous.lastIndexOf('.')) + key;
      } else if (key.contains("<")) {
        key = key.substring(0, key.indexOf('<'));
      }
      keys.add(key);
      previous = key;
    }
    return keys;
  }

  private static Object parse(Setting<?> setting, String text) {
    try {
      return setting.parse(setting.key(), text);
    } catch (RuntimeException e) {
      return text;
    }
  }
}
