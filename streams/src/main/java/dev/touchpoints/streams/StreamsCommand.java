package dev.touchpoints.streams;

import dev.touchpoints.core.config.AppConfig;
import dev.touchpoints.core.config.ConfigOptions;
import dev.touchpoints.core.topics.TopicAdmin;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
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

  private final Consumer<ExperienceApp> onStarted;

  /** The command. */
  public StreamsCommand() {
    this(app -> {});
  }

  /**
   * The command, with a hook that gets the started app (e.g. to attach the query API to {@link
   * ExperienceApp#streams()}).
   */
  public StreamsCommand(Consumer<ExperienceApp> onStarted) {
    this.onStarted = onStarted;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new StreamsCommand()).execute(args));
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    AppConfig config = options.load(ExperienceApp.DEFAULTS);
    ExperienceApp app = new ExperienceApp(config);
    if (createTopics) {
      TopicAdmin.ensureTopics(config, app.topics());
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    app.close();
                  } finally {
                    stopped.countDown();
                  }
                },
                "streams-shutdown"));
    app.start();
    onStarted.accept(app);
    out.println("Experience engine running against " + config.bootstrapServers());
    out.println("Press Ctrl-C to stop.");
    out.flush();
    stopped.await();
    return 0;
  }
}
