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

  static RegistryException incompatible(String subject, List<String> problems) {
    return new RegistryException(
        409,
        409,
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

  static RegistryException storeError(String message, Throwable cause) {
    return new RegistryException(500, 50001, "Error in the backend data store: " + message, cause);
  }
}
