package dev.touchpoints.platform.registry;

import java.util.List;

/**
 * A registry error with the HTTP status and Confluent error code a client expects, rendered as
 * {@code {"error_code":N,"message":"…"}}.
 */
public final class RegistryException extends RuntimeException {

  private final int httpStatus;
  private final int errorCode;

  public RegistryException(int httpStatus, int errorCode, String message) {
    super(message);
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
  }

  public RegistryException(int httpStatus, int errorCode, String message, Throwable cause) {
    super(message, cause);
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
  }

  public int httpStatus() {
    return httpStatus;
  }

  public int errorCode() {
    return errorCode;
  }

  static RegistryException subjectNotFound(String subject) {
    return new RegistryException(404, 40401, "Subject '" + subject + "' not found.");
  }

  static RegistryException versionNotFound(int version) {
    return new RegistryException(404, 40402, "Version " + version + " not found.");
  }

  static RegistryException schemaNotFound() {
    return new RegistryException(404, 40403, "Schema not found");
  }

  static RegistryException schemaIdNotFound(int id) {
    return new RegistryException(404, 40403, "Schema " + id + " not found");
  }

  static RegistryException subjectSoftDeleted(String subject) {
    return new RegistryException(
        404,
        40404,
        "Subject '" + subject + "' was soft deleted. Set permanent=true to delete permanently");
  }

  static RegistryException subjectNotSoftDeleted(String subject) {
    return new RegistryException(
        404,
        40405,
        "Subject '" + subject + "' was not deleted first before being permanently deleted");
  }

  static RegistryException versionSoftDeleted(String subject, int version) {
    return new RegistryException(
        404,
        40406,
        "Subject '"
            + subject
            + "' Version "
            + version
            + " was soft deleted. Set permanent=true to delete permanently");
  }

  static RegistryException versionNotSoftDeleted(String subject, int version) {
    return new RegistryException(
        404,
        40407,
        "Subject '"
            + subject
            + "' Version "
            + version
            + " was not deleted first before being permanently deleted");
  }

  static RegistryException subjectLevelNotConfigured(String subject) {
    return new RegistryException(
        404,
        40408,
        "Subject '" + subject + "' does not have subject-level compatibility configured");
  }

  static RegistryException subjectModeNotConfigured(String subject) {
    return new RegistryException(
        404, 40409, "Subject '" + subject + "' does not have subject-level mode configured");
  }

  /** Error code 40901 as Confluent's newest registry sends it (older ones sent 409). */
  static RegistryException incompatible(String subject, List<String> problems) {
    return new RegistryException(
        409,
        40901,
        "Schema being registered is incompatible with an earlier schema for subject \""
            + subject
            + "\", details: "
            + problems);
  }

  static RegistryException invalidSchema(String reason) {
    return new RegistryException(422, 42201, "Invalid schema: " + reason);
  }

  static RegistryException invalidVersion(String version) {
    return new RegistryException(
        422,
        42202,
        "The specified version '"
            + version
            + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the"
            + " string \"latest\"");
  }

  static RegistryException invalidCompatibilityLevel(String level) {
    return new RegistryException(
        422,
        42203,
        "Invalid compatibility level '"
            + level
            + "'. Valid values are none, backward, forward, full, backward_transitive,"
            + " forward_transitive, and full_transitive");
  }

  static RegistryException invalidMode(String mode) {
    return new RegistryException(
        422,
        42204,
        "Invalid mode '"
            + mode
            + "'. Valid values are READWRITE, READONLY, READONLY_OVERRIDE and IMPORT");
  }

  static RegistryException operationNotPermitted(String message) {
    return new RegistryException(422, 42205, message);
  }

  static RegistryException referenceExists(String subject, int version) {
    return new RegistryException(
        422,
        42206,
        "One or more references exist to the schema {subject="
            + subject
            + ",version="
            + version
            + "}");
  }

  static RegistryException invalidSubject(String subject) {
    return new RegistryException(
        422, 42208, "The specified subject '" + subject + "' is not a valid.");
  }

  static RegistryException storeError(String message, Throwable cause) {
    return new RegistryException(500, 50001, "Error in the backend data store: " + message, cause);
  }
}
