package dev.touchpoints.platform.registry;

import static dev.touchpoints.platform.registry.TestSchemas.CUSTOMER_REQUIRED_FIELD;
import static dev.touchpoints.platform.registry.TestSchemas.CUSTOMER_V1;
import static dev.touchpoints.platform.registry.TestSchemas.CUSTOMER_V1_REFORMATTED;
import static dev.touchpoints.platform.registry.TestSchemas.CUSTOMER_V2;
import static dev.touchpoints.platform.registry.TestSchemas.INVALID;
import static dev.touchpoints.platform.registry.TestSchemas.ORDER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.touchpoints.platform.registry.compat.CompatibilityLevel;
import dev.touchpoints.platform.registry.store.SchemaReference;
import dev.touchpoints.platform.registry.store.SchemaStore;
import dev.touchpoints.platform.registry.store.StoreException;
import dev.touchpoints.platform.registry.store.StoreRecord;
import dev.touchpoints.platform.registry.store.StoreValue.SchemaValue;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class SchemaRegistryTest {

  private static final String CUSTOMERS = "customers-value";
  private static final String ARCHIVE = "archive-value";

  private final List<StoreRecord> log = new ArrayList<>();
  private final SchemaStore store = new SchemaStore();
  private final SchemaRegistry registry = new SchemaRegistry(store, log::add);

  @Test
  void shouldReturnSameIdWhenSchemaIsRegisteredTwice() {
    int first = registry.register(CUSTOMERS, SchemaRequest.avro(CUSTOMER_V1));

    int second = registry.register(CUSTOMERS, SchemaRequest.avro(CUSTOMER_V1_REFORMATTED));

    assertThat(second).isEqualTo(first);
    assertThat(registry.versions(CUSTOMERS, false)).containsExactly(1);
    assertThat(log).hasSize(1);
  }

  @Test
  void shouldReuseGlobalIdWhenSameSchemaIsRegisteredUnderAnotherSubject() {
    int id = registry.register(CUSTOMERS, SchemaRequest.avro(CUSTOMER_V1));

    int other = registry.register(ARCHIVE, SchemaRequest.avro(CUSTOMER_V1));

    assertThat(other).isEqualTo(id);
    assertThat(registry.usesOf(id, false))
        .extracting(SchemaValue::subject)
        .containsExactlyInAnyOrder(CUSTOMERS, ARCHIVE);
  }

  @Test
  void shouldGiveNextIdAndVersionToNewSchema() {
    int first = registry.register(CUSTOMERS, SchemaRequest.avro(CUSTOMER_V1));
    int order = registry.register(ARCHIVE, SchemaRequest.avro(ORDER));

    int second = registry.register(CUSTOMERS, SchemaRequest.avro(CUSTOMER_V2));

    assertThat(List.of(first, order, second)).containsExactly(1, 2, 3);
    assertThat(registry.version(CUSTOMERS, "latest", false).version()).isEqualTo(2);
  }

  @Test
  void shouldRejectIncompatibleSchemaUnderDefaultBackwardLevel() {
    registry.register(CUSTOMERS, SchemaRequest.avro(CUSTOMER_V1));

    assertError(
        () -> registry.register(CUSTOMERS, SchemaRequest.avro(CUSTOMER_REQUIRED_FIELD)),
        409,
        40901);
    assertThat(registry.versions(CUSTOMERS, false)).containsExactly(1);
  }

  @Test
  void shouldAcceptIncompatibleSchemaWhenSubjectLevelIsNone() {
    registry.register(CUSTOMERS, SchemaRequest.avro(CUSTOMER_V1));
    registry.setSubjectLevel(CUSTOMERS, "none");

    registry.register(CUSTOMERS, SchemaRequest.avro(CUSTOMER_REQUIRED_FIELD));

    assertThat(registry.versions(CUSTOMERS, false)).containsExactly(1, 2);
  }

  @Test
  void shouldRejectInvalidSchemaAndOtherSchemaTypes() {
    assertError(() -> registry.register(CUSTOMERS, SchemaRequest.avro(INVALID)), 422, 42201);
    assertError(
        () ->
            registry.register(
                CUSTOMERS, new SchemaRequest("syntax = \"proto3\";", "PROTOBUF", List.of(), -1, 0)),
        422,
        42201);
    assertError(
        () ->
            registry.register(
                CUSTOMERS,
                new SchemaRequest(
                    CUSTOMER_V1,
                    "AVRO",
                    List.of(new SchemaReference("dev.touchpoints.test.Missing", "missing", 1)),
                    -1,
                    0)),
        422,
        42201);
  }

  @Test
  void shouldKeepIdResolvableAfterSoftDeleteButHideVersion() {
    int id = registry.register(CUSTOMERS, SchemaRequest.avro(CUSTOMER_V1));

    assertThat(registry.deleteSubject(CUSTOMERS, false)).containsExactly(1);

    assertThat(registry.schemaById(id).schema()).contains("Customer");
    assertThat(registry.subjects(false)).isEmpty();
    assertThat(registry.subjects(true)).containsExactly(CUSTOMERS);
    assertError(() -> registry.version(CUSTOMERS, "1", false), 404, 40401);
    assertThat(registry.version(CUSTOMERS, "1", true).deleted()).isTrue();
  }

  @Test
  void shouldRequireSoftDeleteBeforeHardDelete() {
    int id = registry.register(CUSTOMERS, SchemaRequest.avro(CUSTOMER_V1));

    assertError(() -> registry.deleteSubject(CUSTOMERS, true), 404, 40405);
    registry.deleteSubject(CUSTOMERS, false);
    assertError(() -> registry.deleteSubject(CUSTOMERS, false), 404, 40404);
    assertThat(registry.deleteSubject(CUSTOMERS, true)).containsExactly(1);

    assertError(() -> registry.schemaById(id), 404, 40403);
    assertError(() -> registry.versions(CUSTOMERS, true), 404, 40401);
  }

  @Test
  void shouldDeleteSingleVersionsSoftThenHard() {
    registry.register(CUSTOMERS, SchemaRequest.avro(CUSTOMER_V1));
    registry.register(CUSTOMERS, SchemaRequest.avro(CUSTOMER_V2));

    assertError(() -> registry.deleteVersion(CUSTOMERS, "2", true), 404, 40407);
    assertThat(registry.deleteVersion(CUSTOMERS, "latest", false)).isEqualTo(2);
    assertError(() -> registry.deleteVersion(CUSTOMERS, "2", false), 404, 40406);
    assertThat(registry.deleteVersion(CUSTOMERS, "2", true)).isEqualTo(2);

    assertThat(registry.versions(CUSTOMERS, true)).containsExactly(1);
    assertError(() -> registry.deleteVersion(CUSTOMERS, "7", false), 404, 40402);
    assertError(() -> registry.deleteVersion(CUSTOMERS, "zero", false), 422, 42202);
  }

  @Test
  void shouldRegisterNewVersionWithSameIdAfterSoftDelete() {
    int id = registry.register(CUSTOMERS, SchemaRequest.avro(CUSTOMER_V1));
    registry.deleteSubject(CUSTOMERS, false);

    int again = registry.register(CUSTOMERS, SchemaRequest.avro(CUSTOMER_V1));

    assertThat(again).isEqualTo(id);
    assertThat(registry.versions(CUSTOMERS, false)).containsExactly(2);
  }

  @Test
  void shouldReportSubjectLevelOnlyWhenSetUnlessDefaultToGlobal() {
    assertError(() -> registry.subjectLevel(CUSTOMERS, false), 404, 40408);
    assertThat(registry.subjectLevel(CUSTOMERS, true)).isEqualTo(CompatibilityLevel.BACKWARD);

    registry.setGlobalLevel("FULL");
    registry.setSubjectLevel(CUSTOMERS, "forward");

    assertThat(registry.subjectLevel(CUSTOMERS, false)).isEqualTo(CompatibilityLevel.FORWARD);
    assertThat(registry.deleteSubjectLevel(CUSTOMERS)).isEqualTo(CompatibilityLevel.FORWARD);
    assertThat(registry.subjectLevel(CUSTOMERS, true)).isEqualTo(CompatibilityLevel.FULL);
    assertError(() -> registry.setGlobalLevel("sideways"), 422, 42203);
  }

  @Test
  void shouldTestCompatibilityWithoutRegistering() {
    registry.register(CUSTOMERS, SchemaRequest.avro(CUSTOMER_V1));

    CompatibilityResult incompatible =
        registry.testCompatibility(
            CUSTOMERS, "latest", SchemaRequest.avro(CUSTOMER_REQUIRED_FIELD));
    CompatibilityResult compatible =
        registry.testCompatibility(CUSTOMERS, "1", SchemaRequest.avro(CUSTOMER_V2));

    assertThat(incompatible.compatible()).isFalse();
    assertThat(incompatible.messages()).isNotEmpty();
    assertThat(compatible.compatible()).isTrue();
    assertThat(registry.versions(CUSTOMERS, false)).containsExactly(1);
  }

  @Test
  void shouldLookUpRegisteredSchemaByCanonicalForm() {
    registry.register(CUSTOMERS, SchemaRequest.avro(CUSTOMER_V1));

    SchemaValue found =
        registry.lookup(CUSTOMERS, SchemaRequest.avro(CUSTOMER_V1_REFORMATTED), false);

    assertThat(found.version()).isEqualTo(1);
    assertError(() -> registry.lookup(CUSTOMERS, SchemaRequest.avro(ORDER), false), 404, 40403);
    assertError(() -> registry.lookup(ARCHIVE, SchemaRequest.avro(ORDER), false), 404, 40401);
  }

  @Test
  void shouldRebuildSameStateFromWrittenRecords() {
    registry.register(CUSTOMERS, SchemaRequest.avro(CUSTOMER_V1));
    registry.register(CUSTOMERS, SchemaRequest.avro(CUSTOMER_V2));
    registry.register(ARCHIVE, SchemaRequest.avro(ORDER));
    registry.deleteVersion(CUSTOMERS, "1", false);
    registry.setSubjectLevel(ARCHIVE, "FULL");
    registry.deleteSubject(ARCHIVE, false);
    registry.deleteSubject(ARCHIVE, true);

    SchemaStore replayed = new SchemaStore();
    log.forEach(replayed::apply);

    assertThat(replayed.versions(CUSTOMERS, true)).isEqualTo(store.versions(CUSTOMERS, true));
    assertThat(replayed.subjects(true)).containsExactly(CUSTOMERS);
    assertThat(replayed.subjectLevel(ARCHIVE)).isEmpty();
    assertThat(replayed.maxId()).isEqualTo(store.maxId());
  }

  @Test
  void shouldLeaveStateUnchangedWhenStoreWriteFails() {
    SchemaStore untouched = new SchemaStore();
    SchemaRegistry failing =
        new SchemaRegistry(
            untouched,
            record -> {
              throw new StoreException("broker down", null);
            });

    assertError(() -> failing.register(CUSTOMERS, SchemaRequest.avro(CUSTOMER_V1)), 500, 50001);
    assertThat(untouched.subjects(true)).isEmpty();
  }

  private static void assertError(ThrowingCallable call, int status, int code) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            RegistryException.class,
            e -> {
              assertThat(e.httpStatus()).as("HTTP status").isEqualTo(status);
              assertThat(e.errorCode()).as("error code").isEqualTo(code);
            });
  }
}
