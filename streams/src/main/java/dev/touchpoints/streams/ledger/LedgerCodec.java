package dev.touchpoints.streams.ledger;

import dev.touchpoints.avro.internal.ActivitySlice;
import dev.touchpoints.avro.internal.AlertNote;
import dev.touchpoints.avro.internal.FailureRunEntry;
import dev.touchpoints.avro.internal.LateSlice;
import dev.touchpoints.avro.internal.LinkedId;
import dev.touchpoints.avro.internal.OpenCaseEntry;
import dev.touchpoints.avro.internal.OtherTouchpoint;
import dev.touchpoints.avro.internal.OverdueEntry;
import dev.touchpoints.avro.internal.PeriodAccountEntry;
import dev.touchpoints.avro.internal.PeriodKindEntry;
import dev.touchpoints.avro.internal.PromiseEntry;
import dev.touchpoints.avro.internal.PromiseSlice;
import dev.touchpoints.avro.internal.RaisedAlertEntry;
import dev.touchpoints.avro.internal.RecentEvent;
import dev.touchpoints.avro.internal.ScoreContribution;
import dev.touchpoints.avro.internal.ScoreEpisode;
import dev.touchpoints.avro.internal.ScoreSlice;
import dev.touchpoints.avro.internal.ScoreSnapshot;
import dev.touchpoints.avro.internal.SubjectLedger;
import dev.touchpoints.streams.index.PeriodAccount;
import dev.touchpoints.streams.model.Classifier;
import dev.touchpoints.streams.model.Touchpoint;
import dev.touchpoints.streams.rules.AlertHandling;
import dev.touchpoints.streams.rules.SubjectState;
import dev.touchpoints.streams.scoring.ScoreState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/**
 * Maps the engine's working {@link SubjectState} to the versioned {@link SubjectLedger} record and
 * back, slice by slice. The record's field names are the contract with other releases; this class
 * is the one place that knows both sides, so renaming a Java field changes nothing on disk.
 */
public final class LedgerCodec {

  static {
    // Building a ledger record needs its classes trusted, also where no serde was loaded yet.
    LedgerSerde.trustLedgerPackage();
  }

  private LedgerCodec() {}

  /** The state as a ledger record. */
  public static SubjectLedger toLedger(SubjectState s) {
    return SubjectLedger.newBuilder()
        .setSubjectId(s.subjectId)
        .setScore(score(s.score))
        .setActivity(
            ActivitySlice.newBuilder()
                .setEventCount(s.eventCount)
                .setFirstEventAt(s.firstEventAt)
                .setLastEventAt(s.lastEventAt)
                .setLastActivityAt(s.lastActivityAt)
                .setLastBadAt(s.lastBadAt)
                .setLastBadEventId(s.lastBadEventId)
                .setLastBadWhat(s.lastBadWhat)
                .setLastClockAt(s.lastClockAt)
                .build())
        .setCases(map(s.cases, LedgerCodec::caseEntry))
        .setPromises(
            PromiseSlice.newBuilder()
                .setOpen(map(s.promises, LedgerCodec::promiseEntry))
                .setRecentlyBroken(new ArrayList<>(s.brokenPromises))
                .build())
        .setFailures(map(s.failures, LedgerCodec::failureEntry))
        .setOverdue(s.overdue == null ? null : overdueEntry(s.overdue))
        .setAlerts(map(s.alerts, LedgerCodec::alertEntry))
        .setClocks(new HashMap<>(s.clocks))
        .setSeenEvents(new HashMap<>(s.seenEvents))
        .setLate(
            LateSlice.newBuilder()
                .setRecent(s.recent.stream().map(LedgerCodec::recentEvent).toList())
                .setFoldedTo(s.foldedTo)
                .build())
        .setIdentity(
            s.linked.stream()
                .map(id -> new LinkedId(id.subjectId(), id.linkedAt(), id.eventId()))
                .toList())
        .setPeriods(
            s.periods.entrySet().stream().map(p -> periodEntry(p.getKey(), p.getValue())).toList())
        .setCheckpoint(s.checkpoint == null ? null : toLedger(s.checkpoint))
        .build();
  }

