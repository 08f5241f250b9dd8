package dev.touchpoints.platform.registry.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.touchpoints.platform.registry.RegistryHttp.Response;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cases derived from Confluent's {@code RestApiCompatibilityTest} and {@code
 * RestApiTransitiveCompatibilityTest}: the registry starts with the default level BACKWARD, as
 * Confluent's does.
 */
class ConfluentCompatibilityIT extends ConformanceBase {

  private static final String F1 = record("{\"type\":\"string\",\"name\":\"f1\"}");
  private static final String F2_NO_DEFAULT =
      record("{\"type\":\"string\",\"name\":\"f1\"},{\"type\":\"string\",\"name\":\"f2\"}");
  private static final String F2_DEFAULT =
      record(
          "{\"type\":\"string\",\"name\":\"f1\"},"
              + "{\"type\":\"string\",\"name\":\"f2\",\"default\":\"foo\"}");

  @Test
  @DisplayName(
      "RestApiCompatibilityTest#testCompatibility: 409 naming READER_FIELD_MISSING_DEFAULT_VALUE,"
          + " 42201 for a non-Avro schema, a compatible one registers")
  void compatibility() {
    assertThat(id("testSubject", F1)).isEqualTo(1);

    Response incompatible = register("testSubject", body(F2_NO_DEFAULT));
    assertError(incompatible, 409, 40901);
    assertThat(incompatible.body().get("message").asText())
        .contains("READER_FIELD_MISSING_DEFAULT_VALUE");
    assertError(register("testSubject", body("non-avro schema string")), 422, 42201);
    assertThat(id("testSubject", F2_DEFAULT)).isEqualTo(2);
  }

  @Test
  @DisplayName("RestApiCompatibilityTest#testCompatibilityLevelChangeToNone")
  void levelChangeToNone() {
    id("testSubject", F1);
    assertThat(register("testSubject", body(F2_NO_DEFAULT)).status()).isEqualTo(409);

    assertThat(
            http.put("/config", Map.of("compatibility", "NONE"))
                .body()
                .get("compatibility")
                .asText())
        .isEqualTo("NONE");

    assertThat(register("testSubject", body(F2_NO_DEFAULT)).status()).isEqualTo(200);
  }

  @Test
  @DisplayName("RestApiCompatibilityTest#testCompatibilityLevelChangeToBackward")
  void levelChangeToBackward() {
    http.put("/config", Map.of("compatibility", "FORWARD"));
    id("testSubject", F1);
    String forwardOnly = record("{\"type\":\"int\",\"name\":\"f2\",\"default\":1}");
    // FORWARD: old readers must read the new data; f1 missing without default fails forward.
    assertThat(register("testSubject", body(forwardOnly)).status()).isEqualTo(409);
    assertThat(id("testSubject", F2_NO_DEFAULT)).isEqualTo(2);

    http.put("/config", Map.of("compatibility", "BACKWARD"));

    String removeF2 = F1;
    assertThat(register("testSubject", body(removeF2)).body().get("id").asInt()).isEqualTo(1);
    assertThat(ints(http.get("/subjects/testSubject/versions").body())).containsExactly(1, 2);
  }

  @Test
  @DisplayName("RestApiCompatibilityTest: an unknown level is 42203")
  void invalidLevel() {
    assertError(http.put("/config", Map.of("compatibility", "INVALID")), 422, 42203);
    assertError(http.put("/config/testSubject", Map.of("compatibility", "INVALID")), 422, 42203);
  }

  @Test
  @DisplayName(
      "RestApiTransitiveCompatibilityTest#testCompatibility: under BACKWARD_TRANSITIVE removing a"
          + " default added earlier is refused")
  void transitiveCompatibility() {
    http.put("/config", Map.of("compatibility", "BACKWARD_TRANSITIVE"));
    assertThat(id("testSubject", F1)).isEqualTo(1);
    assertThat(id("testSubject", F2_DEFAULT)).isEqualTo(2);

    assertError(register("testSubject", body(F2_NO_DEFAULT)), 409, 40901);
  }

  @Test
  @DisplayName(
      "RestApiTransitiveCompatibilityTest#validateTransitiveEffect: removing a default in"
          + " isolation is compatible")
  void transitiveEffect() {
    http.put("/config", Map.of("compatibility", "BACKWARD_TRANSITIVE"));
    assertThat(id("testSubject", F2_DEFAULT)).isEqualTo(1);
    assertThat(id("testSubject", F2_NO_DEFAULT)).isEqualTo(2);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"BACKWARD_TRANSITIVE", "FORWARD_TRANSITIVE", "FULL_TRANSITIVE"})
  @DisplayName(
      "CompatibilityResource#testCompatibilityBySubjectName (RestApiTest#"
          + "testIncompatibleSchemaBySubject): 'latest' under a transitive level checks only the"
          + " latest version; without a version every one")
  void latestUnderTransitiveLevel(String level) {
    http.put("/config/testSubject", Map.of("compatibility", "NONE"));
    String v1 = record("{\"type\":\"string\",\"name\":\"f1\"}");
    String v2 = record("{\"type\":\"int\",\"name\":\"f1\"}");
    id("testSubject", v1);
    id("testSubject", v2);
    http.put("/config/testSubject", Map.of("compatibility", level));

    assertThat(isCompatible("testSubject", "latest", v2)).isTrue();
    assertThat(isCompatible("testSubject", null, v2)).isFalse();
    assertThat(isCompatible("testSubject", "1", v2)).isFalse();
  }

  @Test
  @DisplayName("RestApiCompatibilityTest#testCompatibility (verbose): messages list the problems")
  void verboseMessages() {
    id("testSubject", F1);

    Response verbose =
        http.post(
            "/compatibility/subjects/testSubject/versions/latest?verbose=true",
            body(F2_NO_DEFAULT));

    assertThat(verbose.body().get("is_compatible").asBoolean()).isFalse();
    assertThat(verbose.body().get("messages").toString())
        .contains("READER_FIELD_MISSING_DEFAULT_VALUE")
        .contains("oldSchemaVersion: 1");
    assertThat(
            http.post("/compatibility/subjects/testSubject/versions/latest", body(F2_NO_DEFAULT))
                .body()
                .has("messages"))
        .isFalse();
  }
}
