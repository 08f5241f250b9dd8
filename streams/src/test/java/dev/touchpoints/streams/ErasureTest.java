package dev.touchpoints.streams;

import static dev.touchpoints.streams.TestData.caseOpened;
import static dev.touchpoints.streams.TestData.day;
import static dev.touchpoints.streams.TestData.failedPasswordReset;
import static dev.touchpoints.streams.TestData.minute;
import static dev.touchpoints.streams.TestData.pageViewed;
import static dev.touchpoints.streams.TestData.promise;
import static dev.touchpoints.streams.TestData.support;
import static dev.touchpoints.streams.TestData.updateSent;
import static dev.touchpoints.streams.TestData.web;
import static org.assertj.core.api.Assertions.assertThat;

import dev.touchpoints.avro.AlertStatus;
import dev.touchpoints.avro.AlertType;
import dev.touchpoints.avro.CaseKind;
import dev.touchpoints.avro.ContactChannel;
import dev.touchpoints.avro.ContactPurpose;
import dev.touchpoints.avro.CustomerAlert;
import dev.touchpoints.avro.CustomerExperience;
import dev.touchpoints.avro.ErasureOutcome;
import dev.touchpoints.avro.ErasureRequest;
import dev.touchpoints.streams.ledger.DueIndex;
import dev.touchpoints.streams.messages.IncidentSignal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/** Erasure of one subject (GDPR Art. 17) through the topology: gone, and it stays gone. */
class ErasureTest {

  @Test
  void shouldForgetASubjectEverywhereAndNotTakeItBackFromAReplayOrALateEvent() {
    try (EngineDriver engine = new EngineDriver()) {
      // Given c1 with an open complaint and a promise (clocks), and three failed password resets
      // (an alert held by incident detection, then sent; the three resets within three minutes are
      // one episode), a sales call during the complaint (a second alert), and c2 with a promise
      // of its own
      List<SpecificRecord> history =
          List.of(
              support("c1", minute(0), caseOpened("case-1", CaseKind.COMPLAINT, day(3))),
              support("c1", minute(1), promise("p1", "case-1", day(2), "a refund")),
              web("c1", minute(2), failedPasswordReset()),
              web("c1", minute(3), failedPasswordReset()),
              web("c1", minute(4), failedPasswordReset()),
              TestData.marketing(
                  "c1", minute(6), TestData.contact(ContactChannel.PHONE, ContactPurpose.SALES)));
      history.forEach(engine::send);
      engine.send(support("c2", minute(5), promise("p2", null, day(2), "a call back")));
      engine.wallClockTo(minute(20));
      assertThat(engine.alerts())
          .extracting(CustomerAlert::getType)
          .containsExactlyInAnyOrder(AlertType.SELF_SERVICE_FAILED, AlertType.PUSHY_CONTACT);
      assertThat(engine.ledger("c1").clocks).isNotEmpty();
      CustomerExperience c2Before = engine.experience("c2");

      // When c1 asks to be forgotten
      ErasureRequest request = engine.erase("c1");

      // Then the engine holds nothing about c1 in any store
      assertThat(engine.ledger("c1")).isNull();
      assertThat(keys(engine.store(StoreNames.RAISED_ALERTS_STORE)))
          .noneMatch(k -> k.startsWith("c1|"));
      assertThat(values(engine.<DueIndex.DueEntry>store(StoreNames.DUE_INDEX_STORE)))
          .isNotEmpty() // c2's promise
          .noneMatch(e -> e.subjectId().equals("c1"));
      assertThat(keys(engine.store(StoreNames.INCIDENT_SUBJECTS_STORE)))
          .noneMatch(k -> k.endsWith("|c1"));
      assertThat(keys(engine.<IncidentSignal>store(StoreNames.HELD_ALERTS_STORE)))
          .noneMatch(k -> k.startsWith("c1|"));
      assertThat(keys(engine.store(StoreNames.FOLDED_ALERTS_STORE)))
          .noneMatch(k -> k.startsWith("c1|"));
      // ops see its open alerts closed, the experience topic withdraws it, the audit has the entry
      assertThat(engine.alerts().subList(2, engine.alerts().size()))
          .allSatisfy(
              a -> {
                assertThat(a.getSubjectId()).isEqualTo("c1");
                assertThat(a.getStatus()).isEqualTo(AlertStatus.CLEARED);
                assertThat(a.getWhy()).startsWith("Erased on request");
              })
          .extracting(CustomerAlert::getType)
          .containsExactlyInAnyOrder(AlertType.SELF_SERVICE_FAILED, AlertType.PUSHY_CONTACT);
      TestRecord<String, CustomerExperience> last = lastOf(engine.experienceRecords());
      assertThat(last.key()).isEqualTo("c1");
      assertThat(last.value()).as("a tombstone").isNull();
      assertThat(engine.audits())
          .singleElement()
          .satisfies(
              audit -> {
                assertThat(audit.getRequestId()).isEqualTo(request.getRequestId());
                assertThat(audit.getSubjectId()).isEqualTo("c1");
                assertThat(audit.getRequestedBy()).isEqualTo(request.getRequestedBy());
                assertThat(audit.getRequestedAt()).isEqualTo(request.getRequestedAt());
                assertThat(audit.getErasedAt()).isEqualTo(engine.wall());
                assertThat(audit.getOutcome()).isEqualTo(ErasureOutcome.ERASED);
              });
      assertThat(engine.experience("c2")).as("c2 untouched").isEqualTo(c2Before);
      int alertsAtErasure = engine.alerts().size();
      int experiencesAtErasure = engine.experienceRecords().size();

      // When c1's history is replayed (written again now), an event dated before the request
      // arrives late, and time passes c1's old due dates
      history.forEach(e -> engine.deliver(e, engine.wall()));
      engine.deliver(support("c1", minute(10), updateSent("case-1", day(4))), engine.wall());
      engine.wallClockTo(day(4));

      // Then c1 does not come back: no ledger, no view, no alert
      assertThat(engine.ledger("c1")).isNull();
      assertThat(
              engine
                  .experienceRecords()
                  .subList(experiencesAtErasure, engine.experienceRecords().size()))
          .noneMatch(r -> r.key().equals("c1"));
      List<CustomerAlert> after = engine.alerts().subList(alertsAtErasure, engine.alerts().size());
      assertThat(after).noneMatch(a -> a.getSubjectId().equals("c1"));
      // while c2 lives on: its promise broken on time
      assertThat(after)
          .singleElement()
          .satisfies(
              a -> {
                assertThat(a.getSubjectId()).isEqualTo("c2");
                assertThat(a.getType()).isEqualTo(AlertType.PROMISE_BROKEN);
              });

      // And an event that happens after the request starts a new history
      engine.send(web("c1", day(5), pageViewed("/pricing")));
      assertThat(engine.ledger("c1").eventCount).isEqualTo(1);
      assertThat(engine.ledger("c1").firstEventAt).isEqualTo(day(5).toEpochMilli());
    }
  }

