package dev.touchpoints.platform.registry;

import static dev.touchpoints.platform.registry.RegistryHttp.schemaBody;
import static dev.touchpoints.platform.registry.TestSchemas.CUSTOMER_REQUIRED_FIELD;
import static dev.touchpoints.platform.registry.TestSchemas.CUSTOMER_V1;
import static dev.touchpoints.platform.registry.TestSchemas.CUSTOMER_V1_REFORMATTED;
import static dev.touchpoints.platform.registry.TestSchemas.CUSTOMER_V2;
import static dev.touchpoints.platform.registry.TestSchemas.INVALID;
import static dev.touchpoints.platform.registry.TestSchemas.ORDER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.touchpoints.platform.kafka.EmbeddedKafka;
import dev.touchpoints.platform.registry.RegistryHttp.Response;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** The registry over real HTTP, stored in a real broker. Each test uses its own subjects. */
class RegistryServerIT {

  private static EmbeddedKafka kafka;
  private static RegistryServer server;
  private static RegistryHttp http;

  @BeforeAll
  static void startPlatform() {
    kafka = EmbeddedKafka.builder().build().start();
    server = RegistryServer.start(kafka.bootstrapServers(), 0);
    http = new RegistryHttp(server.url());
  }

  @AfterAll
  static void stopPlatform() {
    if (server != null) {
      server.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void shouldReturnSameIdWhenSchemaIsRegisteredTwice(TestInfo test) {
    String subject = subject(test);

    int first = http.register(subject, CUSTOMER_V1);
    int second = http.register(subject, CUSTOMER_V1_REFORMATTED);

    assertThat(second).isEqualTo(first);
    assertThat(http.get("/subjects/" + subject + "/versions").body().toString()).isEqualTo("[1]");
  }

  @Test
  void shouldAnswerWithRegistryContentTypeAndErrorShape(TestInfo test) {
    Response missing = http.get("/subjects/" + subject(test) + "/versions/1");

    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.contentType()).startsWith("application/vnd.schemaregistry.v1+json");
    assertThat(missing.errorCode()).isEqualTo(40401);
    assertThat(missing.body().get("message").asText()).contains(subject(test));
  }

  @Test
  void shouldServeRegisteredSchemaByIdSubjectVersionAndLatest(TestInfo test) {
    String subject = subject(test);
    int v1 = http.register(subject, CUSTOMER_V1);
    int v2 = http.register(subject, CUSTOMER_V2);

    Response byId = http.get("/schemas/ids/" + v2);
    Response latest = http.get("/subjects/" + subject + "/versions/latest");
    Response minusOne = http.get("/subjects/" + subject + "/versions/-1");
    Response first = http.get("/subjects/" + subject + "/versions/1");
    Response raw = http.get("/subjects/" + subject + "/versions/1/schema");

    assertThat(new Schema.Parser().parse(byId.body().get("schema").asText()))
        .isEqualTo(new Schema.Parser().parse(CUSTOMER_V2));
    assertThat(latest.body().get("version").asInt()).isEqualTo(2);
    assertThat(latest.body().get("id").asInt()).isEqualTo(v2);
    assertThat(latest.body().get("subject").asText()).isEqualTo(subject);
    assertThat(minusOne.body()).isEqualTo(latest.body());
    assertThat(first.body().get("id").asInt()).isEqualTo(v1);
    assertThat(raw.body().get("name").asText()).isEqualTo("Customer");
    assertThat(http.get("/subjects").body().toString()).contains(subject);
    assertThat(http.get("/schemas/ids/" + v1 + "/schema").body().get("type").asText())
        .isEqualTo("record");
  }

  @Test
  void shouldLookUpSchemaUnderSubject(TestInfo test) {
    String subject = subject(test);
    int id = http.register(subject, CUSTOMER_V1);

    Response found = http.post("/subjects/" + subject, schemaBody(CUSTOMER_V1_REFORMATTED));
    Response notFound = http.post("/subjects/" + subject, schemaBody(ORDER));

    assertThat(found.status()).isEqualTo(200);
    assertThat(found.body().get("id").asInt()).isEqualTo(id);
    assertThat(found.body().get("version").asInt()).isEqualTo(1);
    assertThat(notFound.status()).isEqualTo(404);
    assertThat(notFound.errorCode()).isEqualTo(40403);
  }

  @Test
  void shouldReuseGlobalIdAcrossSubjectsAndListThem(TestInfo test) {
    String first = subject(test) + "-a";
    String second = subject(test) + "-b";
    int id = http.register(first, ORDER);

    int again = http.register(second, ORDER);

    assertThat(again).isEqualTo(id);
    assertThat(http.get("/schemas/ids/" + id + "/subjects").body().toString())
        .contains(first, second);
    assertThat(http.get("/schemas/ids/" + id + "/versions").body())
        .hasSize(2)
        .allSatisfy(use -> assertThat(use.get("version").asInt()).isEqualTo(1));
  }

  @Test
  void shouldRejectIncompatibleSchemaWith409(TestInfo test) {
    String subject = subject(test);
    http.register(subject, CUSTOMER_V1);

    Response rejected =
        http.post("/subjects/" + subject + "/versions", schemaBody(CUSTOMER_REQUIRED_FIELD));

    assertThat(rejected.status()).isEqualTo(409);
    assertThat(rejected.body().get("message").asText()).contains("incompatible");
  }

  @Test
  void shouldRejectInvalidSchemaWith422(TestInfo test) {
    Response invalid = http.post("/subjects/" + subject(test) + "/versions", schemaBody(INVALID));
    Response protobuf =
        http.post(
            "/subjects/" + subject(test) + "/versions",
            Map.of("schema", "syntax = \"proto3\";", "schemaType", "PROTOBUF"));
    Response notJson = http.post("/subjects/" + subject(test) + "/versions", "{oops");

    assertThat(invalid.status()).isEqualTo(422);
    assertThat(invalid.errorCode()).isEqualTo(42201);
    assertThat(protobuf.errorCode()).isEqualTo(42201);
    assertThat(notJson.status()).isEqualTo(400);
  }

  @Test
  void shouldAcceptEmptyReferencesAndUnknownFieldsAndParams(TestInfo test) {
    Response registered =
        http.post(
            "/subjects/" + subject(test) + "/versions?normalize=true&whatever=1",
            Map.of(
                "schema", CUSTOMER_V1, "schemaType", "AVRO", "references", List.of(), "extra", 1));

    assertThat(registered.status()).isEqualTo(200);
    assertThat(registered.body().get("id").asInt()).isPositive();
  }

  @Test
  void shouldReportSubjectConfigOnlyWhenSetOrDefaultToGlobal(TestInfo test) {
    String subject = subject(test);

    Response unset = http.get("/config/" + subject);
    Response global = http.get("/config/" + subject + "?defaultToGlobal=true");
    Response put = http.put("/config/" + subject, Map.of("compatibility", "FORWARD"));
    Response set = http.get("/config/" + subject);
    Response invalid = http.put("/config/" + subject, Map.of("compatibility", "SIDEWAYS"));
    Response deleted = http.delete("/config/" + subject);

    assertThat(unset.status()).isEqualTo(404);
    assertThat(unset.errorCode()).isEqualTo(40408);
    assertThat(global.body().get("compatibilityLevel").asText()).isEqualTo("BACKWARD");
    assertThat(put.body().get("compatibility").asText()).isEqualTo("FORWARD");
    assertThat(set.body().get("compatibilityLevel").asText()).isEqualTo("FORWARD");
    assertThat(invalid.status()).isEqualTo(422);
    assertThat(invalid.errorCode()).isEqualTo(42203);
    assertThat(deleted.body().get("compatibilityLevel").asText()).isEqualTo("FORWARD");
    assertThat(http.get("/config/" + subject).errorCode()).isEqualTo(40408);
    assertThat(http.get("/config").body().get("compatibilityLevel").asText()).isEqualTo("BACKWARD");
  }

  @Test
  void shouldAnswerCompatibilityCheckWithoutRegistering(TestInfo test) {
    String subject = subject(test);
    http.register(subject, CUSTOMER_V1);

    Response compatible =
        http.post(
            "/compatibility/subjects/" + subject + "/versions/latest", schemaBody(CUSTOMER_V2));
    Response incompatible =
        http.post(
            "/compatibility/subjects/" + subject + "/versions/1?verbose=true",
            schemaBody(CUSTOMER_REQUIRED_FIELD));

    assertThat(compatible.body().get("is_compatible").asBoolean()).isTrue();
    assertThat(incompatible.body().get("is_compatible").asBoolean()).isFalse();
    assertThat(incompatible.body().get("messages")).isNotEmpty();
    assertThat(http.get("/subjects/" + subject + "/versions").body()).hasSize(1);
  }

  @Test
  void shouldResolveIdAfterSoftDeleteAndRequireSoftDeleteBeforeHardDelete(TestInfo test) {
    String subject = subject(test);
    int id = http.register(subject, ORDER.replace("Order", "Invoice"));

    Response hardFirst = http.delete("/subjects/" + subject + "?permanent=true");
    Response soft = http.delete("/subjects/" + subject);
    Response byIdAfterSoft = http.get("/schemas/ids/" + id);
    Response versionAfterSoft = http.get("/subjects/" + subject + "/versions/1");
    Response softAgain = http.delete("/subjects/" + subject);
    Response hard = http.delete("/subjects/" + subject + "?permanent=true");

    assertThat(hardFirst.status()).isEqualTo(404);
    assertThat(hardFirst.errorCode()).isEqualTo(40405);
    assertThat(soft.body().toString()).isEqualTo("[1]");
    assertThat(byIdAfterSoft.status()).isEqualTo(200);
    assertThat(versionAfterSoft.errorCode()).isEqualTo(40401);
    assertThat(softAgain.errorCode()).isEqualTo(40404);
    assertThat(hard.body().toString()).isEqualTo("[1]");
    assertThat(http.get("/schemas/ids/" + id).errorCode()).isEqualTo(40403);
  }

  @Test
  void shouldDeleteSingleVersion(TestInfo test) {
    String subject = subject(test);
    http.register(subject, CUSTOMER_V1);
    http.register(subject, CUSTOMER_V2);

    Response deleted = http.delete("/subjects/" + subject + "/versions/2");
    Response again = http.delete("/subjects/" + subject + "/versions/2");
    Response invalid = http.get("/subjects/" + subject + "/versions/zero");

    assertThat(deleted.body().asInt()).isEqualTo(2);
    assertThat(again.errorCode()).isEqualTo(40406);
    assertThat(invalid.status()).isEqualTo(422);
    assertThat(invalid.errorCode()).isEqualTo(42202);
    assertThat(http.get("/subjects/" + subject + "/versions/latest").body().get("version").asInt())
        .isEqualTo(1);
  }

  @Test
  void shouldServeEndpointsClientsProbe() {
    assertThat(http.get("/").body().toString()).isEqualTo("{}");
    assertThat(http.get("/mode").body().get("mode").asText()).isEqualTo("READWRITE");
    assertThat(http.get("/schemas/types").body().toString()).isEqualTo("[\"AVRO\"]");
    Response associations = http.get("/associations/resources/default/orders?resourceType=topic");
    assertThat(associations.status()).isEqualTo(200);
    assertThat(associations.body().toString()).isEqualTo("[]");
    Response unknown = http.get("/no/such/endpoint");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.body().has("error_code")).isTrue();
  }

  private static String subject(TestInfo test) {
    return test.getTestMethod().orElseThrow().getName() + "-value";
  }
}
