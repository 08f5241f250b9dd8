package dev.touchpoints.platform.registry.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.touchpoints.platform.registry.RegistryHttp.Response;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Cases derived from Confluent's {@code core/src/test/.../rest/RestApiTest.java}
 * (confluentinc/schema-registry, master of 2026): each display name names the test it comes from.
 * Like Confluent's, the registry under test starts with global compatibility NONE.
 */
class ConfluentRestApiIT extends ConformanceBase {

  private static final String REFERENCED =
      canonical(
          "{\"type\":\"record\",\"name\":\"Subrecord\",\"namespace\":\"otherns\",\"fields\":"
              + "[{\"name\":\"field2\",\"type\":\"string\"}]}");
  private static final String REFERRER =
      "{\"type\":\"record\",\"name\":\"MyRecord\",\"namespace\":\"ns\",\"fields\":"
          + "[{\"name\":\"field1\",\"type\":\"otherns.Subrecord\"}]}";

  @Override
  protected String initialCompatibility() {
    return "NONE";
  }

  @Test
  @DisplayName("RestApiTest#testBasic: versions of an unknown subject are 40401")
  void basicUnknownSubject() {
    assertError(http.get("/subjects/testTopic1/versions"), 404, 40401);
    assertThat(texts(http.get("/subjects").body())).isEmpty();
  }

  @Test
  @DisplayName("RestApiTest#testBasic: sequential ids, re-registering returns them, listings")
  void basicRegisterAndList() {
    List<String> first = schemas(4);
    List<String> second = schemas(7).subList(4, 7);
    for (int i = 0; i < first.size(); i++) {
      registerAndVerify("testTopic1", first.get(i), i + 1);
    }
    for (int i = 0; i < first.size(); i++) {
      assertThat(id("testTopic1", first.get(i))).isEqualTo(i + 1);
    }
    for (int i = 0; i < second.size(); i++) {
      registerAndVerify("testTopic2", second.get(i), first.size() + i + 1);
    }

    assertThat(ints(http.get("/subjects/testTopic1/versions").body())).containsExactly(1, 2, 3, 4);
    assertThat(ints(http.get("/subjects/testTopic2/versions").body())).containsExactly(1, 2, 3);
    assertThat(texts(http.get("/subjects").body())).containsExactly("testTopic1", "testTopic2");
    assertThat(texts(http.get("/subjects?offset=0&limit=1").body())).containsExactly("testTopic1");
    assertThat(texts(http.get("/subjects?offset=1&limit=1").body())).containsExactly("testTopic2");
  }

  @Test
  @DisplayName("RestApiTest#testBasic: GET /schemas?latestOnly=true lists each subject's latest")
  void basicLatestSchemas() {
    List<String> all = schemas(5);
    all.subList(0, 3).forEach(schema -> id("testTopic1", schema));
    all.subList(3, 5).forEach(schema -> id("testTopic2", schema));

    JsonNode latest = http.get("/schemas?latestOnly=true").body();

    assertThat(latest).hasSize(2);
    assertThat(latest.get(0).get("subject").asText()).isEqualTo("testTopic1");
    assertThat(latest.get(0).get("version").asInt()).isEqualTo(3);
    assertThat(latest.get(1).get("version").asInt()).isEqualTo(2);
    assertThat(http.get("/schemas").body()).hasSize(5);
  }

  @Test
  @DisplayName("RestApiTest#testRegisterSameSchemaOnDifferentSubject")
  void sameSchemaOnDifferentSubjects() {
    String schema = schemas(1).get(0);
    assertThat(id("subject1", schema)).isEqualTo(id("subject2", schema));
  }

  @Test
  @DisplayName("RestApiTest#testRegisterBadDefault: 42201 on compatibility test and register")
  void badDefault() {
    String schema =
        "{\"type\":\"record\",\"name\":\"myrecord\",\"fields\":"
            + "[{\"type\":\"string\",\"default\":null,\"name\":\"f\"}]}";
    assertError(compatibility("testSubject", "latest", body(schema)), 422, 42201);
    assertError(register("testSubject", body(schema)), 422, 42201);
  }

  @Test
  @DisplayName("RestApiTest#testRegisterInvalidSchemaBadType: 42201 with Avro's own message")
  void badType() {
    String bad =
        "{\"type\":\"record\",\"name\":\"myrecord\",\"fields\":[{\"type\":\"str\",\"name\":\"field1\"}]}";
    String avroMessage = null;
    try {
      new Schema.Parser().parse(bad);
    } catch (RuntimeException e) {
      avroMessage = e.getMessage();
    }
    assertThat(avroMessage).isNotNull();

    Response response = register("testSubject", body(bad));

    assertError(response, 422, 42201);
    assertThat(response.body().get("message").asText()).contains(avroMessage);
  }

  @Test
  @DisplayName("RestApiTest#testRegisterInvalidSchemaBadReference: unknown reference is 42201")
  void badReference() {
    String schema =
        "{\"type\":\"record\",\"name\":\"myrecord\",\"fields\":[{\"type\":\"string\",\"name\":\"field1\"}]}";
    assertError(
        register("testSubject", body(schema, List.of(ref("invalid.schema", "badSubject", 1)))),
        422,
        42201);
  }

