package dev.touchpoints.streams.rules;

import dev.touchpoints.avro.AlertType;
import dev.touchpoints.avro.CaseKind;
import dev.touchpoints.avro.Severity;
import dev.touchpoints.streams.scoring.ScoreState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the engine remembers about one subject, kept for years (R3). It holds only what is
 * open or needed to explain the score – no per-event history – so that millions of mostly idle
 * subjects stay small. Mutable; one instance is read, changed and written back per event.
 */
public final class SubjectState {

  public String subjectId;
  public ScoreState score;
  public long eventCount;
  public long firstEventAt;
  public long lastEventAt;

  /** Event time of the customer's last own action (a visit, a call, a payment). */
  public long lastActivityAt;

  public Map<String, CaseInfo> cases = new TreeMap<>();
  public Map<String, PromiseInfo> promises = new TreeMap<>();

  /** Event times of recently broken promises, oldest first. */
  public List<Long> brokenPromises = new ArrayList<>();

  /** Runs of failed self-service by catalog key. */
  public Map<String, FailureRun> failures = new TreeMap<>();

  public Overdue overdue;

  /** The last bad moment (R7, R8). */
  public long lastBadAt;

  public String lastBadEventId;
  public String lastBadWhat;

  /** Raised alerts by dedupe key. */
  public Map<String, ActiveAlert> alerts = new TreeMap<>();

  /** Time-based checks by clock id, with their due time. */
  public Map<String, Long> clocks = new TreeMap<>();

  /** A fresh state for a subject first seen at {@code at}. */
  public static SubjectState first(String subjectId, ScoreState score, long at) {
    SubjectState s = new SubjectState();
    s.subjectId = subjectId;
    s.score = score;
    s.firstEventAt = at;
    return s;
  }

  /** An open case with its next-update-due clock (R4). */
  public static final class CaseInfo {
    public CaseKind kind;
    public long openedAt;
    public String openedEventId;
    public Long nextUpdateDueAt;
    public long lastUpdateAt;
    public String lastUpdateEventId;
  }

  /** A promise made to the customer (R4). */
  public static final class PromiseInfo {
    public String caseId;
    public long madeAt;
    public long dueAt;
    public String eventId;
    public String description;

    /** Set when the due time passed without an update; the alert stays until news arrives. */
    public Long brokenAt;
  }

  /** Failed self-service attempts since the last success (R5). */
  public static final class FailureRun {
    public int count;
    public long firstAt;
    public long lastAt;
    public List<String> eventIds = new ArrayList<>();
  }

  /** An overdue invoice (R11). */
  public static final class Overdue {
    public String invoiceId;
    public long since;
    public String eventId;
    public long amountCents;
    public String currency;
  }

  /** A raised alert, so that it is neither repeated nor forgotten when its cause ends. */
  public static final class ActiveAlert {
    public AlertType type;
    public Severity severity;
    public long raisedAt;
    public List<String> evidence = new ArrayList<>();
    public String incidentId;
  }
}
