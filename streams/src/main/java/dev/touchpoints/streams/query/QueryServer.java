package dev.touchpoints.streams.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.touchpoints.avro.AlertAction;
import dev.touchpoints.avro.ErasureRequest;
import dev.touchpoints.core.auth.AccessKeys;
import dev.touchpoints.core.config.AppConfig;
import dev.touchpoints.core.tls.ServerTls;
import dev.touchpoints.core.topics.Topics;
import dev.touchpoints.serde.AvroJson;
import dev.touchpoints.streams.Policy;
import dev.touchpoints.streams.console.AlertFeed;
import dev.touchpoints.streams.console.AlertStream;
import dev.touchpoints.streams.index.Period;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP edge of one instance of the experience engine: the query API under {@code /v1}, the ops
 * console at {@code /}, its live alert stream, and {@code /health}, {@code /ready}, {@code
 * /metrics}. With {@code query.ssl.keystore.location} set it speaks HTTPS only, and asks the other
 * instances over HTTPS.
 *
 * <pre>{@code
 * QueryServer server = QueryServer.start(streams, new HostInfo("host-1", 8088), 8088, topics, config);
 * }</pre>
 */
public final class QueryServer implements AutoCloseable {

  /** Setting: subjects scoring below this are at risk (default 40). */
  public static final String AT_RISK_BELOW = "query.at-risk.below";

  /** Setting: time an instance waits for another one (default 5s). */
  public static final String PEER_TIMEOUT = "query.peer.timeout";

  /**
   * Setting: how long {@code /v1/stats} and the lowest-scores listing reuse an answer (default 2 s;
   * {@code 0s} computes each): every open console polls them every 5 s.
   */
  public static final String DASHBOARD_TTL = "query.dashboard.ttl";

  /** Prefix of the TLS settings: {@code query.ssl.keystore.location}, … */
  public static final String TLS_PREFIX = "query";

  /** Setting: whether the console's live alert feed runs (default true). */
  public static final String FEED_ENABLED = "console.feed.enabled";

  /** Seconds a client is told to wait after a 503. */
  static final String RETRY_AFTER_SECONDS = "2";

  private static final Logger LOG = LoggerFactory.getLogger(QueryServer.class);
  private static final String LOCAL = "local";

  private final Javalin app;
  private final PrometheusMeterRegistry registry;
  private final KafkaStreamsMetrics streamsMetrics;
  private final AlertFeed feed;
  private final AlertStream stream;
  private final RequestTopic<ErasureRequest> erasures;
  private final RequestTopic<AlertAction> actions;

  private QueryServer(
      Javalin app,
      PrometheusMeterRegistry registry,
      KafkaStreamsMetrics streamsMetrics,
      AlertFeed feed,
      AlertStream stream,
      RequestTopic<ErasureRequest> erasures,
      RequestTopic<AlertAction> actions) {
    this.app = app;
    this.registry = registry;
    this.streamsMetrics = streamsMetrics;
    this.feed = feed;
    this.stream = stream;
    this.erasures = erasures;
    this.actions = actions;
  }

