package dev.touchpoints.streams.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchpoints.avro.AlertAction;
import dev.touchpoints.avro.AlertActionType;
import dev.touchpoints.avro.AlertType;
import dev.touchpoints.avro.CustomerAlert;
import dev.touchpoints.avro.CustomerExperience;
import dev.touchpoints.avro.ErasureRequest;
import dev.touchpoints.avro.IncidentAlert;
import dev.touchpoints.avro.Severity;
import dev.touchpoints.core.config.AppConfig;
import dev.touchpoints.core.tls.ServerTls;
import dev.touchpoints.serde.tls.TestCertificate;
import dev.touchpoints.streams.console.QuietLogs;
import dev.touchpoints.streams.state.Link;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLHandshakeException;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two instances of the HTTP edge, each with its own share of the state, talking to each other. */
class QueryServerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final AtomicReference<KafkaStreams.State> state =
      new AtomicReference<>(KafkaStreams.State.RUNNING);
  private final FakeCluster clusterA = new FakeCluster();
  private final FakeCluster clusterB = new FakeCluster();
  private final MockProducer<String, ErasureRequest> erasureProducer =
      new MockProducer<>(
          true,
          null,
          new StringSerializer(),
          (topic, request) -> request.toString().getBytes(StandardCharsets.UTF_8));
  private final MockProducer<String, AlertAction> actionProducer =
      new MockProducer<>(
          true,
          null,
          new StringSerializer(),
          (topic, action) -> action.toString().getBytes(StandardCharsets.UTF_8));
  private Javalin a;
  private Javalin b;
  private List<LocalState> locals;

  @BeforeAll
  static void quiet() {
    QuietLogs.apply();
  }

  @BeforeEach
  void startTwoInstances() {
    MapStore<CustomerExperience> experiencesA = new MapStore<>();
    MapStore<CustomerAlert> alertsA = new MapStore<>();
    MapStore<CustomerExperience> experiencesB = new MapStore<>();
    MapStore<CustomerAlert> alertsB = new MapStore<>();
    // The incidents store is global: every instance holds every incident.
    MapStore<IncidentAlert> incidents = new MapStore<>();
    experiencesA.put("a1", TestData.experience("a1", 20));
    CustomerAlert alertA =
        TestData.alert("a1", AlertType.SELF_SERVICE_FAILED, Severity.WARNING, TestData.NOW);
    alertsA.put(TestData.alertKey(alertA), alertA);
    experiencesB.put("b1", TestData.experience("b1", 10));
    CustomerAlert alertB =
        TestData.alert("b1", AlertType.LEFT_IN_SILENCE, Severity.HIGH, TestData.NOW);
    alertsB.put(TestData.alertKey(alertB), alertB);
    incidents.put("web.checkout_error", TestData.incident("web.checkout_error", 240));

    // prospect-1 was linked into b1; its link is kept where prospect-1's events go (instance a)
    MapStore<Link> linksA = new MapStore<>();
    linksA.put("prospect-1", new Link("b1", 0L, "link-1", false));
    locals =
        List.of(
            TestData.local(experiencesA, alertsA, incidents, linksA),
            TestData.local(experiencesB, alertsB, incidents));
    a = instance(clusterA, locals.get(0));
    b = instance(clusterB, locals.get(1));
    relocate();
  }

  /** Tells both clusters where the instances listen. */
  private void relocate() {
    clusterA.hosts.clear();
    clusterB.hosts.clear();
    HostInfo hostA = new HostInfo("localhost", a.port());
    HostInfo hostB = new HostInfo("localhost", b.port());
    for (FakeCluster cluster : List.of(clusterA, clusterB)) {
      cluster.hosts.addAll(List.of(hostA, hostB));
      cluster.owners.put("b1", hostB);
      cluster.defaultOwner = hostA;
    }
    clusterA.self = hostA;
    clusterB.self = hostB;
  }

  @AfterEach
  void stop() {
    a.stop();
    b.stop();
  }

  @Test
  void shouldForwardToOwnerWhenSubjectLivesOnAnotherInstance() throws Exception {
    // When
    HttpResponse<String> response = get(a, "/v1/subjects/b1");

    // Then
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode card = JSON.readTree(response.body());
    assertThat(card.get("servedBy").asText()).isEqualTo("localhost:" + b.port());
    assertThat(card.get("score").asDouble()).isEqualTo(10.0);
    assertThat(card.get("activeAlerts").get(0).get("type").asText()).isEqualTo("LEFT_IN_SILENCE");
    assertThat(card.get("reasons")).isNotEmpty();
  }

  @Test
  void shouldMergeAllInstancesWhenListingAtRiskSubjects() throws Exception {
    // When
    JsonNode rows = JSON.readTree(get(b, "/v1/subjects?atRisk=true&limit=10").body());

    // Then
    assertThat(rows).extracting(n -> n.get("subjectId").asText()).containsExactly("b1", "a1");
  }

  @Test
  void shouldMergeAlertsIncidentsAndStatsWhenAskedOnAnyInstance() throws Exception {
    // When
    JsonNode alerts = JSON.readTree(get(a, "/v1/alerts?limit=10").body());
    JsonNode high = JSON.readTree(get(a, "/v1/alerts?severity=HIGH").body());
    JsonNode incidents = JSON.readTree(get(a, "/v1/incidents").body());
    JsonNode stats = JSON.readTree(get(a, "/v1/stats").body());

    // Then
    assertThat(alerts).extracting(n -> n.get("subjectId").asText()).containsExactly("b1", "a1");
    assertThat(high).hasSize(1);
    assertThat(incidents.get(0).get("affectedSubjects").asInt()).isEqualTo(240);
    assertThat(stats.get("subjects").asLong()).isEqualTo(2);
    assertThat(stats.get("activeAlerts").asLong()).isEqualTo(2);
    assertThat(stats.get("openIncidents").asLong()).isEqualTo(1);
    assertThat(stats.get("histogram").get(1).get("count").asLong()).isEqualTo(1);
  }

  @Test
  void shouldRedirectAnIdLinkedIntoAnotherSubjectToThatSubject() throws Exception {
    // When a linked id is asked for on the instance that does not hold its link
    HttpResponse<String> card = get(b, "/v1/subjects/prospect-1");
    HttpResponse<String> export = get(b, "/v1/subjects/prospect-1/export");

    // Then the answer is a redirect to the subject it was linked into
    assertThat(card.statusCode()).isEqualTo(307);
    assertThat(card.headers().firstValue("Location")).contains("/v1/subjects/b1");
    assertThat(JSON.readTree(card.body()).get("linkedTo").asText()).isEqualTo("b1");
    assertThat(export.statusCode()).isEqualTo(307);
    assertThat(export.headers().firstValue("Location")).contains("/v1/subjects/b1/export");
    // and a client that follows it gets that subject's card
    HttpResponse<String> followed =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://localhost:" + b.port() + "/v1/subjects/prospect-1"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(followed.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(followed.body()).get("subjectId").asText()).isEqualTo("b1");
  }

  @Test
  void shouldAnswer404JsonWhenSubjectIsUnknown() throws Exception {
    // When
    HttpResponse<String> response = get(a, "/v1/subjects/nobody");

    // Then
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(response.body()).get("error").asText()).isEqualTo("subject_not_found");
  }

  @Test
  void shouldAnswer503WithRetryAfterWhenAnInstanceIsUnreachable() throws Exception {
    // Given
    clusterA.hosts.set(1, new HostInfo("localhost", 1));

    // When
    HttpResponse<String> response = get(a, "/v1/alerts");

    // Then
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).hasValue("2");
    assertThat(JSON.readTree(response.body()).get("error").asText()).isEqualTo("unavailable");
  }

  @Test
  void shouldAnswer503WhenOwnerIsUnknownDuringRebalance() throws Exception {
    // Given
    clusterA.rebalancing = true;

    // When
    HttpResponse<String> response = get(a, "/v1/subjects/b1");

    // Then
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).isPresent();
  }

  @Test
  void shouldAnswer400NamingTheFieldWhenSeverityIsInvalid() throws Exception {
    // When
    HttpResponse<String> response = get(a, "/v1/alerts?severity=urgent");

    // Then
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).get("field").asText()).isEqualTo("severity");
  }

  @Test
  void shouldReportNotReadyButAliveWhenStreamsRebalances() throws Exception {
    // Given
    state.set(KafkaStreams.State.REBALANCING);

    // When
    HttpResponse<String> ready = get(a, "/ready");
    HttpResponse<String> health = get(a, "/health");

    // Then
    assertThat(ready.statusCode()).isEqualTo(503);
    assertThat(ready.headers().firstValue("Retry-After")).isPresent();
    assertThat(health.statusCode()).isEqualTo(200);
  }

  @Test
  void shouldServeConsoleAndPrometheusMetricsWhenRunning() throws Exception {
    // Given
    get(a, "/v1/stats");

    // When
    HttpResponse<String> console = get(a, "/");
    HttpResponse<String> metrics = get(a, "/metrics");

    // Then
    assertThat(console.statusCode()).isEqualTo(200);
    assertThat(console.body()).contains("Touchpoints");
    assertThat(metrics.body()).contains("touchpoints_http_requests_seconds_count");
  }

  @Test
  void shouldAskForAKeyWithTheRightRoleWhenKeysAreSet() throws Exception {
    // Given both instances with keys (they share them, and ask each other with their own)
    a.stop();
    b.stop();
    QueryAccess access =
        QueryAccess.fromConfig(
            AppConfig.of(
                Map.of(
                    QueryAccess.READ_KEYS, "ops-key, other-ops-key",
                    QueryAccess.ADMIN_KEYS, "admin-key"),
                Map.of()));
    a = instance(clusterA, locals.get(0), access);
    b = instance(clusterB, locals.get(1), access);
    relocate();

    // Then without a key the data is refused, naming what is missing
    HttpResponse<String> none = get(a, "/v1/alerts");
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(none.body()).get("field").asText()).isEqualTo("Authorization");
    assertThat(none.headers().firstValue("WWW-Authenticate")).contains("Bearer");
    // a key that is none of the server's is forbidden
    assertThat(get(a, "/v1/alerts", "X-Api-Key", "guess").statusCode()).isEqualTo(403);
    // a read key reads, as a header or a bearer token, also a subject another instance owns
    assertThat(get(a, "/v1/alerts", "X-Api-Key", "ops-key").statusCode()).isEqualTo(200);
    HttpResponse<String> forwarded =
        get(a, "/v1/subjects/b1", "Authorization", "Bearer other-ops-key");
    assertThat(forwarded.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(forwarded.body()).get("servedBy").asText())
        .isEqualTo("localhost:" + b.port());
    assertThat(get(b, "/v1/stats", "X-Api-Key", "admin-key").statusCode()).isEqualTo(200);
    // exporting a subject's data needs the admin role, on any instance
    assertThat(get(a, "/v1/subjects/a1/export", "X-Api-Key", "ops-key").statusCode())
        .isEqualTo(403);
    HttpResponse<String> export = get(a, "/v1/subjects/b1/export", "X-Api-Key", "admin-key");
    assertThat(export.statusCode()).isEqualTo(200);
    JsonNode doc = JSON.readTree(export.body());
    assertThat(doc.get("servedBy").asText()).isEqualTo("localhost:" + b.port());
    assertThat(doc.at("/ledger/alerts").fieldNames()).toIterable().isNotEmpty();
    assertThat(doc.at("/experience/subjectId").asText()).isEqualTo("b1");
    assertThat(get(a, "/v1/subjects/nobody/export", "X-Api-Key", "admin-key").statusCode())
        .isEqualTo(404);
    // the console's files, health, readiness and metrics stay open
    assertThat(get(a, "/").statusCode()).isEqualTo(200);
    assertThat(get(a, "/health").statusCode()).isEqualTo(200);
    assertThat(get(a, "/ready").statusCode()).isEqualTo(200);
    assertThat(get(a, "/metrics").statusCode()).isEqualTo(200);
  }

  @Test
  void shouldServeAndAskEachOtherOverHttpsOnlyWhenTheInstancesHaveAKeystore(@TempDir Path dir)
      throws Exception {
    // Given both instances with a keystore, trusting its certificate when they ask each other
    TestCertificate certificate = TestCertificate.create(dir);
    Map<String, String> settings = new HashMap<>();
    settings.putAll(certificate.serverSettings(QueryServer.TLS_PREFIX));
    settings.putAll(certificate.clientSettings(QueryServer.TLS_PREFIX));
    ServerTls tls = ServerTls.fromConfig(AppConfig.of(settings, Map.of()), QueryServer.TLS_PREFIX);
    a.stop();
    b.stop();
    a = instance(clusterA, locals.get(0), QueryAccess.open(), tls);
    b = instance(clusterB, locals.get(1), QueryAccess.open(), tls);
    relocate();
    HttpClient trusting = HttpClient.newBuilder().sslContext(certificate.trustingContext()).build();

    // When a client trusting the certificate asks one instance for the other's subject
    HttpResponse<String> forwarded = send(trusting, "https", a, "/v1/subjects/b1");
    JsonNode alerts = JSON.readTree(send(trusting, "https", b, "/v1/alerts").body());

    // Then the owner answered, over HTTPS, and a listing merged both instances
    assertThat(forwarded.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(forwarded.body()).get("servedBy").asText())
        .isEqualTo("localhost:" + b.port());
    assertThat(alerts)
        .extracting(n -> n.get("subjectId").asText())
        .containsExactlyInAnyOrder("a1", "b1");
    // a client that does not trust the certificate fails the handshake
    assertThatThrownBy(() -> send(HttpClient.newHttpClient(), "https", a, "/v1/alerts"))
        .isInstanceOf(SSLHandshakeException.class);
    // and plain HTTP on the port gets no answer at all
    assertThatThrownBy(() -> send(http, "http", a, "/v1/subjects/a1"))
        .isInstanceOf(IOException.class);
  }

  @Test
  void shouldNotReachAnInstanceWhoseCertificateItDoesNotTrust(@TempDir Path dir) throws Exception {
    // Given instances with a self-signed keystore but no truststore: they trust the JDK's CAs only
    TestCertificate certificate = TestCertificate.create(dir);
    ServerTls tls =
        ServerTls.fromConfig(
            AppConfig.of(certificate.serverSettings(QueryServer.TLS_PREFIX), Map.of()),
            QueryServer.TLS_PREFIX);
    a.stop();
    b.stop();
    a = instance(clusterA, locals.get(0), QueryAccess.open(), tls);
    b = instance(clusterB, locals.get(1), QueryAccess.open(), tls);
    relocate();
    HttpClient trusting = HttpClient.newBuilder().sslContext(certificate.trustingContext()).build();

    // When
    HttpResponse<String> forwarded = send(trusting, "https", a, "/v1/subjects/b1");

    // Then the owner could not be asked: the engine's "try again", not a subject card – though
    // each instance answers what it holds itself
    assertThat(send(trusting, "https", a, "/v1/alerts?scope=local").statusCode()).isEqualTo(200);
    assertThat(forwarded.statusCode()).isEqualTo(503);
    assertThat(forwarded.body()).doesNotContain("servedBy");
  }

  private static HttpResponse<String> send(
      HttpClient client, String scheme, Javalin instance, String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(scheme + "://localhost:" + instance.port() + path))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private Javalin instance(FakeCluster cluster, LocalState local) {
    return instance(cluster, local, QueryAccess.open());
  }

  @Test
  void shouldRecordAnActionOnAnAlertHeldByAnotherInstanceKeyedByItsSubject() throws Exception {
    // Given b1's open alert, held by instance b, as the listing shows it
    JsonNode listed = JSON.readTree(get(a, "/v1/alerts?subject=b1").body()).get(0);
    String alertId = listed.get("alertId").asText();
    assertThat(JSON.readTree(get(a, "/v1/alerts/" + alertId).body()).get("dedupeKey"))
        .isEqualTo(listed.get("dedupeKey"));

    // When ops on instance a snooze it for two hours, naming themselves
    HttpResponse<String> response =
        post(
            a,
            "/v1/alerts/" + alertId + "/actions",
            "{\"action\":\"snooze\",\"for\":\"2h\",\"by\":\"Maria\"}");

    // Then the action is on the actions topic, keyed by the subject whose ledger holds the alert
    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(actionProducer.history()).hasSize(1);
    var sent = actionProducer.history().get(0);
    assertThat(sent.topic()).isEqualTo("touchpoints.alert-actions");
    assertThat(sent.key()).isEqualTo("b1");
    AlertAction action = sent.value();
    assertThat(action.getAlertId()).isEqualTo(alertId);
    assertThat(action.getDedupeKey()).isEqualTo(listed.get("dedupeKey").asText());
    assertThat(action.getAction()).isEqualTo(AlertActionType.SNOOZE);
    assertThat(action.getSnoozedUntil()).isEqualTo(TestData.NOW.plus(Duration.ofHours(2)));
    assertThat(action.getBy()).isEqualTo("Maria (access control off)");
    assertThat(JSON.readTree(response.body()).get("action").get("actionId").asText())
        .isEqualTo(action.getActionId());
  }

  @Test
  void shouldAnswer4xxNamingTheFieldWhenAnActionIsWrongAndRecordNothing() throws Exception {
    String alertId =
        JSON.readTree(get(a, "/v1/alerts?subject=a1").body()).get(0).get("alertId").asText();
    String path = "/v1/alerts/" + alertId + "/actions";

    assertThat(field(post(a, path, "{\"action\":\"escalate\"}"), 400)).isEqualTo("action");
    assertThat(field(post(a, path, "{\"action\":\"snooze\"}"), 400)).isEqualTo("for");
    assertThat(field(post(a, path, "{\"action\":\"snooze\",\"for\":\"90d\"}"), 400))
        .isEqualTo("for");
    assertThat(field(post(a, path, "{\"action\":\"snooze\",\"until\":\"yesterday\"}"), 400))
        .isEqualTo("until");
    assertThat(field(post(a, path, "{\"action\":\"assign\"}"), 400)).isEqualTo("assignee");
    assertThat(field(post(a, path, "{\"action\":\"note\",\"text\":\"  \"}"), 400))
        .isEqualTo("text");
    assertThat(field(post(a, path, "not json"), 400)).isEqualTo("body");
    assertThat(field(post(a, "/v1/alerts/no-such-alert/actions", "{\"action\":\"ack\"}"), 404))
        .isEqualTo("id");
    assertThat(actionProducer.history()).isEmpty();
  }

  private String field(HttpResponse<String> response, int status) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    return JSON.readTree(response.body()).get("field").asText();
  }

  private HttpResponse<String> post(Javalin instance, String path, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + instance.port() + path))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json")
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void shouldRecordAnErasureRequestWhenAnAdminAsksAndRefuseAReader() throws Exception {
    // Given an instance with keys
    a.stop();
    QueryAccess access =
        QueryAccess.fromConfig(
            dev.touchpoints.core.config.AppConfig.of(
                Map.of(QueryAccess.READ_KEYS, "ops-key", QueryAccess.ADMIN_KEYS, "admin-key"),
                Map.of()));
    a = instance(clusterA, locals.get(0), access);

    // When a reader and then an admin (naming herself) ask to forget a1
    HttpResponse<String> reader = delete(a, "/v1/subjects/a1", "X-Api-Key", "ops-key");
    HttpResponse<String> admin =
        http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + a.port() + "/v1/subjects/a1"))
                .DELETE()
                .header("Authorization", "Bearer admin-key")
                .header(QueryAccess.REQUESTED_BY_HEADER, "Alice Ops")
                .build(),
            HttpResponse.BodyHandlers.ofString());

    // Then the reader is refused and nothing is recorded for it
    assertThat(reader.statusCode()).isEqualTo(403);
    assertThat(JSON.readTree(reader.body()).get("field").asText()).isEqualTo("Authorization");
    // and the admin's request is on the request topic, keyed by the subject, naming who asked by
    // name and key fingerprint – never the key
    assertThat(admin.statusCode()).isEqualTo(202);
    JsonNode body = JSON.readTree(admin.body());
    assertThat(erasureProducer.history()).hasSize(1);
    var sent = erasureProducer.history().get(0);
    assertThat(sent.topic()).isEqualTo("touchpoints.erasure-requests");
    assertThat(sent.key()).isEqualTo("a1");
    assertThat(sent.value().getSubjectId()).isEqualTo("a1");
    assertThat(sent.value().getRequestId()).isEqualTo(body.get("requestId").asText());
    assertThat(sent.value().getRequestedAt()).isEqualTo(TestData.NOW);
    assertThat(sent.value().getRequestedBy())
        .isEqualTo(
            "Alice Ops (key " + dev.touchpoints.core.auth.ApiKeys.fingerprint("admin-key") + ")")
        .doesNotContain("admin-key");
    assertThat(body.get("requestedBy").asText()).isEqualTo(sent.value().getRequestedBy());
  }

  private HttpResponse<String> delete(Javalin instance, String path, String header, String value)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + instance.port() + path))
            .DELETE()
            .header(header, value)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private Javalin instance(FakeCluster cluster, LocalState local, QueryAccess access) {
    return instance(cluster, local, access, ServerTls.off(QueryServer.TLS_PREFIX));
  }

  private Javalin instance(
      FakeCluster cluster, LocalState local, QueryAccess access, ServerTls tls) {
    QueryService service =
        new QueryService(
            cluster,
            new PeerClient(Duration.ofSeconds(2), access.ownKey(), tls),
            local,
            Clock.fixed(TestData.NOW, ZoneOffset.UTC));
    return QueryServer.create(
            service,
            state::get,
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
            null,
            access,
            new RequestTopic<>(
                erasureProducer,
                "touchpoints.erasure-requests",
                Clock.fixed(TestData.NOW, ZoneOffset.UTC),
                "erasure request"),
            new RequestTopic<>(
                actionProducer,
                "touchpoints.alert-actions",
                Clock.fixed(TestData.NOW, ZoneOffset.UTC),
                "action on the alert"),
            tls,
            0)
        .start(0);
  }

  private HttpResponse<String> get(Javalin instance, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + instance.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(Javalin instance, String path, String header, String value)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + instance.port() + path))
            .header(header, value)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A cluster whose layout the test sets. */
  private static final class FakeCluster implements Cluster {
    private final List<HostInfo> hosts = new ArrayList<>();
    private final Map<String, HostInfo> owners = new HashMap<>();
    private HostInfo self;
    private HostInfo defaultOwner;
    private volatile boolean rebalancing;

    @Override
    public HostInfo self() {
      return self;
    }

    @Override
    public HostInfo ownerOf(String store, String key) {
      if (rebalancing) {
        throw new StoreUnavailableException("rebalancing");
      }
      return owners.getOrDefault(key, defaultOwner);
    }

    @Override
    public List<HostInfo> hostsOf(String store) {
      return hosts;
    }
  }
}
