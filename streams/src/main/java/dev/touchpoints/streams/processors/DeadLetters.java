package dev.touchpoints.streams.processors;

import dev.touchpoints.avro.DeadLetter;
import dev.touchpoints.streams.model.RawRecord;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/** Builds dead letters that keep the original bytes, where they came from and why. */
public final class DeadLetters {

  private DeadLetters() {}

  /** The raw form of the record being processed, with its topic, partition and offset. */
  public static RawRecord raw(ProcessorContext<?, ?> context, Record<byte[], byte[]> record) {
    Optional<RecordMetadata> meta = context.recordMetadata();
    Map<String, byte[]> headers = new LinkedHashMap<>();
    for (Header h : record.headers()) {
      headers.put(h.key(), h.value() == null ? new byte[0] : h.value());
    }
    return new RawRecord(
        meta.map(RecordMetadata::topic).orElse("unknown"),
        meta.map(RecordMetadata::partition).orElse(-1),
        meta.map(RecordMetadata::offset).orElse(-1L),
        record.timestamp(),
        record.key(),
        record.value(),
        headers);
  }

  /** The key of a dead letter: where it came from, {@code <topic>-<partition>@<offset>}. */
  public static String coordinates(RawRecord raw) {
    return raw.topic() + "-" + raw.partition() + "@" + raw.offset();
  }

  /** A dead letter for {@code raw}. */
  public static DeadLetter of(
      RawRecord raw, String reason, Throwable error, String processor, long failedAt) {
    Map<String, ByteBuffer> headers = new LinkedHashMap<>();
    raw.headers().forEach((k, v) -> headers.put(k, ByteBuffer.wrap(v)));
    return DeadLetter.newBuilder()
        .setSourceTopic(raw.topic())
        .setPartition(raw.partition())
        .setOffset(raw.offset())
        .setKey(raw.key() == null ? null : ByteBuffer.wrap(raw.key()))
        .setValue(raw.value() == null ? null : ByteBuffer.wrap(raw.value()))
        .setHeaders(headers)
        .setRecordTimestamp(Instant.ofEpochMilli(Math.max(0, raw.timestamp())))
        .setReason(reason)
        .setErrorClass(error == null ? null : error.getClass().getName())
        .setProcessor(processor)
        .setFailedAt(Instant.ofEpochMilli(failedAt))
        .build();
  }
}
