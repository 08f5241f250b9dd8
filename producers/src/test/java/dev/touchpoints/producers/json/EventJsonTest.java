package dev.touchpoints.producers.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.touchpoints.avro.CaseKind;
import dev.touchpoints.avro.CaseOpened;
import dev.touchpoints.avro.IdentityEvent;
import dev.touchpoints.avro.IdentityLinked;
import dev.touchpoints.avro.SupportEvent;
import dev.touchpoints.core.validation.Violation;
import dev.touchpoints.producers.TestData;
import dev.touchpoints.producers.events.EventType;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class EventJsonTest {

  private final EventJson json = new EventJson(() -> "generated-id");

  @Test
  void shouldRoundTripEveryEventTypeWhenMappedToJsonAndBack() {
    // Given
    var events = TestData.oneOfEach("cust-1");

    // When / Then
    for (SpecificRecord event : events) {
      ObjectNode node = json.toJson(event);
      MappedEvent back = json.fromJson(node);
      assertThat(back.violations()).as(node.toString()).isEmpty();
      assertThat(back.event()).isEqualTo(event);
      assertThat(back.type()).isEqualTo(EventType.of(event));
    }
  }

  @Test
  void shouldMapFlatCaseOpenedWhenAllFieldsAreGiven() {
    // When
    MappedEvent mapped = json.fromJson(TestData.caseOpenedJson());

    // Then
    assertThat(mapped.ok()).isTrue();
    SupportEvent event = (SupportEvent) mapped.event();
    assertThat(event.getEnvelope().getEventId()).isEqualTo("evt-1");
    assertThat(event.getEnvelope().getOccurredAt())
        .isEqualTo(Instant.parse("2026-11-01T09:00:00Z"));
    assertThat(event.getPayload())
        .isEqualTo(
            new CaseOpened("case-7", CaseKind.COMPLAINT, Instant.parse("2026-11-03T10:00:00Z")));
  }

  @Test
  void shouldGenerateEventIdWhenAbsent() {
    ObjectNode node = TestData.caseOpenedJson();
    node.remove("eventId");

    SupportEvent event = (SupportEvent) json.fromJson(node).event();

    assertThat(event.getEnvelope().getEventId()).isEqualTo("generated-id");
  }

  @Test
  void shouldConvertOffsetTimestampToUtcWhenOffsetIsGiven() {
    ObjectNode node = TestData.caseOpenedJson();
    node.put("occurredAt", "2026-11-01T12:00:00.123456+02:00");

    SupportEvent event = (SupportEvent) json.fromJson(node).event();

    assertThat(event.getEnvelope().getOccurredAt())
        .isEqualTo(Instant.parse("2026-11-01T10:00:00.123Z"));
  }

  @Test
  void shouldAcceptNullForOptionalFieldWhenGiven() {
    ObjectNode node = TestData.caseOpenedJson();
    node.putNull("nextUpdateDueAt");

    assertThat(json.fromJson(node).ok()).isTrue();
  }

  @Test
  void shouldRejectUnknownFieldWhenNameIsMisspelt() {
    ObjectNode node = TestData.caseOpenedJson();
    node.remove("nextUpdateDueAt");
    node.put("nextUpdateDue", "2026-11-03T10:00:00Z");

    assertThat(json.fromJson(node).violations())
        .extracting(Violation::field, Violation::code)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("nextUpdateDue", "unknown_field"));
  }

  @Test
  void shouldNameFieldWhenTypeIsWrong() {
    ObjectNode node = TestData.invoiceIssuedJson();
    node.put("amountCents", "2000");

    assertThat(json.fromJson(node).violations())
        .extracting(Violation::field, Violation::code)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("payload.amountCents", "wrong_type"));
  }

  @Test
  void shouldRejectFractionWhenIntegerIsExpected() {
    ObjectNode node = TestData.invoiceIssuedJson();
    node.put("amountCents", 12.5);

    assertThat(json.fromJson(node).violations())
        .extracting(Violation::jsonField)
        .containsExactly("amountCents");
  }

  @Test
  void shouldListSymbolsWhenEnumValueIsUnknown() {
    ObjectNode node = TestData.caseOpenedJson();
    node.put("kind", "RANT");

    assertThat(json.fromJson(node).violations())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.code()).isEqualTo("unknown_value");
              assertThat(v.message()).contains("COMPLAINT");
            });
  }

  @Test
  void shouldRejectWhenTimestampHasNoOffset() {
    ObjectNode node = TestData.caseOpenedJson();
    node.put("occurredAt", "2026-11-01 10:00");

    assertThat(json.fromJson(node).violations())
        .extracting(Violation::jsonField)
        .containsExactly("occurredAt");
  }

  @Test
  void shouldReportUnknownTypeWhenDiscriminatorIsNotInCatalog() {
    ObjectNode node = TestData.caseOpenedJson();
    node.put("type", "support.case_exploded");

    MappedEvent mapped = json.fromJson(node);

    assertThat(mapped.type()).isNull();
    assertThat(mapped.violations()).extracting(Violation::code).containsExactly("unknown_type");
  }

  @Test
  void shouldListEveryTypeOfTheSchemasWhenCatalogIsRead() {
    assertThat(EventType.all())
        .extracting(EventType::key)
        .hasSize(20)
        .contains(
            "web.page_viewed",
            "billing.invoice_overdue",
            "support.survey_answered",
            "marketing.contact_made",
            "identity.identity_linked");
  }

  @Test
  void shouldMapIdentityLinkWhenGatewayFormIsGiven() {
    // When
    MappedEvent mapped = json.fromJson(TestData.identityLinkedJson());

    // Then
    assertThat(mapped.violations()).isEmpty();
    assertThat(mapped.type().key()).isEqualTo("identity.identity_linked");
    assertThat(mapped.type().family()).isEqualTo("identity");
    IdentityEvent event = (IdentityEvent) mapped.event();
    assertThat(event.getEnvelope().getSubjectId()).isEqualTo("visitor-123");
    assertThat(event.getEnvelope().getEventId()).isEqualTo("link-1");
    assertThat(event.getEnvelope().getSource()).isEqualTo("webshop");
    assertThat(event.getPayload()).isEqualTo(new IdentityLinked("cust-42", false));
  }

  @Test
  void shouldWriteIdentityLinkAsFlatJsonWhenMappedBack() {
    // Given a deliberate link built in Java
    IdentityEvent link =
        TestData.EVENTS
            .identity("cust-7")
            .eventId("link-2")
            .source("crm")
            .deliberatelyLinkedTo("cust-42");

    // When
    ObjectNode node = json.toJson(link);

    // Then
    assertThat(node.get("type").asText()).isEqualTo("identity.identity_linked");
    assertThat(node.get("subjectId").asText()).isEqualTo("cust-7");
    assertThat(node.get("linkedTo").asText()).isEqualTo("cust-42");
    assertThat(node.get("deliberate").isBoolean()).isTrue();
    assertThat(node.get("deliberate").booleanValue()).isTrue();
    assertThat(json.fromJson(node).event()).isEqualTo(link);
  }

  @Test
  void shouldTakeSchemaDefaultWhenDeliberateIsAbsent() {
    ObjectNode node = TestData.identityLinkedJson();
    node.remove("deliberate");

    MappedEvent mapped = json.fromJson(node);

    assertThat(mapped.violations()).isEmpty();
    assertThat(((IdentityLinked) ((IdentityEvent) mapped.event()).getPayload()).getDeliberate())
        .isFalse();
  }

  @Test
  void shouldNameFieldWhenDeliberateIsNotBoolean() {
    ObjectNode node = TestData.identityLinkedJson();
    node.put("deliberate", "yes");

    assertThat(json.fromJson(node).violations())
        .extracting(Violation::field, Violation::code)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("payload.deliberate", "wrong_type"));
  }

  @Test
  void shouldNameFieldWhenLinkedToIsAbsent() {
    ObjectNode node = TestData.identityLinkedJson();
    node.remove("linkedTo");

    assertThat(json.fromJson(node).violations())
        .extracting(Violation::field, Violation::code)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("payload.linkedTo", "missing"));
  }
}
