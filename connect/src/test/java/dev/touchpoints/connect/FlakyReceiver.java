package dev.touchpoints.connect;

import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;

/**
 * An HTTP receiver for several routes that fails at random, seeded: 500, an answer slower than the
 * sender waits (the request arrived, the answer is lost: a retry is a duplicate), 429 with {@code
 * Retry-After: 1}. The outcome is a function of seed, route, idempotency key and attempt number, so
 * a run is repeatable whatever the threads do. Bodies a {@code poison} predicate picks are refused
 * with 400 on every attempt.
 */
final class FlakyReceiver implements AutoCloseable {

  /** One request as received. */
  record Receipt(
      String route,
      String idempotencyKey,
      String body,
      String signature,
      int answer,
      boolean slow) {
    /** Whether the sender got a 2xx answer (a slow answer comes after it gave up). */
    boolean acknowledged() {
      return !slow && answer >= 200 && answer < 300;
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final long seed;
  private final long slowAnswerMillis;
  private final Predicate<String> poison;
  private final List<Receipt> receipts = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
  private final Map<Integer, AtomicInteger> answers = new ConcurrentHashMap<>();
  private final AtomicInteger slowAnswers = new AtomicInteger();

  FlakyReceiver(long seed, long slowAnswerMillis, Predicate<String> poison, List<String> routes)
      throws IOException {
    this.seed = seed;
    this.slowAnswerMillis = slowAnswerMillis;
    this.poison = poison;
    server = HttpServer.create(new InetSocketAddress("localhost", 0), 64);
    server.setExecutor(executor);
    for (String route : routes) {
      server.createContext("/" + route, exchange -> handle(route, exchange));
    }
    server.start();
  }

  String url(String route) {
    return "http://localhost:" + server.getAddress().getPort() + "/" + route;
  }

  List<Receipt> receipts() {
    return List.copyOf(receipts);
  }

  Map<Integer, AtomicInteger> answers() {
    return answers;
  }

  int slowAnswers() {
    return slowAnswers.get();
  }

  private void handle(String route, HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
    String signature = exchange.getRequestHeaders().getFirst("X-Touchpoints-Signature");
    int attempt =
        attempts.computeIfAbsent(route + "|" + key, k -> new AtomicInteger()).incrementAndGet();
    // SplittableRandom mixes its seed; java.util.Random's first draw of near seeds is near too.
    double roll =
        new SplittableRandom(seed * 31 + (route + "|" + key + "|" + attempt).hashCode())
            .nextDouble();
    int answer;
    boolean slow = false;
    if (poison.test(body)) {
      answer = 400;
    } else if (roll < 0.10) {
      answer = 500;
    } else if (roll < 0.14) {
      slowAnswers.incrementAndGet();
      slow = true;
      // Too slow for the sender: answer once it has given up and retried (or after the bound,
      // when this was its last try).
      AtomicInteger tries = attempts.get(route + "|" + key);
      holdUntil(
          "the sender gave up on this answer and retried",
          () -> tries.get() > attempt,
          Duration.ofMillis(slowAnswerMillis));
      answer = 200;
    } else if (roll < 0.17) {
      exchange.getResponseHeaders().add("Retry-After", "1");
      answer = 429;
    } else {
      answer = 200;
    }
    receipts.add(new Receipt(route, key, body, signature, answer, slow));
    answers.computeIfAbsent(answer, a -> new AtomicInteger()).incrementAndGet();
    try {
      exchange.sendResponseHeaders(answer, -1);
    } catch (IOException senderGaveUp) {
      // The sender timed out and closed the connection: exactly the case being simulated.
    }
    exchange.close();
  }

  /**
   * Holds an answer until {@code condition} holds or {@code atMost} has passed: how a receiver
   * answers too late for a sender with a shorter timeout.
   */
  static void holdUntil(String condition, Callable<Boolean> holds, Duration atMost) {
    try {
      await(condition).atMost(atMost).pollInterval(Duration.ofMillis(10)).until(holds);
    } catch (ConditionTimeoutException lastTry) {
      // no retry came (the sender's last attempt): answer now, still too late for it
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
