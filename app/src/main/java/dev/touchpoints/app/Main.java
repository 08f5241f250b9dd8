package dev.touchpoints.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code touchpoints} command line: one entry point, one subcommand per job. */
@Command(
    name = "touchpoints",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Customer-touchpoint pipeline on Kafka: scores every customer, alerts ops when it goes wrong.",
    subcommands = {CommandLine.HelpCommand.class})
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line with every subcommand registered. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    Subcommands.register(cli);
    return cli;
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
