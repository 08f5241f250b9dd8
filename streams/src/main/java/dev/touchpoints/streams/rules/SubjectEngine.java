package dev.touchpoints.streams.rules;

import dev.touchpoints.streams.Policy;
import dev.touchpoints.streams.index.PeriodAccounts;
import dev.touchpoints.streams.model.Touchpoint;
import dev.touchpoints.streams.scoring.Moment;
import dev.touchpoints.streams.scoring.ScoringModel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The per-subject engine: takes a touchpoint or a due clock and the subject's state, updates the
 * score and runs every rule. Plain Java; the Kafka processor only loads and stores state around it.
 */
public final class SubjectEngine {

  private final Policy policy;
  private final ScoringModel model;
  private final List<Rule> rules;
  private final ExperienceDropRule drop = new ExperienceDropRule();

  public SubjectEngine(Policy policy) {
    this(policy, List.of());
  }

  /**
   * @param extraRules rules run after the built-in ones (tests use one to inject a fault)
   */
  public SubjectEngine(Policy policy, List<Rule> extraRules) {
    this.policy = policy;
    this.model = new ScoringModel(policy.scoring());
    List<Rule> all =
        new ArrayList<>(
            List.of(
                new PromiseBrokenRule(),
                new SilenceRule(),
                new SelfServiceRule(),
                new PushyContactRule(),
                new OverdueQuietRule(),
                new WinBackRule()));
    all.addAll(extraRules);
    this.rules = List.copyOf(all);
  }

  /** "No wall clock": a step whose alerts are never history (rule tests, benchmarks). */
  public static final long LIVE = Long.MIN_VALUE;

  /** "No task clock": a late input re-fires only the clocks its subject had fired. */
  public static final long NO_CLOCK = Long.MIN_VALUE;

  /** A bound on clocks fired in one step, against a rule that keeps re-arming in the past. */
  private static final int MAX_CLOCKS_PER_STEP = 10_000;

  /**
   * The engine's own clock: due when a clock that an event stopped before it could fire (its due
   * time lay ahead of the wall clock or the subject's time) has passed; the subject then re-folds.
   */
  static final String RECHECK = "recheck";

  /**
   * The engine's own clock: due when the subject's oldest recent event has left the horizon, so an
   * idle subject's events are folded into its checkpoint too. Not a decision: it never re-folds,
   * and a fold skips it.
   */
  static final String HORIZON = "horizon";

  /** Whether a clock is the engine's housekeeping, which changes no view and raises nothing. */
  public static boolean isHousekeeping(String clockId) {
    return HORIZON.equals(clockId);
  }

  private static final Comparator<Touchpoint> EVENT_ORDER =
      Comparator.comparingLong(Touchpoint::occurredAt).thenComparing(Touchpoint::eventId);

  private static final Comparator<SubjectState.Recent> RECENT_ORDER =
      Comparator.comparing(SubjectState.Recent::event, EVENT_ORDER);

  /** {@link #onEvent(SubjectState, Touchpoint, long, long, long)}, no clocks. */
  public Outcome onEvent(SubjectState state, Touchpoint e, long writtenAt) {
    return onEvent(state, e, writtenAt, LIVE, NO_CLOCK);
  }

  /** {@link #onEvent(SubjectState, Touchpoint, long, long, long)}, no clocks. */
  public Outcome onEvent(SubjectState state, Touchpoint e, long writtenAt, long now) {
    return onEvent(state, e, writtenAt, now, NO_CLOCK);
  }

  /** {@link #onClock(SubjectState, String, long, long, long)}, no clocks. */
  public Outcome onClock(SubjectState state, String clockId, long dueAt) {
    return onClock(state, clockId, dueAt, LIVE, NO_CLOCK);
  }

  /** {@link #onClock(SubjectState, String, long, long, long)}, no clocks. */
  public Outcome onClock(SubjectState state, String clockId, long dueAt, long now) {
    return onClock(state, clockId, dueAt, now, NO_CLOCK);
  }

  /** The scoring model in use. */
  public ScoringModel model() {
    return model;
  }

