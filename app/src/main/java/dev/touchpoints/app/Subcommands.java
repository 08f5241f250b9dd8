package dev.touchpoints.app;

import dev.touchpoints.bench.BenchCommand;
import dev.touchpoints.ops.AlertsCommand;
import dev.touchpoints.ops.DlqCommand;
import dev.touchpoints.ops.ExportCommand;
import dev.touchpoints.ops.ForgetCommand;
import dev.touchpoints.ops.ReportCommand;
import dev.touchpoints.ops.SubjectCommand;
import dev.touchpoints.platform.PlatformCommand;
import dev.touchpoints.producers.gateway.GatewayCommand;
import dev.touchpoints.producers.simulator.SimulateCommand;
import dev.touchpoints.streams.StreamsCommand;
import picocli.CommandLine;

/** The list of subcommands; each lives in the module that owns its job. */
final class Subcommands {

  private Subcommands() {}

  static void register(CommandLine cli) {
    cli.addSubcommand(new DemoCommand());
    cli.addSubcommand(new PlatformCommand());
    cli.addSubcommand(new StreamsCommand());
    cli.addSubcommand(new GatewayCommand());
    cli.addSubcommand(new SimulateCommand());
    cli.addSubcommand(new AlertsCommand());
    cli.addSubcommand(new SubjectCommand());
    cli.addSubcommand(new ExportCommand());
    cli.addSubcommand(new ForgetCommand());
    cli.addSubcommand(new ReportCommand());
    cli.addSubcommand(new DlqCommand());
    cli.addSubcommand(new BenchCommand());
  }
}
