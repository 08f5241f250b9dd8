package dev.touchpoints.core.topics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.touchpoints.core.config.AppConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicsTest {

  @Test
  void shouldTakeNamesAndPartitionsFromConfiguration() {
    AppConfig config =
        AppConfig.of(
            Map.of(
                "schema.registry.url",
                "mock://topics-test",
                "topic.web",
                "acme.web",
                "topic.partitions",
                "3"),
            Map.of());

    Topics topics = Topics.fromConfig(config);

    assertThat(topics.web().name()).isEqualTo("acme.web");
    assertThat(topics.web().partitions()).isEqualTo(3);
    assertThat(topics.billing().name()).isEqualTo(Topics.DEFAULT_NAMES.get("billing"));
    assertThat(topics.experience().compacted()).isTrue();
    assertThat(topics.all()).hasSize(Topics.DEFAULT_NAMES.size());
    assertThat(topics.inputs()).extracting(Topic::name).startsWith("acme.web");
  }
}
