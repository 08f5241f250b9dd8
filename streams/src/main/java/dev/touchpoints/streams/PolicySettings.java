package dev.touchpoints.streams;

import static java.time.Duration.ZERO;
import static java.time.Duration.ofDays;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;

import dev.touchpoints.core.config.Setting;
import dev.touchpoints.core.config.Setting.Type;
import dev.touchpoints.streams.scoring.ScoringSettings;
import java.time.Duration;
import java.util.List;

/**
 * Every {@code policy.*} setting of the experience engine, declared once with its default and range
 * ({@code docs/configuration.md}, "Policy"); {@link Policy#fromConfig} reads them.
 */
public final class PolicySettings {

  private PolicySettings() {}

  private static final ScoringSettings SCORING = ScoringSettings.defaults();
  private static final Duration MS = Duration.ofMillis(1);

  public static final Setting<Double> NEGATIVE_WEIGHT =
      Setting.decimal(
              "policy.scoring.negative-weight", SCORING.negativeWeight(), "bad moments' multiplier")
          .above(0.0);
  public static final Setting<Double> POSITIVE_WEIGHT =
      Setting.decimal(
              "policy.scoring.positive-weight",
              SCORING.positiveWeight(),
              "good moments' multiplier")
          .above(0.0);
  public static final Setting<Duration> BAD_HALF_LIFE =
      Setting.duration("policy.scoring.bad-half-life", SCORING.badHalfLife(), "bad memory halves")
          .atLeast(MS);
  public static final Setting<Duration> GOOD_HALF_LIFE =
      Setting.duration(
              "policy.scoring.good-half-life", SCORING.goodHalfLife(), "good memory halves")
          .atLeast(MS);
  public static final Setting<Double> SCALE =
      Setting.decimal("policy.scoring.scale", SCORING.scale(), "points at which a score is 88/12")
          .above(0.0);
  public static final Setting<Duration> EPISODE_WINDOW =
      Setting.duration("policy.scoring.episode-window", SCORING.episodeWindow(), "one episode")
          .atLeast(ZERO);
  public static final Setting<Double> EPISODE_CAP =
      Setting.decimal("policy.scoring.episode-cap", SCORING.episodeCap(), "an episode's weight")
          .atLeast(1.0);
  public static final Setting<Duration> TREND_LOOKBACK =
      Setting.duration("policy.scoring.trend-lookback", SCORING.trendLookback(), "trend lookback")
          .atLeast(MS);
  public static final Setting<Duration> SNAPSHOT_INTERVAL =
      Setting.duration(
              "policy.scoring.snapshot-interval", SCORING.snapshotInterval(), "one snapshot per")
          .atLeast(MS);
  public static final Setting<Integer> SNAPSHOT_COUNT =
      Setting.integer("policy.scoring.snapshot-count", SCORING.snapshotCount(), "snapshots kept")
          .atLeast(1);
  public static final Setting<Integer> MAX_REASONS =
      Setting.integer("policy.scoring.max-reasons", SCORING.maxReasons(), "moments explained")
          .atLeast(0);
  public static final Setting<Integer> RECENT_TOUCHPOINTS =
      Setting.integer(
              "policy.scoring.recent-touchpoints",
              SCORING.recentTouchpoints(),
              "touchpoints listed")
          .atLeast(0);

  /** {@code policy.scoring.catalog.web.checkout_error=-4}: raw points of a touchpoint kind. */
  public static final Setting<Double> CATALOG =
      Setting.family(Policy.CATALOG_PREFIX, Type.DOUBLE, "raw points of a touchpoint kind");

  public static final Setting<Double> BAD_MOMENT_POINTS =
      Setting.decimal("policy.bad-moment.points", -20.0, "at or below: a bad experience");

  /** {@code policy.clock.grace} is its name from before the watermark, still honoured. */
  public static final Setting<Duration> CLOCK_OUT_OF_ORDER =
      Setting.duration("policy.clock.out-of-order", ofMinutes(5), "bounded out-of-orderness")
          .alias("policy.clock.grace")
          .atLeast(ZERO);

