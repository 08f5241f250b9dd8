package dev.touchpoints.producers.simulator;

import dev.touchpoints.avro.CaseKind;
import dev.touchpoints.avro.CaseOutcome;
import dev.touchpoints.avro.ContactChannel;
import dev.touchpoints.avro.ContactPurpose;
import dev.touchpoints.avro.SelfServiceKind;
import dev.touchpoints.avro.SurveyKind;
import java.time.Instant;

/**
 * What each persona does, as processes of a {@link Journey}. Times are epoch millis; every random
 * choice comes from the journey's own random stream.
 */
final class Personas {

  static final long MINUTE = 60_000L;
  static final long HOUR = 60 * MINUTE;
  static final long DAY = 24 * HOUR;

  private static final String[] PAGES = {
    "/", "/products", "/pricing", "/account", "/orders", "/help", "/checkout", "/contact"
  };

  private Personas() {}

  /** Adds the processes of {@code journey.story} starting around {@code start}. */
  static void cast(Journey j, long start) {
    long t0 = start + j.rnd.nextLong(2 * DAY);
    switch (j.story) {
      case CONTENT -> content(j, start, Long.MAX_VALUE);
      case APPLICANT_LEFT_HANGING -> j.add(Processes.once(t0, Personas::applicant));
      case COMPLAINT_NOBODY_UPDATES -> {
        content(j, start, Long.MAX_VALUE);
        j.add(Processes.once(t0 + DAY, Personas::complaintNobodyUpdates));
      }
      case SELF_SERVICE_FAILED -> {
        browsing(j, start, t0 + 3 * DAY);
        j.add(Processes.once(t0 + 3 * DAY, Personas::selfServiceFailed));
      }
      case OVERDUE_THEN_QUIET -> {
        browsing(j, start, t0 + 27 * DAY);
        j.add(Processes.once(t0 + 10 * DAY, Personas::overdueThenQuiet));
      }
      case COMPLAINT_HANDLED_WELL -> {
        content(j, start, Long.MAX_VALUE);
        j.add(Processes.once(t0 + DAY, Personas::complaintHandledWell));
      }
      default -> throw new IllegalArgumentException("not a subject story: " + j.story);
    }
  }

  /** Browsing, monthly invoices paid on time, newsletters. */
  private static void content(Journey j, long start, long until) {
    browsing(j, start, until);
    j.add(Processes.repeating(start + j.rnd.nextLong(30 * DAY), until, Personas::billingCycle));
    j.add(Processes.repeating(start + j.rnd.nextLong(14 * DAY), until, Personas::newsletter));
  }

  private static void browsing(Journey j, long start, long until) {
    j.add(Processes.repeating(start + j.rnd.nextLong(2 * DAY), until, Personas::session));
  }

  /** A visit: maybe a login, a few pages, now and then a kind survey answer. */
  private static long session(Journey j, long at) {
    long t = at;
    if (j.rnd.nextDouble() < 0.15) {
      j.web(t).selfServiceSucceeded(SelfServiceKind.LOGIN);
      t += MINUTE;
    }
    int pages = 1 + j.rnd.nextInt(4);
    for (int i = 0; i < pages; i++) {
      j.web(t).pageViewed(PAGES[j.rnd.nextInt(PAGES.length)]);
      t += 30_000 + j.rnd.nextLong(270_000);
    }
    if (j.rnd.nextDouble() < 0.05) {
      j.support(t)
          .source("survey-tool")
          .surveyAnswered(SurveyKind.CSAT, 4 + j.rnd.nextInt(2), null, null);
    }
    // Roughly exponential gaps, two days on average, at least an hour.
    double gap = -Math.log(1 - j.rnd.nextDouble()) * 2 * DAY;
    return t + HOUR + (long) gap;
  }

  private static long billingCycle(Journey j, long at) {
    String invoice =
        "inv-" + j.subjectId + "-" + Instant.ofEpochMilli(at).toString().substring(0, 10);
    long amount = 1_000 + j.rnd.nextLong(9_000);
    j.billing(at).invoiceIssued(invoice, amount, "EUR", Instant.ofEpochMilli(at + 14 * DAY));
    j.billing(at + DAY + j.rnd.nextLong(9 * DAY)).paymentReceived(invoice, amount, "EUR");
    return at + 30 * DAY;
  }

