package dev.touchpoints.streams.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.touchpoints.avro.CustomerExperience;
import dev.touchpoints.serde.AvroJson;
import dev.touchpoints.streams.StoreNames;
import dev.touchpoints.streams.index.IndexFigures;
import dev.touchpoints.streams.index.Period;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The query API's answers across all instances: a key lookup is routed to the instance that owns
 * the key, a listing is gathered from every instance and merged. Each instance answers the {@code
 * scope=local} form of a listing from its own stores only.
 */
public final class QueryService {

  /** Query parameter asking an instance for its own share only. */
  public static final String LOCAL_SCOPE = "scope=local";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final Cluster cluster;
  private final PeerClient peers;
  private final LocalState local;
  private final Clock clock;
  private final ObjectMapper mapper = AvroJson.mapper();

  /**
   * The cluster-wide dashboard answers ({@code /v1/stats}, the lowest-scores listing) by query:
   * every console of every ops person polls them, so an answer is computed once per {@code
   * dashboardTtl} and shared (concurrent askers wait for the one computation).
   */
  private final Cache<String, JsonNode> dashboard;

  /** Wires the parts; {@code clock} drives the due countdowns; no dashboard answer is reused. */
  public QueryService(Cluster cluster, PeerClient peers, LocalState local, Clock clock) {
    this(cluster, peers, local, clock, Duration.ZERO);
  }

  /**
   * @param dashboardTtl how long a dashboard answer ({@code /v1/stats}, the lowest scores) is
   *     reused: zero computes each
   */
  public QueryService(
      Cluster cluster, PeerClient peers, LocalState local, Clock clock, Duration dashboardTtl) {
    this.cluster = cluster;
    this.peers = peers;
    this.local = local;
    this.clock = clock;
    this.dashboard = Caffeine.newBuilder().expireAfterWrite(dashboardTtl).maximumSize(256).build();
  }

  /** An answer with its HTTP status, for lookups that may be answered by another instance. */
  public record Answer(int status, JsonNode body) {}

  /**
   * The score card of one subject, from the instance that owns it.
   *
   * @param forwarded true when another instance already routed this request here
   */
  public Answer subject(String subjectId, boolean forwarded) {
    Optional<Answer> remote = fromOwner(subjectId, "", forwarded);
    if (remote.isPresent()) {
      return remote.get();
    }
    Optional<CustomerExperience> experience = local.experience(subjectId);
    if (experience.isEmpty()) {
      return notHeld(subjectId, "No touchpoints recorded for this subject");
    }
    ArrayNode alerts = alerts(AlertFilter.forSubject(subjectId), false);
    LocalState.CardExtras extras = local.cardExtras(subjectId);
    ObjectNode card =
        ScoreCardJson.card(
            experience.get(), alerts, extras.linked(), extras.snapshots(), clock.instant());
    card.put("servedBy", cluster.self().host() + ":" + cluster.self().port());
    return new Answer(200, card);
  }

  /**
   * The answer for a subject this instance holds nothing about: for an id linked into another
   * subject 307 naming that subject ({@code linkedTo}; the server sets {@code Location} from it),
   * else 404.
   */
  private Answer notHeld(String subjectId, String message) {
    ObjectNode body = NODES.objectNode();
    Optional<String> to = local.linkedTo(subjectId);
    body.put("error", to.isPresent() ? "subject_linked" : "subject_not_found");
    body.put("subjectId", subjectId);
    if (to.isPresent()) {
      body.put("linkedTo", to.get());
      body.put(
          "message", "This id was linked to another subject: its history and its events are there");
      return new Answer(LINKED, body);
    }
    body.put("message", message);
    return new Answer(404, body);
  }

  /** The status of an answer for a linked id: a temporary redirect (the method is kept). */
  public static final int LINKED = 307;

