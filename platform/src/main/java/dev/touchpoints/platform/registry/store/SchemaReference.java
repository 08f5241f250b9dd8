package dev.touchpoints.platform.registry.store;

/**
 * A named type a schema takes from another subject's version, as Confluent's registry stores and
 * serves it: {@code {"name":"ns.Customer","subject":"customer","version":1}}.
 *
 * @param name the full name of the referenced Avro type
 * @param subject the subject that holds it
 * @param version the version of that subject
 */
public record SchemaReference(String name, String subject, int version) {}
