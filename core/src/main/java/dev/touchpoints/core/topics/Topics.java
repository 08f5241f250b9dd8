package dev.touchpoints.core.topics;

import dev.touchpoints.avro.AlertAction;
import dev.touchpoints.avro.BillingEvent;
import dev.touchpoints.avro.CustomerAlert;
import dev.touchpoints.avro.CustomerExperience;
import dev.touchpoints.avro.DeadLetter;
import dev.touchpoints.avro.ErasureAudit;
import dev.touchpoints.avro.ErasureRequest;
import dev.touchpoints.avro.ExperienceIndex;
import dev.touchpoints.avro.IdentityEvent;
import dev.touchpoints.avro.IncidentAlert;
import dev.touchpoints.avro.MarketingEvent;
import dev.touchpoints.avro.SupportEvent;
import dev.touchpoints.avro.WebEvent;
import dev.touchpoints.core.config.AppConfig;
import dev.touchpoints.core.events.EventFamilies;
import dev.touchpoints.core.events.EventFamily;
import dev.touchpoints.serde.SpecificAvroSerde;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every topic of the pipeline, typed once. Names come from configuration ({@code topic.web}, {@code
 * topic.customer.alerts}, …; dots only, so {@code TOUCHPOINTS_TOPIC_CUSTOMER_ALERTS} sets it too);
 * nothing else in the code base spells a topic name.
 *
 * @param sources the topic of each event family ({@link EventFamilies}): web-site and self-service,
 *     billing, support-desk and marketing touchpoints, and identity links between ids of one
 *     person, keyed by the id linked away (inputs, partitioned alike)
 * @param experience each subject's current experience (output, compacted)
 * @param customerAlerts per-subject alerts and their clears (output)
 * @param incidentAlerts incident alerts for ops (output)
 * @param alertsJson JSON mirror of both alert topics, for tools without Avro (output)
 * @param deadLetters records the pipeline could not use (output)
 * @param erasureRequests requests to forget a subject, keyed by subject id (input, partitioned like
 *     the touchpoint topics)
 * @param erasureAudit one entry per erasure done: who, when, which subject (output, kept for good)
 * @param subjectTransfers the engine's own hop between subjects' partitions: links, moved ledgers
 *     and events redirected to the subject an id was linked to (internal, written and read by the
 *     engine; partitioned like the touchpoint topics)
 * @param alertActions what ops did about open alerts (acknowledge, snooze, assign, note), keyed by
 *     the subject whose ledger holds the alert (input, partitioned like the touchpoint topics)
 * @param experienceIndex how the company treated its customers per day and per week, keyed by the
 *     period (output, compacted)
 */
