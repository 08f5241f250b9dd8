package dev.touchpoints.ops;

import dev.touchpoints.core.config.AppConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The experience engine's query API as the ops commands reach it: its URL, the API key they present
 * (when the engine asks for one), the certificates an {@code https} API is trusted by, and what its
 * answers mean for an exit code. A picocli mixin.
 */
public final class QueryApi {

  /** Exit code when the subject is unknown. */
  static final int NOT_FOUND = 3;

  /** Exit code when the engine cannot answer now (rebalance, down): try again. */
  static final int TRY_AGAIN = 75;

  @Option(
      names = "--api",
      paramLabel = "URL",
      defaultValue = "${env:TOUCHPOINTS_QUERY_API:-http://localhost:8088}",
      description = "Base URL of any engine instance's query API (default ${DEFAULT-VALUE}).")
  String api;

  @Option(
      names = "--api-key",
      paramLabel = "KEY",
      defaultValue = "${env:TOUCHPOINTS_QUERY_API_KEY}",
      description =
          "API key, when the query API asks for one (default: the TOUCHPOINTS_QUERY_API_KEY"
              + " environment variable).")
  String apiKey;

  @Option(
      names = "--truststore",
      paramLabel = "FILE",
      description =
          "Truststore (PKCS12) with the certificate of an https query API the JDK does not trust;"
              + " its password in setting query.ssl.truststore.password (default: setting"
              + " query.ssl.truststore.location).")
  Path truststore;

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  /** Prefix of the trust settings, those the engine's instances use to ask each other. */
  static final String TLS_PREFIX = "query";

  /** The path of a subject's resource, its id encoded. */
  static String subjectPath(String subjectId, String suffix) {
    return "/v1/subjects/"
        + URLEncoder.encode(subjectId, StandardCharsets.UTF_8).replace("+", "%20")
        + suffix;
  }

  /**
   * GETs {@code path}; empty (with the reason on {@code err}) when the API cannot be reached.
   *
   * @param config the settings, for {@code query.ssl.truststore.*}
   * @throws CommandLine.ParameterException naming the setting when the truststore cannot be read
   */
  Optional<HttpResponse<String>> get(String path, AppConfig config, PrintWriter err)
      throws InterruptedException {
    return send("GET", path, Map.of(), config, err);
  }

  /**
   * Sends {@code method} to {@code path} with {@code headers}; empty (with the reason on {@code
   * err}) when the API cannot be reached.
   *
   * @param config the settings, for {@code query.ssl.truststore.*}
   * @throws CommandLine.ParameterException naming the setting when the truststore cannot be read
   */
  Optional<HttpResponse<String>> send(
      String method, String path, Map<String, String> headers, AppConfig config, PrintWriter err)
      throws InterruptedException {
    return send(method, path, null, headers, config, err);
  }

  /**
   * Sends {@code method} to {@code path} with a JSON {@code body} (null: none) and {@code headers};
   * empty (with the reason on {@code err}) when the API cannot be reached.
   */
  Optional<HttpResponse<String>> send(
      String method,
      String path,
      String body,
      Map<String, String> headers,
      AppConfig config,
      PrintWriter err)
      throws InterruptedException {
    String base = api.endsWith("/") ? api.substring(0, api.length() - 1) : api;
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .timeout(Duration.ofSeconds(20))
            .header("Accept", "application/json");
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    headers.forEach(request::header);
    if (apiKey != null && !apiKey.isBlank()) {
      request.header("Authorization", "Bearer " + apiKey.trim());
    }
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .sslContext(trust(config))
            // an id linked into another subject answers with a redirect to that subject
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    try {
      return Optional.of(http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    } catch (SSLHandshakeException e) {
      err.printf(
          "Cannot reach the query API at %s: its certificate is not trusted (--truststore, or"
              + " setting query.ssl.truststore.location): %s%n",
          base, e.getMessage());
      return Optional.empty();
    } catch (IOException e) {
      err.printf(
          "Cannot reach the query API at %s: %s%n",
          base, e.getMessage() == null ? e : e.getMessage());
      return Optional.empty();
    }
  }

  private SSLContext trust(AppConfig config) {
    AppConfig withFlag =
        truststore == null
            ? config
            : config.with(TLS_PREFIX + ".ssl.truststore.location", truststore.toString());
    try {
      return withFlag.tls(TLS_PREFIX).trustContext();
    } catch (ConfigException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  /**
   * The exit code of an answer that is not 200, with what it means on {@code err}.
   *
   * @param role the role the request needs, named when the key is missing or not enough
   */
  static int failure(
      HttpResponse<String> response, String subjectId, String role, PrintWriter err) {
    switch (response.statusCode()) {
      case 404 -> {
        err.printf("Nothing recorded for subject %s.%n", subjectId);
        return NOT_FOUND;
      }
      case 401, 403 -> {
        err.printf(
            "The query API wants an API key of the %s role: --api-key or"
                + " TOUCHPOINTS_QUERY_API_KEY (%d).%n",
            role, response.statusCode());
        return 1;
      }
      case 503 -> {
        err.printf(
            "The engine is rebalancing its state; try again in %s s.%n",
            response.headers().firstValue("Retry-After").orElse("a few"));
        return TRY_AGAIN;
      }
      default -> {
        err.printf("The query API answered %d: %s%n", response.statusCode(), response.body());
        return 1;
      }
    }
  }
}
