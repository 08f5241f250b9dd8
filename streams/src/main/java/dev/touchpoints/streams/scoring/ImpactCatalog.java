package dev.touchpoints.streams.scoring;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How many points each kind of touchpoint moves the experience, before the negative/positive
 * weighting (R1, R2). Keys are hierarchical ({@code web.self_service_failed.password_reset}); a key
 * without an entry falls back to its parent ({@code web.self_service_failed}), and an unknown kind
 * is neutral. Adding a source is adding entries here.
 */
public final class ImpactCatalog {

  private static final Map<String, Double> DEFAULTS = defaultEntries();

  private final Map<String, Double> points;

  private ImpactCatalog(Map<String, Double> points) {
    this.points = Collections.unmodifiableMap(new TreeMap<>(points));
  }

  /** The built-in catalog. */
  public static ImpactCatalog defaults() {
    return new ImpactCatalog(DEFAULTS);
  }

  /** An explicit catalog. */
  public static ImpactCatalog of(Map<String, Double> points) {
    return new ImpactCatalog(points);
  }

  /** A copy with entries added or replaced. */
  public ImpactCatalog with(Map<String, Double> overrides) {
    Map<String, Double> copy = new TreeMap<>(points);
    copy.putAll(overrides);
    return new ImpactCatalog(copy);
  }

  /** The most specific entry for {@code key}, if any. */
  public Optional<String> match(String key) {
    String candidate = key;
    while (true) {
      if (points.containsKey(candidate)) {
        return Optional.of(candidate);
      }
      int dot = candidate.lastIndexOf('.');
      if (dot < 0) {
        return Optional.empty();
      }
      candidate = candidate.substring(0, dot);
    }
  }

  /** Raw points of {@code key} (negative for a bad moment), 0 when the catalog does not know it. */
  public double points(String key) {
    return match(key).map(points::get).orElse(0.0);
  }

  /** Every entry, sorted by key. */
  public Map<String, Double> entries() {
    return points;
  }

  private static Map<String, Double> defaultEntries() {
    Map<String, Double> m = new TreeMap<>();
    m.put("web.page_viewed", 0.1);
    m.put("web.self_service_succeeded", 1.0);
    m.put("web.self_service_failed", -2.0);
    m.put("web.error_page", -1.5);
    m.put("web.checkout_error", -3.0);
    m.put("web.out_of_stock", -2.0);
    m.put("web.error_other", -1.0);
    m.put("web.form_abandoned", -1.0);
    m.put("billing.invoice_issued", 0.0);
    m.put("billing.reminder_sent", -0.5);
    m.put("billing.invoice_overdue", -2.0);
    m.put("billing.payment_received", 1.0);
    m.put("billing.payment_failed", -2.0);
    m.put("billing.dispute_opened", -4.0);
    m.put("billing.dispute_resolved.in_customer_favour", 3.0);
    m.put("billing.dispute_resolved.settled", 2.0);
    m.put("billing.dispute_resolved.in_company_favour", -1.0);
    m.put("billing.refund_issued", 2.0);
    m.put("support.case_opened", -0.5);
    m.put("support.case_opened.complaint", -5.0);
    m.put("support.case_opened.application", 0.0);
    m.put("support.update_sent", 1.0);
    m.put("support.promise_made", 0.5);
    m.put("support.promise_broken", -6.0);
    m.put("support.left_in_silence", -3.0);
    m.put("support.case_resolved.solved", 4.0);
    m.put("support.case_resolved.declined", -2.0);
    m.put("support.case_resolved.withdrawn", 0.0);
    m.put("support.case_reopened", -3.0);
    // Surveys: the entry is the largest magnitude; the answer scales it between -1 and +1 (R10).
    m.put("support.survey.csat", 5.0);
    m.put("support.survey.nps", 5.0);
    m.put("marketing.contact", 0.0);
    m.put("marketing.contact.sales", -0.5);
    m.put("marketing.contact.campaign", -0.3);
    m.put("marketing.contact.service_info", 0.5);
    return m;
  }
}