  /**
   * Everything held about one subject ({@link LocalState#export}), from the instance that owns it,
   * stamped with when it was exported.
   *
   * @param forwarded true when another instance already routed this request here
   */
  public Answer export(String subjectId, boolean forwarded) {
    Optional<Answer> remote = fromOwner(subjectId, "/export", forwarded);
    if (remote.isPresent()) {
      return remote.get();
    }
    Optional<ObjectNode> doc = local.export(subjectId);
    if (doc.isEmpty()) {
      return notHeld(subjectId, "Nothing is held about this subject");
    }
    doc.get().put("exportedAt", clock.instant().toString());
    doc.get().put("servedBy", cluster.self().host() + ":" + cluster.self().port());
    return new Answer(200, doc.get());
  }

  /**
   * The answer of the instance that owns the subject for {@code /v1/subjects/{id}<suffix>}, or
   * empty when this instance owns it (or another one already routed the request here).
   */
  private Optional<Answer> fromOwner(String subjectId, String suffix, boolean forwarded) {
    HostInfo owner = cluster.ownerOf(StoreNames.SUBJECT_STATE_STORE, subjectId);
    if (forwarded || cluster.isSelf(owner)) {
      return Optional.empty();
    }
    PeerClient.Answer answer = join(peers.get(owner, "/v1/subjects/" + encode(subjectId) + suffix));
    if (answer.status() == 503) {
      throw new StoreUnavailableException(
          "Instance " + owner.host() + ":" + owner.port() + " is not ready for this subject");
    }
    return Optional.of(new Answer(answer.status(), parse(answer.body(), owner)));
  }

  /** Active alerts matching {@code filter}, cluster-wide unless {@code localOnly}. */
  public ArrayNode alerts(AlertFilter filter, boolean localOnly) {
    if (localOnly) {
      return local.alerts(filter);
    }
    return merge(
        gather(
            StoreNames.RAISED_ALERTS_STORE,
            "/v1/alerts?" + filter.toQuery() + "&" + LOCAL_SCOPE,
            () -> local.alerts(filter)),
        Ranking.ALERTS,
        filter.limit());
  }

  /**
   * The open alert whose RAISED record has id {@code alertId}, from whichever instance holds it
   * (its JSON, with {@code subjectId} the subject whose ledger holds it); empty when none does.
   */
  public Optional<JsonNode> alert(String alertId, boolean localOnly) {
    Optional<ObjectNode> own = local.alert(alertId);
    if (own.isPresent() || localOnly) {
      return own.map(JsonNode.class::cast);
    }
    List<HostInfo> others =
        cluster.hostsOf(StoreNames.RAISED_ALERTS_STORE).stream()
            .filter(host -> !cluster.isSelf(host))
            .toList();
    List<CompletableFuture<PeerClient.Answer>> asked =
        others.stream()
            .map(host -> peers.get(host, "/v1/alerts/" + encode(alertId) + "?" + LOCAL_SCOPE))
            .toList();
    for (int i = 0; i < others.size(); i++) {
      PeerClient.Answer answer = join(asked.get(i));
      if (answer.status() == 200) {
        return Optional.of(parse(answer.body(), others.get(i)));
      }
      if (answer.status() != 404) {
        throw new StoreUnavailableException(
            "Instance "
                + others.get(i).host()
                + ":"
                + others.get(i).port()
                + " answered "
                + answer.status());
      }
    }
    return Optional.empty();
  }

  /**
   * Open incidents. The incidents store is a global store: every instance holds all of them, so
   * this instance answers alone.
   */
  public ArrayNode incidents() {
    return local.incidents();
  }

  /**
   * Lowest-scoring subjects first (R7: who to win back), cluster-wide unless {@code localOnly};
   * {@code hideIncidentVictims} leaves out those hit by an open incident.
   */
  public ArrayNode subjects(
      boolean atRiskOnly, int limit, boolean hideIncidentVictims, boolean localOnly) {
    return (ArrayNode)
        dashboard.get(
            "subjects " + atRiskOnly + " " + limit + " " + hideIncidentVictims + " " + localOnly,
            key -> lowest(atRiskOnly, limit, hideIncidentVictims, localOnly));
  }

