package dev.touchpoints.streams.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * What ops did about one open alert: who acknowledged it, whom it is assigned to, until when it is
 * snoozed, and their notes. Immutable; kept on the alert in the subject's ledger while the alert is
 * open, so it goes when the alert clears (clearing stays automatic: the customer got their update).
 *
 * <p>Actions are human decisions in wall-clock time, not touchpoints: a re-fold by late events
 * keeps them on the alerts that stay open ({@link SubjectEngine}).
 *
 * @param acknowledgedBy who acknowledged it first, or null
 * @param acknowledgedAt when (wall clock), 0 when not acknowledged
 * @param assignee its owner, or null
 * @param assignedBy who assigned it, or null
 * @param assignedAt when, 0 when never assigned
 * @param snoozedUntil when the snooze ends (wall clock), 0 when not snoozed
 * @param snoozedBy who snoozed it, or null
 * @param snoozedAt when, 0 when never snoozed
 * @param notes the latest {@value #MAX_NOTES} notes, oldest first
 */
public record AlertHandling(
    String acknowledgedBy,
    long acknowledgedAt,
    String assignee,
    String assignedBy,
    long assignedAt,
    long snoozedUntil,
    String snoozedBy,
    long snoozedAt,
    List<Note> notes) {

  /** Notes kept per alert: the oldest go first. */
  public static final int MAX_NOTES = 20;

  /** The longest note, in characters (the API refuses longer ones). */
  public static final int MAX_NOTE_LENGTH = 1_000;

  /** Nobody acted yet. */
  public static final AlertHandling NONE =
      new AlertHandling(null, 0, null, null, 0, 0, null, 0, List.of());

  /** A note: who wrote what, when, under which action id (a repeat of that id is kept once). */
  public record Note(String actionId, String by, long at, String text) {}

  public AlertHandling {
    notes = List.copyOf(notes);
  }

  /** Acknowledged by {@code by} at {@code at}; the first acknowledgement stands. */
  public AlertHandling acknowledged(String by, long at) {
    if (acknowledgedAt != 0) {
      return this;
    }
    return new AlertHandling(
        by, at, assignee, assignedBy, assignedAt, snoozedUntil, snoozedBy, snoozedAt, notes);
  }

  /** Snoozed until {@code until}; a time not after {@code at} ends the snooze. */
  public AlertHandling snoozed(String by, long at, long until) {
    long end = until > at ? until : 0;
    return new AlertHandling(
        acknowledgedBy, acknowledgedAt, assignee, assignedBy, assignedAt, end, by, at, notes);
  }

  /** Assigned to {@code to}; null or blank removes the owner. */
  public AlertHandling assigned(String by, long at, String to) {
    String owner = to == null || to.isBlank() ? null : to.strip();
    return new AlertHandling(
        acknowledgedBy, acknowledgedAt, owner, by, at, snoozedUntil, snoozedBy, snoozedAt, notes);
  }

  /** With a note added (once per action id), the oldest dropped beyond {@value #MAX_NOTES}. */
  public AlertHandling noted(String actionId, String by, long at, String text) {
    if (notes.stream().anyMatch(n -> n.actionId().equals(actionId))) {
      return this;
    }
    List<Note> more = new ArrayList<>(notes);
    String kept = text.length() > MAX_NOTE_LENGTH ? text.substring(0, MAX_NOTE_LENGTH) : text;
    more.add(new Note(actionId, by, at, kept));
    while (more.size() > MAX_NOTES) {
      more.remove(0);
    }
    return new AlertHandling(
        acknowledgedBy,
        acknowledgedAt,
        assignee,
        assignedBy,
        assignedAt,
        snoozedUntil,
        snoozedBy,
        snoozedAt,
        more);
  }

  /** The snooze over (it ended, or the alert got worse): the alert wants attention again. */
  public AlertHandling snoozeEnded() {
    return new AlertHandling(
        acknowledgedBy,
        acknowledgedAt,
        assignee,
        assignedBy,
        assignedAt,
        0,
        snoozedBy,
        snoozedAt,
        notes);
  }

  /** Whether it is snoozed at wall-clock time {@code now}. */
  public boolean isSnoozedAt(long now) {
    return snoozedUntil > now;
  }
}
