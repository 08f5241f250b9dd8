package dev.touchpoints.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.touchpoints.core.config.AppConfig;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class EngineStreamsPropertiesTest {

  @Test
  void shouldDefaultToExactlyOnceWithLowLatencyCommits() {
    // When nothing is configured
    Properties props = EngineStreams.streamsProperties(AppConfig.of(Map.of(), Map.of()));

    // Then the engine's defaults apply
    assertThat(props)
        .containsEntry("processing.guarantee", "exactly_once_v2")
        .containsEntry("application.id", EngineStreams.APPLICATION_ID)
        .containsEntry("commit.interval.ms", "50")
        .containsEntry("producer.retry.backoff.ms", "10")
        .containsEntry("producer.max.request.size", String.valueOf(4 * 1024 * 1024));
  }

  @Test
  void shouldLetEverySettingBeOverridden() {
    // When the user sets them
    Properties props =
        EngineStreams.streamsProperties(
            AppConfig.of(
                Map.of(),
                Map.of(
                    "commit.interval.ms", "200",
                    "producer.retry.backoff.ms", "100",
                    "processing.guarantee", "at_least_once")));

    // Then theirs win
    assertThat(props)
        .containsEntry("commit.interval.ms", "200")
        .containsEntry("producer.retry.backoff.ms", "100")
        .containsEntry("processing.guarantee", "at_least_once");
  }
}