  private ArrayNode lowest(
      boolean atRiskOnly, int limit, boolean hideIncidentVictims, boolean localOnly) {
    if (localOnly) {
      return local.lowestScores(atRiskOnly, limit, hideIncidentVictims);
    }
    return merge(
        gather(
            StoreNames.SUBJECT_STATE_STORE,
            "/v1/subjects?atRisk="
                + atRiskOnly
                + "&limit="
                + limit
                + "&hideIncident="
                + hideIncidentVictims
                + "&"
                + LOCAL_SCOPE,
            () -> local.lowestScores(atRiskOnly, limit, hideIncidentVictims)),
        Ranking.AT_RISK,
        limit);
  }

  /** Score distribution and alert counts, cluster-wide unless {@code localOnly}. */
  public ObjectNode stats(boolean localOnly) {
    return (ObjectNode) dashboard.get("stats " + localOnly, key -> statsNow(localOnly));
  }

  private ObjectNode statsNow(boolean localOnly) {
    if (localOnly) {
      return local.stats();
    }
    List<JsonNode> parts =
        gather(StoreNames.SUBJECT_STATE_STORE, "/v1/stats?" + LOCAL_SCOPE, local::stats);
    return Stats.merge(parts, local.atRiskBelow(), clock.instant());
  }

  /**
   * The experience index ({@code /v1/index}): the {@code count} periods of {@code granularity} up
   * to the one holding {@code to} – by default the latest period with customers – oldest first,
   * only periods with customers. Cluster-wide: each period's figures live on one instance.
   */
  public ObjectNode index(Period.Granularity granularity, int count, LocalDate to) {
    return (ObjectNode)
        dashboard.get(
            "index " + granularity + " " + count + " " + to,
            key -> indexNow(granularity, count, to));
  }

  private ObjectNode indexNow(Period.Granularity granularity, int count, LocalDate to) {
    ObjectNode answer = NODES.objectNode();
    answer.put("period", granularity.label());
    ArrayNode rows = answer.putArray("rows");
    Period last = to != null ? Period.containing(granularity, to) : latest(granularity);
    if (last == null) {
      return answer;
    }
    Period first = last;
    for (int i = 1; i < count; i++) {
      first = first.previous();
    }
    indexCells(first, last).forEach((period, cells) -> rows.add(indexRow(period, cells)));
    return answer;
  }

  /**
   * A period against the one before and the same one a year ago ({@code /v1/index/compare}), with
   * the touchpoint kinds that cost and gained the most; {@code start} null: the latest period.
   */
  public ObjectNode compare(Period.Granularity granularity, LocalDate start) {
    Period period = start != null ? Period.containing(granularity, start) : latest(granularity);
    if (period == null) {
      ObjectNode none = NODES.objectNode();
      none.put("period", granularity.label());
      none.putNull("current");
      none.putNull("previous");
      none.putNull("yearAgo");
      none.putArray("hurting");
      none.putArray("helping");
      return none;
    }
    return IndexJson.compare(
        period, indexRowOf(period), indexRowOf(period.previous()), indexRowOf(period.yearAgo()));
  }

  /**
   * Customers who had a moment of touchpoint kind {@code kind} in {@code period}, lowest score
   * first (the drill-down from a kind of the index), cluster-wide unless {@code localOnly}.
   */
  public ArrayNode hitBy(Period period, String kind, int limit, boolean localOnly) {
    if (localOnly) {
      return local.hitBy(period, kind, limit);
    }
    return merge(
        gather(
            StoreNames.SUBJECT_STATE_STORE,
            "/v1/index/kinds/"
                + encode(kind)
                + "/customers?period="
                + period.granularity().label()
                + "&start="
                + period.start()
                + "&limit="
                + limit
                + "&"
                + LOCAL_SCOPE,
            () -> local.hitBy(period, kind, limit)),
        Ranking.AT_RISK,
        limit);
  }