  @Test
  @DisplayName(
      "RestApiTest#testRegisterBadReferenceInContext: lookup with a bad reference is 40403")
  void lookupWithBadReference() {
    id("testSubject", schemas(1).get(0));
    String schema =
        "{\"type\":\"record\",\"name\":\"somerecord\",\"fields\":[{\"type\":\"string\",\"name\":\"field1\"}]}";
    assertError(
        lookup("testSubject", body(schema, List.of(ref("testSubject", "nosuchSubject", 1)))),
        404,
        40403);
  }

  @Test
  @DisplayName("RestApiTest#testSchemaRegistrationUnderDiffSubjects: versions count per subject")
  void registrationUnderDifferentSubjects() {
    String schema1 = record("{\"type\":\"string\",\"name\":\"f\"}");
    String schema2 = record("{\"type\":\"int\",\"name\":\"foo\"}");
    assertThat(id("testSubject1", schema1)).isEqualTo(1);
    assertThat(lookup("testSubject1", body(schema1)).body().get("version").asInt()).isEqualTo(1);
    assertThat(id("testSubject1", schema2)).isEqualTo(2);
    assertThat(lookup("testSubject1", body(schema2)).body().get("version").asInt()).isEqualTo(2);
    assertThat(id("testSubject2", schema2)).isEqualTo(2);
    assertThat(lookup("testSubject2", body(schema2)).body().get("version").asInt()).isEqualTo(1);
  }

  @Test
  @DisplayName("RestApiTest#testConfigDefaults: the starting level, then FORWARD")
  void configDefaults() {
    assertThat(http.get("/config").body().get("compatibilityLevel").asText()).isEqualTo("NONE");
    assertThat(
            http.put("/config", Map.of("compatibility", "FORWARD"))
                .body()
                .get("compatibility")
                .asText())
        .isEqualTo("FORWARD");
    assertThat(http.get("/config").body().get("compatibilityLevel").asText()).isEqualTo("FORWARD");
  }

  @Test
  @DisplayName("RestApiTest#testNonExistentSubjectConfigChange: a level for an unknown subject")
  void configForUnknownSubject() {
    assertThat(http.put("/config/testSubject", Map.of("compatibility", "FORWARD")).status())
        .isEqualTo(200);
    assertThat(http.get("/config/testSubject").body().get("compatibilityLevel").asText())
        .isEqualTo("FORWARD");
  }

  @Test
  @DisplayName("RestApiTest#testSubjectConfigChange: subject level set, global kept, deleted")
  void subjectConfigChange() {
    http.put("/config/testSubject", Map.of("compatibility", "FORWARD"));
    assertThat(http.get("/config").body().get("compatibilityLevel").asText()).isEqualTo("NONE");
    assertThat(http.get("/config/testSubject").body().get("compatibilityLevel").asText())
        .isEqualTo("FORWARD");

    assertThat(http.delete("/config/testSubject").body().get("compatibilityLevel").asText())
        .isEqualTo("FORWARD");

    assertThat(
            http.get("/config/testSubject?defaultToGlobal=true")
                .body()
                .get("compatibilityLevel")
                .asText())
        .isEqualTo("NONE");
  }

  @Test
  @DisplayName(
      "RestApiTest#testGlobalConfigChange: FORWARD, BACKWARD, then DELETE reverts to the default"
          + " (BACKWARD here; Confluent's test instance is configured with NONE)")
  void globalConfigChange() {
    http.put("/config", Map.of("compatibility", "FORWARD"));
    assertThat(http.get("/config").body().get("compatibilityLevel").asText()).isEqualTo("FORWARD");
    http.put("/config", Map.of("compatibility", "BACKWARD_TRANSITIVE"));
    assertThat(http.get("/config").body().get("compatibilityLevel").asText())
        .isEqualTo("BACKWARD_TRANSITIVE");
    http.delete("/config");
    assertThat(http.get("/config").body().get("compatibilityLevel").asText()).isEqualTo("BACKWARD");
  }

  @Test
  @DisplayName("RestApiTest#testGetSchemaNonExistingId: 40403")
  void unknownId() {
    assertError(http.get("/schemas/ids/100"), 404, 40403);
  }

  @Test
  @DisplayName("RestApiTest#testGetSchemaWithFetchMaxId: maxId only when asked for")
  void fetchMaxId() {
    int latest = 0;
    for (String schema : schemas(3)) {
      latest = id("subject", schema);
    }
    assertThat(http.get("/schemas/ids/1").body().has("maxId")).isFalse();
    assertThat(http.get("/schemas/ids/1?fetchMaxId=true").body().get("maxId").asInt())
        .isEqualTo(latest);
  }

  @Test
  @DisplayName("RestApiTest#testGetSchemaTypes: AVRO (the only type this registry supports)")
  void schemaTypes() {
    assertThat(texts(http.get("/schemas/types").body())).containsExactly("AVRO");
  }

  @Test
  @DisplayName("RestApiTest#testListVersionsNonExistingSubject: 40401")
  void versionsOfUnknownSubject() {
    assertError(http.get("/subjects/Invalid/versions"), 404, 40401);
  }

  @Test
  @DisplayName("RestApiTest#testGetVersionNonExistentSubject: 40401")
  void versionOfUnknownSubject() {
    assertError(http.get("/subjects/non-existing-subject/versions/1"), 404, 40401);
  }

  @Test
  @DisplayName("RestApiTest#testGetNonExistingVersion: 40402")
  void unknownVersion() {
    registerAndVerify("test", schemas(1).get(0), 1);
    assertError(http.get("/subjects/test/versions/200"), 404, 40402);
  }

