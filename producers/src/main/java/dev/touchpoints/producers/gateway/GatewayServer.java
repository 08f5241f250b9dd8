package dev.touchpoints.producers.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.touchpoints.core.auth.ApiKeys;
import dev.touchpoints.producers.json.EventJson;
import dev.touchpoints.producers.publisher.TouchpointPublisher;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP ingestion gateway: systems that cannot embed the Java publisher POST JSON events here;
 * the gateway validates them, publishes them through a {@link TouchpointPublisher} and answers only
 * after Kafka acknowledged them. With {@code gateway.ssl.keystore.location} set it speaks HTTPS
 * only.
 *
 * <ul>
 *   <li>{@code POST /v1/events}: one event, {@code application/json};
 *   <li>{@code POST /v1/events:batch} (or {@code /v1/events/batch}): a JSON array, or NDJSON with
 *       {@code application/x-ndjson};
 *   <li>{@code GET /health}, {@code /ready}, {@code /metrics}, {@code /openapi.json}: no key
 *       needed.
 * </ul>
 *
 * <p>Statuses: 202 all stored, 207 some rejected, 400 malformed JSON or incomplete body, 401/403
 * API key, 408 body stalled, 413 too large, 415 content type or coding, 422 nothing valid, 503
 * Kafka unavailable (with {@code Retry-After}). Errors are JSON {@code
 * {"error","field","message"}}, also those Jetty answers itself ({@link JsonErrorHandler}); a
 * caller's mistake never yields a 500.
 */