  /** A state for a subject not seen before. */
  public SubjectState newState(String subjectId, long at) {
    return SubjectState.first(subjectId, model.empty(at), at);
  }

  /**
   * Takes in one touchpoint: a pure step. {@code state} is not changed; the outcome carries a new
   * state. A repeat of an event id the subject's ledger holds from within the dedupe window is
   * dropped (the outcome says so and carries the state unchanged). A step that throws has changed
   * nothing and marked nothing as seen, so the event can be replayed.
   *
   * <p>The subject always ends as the in-order fold of its events: an event dated after everything
   * the subject has seen and every clock it has fired is applied on top; a <b>late</b> one is
   * inserted among the subject's recent events and the subject is re-folded from its checkpoint in
   * event-time order, clocks firing between the events by their due times. The outcome then carries
   * the difference: a RAISED for every alert the fold holds that was not raised, a CLEARED for
   * every raised alert it does not hold – with its score penalty gone. An event dated before the
   * checkpoint ({@code policy.late.horizon}) is applied to the checkpoint in arrival order.
   *
   * @param state the subject's state; null for a new subject
   * @param writtenAt when the event's record was written (dedupe goes by it: a retry or a replay
   *     comes soon after the first copy, however old the event)
   * @param now the wall clock: alerts whose cause is older than {@code policy.alerts.max-age} are
   *     history; {@link #LIVE} when there is none
   * @param clockedTo clocks due before this have fired (the task's watermark), so a re-fold fires
   *     them too; {@link #NO_CLOCK} for only those the subject fired
   * @return the new state and the alerts and clears it caused
   */
  public Outcome onEvent(
      SubjectState state, Touchpoint e, long writtenAt, long now, long clockedTo) {
    if (state != null && seenBefore(state, e.eventId(), writtenAt)) {
      return new Outcome(state, List.of(), true);
    }
    Touchpoint kept = e.raw() == null ? e : e.withoutRaw();
    long limit = state == null ? clockedTo : limit(state, clockedTo);
    Outcome outcome;
    if (state == null || inOrder(state, kept)) {
      SubjectState s = state == null ? newState(e.subjectId(), e.occurredAt()) : state.copy();
      if (isOwnCheckpoint(s)) {
        // An idle subject stored as its own checkpoint gets an event again: what it was becomes
        // the checkpoint, so a late event re-folds on top of its history, not from nothing.
        s.checkpoint = stripped(state.copy());
        s.foldedTo = Math.max(s.lastEventAt, s.lastClockAt) + 1;
        PeriodAccounts.seal(s.checkpoint.periods, s.foldedTo);
      }
      List<AlertDraft> drafts = new ArrayList<>();
      step(s, kept, limit, now, drafts);
      s.recent.add(new SubjectState.Recent(kept, writtenAt));
      outcome = new Outcome(s, drafts, false);
    } else {
      outcome = late(state, new SubjectState.Recent(kept, writtenAt), now, limit);
    }
    SubjectState s = outcome.state();
    remember(s, e.eventId(), writtenAt);
    trim(s, limit, now);
    seal(s);
    return outcome;
  }

  /**
   * One event in order: first the subject's clocks due before it fire – up to the subject's own
   * time, {@code policy.clock.out-of-order} behind the event and never ahead of the wall clock –
   * then the event. A clock due before the event that could not fire yet and that the event stopped
   * or moved leaves a {@link #RECHECK} clock at its due time: when that passes, the subject
   * re-folds, and the stopped clock fires before the event as in event-time order.
   */
  private void step(SubjectState s, Touchpoint e, long limit, long now, List<AlertDraft> drafts) {
    long t = e.occurredAt();
    long own = Math.min(t, now == LIVE ? t : now) - policy.clock().outOfOrder().toMillis();
    long bound = Math.min(t, Math.max(limit, own));
    fireUntil(s, bound, now, drafts);
    List<Map.Entry<String, Long>> pending = List.of();
    for (Map.Entry<String, Long> clock : s.clocks.entrySet()) {
      if (clock.getValue() < t && !isEngineClock(clock.getKey())) {
        if (pending.isEmpty()) {
          pending = new ArrayList<>();
        }
        pending.add(Map.entry(clock.getKey(), clock.getValue()));
      }
    }
    drafts.addAll(apply(s, e, now));
    for (Map.Entry<String, Long> clock : pending) {
      if (!clock.getValue().equals(s.clocks.get(clock.getKey()))) {
        s.clocks.merge(RECHECK, clock.getValue(), Math::min);
      }
    }
  }

