package dev.touchpoints.streams;

import dev.touchpoints.core.config.AppConfig;
import dev.touchpoints.core.validation.EventValidator;
import dev.touchpoints.streams.query.QuerySettings;
import dev.touchpoints.streams.scoring.ImpactCatalog;
import dev.touchpoints.streams.scoring.ScoringSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Every threshold and duration of the experience engine, in one place, read from {@code policy.*}
 * settings (see {@code docs/configuration.md}). Tests shrink "3 days" to seconds here.
 *
 * @param scoring the scoring model (R2, R3, R10)
 * @param clock how event time and wall-clock time combine for time-based alerts
 * @param dedupe how repeated event ids are dropped
 * @param maxFutureSkew how far an event may claim to have happened after its record was written
 *     ({@code policy.validation.max-future-skew}, read as the publisher reads it: {@link
 *     EventValidator#maxFutureSkew})
 * @param badMomentPoints weighted points at or below which a moment counts as a bad experience
 * @param silence left-in-silence (R4)
 * @param promises broken promises (R4)
 * @param selfService failed self-service (R5)
 * @param incident failure spikes (R6)
 * @param drop experience drops
 * @param winBack win-back opportunities (R7)
 * @param pushy pushy contact (R8)
 * @param quiet overdue then quiet (R11)
 * @param alerts what is sent to ops
 * @param late how far back a late event corrects decisions already made
 * @param identity how many ids may be linked into one subject
 * @param index the experience index
 */
public record Policy(
    ScoringSettings scoring,
    Clock clock,
    Dedupe dedupe,
    Duration maxFutureSkew,
    double badMomentPoints,
    Silence silence,
    Promises promises,
    SelfService selfService,
    Incident incident,
    Drop drop,
    WinBack winBack,
    Pushy pushy,
    Quiet quiet,
    Alerts alerts,
    Late late,
    Identity identity,
    Index index) {

  /** Prefix of every policy setting. */
  public static final String PREFIX = "policy.";

  /** Prefix of catalog overrides: {@code policy.scoring.catalog.web.checkout_error=-4}. */
  public static final String CATALOG_PREFIX = "policy.scoring.catalog.";

  /**
   * How event time and wall-clock time combine for due dates: the watermark (see {@code
   * docs/alerts.md}, "Time").
   *
   * @param outOfOrder how far behind its highest event time a source may still deliver: a due date
   *     fires once every active source is this far past it
   * @param idleAfter wall-clock time without input after which a source is left out of the
   *     watermark (and with every source idle, the wall clock rules)
   * @param checkInterval how often the wall-clock punctuator looks
   */
  public record Clock(Duration outOfOrder, Duration idleAfter, Duration checkInterval) {}

  /**
   * Dropping repeated events. Each subject's ledger keeps the ids of its events written within the
   * window; past {@code maxIdsPerSubject} the oldest are forgotten first.
   *
   * @param window how long after its record was written an event id is remembered
   * @param maxIdsPerSubject the most ids one subject keeps
   */
  public record Dedupe(Duration window, int maxIdsPerSubject) {}

  /**
   * Left in silence.
   *
   * @param defaultUpdateInterval next update due when a case opens or is updated without a date
   */
  public record Silence(Duration defaultUpdateInterval) {}

  /**
   * Broken promises.
   *
   * @param repeatWindow window in which broken promises to one subject add up
   * @param repeatCritical broken promises within the window from which the alert is CRITICAL
   */
  public record Promises(Duration repeatWindow, int repeatCritical) {}

  /**
   * Failed self-service.
   *
   * @param failures failures without a success that raise the alert
   * @param window the failures must fall within this window
   * @param clearAfter the alert clears by itself after this long without news
   */
  public record SelfService(int failures, Duration window, Duration clearAfter) {}

  /**
   * Failure spikes on one touchpoint kind.
   *
   * @param kinds catalog key prefixes whose events count as failures
   * @param window counting window
   * @param minAffected distinct subjects in a window from which an incident may open
   * @param baselineMultiplier an incident opens when affected subjects exceed this times baseline
   * @param baselineAlpha weight of the newest window in the baseline's moving average
   * @param updateMinInterval least event time between two UPDATED records
   * @param updateGrowth growth of affected subjects (fraction) that warrants an UPDATED record
   * @param criticalAffected affected subjects from which the incident is CRITICAL
   * @param reportInterval once the failures of an open incident pause this long (wall clock), a
   *     grown affected count is published (UPDATED) – so a burst faster than {@code
   *     updateMinInterval} still shows its real size within seconds
   * @param foldWait how long (event time) a per-customer alert caused by a failure of an incident
   *     kind waits before it is sent, so that an incident that covers its cause can still open and
   *     fold it (an incident's span begins one window before the window it opened in); one window
   *     by default – the price is that support hears of a failed self-service that much later (R5).
   *     Zero: decided on arrival, folded only into an incident already open
   */
  public record Incident(
      List<String> kinds,
      Duration window,
      int minAffected,
      double baselineMultiplier,
      double baselineAlpha,
      Duration updateMinInterval,
      double updateGrowth,
      int criticalAffected,
      Duration reportInterval,
      Duration foldWait) {}

  /**
   * Experience drops.
   *
   * @param below overall score under which the alert is raised
   * @param points fall in overall score within {@code window} that raises the alert
   * @param window window of the fall
   * @param recoverMargin points above {@code below} needed to clear
   */
  public record Drop(double below, double points, Duration window, double recoverMargin) {}

  /**
   * Win-back opportunities.
   *
   * @param lookback a bad experience this recent makes a resolution a win-back opportunity
   * @param expireAfter the opportunity clears after this long
   */
  public record WinBack(Duration lookback, Duration expireAfter) {}

  /**
   * Pushy contact.
   *
   * @param badExperienceWindow a bad moment this recent makes sales contact pushy
   */
  public record Pushy(Duration badExperienceWindow) {}

  /**
   * Overdue then quiet.
   *
   * @param after quiet time after an overdue invoice that raises the alert
   */
  public record Quiet(Duration after) {}

  /**
   * What reaches ops.
   *
   * @param maxAge an alert whose cause lies further than this before the wall clock is history: it
   *     is kept in the subject's ledger (marked historic) but not sent to the alert topics, so a
   *     backfill or a source catching up pages no one
   */
  public record Alerts(Duration maxAge) {}

  /**
   * Late events (see {@code docs/alerts.md}, "Time").
   *
   * @param horizon how long corrections reach back: an event stays among its subject's recent
   *     events until it is dated more than this before the wall clock and arrived more than this
   *     ago. A late event dated after the checkpoint re-folds the subject in event-time order, so
   *     it ends exactly as if the event had arrived in order (alerts that should not have fired are
   *     cleared and their score penalty retracted); an earlier one is applied to the checkpoint in
   *     arrival order: it counts, but decisions before it are not revisited
   * @param maxEvents most events kept per subject for corrections; past it the oldest are folded
   *     into the checkpoint early (a subject this busy gets a shorter horizon)
   */
  public record Late(Duration horizon, int maxEvents) {}

  /**
   * Linking ids of one person (R9).
   *
   * @param maxLinked most ids linked into one subject; a link beyond it is refused
   */
  public record Identity(int maxLinked) {}

  /**
   * The experience index ({@code docs/scoring.md}, "The experience index").
   *
   * @param enabled whether subjects keep period accounts and the index is computed at all
   * @param flushInterval how often each task sends on what changed in its periods' figures
   * @param atRiskBelow the at-risk line it counts with: the query API's ({@code
   *     query.at-risk.below}), so the index and the console agree
   */
  public record Index(boolean enabled, Duration flushInterval, double atRiskBelow) {}

  /** The defaults. */
  public static Policy defaults() {
    return fromConfig(AppConfig.of(Map.of(), Map.of()));
  }

  /**
   * Reads every {@code policy.*} setting ({@link PolicySettings}), with the documented defaults.
   */
  public static Policy fromConfig(AppConfig c) {
    ScoringSettings scoring =
        new ScoringSettings(
            c.get(PolicySettings.NEGATIVE_WEIGHT),
            c.get(PolicySettings.POSITIVE_WEIGHT),
            c.get(PolicySettings.BAD_HALF_LIFE),
            c.get(PolicySettings.GOOD_HALF_LIFE),
            c.get(PolicySettings.SCALE),
            c.get(PolicySettings.EPISODE_WINDOW),
            c.get(PolicySettings.EPISODE_CAP),
            c.get(PolicySettings.TREND_LOOKBACK),
            c.get(PolicySettings.SNAPSHOT_INTERVAL),
            c.get(PolicySettings.SNAPSHOT_COUNT),
            c.get(PolicySettings.MAX_REASONS),
            c.get(PolicySettings.RECENT_TOUCHPOINTS),
            ImpactCatalog.defaults().with(c.family(PolicySettings.CATALOG)));
    return new Policy(
        scoring,
        new Clock(
            c.get(PolicySettings.CLOCK_OUT_OF_ORDER),
            c.get(PolicySettings.CLOCK_IDLE_AFTER),
            c.get(PolicySettings.CLOCK_CHECK_INTERVAL)),
        new Dedupe(c.get(PolicySettings.DEDUPE_WINDOW), c.get(PolicySettings.DEDUPE_MAX_IDS)),
        EventValidator.maxFutureSkew(c),
        c.get(PolicySettings.BAD_MOMENT_POINTS),
        new Silence(c.get(PolicySettings.SILENCE_DEFAULT_UPDATE_INTERVAL)),
        new Promises(
            c.get(PolicySettings.PROMISE_REPEAT_WINDOW),
            c.get(PolicySettings.PROMISE_REPEAT_CRITICAL)),
        new SelfService(
            c.get(PolicySettings.SELF_SERVICE_FAILURES),
            c.get(PolicySettings.SELF_SERVICE_WINDOW),
            c.get(PolicySettings.SELF_SERVICE_CLEAR_AFTER)),
        new Incident(
            c.get(PolicySettings.INCIDENT_KINDS),
            c.get(PolicySettings.INCIDENT_WINDOW),
            c.get(PolicySettings.INCIDENT_MIN_AFFECTED),
            c.get(PolicySettings.INCIDENT_BASELINE_MULTIPLIER),
            c.get(PolicySettings.INCIDENT_BASELINE_ALPHA),
            c.get(PolicySettings.INCIDENT_UPDATE_MIN_INTERVAL),
            c.get(PolicySettings.INCIDENT_UPDATE_GROWTH),
            c.get(PolicySettings.INCIDENT_CRITICAL_AFFECTED),
            c.get(PolicySettings.INCIDENT_REPORT_INTERVAL),
            c.get(PolicySettings.INCIDENT_FOLD_WAIT, c.get(PolicySettings.INCIDENT_WINDOW))),
        new Drop(
            c.get(PolicySettings.DROP_BELOW),
            c.get(PolicySettings.DROP_POINTS),
            c.get(PolicySettings.DROP_WINDOW),
            c.get(PolicySettings.DROP_RECOVER_MARGIN)),
        new WinBack(
            c.get(PolicySettings.WIN_BACK_LOOKBACK), c.get(PolicySettings.WIN_BACK_EXPIRE_AFTER)),
        new Pushy(c.get(PolicySettings.PUSHY_WINDOW)),
        new Quiet(c.get(PolicySettings.QUIET_AFTER)),
        new Alerts(c.get(PolicySettings.ALERTS_MAX_AGE)),
        new Late(c.get(PolicySettings.LATE_HORIZON), c.get(PolicySettings.LATE_MAX_EVENTS)),
        new Identity(c.get(PolicySettings.IDENTITY_MAX_LINKED)),
        new Index(
            c.get(PolicySettings.INDEX_ENABLED),
            c.get(PolicySettings.INDEX_FLUSH_INTERVAL),
            c.get(QuerySettings.AT_RISK_BELOW)));
  }

  /** Whether a catalog key counts as a failure for incident detection (R6). */
  public boolean isIncidentKind(String kind) {
    return incident.kinds().stream().anyMatch(p -> kind.equals(p) || kind.startsWith(p + "."));
  }
}