  @Test
  @DisplayName("RestApiTest#testGetInvalidVersion: version 0 is 42202")
  void invalidVersion() {
    registerAndVerify("test", schemas(1).get(0), 1);
    assertError(http.get("/subjects/test/versions/0"), 422, 42202);
  }

  @Test
  @DisplayName("RestApiTest#testRegisterInvalidSubject: control characters are 42208")
  void invalidSubject() {
    assertError(register("\rbad\nsubject\t", body(schemas(1).get(0))), 422, 42208);
    assertThat(texts(http.get("/subjects?deleted=true").body())).isEmpty();
  }

  @Test
  @DisplayName("RestApiTest#testRegisterSchemaWithWildcardSubjectAllowedByDefault: subject '*'")
  void wildcardSubject() {
    registerAndVerify("*", schemas(1).get(0), 1);
  }

  @Test
  @DisplayName("RestApiTest#testGetVersion: version 1, 2 and latest")
  void getVersion() {
    List<String> schemas = schemas(2);
    registerAndVerify("test", schemas.get(0), 1);
    registerAndVerify("test", schemas.get(1), 2);
    assertThat(http.get("/subjects/test/versions/1").body().get("schema").asText())
        .isEqualTo(schemas.get(0));
    assertThat(http.get("/subjects/test/versions/2").body().get("schema").asText())
        .isEqualTo(schemas.get(1));
    assertThat(http.get("/subjects/test/versions/latest").body().get("schema").asText())
        .isEqualTo(schemas.get(1));
  }

  @Test
  @DisplayName("RestApiTest#testGetOnlySchemaById: /schemas/ids/{id}/schema is the bare schema")
  void onlySchemaById() {
    String schema = schemas(1).get(0);
    registerAndVerify("test", schema, 1);
    assertThat(http.get("/schemas/ids/1/schema").body().toString()).isEqualTo(schema);
  }

  @Test
  @DisplayName("RestApiTest#testGetLatestVersionSchemaOnly")
  void latestVersionSchemaOnly() {
    List<String> schemas = schemas(2);
    registerAndVerify("test", schemas.get(0), 1);
    registerAndVerify("test", schemas.get(1), 2);
    assertThat(http.get("/subjects/test/versions/latest/schema").body().toString())
        .isEqualTo(schemas.get(1));
  }

  @Test
  @DisplayName("RestApiTest#testGetVersionSchemaOnly")
  void versionSchemaOnly() {
    String schema = schemas(1).get(0);
    registerAndVerify("test", schema, 1);
    assertThat(http.get("/subjects/test/versions/1/schema").body().toString()).isEqualTo(schema);
  }

  @Test
  @DisplayName(
      "RestApiTest#testSchemaReferences: register with a reference, read it back, referencedby")
  void schemaReferences() {
    registerAndVerify("my_reference", REFERENCED, 1);

    Response registered =
        register(
            "my_referrer", body(REFERRER, List.of(ref("otherns.Subrecord", "my_reference", 1))));

    assertThat(registered.status()).as("%s", registered.body()).isEqualTo(200);
    assertThat(registered.body().get("id").asInt()).isEqualTo(2);
    JsonNode byId = http.get("/schemas/ids/2").body();
    assertThat(byId.get("schema").asText()).isEqualTo(REFERRER);
    assertThat(byId.get("references").get(0).get("name").asText()).isEqualTo("otherns.Subrecord");
    assertThat(byId.get("references").get(0).get("subject").asText()).isEqualTo("my_reference");
    assertThat(byId.get("references").get(0).get("version").asInt()).isEqualTo(1);
    assertThat(ints(http.get("/subjects/my_reference/versions/1/referencedby").body()))
        .containsExactly(2);
  }

  @Test
  @DisplayName(
      "RestApiTest#testSchemaReferences: a lookup with every referenced type written out finds"
          + " the version stored with references")
  void lookupResolvedReference() {
    id("my_reference", REFERENCED);
    register("my_referrer", body(REFERRER, List.of(ref("otherns.Subrecord", "my_reference", 1))));
    Schema.Parser parser = new Schema.Parser();
    parser.parse(REFERENCED);
    String resolved = parser.parse(REFERRER).toString();

    Response found = lookup("my_referrer", body(resolved));

    assertThat(found.status()).as("%s", found.body()).isEqualTo(200);
    assertThat(found.body().get("id").asInt()).isEqualTo(2);
    assertThat(found.body().get("version").asInt()).isEqualTo(1);
  }

  @Test
  @DisplayName(
      "RestApiTest#testSchemaReferences: a referenced version cannot be deleted (42206) until"
          + " its referrer is")
  void referencedVersionCannotBeDeleted() {
    id("my_reference", REFERENCED);
    register("my_referrer", body(REFERRER, List.of(ref("otherns.Subrecord", "my_reference", 1))));

    assertError(deleteVersion("my_reference", "1"), 422, 42206);
    assertThat(deleteVersion("my_referrer", "1").body().asInt()).isEqualTo(1);
    assertThat(ints(http.get("/subjects/my_reference/versions/1/referencedby").body())).isEmpty();
    assertThat(deleteVersion("my_reference", "1").body().asInt()).isEqualTo(1);
  }