  /** Whether a clock is the engine's own ({@link #RECHECK}, {@link #HORIZON}), not a rule's. */
  private static boolean isEngineClock(String clockId) {
    return RECHECK.equals(clockId) || HORIZON.equals(clockId);
  }

  /** Whether an event comes after everything its subject has seen, in event-time order. */
  private static boolean inOrder(SubjectState s, Touchpoint e) {
    if (e.occurredAt() <= s.lastClockAt || e.occurredAt() < s.foldedTo) {
      return false;
    }
    if (s.recent.isEmpty()) {
      return e.occurredAt() > s.lastEventAt || s.eventCount == 0;
    }
    return EVENT_ORDER.compare(e, s.recent.get(s.recent.size() - 1).event()) > 0;
  }

  /** Applies one event in order on {@code s}; returns the alerts it caused. */
  private List<AlertDraft> apply(SubjectState s, Touchpoint e, long now) {
    s.eventCount++;
    s.firstEventAt = Math.min(s.firstEventAt, e.occurredAt());
    s.lastEventAt = Math.max(s.lastEventAt, e.occurredAt());
    if (e.customerInitiated()) {
      s.lastActivityAt = Math.max(s.lastActivityAt, e.occurredAt());
    }
    RuleContext ctx = new RuleContext(s, policy, model, now);
    double before = ctx.overall();
    ctx.addMoment(
        new Moment(e.kind(), e.intensity(), e.occurredAt(), e.eventId()),
        ScoringModel.label(e.kind()));
    for (Rule rule : rules) {
      rule.onEvent(ctx, e);
    }
    // A drop caused by a failure of an incident's kind folds into the incident like the failure.
    drop.check(ctx, before, e.occurredAt(), policy.isIncidentKind(e.kind()) ? e.kind() : null);
    PeriodAccounts.source(s.periods, e.source(), e.occurredAt());
    return ctx.drafts();
  }

  /**
   * A late event: re-folds the subject with it in event-time order (or, dated before the
   * checkpoint, applied to the checkpoint first) and reports what changed.
   */
  private Outcome late(SubjectState state, SubjectState.Recent r, long now, long limit) {
    Touchpoint e = r.event();
    SubjectState base = state.checkpoint;
    long foldedTo = state.foldedTo;
    if (isOwnCheckpoint(state)) {
      // A ledger written before v3 kept events: the state is its own checkpoint, and an earlier
      // event is applied in arrival order, as that release did.
      base = stripped(state.copy());
      foldedTo = Math.max(state.lastEventAt, state.lastClockAt) + 1;
    }
    List<SubjectState.Recent> events = new ArrayList<>(state.recent);
    if (e.occurredAt() < foldedTo) {
      // Beyond the horizon: it counts, in arrival order, but decisions before it stand.
      SubjectState cp = base == null ? newState(e.subjectId(), e.occurredAt()) : base.copy();
      apply(cp, e, now);
      fireUntil(cp, Math.min(foldedTo, limit), now, new ArrayList<>());
      base = stripped(cp);
    } else {
      int at = Collections.binarySearch(events, r, RECENT_ORDER);
      events.add(at < 0 ? -at - 1 : at, r);
    }
    return refold(state, base, foldedTo, events, limit, now, e.eventId(), e.occurredAt());
  }

