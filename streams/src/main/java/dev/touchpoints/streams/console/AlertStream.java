package dev.touchpoints.streams.console;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.sse.SseClient;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The Server-Sent Events endpoint of the live alert feed: each browser first gets the alerts in
 * memory, then every new one as an {@code alert} event; a comment every 15 s keeps proxies from
 * closing idle connections.
 */
public final class AlertStream implements Consumer<SseClient>, AutoCloseable {

  private final AlertFeed feed;
  private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService heartbeat =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "console-sse-heartbeat");
            thread.setDaemon(true);
            return thread;
          });

  /** Streams what {@code feed} reads. */
  public AlertStream(AlertFeed feed) {
    this.feed = feed;
    heartbeat.scheduleAtFixedRate(this::ping, 15, 15, TimeUnit.SECONDS);
  }

  @Override
  public void accept(SseClient client) {
    client.keepAlive();
    clients.add(client);
    Runnable unsubscribe = feed.subscribe(alert -> send(client, alert));
    client.onClose(
        () -> {
          unsubscribe.run();
          clients.remove(client);
        });
  }

  /** Browsers connected now. */
  public int connected() {
    return clients.size();
  }

  @Override
  public void close() {
    heartbeat.shutdownNow();
    clients.forEach(SseClient::close);
  }

  private static void send(SseClient client, ObjectNode alert) {
    synchronized (client) {
      if (!client.terminated()) {
        client.sendEvent("alert", alert.toString());
      }
    }
  }

  private void ping() {
    for (SseClient client : clients) {
      synchronized (client) {
        if (client.terminated()) {
          clients.remove(client);
        } else {
          client.sendComment("ping");
        }
      }
    }
  }
}
