package dev.touchpoints.streams.rules;

import java.util.ArrayList;
import java.util.List;

/** What the incident detector remembers about one touchpoint kind (R6). Mutable. */
public final class IncidentState {

  public String kind;

  /** Start of the current counting window (event time). */
  public long windowStart;

  /** Distinct subjects with a failure in the current window. */
  public int windowAffected;

  public long windowFailures;

  /** Moving average of distinct affected subjects per window, outside incidents. */
  public double baseline;

  /** Event ids of a few failures in the current window. */
  public List<String> samples = new ArrayList<>();

  public Open open;

  /** Incidents resolved within the last day, so a late-decided alert can still fold into one. */
  public List<Span> closed = new ArrayList<>();

  /**
   * The event time an incident covers: from one window before the window it opened in (its onset)
   * to when it resolved.
   */
  public static final class Span {
    public String incidentId;
    public long from;
    public long to;
  }

  /** The incident in progress. */
  public static final class Open {
    public String incidentId;
    public long startedAt;
    public long windowStart;
    public double threshold;
    public double baseline;
    public int affected;
    public long failures;
    public int reportedAffected;
    public long reportedAt;
    public long lastFailureAt;
    public List<String> samples = new ArrayList<>();
  }
}
