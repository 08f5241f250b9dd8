package dev.touchpoints.producers.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchpoints.producers.gateway.GatewayCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SimulateCommandTest {

  @Test
  void shouldPrintTheSameNdjsonWhenRunTwiceWithTheSameSeed() throws Exception {
    // When
    String first =
        run(
            "--target",
            "stdout",
            "--events",
            "50",
            "--rate",
            "0",
            "--seed",
            "5",
            "--subjects",
            "20");
    String second =
        run(
            "--target",
            "stdout",
            "--events",
            "50",
            "--rate",
            "0",
            "--seed",
            "5",
            "--subjects",
            "20");

    // Then
    // The test logger writes to stdout too; keep the NDJSON lines.
    List<String> lines = first.lines().filter(l -> l.startsWith("{")).toList();
    List<String> again = second.lines().filter(l -> l.startsWith("{")).toList();
    assertThat(lines).hasSize(50);
    assertThat(new ObjectMapper().readTree(lines.get(0)).get("type").asText()).contains(".");
    assertThat(again).isEqualTo(lines);
  }

  @Test
  void shouldRefuseWhenSpeedAndDurationReachBeyondNow() throws Exception {
    int code =
        new CommandLine(new SimulateCommand())
            .execute(
                "--target", "stdout", "--speed", "86400", "--duration", "1h", "--start", "now-1d");

    assertThat(code).isEqualTo(2);
  }

  @Test
  void shouldDescribeGatewayOptionsWhenAskedForHelp() {
    CommandLine cli = new CommandLine(new GatewayCommand());

    assertThat(cli.getCommandName()).isEqualTo("gateway");
    assertThat(cli.getUsageMessage()).contains("--port", "--bootstrap-servers", "gateway.api.keys");
  }

  private static String run(String... args) {
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      int code = new CommandLine(new SimulateCommand()).execute(args);
      assertThat(code).isZero();
    } finally {
      System.setOut(original);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