  /** The working state of a ledger record. */
  public static SubjectState fromLedger(SubjectLedger l) {
    SubjectState s = new SubjectState();
    s.subjectId = l.getSubjectId();
    s.score = score(l.getScore());
    ActivitySlice a = l.getActivity();
    s.eventCount = a.getEventCount();
    s.firstEventAt = a.getFirstEventAt();
    s.lastEventAt = a.getLastEventAt();
    s.lastActivityAt = a.getLastActivityAt();
    s.lastBadAt = a.getLastBadAt();
    s.lastBadEventId = a.getLastBadEventId();
    s.lastBadWhat = a.getLastBadWhat();
    s.cases = sorted(l.getCases(), LedgerCodec::caseInfo);
    s.promises = sorted(l.getPromises().getOpen(), LedgerCodec::promiseInfo);
    s.brokenPromises = new ArrayList<>(l.getPromises().getRecentlyBroken());
    s.failures = sorted(l.getFailures(), LedgerCodec::failureRun);
    s.overdue = l.getOverdue() == null ? null : overdue(l.getOverdue());
    s.alerts = sorted(l.getAlerts(), LedgerCodec::activeAlert);
    s.clocks = sorted(l.getClocks(), Function.identity());
    s.seenEvents = sorted(l.getSeenEvents(), Function.identity());
    s.lastClockAt = a.getLastClockAt();
    String subjectId = s.subjectId;
    s.recent =
        new ArrayList<>(l.getLate().getRecent().stream().map(e -> recent(subjectId, e)).toList());
    s.foldedTo = l.getLate().getFoldedTo();
    s.checkpoint = l.getCheckpoint() == null ? null : fromLedger(l.getCheckpoint());
    s.linked =
        new ArrayList<>(
            l.getIdentity().stream()
                .map(
                    id ->
                        new SubjectState.LinkedId(
                            id.getSubjectId(), id.getLinkedAt(), id.getEventId()))
                .toList());
    s.periods = new TreeMap<>();
    for (PeriodAccountEntry p : l.getPeriods()) {
      s.periods.put(p.getPeriod(), periodAccount(p));
    }
    return s;
  }

  private static PeriodAccountEntry periodEntry(String period, PeriodAccount a) {
    Map<String, PeriodKindEntry> kinds = new HashMap<>();
    a.kinds().forEach((k, v) -> kinds.put(k, new PeriodKindEntry(v.lost(), v.gained())));
    return new PeriodAccountEntry(
        period, a.lastAt(), a.scores(), a.sources(), kinds, new HashMap<>(a.alerts()));
  }

  private static PeriodAccount periodAccount(PeriodAccountEntry p) {
    Map<String, PeriodAccount.Points> kinds = new TreeMap<>();
    p.getKinds()
        .forEach((k, v) -> kinds.put(k, new PeriodAccount.Points(v.getLost(), v.getGained())));
    return new PeriodAccount(p.getLastAt(), p.getScores(), p.getSources(), kinds, p.getAlerts());
  }

  private static RecentEvent recentEvent(SubjectState.Recent r) {
    Touchpoint t = r.event();
    return new RecentEvent(
        t.eventId(), t.occurredAt(), r.writtenAt(), t.source(), ledgerPayload(t));
  }

  /**
   * The payload as the ledger keeps it: itself when the ledger's union lists its type; otherwise (a
   * source added after the ledger schema) what scoring needs of it, since no rule reads its fields.
   */
  private static Object ledgerPayload(Touchpoint t) {
    Object payload = t.payload();
    if (payload instanceof IndexedRecord record
        && LISTED_PAYLOADS.contains(record.getSchema().getFullName())) {
      return payload;
    }
    return new OtherTouchpoint(
        payload.getClass().getName(), t.kind(), t.intensity(), t.customerInitiated());
  }

  private static final Set<String> LISTED_PAYLOADS =
      RecentEvent.getClassSchema().getField("payload").schema().getTypes().stream()
          .map(Schema::getFullName)
          .collect(Collectors.toUnmodifiableSet());