  /** The latest period of {@code granularity} any instance holds, or null. */
  private Period latest(Period.Granularity granularity) {
    Period latest = null;
    for (JsonNode part :
        gather(
            StoreNames.EXPERIENCE_INDEX_STORE,
            "/v1/index/latest?period=" + granularity.label() + "&" + LOCAL_SCOPE,
            () -> indexLatestLocal(granularity))) {
      JsonNode key = part.get("latest");
      if (key != null && key.isTextual()) {
        Period p = Period.parse(key.asText());
        latest = latest == null || p.compareTo(latest) > 0 ? p : latest;
      }
    }
    return latest;
  }

  /** This instance's latest period of {@code granularity} ({@code {"latest": key|null}}). */
  public ObjectNode indexLatestLocal(Period.Granularity granularity) {
    ObjectNode answer = NODES.objectNode();
    answer.put("latest", local.indexLatest(granularity));
    return answer;
  }

  /** This instance's index cells of the periods keyed {@code from} to {@code to}. */
  public ObjectNode indexCellsLocal(String from, String to) {
    return local.indexCells(from, to);
  }

  private Map<Period, Map<String, Long>> indexCells(Period first, Period last) {
    Map<Period, Map<String, Long>> cells = new TreeMap<>();
    String from = first.key();
    String to = last.key();
    for (JsonNode part :
        gather(
            StoreNames.EXPERIENCE_INDEX_STORE,
            "/v1/index/cells?from=" + encode(from) + "&to=" + encode(to) + "&" + LOCAL_SCOPE,
            () -> local.indexCells(from, to))) {
      part.fields()
          .forEachRemaining(
              period -> {
                Map<String, Long> c = new TreeMap<>();
                period
                    .getValue()
                    .fields()
                    .forEachRemaining(f -> c.put(f.getKey(), f.getValue().asLong()));
                cells.put(Period.parse(period.getKey()), c);
              });
    }
    return cells;
  }

  private JsonNode indexRowOf(Period period) {
    Map<String, Long> cells = indexCells(period, period).get(period);
    return cells == null ? null : indexRow(period, cells);
  }

  private ObjectNode indexRow(Period period, Map<String, Long> cells) {
    return IndexJson.row(
        period, IndexFigures.of(period, cells, local.atRiskBelow(), clock.millis()));
  }

  private List<JsonNode> gather(String store, String pathAndQuery, Supplier<JsonNode> own) {
    List<CompletableFuture<JsonNode>> remote = new ArrayList<>();
    List<JsonNode> parts = new ArrayList<>();
    boolean includeSelf = false;
    for (HostInfo host : cluster.hostsOf(store)) {
      if (cluster.isSelf(host)) {
        includeSelf = true;
      } else {
        remote.add(
            peers
                .get(host, pathAndQuery)
                .thenApply(
                    answer -> {
                      if (answer.status() != 200) {
                        throw new StoreUnavailableException(
                            "Instance "
                                + host.host()
                                + ":"
                                + host.port()
                                + " answered "
                                + answer.status());
                      }
                      return parse(answer.body(), host);
                    }));
      }
    }
    if (includeSelf) {
      parts.add(own.get());
    }
    remote.forEach(future -> parts.add(join(future)));
    return parts;
  }

  private static ArrayNode merge(List<JsonNode> parts, Comparator<JsonNode> order, int limit) {
    List<JsonNode> all = new ArrayList<>();
    parts.forEach(part -> part.forEach(all::add));
    ArrayNode merged = NODES.arrayNode();
    all.stream().sorted(order).limit(limit).forEach(merged::add);
    return merged;
  }

  private JsonNode parse(String body, HostInfo host) {
    try {
      return mapper.readTree(body);
    } catch (JsonProcessingException e) {
      throw new StoreUnavailableException(
          "Instance " + host.host() + ":" + host.port() + " sent an unreadable answer", e);
    }
  }

  private static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw e;
    }
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
