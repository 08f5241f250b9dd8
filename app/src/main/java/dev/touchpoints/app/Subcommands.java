package dev.touchpoints.app;

import picocli.CommandLine;

/** The list of subcommands; each lives in the module that owns its job. */
final class Subcommands {

  private Subcommands() {}

  static void register(CommandLine cli) {
  }
}