  @Test
  @DisplayName(
      "RestApiTest#testSchemaReferencesMultipleLevels: a shared enum, two records, a root union")
  void referencesMultipleLevels() {
    // Confluent's test wraps the enum reference as {"type":"myavro.currencies.Currency"}; Avro 1.12
    // refuses a named type in that position, so the plain name is used here.
    String shared =
        "{\"type\":\"enum\",\"name\":\"Currency\",\"namespace\":\"myavro.currencies\","
            + "\"symbols\":[\"EUR\",\"USD\"]}";
    String ref1 =
        "{\"type\":\"record\",\"name\":\"BudgetDecreased\",\"namespace\":\"myavro\",\"fields\":["
            + "{\"name\":\"buyerId\",\"type\":\"long\"},"
            + "{\"name\":\"currency\",\"type\":\"myavro.currencies.Currency\"},"
            + "{\"name\":\"amount\",\"type\":\"double\"}]}";
    String ref2 =
        ref1.replace("BudgetDecreased", "BudgetUpdated").replace("amount", "updatedValue");
    String root = "[\"myavro.BudgetDecreased\",\"myavro.BudgetUpdated\"]";
    registerAndVerify("shared", canonical(shared), 1);
    Map<String, Object> currency = ref("myavro.currencies.Currency", "shared", 1);
    assertThat(register("ref1", body(ref1, List.of(currency))).body().get("id").asInt())
        .isEqualTo(2);
    assertThat(register("ref2", body(ref2, List.of(currency))).body().get("id").asInt())
        .isEqualTo(3);
    List<Map<String, Object>> roots =
        List.of(ref("myavro.BudgetDecreased", "ref1", 1), ref("myavro.BudgetUpdated", "ref2", 1));

    assertThat(register("root", body(root, roots)).body().get("id").asInt()).isEqualTo(4);

    JsonNode byId = http.get("/schemas/ids/4").body();
    assertThat(byId.get("schema").asText()).isEqualTo(root);
    assertThat(byId.get("references")).hasSize(2);
    assertThat(deleteVersion("root", "1").status()).isEqualTo(200);
    assertThat(deleteVersion("ref1", "1").status()).isEqualTo(200);
    assertError(deleteVersionPermanently("ref1", "1"), 422, 42206);
    assertThat(deleteVersionPermanently("root", "1").status()).isEqualTo(200);
    assertThat(deleteVersionPermanently("ref1", "1").status()).isEqualTo(200);
  }

  @Test
  @DisplayName("RestApiTest#testSchemaMissingReferences: a referrer without its references fails")
  void missingReferences() {
    assertError(register("referrer", body(REFERRER, List.of())), 422, 42201);
  }

  @Test
  @DisplayName(
      "RestApiTest#testSchemaNormalization: normalize=true matches reordered properties and"
          + " references")
  void normalization() {
    String reference1 =
        "{\"type\":\"record\",\"name\":\"Subrecord1\",\"namespace\":\"otherns\",\"fields\":"
            + "[{\"name\":\"field1\",\"type\":\"string\"}]}";
    String reference2 = reference1.replace("Subrecord1", "Subrecord2").replace("field1", "field2");
    registerAndVerify("ref1", canonical(reference1), 1);
    registerAndVerify("ref2", canonical(reference2), 2);
    String fields =
        "{\"name\":\"field1\",\"type\":\"otherns.Subrecord1\"},"
            + "{\"name\":\"field2\",\"type\":\"otherns.Subrecord2\"}";
    String schema1 =
        "{\"type\":\"record\",\"name\":\"myrecord\",\"fields\":[{\"type\":{\"type\":\"int\"},"
            + "\"name\":\"field0\"},"
            + fields
            + "],\"extraMetadata\":{\"a\":1,\"b\":2}}";
    String schema2 =
        "{\"type\":\"record\",\"name\":\"myrecord\",\"fields\":[{\"type\":\"int\","
            + "\"name\":\"field0\"},"
            + fields
            + "],\"extraMetadata\":{\"b\":2,\"a\":1}}";
    Map<String, Object> ref1 = ref("otherns.Subrecord1", "ref1", 1);
    Map<String, Object> ref2 = ref("otherns.Subrecord2", "ref2", 1);

    Response registered =
        http.post(
            "/subjects/testSubject1/versions?normalize=true", body(schema1, List.of(ref1, ref2)));
    Response found =
        http.post("/subjects/testSubject1?normalize=true", body(schema2, List.of(ref2, ref1)));

    assertThat(registered.body().get("id").asInt()).isEqualTo(3);
    assertThat(found.status()).as("%s", found.body()).isEqualTo(200);
    assertThat(found.body().get("version").asInt()).isEqualTo(1);
    Schema.Parser parser = new Schema.Parser();
    parser.parse(reference1);
    parser.parse(reference2);
    String resolved = parser.parse(schema2).toString();
    assertThat(
            http.post("/subjects/testSubject1?normalize=true", body(resolved))
                .body()
                .get("version")
                .asInt())
        .isEqualTo(1);
  }

  @Test
  @DisplayName(
      "RestApiTest#testSchemaNormalization: verbose compatibility of an invalid schema answers"
          + " its error")
  void verboseInvalidSchema() {
    String invalid =
        "{\"namespace\":\"namespace\",\"type\":\"record\",\"name\":\"test\",\"fields\":"
            + "[{\"name\":\"string_default\",\"type\":\"string\",\"default\":null}]}";
    assertError(register("testSubject1", body(invalid)), 422, 42201);

    Response verbose =
        http.post("/compatibility/subjects/testSubject1/versions?verbose=true", body(invalid));

    assertThat(verbose.status()).isEqualTo(200);
    assertThat(verbose.body().get("is_compatible").asBoolean()).isFalse();
    assertThat(verbose.body().get("messages").get(0).asText()).contains("Invalid schema");
  }