  /**
   * Starts serving.
   *
   * @param streams the engine's running {@link KafkaStreams}
   * @param self what this instance advertises as {@code application.server}
   * @param port the port to listen on (0 for a free one)
   * @param topics the topic catalogue (the console follows the JSON alert mirror)
   * @param config settings: {@value #AT_RISK_BELOW}, {@value #PEER_TIMEOUT}, {@value
   *     #FEED_ENABLED}, {@code console.feed.*}, {@code query.ssl.*}, and the Kafka client
   *     properties
   * @throws org.apache.kafka.common.config.ConfigException naming the setting when the keystore or
   *     truststore cannot be read
   */
  public static QueryServer start(
      KafkaStreams streams, HostInfo self, int port, Topics topics, AppConfig config) {
    ServerTls tls = ServerTls.fromConfig(config, TLS_PREFIX);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(streams);
    streamsMetrics.bindTo(registry);

    LocalState local =
        new LocalState(
            StoreProvider.of(streams),
            Policy.fromConfig(config),
            config.get(QuerySettings.AT_RISK_BELOW));
    Duration timeout = config.get(QuerySettings.PEER_TIMEOUT);
    QueryAccess access = QueryAccess.fromConfig(config);
    if (!access.enabled()) {
      LOG.warn(
          "ACCESS CONTROL IS OFF: anyone who reaches port {} reads every customer's timeline. Set"
              + " {} and {} (docs/operations.md, \"Access control\").",
          port,
          QueryAccess.READ_KEYS,
          QueryAccess.ADMIN_KEYS);
    }
    QueryService service =
        new QueryService(
            new StreamsCluster(streams, self),
            new PeerClient(timeout, access.ownKey(), tls),
            local,
            Clock.systemUTC(),
            config.get(QuerySettings.DASHBOARD_TTL));

    AlertFeed feed =
        config.get(QuerySettings.FEED_ENABLED)
            ? AlertFeed.start(config, topics.alertsJson())
            : null;
    AlertStream stream = feed == null ? null : new AlertStream(feed);
    RequestTopic<ErasureRequest> erasures =
        RequestTopic.start(
            config, topics.erasureRequests(), "touchpoints-erasure-requests", "erasure request");
    RequestTopic<AlertAction> actions =
        RequestTopic.start(
            config, topics.alertActions(), "touchpoints-alert-actions", "action on the alert");

    Javalin app =
        create(service, streams::state, registry, stream, access, erasures, actions, tls, port);
    try {
      app.start(port);
    } catch (RuntimeException e) {
      if (feed != null) {
        feed.close();
      }
      erasures.close();
      actions.close();
      throw e;
    }
    LOG.info(
        "Query API and console listening on port {} (advertised {}://{}:{})",
        app.port(),
        tls.scheme(),
        self.host(),
        self.port());
    return new QueryServer(app, registry, streamsMetrics, feed, stream, erasures, actions);
  }

  /** The port the server listens on. */
  public int port() {
    return app.port();
  }

  /** Stops the HTTP server and the console feed. */
  @Override
  public void close() {
    if (stream != null) {
      stream.close();
    }
    app.stop();
    if (feed != null) {
      feed.close();
    }
    erasures.close();
    actions.close();
    streamsMetrics.close();
    registry.close();
  }

