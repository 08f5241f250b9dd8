package dev.touchpoints.streams.ledger;

import dev.touchpoints.avro.AlertAction;
import dev.touchpoints.avro.CustomerAlert;
import dev.touchpoints.avro.CustomerExperience;
import dev.touchpoints.avro.ErasureAudit;
import dev.touchpoints.avro.ErasureOutcome;
import dev.touchpoints.avro.ErasureRequest;
import dev.touchpoints.streams.Policy;
import dev.touchpoints.streams.StoreNames;
import dev.touchpoints.streams.messages.Decoded;
import dev.touchpoints.streams.messages.IncidentSignal;
import dev.touchpoints.streams.messages.Transfer;
import dev.touchpoints.streams.model.RawRecord;
import dev.touchpoints.streams.model.Touchpoint;
import dev.touchpoints.streams.processors.ExperienceProcessor;
import dev.touchpoints.streams.records.AlertRecords;
import dev.touchpoints.streams.records.ExperienceRecords;
import dev.touchpoints.streams.rules.AlertActions;
import dev.touchpoints.streams.rules.AlertDraft;
import dev.touchpoints.streams.rules.AlertHandling;
import dev.touchpoints.streams.rules.Rule;
import dev.touchpoints.streams.rules.SubjectEngine;
import dev.touchpoints.streams.rules.SubjectState;
import dev.touchpoints.streams.scoring.Dimension;
import dev.touchpoints.streams.scoring.ScoringModel;
import dev.touchpoints.streams.state.KeyValues;
import dev.touchpoints.streams.state.Link;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the experience processor does for one task, without Kafka: the single writer of the subject
 * ledger. Per input – a touchpoint, or a clock that fell due by the task's {@link Watermark} – it
 * reads the subject's state, runs the pure {@link SubjectEngine} step, and only when the step
 * succeeded writes the new state and the indexes derived from the change (due index, raised-alert
 * index), then publishes the view and the alerts. A step that throws stays with its subject: a
 * touchpoint is dead-lettered with the state untouched and its id not marked as seen (so a replay
 * is processed once), a clock is dropped from that subject's ledger and reported; other subjects
 * and their clocks go on. {@link ExperienceProcessor} hosts it on state stores; the reference model
 * (test code) runs the same class on in-memory maps.
 *
 * <p>It also forgets subjects on request ({@link #onErasure}): being the only writer of everything
 * it holds about a subject, it can remove all of it in one step, and it keeps the subject on a
 * suppression list so that its older events, replayed or late, do not bring it back.
 */
public final class LedgerWriter {

  /** Where the core sends what it decided. */
  public interface Output {

    /** A subject's new view, stamped {@code timestamp} (event time). */
    void experience(String subjectId, CustomerExperience view, long timestamp);

    /**
     * An alert or clear for ops that no failure of an incident kind caused and whose cause is not
     * history, stamped with the wall clock when it is emitted.
     */
    void alert(String subjectId, CustomerAlert alert, long timestamp);

    /**
     * On to incident detection (R6): a touchpoint of an incident kind was applied, or an alert or
     * clear that such a failure caused (not history) – incident detection folds it or sends it.
     */
    void signal(IncidentSignal signal);

    /** The step for a touchpoint threw: nothing was written; dead-letter it. */
    void failed(Touchpoint touchpoint, RuntimeException error);

    /** The step for a due clock threw: the clock was dropped from the subject's ledger. */
    void clockFailed(String subjectId, String clockId, RuntimeException error);

    /**
     * A subject was forgotten: its view is withdrawn (a tombstone on the experience topic) and the
     * audit entry recorded, both stamped {@code timestamp} (the wall clock).
     */
    void erased(String subjectId, ErasureAudit audit, long timestamp);

    /** A message to the task that owns {@code transfer.to()}, stamped {@code timestamp}. */
    void transfer(Transfer transfer, long timestamp);

    /** A link refused: its record goes to the dead letters with {@code reason}. */
    void refused(RawRecord link, String reason);

    /**
     * What changed in one period's experience index cells since the last flush ({@link
     * IndexDeltas}), keyed by the period, stamped {@code timestamp} (the wall clock).
     */
    void index(String period, Map<String, Long> delta, long timestamp);
  }

  /** What became of one touchpoint. */
  public enum Applied {
    /** Applied and written. */
    APPLIED,
    /** A repeat within the dedupe window: dropped. */
    DUPLICATE,
    /** The step threw: nothing written, handed to {@link Output#failed}. */
    FAILED,
    /** The subject was erased after the event happened: dropped (see {@link #onErasure}). */
    SUPPRESSED,
    /** The subject is linked into another: sent on to it (see {@link #onLinked}). */
    REDIRECTED
  }

  /**
   * The stores of one task.
   *
   * @param states each subject's ledger ({@link StoreNames#SUBJECT_STATE_STORE}); the query API
   *     derives each subject's view and open alerts from it
   * @param raisedAlerts raised-alert index ({@link StoreNames#RAISED_ALERTS_STORE}), derived
   * @param dueIndex clocks by due time ({@link StoreNames#DUE_INDEX_STORE}), derived
   * @param watermarks highest event time per input partition ({@link StoreNames#WATERMARK_STORE}),
   *     so a restarted task keeps its {@link Watermark}
   * @param erased when each erased subject was asked to be forgotten ({@link
   *     StoreNames#ERASED_SUBJECTS_STORE}): its events that happened before are dropped
   * @param links where each id linked into another subject goes ({@link
   *     StoreNames#SUBJECT_LINKS_STORE})
   * @param snoozes snoozed alerts by when the snooze ends ({@link StoreNames#SNOOZE_INDEX_STORE}),
   *     derived
   * @param scoreIndex subjects by overall score ({@link StoreNames#SCORE_INDEX_STORE}), derived
   * @param scoreCounts subjects per overall score ({@link StoreNames#SCORE_COUNTS_STORE}), derived
   * @param alertCounts open alerts by type and severity ({@link StoreNames#ALERT_COUNTS_STORE}),
   *     derived
   * @param indexPending the period accounts, as last sent to the experience index, of the subjects
   *     changed since ({@link StoreNames#INDEX_PENDING_STORE}), derived
   */
  public record Stores(
      KeyValues<SubjectState> states,
      KeyValues<String> raisedAlerts,
      KeyValues<DueIndex.DueEntry> dueIndex,
      KeyValues<Long> watermarks,
      KeyValues<Long> erased,
      KeyValues<Link> links,
      KeyValues<DueIndex.DueEntry> snoozes,
      KeyValues<Long> scoreIndex,
      KeyValues<Long> scoreCounts,
      KeyValues<Long> alertCounts,
      KeyValues<IndexDeltas.Pending> indexPending) {}

  /** The text of the clear that closes an erased subject's open alerts. */
  static final String ERASED_WHY = "Erased on request: Touchpoints no longer holds this customer.";

  static final String ERASED_NEXT_STEP =
      "Close the alert; nothing more comes about this customer unless they come back.";

  private final Policy policy;
  private final SubjectEngine engine;
  private final Stores stores;
  private final DueIndex dueIndex;
  private final RaisedAlertIndex raisedAlerts;
  private final DueIndex snoozes;
  private final ScoreIndex scores;
  private final IndexDeltas index;
  private long indexFlushedAt;
  private final Watermark clock;
  private final Output out;

  private static final LedgerSerde LEDGERS = new LedgerSerde();

  /**
   * @param extraRules rules run after the built-in ones (tests inject faults with one)
   * @param startWall wall-clock time the task starts at (idle detection starts from it)
   */
  public LedgerWriter(
      Policy policy, List<Rule> extraRules, Stores stores, long startWall, Output out) {
    this.policy = policy;
    this.engine = new SubjectEngine(policy, extraRules);
    this.stores = stores;
    this.dueIndex = new DueIndex(stores.dueIndex());
    this.raisedAlerts = new RaisedAlertIndex(stores.raisedAlerts(), stores.alertCounts());
    this.snoozes = new DueIndex(stores.snoozes());
    this.scores = new ScoreIndex(stores.scoreIndex(), stores.scoreCounts(), engine.model());
    this.index = new IndexDeltas(stores.indexPending(), stores.states());
    this.indexFlushedAt = startWall;
    this.clock = new Watermark(policy.clock(), stores.watermarks(), startWall);
    this.out = out;
  }

  /** The scoring model in use. */
  public ScoringModel model() {
    return engine.model();
  }

  /** Takes in one touchpoint: first fires the clocks its event time made due, then the event. */
  public Applied onTouchpoint(Touchpoint t, long wallNow) {
    long upTo = clock.onInput(source(t), t.occurredAt(), wallNow);
    fireDue(upTo, wallNow);
    return apply(t, wallNow, upTo);
  }

  private Applied apply(Touchpoint t, long wallNow, long upTo) {
    Long erasedAt = stores.erased().get(t.subjectId());
    if (erasedAt != null && t.occurredAt() <= erasedAt) {
      return Applied.SUPPRESSED; // replayed or late: the subject asked to be forgotten after it
    }
    Link link = stores.links().get(t.subjectId());
    if (link != null && !link.pending()) {
      out.transfer(
          new Transfer(
              Transfer.Kind.EVENT,
              t.subjectId(),
              link.into(),
              List.of(t.subjectId()),
              false,
              false,
              0,
              link.eventId(),
              t.occurredAt(),
              null,
              t.raw(),
              null),
          t.occurredAt());
      return Applied.REDIRECTED;
    }
    SubjectState before = stores.states().get(t.subjectId());
    SubjectEngine.Outcome outcome;
    try {
      outcome = engine.onEvent(before, t, writtenAt(t), wallNow, upTo);
    } catch (RuntimeException e) {
      out.failed(t, e);
      return Applied.FAILED;
    }
    if (outcome.duplicate()) {
      return Applied.DUPLICATE;
    }

    if (policy.isIncidentKind(t.kind())) {
      out.signal(IncidentSignal.failure(t.kind(), t.subjectId(), t.eventId(), t.occurredAt()));
    }
    commit(before, outcome, t.occurredAt(), wallNow, true);
    return Applied.APPLIED;
  }

  /**
   * Forgets a subject (GDPR Art. 17): closes its open alerts for ops ("Erased on request"), removes
   * its ledger and the index entries derived from it, tells incident detection to drop what it
   * holds about the subject, withdraws its view and records the audit entry. The subject goes on
   * the suppression list: its events that happened before the request – a replay of the input
   * topics, a late delivery – are dropped; one that happens later starts a new history.
   */
  public ErasureOutcome onErasure(ErasureRequest request, long wallNow) {
    String id = request.getSubjectId();
    long requestedAt = request.getRequestedAt().toEpochMilli();
    Long earlier = stores.erased().get(id);
    stores.erased().put(id, earlier == null ? requestedAt : Math.max(earlier, requestedAt));
    stores.links().delete(id); // a linked id's data is its target's: erase that one too
    SubjectState before = stores.states().get(id);
    if (before != null) {
      // Stamped with the subject's own latest event time: an erasure moves no clock forward.
      long at = before.lastEventAt;
      for (Map.Entry<String, SubjectState.ActiveAlert> open : before.alerts.entrySet()) {
        send(
            id,
            AlertDraft.cleared(
                open.getKey(),
                open.getValue(),
                Math.max(at, open.getValue().raisedAt),
                ERASED_WHY,
                ERASED_NEXT_STEP,
                List.of()),
            wallNow);
      }
      stores.states().delete(id);
      dueIndex.sync(id, before.clocks, Map.of());
      snoozes.sync(id, snoozeEnds(before), Map.of());
      raisedAlerts.sync(id, before.alerts, Map.of());
      scores.sync(id, before, null);
      index.touched(id, before);
      incidentKinds(before).forEach(kind -> out.signal(IncidentSignal.erasure(kind, id, at)));
    }
    ErasureOutcome outcome = before == null ? ErasureOutcome.NOTHING_HELD : ErasureOutcome.ERASED;
    out.erased(
        id,
        ErasureAudit.newBuilder()
            .setRequestId(request.getRequestId())
            .setSubjectId(id)
            .setRequestedBy(request.getRequestedBy())
            .setRequestedAt(request.getRequestedAt())
            .setErasedAt(Instant.ofEpochMilli(wallNow))
            .setOutcome(outcome)
            .build(),
        wallNow);
    return outcome;
  }

  /**
   * A link: the id is the same person as {@code linkedTo} (R9). The id's task offers the link to
   * the target's task; until the answer, the id's events still count for the id. Refused here: a
   * link of an erased id, or of an id already linked to another subject (a repeat of the same link
   * is dropped).
   */
  public void onLinked(Decoded.Linked link, long wallNow) {
    String id = link.subjectId();
    Long erasedAt = stores.erased().get(id);
    if (erasedAt != null && link.occurredAt() <= erasedAt) {
      out.refused(link.raw(), "link refused: the id was erased");
      return;
    }
    Link existing = stores.links().get(id);
    if (existing != null) {
      if (!existing.into().equals(link.linkedTo())) {
        out.refused(link.raw(), "link refused: the id is already linked to another subject");
      }
      return;
    }
    SubjectState state = stores.states().get(id);
    stores.links().put(id, new Link(link.linkedTo(), link.occurredAt(), link.eventId(), true));
    out.transfer(
        new Transfer(
            Transfer.Kind.OFFER,
            id,
            link.linkedTo(),
            List.of(id),
            link.deliberate(),
            hasCustomerHistory(state),
            state == null ? 0 : state.linked.size(),
            link.eventId(),
            link.occurredAt(),
            null,
            link.raw(),
            null),
        wallNow);
  }

  /** A message of the hop between subjects' partitions, addressed to a subject of this task. */
  public Applied onTransfer(Decoded.Transferred transferred, long wallNow) {
    Transfer x = transferred.transfer();
    Link own = stores.links().get(x.to());
    switch (x.kind()) {
      case OFFER -> offered(x, own, wallNow);
      case ACCEPTED -> accepted(x, own, wallNow);
      case REFUSED -> {
        if (own != null && own.pending()) {
          stores.links().delete(x.to());
        }
      }
      case MERGE -> {
        if (own != null && !own.pending()) {
          out.transfer(x.onwardTo(own.into()), wallNow); // linked on itself since it accepted
        } else {
          merge(x, wallNow);
        }
      }
      case EVENT -> {
        if (own != null && !own.pending()) {
          out.transfer(x.onwardTo(own.into()), x.at());
          return Applied.REDIRECTED;
        }
        // Not an input of this task: it moves no watermark.
        long upTo = clock.upTo(wallNow);
        fireDue(upTo, wallNow);
        return apply(transferred.event(), wallNow, upTo);
      }
    }
    return Applied.APPLIED;
  }

  private void offered(Transfer x, Link own, long wallNow) {
    String target = x.to();
    if (x.chain().contains(target)) {
      refuse(x, "the link would close a cycle", wallNow);
    } else if (own != null && !own.pending()) {
      if (x.chain().contains(own.into())) {
        refuse(x, "the link would close a cycle", wallNow);
      } else {
        out.transfer(x.onwardTo(own.into()), wallNow); // the target is known by another id now
      }
    } else if (own != null) {
      refuse(x, "the target is being linked to another subject itself; link again later", wallNow);
    } else if (stores.erased().get(target) != null) {
      refuse(x, "the target was erased", wallNow);
    } else {
      SubjectState state = stores.states().get(target);
      int linked = (state == null ? 0 : state.linked.size()) + x.fromLinked() + 1;
      if (hasCustomerHistory(state) && x.fromHasHistory() && !x.deliberate()) {
        refuse(
            x,
            "both ids already have a customer history; a link that merges two histories must say"
                + " deliberate=true",
            wallNow);
      } else if (linked > policy.identity().maxLinked()) {
        refuse(
            x,
            "more than "
                + policy.identity().maxLinked()
                + " ids would be linked into one subject (policy.identity.max-linked)",
            wallNow);
      } else {
        out.transfer(x.accepted(target), wallNow);
      }
    }
  }

  /**
   * Whether an id has a customer's history – not only a visitor's: a touchpoint from billing,
   * support or marketing (a memory in those dimensions, a case, a promise, an overdue invoice), or
   * ids linked into it. Browsing alone (web) is a visitor's history, which merges into any
   * customer's without a deliberate link (the visitor logged in).
   */
  static boolean hasCustomerHistory(SubjectState s) {
    if (s == null || s.eventCount == 0) {
      return false;
    }
    for (Dimension d : Dimension.values()) {
      if (d != Dimension.WEB && s.score.memory(d) != 0) {
        return true;
      }
    }
    return !s.cases.isEmpty() || !s.promises.isEmpty() || s.overdue != null || !s.linked.isEmpty();
  }

  private void refuse(Transfer x, String why, long wallNow) {
    out.refused(x.raw(), "link refused: " + why);
    out.transfer(x.refused(why), wallNow);
  }

  /** The target took the link: the id's ledger moves there, and the id's events from now on. */
  private void accepted(Transfer x, Link own, long wallNow) {
    String id = x.to();
    if (own == null || !own.pending()) {
      return; // not offered by this id (any more)
    }
    String target = x.target();
    stores.links().put(id, new Link(target, own.at(), own.eventId(), false));
    SubjectState state = stores.states().get(id);
    out.transfer(
        new Transfer(
            Transfer.Kind.MERGE,
            id,
            target,
            List.of(id),
            x.deliberate(),
            false,
            0,
            own.eventId(),
            own.at(),
            state == null ? null : LEDGERS.serializer().serialize(null, state),
            null,
            null),
        wallNow);
    if (state != null) {
      stores.states().delete(id);
      dueIndex.sync(id, state.clocks, Map.of());
      raisedAlerts.sync(id, state.alerts, Map.of());
      scores.sync(id, state, null);
      index.touched(id, state);
      out.experience(id, null, wallNow); // the id's view is withdrawn: it is the target's now
    }
  }

  private void merge(Transfer x, long wallNow) {
    String target = x.to();
    SubjectState moved =
        x.ledger() == null ? null : LEDGERS.deserializer().deserialize(null, x.ledger());
    SubjectState before = stores.states().get(target);
    SubjectEngine.Outcome outcome =
        engine.merge(
            before,
            target,
            moved,
            new SubjectState.LinkedId(x.from(), x.at(), x.linkEventId()),
            wallNow,
            clock.upTo(wallNow));
    if (outcome.state() != null) {
      commit(before, outcome, Math.max(outcome.state().lastEventAt, x.at()), wallNow, true);
    }
  }

  /**
   * The incident kinds whose detection may hold something about the subject: those of its alerts,
   * failure runs and recent events (detection keeps a subject for a window or while an incident is
   * open, well within the ledger's horizon).
   */
  private Set<String> incidentKinds(SubjectState s) {
    Set<String> kinds = new TreeSet<>();
    s.alerts.values().stream().map(a -> a.foldKind).filter(k -> k != null).forEach(kinds::add);
    s.failures.keySet().stream().filter(policy::isIncidentKind).forEach(kinds::add);
    s.recent.stream().map(r -> r.event().kind()).filter(policy::isIncidentKind).forEach(kinds::add);
    return kinds;
  }

  /** On a wall-clock tick: fires what the watermark passed, idle sources left out. */
  public void onWallClock(long wallNow) {
    fireDue(clock.onWallClock(wallNow), wallNow);
    endSnoozes(wallNow);
    if (wallNow - indexFlushedAt >= policy.index().flushInterval().toMillis()) {
      flushIndex(wallNow);
    }
  }

  /** Sends on what changed in the experience index since the last flush, a record per period. */
  public void flushIndex(long wallNow) {
    indexFlushedAt = wallNow;
    index.drain().forEach((period, delta) -> out.index(period, delta, wallNow));
  }

  /**
   * Whether this task's score index is empty while it holds subjects (state from a release before
   * the index): then {@link #indexScore} each subject once.
   */
  public boolean scoresMissing() {
    return scores.missing(stores.states());
  }

  /** Indexes a stored subject's score (after an upgrade, see {@link #scoresMissing}). */
  public void indexScore(String subjectId, SubjectState state) {
    scores.sync(subjectId, null, state);
  }

  /**
   * Whether this task's open-alert counts are empty while its raised-alert index is not (state from
   * a release before the counts): then {@link #countAlert} each index entry once.
   */
  public boolean alertCountsMissing() {
    return raisedAlerts.countsMissing();
  }

  /** Counts one entry of the raised-alert index (after an upgrade). */
  public void countAlert(String indexKey, String indexValue) {
    raisedAlerts.countEntry(indexKey, indexValue);
  }

  /** What became of an action on an alert. */
  public enum Acted {
    /** Applied to the alert in the subject's ledger. */
    APPLIED,
    /** The alert already had it (a repeat): nothing written. */
    UNCHANGED,
    /** The alert is not open (it cleared, or never was): nothing written. */
    NOT_OPEN
  }

  /**
   * Applies what ops did about an open alert – acknowledged, snoozed, assigned, a note – to the
   * alert in the subject's ledger, so every instance, the console and the query API show it. The
   * action names the alert by the id of its RAISED record: an alert that cleared (and one raised
   * again since under the same key) is not touched. Nothing is published; a snooze is indexed so
   * that the alert is sent again, as a reminder, when it ends.
   */
  public Acted onAction(AlertAction action, long wallNow) {
    SubjectState before = stores.states().get(action.getSubjectId());
    SubjectState.ActiveAlert open =
        before == null ? null : before.alerts.get(action.getDedupeKey());
    if (open == null
        || !AlertRecords.alertId(before.subjectId, AlertDraft.raised(action.getDedupeKey(), open))
            .equals(action.getAlertId())) {
      return Acted.NOT_OPEN;
    }
    AlertHandling was = open.handling == null ? AlertHandling.NONE : open.handling;
    AlertHandling now = AlertActions.apply(was, action);
    if (now.equals(was)) {
      return Acted.UNCHANGED;
    }
    SubjectState after = before.copy();
    after.alerts.get(action.getDedupeKey()).handling = now;
    stores.states().put(after.subjectId, after);
    snoozes.sync(after.subjectId, snoozeEnds(before), snoozeEnds(after));
    return Acted.APPLIED;
  }

  /** Sends again, as reminders, the open alerts whose snooze ended by {@code wallNow}. */
  private void endSnoozes(long wallNow) {
    for (DueIndex.DueEntry entry : snoozes.due(wallNow + 1)) {
      snoozes.remove(entry);
      SubjectState before = stores.states().get(entry.subjectId());
      String key = entry.clockId().substring(SNOOZE_PREFIX.length());
      SubjectState.ActiveAlert open = before == null ? null : before.alerts.get(key);
      if (open == null || open.handling == null || open.handling.snoozedUntil() != entry.dueAt()) {
        continue; // cleared, moved or snoozed again since it was indexed
      }
      SubjectState after = before.copy();
      after.alerts.get(key).handling = open.handling.snoozeEnded();
      stores.states().put(after.subjectId, after);
      remind(after.subjectId, key, open, entry.dueAt(), wallNow);
    }
  }

  /** An open alert sent again: its snooze ended or it got worse while snoozed. */
  private void remind(
      String subjectId, String key, SubjectState.ActiveAlert open, long at, long wallNow) {
    if (open.historic || open.incidentId != null) {
      return; // never sent (history), or folded into an incident (ledgers before v3): ops follow it
    }
    CustomerAlert reminder = AlertRecords.reminder(subjectId, AlertDraft.raised(key, open), at);
    out.alert(reminder.getSubjectId(), reminder, wallNow);
  }

  /** Prefix of a snooze's clock id in the snooze index: {@code snooze:<dedupe key>}. */
  static final String SNOOZE_PREFIX = "snooze:";

  /** When each snoozed alert's snooze ends, as clocks of the snooze index. */
  private static Map<String, Long> snoozeEnds(SubjectState state) {
    if (state == null) {
      return Map.of();
    }
    Map<String, Long> ends = null; // runs on every step: most subjects have no snoozed alert
    for (Map.Entry<String, SubjectState.ActiveAlert> alert : state.alerts.entrySet()) {
      AlertHandling handling = alert.getValue().handling;
      if (handling != null && handling.snoozedUntil() > 0) {
        ends = ends == null ? new TreeMap<>() : ends;
        ends.put(SNOOZE_PREFIX + alert.getKey(), handling.snoozedUntil());
      }
    }
    return ends == null ? Map.of() : ends;
  }

  /** The input partition a touchpoint came from: the watermark's unit. */
  private static String source(Touchpoint t) {
    return t.raw() == null ? "" : t.raw().topic() + "-" + t.raw().partition();
  }

  /**
   * When a record was written: dedupe goes by it, so that a retry or a replay – which comes soon
   * after the first copy, however old the event – is recognised.
   */
  static long writtenAt(Touchpoint t) {
    return t.raw() != null && t.raw().timestamp() >= 0 ? t.raw().timestamp() : t.occurredAt();
  }

  private void fireDue(long upTo, long wallNow) {
    List<DueIndex.DueEntry> due = dueIndex.due(upTo);
    while (!due.isEmpty()) {
      due.forEach(entry -> fire(entry, upTo, wallNow));
      due = dueIndex.due(upTo);
    }
  }

  /** Runs one due clock; every path removes its index entry, so the loop above ends. */
  private void fire(DueIndex.DueEntry entry, long upTo, long wallNow) {
    SubjectState before = stores.states().get(entry.subjectId());
    Long scheduled = before == null ? null : before.clocks.get(entry.clockId());
    if (scheduled == null || scheduled != entry.dueAt()) {
      dueIndex.remove(entry); // moved or stopped since it was indexed
      return;
    }
    SubjectEngine.Outcome outcome;
    try {
      outcome = engine.onClock(before, entry.clockId(), entry.dueAt(), wallNow, upTo);
    } catch (RuntimeException e) {
      SubjectState without = before.copy();
      without.clocks.remove(entry.clockId());
      commit(
          before,
          new SubjectEngine.Outcome(without, List.of(), false),
          entry.dueAt(),
          wallNow,
          false);
      out.clockFailed(entry.subjectId(), entry.clockId(), e);
      return;
    }
    commit(before, outcome, entry.dueAt(), wallNow, !SubjectEngine.isHousekeeping(entry.clockId()));
  }

  /**
   * Writes a successful step: the state, then the indexes derived from the change, then outputs.
   */
  private void commit(
      SubjectState before,
      SubjectEngine.Outcome outcome,
      long at,
      long wallNow,
      boolean publishView) {
    SubjectState after = outcome.state();
    List<String> worse = AlertActions.worseWhileSnoozed(before, after, wallNow);
    worse.forEach(
        key -> after.alerts.get(key).handling = after.alerts.get(key).handling.snoozeEnded());
    stores.states().put(after.subjectId, after);
    dueIndex.sync(after.subjectId, before == null ? Map.of() : before.clocks, after.clocks);
    raisedAlerts.sync(after.subjectId, before == null ? Map.of() : before.alerts, after.alerts);
    snoozes.sync(after.subjectId, snoozeEnds(before), snoozeEnds(after));
    scores.sync(after.subjectId, before, after);
    index.touched(after.subjectId, before);
    worse.forEach(key -> remind(after.subjectId, key, after.alerts.get(key), wallNow, wallNow));
    if (publishView) {
      // The view is a function of the state: published here, derived again on query, never stored.
      out.experience(after.subjectId, ExperienceRecords.experience(after, engine.model()), at);
    }
    for (AlertDraft draft : outcome.alerts()) {
      send(after.subjectId, draft, wallNow);
    }
  }

  /**
   * An alert or clear to ops, or through incident detection when a failure of its kind caused it.
   */
  private void send(String subjectId, AlertDraft draft, long wallNow) {
    if (!draft.sent()) {
      return; // history (or folded before this release): kept in the ledger only
    }
    if (draft.foldKind() != null) {
      out.signal(IncidentSignal.alert(subjectId, draft));
    } else {
      // Stamped when emitted (the cause's time is in eventTime): a replay of old data yields
      // alert records that the topic's retention keeps as long as any other.
      CustomerAlert alert = AlertRecords.toAvro(subjectId, draft);
      out.alert(alert.getSubjectId(), alert, wallNow);
    }
  }
}
