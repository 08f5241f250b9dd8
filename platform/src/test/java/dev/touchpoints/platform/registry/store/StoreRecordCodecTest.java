package dev.touchpoints.platform.registry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.touchpoints.platform.registry.compat.CompatibilityLevel;
import dev.touchpoints.platform.registry.store.StoreValue.SchemaValue;
import org.junit.jupiter.api.Test;

class StoreRecordCodecTest {

  @Test
  void shouldWriteSchemaRecordsInConfluentLayout() {
    StoreRecord record =
        StoreRecord.schema(new SchemaValue("orders-value", 2, 7, "\"string\"", false));

    assertThat(StoreRecordCodec.encodeKey(record.key()))
        .isEqualTo(
            "{\"keytype\":\"SCHEMA\",\"subject\":\"orders-value\",\"version\":2,\"magic\":1}");
    assertThat(StoreRecordCodec.encodeValue(record.value()))
        .isEqualTo(
            "{\"subject\":\"orders-value\",\"version\":2,\"id\":7,"
                + "\"schema\":\"\\\"string\\\"\",\"deleted\":false}");
  }

  @Test
  void shouldWriteGlobalConfigKeyWithNullSubject() {
    StoreRecord record = StoreRecord.config(null, CompatibilityLevel.FULL);

    assertThat(StoreRecordCodec.encodeKey(record.key()))
        .isEqualTo("{\"keytype\":\"CONFIG\",\"subject\":null,\"magic\":0}");
    assertThat(StoreRecordCodec.encodeValue(record.value()))
        .isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
  }

  @Test
  void shouldRoundTripEveryRecordKindAndTombstones() {
    StoreRecord[] records = {
      StoreRecord.schema(new SchemaValue("s", 1, 1, "\"int\"", true)),
      StoreRecord.schemaTombstone("s", 1),
      StoreRecord.config("s", CompatibilityLevel.FORWARD_TRANSITIVE),
      StoreRecord.configTombstone(null),
      StoreRecord.deleteSubject("s", 3)
    };

    for (StoreRecord record : records) {
      assertThat(
              StoreRecordCodec.decode(
                  StoreRecordCodec.encodeKey(record.key()),
                  StoreRecordCodec.encodeValue(record.value())))
          .contains(record);
    }
  }

  @Test
  void shouldIgnoreKeyTypesItDoesNotUse() {
    assertThat(StoreRecordCodec.decode("{\"keytype\":\"NOOP\",\"magic\":0}", null)).isEmpty();
  }

  @Test
  void shouldRejectKeysThatAreNotJson() {
    assertThatThrownBy(() -> StoreRecordCodec.decode("not json", null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
