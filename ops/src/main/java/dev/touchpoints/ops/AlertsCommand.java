package dev.touchpoints.ops;

import dev.touchpoints.avro.CustomerAlert;
import dev.touchpoints.avro.IncidentAlert;
import dev.touchpoints.core.config.AppConfig;
import dev.touchpoints.core.config.ConfigOptions;
import dev.touchpoints.core.kafka.TopicRange;
import dev.touchpoints.core.topics.Topics;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code alerts}: a readable tail of the customer-alert and incident-alert topics. Reads only
 * committed records and joins no consumer group, so it never disturbs the applications that act on
 * the alerts.
 */
@Command(
    name = "alerts",
    mixinStandardHelpOptions = true,
    subcommands = {
      AlertActionCommand.Ack.class,
      AlertActionCommand.Snooze.class,
      AlertActionCommand.Assign.class,
      AlertActionCommand.Note.class
    },
    description = {
      "Show customer and incident alerts: the last few, everything (--from-beginning), or follow"
          + " new ones (--follow); or act on an open one (ack, snooze, assign, note).",
      "Example: alerts --follow --severity HIGH+ --type LEFT_IN_SILENCE,INCIDENT"
    })
public final class AlertsCommand implements Callable<Integer> {

  @Mixin ConfigOptions config;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = {"-f", "--follow"},
      description = "Keep waiting for new alerts (Ctrl-C to stop).")
  boolean follow;

  @Option(names = "--from-beginning", description = "Start at the oldest alert kept.")
  boolean fromBeginning;

  @Option(
      names = "--last",
      paramLabel = "N",
      defaultValue = "10",
      description =
          "Without --from-beginning, start N records before the end of each partition (default ${DEFAULT-VALUE}).")
  int last;

  @Option(
      names = "--type",
      split = ",",
      paramLabel = "TYPE",
      description = "Only these alert types (e.g. LEFT_IN_SILENCE, PROMISE_BROKEN) or INCIDENT.")
  List<String> types = new ArrayList<>();

  @Option(
      names = "--severity",
      split = ",",
      paramLabel = "SEVERITY",
      description =
          "Only these severities (INFO, WARNING, HIGH, CRITICAL); HIGH+ means HIGH or worse.")
  List<String> severities = new ArrayList<>();

  @Option(names = "--subject", paramLabel = "ID", description = "Only alerts about this subject.")
  String subject;

  @Option(names = "--json", description = "One JSON object per line, for scripts.")
  boolean json;

  @Option(names = "--max", paramLabel = "N", description = "Stop after showing N alerts.")
  Integer max;

  /** How long reading to the end (without --follow) may take before it fails. */
  private static final Duration READ_TIMEOUT = Duration.ofMinutes(10);

  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile KafkaConsumer<byte[], byte[]> active;

  @Override
  public Integer call() {
    AlertSelection selection;
    try {
      selection = AlertSelection.parse(types, severities, subject);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    AppConfig settings = config.load(Map.of(), OpsKeys.settings());
    Topics topics = Topics.fromConfig(settings);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Thread hook = new Thread(this::stop, "alerts-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(settings)) {
      active = consumer;
      List<TopicPartition> partitions =
          TopicRange.partitionsOf(
              consumer,
              List.of(topics.customerAlerts().name(), topics.incidentAlerts().name()),
              Duration.ofSeconds(30));
      TopicRange<byte[], byte[]> range =
          TopicRange.open(
              consumer,
              partitions,
              fromBeginning ? TopicRange.Start.beginning() : TopicRange.Start.last(last));
      Deserializer<CustomerAlert> customer = topics.customerAlerts().valueSerde().deserializer();
      Deserializer<IncidentAlert> incident = topics.incidentAlerts().valueSerde().deserializer();
      int[] shown = {0};
      // False once --max alerts were shown.
      Predicate<ConsumerRecord<byte[], byte[]>> show =
          record -> {
            String line = render(record, topics, customer, incident, selection, err);
            if (line == null) {
              return true;
            }
            out.println(line);
            out.flush();
            shown[0]++;
            return max == null || shown[0] < max;
          };
      if (!follow) {
        range.readWhile(READ_TIMEOUT, show);
        return 0;
      }
      while (true) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          if (!show.test(record)) {
            return 0;
          }
        }
      }
    } catch (WakeupException e) {
      return 0;
    } finally {
      active = null;
      stopped.countDown();
      removeHook(hook);
    }
  }

  /** Stops a running tail (Ctrl-C). */
  void stop() {
    KafkaConsumer<byte[], byte[]> consumer = active;
    if (consumer != null) {
      consumer.wakeup();
      try {
        stopped.await(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private String render(
      ConsumerRecord<byte[], byte[]> record,
      Topics topics,
      Deserializer<CustomerAlert> customer,
      Deserializer<IncidentAlert> incident,
      AlertSelection selection,
      PrintWriter err) {
    if (record.value() == null) {
      return null;
    }
    try {
      if (record.topic().equals(topics.customerAlerts().name())) {
        CustomerAlert alert = customer.deserialize(record.topic(), record.value());
        if (!selection.accepts(alert)) {
          return null;
        }
        return json ? AlertFormat.json(alert) : AlertFormat.human(alert);
      }
      IncidentAlert alert = incident.deserialize(record.topic(), record.value());
      if (!selection.accepts(alert)) {
        return null;
      }
      return json ? AlertFormat.json(alert) : AlertFormat.human(alert);
    } catch (RuntimeException e) {
      err.printf(
          "Skipping a record that cannot be read at %s-%d@%d: %s%n",
          record.topic(), record.partition(), record.offset(), e.getMessage());
      return null;
    }
  }

  private static KafkaConsumer<byte[], byte[]> consumer(AppConfig settings) {
    Properties props = settings.kafkaProperties();
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "touchpoints-ops-alerts");
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down: the hook is running.
    }
  }
}
