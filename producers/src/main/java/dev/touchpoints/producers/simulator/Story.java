package dev.touchpoints.producers.simulator;

/** Which of the DOMAIN.md stories a simulated subject (or event) plays. */
public enum Story {
  /** The majority: browses, pays on time, answers the odd survey kindly. */
  CONTENT,
  /** Story 1: a prospect promised answers that never come (R4, R9). */
  APPLICANT_LEFT_HANGING,
  /** Story 2: a complaint left without updates for days (R4). */
  COMPLAINT_NOBODY_UPDATES,
  /** Story 4: three failed password resets, then silence (R5). */
  SELF_SERVICE_FAILED,
  /** Story 5: an invoice goes overdue and the visits stop (R11). */
  OVERDUE_THEN_QUIET,
  /** Story 6: a complaint answered promptly, resolved, and a good survey (R7). */
  COMPLAINT_HANDLED_WELL,
  /** Story 3: hundreds of subjects hitting checkout errors within minutes (R6). */
  INCIDENT_WAVE
}
