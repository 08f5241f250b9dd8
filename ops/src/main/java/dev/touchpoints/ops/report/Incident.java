package dev.touchpoints.ops.report;

import java.time.Instant;

/**
 * An open incident as {@code GET /v1/incidents} lists it: many customers hit by failures of one
 * touchpoint kind.
 *
 * @param windowStart when the failures began
 */
public record Incident(
    String incidentId,
    String touchpointKind,
    String status,
    String severity,
    long affectedSubjects,
    long failures,
    double baselinePerWindow,
    Instant windowStart,
    Instant eventTime,
    String why,
    String nextStep) {}