  private static long newsletter(Journey j, long at) {
    String campaign = "newsletter-" + Instant.ofEpochMilli(at).toString().substring(0, 10);
    j.marketing(at).contactMade(ContactChannel.EMAIL, ContactPurpose.NEWSLETTER, campaign);
    return at + 12 * DAY + j.rnd.nextLong(4 * DAY);
  }

  /**
   * Story 1: answers promised "in the coming weeks", months of silence, then two broken promises.
   */
  private static void applicant(Journey j, long t0) {
    String caseId = "application-" + j.subjectId;
    j.web(t0).source("careers-site").pageViewed("/careers");
    j.support(t0 + 10 * MINUTE)
        .source("recruiting")
        .caseOpened(caseId, CaseKind.APPLICATION, at(t0 + 21 * DAY));
    j.support(t0 + 90 * DAY).source("recruiting").updateSent(caseId, null, null);
    j.support(t0 + 90 * DAY + MINUTE)
        .source("recruiting")
        .caseResolved(caseId, CaseOutcome.DECLINED);
    j.support(t0 + 91 * DAY)
        .source("recruiting")
        .promiseMade(
            "promise-1-" + j.subjectId, caseId, at(t0 + 98 * DAY), "feedback on the interview");
    j.support(t0 + 105 * DAY)
        .source("recruiting")
        .promiseMade(
            "promise-2-" + j.subjectId, caseId, at(t0 + 112 * DAY), "feedback on the interview");
  }

  /** Story 2: a complaint with an update promised in two days, and eight days of silence. */
  private static void complaintNobodyUpdates(Journey j, long t) {
    String caseId = "complaint-" + j.subjectId;
    j.support(t).caseOpened(caseId, CaseKind.COMPLAINT, at(t + 2 * DAY));
    j.support(t + 8 * DAY).updateSent(caseId, null, null);
    j.support(t + 9 * DAY).caseResolved(caseId, CaseOutcome.SOLVED);
  }

  /** Story 4: three failed password resets within a quarter of an hour, then nothing ever again. */
  private static void selfServiceFailed(Journey j, long t) {
    j.web(t).selfServiceFailed(SelfServiceKind.PASSWORD_RESET, "RESET_LINK_EXPIRED");
    j.web(t + 4 * MINUTE).selfServiceFailed(SelfServiceKind.PASSWORD_RESET, "RESET_LINK_EXPIRED");
    j.web(t + 11 * MINUTE).selfServiceFailed(SelfServiceKind.PASSWORD_RESET, "RESET_LINK_EXPIRED");
  }

  /** Story 5: a small invoice, a reminder, overdue – and the visits stopped a few days before. */
  private static void overdueThenQuiet(Journey j, long t) {
    String invoice = "inv-" + j.subjectId + "-tab";
    j.billing(t).invoiceIssued(invoice, 2_000, "EUR", at(t + 14 * DAY));
    j.billing(t + 16 * DAY).reminderSent(invoice);
    j.billing(t + 21 * DAY).invoiceOverdue(invoice, 2_000, "EUR", 7);
  }

  /** Story 6: prompt updates, each before it was due, a solution and a happy survey. */
  private static void complaintHandledWell(Journey j, long t) {
    String caseId = "complaint-" + j.subjectId;
    j.support(t).caseOpened(caseId, CaseKind.COMPLAINT, at(t + DAY));
    j.support(t + 20 * HOUR).updateSent(caseId, null, at(t + 2 * DAY));
    j.support(t + 44 * HOUR).updateSent(caseId, null, at(t + 3 * DAY));
    j.support(t + 60 * HOUR).caseResolved(caseId, CaseOutcome.SOLVED);
    j.support(t + 62 * HOUR).source("survey-tool").surveyAnswered(SurveyKind.CSAT, 5, caseId, null);
  }

  private static Instant at(long millis) {
    return Instant.ofEpochMilli(millis);
  }
}
