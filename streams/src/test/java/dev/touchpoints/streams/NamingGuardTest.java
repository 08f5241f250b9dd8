package dev.touchpoints.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.touchpoints.core.topics.Topics;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.errors.TopologyException;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.junit.jupiter.api.Test;

/** The naming guard the topology is built with really runs (KIP-1111). */
class NamingGuardTest {

  private final Topics topics = TestData.topics();

  @Test
  void shouldBuildTheEngineTopologyWithTheGuardOn() {
    // Given the guard ExperienceTopology builds with
    // When the engine's topology is built, Then nothing in it has a generated name
    assertThatCode(() -> ExperienceTopology.build(topics, TestData.policy(Map.of())))
        .doesNotThrowAnyException();
  }

  @Test
  void shouldRefuseAGroupByKeyWithoutGroupedName() {
    // Given a builder with the guard, and a key change followed by an unnamed grouping
    StreamsBuilder builder = new StreamsBuilder(ExperienceTopology.namingGuard());
    source(builder).selectKey((k, v) -> v, Named.as("rekey")).groupByKey().count(Named.as("count"));

    // When it is built, Then the generated repartition topic is refused
    assertThatThrownBy(builder::build)
        .isInstanceOf(TopologyException.class)
        .hasMessageContaining("repartition topic(s) has not been named");
  }

  @Test
  void shouldTakeTheStoreNameForTheRepartitionTopicOfAnUnnamedGrouping() {
    // Given an unnamed grouping whose store is named: Kafka names the repartition topic after the
    // store, which the guard counts as explicit
    StreamsBuilder builder = new StreamsBuilder(ExperienceTopology.namingGuard());
    source(builder)
        .selectKey((k, v) -> v, Named.as("rekey"))
        .groupByKey()
        .count(Named.as("count"), Materialized.as("counts"));

    // When it is built, Then it is accepted, its repartition topic named after the store
    assertThat(builder.build().describe().toString()).contains("counts-repartition");
  }

  @Test
  void shouldRefuseARepartitionWithoutName() {
    // Given a builder with the guard and an unnamed repartition
    StreamsBuilder builder = new StreamsBuilder(ExperienceTopology.namingGuard());
    source(builder).repartition().to(topics.web().name());

    // When it is built, Then it is refused
    assertThatThrownBy(builder::build)
        .isInstanceOf(TopologyException.class)
        .hasMessageContaining("repartition topic(s) has not been named");
  }

  @Test
  void shouldRefuseAnAggregationWithoutStoreName() {
    // Given a builder with the guard and a named grouping whose store is not named
    StreamsBuilder builder = new StreamsBuilder(ExperienceTopology.namingGuard());
    source(builder).groupByKey(Grouped.as("by-key")).count(Named.as("count"));

    // When it is built, Then the generated store and changelog are refused
    assertThatThrownBy(builder::build)
        .isInstanceOf(TopologyException.class)
        .hasMessageContaining("state store(s) has not been named");
  }

  @Test
  void shouldAcceptTheSameOperatorsWhenNamed() {
    // Given the same operators, every internal resource named
    StreamsBuilder builder = new StreamsBuilder(ExperienceTopology.namingGuard());
    KStream<String, String> source = source(builder);
    source
        .selectKey((k, v) -> v, Named.as("rekey"))
        .groupByKey(Grouped.as("by-value"))
        .count(Named.as("count"), Materialized.as("counts"));
    source.repartition(Repartitioned.as("spread")).to(topics.web().name());

    // When it is built, Then it is accepted
    assertThatCode(builder::build).doesNotThrowAnyException();
  }

  @Test
  void shouldNotCheckWithoutTheGuard() {
    // Given a plain builder (what the engine had before): the setting alone does nothing
    StreamsBuilder builder = new StreamsBuilder();
    source(builder).repartition().to(topics.web().name());

    // When it is built, Then nothing is refused – which is why the guard goes to the builder
    assertThatCode(builder::build).doesNotThrowAnyException();
  }

  private KStream<String, String> source(StreamsBuilder builder) {
    return builder.stream(
        topics.billing().name(),
        Consumed.with(Serdes.String(), Serdes.String()).withName("source"));
  }
}
