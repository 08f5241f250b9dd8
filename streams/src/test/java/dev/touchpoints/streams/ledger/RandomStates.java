package dev.touchpoints.streams.ledger;

import dev.touchpoints.avro.AlertType;
import dev.touchpoints.avro.CaseKind;
import dev.touchpoints.avro.Severity;
import dev.touchpoints.streams.TestData;
import dev.touchpoints.streams.model.Touchpoint;
import dev.touchpoints.streams.rules.SubjectState;
import dev.touchpoints.streams.scoring.ScoreState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.avro.specific.SpecificRecord;

/** Subject states with every slice filled at random, nulls included where the ledger allows. */
final class RandomStates {

  private RandomStates() {}

  static SubjectState of(long seed) {
    Random r = new Random(seed);
    SubjectState s = slices(r);
    s.lastClockAt = r.nextBoolean() ? 0 : time(r);
    for (int i = r.nextInt(5); i > 0; i--) {
      s.recent.add(new SubjectState.Recent(recentEvent(r, s.subjectId, i), time(r)));
    }
    if (r.nextBoolean()) {
      s.checkpoint = slices(r);
      s.checkpoint.subjectId = s.subjectId;
      s.foldedTo = time(r);
    }
    return s;
  }

  /** One of each payload family, restored as the engine restores a kept event. */
  private static Touchpoint recentEvent(Random r, String subject, int i) {
    Instant at = Instant.ofEpochMilli(time(r));
    SpecificRecord event =
        switch (r.nextInt(4)) {
          case 0 -> TestData.web(subject, at, TestData.failedPasswordReset());
          case 1 -> TestData.billing(subject, at, TestData.paymentReceived("inv-" + i, 1999));
          case 2 ->
              TestData.support(subject, at, TestData.promise("p-" + i, "c-1", at, "ääkköset"));
          default -> TestData.support(subject, at, TestData.csat(1 + r.nextInt(5), null));
        };
    return TestData.touchpoint(event).withoutRaw();
  }

  private static SubjectState slices(Random r) {
    SubjectState s = new SubjectState();
    s.subjectId = "subject|" + r.nextInt(1000);
    s.score = score(r);
    s.eventCount = r.nextInt(10_000);
    s.firstEventAt = time(r);
    s.lastEventAt = time(r);
    s.lastActivityAt = time(r);
    s.lastBadAt = time(r);
    s.lastBadEventId = maybe(r, "evt-bad");
    s.lastBadWhat = maybe(r, "a broken promise");
    for (int i = r.nextInt(4); i > 0; i--) {
      SubjectState.CaseInfo c = new SubjectState.CaseInfo();
      c.kind = CaseKind.values()[r.nextInt(CaseKind.values().length)];
      c.openedAt = time(r);
      c.openedEventId = maybe(r, "evt-open");
      c.nextUpdateDueAt = r.nextBoolean() ? time(r) : null;
      c.lastUpdateAt = time(r);
      c.lastUpdateEventId = maybe(r, "evt-update");
      s.cases.put("case-" + i, c);
    }
    for (int i = r.nextInt(4); i > 0; i--) {
      SubjectState.PromiseInfo p = new SubjectState.PromiseInfo();
      p.caseId = maybe(r, "case-1");
      p.madeAt = time(r);
      p.dueAt = time(r);
      p.eventId = maybe(r, "evt-promise");
      p.description = maybe(r, "a call back – ääkköset too");
      p.brokenAt = r.nextBoolean() ? time(r) : null;
      s.promises.put("p-" + i, p);
      s.brokenPromises.add(time(r));
    }
    for (int i = r.nextInt(3); i > 0; i--) {
      SubjectState.FailureRun f = new SubjectState.FailureRun();
      f.count = r.nextInt(9);
      f.firstAt = time(r);
      f.lastAt = time(r);
      f.eventIds = new ArrayList<>(List.of("e-" + r.nextInt(), "e-" + r.nextInt()));
      s.failures.put("web.self_service_failed.kind" + i, f);
    }
    if (r.nextBoolean()) {
      s.overdue = new SubjectState.Overdue();
      s.overdue.invoiceId = maybe(r, "inv-1");
      s.overdue.since = time(r);
      s.overdue.eventId = maybe(r, "evt-overdue");
      s.overdue.amountCents = r.nextInt(100_000);
      s.overdue.currency = maybe(r, "EUR");
    }
    for (int i = r.nextInt(4); i > 0; i--) {
      SubjectState.ActiveAlert a = new SubjectState.ActiveAlert();
      a.type = AlertType.values()[r.nextInt(AlertType.values().length)];
      a.severity = Severity.values()[r.nextInt(Severity.values().length)];
      a.raisedAt = time(r);
      a.evidence = new ArrayList<>(List.of("e-" + r.nextInt()));
      a.incidentId = maybe(r, "inc-1");
      a.why = maybe(r, "Why it matters.");
      a.nextStep = maybe(r, "What to do.");
      a.historic = r.nextBoolean();
      a.foldKind = maybe(r, "web.checkout_error");
      s.alerts.put("key:" + i, a);
    }
    for (int i = r.nextInt(4); i > 0; i--) {
      s.clocks.put("clock:" + i, time(r));
    }
    for (int i = r.nextInt(6); i > 0; i--) {
      s.seenEvents.put("evt-" + r.nextInt(), time(r));
    }
    return s;
  }

  private static ScoreState score(Random r) {
    double[] memory = new double[ScoreState.OVERALL + 1];
    for (int i = 0; i < memory.length; i++) {
      memory[i] = r.nextGaussian() * 50;
    }
    List<ScoreState.Snapshot> snapshots = new ArrayList<>();
    for (int i = r.nextInt(5); i > 0; i--) {
      snapshots.add(new ScoreState.Snapshot(time(r), r.nextDouble()));
    }
    List<ScoreState.Contribution> contributions = new ArrayList<>();
    for (int i = r.nextInt(5); i > 0; i--) {
      contributions.add(
          new ScoreState.Contribution("web.page_viewed", time(r), r.nextDouble(), maybe(r, "e")));
    }
    List<ScoreState.Episode> episodes = new ArrayList<>();
    for (int i = r.nextInt(3); i > 0; i--) {
      episodes.add(
          new ScoreState.Episode(
              "web.checkout_error",
              time(r),
              1 + r.nextInt(9),
              -33 * r.nextDouble(),
              maybe(r, "e")));
    }
    return new ScoreState(
        memory, time(r), time(r), snapshots, contributions, List.copyOf(contributions), episodes);
  }

  private static long time(Random r) {
    return 1_700_000_000_000L + r.nextInt(1_000_000_000);
  }

  private static String maybe(Random r, String value) {
    return r.nextInt(4) == 0 ? null : value;
  }
}
