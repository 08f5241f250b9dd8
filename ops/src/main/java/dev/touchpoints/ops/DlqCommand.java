package dev.touchpoints.ops;

import dev.touchpoints.avro.DeadLetter;
import dev.touchpoints.core.config.AppConfig;
import dev.touchpoints.core.config.ConfigOptions;
import dev.touchpoints.core.topics.Topics;
import dev.touchpoints.serde.AvroJson;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dlq}: look at the records the pipeline could not use, and send them through again. */
@Command(
    name = "dlq",
    mixinStandardHelpOptions = true,
    description = "List dead letters with their reasons, or replay them to their source topic.",
    subcommands = {DlqCommand.ListCommand.class, DlqReplayCommand.class})
public final class DlqCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code dlq list}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List dead letters: where each came from, which stage rejected it and why.")
  public static final class ListCommand implements Callable<Integer> {

    @Mixin ConfigOptions config;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--reason-contains",
        paramLabel = "TEXT",
        description = "Only dead letters whose reason or error class contains TEXT (any case).")
    String reasonContains;

    @Option(names = "--json", description = "One JSON object per line (original bytes in base64).")
    boolean json;

    @Override
    public Integer call() {
      AppConfig settings = config.load(Map.of(), OpsKeys.settings());
      Topics topics = Topics.fromConfig(settings);
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      List<DeadLetters.Letter> letters =
          DeadLetters.readAll(
              settings,
              topics.deadLetters(),
              problem -> err.println("Unreadable dead letter " + problem));
      ReplayLedger ledger;
      try (Admin admin = Admin.create(settings.kafkaProperties())) {
        ledger = ReplayLedger.read(admin, settings.get(OpsKeys.DLQ_REPLAY_GROUP));
      }
      int shown = 0;
      for (DeadLetters.Letter letter : letters) {
        if (!matches(letter.value(), reasonContains)) {
          continue;
        }
        boolean replayed = ledger.wasReplayed(letter.partition(), letter.offset());
        out.println(json ? json(letter, replayed) : human(letter, replayed));
        shown++;
      }
      if (!json) {
        out.printf("%d dead letter(s) shown of %d.%n", shown, letters.size());
      }
      out.flush();
      return 0;
    }
  }

  static boolean matches(DeadLetter letter, String reasonContains) {
    if (reasonContains == null || reasonContains.isBlank()) {
      return true;
    }
    String needle = reasonContains.toLowerCase(Locale.ROOT);
    return letter.getReason().toLowerCase(Locale.ROOT).contains(needle)
        || (letter.getErrorClass() != null
            && letter.getErrorClass().toLowerCase(Locale.ROOT).contains(needle));
  }

  static String human(DeadLetters.Letter letter, boolean replayed) {
    DeadLetter value = letter.value();
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(
            "%-28s %s  from %s-%d@%d  stage %s%s",
            letter.coordinates(),
            AlertFormat.time(value.getFailedAt()),
            value.getSourceTopic(),
            value.getPartition(),
            value.getOffset(),
            value.getProcessor(),
            replayed ? "  [replayed]" : ""));
    lines.add("    reason: " + value.getReason());
    if (value.getErrorClass() != null) {
      lines.add("    error:  " + value.getErrorClass());
    }
    return String.join(System.lineSeparator(), lines);
  }

  static String json(DeadLetters.Letter letter, boolean replayed) {
    return AvroJson.toJson(letter.value())
        .put("dlqTopic", letter.partition().topic())
        .put("dlqPartition", letter.partition().partition())
        .put("dlqOffset", letter.offset())
        .put("replayed", replayed)
        .toString();
  }
}