  /**
   * The server, not started yet.
   *
   * @param tls when on, the server listens with HTTPS only on {@code port}
   */
  static Javalin create(
      QueryService service,
      Supplier<KafkaStreams.State> streamsState,
      PrometheusMeterRegistry registry,
      AlertStream stream,
      QueryAccess access,
      RequestTopic<ErasureRequest> erasures,
      RequestTopic<AlertAction> actions,
      ServerTls tls,
      int port) {
    Javalin app =
        Javalin.create(
            config -> {
              config.showJavalinBanner = false;
              tls.listen(config, port);
              config.jsonMapper(new JavalinJackson(AvroJson.mapper(), false));
              config.staticFiles.add(
                  files -> {
                    files.hostedPath = "/";
                    files.directory = "/console";
                    files.location = Location.CLASSPATH;
                  });
              config.requestLogger.http(
                  (ctx, millis) ->
                      Timer.builder("touchpoints.http.requests")
                          .description("Query API and console requests")
                          .tag("method", ctx.method().name())
                          .tag("path", pathTag(ctx))
                          .tag("status", String.valueOf(ctx.statusCode()))
                          .register(registry)
                          .record(Math.round(millis * 1000), TimeUnit.MICROSECONDS));
            });

    // The data needs a key (when keys are set); the console's files, health and readiness do not.
    app.before("/v1/*", ctx -> access.require(ctx, AccessKeys.Role.READ));
    if (access.metricsGuarded()) {
      app.before("/metrics", ctx -> access.require(ctx, AccessKeys.Role.READ));
    }
    app.before("/v1/subjects/{id}/export", ctx -> access.require(ctx, AccessKeys.Role.ADMIN));
    app.exception(QueryAccess.Denied.class, (e, ctx) -> e.answer(ctx));

    app.get(
        "/v1/subjects/{id}",
        ctx -> answer(ctx, service.subject(ctx.pathParam("id"), isForwarded(ctx)), ""));
    app.get(
        "/v1/subjects/{id}/export",
        ctx -> answer(ctx, service.export(ctx.pathParam("id"), isForwarded(ctx)), "/export"));
    app.delete(
        "/v1/subjects/{id}",
        ctx -> {
          access.require(ctx, AccessKeys.Role.ADMIN);
          String subjectId = ctx.pathParam("id");
          if (subjectId.isBlank()) {
            throw new BadQueryException("id", "the subject id is empty");
          }
          Instant at = erasures.now();
          ErasureRequest request =
              erasures.submit(
                  subjectId,
                  ErasureRequest.newBuilder()
                      .setRequestId(UUID.randomUUID().toString())
                      .setSubjectId(subjectId)
                      .setRequestedBy(access.requestedBy(ctx))
                      .setRequestedAt(at)
                      .build(),
                  at);
          ObjectNode body = JsonNodeFactory.instance.objectNode();
          body.put("status", "ACCEPTED");
          body.put("requestId", request.getRequestId());
          body.put("subjectId", subjectId);
          body.put("requestedBy", request.getRequestedBy());
          body.put("requestedAt", request.getRequestedAt().toString());
          body.put(
              "message",
              "The engine forgets the subject once it reaches the request (seconds when it keeps"
                  + " up); its audit entry then appears on the erasure audit topic.");
          ctx.status(202).json(body);
        });
    app.get(
        "/v1/subjects",
        ctx ->
            ctx.json(
                service.subjects(
                    Boolean.parseBoolean(ctx.queryParam("atRisk")),
                    AlertFilter.parseLimit(ctx.queryParam("limit"), 20),
                    Boolean.parseBoolean(ctx.queryParam("hideIncident")),
                    isLocal(ctx))));
    app.get(
        "/v1/alerts",
        ctx ->
            ctx.json(
                service.alerts(
                    AlertFilter.parse(
                        ctx.queryParam("subject"),
                        ctx.queryParam("type"),
                        ctx.queryParam("severity"),
                        ctx.queryParam("limit")),
                    isLocal(ctx))));
    app.get(
        "/v1/index",
        ctx -> {
          Period.Granularity granularity = granularity(ctx.queryParam("period"));
          ctx.json(
              service.index(
                  granularity,
                  periods(granularity, ctx.queryParam("days")),
                  date("to", ctx.queryParam("to"))));
        });
    app.get(
        "/v1/index/compare",
        ctx ->
            ctx.json(
                service.compare(
                    granularity(ctx.queryParam("period")),
                    date("start", ctx.queryParam("start")))));
    app.get(
        "/v1/index/kinds/{key}/customers",
        ctx -> {
          LocalDate start = date("start", ctx.queryParam("start"));
          if (start == null) {
            throw new BadQueryException("start", "start is required: the period's first day");
          }
          ctx.json(
              service.hitBy(
                  Period.containing(granularity(ctx.queryParam("period")), start),
                  ctx.pathParam("key"),
                  AlertFilter.parseLimit(ctx.queryParam("limit"), 50),
                  isLocal(ctx)));
        });
    // What a peer asks of this instance's own index store (each period lives on one instance).
    app.get(
        "/v1/index/latest",
        ctx -> ctx.json(service.indexLatestLocal(granularity(ctx.queryParam("period")))));
    app.get(
        "/v1/index/cells",
        ctx ->
            ctx.json(
                service.indexCellsLocal(
                    required("from", ctx.queryParam("from")),
                    required("to", ctx.queryParam("to")))));
    app.get("/v1/incidents", ctx -> ctx.json(service.incidents()));
    app.get("/v1/stats", ctx -> ctx.json(service.stats(isLocal(ctx))));
    if (stream != null) {
      app.sse("/v1/alerts/stream", stream);
    }
    app.get(
        "/v1/alerts/{id}",
        ctx -> {
          Optional<JsonNode> alert = service.alert(ctx.pathParam("id"), isLocal(ctx));
          if (alert.isPresent()) {
            ctx.json(alert.get());
          } else {
            alertNotOpen(ctx);
          }
        });
    app.post(
        "/v1/alerts/{id}/actions",
        ctx -> {
          Instant at = actions.now();
          ActionRequest request = ActionRequest.parse(ctx.body(), at);
          Optional<JsonNode> alert = service.alert(ctx.pathParam("id"), false);
          if (alert.isEmpty()) {
            alertNotOpen(ctx);
            return;
          }
          AlertAction action =
              request.toAvro(alert.get(), access.requestedBy(ctx, request.by()), at);
          actions.submit(action.getSubjectId(), action, at);
          ObjectNode body = JsonNodeFactory.instance.objectNode();
          body.put("status", "ACCEPTED");
          body.set("action", AvroJson.toJson(action));
          body.set("alert", alert.get());
          body.put(
              "message",
              "The engine applies the action to the alert once it reaches it (seconds when it"
                  + " keeps up); the alert then shows it under 'handling'.");
          ctx.status(202).json(body);
        });

    app.get(
        "/health",
        ctx -> {
          KafkaStreams.State state = streamsState.get();
          boolean alive =
              state != KafkaStreams.State.ERROR
                  && state != KafkaStreams.State.PENDING_ERROR
                  && state != KafkaStreams.State.NOT_RUNNING;
          ctx.status(alive ? 200 : 503).json(status(alive ? "UP" : "DOWN", state));
        });
    app.get(
        "/ready",
        ctx -> {
          KafkaStreams.State state = streamsState.get();
          if (state == KafkaStreams.State.RUNNING) {
            ctx.json(status("READY", state));
          } else {
            ctx.header("Retry-After", RETRY_AFTER_SECONDS)
                .status(503)
                .json(status("NOT_READY", state));
          }
        });
    app.get(
        "/metrics",
        ctx ->
            ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape()));

