package dev.touchpoints.streams.rules;

import dev.touchpoints.avro.IncidentAlert;
import dev.touchpoints.avro.IncidentStatus;
import dev.touchpoints.avro.Severity;
import dev.touchpoints.streams.Policy;
import dev.touchpoints.streams.scoring.ScoringModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * R6: a spike of failures on one touchpoint kind across many subjects is one incident for ops, not
 * thousands of customer alerts. Failures are counted per window as distinct subjects; an incident
 * OPENs when a window reaches both a minimum and a multiple of the usual level (a moving average
 * over quiet windows), is UPDATED as the number of affected subjects grows (at most once per
 * interval), and is RESOLVED after a window with less than half the opening threshold.
 */
public final class IncidentDetector {

  private static final int SAMPLES = 5;
  private static final int MAX_EMPTY_WINDOWS = 100;
  private static final long DAY = 86_400_000L;

  private final Policy.Incident policy;
  private final long window;

  public IncidentDetector(Policy.Incident policy) {
    this.policy = policy;
    this.window = policy.window().toMillis();
  }

  /** A fresh state for {@code kind}, windows aligned to {@code at}. */
  public IncidentState newState(String kind, long at) {
    IncidentState s = new IncidentState();
    s.kind = kind;
    s.windowStart = align(at);
    return s;
  }

  /**
   * Counts one failure.
   *
   * @param newInWindow whether this subject had no failure of this kind in the current window
   * @param newInIncident whether this subject had no failure since the open incident started
   * @return the incident records this causes, in order
   */
  public List<IncidentAlert> onFailure(
      IncidentState s, String eventId, long at, boolean newInWindow, boolean newInIncident) {
    List<IncidentAlert> out = new ArrayList<>(advance(s, at));
    s.windowFailures++;
    if (newInWindow) {
      s.windowAffected++;
    }
    if (s.samples.size() < SAMPLES) {
      s.samples.add(eventId);
    }
    IncidentState.Open open = s.open;
    if (open == null) {
      double threshold = threshold(s.baseline);
      if (s.windowAffected >= threshold) {
        open = new IncidentState.Open();
        open.incidentId = s.kind + "@" + Instant.ofEpochMilli(s.windowStart);
        open.startedAt = at;
        open.windowStart = s.windowStart;
        open.threshold = threshold;
        open.baseline = s.baseline;
        open.affected = s.windowAffected;
        open.failures = s.windowFailures;
        open.samples = new ArrayList<>(s.samples);
        open.lastFailureAt = at;
        open.reportedAffected = open.affected;
        open.reportedAt = at;
        s.open = open;
        out.add(record(s, IncidentStatus.OPEN, at));
      }
      return out;
    }
    open.failures++;
    open.lastFailureAt = Math.max(open.lastFailureAt, at);
    if (newInIncident) {
      open.affected++;
    }
    boolean grown = open.affected >= open.reportedAffected * (1 + policy.updateGrowth());
    boolean due = at - open.reportedAt >= policy.updateMinInterval().toMillis();
    if (grown && due) {
      open.reportedAffected = open.affected;
      open.reportedAt = at;
      out.add(record(s, IncidentStatus.UPDATED, at));
    }
    return out;
  }

  /**
   * Publishes an open incident's affected count if it grew since its last record: called on a
   * wall-clock interval, so the count ops see follows the real one within seconds even when the
   * failures come faster than {@code policy.incident.update-min-interval} allows growth updates.
   */
  public Optional<IncidentAlert> catchUp(IncidentState s) {
    IncidentState.Open open = s.open;
    if (open == null || open.affected <= open.reportedAffected) {
      return Optional.empty();
    }
    open.reportedAffected = open.affected;
    open.reportedAt = open.lastFailureAt;
    return Optional.of(record(s, IncidentStatus.UPDATED, open.lastFailureAt));
  }

  /** Moves the windows forward to {@code now}; may resolve the incident. */
  public List<IncidentAlert> advance(IncidentState s, long now) {
    List<IncidentAlert> out = new ArrayList<>();
    int closed = 0;
    while (now >= s.windowStart + window && closed < MAX_EMPTY_WINDOWS) {
      closeWindow(s, out);
      closed++;
    }
    if (now >= s.windowStart + window) {
      s.windowStart = align(now);
    }
    return out;
  }

