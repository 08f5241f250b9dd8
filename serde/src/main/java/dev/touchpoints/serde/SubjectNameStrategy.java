package dev.touchpoints.serde;

import java.util.Locale;
import org.apache.avro.Schema;

/** How a serializer names the subject a schema is registered under. */
public enum SubjectNameStrategy {
  /** {@code <topic>-key} / {@code <topic>-value}; the default. */
  TOPIC {
    @Override
    public String subject(String topic, boolean isKey, Schema schema) {
      return topic + (isKey ? "-key" : "-value");
    }
  },
  /** The record's full name, whatever the topic. */
  RECORD {
    @Override
    public String subject(String topic, boolean isKey, Schema schema) {
      return schema.getFullName();
    }
  },
  /** {@code <topic>-<record full name>}. */
  TOPIC_RECORD {
    @Override
    public String subject(String topic, boolean isKey, Schema schema) {
      return topic + "-" + schema.getFullName();
    }
  };

  /** The subject for a record of {@code schema} written to {@code topic}. */
  public abstract String subject(String topic, boolean isKey, Schema schema);

  /**
   * Reads a strategy from a config value. Confluent's class names ({@code
   * io.confluent.kafka.serializers.subject.TopicNameStrategy} and friends) are accepted, so
   * existing client configs work unchanged.
   */
  public static SubjectNameStrategy parse(String value) {
    if (value == null || value.isBlank()) {
      return TOPIC;
    }
    String simple = value.substring(value.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    return switch (simple) {
      case "topicnamestrategy", "topic" -> TOPIC;
      case "recordnamestrategy", "record" -> RECORD;
      case "topicrecordnamestrategy", "topic_record", "topicrecord" -> TOPIC_RECORD;
      default -> throw new IllegalArgumentException("Unknown subject name strategy: " + value);
    };
  }
}
