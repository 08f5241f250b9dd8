package dev.touchpoints.streams.query;

import dev.touchpoints.core.tls.ServerTls;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Asks another instance of the application over HTTP, or HTTPS when the instances listen with TLS
 * (they share the {@code query.ssl.*} settings).
 */
public class PeerClient {

  /** Header marking a request one instance sends another, so it is never forwarded again. */
  public static final String FORWARDED_HEADER = "X-Touchpoints-Forwarded";

  private final HttpClient http;
  private final Duration timeout;
  private final Optional<String> key;
  private final String scheme;

  /** A client with the given per-request timeout, for a cluster without access control. */
  public PeerClient(Duration timeout) {
    this(timeout, Optional.empty());
  }

  /**
   * A client with the given per-request timeout.
   *
   * @param key the API key this instance presents to the others (they share the keys)
   */
  public PeerClient(Duration timeout, Optional<String> key) {
    this(timeout, key, ServerTls.off(QueryServer.TLS_PREFIX));
  }

  /**
   * A client with the given per-request timeout.
   *
   * @param key the API key this instance presents to the others (they share the keys)
   * @param tls this instance's TLS: when on, the others are asked over HTTPS, trusting {@code
   *     query.ssl.truststore.*} (or the JDK's trusted authorities)
   */
  public PeerClient(Duration timeout, Optional<String> key, ServerTls tls) {
    this.key = key;
    this.scheme = tls.scheme();
    HttpClient.Builder http =
        HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1);
    if (tls.enabled()) {
      http.sslContext(tls.clientContext());
    }
    this.http = http.build();
    this.timeout = timeout;
  }

  /** An answer of a peer. */
  public record Answer(int status, String body) {}

  /**
   * GETs {@code pathAndQuery} from {@code host}.
   *
   * @return a future failing with {@link StoreUnavailableException} when the peer cannot be reached
   */
  public CompletableFuture<Answer> get(HostInfo host, String pathAndQuery) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create(scheme + "://" + host.host() + ":" + host.port() + pathAndQuery))
            .timeout(timeout)
            .header(FORWARDED_HEADER, "1")
            .header("Accept", "application/json");
    key.ifPresent(k -> request.header(QueryAccess.API_KEY_HEADER, k));
    return send(host, request.GET().build());
  }

  private CompletableFuture<Answer> send(HostInfo host, HttpRequest request) {
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .handle(
            (response, error) -> {
              if (error != null) {
                Throwable cause = error.getCause() == null ? error : error.getCause();
                throw new StoreUnavailableException(
                    "Instance "
                        + host.host()
                        + ":"
                        + host.port()
                        + " did not answer: "
                        + describe(cause),
                    cause);
              }
              return new Answer(response.statusCode(), response.body());
            });
  }

  private static String describe(Throwable error) {
    if (error instanceof IOException && error.getMessage() == null) {
      return error.getClass().getSimpleName();
    }
    return String.valueOf(error.getMessage());
  }
}