  @Test
  @DisplayName("RestApiTest#testBad: a bad schema is 42201 and creates no subject")
  void bad() {
    assertError(register("testTopic1", body("{\"type\":\"bad\"}")), 422, 42201);
    assertThat(texts(http.get("/subjects").body())).isEmpty();
  }

  @Test
  @DisplayName("RestApiTest#testLookUpSchemaUnderNonExistentSubject: 40401")
  void lookupUnknownSubject() {
    assertError(lookup("non-existent-subject", body(schemas(1).get(0))), 404, 40401);
  }

  @Test
  @DisplayName("RestApiTest#testLookUpNonExistentSchemaUnderSubject: 40403")
  void lookupUnknownSchema() {
    List<String> schemas = schemas(2);
    id("test", schemas.get(0));
    assertError(lookup("test", body(schemas.get(1))), 404, 40403);
  }

  @Test
  @DisplayName("RestApiTest#testGetSubjectsAssociatedWithSchemaId")
  void subjectsOfId() {
    String schema = schemas(1).get(0);
    id("foo", schema);
    id("bar", schema);
    assertThat(texts(http.get("/schemas/ids/1/subjects").body()))
        .containsExactlyInAnyOrder("foo", "bar");
    deleteVersion("foo", "1");
    assertThat(texts(http.get("/schemas/ids/1/subjects").body())).containsExactly("bar");
    assertThat(texts(http.get("/schemas/ids/1/subjects?deleted=true").body()))
        .containsExactlyInAnyOrder("foo", "bar");
  }

  @Test
  @DisplayName("RestApiTest#testGetSubjectsAssociatedWithNotFoundSchemaId: 40403")
  void subjectsOfUnknownId() {
    assertError(http.get("/schemas/ids/1/subjects"), 404, 40403);
  }

  @Test
  @DisplayName("RestApiTest#testGetVersionsAssociatedWithSchemaId: deleted and paging")
  void versionsOfId() {
    String schema = schemas(1).get(0);
    id("testTopic1", schema);
    id("testTopic2", schema);
    assertThat(http.get("/schemas/ids/1/versions").body()).hasSize(2);
    deleteVersion("testTopic2", "1");

    JsonNode live = http.get("/schemas/ids/1/versions").body();

    assertThat(live).hasSize(1);
    assertThat(live.get(0).get("subject").asText()).isEqualTo("testTopic1");
    assertThat(live.get(0).get("version").asInt()).isEqualTo(1);
    assertThat(http.get("/schemas/ids/1/versions?offset=1&limit=1").body()).isEmpty();
    assertThat(http.get("/schemas/ids/1/versions?deleted=true").body()).hasSize(2);
    assertThat(http.get("/schemas/ids/1/versions?deleted=true&offset=1&limit=1").body()).hasSize(1);
  }

  @Test
  @DisplayName("RestApiTest#testCompatibilityNonExistentSubject: compatible")
  void compatibilityUnknownSubject() {
    String schema = schemas(1).get(0);
    assertThat(isCompatible("non-existent-subject", "latest", schema)).isTrue();
    assertThat(isCompatible("non-existent-subject", null, schema)).isTrue();
  }

  @Test
  @DisplayName("RestApiTest#testCompatibilityNonExistentVersion: 40402")
  void compatibilityUnknownVersion() {
    id("test", schemas(1).get(0));
    assertError(compatibility("test", "100", body(schemas(2).get(1))), 404, 40402);
  }

  @Test
  @DisplayName("RestApiTest#testCompatibilityInvalidVersion: 42202")
  void compatibilityInvalidVersion() {
    id("test", schemas(1).get(0));
    assertError(compatibility("test", "earliest", body(schemas(2).get(1))), 422, 42202);
  }

  @Test
  @DisplayName("RestApiTest#testGetConfigNonExistentSubject: 40408")
  void configOfUnknownSubject() {
    assertError(http.get("/config/non-existent-subject"), 404, 40408);
  }

  @Test
  @DisplayName("RestApiTest#testCanonicalization: whitespace does not make a new schema")
  void canonicalization() {
    String schema = "{   \"type\":   \"string\"}";
    assertThat(id("test", schema)).isEqualTo(1);
    assertThat(id("test", schema)).isEqualTo(1);
    assertThat(lookup("test", body(schema)).body().get("id").asInt()).isEqualTo(1);
  }

  @Test
  @DisplayName("RestApiTest#testDeleteSchemaVersionBasic: soft delete, deleted flag, re-register")
  void deleteVersionBasic() {
    List<String> schemas = schemas(2);
    registerAndVerify("test", schemas.get(0), 1);
    registerAndVerify("test", schemas.get(1), 2);

    assertThat(deleteVersion("test", "2").body().asInt()).isEqualTo(2);

    assertThat(ints(http.get("/subjects/test/versions").body())).containsExactly(1);
    JsonNode deleted = http.get("/subjects/test/versions/2?deleted=true").body();
    assertThat(deleted.get("version").asInt()).isEqualTo(2);
    assertThat(deleted.get("deleted").asBoolean()).isTrue();
    assertError(http.get("/subjects/test/versions/2"), 404, 40402);
    assertError(lookup("test", body(schemas.get(1))), 404, 40403);
    assertThat(deleteVersion("test", "latest").body().asInt()).isEqualTo(1);
    assertError(http.get("/subjects/test/versions"), 404, 40401);
    for (int i = 0; i < 2; i++) {
      registerAndVerify("test", schemas.get(0), 1);
      assertThat(ints(http.get("/subjects/test/versions").body())).containsExactly(3);
    }
  }