  /**
   * Re-folds a subject from {@code base} over {@code events} up to {@code limit}, and reports the
   * difference in raised alerts from {@code state}: the drafts of the fold itself are not sent
   * (they were decided, or never happened, in the order the events arrived).
   */
  private Outcome refold(
      SubjectState state,
      SubjectState base,
      long foldedTo,
      List<SubjectState.Recent> events,
      long limit,
      long now,
      String cause,
      long at) {
    SubjectState s = fold(base, state.subjectId, events, limit, now);
    s.seenEvents = new TreeMap<>(state.seenEvents);
    s.recent = events;
    s.checkpoint = base;
    s.foldedTo = foldedTo;
    s.lastClockAt = Math.max(s.lastClockAt, state.lastClockAt);
    s.linked = new ArrayList<>(state.linked);
    // An alert still open stays the one raised for whom it was raised (a linked id's), and keeps
    // what ops did about it: their actions are decisions in wall-clock time, not events to re-fold.
    s.alerts.forEach(
        (key, active) -> {
          SubjectState.ActiveAlert had = state.alerts.get(key);
          if (had != null) {
            active.raisedFor = had.raisedFor;
            active.handling = had.handling;
          }
        });
    List<AlertDraft> drafts = new ArrayList<>();
    state.alerts.forEach(
        (key, active) -> {
          if (!s.alerts.containsKey(key)) {
            drafts.add(
                AlertDraft.cleared(
                    key,
                    active,
                    at,
                    "Withdrawn: with events that arrived late, in the order they happened, this"
                        + " did not happen or has ended.",
                    "Nothing to do for this alert; the subject's score is corrected.",
                    cause == null ? List.of() : List.of(cause)));
          }
        });
    s.alerts.forEach(
        (key, active) -> {
          if (!state.alerts.containsKey(key)) {
            drafts.add(AlertDraft.raised(key, active));
          }
        });
    return new Outcome(s, drafts, false);
  }

  /**
   * The in-order fold: from {@code base} (null: the empty state), each event in turn, every clock
   * due before the next event's time (and before {@code limit}) firing first; then every clock due
   * before {@code limit}. Events dated at a clock's due time come before it.
   */
  private SubjectState fold(
      SubjectState base, String subjectId, List<SubjectState.Recent> events, long limit, long now) {
    SubjectState s;
    if (base != null) {
      s = base.copy();
    } else {
      s = newState(subjectId, events.isEmpty() ? 0 : events.get(0).event().occurredAt());
    }
    List<AlertDraft> ignored = new ArrayList<>();
    for (SubjectState.Recent r : events) {
      step(s, r.event(), limit, now, ignored);
    }
    fireUntil(s, limit, now, ignored);
    return s;
  }

  /** Fires {@code s}'s clocks due before {@code bound}, earliest first (then by id). */
  private void fireUntil(SubjectState s, long bound, long now, List<AlertDraft> drafts) {
    for (int fired = 0; fired < MAX_CLOCKS_PER_STEP; fired++) {
      Map.Entry<String, Long> next = null;
      for (Map.Entry<String, Long> clock : s.clocks.entrySet()) {
        if (clock.getValue() < bound
            && !clock.getKey().equals(HORIZON)
            && (next == null || clock.getValue() < next.getValue())) {
          next = clock;
        }
      }
      if (next == null) {
        return;
      }
      drafts.addAll(fire(s, next.getKey(), next.getValue(), now));
    }
    throw new IllegalStateException("more than " + MAX_CLOCKS_PER_STEP + " clocks in one step");
  }

  /** Clocks due before this have fired for {@code s}, by the task or by the subject itself. */
  private static long limit(SubjectState s, long clockedTo) {
    return s.lastClockAt == 0 ? clockedTo : Math.max(clockedTo, s.lastClockAt + 1);
  }

