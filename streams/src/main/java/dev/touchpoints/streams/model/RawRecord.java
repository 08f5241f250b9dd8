package dev.touchpoints.streams.model;

import java.util.Map;

/**
 * An input record exactly as it arrived, kept beside the decoded event so that any later stage can
 * send it to the dead-letter topic whole.
 *
 * @param topic source topic
 * @param partition source partition, -1 if unknown
 * @param offset source offset, -1 if unknown
 * @param timestamp record timestamp
 * @param key key bytes, or null
 * @param value value bytes, or null
 * @param headers header values by key (the last value of a repeated key)
 */
public record RawRecord(
    String topic,
    int partition,
    long offset,
    long timestamp,
    byte[] key,
    byte[] value,
    Map<String, byte[]> headers) {

  public RawRecord {
    headers = headers == null ? Map.of() : headers;
  }
}
