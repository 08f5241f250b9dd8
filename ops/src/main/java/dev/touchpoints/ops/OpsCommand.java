package dev.touchpoints.ops;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The ops team's command line: alert tail, a subject's score card, the experience report,
 * dead-letter listing and replay.
 */
@Command(
    name = "touchpoints-ops",
    mixinStandardHelpOptions = true,
    description =
        "Tools for ops teams: follow alerts, look up a subject, write the experience report,"
            + " handle dead letters.",
    subcommands = {
      AlertsCommand.class,
      SubjectCommand.class,
      ExportCommand.class,
      ForgetCommand.class,
      ReportCommand.class,
      DlqCommand.class
    })
public final class OpsCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Runs a command line and exits with its code. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new OpsCommand()).execute(args));
  }
}