    app.exception(
        RequestTopic.NotRecorded.class,
        (e, ctx) -> {
          LOG.warn("A request was not recorded: {}", e.getCause().toString());
          unavailable(ctx, e.getMessage());
        });
    app.exception(StoreUnavailableException.class, (e, ctx) -> unavailable(ctx, e.getMessage()));
    app.exception(
        InvalidStateStoreException.class,
        (e, ctx) -> unavailable(ctx, "State is being rebalanced; retry shortly"));
    app.exception(
        BadQueryException.class,
        (e, ctx) -> {
          ObjectNode body = JsonNodeFactory.instance.objectNode();
          body.put("error", "bad_request");
          body.put("field", e.field());
          body.put("message", e.getMessage());
          ctx.status(400).json(body);
        });
    return app;
  }

  /** 404: no open alert has the id (it cleared, or never was). */
  private static void alertNotOpen(Context ctx) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("error", "alert_not_open");
    body.put("field", "id");
    body.put(
        "message",
        "No open alert has this id: it cleared, or the id is not the alertId of a RAISED record");
    ctx.status(404).json(body);
  }

  /** Sends an answer; one for a linked id redirects to the same resource of its subject. */
  private static void answer(Context ctx, QueryService.Answer answer, String suffix) {
    if (answer.status() == QueryService.LINKED) {
      ctx.header(
          "Location",
          "/v1/subjects/"
              + URLEncoder.encode(answer.body().get("linkedTo").asText(), StandardCharsets.UTF_8)
                  .replace("+", "%20")
              + suffix);
    }
    ctx.status(answer.status()).json(answer.body());
  }

  /** {@code period=day|week} (default day). */
  private static Period.Granularity granularity(String period) {
    if (period == null || period.isBlank()) {
      return Period.Granularity.DAY;
    }
    try {
      return Period.Granularity.parse(period);
    } catch (IllegalArgumentException e) {
      throw new BadQueryException("period", "period must be day or week");
    }
  }

  /** How many periods {@code days} days cover (default 90 days). */
  private static int periods(Period.Granularity granularity, String days) {
    int d = 90;
    if (days != null && !days.isBlank()) {
      try {
        d = Integer.parseInt(days.trim());
      } catch (NumberFormatException e) {
        d = -1;
      }
      if (d < 1 || d > 3660) {
        throw new BadQueryException("days", "days must be a whole number from 1 to 3660");
      }
    }
    return granularity == Period.Granularity.DAY ? d : (d + 6) / 7;
  }

  /** A date parameter (YYYY-MM-DD, UTC), or null when absent. */
  private static LocalDate date(String field, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(value.trim());
    } catch (java.time.format.DateTimeParseException e) {
      throw new BadQueryException(field, field + " must be a date like 2026-11-30");
    }
  }

  private static String required(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new BadQueryException(field, field + " is required");
    }
    return value;
  }

  /**
   * The route pattern (never the raw path, which holds subject ids); static files share one tag.
   */
  private static String pathTag(Context ctx) {
    try {
      return ctx.endpointHandlerPath();
    } catch (IllegalStateException e) {
      return "static";
    }
  }

  private static boolean isForwarded(Context ctx) {
    return ctx.header(PeerClient.FORWARDED_HEADER) != null;
  }

  private static boolean isLocal(Context ctx) {
    return LOCAL.equals(ctx.queryParam("scope"));
  }

  private static ObjectNode status(String status, KafkaStreams.State state) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("status", status);
    body.put("streamsState", state.name());
    return body;
  }

  private static void unavailable(Context ctx, String message) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("error", "unavailable");
    body.put("message", message);
    ctx.header("Retry-After", RETRY_AFTER_SECONDS).status(503).json(body);
  }
}
