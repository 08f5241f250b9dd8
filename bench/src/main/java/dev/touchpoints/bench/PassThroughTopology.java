package dev.touchpoints.bench;

import dev.touchpoints.core.topics.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The least an exactly-once application can do with the pipeline's inputs: read the four input
 * topics as bytes (as the engine does) and write every record to one output topic, in transactions.
 * The gap between this and the engine is the cost of the engine's own work.
 */
final class PassThroughTopology {

  private PassThroughTopology() {}

  static Topology build(Topics topics, String output) {
    StreamsBuilder builder = new StreamsBuilder();
    KStream<byte[], byte[]> merged = null;
    for (var topic : topics.inputs()) {
      String logical = topic.name().replace('.', '-');
      KStream<byte[], byte[]> in =
          builder.stream(
              topic.name(),
              Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(logical + "-source"));
      merged = merged == null ? in : merged.merge(in, Named.as("merge-" + logical));
    }
    merged.to(
        output,
        Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("pass-through-sink"));
    return builder.build();
  }
}