  @Test
  @DisplayName("RestApiTest#testDeleteSchemaVersionPermanent: soft first (40407), then for good")
  void deleteVersionPermanent() {
    List<String> schemas = schemas(2);
    registerAndVerify("test", schemas.get(0), 1);
    registerAndVerify("test", schemas.get(1), 2);

    assertError(deleteVersionPermanently("test", "2"), 404, 40407);
    assertThat(deleteVersion("test", "2").status()).isEqualTo(200);
    assertThat(deleteVersionPermanently("test", "2").body().asInt()).isEqualTo(2);

    assertError(http.get("/subjects/test/versions/2?deleted=true"), 404, 40402);
    assertThat(ints(http.get("/subjects/test/versions?deleted=true").body())).containsExactly(1);
    assertError(deleteVersion("test", "2"), 404, 40402);
  }

  @Test
  @DisplayName("RestApiTest#testDeleteSchemaVersionInvalidSubject: 40401")
  void deleteVersionUnknownSubject() {
    assertError(deleteVersion("test", "1"), 404, 40401);
  }

  @Test
  @DisplayName("RestApiTest#testDeleteLatestVersion: latest moves back, then the subject is gone")
  void deleteLatestVersion() {
    List<String> schemas = schemas(2);
    registerAndVerify("test", schemas.get(0), 1);
    registerAndVerify("test", schemas.get(1), 2);

    assertThat(deleteVersion("test", "latest").body().asInt()).isEqualTo(2);
    assertThat(http.get("/subjects/test/versions/latest").body().get("schema").asText())
        .isEqualTo(schemas.get(0));
    assertThat(deleteVersion("test", "latest").body().asInt()).isEqualTo(1);
    assertError(http.get("/subjects/test/versions/latest"), 404, 40401);
  }

  @Test
  @DisplayName("RestApiTest#testGetLatestVersionNonExistentSubject: 40401")
  void latestOfUnknownSubject() {
    assertError(http.get("/subjects/non_existent_subject/versions/latest"), 404, 40401);
  }

  @Test
  @DisplayName("RestApiTest#testGetLatestVersionDeleteOlder: latest unchanged")
  void deleteOlderKeepsLatest() {
    List<String> schemas = schemas(2);
    registerAndVerify("test", schemas.get(0), 1);
    registerAndVerify("test", schemas.get(1), 2);
    assertThat(deleteVersion("test", "1").body().asInt()).isEqualTo(1);
    assertThat(http.get("/subjects/test/versions/latest").body().get("schema").asText())
        .isEqualTo(schemas.get(1));
  }

  @Test
  @DisplayName("RestApiTest#testDeleteInvalidVersion: 40402")
  void deleteUnknownVersion() {
    registerAndVerify("test", schemas(1).get(0), 1);
    assertError(deleteVersion("test", "2"), 404, 40402);
  }

  @Test
  @DisplayName("RestApiTest#testDeleteWithLookup: deleted=true finds it; re-registering is v3")
  void deleteWithLookup() {
    List<String> schemas = schemas(2);
    registerAndVerify("test", schemas.get(0), 1);
    registerAndVerify("test", schemas.get(1), 2);
    deleteVersion("test", "1");

    assertError(lookup("test", body(schemas.get(0))), 404, 40403);
    assertThat(
            http.post("/subjects/test?deleted=true", body(schemas.get(0)))
                .body()
                .get("version")
                .asInt())
        .isEqualTo(1);

    registerAndVerify("test", schemas.get(0), 1);
    assertThat(
            http.post("/subjects/test?deleted=true", body(schemas.get(0)))
                .body()
                .get("version")
                .asInt())
        .isEqualTo(3);
    assertThat(lookup("test", body(schemas.get(0))).body().get("version").asInt()).isEqualTo(3);
  }

  @Test
  @DisplayName(
      "RestApiTest#testIncompatibleSchemaLookupBySubjectAfterDelete: deleting latest unblocks")
  void incompatibleAfterDelete() {
    String schema1 = record("{\"type\":\"string\",\"name\":\"f\"}");
    String wrong2 =
        record(
            "{\"type\":\"string\",\"name\":\"f\"},{\"type\":\"string\",\"name\":\"g\",\"default\":\"d\"}");
    String correct2 =
        record(
            "{\"type\":\"string\",\"name\":\"f\"},{\"type\":\"int\",\"name\":\"g\",\"default\":0}");
    http.put("/config/testSubject", Map.of("compatibility", "BACKWARD"));
    id("testSubject", schema1);
    assertThat(isCompatible("testSubject", "latest", wrong2)).isTrue();
    id("testSubject", wrong2);
    assertThat(isCompatible("testSubject", "latest", correct2)).isFalse();
    assertThat(register("testSubject", body(correct2)).status()).isEqualTo(409);

    deleteVersion("testSubject", "latest");

    assertThat(isCompatible("testSubject", "latest", correct2)).isTrue();
    id("testSubject", correct2);
    assertThat(lookup("testSubject", body(correct2)).body().get("version").asInt()).isEqualTo(3);
  }