  private static SubjectState.Recent recent(String subjectId, RecentEvent e) {
    Touchpoint t =
        e.getPayload() instanceof OtherTouchpoint other
            ? new Touchpoint(
                e.getEventId(),
                subjectId,
                e.getOccurredAt(),
                e.getSource(),
                other.getKind(),
                other.getIntensity(),
                other.getCustomerInitiated(),
                other,
                null)
            : Classifier.of(
                e.getEventId(), subjectId, e.getOccurredAt(), e.getSource(), e.getPayload(), null);
    return new SubjectState.Recent(t, e.getWrittenAt());
  }

  private static ScoreSlice score(ScoreState score) {
    if (score == null) {
      // Only hand-made legacy states lack a score; an empty memory decodes as a neutral one.
      return ScoreSlice.newBuilder().setMemory(List.of()).setAsOf(0).setFirstSeen(0).build();
    }
    List<Double> memory = new ArrayList<>();
    for (double m : score.memory()) {
      memory.add(m);
    }
    return ScoreSlice.newBuilder()
        .setMemory(memory)
        .setAsOf(score.asOf())
        .setFirstSeen(score.firstSeen())
        .setSnapshots(
            score.snapshots().stream().map(p -> new ScoreSnapshot(p.at(), p.overall())).toList())
        .setContributions(contributions(score.contributions()))
        .setRecent(contributions(score.recent()))
        .setEpisodes(
            score.episodes().stream()
                .map(e -> new ScoreEpisode(e.key(), e.start(), e.count(), e.peak(), e.eventId()))
                .toList())
        .build();
  }

  private static ScoreState score(ScoreSlice slice) {
    double[] memory = new double[ScoreState.OVERALL + 1];
    List<Double> stored = slice.getMemory();
    if (stored.isEmpty() && slice.getAsOf() == 0) {
      return null;
    }
    for (int i = 0; i < Math.min(stored.size(), memory.length); i++) {
      memory[i] = stored.get(i);
    }
    return new ScoreState(
        memory,
        slice.getAsOf(),
        slice.getFirstSeen(),
        slice.getSnapshots().stream()
            .map(p -> new ScoreState.Snapshot(p.getAt(), p.getOverall()))
            .toList(),
        contributionsOf(slice.getContributions()),
        contributionsOf(slice.getRecent()),
        slice.getEpisodes().stream()
            .map(
                e ->
                    new ScoreState.Episode(
                        e.getKey(), e.getStart(), e.getCount(), e.getPeak(), e.getEventId()))
            .toList());
  }

  private static List<ScoreContribution> contributions(List<ScoreState.Contribution> list) {
    return list.stream()
        .map(c -> new ScoreContribution(c.key(), c.at(), c.points(), c.eventId()))
        .toList();
  }

  private static List<ScoreState.Contribution> contributionsOf(List<ScoreContribution> list) {
    return list.stream()
        .map(c -> new ScoreState.Contribution(c.getKey(), c.getAt(), c.getPoints(), c.getEventId()))
        .toList();
  }

  private static OpenCaseEntry caseEntry(SubjectState.CaseInfo c) {
    return new OpenCaseEntry(
        c.kind,
        c.openedAt,
        c.openedEventId,
        c.nextUpdateDueAt,
        c.lastUpdateAt,
        c.lastUpdateEventId);
  }

  private static SubjectState.CaseInfo caseInfo(OpenCaseEntry e) {
    SubjectState.CaseInfo c = new SubjectState.CaseInfo();
    c.kind = e.getKind();
    c.openedAt = e.getOpenedAt();
    c.openedEventId = e.getOpenedEventId();
    c.nextUpdateDueAt = e.getNextUpdateDueAt();
    c.lastUpdateAt = e.getLastUpdateAt();
    c.lastUpdateEventId = e.getLastUpdateEventId();
    return c;
  }

  private static PromiseEntry promiseEntry(SubjectState.PromiseInfo p) {
    return new PromiseEntry(p.caseId, p.madeAt, p.dueAt, p.eventId, p.description, p.brokenAt);
  }