  /**
   * Folds into the checkpoint the recent events that are out of reach of corrections: dated more
   * than {@code policy.late.horizon} before the wall clock <b>and</b> written more than the horizon
   * before it – so an event stays correctable for the horizon after it arrived, however old it is
   * (in a backfill one topic may race weeks ahead of another) – and, past {@code
   * policy.late.max-events}, the oldest. The checkpoint fires only clocks the subject has fired
   * (due before {@code limit}); any other is still in it and fires in the next fold. A {@link
   * #HORIZON} clock comes back for what is left, so an idle subject is trimmed too.
   */
  private void trim(SubjectState s, long limit, long now) {
    long horizon = policy.late().horizon().toMillis();
    long byTime = (now == LIVE ? s.lastEventAt : now) - horizon;
    long byArrival = now == LIVE ? Long.MAX_VALUE : now - horizon;
    moveOld(s, limit, now, byTime, byArrival);
    if (s.recent.isEmpty() && s.eventCount > 0) {
      // Nothing left to correct with: the state is its own checkpoint (an earlier event is applied
      // in arrival order), so an idle subject is stored once.
      s.checkpoint = null;
      s.foldedTo = 0;
      s.clocks.remove(HORIZON);
    } else if (now != LIVE && !s.recent.isEmpty()) {
      SubjectState.Recent first = s.recent.get(0);
      s.clocks.put(HORIZON, Math.max(first.event().occurredAt(), first.writtenAt()) + horizon + 1);
    }
  }

  private void moveOld(SubjectState s, long limit, long now, long byTime, long byArrival) {
    int excess = s.recent.size() - policy.late().maxEvents();
    int move = 0;
    while (move < s.recent.size()) {
      SubjectState.Recent r = s.recent.get(move);
      long t = r.event().occurredAt();
      boolean old = t < byTime && r.writtenAt() < byArrival && t < limit;
      if (move >= excess && !old) {
        break;
      }
      move++;
    }
    // Events of one time stay together, so the checkpoint's bound falls between two times.
    while (move > 0
        && move < s.recent.size()
        && s.recent.get(move).event().occurredAt() == s.recent.get(move - 1).event().occurredAt()) {
      move++;
    }
    if (move == 0) {
      return;
    }
    List<SubjectState.Recent> moved = s.recent.subList(0, move);
    long foldedTo = moved.get(move - 1).event().occurredAt() + 1;
    SubjectState cp = fold(s.checkpoint, s.subjectId, moved, Math.min(foldedTo, limit), now);
    PeriodAccounts.seal(cp.periods, foldedTo);
    s.checkpoint = stripped(cp);
    s.foldedTo = foldedTo;
    s.recent = new ArrayList<>(s.recent.subList(move, s.recent.size()));
  }

  /**
   * Whether {@code s} is its own checkpoint: it has a history but keeps no events of it (idle past
   * the horizon, or written before ledger v3).
   */
  private static boolean isOwnCheckpoint(SubjectState s) {
    return s.checkpoint == null && s.recent.isEmpty() && s.eventCount > 0;
  }

  /**
   * Drops the period accounts that no late event can correct any more: their period ended before
   * the checkpoint (a subject that is its own checkpoint keeps them until its next event).
   */
  private static void seal(SubjectState s) {
    if (s.foldedTo > 0) {
      PeriodAccounts.seal(s.periods, s.foldedTo);
    }
  }

  /** A checkpoint holds no events, checkpoint, dedupe ids or horizon clock of its own. */
  private static SubjectState stripped(SubjectState cp) {
    cp.clocks.remove(HORIZON);
    cp.recent = new ArrayList<>();
    cp.checkpoint = null;
    cp.foldedTo = 0;
    cp.seenEvents = new TreeMap<>();
    return cp;
  }

  private boolean seenBefore(SubjectState s, String eventId, long writtenAt) {
    Long seenAt = s.seenEvents.get(eventId);
    return seenAt != null && Math.abs(writtenAt - seenAt) <= policy.dedupe().window().toMillis();
  }

  /**
   * Remembers an event id and forgets ids written more than the window before the newest one. Past
   * the per-subject bound the oldest ids go first: a repeat of one of those would count again.
   */
  private void remember(SubjectState s, String eventId, long writtenAt) {
    Map<String, Long> seen = s.seenEvents;
    seen.put(eventId, writtenAt);
    long newest = Collections.max(seen.values());
    long horizon = newest - policy.dedupe().window().toMillis();
    seen.values().removeIf(at -> at < horizon);
    int max = policy.dedupe().maxIdsPerSubject();
    while (seen.size() > max) {
      seen.entrySet().stream()
          .min(Map.Entry.comparingByValue())
          .map(Map.Entry::getKey)
          .ifPresent(seen::remove);
    }
  }