public record Topics(
    Map<EventFamily<?>, Topic<String, ? extends SpecificRecord>> sources,
    Topic<String, CustomerExperience> experience,
    Topic<String, CustomerAlert> customerAlerts,
    Topic<String, IncidentAlert> incidentAlerts,
    Topic<String, String> alertsJson,
    Topic<String, DeadLetter> deadLetters,
    Topic<String, ErasureRequest> erasureRequests,
    Topic<String, ErasureAudit> erasureAudit,
    Topic<String, byte[]> subjectTransfers,
    Topic<String, AlertAction> alertActions,
    Topic<String, ExperienceIndex> experienceIndex) {

  /** Settings key prefix of topic names: {@code topic.<logical name>}. */
  public static final String NAME_PREFIX = "topic.";

  /** Settings key of the partition count of new topics. */
  public static final String PARTITIONS = "topic.partitions";

  /**
   * {@code max.message.bytes} of the dead-letter topic: a dead letter carries a whole input record
   * (up to the broker's 1 MiB default) plus its coordinates and reason, so it needs more room than
   * any input, or a record near the limit could never be dead-lettered.
   */
  public static final int DEAD_LETTER_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

  /** Default topic names by logical name: the built-in event families', then the others. */
  public static final Map<String, String> DEFAULT_NAMES = defaultNames();

  private static Map<String, String> defaultNames() {
    Map<String, String> names = new LinkedHashMap<>();
    EventFamilies.builtIn().all().forEach(f -> names.put(f.name(), f.defaultTopicName()));
    names.put("experience", "touchpoints.customer-experience");
    names.put("customer.alerts", "touchpoints.customer-alerts");
    names.put("incident.alerts", "touchpoints.incident-alerts");
    names.put("alerts.json", "touchpoints.alerts-json");
    names.put("dead.letters", "touchpoints.dead-letters");
    names.put("erasure.requests", "touchpoints.erasure-requests");
    names.put("erasure.audit", "touchpoints.erasure-audit");
    names.put("subject.transfers", "touchpoints.subject-transfers");
    names.put("alert.actions", "touchpoints.alert-actions");
    names.put("experience.index", "touchpoints.experience-index");
    return Collections.unmodifiableMap(names);
  }

  /**
   * How long a compacted topic may keep a value that a newer one (or a tombstone) replaced: the
   * cleaner only compacts closed segments, so without a bound an erased subject's old records could
   * stay in a quiet partition's open segment indefinitely.
   */
  public static final Duration MAX_COMPACTION_LAG = Duration.ofDays(7);

  private static final Map<String, String> COMPACTED =
      Map.of(
          TopicConfig.CLEANUP_POLICY_CONFIG,
          TopicConfig.CLEANUP_POLICY_COMPACT,
          TopicConfig.MAX_COMPACTION_LAG_MS_CONFIG,
          Long.toString(MAX_COMPACTION_LAG.toMillis()));

  /** Kept for good: the audit trail of erasures. */
  private static final Map<String, String> KEPT_FOREVER =
      Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1");

  /** Builds the topics from configuration, with Avro serdes bound to its schema registry. */
  public static Topics fromConfig(AppConfig config) {
    return fromConfig(config, EventFamilies.builtIn());
  }

  /** As {@link #fromConfig(AppConfig)}, with these event families as the sources. */
  public static Topics fromConfig(AppConfig config, EventFamilies families) {
    Map<String, Object> serde = config.serdeConfig();
    int partitions = config.get(TopicSettings.PARTITIONS);
    Map<EventFamily<?>, Topic<String, ? extends SpecificRecord>> sources = new LinkedHashMap<>();
    for (EventFamily<?> family : families.all()) {
      // Partitioned alike: a subject's touchpoints, links and requests meet in one task.
      sources.put(
          family, avro(config, family.name(), family.recordClass(), serde, partitions, Map.of()));
    }
    return new Topics(
        Collections.unmodifiableMap(sources),
        avro(config, "experience", CustomerExperience.class, serde, partitions, COMPACTED),
        avro(config, "customer.alerts", CustomerAlert.class, serde, partitions, Map.of()),
        avro(config, "incident.alerts", IncidentAlert.class, serde, 1, Map.of()),
        new Topic<>(
            name(config, "alerts.json"), Serdes.String(), Serdes.String(), partitions, Map.of()),
        avro(
            config,
            "dead.letters",
            DeadLetter.class,
            serde,
            1,
            Map.of(
                TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                Integer.toString(DEAD_LETTER_MAX_MESSAGE_BYTES))),
        // Partitioned like the inputs: a request and the subject's events meet in one task.
        avro(config, "erasure.requests", ErasureRequest.class, serde, partitions, Map.of()),
        avro(config, "erasure.audit", ErasureAudit.class, serde, 1, KEPT_FOREVER),
        new Topic<>(
            name(config, "subject.transfers"),
            Serdes.String(),
            Serdes.ByteArray(),
            partitions,
            Map.of()),
        // Partitioned like the inputs: an action meets the subject's ledger in its task.
        avro(config, "alert.actions", AlertAction.class, serde, partitions, Map.of()),
        // A few keys (one per day and per week): one partition keeps them in order for readers.
        avro(config, "experience.index", ExperienceIndex.class, serde, 1, COMPACTED));
  }

  /** The topic of an event family. */
  @SuppressWarnings("unchecked")
  public <E extends SpecificRecord> Topic<String, E> source(EventFamily<E> family) {
    Topic<String, ? extends SpecificRecord> topic = sources.get(family);
    if (topic == null) {
      throw new IllegalArgumentException("no topic for the event family " + family);
    }
    return (Topic<String, E>) topic;
  }

  /** The topic an event is published on, if its family is one of these sources. */
  @SuppressWarnings("unchecked")
  public Optional<Topic<String, SpecificRecord>> sourceOf(Object event) {
    return EventFamily.ofEvent(event)
        .map(sources::get)
        .map(topic -> (Topic<String, SpecificRecord>) topic);
  }

  /** Web-site and self-service touchpoints. */
  public Topic<String, WebEvent> web() {
    return source(EventFamilies.WEB);
  }

  /** Billing touchpoints. */
  public Topic<String, BillingEvent> billing() {
    return source(EventFamilies.BILLING);
  }

  /** Support-desk touchpoints. */
  public Topic<String, SupportEvent> support() {
    return source(EventFamilies.SUPPORT);
  }

  /** Marketing and sales contacts. */
  public Topic<String, MarketingEvent> marketing() {
    return source(EventFamilies.MARKETING);
  }

  /** Links between ids of one person, keyed by the id linked away. */
  public Topic<String, IdentityEvent> identity() {
    return source(EventFamilies.IDENTITY);
  }

  /** The touchpoint topics, in the families' order (web, billing, support, marketing, …). */
  public List<Topic<String, ? extends SpecificRecord>> inputs() {
    return sources.entrySet().stream()
        .filter(e -> e.getKey().isTouchpoint())
        .<Topic<String, ? extends SpecificRecord>>map(Map.Entry::getValue)
        .toList();
  }

  /** Every topic. */
  public List<Topic<?, ?>> all() {
    List<Topic<?, ?>> all = new ArrayList<>(sources.values());
    all.addAll(
        List.of(
            experience,
            customerAlerts,
            incidentAlerts,
            alertsJson,
            deadLetters,
            erasureRequests,
            erasureAudit,
            subjectTransfers,
            alertActions,
            experienceIndex));
    return all;
  }

  private static String name(AppConfig config, String logical) {
    return config.get(TopicSettings.name(logical));
  }

  private static <V extends SpecificRecord> Topic<String, V> avro(
      AppConfig config,
      String logical,
      Class<V> type,
      Map<String, Object> serde,
      int partitions,
      Map<String, String> configs) {
    Serde<V> values = SpecificAvroSerde.of(type, serde, false);
    return new Topic<>(name(config, logical), Serdes.String(), values, partitions, configs);
  }
}