  /**
   * Whether the state holds nothing worth keeping (no incident open or recently resolved, no
   * baseline, empty window).
   */
  public boolean isIdle(IncidentState s) {
    return s.open == null && s.closed.isEmpty() && s.windowAffected == 0 && s.baseline < 0.01;
  }

  /**
   * The incident whose span covers event time {@code at}: the open one, if {@code at} is at or
   * after one window before the window it opened in, or one resolved within the last day; {@code s}
   * may be null (nothing known of the kind).
   */
  public Optional<String> covering(IncidentState s, long at) {
    if (s == null) {
      return Optional.empty();
    }
    if (s.open != null && at >= s.open.windowStart - window) {
      return Optional.of(s.open.incidentId);
    }
    return s.closed.stream()
        .filter(span -> span.from <= at && at <= span.to)
        .map(span -> span.incidentId)
        .findFirst();
  }

  /** The window start of the window containing {@code at}. */
  public long align(long at) {
    return Math.floorDiv(at, window) * window;
  }

  private void closeWindow(IncidentState s, List<IncidentAlert> out) {
    long end = s.windowStart + window;
    if (s.open != null) {
      if (s.windowAffected < s.open.threshold / 2 && s.windowStart > s.open.windowStart) {
        out.add(record(s, IncidentStatus.RESOLVED, end));
        IncidentState.Span span = new IncidentState.Span();
        span.incidentId = s.open.incidentId;
        span.from = s.open.windowStart - window;
        span.to = end;
        s.closed.add(span);
        s.open = null;
      }
    } else {
      s.baseline =
          policy.baselineAlpha() * s.windowAffected + (1 - policy.baselineAlpha()) * s.baseline;
    }
    s.closed.removeIf(span -> span.to < end - DAY);
    s.windowStart = end;
    s.windowAffected = 0;
    s.windowFailures = 0;
    s.samples = new ArrayList<>();
  }

  private double threshold(double baseline) {
    return Math.max(policy.minAffected(), policy.baselineMultiplier() * baseline);
  }

  private IncidentAlert record(IncidentState s, IncidentStatus status, long at) {
    IncidentState.Open o = s.open;
    String label = ScoringModel.label(s.kind);
    String why =
        switch (status) {
          case OPEN, UPDATED ->
              String.format(
                  Locale.ROOT,
                  "%d customers hit %s since %s (%d failures; usually %.1f per %s): something is"
                      + " broken for everyone, not for one customer.",
                  o.affected,
                  label,
                  Texts.date(o.windowStart),
                  o.failures,
                  o.baseline,
                  Texts.duration(window));
          case RESOLVED ->
              String.format(
                  Locale.ROOT,
                  "Failures of %s are back to a normal level; %d customers were affected in all.",
                  label,
                  o.affected);
        };
    String nextStep =
        status == IncidentStatus.RESOLVED
            ? "Confirm the fix, then tell the affected customers it works again and apologise."
            : "Check the service behind "
                + label
                + " now, post a status message, and brief support: calls about it are coming.";
    return IncidentAlert.newBuilder()
        .setIncidentId(o.incidentId)
        .setTouchpointKind(s.kind)
        .setStatus(status)
        .setSeverity(
            status == IncidentStatus.RESOLVED
                ? Severity.INFO
                : o.affected >= policy.criticalAffected() ? Severity.CRITICAL : Severity.HIGH)
        .setAffectedSubjects(o.affected)
        .setFailures(o.failures)
        .setBaselinePerWindow(o.baseline)
        .setWindowStart(Instant.ofEpochMilli(o.windowStart))
        .setWindowEnd(Instant.ofEpochMilli(Math.max(at, o.lastFailureAt)))
        .setEventTime(Instant.ofEpochMilli(at))
        .setWhy(why)
        .setNextStep(nextStep)
        .setSampleEvidence(new ArrayList<>(o.samples))
        .setDedupeKey("incident:" + s.kind)
        .build();
  }
}
