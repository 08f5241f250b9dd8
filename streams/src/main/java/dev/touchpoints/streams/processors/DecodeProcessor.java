package dev.touchpoints.streams.processors;

import dev.touchpoints.avro.AlertAction;
import dev.touchpoints.avro.Envelope;
import dev.touchpoints.avro.ErasureRequest;
import dev.touchpoints.avro.IdentityEvent;
import dev.touchpoints.avro.IdentityLinked;
import dev.touchpoints.core.topics.Topic;
import dev.touchpoints.core.topics.Topics;
import dev.touchpoints.streams.Policy;
import dev.touchpoints.streams.messages.Decoded;
import dev.touchpoints.streams.messages.Transfer;
import dev.touchpoints.streams.model.Classifier;
import dev.touchpoints.streams.model.RawRecord;
import dev.touchpoints.streams.model.Touchpoint;
import dev.touchpoints.streams.model.Validation;
import dev.touchpoints.streams.rules.SubjectEngine;
import dev.touchpoints.streams.state.JsonSerde;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes one input topic's raw records. Anything that cannot be used – a tombstone, a missing
 * subject key, bytes that are not the wire format or name an unknown schema, a record of the wrong
 * type, an event that fails validation – becomes a dead letter with the original bytes, and
 * processing goes on. Accepted touchpoints carry their event time as record timestamp; erasure
 * requests the time they were made.
 *
 * @param <V> the topic's Avro value type
 */
public final class DecodeProcessor<V> implements Processor<byte[], byte[], String, Decoded> {

  private static final Logger LOG = LoggerFactory.getLogger(DecodeProcessor.class);
  private static final long INITIAL_BACKOFF_MS = 100;
  private static final long MAX_BACKOFF_MS = 5_000;

  /**
   * How long one record waits for the registry before the error goes up: far below the consumer's
   * {@code max.poll.interval.ms} and the transaction timeout. The stream thread is then replaced
   * (see {@code EngineStreams}) and starts again from the last commit – still no dead letter.
   */
  private static final long MAX_WAIT_MS = 60_000;

  private final Topic<String, V> topic;
  private final Meaning<V> meaning;
  private final String name;
  private Deserializer<V> deserializer;
  private ProcessorContext<String, Decoded> context;
  private Sensor registryRetries;

  /** What a decoded value means for the engine. */
  @FunctionalInterface
  public interface Meaning<V> {

    /**
     * The touchpoint or request {@code value} stands for.
     *
     * @throws Invalid when it is well-formed but not usable (the dead letter says why)
     * @throws IllegalArgumentException when it is not of a type the topic carries
     */
    Decoded of(V value, String key, RawRecord raw);
  }

  /** A decoded value that fails validation. */
  public static final class Invalid extends RuntimeException {
    public Invalid(String problem) {
      super(problem, null, false, false);
    }
  }

  /**
   * @param name this processor's name, recorded in dead letters
   */
  private DecodeProcessor(Topic<String, V> topic, Meaning<V> meaning, String name) {
    this.topic = topic;
    this.meaning = meaning;
    this.name = name;
  }

  /**
   * Decodes a touchpoint topic: classified events, validated as the publisher and the gateway
   * validate them.
   */
  public static <V> DecodeProcessor<V> touchpoints(
      Topic<String, V> topic, Policy policy, String name) {
    Validation validation = new Validation(policy.maxFutureSkew());
    return new DecodeProcessor<>(
        topic,
        (value, key, raw) -> {
          Touchpoint touchpoint = Classifier.classify(value, raw);
          Optional<String> problem =
              validation.problem((SpecificRecord) value, key, raw.timestamp());
          if (problem.isPresent()) {
            throw new Invalid(problem.get());
          }
          return new Decoded.Accepted(touchpoint);
        },
        name);
  }

  /**
   * Decodes the identity topic: a link from the record's key to another id, validated as the
   * publisher and the gateway validate it.
   */
  public static DecodeProcessor<IdentityEvent> identity(
      Topic<String, IdentityEvent> topic, Policy policy, String name) {
    Validation validation = new Validation(policy.maxFutureSkew());
    return new DecodeProcessor<>(
        topic,
        (event, key, raw) -> {
          Optional<String> problem = validation.problem(event, key, raw.timestamp());
          if (problem.isPresent()) {
            throw new Invalid(problem.get());
          }
          Envelope envelope = event.getEnvelope();
          IdentityLinked link = (IdentityLinked) event.getPayload();
          return new Decoded.Linked(
              key,
              link.getLinkedTo().strip(),
              link.getDeliberate(),
              envelope.getEventId(),
              envelope.getOccurredAt().toEpochMilli(),
              raw);
        },
        name);
  }

