package dev.touchpoints.platform.registry.compat;

import static dev.touchpoints.platform.registry.TestSchemas.CUSTOMER_REQUIRED_FIELD;
import static dev.touchpoints.platform.registry.TestSchemas.CUSTOMER_V1;
import static dev.touchpoints.platform.registry.TestSchemas.CUSTOMER_V2;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CompatibilityCheckerTest {

  private static final Schema V1 = AvroSchemas.parse(CUSTOMER_V1);
  private static final Schema V2 = AvroSchemas.parse(CUSTOMER_V2);
  private static final Schema REQUIRED = AvroSchemas.parse(CUSTOMER_REQUIRED_FIELD);
  private static final Schema STRING = AvroSchemas.parse("\"string\"");
  private static final Schema INT = AvroSchemas.parse("\"int\"");
  private static final Schema LONG = AvroSchemas.parse("\"long\"");

  @ParameterizedTest
  @EnumSource(CompatibilityLevel.class)
  void shouldAcceptOptionalFieldWithDefaultUnderEveryLevel(CompatibilityLevel level) {
    assertThat(CompatibilityChecker.check(level, V2, List.of(V1))).isEmpty();
  }

  @Test
  void shouldRejectNewRequiredFieldUnderBackward() {
    List<String> problems =
        CompatibilityChecker.check(CompatibilityLevel.BACKWARD, REQUIRED, List.of(V1));

    assertThat(problems).singleElement().asString().contains("BACKWARD").contains("age");
  }

  @Test
  void shouldAcceptNewRequiredFieldUnderForward() {
    assertThat(CompatibilityChecker.isCompatible(CompatibilityLevel.FORWARD, REQUIRED, List.of(V1)))
        .isTrue();
  }

  @Test
  void shouldRejectRemovedRequiredFieldUnderForward() {
    assertThat(CompatibilityChecker.isCompatible(CompatibilityLevel.FORWARD, V1, List.of(REQUIRED)))
        .isFalse();
  }

  @Test
  void shouldRejectUnderFullWhenOnlyOneDirectionHolds() {
    assertThat(CompatibilityChecker.isCompatible(CompatibilityLevel.FULL, REQUIRED, List.of(V1)))
        .isFalse();
  }

  @Test
  void shouldAcceptAnythingUnderNone() {
    assertThat(CompatibilityChecker.isCompatible(CompatibilityLevel.NONE, STRING, List.of(INT)))
        .isTrue();
  }

  @Test
  void shouldAcceptFirstSchemaOfSubject() {
    assertThat(CompatibilityChecker.isCompatible(CompatibilityLevel.FULL, REQUIRED, List.of()))
        .isTrue();
  }

  @Test
  void shouldCheckOnlyLatestVersionWhenNotTransitive() {
    // int -> long -> string: string cannot read long or int, long can read int.
    assertThat(
            CompatibilityChecker.isCompatible(
                CompatibilityLevel.BACKWARD, LONG, List.of(STRING, INT)))
        .isTrue();
  }

  @Test
  void shouldCheckEveryVersionWhenTransitive() {
    assertThat(
            CompatibilityChecker.isCompatible(
                CompatibilityLevel.BACKWARD_TRANSITIVE, LONG, List.of(STRING, INT)))
        .isFalse();
  }

  @Test
  void shouldParseLevelNamesCaseInsensitively() {
    assertThat(CompatibilityLevel.parse("full_transitive"))
        .contains(CompatibilityLevel.FULL_TRANSITIVE);
    assertThat(CompatibilityLevel.parse("sideways")).isEmpty();
  }
}