  private static SubjectState.PromiseInfo promiseInfo(PromiseEntry e) {
    SubjectState.PromiseInfo p = new SubjectState.PromiseInfo();
    p.caseId = e.getCaseId();
    p.madeAt = e.getMadeAt();
    p.dueAt = e.getDueAt();
    p.eventId = e.getEventId();
    p.description = e.getDescription();
    p.brokenAt = e.getBrokenAt();
    return p;
  }

  private static FailureRunEntry failureEntry(SubjectState.FailureRun r) {
    return new FailureRunEntry(r.count, r.firstAt, r.lastAt, new ArrayList<>(r.eventIds));
  }

  private static SubjectState.FailureRun failureRun(FailureRunEntry e) {
    SubjectState.FailureRun r = new SubjectState.FailureRun();
    r.count = e.getCount();
    r.firstAt = e.getFirstAt();
    r.lastAt = e.getLastAt();
    r.eventIds = new ArrayList<>(e.getEventIds());
    return r;
  }

  private static OverdueEntry overdueEntry(SubjectState.Overdue o) {
    return new OverdueEntry(o.invoiceId, o.since, o.eventId, o.amountCents, o.currency);
  }

  private static SubjectState.Overdue overdue(OverdueEntry e) {
    SubjectState.Overdue o = new SubjectState.Overdue();
    o.invoiceId = e.getInvoiceId();
    o.since = e.getSince();
    o.eventId = e.getEventId();
    o.amountCents = e.getAmountCents();
    o.currency = e.getCurrency();
    return o;
  }

  private static RaisedAlertEntry alertEntry(SubjectState.ActiveAlert a) {
    return new RaisedAlertEntry(
        a.type,
        a.severity,
        a.raisedAt,
        new ArrayList<>(a.evidence),
        a.incidentId,
        a.why,
        a.nextStep,
        a.historic,
        a.foldKind,
        a.raisedFor,
        a.handling == null ? null : handlingEntry(a.handling));
  }

  private static dev.touchpoints.avro.internal.AlertHandling handlingEntry(AlertHandling h) {
    return new dev.touchpoints.avro.internal.AlertHandling(
        h.acknowledgedBy(),
        h.acknowledgedAt(),
        h.assignee(),
        h.assignedBy(),
        h.assignedAt(),
        h.snoozedUntil(),
        h.snoozedBy(),
        h.snoozedAt(),
        h.notes().stream()
            .map(n -> new AlertNote(n.actionId(), n.by(), n.at(), n.text()))
            .collect(Collectors.toCollection(ArrayList::new)));
  }

  private static AlertHandling handling(dev.touchpoints.avro.internal.AlertHandling e) {
    return new AlertHandling(
        e.getAcknowledgedBy(),
        e.getAcknowledgedAt(),
        e.getAssignee(),
        e.getAssignedBy(),
        e.getAssignedAt(),
        e.getSnoozedUntil(),
        e.getSnoozedBy(),
        e.getSnoozedAt(),
        e.getNotes().stream()
            .map(n -> new AlertHandling.Note(n.getActionId(), n.getBy(), n.getAt(), n.getText()))
            .toList());
  }

  private static SubjectState.ActiveAlert activeAlert(RaisedAlertEntry e) {
    SubjectState.ActiveAlert a = new SubjectState.ActiveAlert();
    a.type = e.getType();
    a.severity = e.getSeverity();
    a.raisedAt = e.getRaisedAt();
    a.evidence = new ArrayList<>(e.getEvidence());
    a.incidentId = e.getIncidentId();
    a.why = e.getWhy();
    a.nextStep = e.getNextStep();
    a.historic = e.getHistoric();
    a.foldKind = e.getFoldKind();
    a.raisedFor = e.getRaisedFor();
    a.handling = e.getHandling() == null ? null : handling(e.getHandling());
    return a;
  }

  private static <A, B> Map<String, B> map(Map<String, A> in, Function<A, B> f) {
    Map<String, B> out = new HashMap<>(in.size() * 2);
    in.forEach((k, v) -> out.put(k, f.apply(v)));
    return out;
  }

  private static <A, B> Map<String, B> sorted(Map<String, A> in, Function<A, B> f) {
    Map<String, B> out = new TreeMap<>();
    in.forEach((k, v) -> out.put(k, f.apply(v)));
    return out;
  }
}
