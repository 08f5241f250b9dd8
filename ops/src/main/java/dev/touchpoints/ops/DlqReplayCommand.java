package dev.touchpoints.ops;

import dev.touchpoints.avro.DeadLetter;
import dev.touchpoints.core.config.AppConfig;
import dev.touchpoints.core.config.ConfigOptions;
import dev.touchpoints.core.topics.Topic;
import dev.touchpoints.core.topics.Topics;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code dlq replay}: re-publishes dead letters' original key and value bytes (and headers) to the
 * input topic they came from, in one transaction together with the replay ledger, so a dead letter
 * is replayed once even when the command is run twice. Replaying an event the engine already
 * processed is harmless: the engine drops duplicates by event id.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Re-publish dead letters to their source topic, once each.",
      "Examples: dlq replay --offset 3 --offset 7    dlq replay --all --reason-contains schema"
    })
public final class DlqReplayCommand implements Callable<Integer> {

  /** Header naming the dead letter a replayed record came from. */
  static final String REPLAYED_FROM_HEADER = "touchpoints.replayed-from";

  /** Setting: the replaying producer's transactional id. */
  static final String TRANSACTIONAL_ID_SETTING = "dlq.replay.transactional.id";

  @Mixin ConfigOptions config;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--offset",
      split = ",",
      paramLabel = "N",
      description = "Replay the dead letter at this offset of the dead-letter topic (repeatable).")
  List<Long> offsets = new ArrayList<>();

  @Option(
      names = "--partition",
      paramLabel = "P",
      defaultValue = "0",
      description = "Dead-letter partition of --offset (default ${DEFAULT-VALUE}).")
  int partition;

  @Option(
      names = "--all",
      description = "Replay every dead letter (narrow with --reason-contains).")
  boolean all;

  @Option(
      names = "--reason-contains",
      paramLabel = "TEXT",
      description = "Only dead letters whose reason or error class contains TEXT (any case).")
  String reasonContains;

  @Option(names = "--force", description = "Replay again even if the ledger says it was replayed.")
  boolean force;

  @Option(names = "--dry-run", description = "Show what would be replayed, publish nothing.")
  boolean dryRun;

  @Override
  public Integer call() {
    if (all == !offsets.isEmpty()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "Give either --offset N (one or more) or --all");
    }
    AppConfig settings = config.load(Map.of(), OpsKeys.settings());
    Topics topics = Topics.fromConfig(settings);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Set<String> inputs = topics.inputs().stream().map(Topic::name).collect(Collectors.toSet());
    String group = settings.get(OpsKeys.DLQ_REPLAY_GROUP);

    List<DeadLetters.Letter> letters =
        DeadLetters.readAll(
            settings,
            topics.deadLetters(),
            problem -> err.println("Unreadable dead letter " + problem));
    ReplayLedger ledger;
    try (Admin admin = Admin.create(settings.kafkaProperties())) {
      ledger = ReplayLedger.read(admin, group);
    }

    List<DeadLetters.Letter> chosen = new ArrayList<>();
    int skipped = 0;
    for (DeadLetters.Letter letter : letters) {
      if (!selected(letter)) {
        continue;
      }
      DeadLetter value = letter.value();
      if (!inputs.contains(value.getSourceTopic())) {
        err.printf(
            "Skipping %s: its source %s is not an input topic%n",
            letter.coordinates(), value.getSourceTopic());
        skipped++;
      } else if (value.getValue() == null) {
        err.printf("Skipping %s: it kept no value bytes%n", letter.coordinates());
        skipped++;
      } else if (!force && ledger.wasReplayed(letter.partition(), letter.offset())) {
        out.printf(
            "Already replayed %s; skipping (use --force to replay again)%n", letter.coordinates());
        skipped++;
      } else {
        chosen.add(letter);
      }
    }
    for (Long offset : offsets) {
      boolean found =
          letters.stream()
              .anyMatch(l -> l.partition().partition() == partition && l.offset() == offset);
      if (!found) {
        err.printf("No dead letter at partition %d offset %d%n", partition, offset);
      }
    }
    if (dryRun) {
      chosen.forEach(
          l -> out.printf("Would replay %s to %s%n", l.coordinates(), l.value().getSourceTopic()));
      out.printf("Dry run: %d to replay, %d skipped.%n", chosen.size(), skipped);
      out.flush();
      return 0;
    }
    if (!chosen.isEmpty()) {
      publish(settings, chosen, ledger, group);
      chosen.forEach(
          l ->
              out.printf(
                  "Replayed %s to %s-%d%n",
                  l.coordinates(), l.value().getSourceTopic(), l.value().getPartition()));
    }
    out.printf("%d replayed, %d skipped.%n", chosen.size(), skipped);
    out.flush();
    return 0;
  }

  private boolean selected(DeadLetters.Letter letter) {
    if (!DlqCommand.matches(letter.value(), reasonContains)) {
      return false;
    }
    return all
        || (letter.partition().partition() == partition && offsets.contains(letter.offset()));
  }

  private static void publish(
      AppConfig settings, List<DeadLetters.Letter> letters, ReplayLedger ledger, String group) {
    Properties props = settings.kafkaProperties();
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(
        ProducerConfig.TRANSACTIONAL_ID_CONFIG, settings.get(OpsKeys.DLQ_REPLAY_TRANSACTIONAL_ID));
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      try {
        for (DeadLetters.Letter letter : letters) {
          producer.send(
              record(letter, producer.partitionsFor(letter.value().getSourceTopic()).size()));
          ledger.markReplayed(letter.partition(), letter.offset());
        }
        producer.sendOffsetsToTransaction(ledger.toOffsets(), new ConsumerGroupMetadata(group));
        producer.commitTransaction();
      } catch (ProducerFencedException e) {
        throw new IllegalStateException(
            "Another dlq replay with the same transactional id took over; this run published nothing",
            e);
      } catch (KafkaException | IllegalStateException e) {
        producer.abortTransaction();
        throw e;
      }
    }
  }

  static ProducerRecord<byte[], byte[]> record(DeadLetters.Letter letter, int sourcePartitions) {
    DeadLetter value = letter.value();
    RecordHeaders headers = new RecordHeaders();
    value.getHeaders().forEach((name, bytes) -> headers.add(name, bytes(bytes)));
    headers.add(REPLAYED_FROM_HEADER, letter.coordinates().getBytes(StandardCharsets.UTF_8));
    // Back to the partition it was read from, so it keeps its place among the subject's events.
    Integer target = value.getPartition() < sourcePartitions ? value.getPartition() : null;
    return new ProducerRecord<>(
        value.getSourceTopic(),
        target,
        null,
        bytes(value.getKey()),
        bytes(value.getValue()),
        headers);
  }

  private static byte[] bytes(ByteBuffer buffer) {
    if (buffer == null) {
      return null;
    }
    ByteBuffer copy = buffer.duplicate();
    byte[] raw = new byte[copy.remaining()];
    copy.get(raw);
    return raw;
  }
}
