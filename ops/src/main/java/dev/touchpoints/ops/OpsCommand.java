package dev.touchpoints.ops;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The ops team's commands on their own: alert tail, a subject's score card, the experience report,
 * dead-letter listing and replay. Users reach them as {@code touchpoints alerts|subject|dlq|…} (the
 * app's entry point), so this root is named {@code touchpoints} too.
 */
@Command(
    name = "touchpoints",
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