  /**
   * Handles a clock that fell due: a pure step like {@link #onEvent}. A clock that was moved or
   * stopped since it was indexed is ignored, so a stale index entry never raises an alert. A clock
   * due before an event the subject has already taken in (its source ran ahead of the wall clock)
   * re-folds the subject, so it fires before that event as in event-time order.
   *
   * @param clockedTo clocks due before this have fired (the task's watermark)
   */
  public Outcome onClock(SubjectState state, String clockId, long dueAt, long now, long clockedTo) {
    Long scheduled = state.clocks.get(clockId);
    if (scheduled == null || scheduled != dueAt) {
      return new Outcome(state, List.of(), false);
    }
    if (clockId.equals(HORIZON)) {
      SubjectState s = state.copy();
      s.clocks.remove(HORIZON);
      trim(s, limit(state, clockedTo), now);
      seal(s);
      return new Outcome(s, List.of(), false);
    }
    if (!state.recent.isEmpty()
        && state.recent.get(state.recent.size() - 1).event().occurredAt() > dueAt) {
      long limit = Math.max(limit(state, clockedTo), dueAt + 1);
      Outcome outcome =
          refold(
              state,
              state.checkpoint,
              state.foldedTo,
              new ArrayList<>(state.recent),
              limit,
              now,
              null,
              dueAt);
      outcome.state().lastClockAt = Math.max(outcome.state().lastClockAt, dueAt);
      seal(outcome.state());
      return outcome;
    }
    SubjectState s = state.copy();
    List<AlertDraft> drafts = fire(s, clockId, dueAt, now);
    seal(s);
    return new Outcome(s, drafts, false);
  }

  /** Fires one clock on {@code s}; returns the alerts it caused. */
  private List<AlertDraft> fire(SubjectState s, String clockId, long dueAt, long now) {
    s.clocks.remove(clockId);
    s.lastClockAt = Math.max(s.lastClockAt, dueAt);
    RuleContext ctx = new RuleContext(s, policy, model, now);
    double before = ctx.overall();
    for (Rule rule : rules) {
      if (rule.ownsClock(clockId)) {
        rule.onClock(ctx, clockId, dueAt);
      }
    }
    drop.check(ctx, before, Math.max(dueAt, s.score.asOf()), null);
    return ctx.drafts();
  }

  /**
   * The result of one step.
   *
   * @param state the subject's state after it
   * @param alerts alerts raised and cleared, in order
   * @param duplicate the input was a repeat and was dropped
   */
  public record Outcome(SubjectState state, List<AlertDraft> alerts, boolean duplicate) {}

