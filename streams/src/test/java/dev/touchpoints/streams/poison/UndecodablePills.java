package dev.touchpoints.streams.poison;

import static dev.touchpoints.streams.TestData.envelope;
import static dev.touchpoints.streams.TestData.paymentReceived;
import static dev.touchpoints.streams.poison.Scenarios.SERIALIZATION;
import static dev.touchpoints.streams.poison.Scenarios.dead;
import static dev.touchpoints.streams.poison.Scenarios.invalidAvro;
import static dev.touchpoints.streams.poison.Scenarios.serialize;

import dev.touchpoints.avro.BillingEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Bytes that are not a readable event of the topic's type: dead letters with the decoder's error.
 */
final class UndecodablePills {

  private static final int UNKNOWN_SCHEMA_ID = 0x7f7f7f7f;

  private UndecodablePills() {}

  static List<Scenario> of(Scenarios s) {
    List<Scenario> all = new ArrayList<>();

    byte[] noise = PillBytes.random(7, 64);
    all.add(
        s.scenario("random bytes", s.topics().web())
            .good()
            .pill(
                noise,
                dead(
                    String.format(
                        "cannot deserialize: Unknown magic byte 0x%02x: not the Confluent wire"
                            + " format",
                        noise[0]),
                    SERIALIZATION),
                new RecordHeader("trace-id", null))
            .good()
            .done());

    Case wrongMagic = s.scenario("wrong magic byte", s.topics().billing()).good();
    all.add(
        wrongMagic
            .pill(
                PillBytes.withMagicByte(wrongMagic.goodBytes(wrongMagic.subject() + "-x"), 1),
                dead(
                    "cannot deserialize: Unknown magic byte 0x01: not the Confluent wire format",
                    SERIALIZATION))
            .good()
            .done());

    all.add(
        s.scenario("empty value (0 bytes, not null)", s.topics().support())
            .good()
            .pill(
                new byte[0],
                dead(
                    "cannot deserialize: Record of 0 bytes is too short for the Confluent wire"
                        + " format",
                    SERIALIZATION))
            .good()
            .done());

    Case unknownId = s.scenario("unknown schema id", s.topics().marketing()).good();
    all.add(
        unknownId
            .pill(
                PillBytes.withSchemaId(
                    unknownId.goodBytes(unknownId.subject() + "-x"), UNKNOWN_SCHEMA_ID),
                dead(
                    "cannot deserialize: Schema id "
                        + UNKNOWN_SCHEMA_ID
                        + " could not be resolved: Schema "
                        + UNKNOWN_SCHEMA_ID
                        + " not found (status 404, error_code 40403)",
                    SERIALIZATION))
            .good()
            .done());

    Case truncated = s.scenario("truncated Avro", s.topics().web()).good();
    byte[] whole = truncated.goodBytes(truncated.subject() + "-x");
    all.add(
        truncated
            .pill(
                PillBytes.truncated(whole, 4),
                dead(
                    invalidAvro(s.topics().web(), PillBytes.schemaId(whole))
                        + "java.io.EOFException: Attempted to read 7 bytes, but only 3 bytes are"
                        + " available",
                    SERIALIZATION))
            .good()
            .done());

    Case trailing = s.scenario("valid Avro with trailing garbage", s.topics().billing()).good();
    byte[] valid = trailing.goodBytes(trailing.subject() + "-x");
    all.add(
        trailing
            .pill(
                PillBytes.withTrailing(valid, (byte) 0x13, (byte) 0x37),
                dead(
                    "cannot deserialize: Trailing bytes after the Avro datum of schema id "
                        + PillBytes.schemaId(valid)
                        + " on topic '"
                        + s.topics().billing().name()
                        + "'",
                    SERIALIZATION))
            .good()
            .done());

    Case wrongType =
        s.scenario("valid Avro of another type (BillingEvent on web)", s.topics().web()).good();
    byte[] billing =
        serialize(
            s.topics().billing(),
            new BillingEvent(
                envelope(wrongType.subject() + "-x", wrongType.subject(), wrongType.at(9)),
                paymentReceived("inv-1", 100)));
    all.add(
        wrongType
            .pill(
                billing,
                dead(
                    invalidAvro(s.topics().web(), PillBytes.schemaId(billing))
                        + "org.apache.avro.AvroTypeException: Found"
                        + " dev.touchpoints.avro.PaymentReceived, expecting union[PageViewed,"
                        + " SelfServiceAttempted, ErrorShown, FormAbandoned]",
                    SERIALIZATION))
            .good()
            .done());

    Case badEnum = s.scenario("enum index out of range", s.topics().marketing()).good();
    int marketingId = PillBytes.schemaId(badEnum.goodBytes(badEnum.subject() + "-y"));
    all.add(
        badEnum
            .pill(
                PillBytes.framed(
                    marketingId,
                    out -> {
                      PillBytes.envelope(
                          out,
                          badEnum.subject() + "-x",
                          badEnum.subject(),
                          badEnum.at(9).toEpochMilli());
                      out.writeIndex(0);
                      out.writeEnum(42);
                      out.writeEnum(0);
                      out.writeIndex(0);
                    }),
                dead(
                    invalidAvro(s.topics().marketing(), marketingId)
                        + "org.apache.avro.AvroTypeException: Enumeration out of range: must be in"
                        + " [0, 7), but received 42",
                    SERIALIZATION))
            .good()
            .done());

    Case badUnion = s.scenario("union branch out of range", s.topics().support()).good();
    int supportId = PillBytes.schemaId(badUnion.goodBytes(badUnion.subject() + "-y"));
    all.add(
        badUnion
            .pill(
                PillBytes.framed(
                    supportId,
                    out -> {
                      PillBytes.envelope(
                          out,
                          badUnion.subject() + "-x",
                          badUnion.subject(),
                          badUnion.at(9).toEpochMilli());
                      out.writeIndex(17);
                    }),
                dead(
                    invalidAvro(s.topics().support(), supportId)
                        + "org.apache.avro.AvroTypeException: Union branch index out of range:"
                        + " must be in [0, 6), but received 17",
                    SERIALIZATION))
            .good()
            .done());

    Case bomb = s.scenario("length bomb (string claims 2 GB)", s.topics().billing()).good();
    int billingId = PillBytes.schemaId(bomb.goodBytes(bomb.subject() + "-y"));
    all.add(
        bomb.pill(
                PillBytes.framed(
                    billingId,
                    out -> {
                      out.writeLong(2_000_000_000L);
                      out.writeFixed("abc".getBytes(StandardCharsets.UTF_8));
                    }),
                dead(
                    invalidAvro(s.topics().billing(), billingId)
                        + "java.io.EOFException: Attempted to read 2000000000 bytes, but only 3"
                        + " bytes are available",
                    SERIALIZATION))
            .good()
            .done());

    return all;
  }
}
