package dev.touchpoints.ops;

import dev.touchpoints.core.config.AppConfig;
import dev.touchpoints.core.kafka.TopicRange;
import dev.touchpoints.core.topics.TopicAdmin;
import dev.touchpoints.core.topics.Topics;
import dev.touchpoints.platform.Platform;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serde;
import picocli.CommandLine;

/** A real broker and registry for the ops commands, and helpers to run a command and see output. */
final class OpsIT {

  private OpsIT() {}

  /** What a command printed and returned. */
  record Run(int exitCode, String out, String err) {}

  static Platform start(Path dir) {
    return Platform.start(dir, 0, 0, 0);
  }

  static AppConfig config(Platform platform) {
    return AppConfig.of(
        Map.of("schema.registry.url", platform.registryUrl()),
        Map.of(AppConfig.BOOTSTRAP_SERVERS, platform.bootstrapServers()));
  }

  static Topics topics(Platform platform) {
    AppConfig config = config(platform);
    Topics topics = Topics.fromConfig(config);
    TopicAdmin.ensureTopics(config, topics);
    return topics;
  }

  static Run run(Platform platform, Object command, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine line = new CommandLine(command);
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(
        List.of(
            "--bootstrap-servers",
            platform.bootstrapServers(),
            "--schema-registry-url",
            platform.registryUrl()));
    int code = line.execute(all.toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
  }

  static <V> void produce(Platform platform, String topic, Serde<V> values, List<V> records) {
    Properties props = config(platform).kafkaProperties();
    try (KafkaProducer<String, V> producer =
        new KafkaProducer<>(
            props,
            new org.apache.kafka.common.serialization.StringSerializer(),
            values.serializer())) {
      for (V value : records) {
        producer.send(new ProducerRecord<>(topic, 0, "k", value));
      }
      producer.flush();
    }
  }

  static List<ConsumerRecord<byte[], byte[]>> readAll(Platform platform, String topic) {
    Properties props = config(platform).kafkaProperties();
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      return TopicRange.readAll(consumer, List.of(topic), Duration.ofSeconds(30));
    }
  }
}
