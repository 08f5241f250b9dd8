package dev.touchpoints.streams.rules;

import dev.touchpoints.avro.AlertType;
import dev.touchpoints.avro.CaseKind;
import dev.touchpoints.avro.Severity;
import dev.touchpoints.streams.index.PeriodAccount;
import dev.touchpoints.streams.model.Touchpoint;
import dev.touchpoints.streams.scoring.ScoreState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the engine remembers about one subject, kept for years (R3). It holds what is open or
 * needed to explain the score, the ids kept for dedupe, and – for corrections by late events – the
 * events within {@code policy.late.horizon} of the latest one with a checkpoint before them; so
 * millions of mostly idle subjects stay small.
 *
 * <p>Mutable, but only ever changed on a private {@link #copy()}: {@link SubjectEngine} copies the
 * state it is given, so a step that throws leaves the caller's state as it was. On disk it is the
 * versioned Avro record {@code SubjectLedger} ({@code dev.touchpoints.streams.ledger.LedgerCodec}),
 * whose fields – not this class's – are the contract with earlier and later releases.
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

  /** Dedupe: ids of recent events, with when their record was written. */
  public Map<String, Long> seenEvents = new TreeMap<>();

  /** Due time of the latest clock fired; 0 for none. */
  public long lastClockAt;

  /**
   * The subject's events dated at or after {@link #foldedTo}, in event-time order (then by id):
   * with the {@link #checkpoint} they let a late event re-fold the subject in event-time order.
   */
  public List<Recent> recent = new ArrayList<>();

  /**
   * The state folded up to {@link #foldedTo} – every event dated before it applied, every clock due
   * before it fired; never changed in place. Null: the empty state (every event is in {@link
   * #recent}).
   */
  public SubjectState checkpoint;

  /** Events dated before this are in the {@link #checkpoint}. */
  public long foldedTo;

  /**
   * What happened to the subject in each recent day and week (the experience index's share), by
   * period key; periods that ended before {@link #foldedTo} are sealed and dropped.
   */
  public Map<String, PeriodAccount> periods = new TreeMap<>();

  /** The ids linked into this subject, oldest first (their histories are part of this one). */
  public List<LinkedId> linked = new ArrayList<>();

  /** A fresh state for a subject first seen at {@code at}. */
  public static SubjectState first(String subjectId, ScoreState score, long at) {
    SubjectState s = new SubjectState();
    s.subjectId = subjectId;
    s.score = score;
    s.firstEventAt = at;
    return s;
  }

  /** A deep copy: changing it never changes this state. */
  public SubjectState copy() {
    SubjectState c = new SubjectState();
    c.subjectId = subjectId;
    c.score = score; // immutable
    c.eventCount = eventCount;
    c.firstEventAt = firstEventAt;
    c.lastEventAt = lastEventAt;
    c.lastActivityAt = lastActivityAt;
    cases.forEach((k, v) -> c.cases.put(k, v.copy()));
    promises.forEach((k, v) -> c.promises.put(k, v.copy()));
    c.brokenPromises = new ArrayList<>(brokenPromises);
    failures.forEach((k, v) -> c.failures.put(k, v.copy()));
    c.overdue = overdue == null ? null : overdue.copy();
    c.lastBadAt = lastBadAt;
    c.lastBadEventId = lastBadEventId;
    c.lastBadWhat = lastBadWhat;
    alerts.forEach((k, v) -> c.alerts.put(k, v.copy()));
    c.clocks = new TreeMap<>(clocks);
    c.seenEvents = new TreeMap<>(seenEvents);
    c.lastClockAt = lastClockAt;
    c.recent = new ArrayList<>(recent); // immutable entries
    c.checkpoint = checkpoint; // never changed in place
    c.foldedTo = foldedTo;
    c.linked = new ArrayList<>(linked); // immutable entries
    c.periods = new TreeMap<>(periods); // immutable entries
    return c;
  }

  /**
   * An id linked into this subject.
   *
   * @param subjectId the id linked away
   * @param linkedAt event time of the link
   * @param eventId the link event
   */
  public record LinkedId(String subjectId, long linkedAt, String eventId) {}

  /**
   * An event kept for corrections.
   *
   * @param event the touchpoint, without its record
   * @param writtenAt when its record was written
   */
  public record Recent(Touchpoint event, long writtenAt) {}

  /** An open case with its next-update-due clock (R4). */
  public static final class CaseInfo {
    public CaseKind kind;
    public long openedAt;
    public String openedEventId;
    public Long nextUpdateDueAt;
    public long lastUpdateAt;
    public String lastUpdateEventId;

    CaseInfo copy() {
      CaseInfo c = new CaseInfo();
      c.kind = kind;
      c.openedAt = openedAt;
      c.openedEventId = openedEventId;
      c.nextUpdateDueAt = nextUpdateDueAt;
      c.lastUpdateAt = lastUpdateAt;
      c.lastUpdateEventId = lastUpdateEventId;
      return c;
    }
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

    PromiseInfo copy() {
      PromiseInfo c = new PromiseInfo();
      c.caseId = caseId;
      c.madeAt = madeAt;
      c.dueAt = dueAt;
      c.eventId = eventId;
      c.description = description;
      c.brokenAt = brokenAt;
      return c;
    }
  }

  /** Failed self-service attempts since the last success (R5). */
  public static final class FailureRun {
    public int count;
    public long firstAt;
    public long lastAt;
    public List<String> eventIds = new ArrayList<>();

    FailureRun copy() {
      FailureRun c = new FailureRun();
      c.count = count;
      c.firstAt = firstAt;
      c.lastAt = lastAt;
      c.eventIds = new ArrayList<>(eventIds);
      return c;
    }
  }

  /** An overdue invoice (R11). */
  public static final class Overdue {
    public String invoiceId;
    public long since;
    public String eventId;
    public long amountCents;
    public String currency;

    Overdue copy() {
      Overdue c = new Overdue();
      c.invoiceId = invoiceId;
      c.since = since;
      c.eventId = eventId;
      c.amountCents = amountCents;
      c.currency = currency;
      return c;
    }
  }

  /** A raised alert, so that it is neither repeated nor forgotten when its cause ends. */
  public static final class ActiveAlert {
    public AlertType type;
    public Severity severity;
    public long raisedAt;
    public List<String> evidence = new ArrayList<>();
    public String incidentId;

    /** The sentence ops read; null for alerts raised before the ledger kept it. */
    public String why;

    public String nextStep;

    /** Raised for a cause older than {@code policy.alerts.max-age}: recorded, never sent. */
    public boolean historic;

    /** The incident touchpoint kind whose failure caused it (so it can fold, R6), or null. */
    public String foldKind;

    /**
     * The id it was raised for when that id's history was linked into this subject, or null (this
     * subject): its clear goes out for that id, with the alert's id.
     */
    public String raisedFor;

    /** What ops did about it (acknowledged, snoozed, assigned, notes); null: nothing yet. */
    public AlertHandling handling;

    ActiveAlert copy() {
      ActiveAlert c = new ActiveAlert();
      c.type = type;
      c.severity = severity;
      c.raisedAt = raisedAt;
      c.evidence = new ArrayList<>(evidence);
      c.incidentId = incidentId;
      c.why = why;
      c.nextStep = nextStep;
      c.historic = historic;
      c.foldKind = foldKind;
      c.raisedFor = raisedFor;
      c.handling = handling; // immutable
      return c;
    }
  }
}
