package dev.touchpoints.streams.processors;

import dev.touchpoints.avro.CustomerAlert;
import dev.touchpoints.avro.CustomerExperience;
import dev.touchpoints.avro.ErasureAudit;
import dev.touchpoints.streams.Policy;
import dev.touchpoints.streams.StoreNames;
import dev.touchpoints.streams.ledger.DueIndex;
import dev.touchpoints.streams.ledger.IndexDeltas;
import dev.touchpoints.streams.ledger.LedgerWriter;
import dev.touchpoints.streams.messages.Decoded;
import dev.touchpoints.streams.messages.Emitted;
import dev.touchpoints.streams.messages.IncidentSignal;
import dev.touchpoints.streams.messages.Transfer;
import dev.touchpoints.streams.model.RawRecord;
import dev.touchpoints.streams.model.Touchpoint;
import dev.touchpoints.streams.rules.Rule;
import dev.touchpoints.streams.rules.SubjectState;
import dev.touchpoints.streams.state.KeyValues;
import dev.touchpoints.streams.state.Link;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hosts the {@link LedgerWriter} – the single writer of the subject ledger – on the task's state
 * stores, and forwards what it decides: views, alerts, dead letters, and signals for incident
 * detection (failures, and the alerts they caused, which incident detection folds or sends). Clocks
 * fall due when the task's watermark ({@code ledger.Watermark}) passes them – as records arrive and
 * on wall-clock ticks. A touchpoint whose step fails is dead-lettered; a clock whose step fails is
 * logged and counted ({@value #METRIC_SCOPE} metrics {@code clock-failures-total}, {@code
 * processing-failures-total}); neither stops the stream thread.
 *
 * <p>It also takes erasure requests (forgets a subject, counted in {@code erasures-total}; events
 * of erased subjects dropped later in {@code erased-subject-events-total}), identity links and the
 * messages of the hop between subjects' partitions that a link sets off ({@link Transfer}), and
 * what ops did about open alerts ({@code alert-actions-total}; those for alerts no longer open in
 * {@code alert-actions-not-open-total}).
 */
public final class ExperienceProcessor implements Processor<String, Decoded, String, Emitted> {

  static final String NAME = "experience-processor";

  /** Metric scope of the processor's own sensors (group {@code stream-touchpoints-metrics}). */
  public static final String METRIC_SCOPE = "touchpoints";

  private static final Logger LOG = LoggerFactory.getLogger(ExperienceProcessor.class);

  private final Policy policy;
  private final List<Rule> extraRules;
  private ProcessorContext<String, Emitted> context;
  private LedgerWriter writer;
  private Sensor clockFailures;
  private Sensor processingFailures;
  private Sensor suppressed;
  private Sensor erasures;
  private Sensor actions;
  private Sensor actionsNotOpen;

  public ExperienceProcessor(Policy policy) {
    this(policy, List.of());
  }

  /**
   * @param extraRules rules run after the built-in ones (tests inject faults with one)
   */
  public ExperienceProcessor(Policy policy, List<Rule> extraRules) {
    this.policy = policy;
    this.extraRules = List.copyOf(extraRules);
  }

  @Override
  public void init(ProcessorContext<String, Emitted> context) {
    this.context = context;
    KeyValueStore<String, SubjectState> states =
        context.getStateStore(StoreNames.SUBJECT_STATE_STORE);
    KeyValueStore<String, String> raised = context.getStateStore(StoreNames.RAISED_ALERTS_STORE);
    KeyValueStore<String, DueIndex.DueEntry> due =
        context.getStateStore(StoreNames.DUE_INDEX_STORE);
    KeyValueStore<String, Long> watermarks = context.getStateStore(StoreNames.WATERMARK_STORE);
    KeyValueStore<String, Long> erased = context.getStateStore(StoreNames.ERASED_SUBJECTS_STORE);
    KeyValueStore<String, Link> links = context.getStateStore(StoreNames.SUBJECT_LINKS_STORE);
    KeyValueStore<String, DueIndex.DueEntry> snoozes =
        context.getStateStore(StoreNames.SNOOZE_INDEX_STORE);
    KeyValueStore<String, Long> scoreIndex = context.getStateStore(StoreNames.SCORE_INDEX_STORE);
    KeyValueStore<String, Long> scoreCounts = context.getStateStore(StoreNames.SCORE_COUNTS_STORE);
    KeyValueStore<String, Long> alertCounts = context.getStateStore(StoreNames.ALERT_COUNTS_STORE);
    KeyValueStore<String, IndexDeltas.Pending> indexPending =
        context.getStateStore(StoreNames.INDEX_PENDING_STORE);
    String task = context.taskId().toString();
    this.clockFailures = sensor("clock-failures", task);
    this.processingFailures = sensor("processing-failures", task);
    this.suppressed = sensor("erased-subject-events", task);
    this.erasures = sensor("erasures", task);
    this.actions = sensor("alert-actions", task);
    this.actionsNotOpen = sensor("alert-actions-not-open", task);
    this.writer =
        new LedgerWriter(
            policy,
            extraRules,
            new LedgerWriter.Stores(
                KeyValues.of(states),
                KeyValues.of(raised),
                KeyValues.of(due),
                KeyValues.of(watermarks),
                KeyValues.of(erased),
                KeyValues.of(links),
                KeyValues.of(snoozes),
                KeyValues.of(scoreIndex),
                KeyValues.of(scoreCounts),
                KeyValues.of(alertCounts),
                KeyValues.of(indexPending)),
            context.currentSystemTimeMs(),
            new Forwarder());
    if (writer.scoresMissing()) {
      // State written before the score index: index every subject once (its writes go out with
      // the task's first commit).
      long indexed = 0;
      try (KeyValueIterator<String, SubjectState> all = states.all()) {
        while (all.hasNext()) {
          KeyValue<String, SubjectState> next = all.next();
          if (next.value != null) {
            writer.indexScore(next.key, next.value);
            indexed++;
          }
        }
      }
      LOG.info(
          "Indexed the scores of {} subjects of task {} (first start with the index)",
          indexed,
          task);
    }
    if (writer.alertCountsMissing()) {
      try (KeyValueIterator<String, String> all = raised.all()) {
        all.forEachRemaining(
            entry -> {
              if (entry.value != null) {
                writer.countAlert(entry.key, entry.value);
              }
            });
      }
      LOG.info("Counted the open alerts of task {} (first start with the counts)", task);
    }
    context.schedule(
        policy.clock().checkInterval(), PunctuationType.WALL_CLOCK_TIME, writer::onWallClock);
  }