  @Test
  void shouldAuditAnErasureOfASubjectItNeverHeldAndStillSuppressItsEarlierEvents() {
    try (EngineDriver engine = new EngineDriver()) {
      engine.wallClockTo(minute(30));

      // When a subject the engine never saw is erased, then its earlier events arrive
      engine.erase("ghost");
      engine.deliver(web("ghost", minute(10), pageViewed("/")), engine.wall());

      // Then the audit says nothing was held, no view is published, and the events stay out
      assertThat(engine.audits())
          .singleElement()
          .satisfies(a -> assertThat(a.getOutcome()).isEqualTo(ErasureOutcome.NOTHING_HELD));
      assertThat(engine.experienceRecords())
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.key()).isEqualTo("ghost");
                assertThat(r.value()).isNull();
              });
      assertThat(engine.ledger("ghost")).isNull();
    }
  }

  @Test
  void shouldDeadLetterAnErasureRequestWhoseSubjectIsNotItsKeyAndEraseNothing() {
    try (EngineDriver engine = new EngineDriver()) {
      engine.send(web("c1", minute(0), pageViewed("/")));
      ErasureRequest mismatched =
          ErasureRequest.newBuilder()
              .setRequestId("r-1")
              .setSubjectId("c1")
              .setRequestedBy("test")
              .setRequestedAt(engine.wall())
              .build();
      byte[] value =
          engine
              .topics()
              .erasureRequests()
              .valueSerde()
              .serializer()
              .serialize(engine.topics().erasureRequests().name(), mismatched);

      engine.sendRaw(
          engine.topics().erasureRequests(),
          "c2".getBytes(StandardCharsets.UTF_8),
          value,
          engine.wall());

      assertThat(engine.deadLetters())
          .singleElement()
          .satisfies(
              d -> {
                assertThat(d.getSourceTopic()).isEqualTo(engine.topics().erasureRequests().name());
                assertThat(d.getReason()).contains("subjectId differs from the record key");
              });
      assertThat(engine.audits()).isEmpty();
      assertThat(engine.ledger("c1")).isNotNull();
    }
  }

  private static <V> List<String> keys(KeyValueStore<String, V> store) {
    List<String> keys = new ArrayList<>();
    try (KeyValueIterator<String, V> it = store.all()) {
      it.forEachRemaining(kv -> keys.add(kv.key));
    }
    return keys;
  }

  private static <V> List<V> values(KeyValueStore<String, V> store) {
    List<V> values = new ArrayList<>();
    try (KeyValueIterator<String, V> it = store.all()) {
      it.forEachRemaining((KeyValue<String, V> kv) -> values.add(kv.value));
    }
    return values;
  }

  private static <T> T lastOf(List<T> list) {
    return list.get(list.size() - 1);
  }
}
