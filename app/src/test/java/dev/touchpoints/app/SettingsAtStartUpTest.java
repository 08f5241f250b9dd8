package dev.touchpoints.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * Every command checks its settings before it starts anything, so these fail fast without a broker:
 * usage exit code 2, and the key, the reason and the nearest valid key on stderr.
 */
class SettingsAtStartUpTest {

  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = Main.commandLine();
    cli.setErr(new PrintWriter(err));
    cli.setOut(new PrintWriter(new StringWriter()));
    return cli.execute(args);
  }

  @Test
  void shouldStopTheEngineOnAMisspeltSetKeyNamingTheNearestValidKey() {
    int code = run("streams", "--set", "policy.silence.default-updat-interval=2d");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .contains(
            "Unknown setting 'policy.silence.default-updat-interval' (--set; did you mean"
                + " 'policy.silence.default-update-interval'?)");
  }

  @Test
  void shouldStopTheGatewayOnAValueOutOfRange() {
    int code = run("gateway", "--set", "gateway.port=70000");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .contains("Invalid value '70000' for setting 'gateway.port': must be between 0 and 65535");
  }

  @ParameterizedTest
  @ValueSource(strings = {"demo", "platform", "simulate", "alerts", "subject", "dlq list", "bench"})
  void shouldStopEveryCommandOnAnUnknownSetKey(String command) {
    String[] words = command.split(" ");
    String[] args = new String[words.length + 2];
    System.arraycopy(words, 0, args, 0, words.length);
    args[words.length] = "--set";
    args[words.length + 1] = "topic.partitons=3";
    if (command.equals("subject")) {
      args = new String[] {"subject", "cust-1", "--set", "topic.partitons=3"};
    }

    assertThat(run(args)).as(command).isEqualTo(2);
    assertThat(err.toString())
        .as(command)
        .contains("Unknown setting 'topic.partitons' (--set; did you mean 'topic.partitions'?)");
  }
}
