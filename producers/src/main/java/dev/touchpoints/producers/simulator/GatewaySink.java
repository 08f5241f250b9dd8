package dev.touchpoints.producers.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.touchpoints.producers.json.EventJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends simulated events to the HTTP gateway in JSON batches, a few requests in flight. A 503 or a
 * lost connection is retried with the same event ids (so nothing is stored twice downstream).
 */
public final class GatewaySink implements EventSink {

  private static final Logger LOG = LoggerFactory.getLogger(GatewaySink.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int MAX_ATTEMPTS = 5;
  private static final long STALE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

  private final HttpClient http;
  private final URI batchUri;
  private final String apiKey;
  private final int batchSize;
  private final Semaphore inFlight;
  private final int maxInFlight;
  private final Listener listener;
  private final EventJson json = new EventJson();
  private final List<SimulatedEvent> buffer = new ArrayList<>();
  private long oldestBuffered;

  /**
   * A sink posting to {@code gatewayUrl}{@code /v1/events:batch}; an {@code https} gateway must
   * have a certificate the JDK trusts.
   *
   * @param apiKey sent as {@code X-Api-Key}; null for none
   */
  public GatewaySink(
      String gatewayUrl, String apiKey, int batchSize, int maxInFlight, Listener listener) {
    this(gatewayUrl, apiKey, batchSize, maxInFlight, listener, null);
  }

  /**
   * A sink posting to {@code gatewayUrl}{@code /v1/events:batch}.
   *
   * @param apiKey sent as {@code X-Api-Key}; null for none
   * @param tls the certificates an {@code https} gateway is trusted by; null for the JDK's
   */
  public GatewaySink(
      String gatewayUrl,
      String apiKey,
      int batchSize,
      int maxInFlight,
      Listener listener,
      SSLContext tls) {
    HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
    if (tls != null) {
      http.sslContext(tls);
    }
    this.http = http.build();
    this.batchUri = URI.create(gatewayUrl.replaceAll("/+$", "") + "/v1/events:batch");
    this.apiKey = apiKey;
    this.batchSize = batchSize;
    this.maxInFlight = maxInFlight;
    this.inFlight = new Semaphore(maxInFlight);
    this.listener = listener;
  }

  @Override
  public void send(SimulatedEvent event) {
    if (buffer.isEmpty()) {
      oldestBuffered = System.nanoTime();
    }
    buffer.add(event);
    if (buffer.size() >= batchSize) {
      sendBuffer();
    }
  }

  @Override
  public void poll() {
    if (!buffer.isEmpty() && System.nanoTime() - oldestBuffered > STALE_NANOS) {
      sendBuffer();
    }
  }

  @Override
  public void flush() {
    sendBuffer();
    inFlight.acquireUninterruptibly(maxInFlight);
    inFlight.release(maxInFlight);
  }

  @Override
  public void close() {
    flush();
  }

  private void sendBuffer() {
    if (buffer.isEmpty()) {
      return;
    }
    ArrayNode batch = MAPPER.createArrayNode();
    buffer.forEach(e -> batch.add(json.toJson(e.event())));
    int count = buffer.size();
    buffer.clear();
    inFlight.acquireUninterruptibly();
    attempt(batch.toString(), count, 1).whenComplete((ignored, error) -> inFlight.release());
  }

  private CompletableFuture<Void> attempt(String body, int count, int attempt) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(batchUri)
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (apiKey != null && !apiKey.isBlank()) {
      request.header("X-Api-Key", apiKey);
    }
    return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
        .handle(
            (response, error) -> {
              if (error == null && response.statusCode() != 503) {
                outcome(response, count);
                return CompletableFuture.<Void>completedFuture(null);
              }
              if (attempt >= MAX_ATTEMPTS) {
                listener.failed(count, error != null ? "gateway unreachable" : "gateway 503");
                return CompletableFuture.<Void>completedFuture(null);
              }
              long wait =
                  error != null ? 1 : response.headers().firstValueAsLong("Retry-After").orElse(1);
              return CompletableFuture.supplyAsync(
                      () -> null, CompletableFuture.delayedExecutor(wait, TimeUnit.SECONDS))
                  .thenCompose(x -> attempt(body, count, attempt + 1));
            })
        .thenCompose(f -> f);
  }

  private void outcome(HttpResponse<String> response, int count) {
    int status = response.statusCode();
    if (status == 202) {
      listener.stored(count);
      return;
    }
    JsonNode answer = parse(response.body());
    int accepted = answer.path("accepted").size();
    if (status == 207 || status == 422) {
      listener.stored(accepted);
      listener.failed(count - accepted, "rejected by the gateway");
      return;
    }
    LOG.warn("Gateway answered {} ({}) to a batch", status, answer.path("error").asText("?"));
    listener.failed(count, "gateway " + status);
  }

  private static JsonNode parse(String body) {
    try {
      return MAPPER.readTree(body);
    } catch (IOException e) {
      return MAPPER.createObjectNode();
    }
  }
}
