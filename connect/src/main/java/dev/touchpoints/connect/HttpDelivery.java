package dev.touchpoints.connect;

import dev.touchpoints.connect.format.Payload;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one alert to one route with the JDK's {@link HttpClient}, retrying with exponential
 * back-off on 5xx, 408, 429 (honouring {@code Retry-After}), timeouts and connection errors. Every
 * attempt carries the same {@code Idempotency-Key}, so a receiver that got a request whose answer
 * was lost can recognise the retry.
 */
public final class HttpDelivery {

  /** The idempotency header, sent with every format. */
  public static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";

  private static final Logger LOG = LoggerFactory.getLogger(HttpDelivery.class);
  private static final String USER_AGENT = "touchpoints-alert-delivery";

  private final HttpClient client;
  private final Duration requestTimeout;
  private final RetryPolicy policy;
  private final DeliveryCounters counters;
  private final Sleeper sleeper;

  /** Waits between attempts; a test may pass one that does not wait. */
  @FunctionalInterface
  public interface Sleeper {
    /** Waits {@code duration}. */
    void sleep(Duration duration) throws InterruptedException;
  }

  /** A delivery over {@code client}. */
  public HttpDelivery(
      HttpClient client,
      Duration requestTimeout,
      RetryPolicy policy,
      DeliveryCounters counters,
      Sleeper sleeper) {
    this.client = client;
    this.requestTimeout = requestTimeout;
    this.policy = policy;
    this.counters = counters;
    this.sleeper = sleeper;
  }

  /** A client for {@code connectTimeout}. */
  public static HttpClient client(Duration connectTimeout) {
    return HttpClient.newBuilder()
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /**
   * Delivers {@code alert} on {@code route}; returns once a receiver answered 2xx, throws a {@link
   * DeliveryFailedException} when it cannot be delivered.
   */
  public void deliver(Route route, Alert alert) {
    Payload payload = route.format().render(alert);
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(route.url())
            .timeout(requestTimeout)
            .header("Content-Type", "application/json")
            .header("User-Agent", USER_AGENT)
            .header(IDEMPOTENCY_KEY_HEADER, alert.idempotencyKey())
            .POST(HttpRequest.BodyPublishers.ofByteArray(payload.body()));
    for (Map.Entry<String, String> header : payload.headers().entrySet()) {
      builder.header(header.getKey(), header.getValue());
    }
    HttpRequest request = builder.build();
    String problem = null;
    for (int attempt = 1; attempt <= policy.maxRetries() + 1; attempt++) {
      if (attempt > 1) {
        counters.retried();
      }
      Duration wait;
      counters.sent();
      try {
        HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
          counters.delivered();
          return;
        }
        problem = "HTTP " + status;
        if (!retriable(status)) {
          throw failed(route, problem, attempt);
        }
        wait = retryAfter(response).map(policy::retryAfter).orElse(policy.backoff(attempt));
      } catch (IOException e) {
        problem = e.getClass().getSimpleName();
        wait = policy.backoff(attempt);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ConnectException("Interrupted delivering on route " + route.name(), e);
      }
      if (attempt <= policy.maxRetries()) {
        LOG.debug(
            "Route {}: {} on attempt {}, retrying in {} ms",
            route.name(),
            problem,
            attempt,
            wait.toMillis());
        sleep(wait, route);
      }
    }
    throw failed(route, problem + ", retries exhausted", policy.maxRetries() + 1);
  }

  private void sleep(Duration wait, Route route) {
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectException("Interrupted delivering on route " + route.name(), e);
    }
  }

  private static DeliveryFailedException failed(Route route, String problem, int attempts) {
    return new DeliveryFailedException(
        "Route "
            + route.name()
            + " ("
            + route.format().name()
            + "): "
            + problem
            + " after "
            + attempts
            + " attempt(s)");
  }

  /** 5xx, 408 Request Timeout and 429 Too Many Requests are worth another try; other 4xx not. */
  static boolean retriable(int status) {
    return status >= 500 || status == 408 || status == 429;
  }

  /** {@code Retry-After} in seconds or as an HTTP date. */
  static Optional<Duration> retryAfter(HttpResponse<?> response) {
    return response.headers().firstValue("Retry-After").flatMap(HttpDelivery::parseRetryAfter);
  }

  static Optional<Duration> parseRetryAfter(String value) {
    String v = value.trim();
    try {
      return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v))));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (DateTimeParseException notADate) {
        return Optional.empty();
      }
    }
  }
}
