package dev.touchpoints.streams.reference;

/**
 * One record of an input topic as a producer wrote it.
 *
 * @param topic the input topic's name
 * @param key the record key (the subject id); null or blank is a dead letter
 * @param event the decoded value (a {@code WebEvent}, {@code BillingEvent}, …); null is a tombstone
 * @param timestamp the record timestamp, which orders the topics of a task
 */
public record InputRecord(String topic, String key, Object event, long timestamp) {}
