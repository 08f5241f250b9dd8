package dev.touchpoints.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.touchpoints.connect.format.WebhookFormat;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpDeliveryTest {

  private HttpServer server;
  private final Deque<Integer> answers = new ConcurrentLinkedDeque<>();
  private final List<String> idempotencyKeys = new CopyOnWriteArrayList<>();
  private final List<Duration> waits = new ArrayList<>();
  private final DeliveryCounters counters = new DeliveryCounters();
  private Route route;

  @BeforeEach
  void startReceiver() throws Exception {
    server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext(
        "/hook",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          idempotencyKeys.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
          int status = answers.isEmpty() ? 200 : answers.poll();
          if (status == 0) {
            int seen = idempotencyKeys.size();
            FlakyReceiver.holdUntil(
                "the sender timed out and sent its next try",
                () -> idempotencyKeys.size() > seen,
                Duration.ofSeconds(10));
            status = 200;
          }
          if (status == 429) {
            exchange.getResponseHeaders().add("Retry-After", "7");
          }
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
    route =
        new Route(
            "hook",
            new WebhookFormat(new Password("k")),
            URI.create("http://localhost:" + server.getAddress().getPort() + "/hook"),
            Set.of(Alert.Kind.values()),
            Set.of(),
            Alert.Severity.INFO);
  }

  @AfterEach
  void stopReceiver() {
    server.stop(0);
  }

  private HttpDelivery delivery(int maxRetries) {
    return new HttpDelivery(
        HttpDelivery.client(Duration.ofMillis(300)),
        Duration.ofMillis(300),
        new RetryPolicy(maxRetries, Duration.ofMillis(100), Duration.ofSeconds(5)),
        counters,
        waits::add);
  }

  @Test
  void shouldRetryServerErrorsTimeoutsAndTooManyRequestsWithTheSameIdempotencyKey() {
    answers.addAll(List.of(500, 0, 429, 503));
    Alert alert = TestData.customerAlert("cust-42").alert();

    delivery(5).deliver(route, alert);

    assertThat(idempotencyKeys).hasSize(5).containsOnly(alert.idempotencyKey());
    assertThat(counters.snapshot())
        .extracting("sent", "delivered", "retried")
        .containsExactly(5L, 1L, 4L);
    assertThat(waits.get(2)).as("Retry-After honoured").isEqualTo(Duration.ofSeconds(5));
    assertThat(waits.get(0)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
    assertThat(waits.get(3)).isBetween(Duration.ofMillis(400), Duration.ofMillis(800));
  }

  @Test
  void shouldGiveUpAtOnceOnAClientErrorNamingTheRouteButNotItsUrl() {
    answers.add(404);

    assertThatThrownBy(() -> delivery(5).deliver(route, TestData.customerAlert("c").alert()))
        .isInstanceOf(DeliveryFailedException.class)
        .hasMessage("Route hook (webhook): HTTP 404 after 1 attempt(s)")
        .hasMessageNotContaining("localhost");
    assertThat(idempotencyKeys).hasSize(1);
  }

  @Test
  void shouldGiveUpWhenRetriesAreExhausted() {
    answers.addAll(List.of(500, 500, 500));

    assertThatThrownBy(() -> delivery(2).deliver(route, TestData.customerAlert("c").alert()))
        .hasMessage("Route hook (webhook): HTTP 500, retries exhausted after 3 attempt(s)");
    assertThat(counters.snapshot().delivered()).isZero();
  }

  @Test
  void shouldReadRetryAfterInSecondsOrAsADate() {
    assertThat(HttpDelivery.parseRetryAfter("3")).contains(Duration.ofSeconds(3));
    assertThat(HttpDelivery.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT"))
        .contains(Duration.ZERO);
    assertThat(HttpDelivery.parseRetryAfter("soon")).isEmpty();
  }
}