  /**
   * Decodes the engine's own transfer topic; a redirected event is decoded again from its record,
   * with the deserializer of the topic it was published to, as an event of the subject the transfer
   * is addressed to.
   */
  public static DecodeProcessor<byte[]> transfers(Topics topics, String name) {
    Map<String, Deserializer<?>> inputs = new HashMap<>();
    for (Topic<String, ?> input : topics.inputs()) {
      inputs.put(input.name(), input.valueSerde().deserializer());
    }
    JsonSerde<Transfer> json = JsonSerde.json(Transfer.class);
    return new DecodeProcessor<>(
        topics.subjectTransfers(),
        (bytes, key, raw) -> {
          Transfer transfer = json.deserializer().deserialize(raw.topic(), bytes);
          if (transfer.kind() != Transfer.Kind.EVENT) {
            return new Decoded.Transferred(transfer, null);
          }
          RawRecord event = transfer.raw();
          Deserializer<?> deserializer = inputs.get(event.topic());
          if (deserializer == null) {
            throw new Invalid("a redirected event of an unknown topic " + event.topic());
          }
          Object value = deserializer.deserialize(event.topic(), event.value());
          Touchpoint touchpoint =
              SubjectEngine.renamed(Classifier.classify(value, event), transfer.to());
          return new Decoded.Transferred(transfer, touchpoint);
        },
        name);
  }

  /** Decodes the erasure request topic: a request whose subject is its key. */
  public static DecodeProcessor<ErasureRequest> erasures(
      Topic<String, ErasureRequest> topic, String name) {
    return new DecodeProcessor<>(
        topic,
        (request, key, raw) -> {
          if (!key.equals(request.getSubjectId())) {
            throw new Invalid("subjectId differs from the record key");
          }
          return new Decoded.Erasure(request);
        },
        name);
  }

  /** Decodes the alert actions topic: an action on an alert of the subject that is its key. */
  public static DecodeProcessor<AlertAction> actions(
      Topic<String, AlertAction> topic, String name) {
    return new DecodeProcessor<>(
        topic,
        (action, key, raw) -> {
          if (!key.equals(action.getSubjectId())) {
            throw new Invalid("subjectId differs from the record key");
          }
          return new Decoded.Action(action);
        },
        name);
  }

  @Override
  public void init(ProcessorContext<String, Decoded> context) {
    this.context = context;
    this.deserializer = topic.valueSerde().deserializer();
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    RawRecord raw = DeadLetters.raw(context, record);
    String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    if (record.value() == null) {
      reject(record, raw, "null value (tombstone) on an input topic", null);
      return;
    }
    if (key == null || key.isBlank()) {
      reject(record, raw, "missing subject key", null);
      return;
    }
    Decoded decoded;
    try {
      V value = deserializeWaitingOutRegistry(raw, record);
      decoded = meaning.of(value, key, raw);
    } catch (Invalid e) {
      reject(record, raw, "invalid event: " + e.getMessage(), null);
      return;
    } catch (RetriableException e) {
      throw e; // the registry, for a redirected event: the thread restarts from the last commit
    } catch (SerializationException | IllegalArgumentException e) {
      reject(record, raw, "cannot deserialize: " + e.getMessage(), e);
      return;
    } catch (RuntimeException e) {
      reject(record, raw, "cannot decode: " + e, e);
      return;
    }
    long timestamp =
        decoded instanceof Decoded.Accepted accepted
            ? accepted.touchpoint().occurredAt()
            : Math.max(0, record.timestamp()); // a request, a link, a transfer: when it was made
    context.forward(new Record<String, Decoded>(key, decoded, timestamp));
  }

  /**
   * Deserializes, retrying with back-off while the schema registry is unreachable or failing (a
   * {@link RetriableException}): an outage is no reason to dead-letter good events. Blocking the
   * stream thread is deliberate – later records need the registry too. After {@link #MAX_WAIT_MS}
   * the error goes up: the thread is replaced and resumes from the last commit, so a long outage
   * neither dead-letters nor outlasts the transaction timeout.
   */
  private V deserializeWaitingOutRegistry(RawRecord raw, Record<byte[], byte[]> record) {
    long backoffMs = INITIAL_BACKOFF_MS;
    long waited = 0;
    while (true) {
      try {
        return deserializer.deserialize(raw.topic(), record.headers(), record.value());
      } catch (RetriableException e) {
        registryRetries().record();
        if (waited >= MAX_WAIT_MS) {
          throw e;
        }
        LOG.warn(
            "Schema registry unavailable decoding {}-{}@{}, retrying in {} ms: {}",
            raw.topic(),
            raw.partition(),
            raw.offset(),
            backoffMs,
            e.getMessage());
        try {
          Thread.sleep(backoffMs);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
        waited += backoffMs;
        backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
      }
    }
  }

  private Sensor registryRetries() {
    if (registryRetries == null) {
      registryRetries =
          context
              .metrics()
              .addRateTotalSensor(
                  "touchpoints-decode", name, "registry-retry", Sensor.RecordingLevel.INFO);
    }
    return registryRetries;
  }

  private void reject(
      Record<byte[], byte[]> record, RawRecord raw, String reason, Throwable error) {
    LOG.warn(
        "Dead-lettering record {}-{}@{}: {}", raw.topic(), raw.partition(), raw.offset(), reason);
    var letter = DeadLetters.of(raw, reason, error, name, context.currentSystemTimeMs());
    context.forward(
        new Record<String, Decoded>(
            DeadLetters.coordinates(raw),
            new Decoded.Rejected(letter),
            Math.max(0, record.timestamp())));
  }
}
