package dev.touchpoints.streams.state;

/**
 * Where an id's events go once it is linked into another subject ({@code subject-links-store}, by
 * the id linked away). A pending link waits for the target's answer; the id's events still count
 * for the id meanwhile.
 *
 * @param into the subject the id is linked to (a pending link: the one offered)
 * @param at event time of the link
 * @param eventId the link event
 * @param pending the target has not answered yet
 */
public record Link(String into, long at, String eventId, boolean pending) {}
