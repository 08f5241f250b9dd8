package dev.touchpoints.platform.registry.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.touchpoints.platform.registry.RegistryHttp.Response;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Cases derived from Confluent's {@code RestApiModeTest} (and the mode cases of RestApiTest). */
class ConfluentModeIT extends ConformanceBase {

  private static final String SCHEMA = record("{\"type\":\"string\",\"name\":\"f1\"}");
  private static final String SCHEMA2 =
      record(
          "{\"type\":\"string\",\"name\":\"f1\"},{\"type\":\"string\",\"name\":\"f2\","
              + "\"default\":\"\"}");

  private Response setMode(String mode) {
    return http.put("/mode", Map.of("mode", mode));
  }

  @Test
  @DisplayName("RestApiModeTest#testReadOnlyMode: registering is 42205")
  void readOnly() {
    assertThat(setMode("READONLY").body().get("mode").asText()).isEqualTo("READONLY");
    assertError(register("testSubject", body(SCHEMA)), 422, 42205);
  }

  @Test
  @DisplayName("RestApiModeTest (READONLY): deletes and config changes are refused too")
  void readOnlyRefusesChanges() {
    id("testSubject", SCHEMA);
    setMode("READONLY");
    assertError(http.delete("/subjects/testSubject"), 422, 42205);
    assertError(deleteVersion("testSubject", "1"), 422, 42205);
    assertError(http.put("/config/testSubject", Map.of("compatibility", "NONE")), 422, 42205);
    assertThat(http.get("/subjects/testSubject/versions/1").status()).isEqualTo(200);
  }

  @Test
  @DisplayName("RestApiModeTest#testReadWriteMode: an id is refused outside IMPORT")
  void readWrite() {
    assertThat(setMode("READWRITE").body().get("mode").asText()).isEqualTo("READWRITE");
    assertError(register("testSubject", imported(SCHEMA, 1, 1)), 422, 42205);
    assertThat(id("testSubject", SCHEMA)).isEqualTo(1);
  }

  @Test
  @DisplayName("RestApiModeTest#testImportMode: registering with an id")
  void importMode() {
    assertThat(setMode("IMPORT").body().get("mode").asText()).isEqualTo("IMPORT");
    Response response = register("testSubject", imported(SCHEMA, 1, 1));
    assertThat(response.status()).as("%s", response.body()).isEqualTo(200);
    assertThat(response.body().get("id").asInt()).isEqualTo(1);
  }

  @Test
  @DisplayName("RestApiModeTest#testImportModeWithoutId: a new schema without id is 42205")
  void importWithoutId() {
    setMode("IMPORT");
    assertError(register("testSubject", body(SCHEMA)), 422, 42205);
  }

  @Test
  @DisplayName("RestApiModeTest#testClearMode: a null mode clears it")
  void clearMode() {
    setMode("READONLY");
    Map<String, Object> clear = new HashMap<>();
    clear.put("mode", null);
    assertThat(http.put("/mode", clear).body().get("mode").isNull()).isTrue();
    assertThat(http.get("/mode").body().get("mode").asText()).isEqualTo("READWRITE");
  }

  @Test
  @DisplayName(
      "RestApiModeTest#testInvalidImportMode: IMPORT with live subjects is 42205 unless force")
  void importWithExistingSubjects() {
    assertThat(id("testSubject", SCHEMA)).isEqualTo(1);
    assertError(setMode("IMPORT"), 422, 42205);
    assertThat(
            http.put("/mode/testSubject?force=true", Map.of("mode", "IMPORT"))
                .body()
                .get("mode")
                .asText())
        .isEqualTo("IMPORT");
    assertThat(http.put("/mode?force=true", Map.of("mode", "IMPORT")).body().get("mode").asText())
        .isEqualTo("IMPORT");
  }

  @Test
  @DisplayName("RestApiModeTest#testRegisterSchemaWithNoIdAfterImport: an existing schema is found")
  void noIdAfterImport() {
    setMode("IMPORT");
    assertThat(register("testSubject", imported(SCHEMA, 1, 1)).body().get("id").asInt())
        .isEqualTo(1);
    assertThat(register("testSubject", body(SCHEMA)).body().get("id").asInt()).isEqualTo(1);
  }

  @Test
  @DisplayName("RestApiModeTest#testRegisterSchemaWithDifferentIdAfterImport")
  void differentIdAfterImport() {
    assertThat(id("testSubject", SCHEMA)).isEqualTo(1);
    http.delete("/subjects/testSubject");
    setMode("IMPORT");
    assertThat(register("testSubject", imported(SCHEMA, 1, 2)).body().get("id").asInt())
        .isEqualTo(2);
  }

  @Test
  @DisplayName("RestApiModeTest#testRegisterSchemaWithSameIdAfterImport")
  void sameIdAfterImport() {
    assertThat(id("testSubject", SCHEMA)).isEqualTo(1);
    http.delete("/subjects/testSubject");
    setMode("IMPORT");
    assertThat(register("testSubject", imported(SCHEMA, 1, 1)).body().get("id").asInt())
        .isEqualTo(1);
    http.delete("/subjects/testSubject");
    assertThat(register("testSubject", imported(SCHEMA, 1, 1)).body().get("id").asInt())
        .isEqualTo(1);
    assertThat(http.get("/subjects/testSubject/versions/1").body().get("schema").asText())
        .isEqualTo(SCHEMA);
  }