  @Test
  @DisplayName(
      "RestApiTest#testSubjectCompatibilityAfterDeletingAllVersions: a soft delete keeps the"
          + " subject's level (Confluent 7+)")
  void levelSurvivesSoftDelete() {
    String schema1 = record("{\"type\":\"string\",\"name\":\"f\"}");
    String schema2 =
        record(
            "{\"type\":\"string\",\"name\":\"f\"},{\"type\":\"string\",\"name\":\"g\",\"default\":\"d\"}");
    http.put("/config", Map.of("compatibility", "FULL"));
    http.put("/config/testSubject", Map.of("compatibility", "BACKWARD"));
    id("testSubject", schema1);
    id("testSubject", schema2);

    deleteVersion("testSubject", "1");
    assertThat(http.get("/config/testSubject").body().get("compatibilityLevel").asText())
        .isEqualTo("BACKWARD");
    deleteVersion("testSubject", "2");

    assertThat(http.get("/config/testSubject").body().get("compatibilityLevel").asText())
        .isEqualTo("BACKWARD");
    assertThat(http.get("/config").body().get("compatibilityLevel").asText()).isEqualTo("FULL");
  }

  @Test
  @DisplayName(
      "KafkaSchemaRegistry#deleteSchemaVersion (exercised by RestApiTest#"
          + "testSubjectCompatibilityAfterDeletingAllVersions): the permanent delete of the last"
          + " version drops the subject's level and mode")
  void levelDroppedWithLastVersion() {
    http.put("/config/testSubject", Map.of("compatibility", "BACKWARD"));
    http.put("/mode/testSubject", Map.of("mode", "READWRITE"));
    id("testSubject", schemas(1).get(0));
    deleteVersion("testSubject", "1");

    deleteVersionPermanently("testSubject", "1");

    assertError(http.get("/config/testSubject"), 404, 40408);
    assertError(http.get("/mode/testSubject"), 404, 40409);
  }

  @Test
  @DisplayName("RestApiTest#testListSubjects: subjects in order")
  void listSubjects() {
    List<String> schemas = schemas(2);
    registerAndVerify("test1", schemas.get(0), 1);
    registerAndVerify("test2", schemas.get(1), 2);
    assertThat(texts(http.get("/subjects").body())).containsExactly("test1", "test2");
    assertThat(texts(http.get("/subjects?subjectPrefix=test2").body())).containsExactly("test2");
  }

  @Test
  @DisplayName("RestApiTest#testListSoftDeletedSubjectsAndSchemas: deleted and deletedOnly")
  void listSoftDeleted() {
    List<String> schemas = schemas(3);
    registerAndVerify("test1", schemas.get(0), 1);
    registerAndVerify("test1", schemas.get(1), 2);
    registerAndVerify("test2", schemas.get(2), 3);
    deleteVersion("test1", "1");
    deleteVersion("test2", "1");

    assertThat(ints(http.get("/subjects/test1/versions").body())).containsExactly(2);
    assertThat(ints(http.get("/subjects/test1/versions?deleted=true").body()))
        .containsExactly(1, 2);
    assertThat(ints(http.get("/subjects/test1/versions?deletedOnly=true").body()))
        .containsExactly(1);
    assertThat(texts(http.get("/subjects").body())).containsExactly("test1");
    assertThat(texts(http.get("/subjects?deleted=true").body())).containsExactly("test1", "test2");
    assertThat(texts(http.get("/subjects?deletedOnly=true").body())).containsExactly("test2");
  }

  @Test
  @DisplayName("RestApiTest#testDeleteSubjectBasic: soft delete lists the versions")
  void deleteSubjectBasic() {
    List<String> schemas = schemas(2);
    registerAndVerify("test", schemas.get(0), 1);
    registerAndVerify("test", schemas.get(1), 2);

    assertThat(ints(http.delete("/subjects/test").body())).containsExactly(1, 2);

    assertError(http.get("/subjects/test/versions"), 404, 40401);
    assertError(http.get("/subjects/test/versions/latest"), 404, 40401);
  }

  @Test
  @DisplayName("RestApiTest#testDeleteSubjectException: deleting twice is 40404")
  void deleteSubjectTwice() {
    registerAndVerify("test", schemas(1).get(0), 1);
    http.delete("/subjects/test");
    assertError(http.delete("/subjects/test"), 404, 40404);
  }

  @Test
  @DisplayName("RestApiTest#testDeleteNonExistentSubject: 40401")
  void deleteUnknownSubject() {
    assertError(http.delete("/subjects/non-existent-subject"), 404, 40401);
  }

  @Test
  @DisplayName("RestApiTest#testDeleteSubjectPermanent: 40405 before the soft delete, then gone")
  void deleteSubjectPermanent() {
    List<String> schemas = schemas(2);
    registerAndVerify("test", schemas.get(0), 1);
    registerAndVerify("test", schemas.get(1), 2);

    assertError(http.delete("/subjects/test?permanent=true"), 404, 40405);
    http.delete("/subjects/test");
    assertThat(ints(http.delete("/subjects/test?permanent=true").body())).containsExactly(1, 2);

    assertThat(texts(http.get("/subjects?deleted=true").body())).isEmpty();
    assertError(http.get("/schemas/ids/1"), 404, 40403);
  }

  @Test
  @DisplayName("RestApiTest#testDeleteSubjectAndRegister: versions continue after a soft delete")
  void deleteSubjectAndRegister() {
    List<String> schemas = schemas(2);
    registerAndVerify("test", schemas.get(0), 1);
    registerAndVerify("test", schemas.get(1), 2);
    http.delete("/subjects/test");

    registerAndVerify("test", schemas.get(0), 1);

    assertThat(ints(http.get("/subjects/test/versions").body())).containsExactly(3);
    assertThat(ints(http.get("/subjects/test/versions?deleted=true").body()))
        .containsExactly(1, 2, 3);
  }

