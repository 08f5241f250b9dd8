package dev.touchpoints.streams.scoring;

/**
 * One touchpoint as the scoring model sees it.
 *
 * @param key catalog key, e.g. {@code support.case_opened.complaint}
 * @param intensity factor on the catalog points, in [-1, 1] for surveys, otherwise 1
 * @param at event time in epoch millis
 * @param eventId the event behind it, for explanations
 */
public record Moment(String key, double intensity, long at, String eventId) {

  /** A moment of full intensity. */
  public static Moment of(String key, long at, String eventId) {
    return new Moment(key, 1.0, at, eventId);
  }
}
