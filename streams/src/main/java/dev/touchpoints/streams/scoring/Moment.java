package dev.touchpoints.streams.scoring;

/**
 * One touchpoint as the scoring model sees it.
 *
 * @param key catalog key, e.g. {@code support.case_opened.complaint}
 * @param intensity factor on the catalog points, in [-1, 1] for surveys, otherwise 1
 * @param at event time in epoch millis
 * @param eventId the event behind it, for explanations
 * @param episodic whether it joins an episode of touchpoints of its kind ({@link
 *     ScoringSettings#episodeWindow()}); false for a synthetic moment that stands alone
 */
public record Moment(String key, double intensity, long at, String eventId, boolean episodic) {

  /** A touchpoint: it joins an episode of its kind. */
  public Moment(String key, double intensity, long at, String eventId) {
    this(key, intensity, at, eventId, true);
  }

  /** A touchpoint of full intensity. */
  public static Moment of(String key, long at, String eventId) {
    return new Moment(key, 1.0, at, eventId, true);
  }

  /**
   * A synthetic moment of full intensity that the engine adds when a clock fires (a promise broken,
   * a customer left in silence): each stands for one obligation missed, never for a customer
   * repeating themselves, so it counts in full and joins no episode.
   */
  public static Moment alone(String key, long at, String eventId) {
    return new Moment(key, 1.0, at, eventId, false);
  }
}
