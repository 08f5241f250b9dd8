package dev.touchpoints.streams.state;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.smile.databind.SmileMapper;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Jackson for internal state and internal topics (never for published topics, which are Avro).
 * Unknown fields are ignored and empty ones left out, so state classes can grow without a migration
 * and idle subjects stay small.
 *
 * <p>The data model is JSON's; the encoding is either binary <a
 * href="https://github.com/FasterXML/smile-format-specification">Smile</a> ({@link #of}: state
 * stores, about twice as fast to read and write and smaller) or JSON text ({@link #json}). Both
 * deserializers read both encodings – Smile starts with the header {@code :)\n}, which no JSON
 * document does – so state written as JSON by earlier versions stays readable after an upgrade and
 * is rewritten as Smile the next time it changes.
 *
 * @param <T> the type
 */
public final class JsonSerde<T> implements Serde<T> {

  /** The mapper for internal state as JSON text. */
  public static final ObjectMapper MAPPER = configure(JsonMapper.builder()).build();

  /** The same mapping as {@link #MAPPER}, encoded as Smile. */
  public static final ObjectMapper SMILE = configure(SmileMapper.builder()).build();

  private final String name;
  private final boolean smile;
  private final ObjectReader jsonReader;
  private final ObjectReader smileReader;
  private final ObjectWriter writer;

  private JsonSerde(JavaType type, boolean smile) {
    this.name = type.getRawClass().getSimpleName();
    this.smile = smile;
    this.jsonReader = MAPPER.readerFor(type);
    this.smileReader = SMILE.readerFor(type);
    this.writer = (smile ? SMILE : MAPPER).writerFor(type);
  }

  private static <M extends ObjectMapper, B extends MapperBuilder<M, B>> B configure(B builder) {
    return builder
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .serializationInclusion(JsonInclude.Include.NON_EMPTY)
        .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.PUBLIC_ONLY);
  }

  /** A serde for {@code type} that writes Smile and reads Smile or JSON: for state stores. */
  public static <T> JsonSerde<T> of(Class<T> type) {
    return new JsonSerde<>(MAPPER.constructType(type), true);
  }

  /**
   * {@link #of(Class)} for a generic type, e.g. {@code new TypeReference<Map<String, Long>>() {}}.
   */
  public static <T> JsonSerde<T> of(TypeReference<T> type) {
    return new JsonSerde<>(MAPPER.constructType(type), true);
  }

  /**
   * A serde for {@code type} that writes JSON text and reads JSON or Smile: for internal topics
   * that instances of an older version may still read during a rolling upgrade.
   */
  public static <T> JsonSerde<T> json(Class<T> type) {
    return new JsonSerde<>(MAPPER.constructType(type), false);
  }

  /** Whether {@code data} is Smile (starts with the Smile header {@code :)\n}). */
  static boolean isSmile(byte[] data) {
    return data.length >= 3 && data[0] == ':' && data[1] == ')' && data[2] == '\n';
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, data) -> {
      if (data == null) {
        return null;
      }
      try {
        return writer.writeValueAsBytes(data);
      } catch (IOException e) {
        throw new SerializationException(
            "Cannot write " + name + (smile ? " as Smile" : " as JSON"), e);
      }
    };
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, data) -> {
      if (data == null) {
        return null;
      }
      boolean isSmile = isSmile(data);
      try {
        return (isSmile ? smileReader : jsonReader).readValue(data);
      } catch (IOException e) {
        throw new SerializationException(
            "Cannot read " + name + (isSmile ? " from Smile" : " from JSON"), e);
      }
    };
  }
}
