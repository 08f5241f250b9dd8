package dev.touchpoints.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {

  @Test
  void shouldOfferEveryJobAsASubcommand() {
    assertThat(Main.commandLine().getSubcommands().keySet())
        .contains(
            "demo",
            "platform",
            "streams",
            "gateway",
            "simulate",
            "alerts",
            "subject",
            "report",
            "dlq");
  }

  @Test
  void shouldPrintUsageForEverySubcommandWithoutStartingAnything() {
    for (String name : Main.commandLine().getSubcommands().keySet()) {
      StringWriter out = new StringWriter();
      CommandLine cli = Main.commandLine();
      cli.setOut(new PrintWriter(out));

      int code = cli.execute(name, "--help");

      assertThat(code).as(name).isZero();
      assertThat(out.toString()).as(name).contains("Usage:");
    }
  }

  @Test
  void shouldRejectAnUnknownOptionWithUsageExitCode() {
    CommandLine cli = Main.commandLine();
    cli.setErr(new PrintWriter(new StringWriter()));

    assertThat(cli.execute("demo", "--no-such-option")).isEqualTo(2);
  }
}