  @Test
  @DisplayName("RestApiModeTest#testImportModeWithSameSchemaDifferentId: ids 100 and 200")
  void sameSchemaDifferentIds() {
    setMode("IMPORT");
    assertThat(register("testSubject", imported(SCHEMA, 1, 100)).body().get("id").asInt())
        .isEqualTo(100);
    assertThat(register("testSubject", imported(SCHEMA, 2, 200)).body().get("id").asInt())
        .isEqualTo(200);
    assertThat(http.get("/subjects/testSubject/versions/2").body().get("id").asInt())
        .isEqualTo(200);
  }

  @Test
  @DisplayName("RestApiModeTest#testRegisterIncompatibleSchemaDuringImport: no compatibility check")
  void incompatibleDuringImport() {
    http.put("/config", Map.of("compatibility", "FULL"));
    setMode("IMPORT");
    String incompatible = record("{\"type\":\"int\",\"name\":\"f1\"}");
    assertThat(register("testSubject", imported(SCHEMA, 1, 1)).status()).isEqualTo(200);
    assertThat(register("testSubject", imported(incompatible, 2, 2)).status()).isEqualTo(200);
    assertThat(http.get("/subjects/testSubject/versions/2").body().get("schema").asText())
        .isEqualTo(incompatible);
  }

  @Test
  @DisplayName("RestApiTest#testImportDifferentSchemaOnSameID: 42205")
  void differentSchemaOnSameId() {
    setMode("IMPORT");
    assertThat(register("subject1", imported(SCHEMA, 1, 1)).status()).isEqualTo(200);
    assertError(register("subject1", imported(SCHEMA2, 2, 1)), 422, 42205);
    assertError(register("subject2", imported(SCHEMA2, 1, 1)), 422, 42205);
  }

  @Test
  @DisplayName("RestApiTest#testExplicitNormalizeIgnoredInImportMode: stored verbatim")
  void normalizeIgnoredInImport() {
    String raw =
        canonical(
            "{\"type\":\"record\",\"name\":\"myrecord\",\"fields\":[{\"type\":\"string\","
                + "\"name\":\"field1\",\"zprop\":\"z\",\"aprop\":\"a\"}]}");
    http.put("/mode/testSubject", Map.of("mode", "IMPORT"));

    http.post("/subjects/testSubject/versions?normalize=true", imported(raw, 1, 1));

    assertThat(http.get("/subjects/testSubject/versions/1").body().get("schema").asText())
        .isEqualTo(raw);
  }

  @Test
  @DisplayName(
      "RestApiTest#testNormalizeConfigFallbackAppliedOutsideImportMode (explicit flag):"
          + " normalize=true stores properties sorted")
  void normalizeOutsideImport() {
    String raw =
        canonical(
            "{\"type\":\"record\",\"name\":\"myrecord\",\"fields\":[{\"type\":\"string\","
                + "\"name\":\"field1\",\"zprop\":\"z\",\"aprop\":\"a\"}]}");

    http.post("/subjects/testSubject/versions?normalize=true", body(raw));

    assertThat(http.get("/subjects/testSubject/versions/1").body().get("schema").asText())
        .isEqualTo(
            raw.replace("\"zprop\":\"z\",\"aprop\":\"a\"", "\"aprop\":\"a\",\"zprop\":\"z\""));
  }

  @Test
  @DisplayName("RestApiModeTest#testDeleteGlobalMode: DELETE answers the old mode, READWRITE after")
  void deleteGlobalMode() {
    setMode("READONLY");
    assertThat(http.get("/mode").body().get("mode").asText()).isEqualTo("READONLY");
    assertThat(http.delete("/mode").body().get("mode").asText()).isEqualTo("READONLY");
    assertThat(http.get("/mode").body().get("mode").asText()).isEqualTo("READWRITE");
  }

  @Test
  @DisplayName("RestApiModeTest#testDeleteSubjectModeAfterGlobalMode: falls back to the global")
  void deleteSubjectModeAfterGlobal() {
    setMode("READONLY");
    http.put("/mode/testSubject", Map.of("mode", "READWRITE"));
    assertThat(http.get("/mode/testSubject").body().get("mode").asText()).isEqualTo("READWRITE");

    assertThat(http.delete("/mode/testSubject").body().get("mode").asText()).isEqualTo("READWRITE");

    assertThat(http.get("/mode/testSubject?defaultToGlobal=true").body().get("mode").asText())
        .isEqualTo("READONLY");
    assertError(http.get("/mode/testSubject"), 404, 40409);
  }

  @Test
  @DisplayName("ModeResource#updateTopLevelMode (RestApiModeTest): an unknown mode is 42204")
  void invalidMode() {
    assertError(setMode("READ_SOMETIMES"), 422, 42204);
    assertError(http.put("/mode/testSubject", Map.of("mode", "nope")), 422, 42204);
  }

  @Test
  @DisplayName(
      "RestApiTest#testDefaultContextConfigAndMode (persistence): modes are stored in the topic"
          + " and survive a restart")
  void modeSurvivesRestart() {
    http.put("/mode/testSubject", Map.of("mode", "READONLY"));
    setMode("IMPORT");

    restartRegistry();

    assertThat(http.get("/mode").body().get("mode").asText()).isEqualTo("IMPORT");
    assertThat(http.get("/mode/testSubject").body().get("mode").asText()).isEqualTo("READONLY");
    assertError(register("testSubject", imported(SCHEMA, 1, 1)), 422, 42205);
  }
}
