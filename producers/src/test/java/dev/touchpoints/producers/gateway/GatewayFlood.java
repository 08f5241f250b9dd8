package dev.touchpoints.producers.gateway;

import static dev.touchpoints.producers.gateway.AbuseCases.JSON;
import static dev.touchpoints.producers.gateway.AbuseCases.KEY;
import static dev.touchpoints.producers.gateway.AbuseCases.NDJSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A bounded flood on loopback: {@code threads} callers each send {@code perThread} requests, a
 * fixed mix of single events, mixed JSON batches, NDJSON batches, events with the caller's own id,
 * and eight kinds of bad request. Every answer is checked against what that request must get.
 */
final class GatewayFlood {

  static final String SUBJECT_PREFIX = "flood-";

  /**
   * What the flood saw.
   *
   * @param statuses every status, in no particular order
   * @param unexpected every answer that was not the expected one, described
   * @param acceptedIds every event id answered as accepted
   * @param expectedEvents how many events should have been accepted
   */
  record Result(
      List<Integer> statuses,
      List<String> unexpected,
      List<String> acceptedIds,
      int expectedEvents) {}

  private record Shot(String name, HttpRequest request, int status, int events, String eventId) {}

  private final URI base;
  private final int threads;
  private final int perThread;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  GatewayFlood(int port, int threads, int perThread) {
    this.base =
        URI.create("http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + port);
    this.threads = threads;
    this.perThread = perThread;
  }

  Result run(Duration timeout) throws InterruptedException {
    List<Callable<Result>> callers = new ArrayList<>();
    int expectedEvents = 0;
    for (int t = 0; t < threads; t++) {
      List<Shot> shots = new ArrayList<>();
      for (int i = 0; i < perThread; i++) {
        Shot shot = shot(t, i);
        shots.add(shot);
        expectedEvents += shot.events();
      }
      callers.add(() -> fire(shots));
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Integer> statuses = new ArrayList<>();
    List<String> unexpected = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    try {
      for (Future<Result> f : pool.invokeAll(callers, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        if (f.isCancelled()) {
          unexpected.add("a caller did not finish within " + timeout);
          continue;
        }
        Result r = f.get();
        statuses.addAll(r.statuses());
        unexpected.addAll(r.unexpected());
        ids.addAll(r.acceptedIds());
      }
    } catch (ExecutionException e) {
      throw new AssertionError("a caller failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
    return new Result(statuses, unexpected, ids, expectedEvents);
  }

  private Result fire(List<Shot> shots) throws IOException, InterruptedException {
    List<Integer> statuses = new ArrayList<>();
    List<String> unexpected = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (Shot shot : shots) {
      HttpResponse<String> response =
          http.send(shot.request(), HttpResponse.BodyHandlers.ofString());
      statuses.add(response.statusCode());
      String seen = shot.name() + " → " + response.statusCode() + " " + response.body();
      if (response.statusCode() != shot.status()) {
        unexpected.add(seen);
        continue;
      }
      JsonNode body = GatewayClient.MAPPER.readTree(response.body());
      List<String> accepted = new ArrayList<>();
      body.path("accepted").forEach(a -> accepted.add(a.path("eventId").asText()));
      if (accepted.size() != shot.events() || accepted.stream().anyMatch(String::isBlank)) {
        unexpected.add(seen);
      } else if (shot.eventId() != null && !accepted.equals(List.of(shot.eventId()))) {
        unexpected.add(seen);
      }
      ids.addAll(accepted);
    }
    return new Result(statuses, unexpected, ids, 0);
  }

  private Shot shot(int thread, int i) {
    String subject = SUBJECT_PREFIX + thread;
    String good = event(subject).toString();
    return switch (i % 5) {
      case 0 -> new Shot("single", post(GatewayServer.EVENTS, JSON, good, KEY), 202, 1, null);
      case 1 -> {
        String bad = event(subject).put("kind", "RANT").toString();
        yield new Shot(
            "mixed batch",
            post(GatewayServer.BATCH, JSON, "[" + good + "," + bad + "," + good + "]", KEY),
            207,
            2,
            null);
      }
      case 2 ->
          new Shot(
              "NDJSON",
              post(GatewayServer.BATCH_ALT, NDJSON, good + "\n\r\n" + good + "\r\n", KEY),
              202,
              2,
              null);
      case 3 -> bad(subject, (i / 5) % 8);
      default -> {
        String id = subject + "-" + i;
        yield new Shot(
            "own id",
            post(GatewayServer.EVENTS, JSON, event(subject).put("eventId", id).toString(), KEY),
            202,
            1,
            id);
      }
    };
  }

  private Shot bad(String subject, int kind) {
    String good = event(subject).toString();
    return switch (kind) {
      case 0 -> new Shot("malformed", post(GatewayServer.EVENTS, JSON, "{", KEY), 400, 0, null);
      case 1 -> new Shot("wrong key", post(GatewayServer.EVENTS, JSON, good, "nope"), 403, 0, null);
      case 2 -> new Shot("no key", post(GatewayServer.EVENTS, JSON, good, null), 401, 0, null);
      case 3 ->
          new Shot("text/plain", post(GatewayServer.EVENTS, "text/plain", good, KEY), 415, 0, null);
      case 4 ->
          new Shot(
              "invalid event",
              post(GatewayServer.EVENTS, JSON, event(subject).put("caseId", " ").toString(), KEY),
              422,
              0,
              null);
      case 5 ->
          new Shot(
              "gzip claim",
              HttpRequest.newBuilder(base.resolve(GatewayServer.EVENTS))
                  .timeout(Duration.ofSeconds(60))
                  .header("Content-Type", JSON)
                  .header("X-Api-Key", KEY)
                  .header("Content-Encoding", "gzip")
                  .POST(HttpRequest.BodyPublishers.ofString(good))
                  .build(),
              415,
              0,
              null);
      case 6 ->
          new Shot(
              "NDJSON all broken",
              post(GatewayServer.BATCH, NDJSON, "{\n[1,\n" + good.substring(1) + "\n", KEY),
              422,
              0,
              null);
      default -> new Shot("unknown route", post("/v1/event", JSON, good, KEY), 404, 0, null);
    };
  }

  private static ObjectNode event(String subject) {
    return AbuseCases.caseOpened().put("subjectId", subject);
  }

  private HttpRequest post(String path, String contentType, String body, String key) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      b.header("X-Api-Key", key);
    }
    return b.build();
  }
}
