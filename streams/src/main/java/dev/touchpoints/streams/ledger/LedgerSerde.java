package dev.touchpoints.streams.ledger;

import dev.touchpoints.avro.CaseKind;
import dev.touchpoints.avro.internal.SubjectLedger;
import dev.touchpoints.streams.rules.SubjectState;
import dev.touchpoints.streams.state.JsonSerde;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The subject-state store's bytes: {@code 'L'}, the ledger schema version it was written with (one
 * byte), then the Avro binary {@link SubjectLedger}. A reader resolves a ledger written by an
 * earlier version with that version's schema from the recorded history (bundled with the schemas
 * jar), so state written years ago still loads; the build's compatibility gate guarantees it can.
 *
 * <p>Bytes without the marker are state written before the ledger existed (Smile, or JSON text by
 * the earliest releases): they are read with the old mapping and written back as a ledger the next
 * time the subject changes. See {@code docs/operations.md} ("Upgrading state").
 */
public final class LedgerSerde implements Serde<SubjectState> {

  /** First byte of every ledger value. Smile starts with ':' and JSON with '{' or blanks. */
  static final byte MARKER = 'L';

  private static final String HISTORY = "/dev/touchpoints/avro/internal/ledger-history/v%d.avsc";

  static {
    trustLedgerPackage(); // before the readers below are made
  }

  /** Ledger schemas by version, index 0 unused; the last one is the current schema. */
  private static final List<Schema> VERSIONS = loadHistory();

  /** The version this release writes. */
  public static final int CURRENT = VERSIONS.size() - 1;

  private static final DatumWriter<SubjectLedger> WRITER =
      new SpecificDatumWriter<>(SubjectLedger.class);
  private static final List<DatumReader<SubjectLedger>> READERS = readers();
  private static final Deserializer<SubjectState> LEGACY =
      JsonSerde.of(SubjectState.class).deserializer();

  /** The ledger bytes of a state. */
  public static byte[] write(SubjectState state) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    out.write(MARKER);
    out.write(CURRENT);
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    try {
      WRITER.write(LedgerCodec.toLedger(state), encoder);
      encoder.flush();
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("Cannot write the ledger of a subject", e);
    }
    return out.toByteArray();
  }

  /** The state in ledger bytes of any recorded version, or in the pre-ledger formats. */
  public static SubjectState read(byte[] data) {
    if (data.length == 0 || data[0] != MARKER) {
      return LEGACY.deserialize("subject-state", data);
    }
    int version = data.length > 1 ? data[1] : -1;
    if (version < 1 || version > CURRENT) {
      throw new SerializationException(
          "Subject ledger version "
              + version
              + " is not known to this release, which reads versions 1 to "
              + CURRENT
              + " (state written by a newer release?)");
    }
    try {
      SubjectLedger ledger =
          READERS
              .get(version)
              .read(null, DecoderFactory.get().binaryDecoder(data, 2, data.length - 2, null));
      return LedgerCodec.fromLedger(ledger);
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("Cannot read a subject ledger of version " + version, e);
    }
  }

  /** The version of ledger bytes, or 0 for state written before the ledger. */
  public static int versionOf(byte[] data) {
    return data.length > 1 && data[0] == MARKER ? data[1] : 0;
  }

  @Override
  public Serializer<SubjectState> serializer() {
    return (topic, state) -> state == null ? null : write(state);
  }

  @Override
  public Deserializer<SubjectState> deserializer() {
    return (topic, data) -> data == null ? null : read(data);
  }

  private static List<Schema> loadHistory() {
    List<Schema> versions = new ArrayList<>();
    versions.add(null);
    for (int v = 1; ; v++) {
      try (InputStream in = LedgerSerde.class.getResourceAsStream(String.format(HISTORY, v))) {
        if (in == null) {
          break;
        }
        versions.add(new Schema.Parser().parse(in));
      } catch (IOException e) {
        throw new IllegalStateException("Cannot read ledger schema v" + v, e);
      }
    }
    if (versions.size() < 2) {
      throw new IllegalStateException("No recorded ledger schema on the class path");
    }
    Schema latest = versions.get(versions.size() - 1);
    if (SchemaNormalization.parsingFingerprint64(latest)
        != SchemaNormalization.parsingFingerprint64(SubjectLedger.getClassSchema())) {
      // The build's gate fails on an unrecorded change; this catches a stale jar on the class path.
      throw new IllegalStateException("SubjectLedger differs from its last recorded version");
    }
    return Collections.unmodifiableList(versions);
  }

  private static List<DatumReader<SubjectLedger>> readers() {
    List<DatumReader<SubjectLedger>> readers = new ArrayList<>();
    for (Schema writer : VERSIONS) {
      readers.add(
          writer == null
              ? null
              : new SpecificDatumReader<>(writer, SubjectLedger.getClassSchema()));
    }
    return readers;
  }

  /**
   * Avro 1.12 instantiates generated classes only from trusted packages: the ledger's own, and the
   * published one whose enums (case kind, alert type, severity) it uses.
   */
  static synchronized void trustLedgerPackage() {
    ClassSecurityPredicate previous = ClassSecurityValidator.getGlobal();
    Set<String> trusted =
        Set.of(SubjectLedger.class.getPackageName(), CaseKind.class.getPackageName());
    ClassSecurityValidator.setGlobal(
        type -> trusted.contains(type.getPackageName()) || previous.isTrusted(type));
  }
}