public final class GatewayServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);

  static final String EVENTS = "/v1/events";
  static final String BATCH = "/v1/events:batch";
  static final String BATCH_ALT = "/v1/events/batch";
  private static final Set<String> ROUTES =
      Set.of(EVENTS, BATCH, BATCH_ALT, "/health", "/ready", "/metrics", "/openapi.json");
  private static final String JSON = "application/json";
  private static final String NDJSON = "application/x-ndjson";
  private static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";

  private final Javalin app;
  private final GatewaySettings settings;
  private final TouchpointPublisher publisher;
  private final BooleanSupplier kafkaReady;
  private final PrometheusMeterRegistry registry;
  private final GatewayMetrics metrics;
  private final ApiKeys apiKeys;
  private final EventIngest ingest;
  private final String openApi;
  private final JvmGcMetrics gcMetrics;

  private GatewayServer(
      GatewaySettings settings, TouchpointPublisher publisher, BooleanSupplier kafkaReady) {
    this.settings = settings;
    this.publisher = publisher;
    this.kafkaReady = kafkaReady;
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    this.gcMetrics = bindJvmMetrics(registry);
    this.metrics = new GatewayMetrics(registry);
    this.apiKeys = new ApiKeys(settings.apiKeys());
    this.ingest =
        new EventIngest(publisher, new EventJson(), metrics, settings.retryAfter().toSeconds());
    this.openApi = OpenApi.document().toPrettyString();
    this.app = createApp();
  }

  /**
   * Starts a gateway on {@code settings.port()} (0 for a free one).
   *
   * @param publisher where events go; not closed by the gateway
   * @param kafkaReady answers {@code /ready}: whether Kafka is reachable now
   */
  public static GatewayServer start(
      GatewaySettings settings, TouchpointPublisher publisher, BooleanSupplier kafkaReady) {
    GatewayServer server = new GatewayServer(settings, publisher, kafkaReady);
    if (!server.apiKeys.enabled()) {
      LOG.warn(
          "No API keys configured ({}): the gateway accepts events from anyone who can reach it",
          GatewaySettings.API_KEYS);
    }
    server.app.start(settings.port());
    LOG.info(
        "Gateway listening with {} on port {} ({})",
        settings.tls().scheme(),
        server.port(),
        settings);
    return server;
  }

  /** The port the gateway listens on. */
  public int port() {
    return app.port();
  }

  /** The meters (for tests and embedding). */
  public MeterRegistry meterRegistry() {
    return registry;
  }

  /** Stops accepting requests and waits for running ones; leaves the publisher open. */
  @Override
  public void close() {
    app.stop();
    gcMetrics.close();
    registry.close();
  }

  private Javalin createApp() {
    Javalin javalin =
        Javalin.create(
            config -> {
              config.showJavalinBanner = false;
              config.startupWatcherEnabled = false;
              config.http.prefer405over404 = true;
              config.http.maxRequestSize = settings.maxBodyBytes();
              config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
              settings.tls().listen(config, settings.port());
              config.jsonMapper(new JavalinJackson(RequestBodies.MAPPER, false));
              config.requestLogger.http(
                  (ctx, ms) ->
                      metrics.request(
                          route(ctx), ctx.statusCode(), Duration.ofNanos((long) (ms * 1e6))));
            });
    javalin.post(EVENTS, this::postEvent);
    javalin.post(BATCH, this::postBatch);
    javalin.post(BATCH_ALT, this::postBatch);
    javalin.get("/health", ctx -> ctx.json(Map.of("status", "up")));
    javalin.get("/ready", this::ready);
    javalin.get("/metrics", ctx -> ctx.contentType(PROMETHEUS).result(registry.scrape()));
    javalin.get("/openapi.json", ctx -> ctx.contentType(JSON).result(openApi));
    javalin.exception(GatewayError.class, (e, ctx) -> ctx.status(e.status()).json(e.body()));
    javalin.exception(
        HttpResponseException.class,
        (e, ctx) -> {
          int status = e.getStatus();
          GatewayError answer =
              switch (status) {
                case 404 -> new GatewayError(404, "not_found", "path", "no such endpoint");
                case 405 ->
                    new GatewayError(
                        405, "method_not_allowed", "method", "method not allowed here");
                case 413 -> new GatewayError(413, "payload_too_large", "body", "body too large");
                default -> new GatewayError(status, "bad_request", null, e.getMessage());
              };
          ctx.status(status).json(answer.body());
        });
    javalin.exception(
        Exception.class,
        (e, ctx) -> {
          // Our bug, not the caller's: log it, answer without internals.
          LOG.error("Unexpected error on {} {}", ctx.method(), route(ctx), e);
          ctx.status(500)
              .json(
                  new GatewayError(500, "internal_error", null, "unexpected error; see server log")
                      .body());
        });
    return javalin;
  }

  private void postEvent(Context ctx) throws IOException {
    authenticate(ctx);
    String type = mediaType(ctx, Set.of(JSON));
    identityCoding(ctx);
    byte[] body = readBody(ctx);
    JsonNode node = RequestBodies.single(body);
    respond(ctx, ingest.single(node));
    LOG.debug("POST {} as {}: {}", EVENTS, type, ctx.statusCode());
  }

  private void postBatch(Context ctx) throws IOException {
    authenticate(ctx);
    String type = mediaType(ctx, Set.of(JSON, NDJSON));
    identityCoding(ctx);
    byte[] body = readBody(ctx);
    List<RequestBodies.Item> items =
        type.equals(NDJSON)
            ? RequestBodies.ndjson(body, settings.maxBatchEvents())
            : RequestBodies.jsonArray(body, settings.maxBatchEvents());
    respond(ctx, ingest.ingest(items));
  }

  private void respond(Context ctx, EventIngest.Outcome outcome) {
    if (outcome.status() == 503) {
      ctx.header("Retry-After", String.valueOf(settings.retryAfter().toSeconds()));
    }
    ctx.status(outcome.status()).json(outcome.body());
  }

  private void ready(Context ctx) {
    boolean ready;
    try {
      ready = kafkaReady.getAsBoolean();
    } catch (RuntimeException e) {
      ready = false;
    }
    if (ready) {
      ctx.json(Map.of("status", "ready", "kafka", "reachable"));
    } else {
      ctx.header("Retry-After", String.valueOf(settings.retryAfter().toSeconds()));
      ctx.status(503).json(Map.of("status", "not_ready", "kafka", "unreachable"));
    }
  }

  private void authenticate(Context ctx) {
    if (!apiKeys.enabled()) {
      return;
    }
    String key =
        ApiKeys.presented(ctx.header("X-Api-Key"), ctx.header("Authorization")).orElse(null);
    if (key == null) {
      ctx.header("WWW-Authenticate", "ApiKey header=\"X-Api-Key\"");
      throw new GatewayError(401, "unauthorized", "X-Api-Key", "an API key is required");
    }
    if (!apiKeys.matches(key)) {
      throw new GatewayError(403, "forbidden", "X-Api-Key", "the API key is not valid");
    }
  }

  /**
   * The request's media type, which must be one of {@code accepted} and UTF-8 if a charset is
   * given.
   */
  private static String mediaType(Context ctx, Set<String> accepted) {
    String header = ctx.header("Content-Type");
    String expected = String.join(" or ", accepted.stream().sorted().toList());
    if (header == null || header.isBlank()) {
      throw new GatewayError(
          415, "unsupported_media_type", "Content-Type", "Content-Type must be " + expected);
    }
    String[] parts = header.split(";");
    String type = parts[0].trim().toLowerCase(Locale.ROOT);
    if (!accepted.contains(type)) {
      throw new GatewayError(
          415, "unsupported_media_type", "Content-Type", "Content-Type must be " + expected);
    }
    for (int i = 1; i < parts.length; i++) {
      String[] param = parts[i].trim().split("=", 2);
      if (param[0].trim().equalsIgnoreCase("charset")
          && (param.length < 2 || !param[1].trim().replace("\"", "").equalsIgnoreCase("utf-8"))) {
        throw new GatewayError(
            415, "unsupported_media_type", "Content-Type", "the only accepted charset is utf-8");
      }
    }
    return type;
  }

  /**
   * The body must arrive as it is meant to be read: no {@code Content-Encoding} but {@code
   * identity}, no {@code Transfer-Encoding} but {@code chunked} (which Jetty undoes). The gateway
   * decompresses nothing, so a body claiming gzip is refused rather than misread.
   */
  private static void identityCoding(Context ctx) {
    codings(ctx, "Content-Encoding", "identity");
    codings(ctx, "Transfer-Encoding", "chunked");
  }

  private static void codings(Context ctx, String header, String allowed) {
    for (String value : Collections.list(ctx.req().getHeaders(header))) {
      for (String coding : value.split(",")) {
        String c = coding.trim();
        if (!c.isEmpty() && !c.equalsIgnoreCase(allowed)) {
          throw new GatewayError(
              415,
              "unsupported_encoding",
              header,
              header + " must be absent or " + allowed + "; send the body uncompressed");
        }
      }
    }
  }

  private byte[] readBody(Context ctx) throws IOException {
    return RequestBodies.read(
        ctx.req().getInputStream(), ctx.req().getContentLengthLong(), settings.maxBodyBytes());
  }

  private static String route(Context ctx) {
    String path = ctx.path();
    return ROUTES.contains(path) ? path : "other";
  }

  private static JvmGcMetrics bindJvmMetrics(MeterRegistry registry) {
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    return gc;
  }

  /** The publisher this gateway sends through. */
  TouchpointPublisher publisher() {
    return publisher;
  }
}