  /**
   * Takes in the history of an id linked into this subject (R9: the prospect became a customer, the
   * visitor logged in): the subject becomes what it would be had it lived both histories – its
   * recent events and the linked id's folded again in event-time order on top of the two
   * checkpoints combined ({@link ScoringModel#combine}). The linked id's open alerts, cases,
   * promises and clocks come along: an alert keeps the id it was raised for (and so its alert id)
   * and is not raised again; one that the fold no longer holds, or that this subject holds too, is
   * cleared. Event ids merge, so a repeat of either's event is still recognised.
   *
   * @param target this subject's state; null when it has none yet
   * @param targetId this subject's id
   * @param moved the linked id's whole state; null when it had none (only the link is recorded)
   * @param link the id linked in, when, and by which event
   * @return the new state (null when neither had a history) and the alerts and clears it caused
   */
  public Outcome merge(
      SubjectState target,
      String targetId,
      SubjectState moved,
      SubjectState.LinkedId link,
      long now,
      long clockedTo) {
    if (moved == null) {
      if (target == null) {
        return new Outcome(null, List.of(), false);
      }
      SubjectState s = target.copy();
      s.linked.add(link);
      return new Outcome(s, List.of(), false);
    }
    SubjectState arriving = renamed(moved, targetId, link.subjectId());
    if (target == null) {
      arriving.linked.add(link);
      return new Outcome(arriving, List.of(), false);
    }
    long foldedTo = Math.max(foldedTo(target), foldedTo(arriving));
    SubjectState base = combine(checkpointOf(target), checkpointOf(arriving));
    List<SubjectState.Recent> events = new ArrayList<>(target.recent);
    events.addAll(arriving.recent);
    events.sort(RECENT_ORDER);
    long limit =
        Math.max(
            limit(target, clockedTo), arriving.lastClockAt == 0 ? 0 : arriving.lastClockAt + 1);
    SubjectState s = fold(base, targetId, events, limit, now);
    s.seenEvents = new TreeMap<>(target.seenEvents);
    arriving.seenEvents.forEach((id, at) -> s.seenEvents.merge(id, at, Math::max));
    s.recent = events;
    s.checkpoint = base;
    s.foldedTo = foldedTo;
    s.lastClockAt = Math.max(s.lastClockAt, Math.max(target.lastClockAt, arriving.lastClockAt));
    s.linked = new ArrayList<>(target.linked);
    s.linked.addAll(arriving.linked);
    s.linked.add(link);
    seal(s);
    List<AlertDraft> drafts = new ArrayList<>();
    for (Map.Entry<String, SubjectState.ActiveAlert> open : s.alerts.entrySet()) {
      SubjectState.ActiveAlert had = target.alerts.get(open.getKey());
      if (had == null) {
        had = arriving.alerts.get(open.getKey());
      }
      if (had != null) {
        open.setValue(had.copy()); // the alert as raised: its id, its text, who it was for
      } else {
        drafts.add(AlertDraft.raised(open.getKey(), open.getValue()));
      }
    }
    target.alerts.forEach(
        (key, active) -> {
          if (!s.alerts.containsKey(key)) {
            drafts.add(mergedAway(key, active, link));
          }
        });
    arriving.alerts.forEach(
        (key, active) -> {
          if (!s.alerts.containsKey(key) || target.alerts.containsKey(key)) {
            drafts.add(mergedAway(key, active, link));
          }
        });
    return new Outcome(s, drafts, false);
  }

  private static AlertDraft mergedAway(
      String key, SubjectState.ActiveAlert active, SubjectState.LinkedId link) {
    return AlertDraft.cleared(
        key,
        active,
        Math.max(active.raisedAt, link.linkedAt()),
        "Merged: two ids of this customer were linked, and with both histories together this"
            + " alert is no longer open on its own.",
        "Nothing to do for this alert; see the customer's open alerts under the id they are now"
            + " known by.",
        List.of(link.eventId()));
  }

  /**
   * A copy of {@code s} under {@code id}: its events, checkpoint and alerts (raised for {@code
   * was}).
   */
  private static SubjectState renamed(SubjectState s, String id, String was) {
    SubjectState c = s.copy();
    c.subjectId = id;
    c.recent =
        new ArrayList<>(
            s.recent.stream()
                .map(r -> new SubjectState.Recent(renamed(r.event(), id), r.writtenAt()))
                .toList());
    c.alerts.values().forEach(a -> a.raisedFor = a.raisedFor == null ? was : a.raisedFor);
    c.checkpoint = s.checkpoint == null ? null : renamed(s.checkpoint, id, was);
    return c;
  }

  /** {@code e} as an event of {@code subjectId}. */
  public static Touchpoint renamed(Touchpoint e, String subjectId) {
    return new Touchpoint(
        e.eventId(),
        subjectId,
        e.occurredAt(),
        e.source(),
        e.kind(),
        e.intensity(),
        e.customerInitiated(),
        e.payload(),
        e.raw());
  }

  /** The state before a subject's recent events (a ledger from before v3 is its own). */
  private static SubjectState checkpointOf(SubjectState s) {
    if (isOwnCheckpoint(s)) {
      return stripped(s.copy());
    }
    return s.checkpoint;
  }