  @Test
  @DisplayName(
      "RestApiTest#testSubjectCompatibilityAfterDeletingSubject: soft delete keeps the level,"
          + " permanent delete drops it")
  void levelAfterDeletingSubject() {
    http.put("/config/testSubject", Map.of("compatibility", "BACKWARD"));
    id("testSubject", schemas(1).get(0));

    http.delete("/subjects/testSubject");
    assertThat(http.get("/config/testSubject").body().get("compatibilityLevel").asText())
        .isEqualTo("BACKWARD");
    http.delete("/subjects/testSubject?permanent=true");

    assertError(http.get("/config/testSubject"), 404, 40408);
  }

  @Test
  @DisplayName("RestApiTest#testGlobalMode: READWRITE by default; a subject mode overrides it")
  void globalMode() {
    assertThat(http.get("/mode").body().get("mode").asText()).isEqualTo("READWRITE");
    id("testSubject", schemas(1).get(0));
    http.put("/mode/testSubject", Map.of("mode", "READONLY"));

    assertThat(http.get("/mode/testSubject").body().get("mode").asText()).isEqualTo("READONLY");
    assertThat(http.get("/mode").body().get("mode").asText()).isEqualTo("READWRITE");
    assertError(register("testSubject", body(schemas(2).get(1))), 422, 42205);
  }

  @Test
  @DisplayName(
      "RestApiTest#testIncompatibleSchemaBySubject: FORWARD_TRANSITIVE – 'latest' checks the latest"
          + " only, no version checks all; the 409 names version, schema and level")
  void incompatibleBySubject() {
    String schema1 =
        record("{\"type\":\"string\",\"name\":\"f1\"},{\"type\":\"string\",\"name\":\"f2\"}");
    String schema2 = record("{\"type\":\"string\",\"name\":\"f1\"}");
    String schema3 =
        record("{\"type\":\"string\",\"name\":\"f1\"},{\"type\":\"string\",\"name\":\"f3\"}");
    id("testSubject", schema1);
    id("testSubject", schema2);
    http.put("/config/testSubject", Map.of("compatibility", "FORWARD_TRANSITIVE"));

    assertThat(isCompatible("testSubject", "latest", schema3)).isTrue();
    assertThat(isCompatible("testSubject", null, schema3)).isFalse();
    Response rejected = register("testSubject", body(schema3));

    assertError(rejected, 409, 40901);
    String message = rejected.body().get("message").asText();
    assertThat(message)
        .contains("oldSchemaVersion: 1")
        .contains("oldSchema:")
        .contains("compatibility: 'FORWARD_TRANSITIVE'");
  }

  @Test
  @DisplayName("RestApiTest#testCompatibleSchemaLookupBySubject: a check registers nothing")
  void compatibilityCheckRegistersNothing() {
    http.put("/config/testSubject", Map.of("compatibility", "NONE"));
    List<String> schemas = schemas(5);
    id("testSubject", schemas.get(0));
    assertThat(isCompatible("testSubject", "latest", schemas.get(0))).isTrue();
    for (String schema : schemas) {
      isCompatible("testSubject", "latest", schema);
      assertThat(ints(http.get("/subjects/testSubject/versions").body())).hasSize(1);
    }
  }

  @Test
  @DisplayName("RestApiTest#testIncompatibleSchemaLookupBySubject: FULL, against version 1")
  void incompatibleAgainstVersion() {
    String schema1 = record("{\"type\":\"string\",\"name\":\"f\"}");
    String schema2 = record("{\"type\":\"int\",\"name\":\"f\"}");
    http.put("/config/testSubject", Map.of("compatibility", "FULL"));
    id("testSubject", schema1);
    int version = lookup("testSubject", body(schema1)).body().get("version").asInt();
    assertThat(isCompatible("testSubject", String.valueOf(version), schema2)).isFalse();
  }

  @Test
  @DisplayName("RestApiTest#testBadFormat: an unknown format parameter is ignored")
  void badFormat() {
    String schema = record("{\"type\":\"string\",\"name\":\"f\"}");
    id("testSubject", schema);
    assertThat(http.get("/schemas/ids/1?format=bad-format").body().get("schema").asText())
        .isEqualTo(schema);
  }

  @Test
  @DisplayName("RestApiCompatibilityTest#testGetSchemasDeletedProperty: deleted flag in /schemas")
  void schemasDeletedProperty() {
    id("testSubject", record("{\"type\":\"string\",\"name\":\"f1\"}"));
    deleteVersion("testSubject", "1");

    JsonNode withDeleted = http.get("/schemas?subjectPrefix=testSubject&deleted=true").body();

    assertThat(withDeleted).hasSize(1);
    assertThat(withDeleted.get(0).get("deleted").asBoolean()).isTrue();
    assertThat(http.get("/schemas?subjectPrefix=testSubject").body()).isEmpty();
  }

  @Test
  @DisplayName("RestApiTest#testHttpResponseHeaders (content type part): registry media type")
  void contentType() {
    assertThat(http.get("/subjects").contentType())
        .startsWith("application/vnd.schemaregistry.v1+json");
    assertThat(http.get("/subjects/none/versions").contentType())
        .startsWith("application/vnd.schemaregistry.v1+json");
  }
}
