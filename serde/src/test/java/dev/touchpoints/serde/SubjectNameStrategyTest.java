package dev.touchpoints.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.touchpoints.avro.WebEvent;
import org.junit.jupiter.api.Test;

class SubjectNameStrategyTest {

  @Test
  void shouldNameSubjectsLikeConfluentStrategies() {
    var schema = WebEvent.getClassSchema();

    assertThat(SubjectNameStrategy.TOPIC.subject("t", true, schema)).isEqualTo("t-key");
    assertThat(SubjectNameStrategy.TOPIC.subject("t", false, schema)).isEqualTo("t-value");
    assertThat(SubjectNameStrategy.RECORD.subject("t", false, schema))
        .isEqualTo("dev.touchpoints.avro.WebEvent");
    assertThat(SubjectNameStrategy.TOPIC_RECORD.subject("t", false, schema))
        .isEqualTo("t-dev.touchpoints.avro.WebEvent");
  }

  @Test
  void shouldAcceptConfluentClassNames() {
    assertThat(
            SubjectNameStrategy.parse(
                "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy"))
        .isEqualTo(SubjectNameStrategy.TOPIC_RECORD);
    assertThat(SubjectNameStrategy.parse(null)).isEqualTo(SubjectNameStrategy.TOPIC);
    assertThatThrownBy(() -> SubjectNameStrategy.parse("com.example.Mine"))
        .hasMessageContaining("Unknown subject name strategy: com.example.Mine");
  }

  @Test
  void shouldReadBasicAuthFromTheUrlWhenAsked() {
    SerdeConfig config =
        SerdeConfig.from(
            java.util.Map.of(
                SerdeConfig.SCHEMA_REGISTRY_URL, "http://u:p@localhost:8081",
                SerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "URL"));

    assertThat(config.basicAuthUserInfo()).isEqualTo("u:p");
  }
}