  private static long foldedTo(SubjectState s) {
    if (isOwnCheckpoint(s)) {
      return Math.max(s.lastEventAt, s.lastClockAt) + 1;
    }
    return s.foldedTo;
  }

  /** Two checkpoints (states without recent events) of one person as one. */
  private SubjectState combine(SubjectState a, SubjectState b) {
    if (a == null || b == null) {
      return a == null ? b : a;
    }
    SubjectState c = a.copy();
    c.score = model.combine(a.score, b.score);
    c.eventCount += b.eventCount;
    c.firstEventAt = Math.min(a.firstEventAt, b.firstEventAt);
    c.lastEventAt = Math.max(a.lastEventAt, b.lastEventAt);
    c.lastActivityAt = Math.max(a.lastActivityAt, b.lastActivityAt);
    if (b.lastBadAt > a.lastBadAt) {
      c.lastBadAt = b.lastBadAt;
      c.lastBadEventId = b.lastBadEventId;
      c.lastBadWhat = b.lastBadWhat;
    }
    b.cases.forEach((k, v) -> c.cases.putIfAbsent(k, v.copy()));
    b.promises.forEach((k, v) -> c.promises.putIfAbsent(k, v.copy()));
    c.brokenPromises.addAll(b.brokenPromises);
    Collections.sort(c.brokenPromises);
    b.failures.forEach((k, v) -> c.failures.putIfAbsent(k, v.copy()));
    if (c.overdue == null && b.overdue != null) {
      c.overdue = b.overdue.copy();
    }
    b.alerts.forEach((k, v) -> c.alerts.putIfAbsent(k, v.copy()));
    b.clocks.forEach((k, v) -> c.clocks.merge(k, v, Math::min));
    c.lastClockAt = Math.max(a.lastClockAt, b.lastClockAt);
    c.linked.addAll(b.linked);
    PeriodAccounts.addAll(c.periods, b.periods);
    return c;
  }

  /**
   * What happened to a subject over the events its ledger still holds (its recent events, from its
   * checkpoint on), told by folding them again in event-time order: every alert raised and cleared
   * – also those no longer open – and every promise settled. Nothing is written; the export of a
   * subject (GDPR Art. 15) shows it beside the ledger.
   *
   * @param from the checkpoint's latest event time, or the first recent event's when there is no
   *     checkpoint: the account starts here
   */
  public record History(long from, List<AlertDraft> alerts, List<SettledPromise> promises) {}

  /**
   * A promise that left the subject's open promises: kept (news came by the promised date) or
   * settled late (after it was broken).
   */
  public record SettledPromise(
      String promiseId,
      String caseId,
      long madeAt,
      long dueAt,
      long settledAt,
      String settledBy,
      boolean kept) {}

  /** {@link History} of {@code state}: empty for a ledger without recent events. */
  public History history(SubjectState state) {
    if (state.recent.isEmpty()) {
      return new History(state.lastEventAt, List.of(), List.of());
    }
    SubjectState s =
        state.checkpoint != null
            ? state.checkpoint.copy()
            : newState(state.subjectId, state.recent.get(0).event().occurredAt());
    long from =
        state.checkpoint != null
            ? state.checkpoint.lastEventAt
            : state.recent.get(0).event().occurredAt();
    long limit = state.lastClockAt + 1;
    List<AlertDraft> alerts = new ArrayList<>();
    List<SettledPromise> promises = new ArrayList<>();
    for (SubjectState.Recent r : state.recent) {
      Map<String, SubjectState.PromiseInfo> open = new TreeMap<>(s.promises);
      step(s, r.event(), limit, LIVE, alerts);
      open.forEach(
          (id, p) -> {
            if (!s.promises.containsKey(id)) {
              promises.add(
                  new SettledPromise(
                      id,
                      p.caseId,
                      p.madeAt,
                      p.dueAt,
                      r.event().occurredAt(),
                      r.event().eventId(),
                      p.brokenAt == null));
            }
          });
    }
    fireUntil(s, limit, LIVE, alerts);
    return new History(from, alerts, promises);
  }
}
