package dev.touchpoints.streams.poison;

import static dev.touchpoints.streams.TestData.csat;
import static dev.touchpoints.streams.TestData.envelope;
import static dev.touchpoints.streams.TestData.failedPasswordReset;
import static dev.touchpoints.streams.TestData.pageViewed;
import static dev.touchpoints.streams.poison.Scenarios.dead;
import static dev.touchpoints.streams.poison.Scenarios.serialize;
import static dev.touchpoints.streams.poison.Scenarios.utf8;

import dev.touchpoints.avro.SupportEvent;
import dev.touchpoints.avro.WebEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Readable events the engine cannot use: dead letters naming the rule they break. */
final class UnusablePills {

  private UnusablePills() {}

  static List<Scenario> of(Scenarios s) {
    List<Scenario> all = new ArrayList<>();

    Case nullKey = s.scenario("null key", s.topics().support()).good();
    all.add(
        nullKey
            .pill(
                null,
                nullKey.goodBytes(nullKey.subject() + "-x"),
                dead("missing subject key", null))
            .good()
            .done());

    Case blankKey = s.scenario("blank key", s.topics().marketing()).good();
    all.add(
        blankKey
            .pill(
                utf8(" "),
                blankKey.goodBytes(blankKey.subject() + "-x"),
                dead("missing subject key", null))
            .good()
            .done());

    Case notUtf8 = s.scenario("key that is not UTF-8", s.topics().web()).good();
    all.add(
        notUtf8
            .pill(
                new byte[] {(byte) 0xff, (byte) 0xfe, 'k'},
                notUtf8.goodBytes(notUtf8.subject() + "-x"),
                dead("invalid event: record key does not match envelope.subjectId", null))
            .good()
            .done());

    all.add(
        s.scenario("null value (tombstone)", s.topics().billing())
            .good()
            .pill(null, dead("null value (tombstone) on an input topic", null))
            .good()
            .done());

    Case mismatch =
        s.scenario("key that does not match envelope.subjectId", s.topics().support()).good();
    all.add(
        mismatch
            .pill(
                mismatch.eventBytes(
                    envelope(mismatch.subject() + "-x", "someone-else", mismatch.at(9))),
                dead("invalid event: record key does not match envelope.subjectId", null))
            .good()
            .done());

    Case blankEventId = s.scenario("blank event id", s.topics().web()).good();
    all.add(
        blankEventId
            .pill(
                blankEventId.eventBytes(envelope(" ", blankEventId.subject(), blankEventId.at(9))),
                dead("invalid event: envelope.eventId must not be blank", null))
            .good()
            .done());

    Case blankSubject = s.scenario("blank subject id", s.topics().marketing()).good();
    all.add(
        blankSubject
            .pill(
                blankSubject.eventBytes(
                    envelope(blankSubject.subject() + "-x", "", blankSubject.at(9))),
                dead("invalid event: envelope.subjectId must not be blank", null))
            .good()
            .done());

    Case epoch = s.scenario("occurredAt 1970-01-01T00:00:00Z (unset)", s.topics().billing()).good();
    all.add(
        epoch
            .pill(
                epoch.eventBytes(envelope(epoch.subject() + "-x", epoch.subject(), Instant.EPOCH)),
                dead("invalid event: envelope.occurredAt must be after 1970-01-01T00:00:00Z", null))
            .good()
            .done());

    Case future =
        s.scenario("occurredAt beyond the allowed future skew", s.topics().support()).good();
    long writtenAt = future.nextTimestamp();
    Instant claimed = Instant.ofEpochMilli(writtenAt).plus(Duration.ofDays(2));
    all.add(
        future
            .pillAt(
                writtenAt,
                future.eventBytes(envelope(future.subject() + "-x", future.subject(), claimed)),
                dead(
                    "invalid event: envelope.occurredAt is 2d later than the event was sent, more"
                        + " than the 1h allowed",
                    null))
            .good()
            .done());

    Case outOfRange = s.scenario("value out of range (CSAT 9)", s.topics().support()).good();
    all.add(
        outOfRange
            .pill(
                serialize(
                    s.topics().support(),
                    new SupportEvent(
                        envelope(
                            outOfRange.subject() + "-x", outOfRange.subject(), outOfRange.at(9)),
                        csat(9, null))),
                dead("invalid event: payload.score must be 1 to 5 for a CSAT survey", null))
            .good()
            .done());
    Case timeZoneBug =
        s.scenario(
                "occurredAt 3 h ahead (inside the 1-day policy skew: a time-zone bug)",
                s.topics().marketing())
            .good();
    long written = timeZoneBug.nextTimestamp();
    Instant ahead = Instant.ofEpochMilli(written).plus(Duration.ofHours(3));
    all.add(
        timeZoneBug
            .pillAt(
                written,
                timeZoneBug.eventBytes(
                    envelope(timeZoneBug.subject() + "-x", timeZoneBug.subject(), ahead)),
                dead(
                    "invalid event: envelope.occurredAt is 3h later than the event was sent, more"
                        + " than the 1h allowed",
                    null))
            .good()
            .done());

    Case hugeRecord =
        s.scenario("huge record (600 KB page path, valid Avro)", s.topics().web()).good();
    String bigId = hugeRecord.subject() + "-huge";
    all.add(
        hugeRecord
            .pill(
                serialize(
                    s.topics().web(),
                    new WebEvent(
                        envelope(bigId, hugeRecord.subject(), hugeRecord.at(9)),
                        pageViewed("/" + "x".repeat(600_000)))),
                dead(
                    "invalid event: payload.path must be at most 2000 characters, not 600001",
                    null))
            .good()
            .done());

    Case hugeId =
        s.scenario("huge event id (400 KB) on a failed self-service attempt", s.topics().web())
            .good();
    String enormousId = "id-" + "x".repeat(400_000);
    all.add(
        hugeId
            .pill(
                serialize(
                    s.topics().web(),
                    new WebEvent(
                        envelope(enormousId, hugeId.subject(), hugeId.at(9)),
                        failedPasswordReset())),
                dead(
                    "invalid event: envelope.eventId must be at most 200 characters, not 400003",
                    null))
            .good()
            .done());
    return all;
  }
}
