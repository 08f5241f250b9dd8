package dev.touchpoints.serde;

import java.nio.ByteBuffer;

/** The Confluent wire format: magic byte 0, a 4-byte big-endian schema id, then the Avro datum. */
public final class WireFormat {

  /** The only magic byte the format defines. */
  public static final byte MAGIC_BYTE = 0x0;

  /** Bytes before the Avro datum. */
  public static final int HEADER_SIZE = 5;

  private WireFormat() {}

  /** Reads the schema id of a framed record, or throws when {@code data} is not framed. */
  public static int schemaId(byte[] data) {
    if (data.length < HEADER_SIZE) {
      throw new IllegalArgumentException(
          "Record of " + data.length + " bytes is too short for the Confluent wire format");
    }
    if (data[0] != MAGIC_BYTE) {
      throw new IllegalArgumentException(
          String.format("Unknown magic byte 0x%02x: not the Confluent wire format", data[0]));
    }
    return ByteBuffer.wrap(data, 1, 4).getInt();
  }
}
