package dev.touchpoints.producers.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.touchpoints.core.validation.EventValidator;
import dev.touchpoints.core.validation.Violation;
import dev.touchpoints.producers.events.EventType;
import dev.touchpoints.producers.json.EventJson;
import dev.touchpoints.producers.json.MappedEvent;
import dev.touchpoints.producers.publisher.TouchpointPublisher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps, validates and publishes the events of one request, and decides the answer:
 *
 * <ul>
 *   <li>every event stored: 202;
 *   <li>some stored, some rejected: 207, the rejected ones listed with index, field and reason;
 *   <li>none valid: 422;
 *   <li>any valid event not acknowledged by Kafka: 503 with {@code Retry-After}, listing what was
 *       stored; never a 2xx for data that was not stored.
 * </ul>
 */
final class EventIngest {

  private static final Logger LOG = LoggerFactory.getLogger(EventIngest.class);
  private static final String UNKNOWN = "unknown";

  /** The answer: status and JSON body. */
  record Outcome(int status, Map<String, Object> body) {}

  private record Valid(int index, EventType type, SpecificRecord event, String eventId) {}

  private final TouchpointPublisher publisher;
  private final EventValidator validator;
  private final EventJson json;
  private final GatewayMetrics metrics;
  private final long retryAfterSeconds;

  EventIngest(
      TouchpointPublisher publisher,
      EventJson json,
      GatewayMetrics metrics,
      long retryAfterSeconds) {
    this.publisher = publisher;
    this.validator = publisher.validator();
    this.json = json;
    this.metrics = metrics;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** One event from {@code POST /v1/events}: 202, 422 or 503. */
  Outcome single(JsonNode node) {
    Outcome outcome = ingest(List.of(new RequestBodies.Item(node, null)));
    if (outcome.status() == 422) {
      @SuppressWarnings("unchecked")
      Map<String, Object> rejection =
          ((List<Map<String, Object>>) outcome.body().get("rejected")).get(0);
      Map<String, Object> body = new LinkedHashMap<>(rejection);
      body.remove("index");
      return new Outcome(422, body);
    }
    return outcome;
  }

  /** A batch: 202, 207, 422 or 503. */
  Outcome ingest(List<RequestBodies.Item> items) {
    List<Map<String, Object>> rejected = new ArrayList<>();
    List<Valid> valid = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      RequestBodies.Item item = items.get(i);
      if (item.parseError() != null) {
        reject(rejected, i, null, null, "malformed_json", List.of(item.parseError()));
        continue;
      }
      MappedEvent mapped = json.fromJson(item.node());
      String typeKey = mapped.type() == null ? UNKNOWN : mapped.type().key();
      if (!mapped.ok()) {
        String error =
            mapped.violations().get(0).code().equals("unknown_type")
                ? "unknown_type"
                : "invalid_event";
        reject(rejected, i, typeKey, eventIdOf(item.node()), error, mapped.violations());
        continue;
      }
      List<Violation> violations = validator.violations(mapped.event());
      String eventId = (String) ((SpecificRecord) mapped.event().get(0)).get(0);
      if (!violations.isEmpty()) {
        // The id may be the very field that is wrong (1 MB, control characters): echo it only
        // when it is short and printable.
        reject(rejected, i, typeKey, echoable(eventId), "invalid_event", violations);
        continue;
      }
      valid.add(new Valid(i, mapped.type(), mapped.event(), eventId));
    }
    return publish(valid, rejected);
  }

  private Outcome publish(List<Valid> valid, List<Map<String, Object>> rejected) {
    List<CompletableFuture<RecordMetadata>> sends = new ArrayList<>(valid.size());
    boolean broken = false;
    for (Valid v : valid) {
      if (broken) {
        sends.add(null);
        continue;
      }
      CompletableFuture<RecordMetadata> send = publisher.publishRecordAsync(v.event());
      sends.add(send);
      // A send that failed at once (no metadata, full buffer) means Kafka is away: do not make
      // every remaining event wait max.block.ms as well.
      broken = send.isCompletedExceptionally();
    }
    List<Map<String, Object>> accepted = new ArrayList<>();
    List<Map<String, Object>> notStored = new ArrayList<>();
    for (int k = 0; k < valid.size(); k++) {
      Valid v = valid.get(k);
      CompletableFuture<RecordMetadata> send = sends.get(k);
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("index", v.index());
      entry.put("eventId", v.eventId());
      if (send != null && stored(send)) {
        accepted.add(entry);
        metrics.accepted(v.type().key());
      } else {
        notStored.add(entry);
        metrics.rejected(v.type().key(), "kafka_unavailable");
      }
    }
    Map<String, Object> body = new LinkedHashMap<>();
    if (!notStored.isEmpty()) {
      body.put("error", "kafka_unavailable");
      body.put("field", null);
      body.put(
          "message",
          notStored.size()
              + " event(s) were not stored because Kafka did not acknowledge them; retry them"
              + " with the same eventId after Retry-After seconds");
      body.put("retryAfterSeconds", retryAfterSeconds);
      body.put("accepted", accepted);
      body.put("notStored", notStored);
      body.put("rejected", rejected);
      return new Outcome(503, body);
    }
    if (accepted.isEmpty() && !rejected.isEmpty()) {
      Map<String, Object> first = rejected.get(0);
      body.put("error", "invalid_event");
      body.put("field", first.get("field"));
      body.put("message", "no event was valid; see rejected");
    }
    body.put("accepted", accepted);
    body.put("rejected", rejected);
    int status = rejected.isEmpty() ? 202 : accepted.isEmpty() ? 422 : 207;
    return new Outcome(status, body);
  }

  private static boolean stored(CompletableFuture<RecordMetadata> send) {
    try {
      send.join();
      return true;
    } catch (CompletionException | java.util.concurrent.CancellationException e) {
      LOG.warn(
          "Kafka did not store an event: {}", e.getCause() == null ? e : e.getCause().toString());
      return false;
    }
  }

  private void reject(
      List<Map<String, Object>> rejected,
      int index,
      String typeKey,
      String eventId,
      String error,
      List<Violation> violations) {
    Violation first = violations.get(0);
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("index", index);
    if (eventId != null) {
      entry.put("eventId", eventId);
    }
    entry.put("error", error);
    entry.put("field", first.jsonField());
    entry.put("message", first.jsonField() + " " + first.message());
    if (violations.size() > 1) {
      entry.put(
          "violations",
          violations.stream()
              .map(v -> Map.of("field", v.jsonField(), "code", v.code(), "message", v.message()))
              .toList());
    }
    rejected.add(entry);
    metrics.rejected(typeKey == null ? UNKNOWN : typeKey, first.code());
  }

  /** The caller's event id, when it is a short printable string (it is echoed back). */
  private static String eventIdOf(JsonNode node) {
    JsonNode id = node == null ? null : node.get("eventId");
    return id == null || !id.isTextual() ? null : echoable(id.asText());
  }

  private static String echoable(String id) {
    return id != null
            && id.length() <= EventValidator.MAX_ID_LENGTH
            && id.chars().noneMatch(Character::isISOControl)
        ? id
        : null;
  }
}
