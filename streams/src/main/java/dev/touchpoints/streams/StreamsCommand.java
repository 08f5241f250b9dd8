package dev.touchpoints.streams;

import dev.touchpoints.core.cli.UntilStopped;
import dev.touchpoints.core.config.AppConfig;
import dev.touchpoints.core.config.ConfigOptions;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code touchpoints streams}: runs the experience engine until Ctrl-C. */
@Command(
    name = "streams",
    mixinStandardHelpOptions = true,
    description =
        "Runs the experience engine: scores, alerts and incidents from touchpoint events, until"
            + " Ctrl-C. Policy settings: --set policy.<key>=<value> (see docs/configuration.md).")
public final class StreamsCommand implements Callable<Integer> {

  @Mixin ConfigOptions options = new ConfigOptions();

  @Option(
      names = "--create-topics",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description = "Create missing topics at start-up (default: ${DEFAULT-VALUE}).")
  boolean createTopics;

  @Spec CommandSpec spec;

  public static void main(String[] args) {
    System.exit(new CommandLine(new StreamsCommand()).execute(args));
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    AppConfig config = options.load(ExperienceApp.DEFAULTS);
    ExperienceService service = ExperienceService.start(config, createTopics);
    UntilStopped stop = UntilStopped.closing(service, "streams");
    out.println("Experience engine running against " + config.bootstrapServers());
    out.println("Console and query API: http://localhost:" + service.queryPort() + "/");
    out.println("Press Ctrl-C to stop.");
    out.flush();
    stop.await();
    return 0;
  }
}