  private Sensor sensor(String operation, String task) {
    return context
        .metrics()
        .addRateTotalSensor(METRIC_SCOPE, NAME + "-" + task, operation, Sensor.RecordingLevel.INFO);
  }

  @Override
  public void process(Record<String, Decoded> record) {
    long now = context.currentSystemTimeMs();
    if (record.value() instanceof Decoded.Accepted accepted) {
      if (writer.onTouchpoint(accepted.touchpoint(), now) == LedgerWriter.Applied.SUPPRESSED) {
        suppressed.record();
      }
    } else if (record.value() instanceof Decoded.Erasure erasure) {
      writer.onErasure(erasure.request(), now);
      erasures.record();
    } else if (record.value() instanceof Decoded.Action action) {
      actions.record();
      if (writer.onAction(action.action(), now) == LedgerWriter.Acted.NOT_OPEN) {
        actionsNotOpen.record();
      }
    } else if (record.value() instanceof Decoded.Linked link) {
      writer.onLinked(link, now);
    } else if (record.value() instanceof Decoded.Transferred transfer) {
      if (writer.onTransfer(transfer, now) == LedgerWriter.Applied.SUPPRESSED) {
        suppressed.record();
      }
    } else {
      throw new IllegalArgumentException("rejected records are routed to the dead letters");
    }
  }

  /** Sends the writer's decisions downstream. */
  private final class Forwarder implements LedgerWriter.Output {

    @Override
    public void experience(String subjectId, CustomerExperience view, long at) {
      context.forward(new Record<String, Emitted>(subjectId, new Emitted.Experience(view), at));
    }

    @Override
    public void alert(String subjectId, CustomerAlert alert, long at) {
      context.forward(new Record<String, Emitted>(subjectId, new Emitted.Alert(alert), at));
    }

    @Override
    public void signal(IncidentSignal signal) {
      context.forward(
          new Record<String, Emitted>(signal.kind(), new Emitted.Signal(signal), signal.at()));
    }

    @Override
    public void failed(Touchpoint t, RuntimeException error) {
      processingFailures.record();
      if (t.raw() == null) {
        throw error; // a synthetic event has no bytes to keep: a bug to surface, not data to park
      }
      LOG.warn("Dead-lettering an event of {} after a processing error", t.raw().topic(), error);
      long now = context.currentSystemTimeMs();
      context.forward(
          new Record<String, Emitted>(
              DeadLetters.coordinates(t.raw()),
              new Emitted.Dead(
                  DeadLetters.of(t.raw(), "processing failed: " + error, error, NAME, now)),
              t.occurredAt())); // the timestamp the touchpoint's record carries here
    }

    @Override
    public void erased(String subjectId, ErasureAudit audit, long at) {
      context.forward(new Record<String, Emitted>(subjectId, new Emitted.Experience(null), at));
      context.forward(
          new Record<String, Emitted>(audit.getRequestId(), new Emitted.Audit(audit), at));
      LOG.info(
          "Erased a subject on request {}", audit.getRequestId()); // the subject id: DEBUG only
      LOG.debug("Erased subject {} on request {}", subjectId, audit.getRequestId());
    }

    @Override
    public void transfer(Transfer transfer, long at) {
      context.forward(new Record<String, Emitted>(transfer.to(), new Emitted.Hop(transfer), at));
    }

    @Override
    public void refused(RawRecord link, String reason) {
      LOG.warn("Dead-lettering a link of {}: {}", link.topic(), reason);
      long now = context.currentSystemTimeMs();
      context.forward(
          new Record<String, Emitted>(
              DeadLetters.coordinates(link),
              new Emitted.Dead(DeadLetters.of(link, reason, null, NAME, now)),
              now));
    }

    @Override
    public void index(String period, Map<String, Long> delta, long at) {
      context.forward(new Record<String, Emitted>(period, new Emitted.IndexDelta(delta), at));
    }

    @Override
    public void clockFailed(String subjectId, String clockId, RuntimeException error) {
      clockFailures.record();
      // The clock's kind only: subject and case ids stay out of the log.
      String kind = clockId.contains(":") ? clockId.substring(0, clockId.indexOf(':')) : clockId;
      LOG.error("A {} clock failed and was dropped from its subject's ledger", kind, error);
    }
  }
}
