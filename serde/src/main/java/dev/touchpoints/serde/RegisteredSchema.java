package dev.touchpoints.serde;

import org.apache.avro.Schema;

/**
 * A schema as a registry knows it.
 *
 * @param subject the subject it is registered under
 * @param version its version within the subject
 * @param id the registry-wide schema id written into every record
 * @param schema the parsed schema
 */
public record RegisteredSchema(String subject, int version, int id, Schema schema) {}
