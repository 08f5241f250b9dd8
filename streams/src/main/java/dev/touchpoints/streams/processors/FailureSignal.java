package dev.touchpoints.streams.processors;

/**
 * One failure on its way to incident detection, keyed by touchpoint kind on the internal {@code
 * failures-by-kind} topic.
 *
 * @param kind catalog key of the failure
 * @param subjectId who hit it
 * @param eventId the event
 * @param at event time
 */
public record FailureSignal(String kind, String subjectId, String eventId, long at) {}