  public static final Setting<Duration> CLOCK_IDLE_AFTER =
      Setting.duration("policy.clock.idle-after", ofMinutes(2), "idle partitions left out")
          .atLeast(MS);
  public static final Setting<Duration> CLOCK_CHECK_INTERVAL =
      Setting.duration("policy.clock.check-interval", ofSeconds(30), "wall-clock punctuation")
          .atLeast(MS);
  public static final Setting<Duration> DEDUPE_WINDOW =
      Setting.duration("policy.dedupe.window", ofDays(7), "event ids remembered").atLeast(ZERO);
  public static final Setting<Integer> DEDUPE_MAX_IDS =
      Setting.integer("policy.dedupe.max-ids-per-subject", 1000, "ids kept per subject").atLeast(1);
  public static final Setting<Duration> SILENCE_DEFAULT_UPDATE_INTERVAL =
      Setting.duration("policy.silence.default-update-interval", ofDays(3), "next update due after")
          .atLeast(MS);
  public static final Setting<Duration> PROMISE_REPEAT_WINDOW =
      Setting.duration("policy.promise.repeat-window", ofDays(90), "broken promises add up")
          .atLeast(ZERO);
  public static final Setting<Integer> PROMISE_REPEAT_CRITICAL =
      Setting.integer("policy.promise.repeat-critical", 2, "broken promises: CRITICAL").atLeast(1);
  public static final Setting<Integer> SELF_SERVICE_FAILURES =
      Setting.integer("policy.self-service.failures", 3, "failures that raise an alert").atLeast(1);
  public static final Setting<Duration> SELF_SERVICE_WINDOW =
      Setting.duration("policy.self-service.window", ofHours(1), "within this window").atLeast(MS);
  public static final Setting<Duration> SELF_SERVICE_CLEAR_AFTER =
      Setting.duration("policy.self-service.clear-after", ofDays(7), "alert clears after")
          .atLeast(ZERO);
  public static final Setting<List<String>> INCIDENT_KINDS =
      Setting.list(
          "policy.incident.kinds",
          "web.checkout_error,web.error_page,web.out_of_stock,web.self_service_failed,"
              + "billing.payment_failed",
          "catalog key prefixes counted as failures");
  public static final Setting<Duration> INCIDENT_WINDOW =
      Setting.duration("policy.incident.window", ofMinutes(5), "counting window").atLeast(MS);
  public static final Setting<Integer> INCIDENT_MIN_AFFECTED =
      Setting.integer("policy.incident.min-affected", 20, "subjects to open").atLeast(1);
  public static final Setting<Double> INCIDENT_BASELINE_MULTIPLIER =
      Setting.decimal("policy.incident.baseline-multiplier", 5.0, "times the usual").above(0.0);
  public static final Setting<Double> INCIDENT_BASELINE_ALPHA =
      Setting.decimal("policy.incident.baseline-alpha", 0.1, "newest window's weight")
          .between(0.0, 1.0);
  public static final Setting<Duration> INCIDENT_UPDATE_MIN_INTERVAL =
      Setting.duration("policy.incident.update-min-interval", ofMinutes(1), "one UPDATED per")
          .atLeast(ZERO);
  public static final Setting<Double> INCIDENT_UPDATE_GROWTH =
      Setting.decimal("policy.incident.update-growth", 0.25, "growth for an UPDATED").atLeast(0.0);
  public static final Setting<Integer> INCIDENT_CRITICAL_AFFECTED =
      Setting.integer("policy.incident.critical-affected", 200, "subjects: CRITICAL").atLeast(1);
  public static final Setting<Duration> INCIDENT_REPORT_INTERVAL =
      Setting.duration("policy.incident.report-interval", ofSeconds(2), "pause before UPDATED")
          .atLeast(MS);

  /** Unset: the incident window. */
  public static final Setting<Duration> INCIDENT_FOLD_WAIT =
      Setting.duration("policy.incident.fold-wait", null, "alert waits for an incident")
          .atLeast(ZERO);

  public static final Setting<Double> DROP_BELOW =
      Setting.decimal("policy.drop.below", 20.0, "overall below this").between(0.0, 100.0);
  public static final Setting<Double> DROP_POINTS =
      Setting.decimal("policy.drop.points", 30.0, "points below its peak").atLeast(0.0);
  public static final Setting<Duration> DROP_WINDOW =
      Setting.duration("policy.drop.window", ofDays(7), "within this window").atLeast(MS);
  public static final Setting<Double> DROP_RECOVER_MARGIN =
      Setting.decimal("policy.drop.recover-margin", 5.0, "clears above below + this").atLeast(0.0);
  public static final Setting<Duration> WIN_BACK_LOOKBACK =
      Setting.duration("policy.win-back.lookback", ofDays(90), "resolution after bad moment")
          .atLeast(ZERO);
  public static final Setting<Duration> WIN_BACK_EXPIRE_AFTER =
      Setting.duration("policy.win-back.expire-after", ofDays(14), "opportunity clears after")
          .atLeast(ZERO);
  public static final Setting<Duration> PUSHY_WINDOW =
      Setting.duration("policy.pushy.bad-experience-window", ofDays(30), "contact is pushy")
          .atLeast(ZERO);
  public static final Setting<Duration> QUIET_AFTER =
      Setting.duration("policy.quiet.after", ofDays(14), "quiet after an overdue invoice")
          .atLeast(MS);
  public static final Setting<Duration> ALERTS_MAX_AGE =
      Setting.duration("policy.alerts.max-age", ofHours(24), "older causes are not sent")
          .atLeast(ZERO);
  public static final Setting<Duration> LATE_HORIZON =
      Setting.duration("policy.late.horizon", ofDays(7), "corrections reach back").atLeast(ZERO);
  public static final Setting<Integer> LATE_MAX_EVENTS =
      Setting.integer("policy.late.max-events", 200, "events kept for corrections").atLeast(0);
  public static final Setting<Integer> IDENTITY_MAX_LINKED =
      Setting.integer("policy.identity.max-linked", 20, "ids linked into one subject").atLeast(1);
  public static final Setting<Boolean> INDEX_ENABLED =
      Setting.bool("policy.index.enabled", true, "keep the experience index");
  public static final Setting<Duration> INDEX_FLUSH_INTERVAL =
      Setting.duration("policy.index.flush-interval", ofSeconds(5), "index sent on every")
          .atLeast(MS);
}
