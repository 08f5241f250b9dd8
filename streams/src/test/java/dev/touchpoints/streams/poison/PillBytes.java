package dev.touchpoints.streams.poison;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * Byte surgery for poison pills: values that are almost, but not quite, the Confluent wire format
 * ({@code 0x00}, a 4-byte schema id, the Avro datum).
 */
final class PillBytes {

  private PillBytes() {}

  /** Seeded noise whose first byte is not the magic byte, so it is never read as framed. */
  static byte[] random(long seed, int length) {
    byte[] bytes = new byte[length];
    new Random(seed).nextBytes(bytes);
    bytes[0] = (byte) (bytes[0] == 0 ? 0x2a : bytes[0]);
    return bytes;
  }

  /** The schema id in the header of a framed record. */
  static int schemaId(byte[] framed) {
    return ByteBuffer.wrap(framed, 1, 4).getInt();
  }

  /** {@code framed} with another first byte. */
  static byte[] withMagicByte(byte[] framed, int magic) {
    byte[] copy = framed.clone();
    copy[0] = (byte) magic;
    return copy;
  }

  /** {@code framed} naming a schema id that no registry has handed out. */
  static byte[] withSchemaId(byte[] framed, int schemaId) {
    byte[] copy = framed.clone();
    ByteBuffer.wrap(copy, 1, 4).putInt(schemaId);
    return copy;
  }

  /** {@code framed} without its last {@code bytes} bytes. */
  static byte[] truncated(byte[] framed, int bytes) {
    return Arrays.copyOf(framed, framed.length - bytes);
  }

  /** {@code framed} followed by {@code garbage}. */
  static byte[] withTrailing(byte[] framed, byte... garbage) {
    byte[] copy = Arrays.copyOf(framed, framed.length + garbage.length);
    System.arraycopy(garbage, 0, copy, framed.length, garbage.length);
    return copy;
  }

  /** A framed datum written by hand, for data no generated class would produce. */
  static byte[] framed(int schemaId, AvroWriter datum) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0);
    out.writeBytes(ByteBuffer.allocate(4).putInt(schemaId).array());
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    try {
      datum.write(encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * Writes an {@code Envelope} field by field (eventId, subjectId, occurredAt, source, null
   * correlationId).
   */
  static void envelope(BinaryEncoder out, String eventId, String subjectId, long occurredAt)
      throws IOException {
    out.writeString(eventId);
    out.writeString(subjectId);
    out.writeLong(occurredAt);
    out.writeString("poison-pill-it");
    out.writeIndex(0);
  }

  /** Part of an Avro datum, written with a {@link BinaryEncoder}. */
  @FunctionalInterface
  interface AvroWriter {
    void write(BinaryEncoder out) throws IOException;
  }
}
