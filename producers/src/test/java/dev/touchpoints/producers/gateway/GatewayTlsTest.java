package dev.touchpoints.producers.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.touchpoints.core.config.AppConfig;
import dev.touchpoints.core.topics.Topics;
import dev.touchpoints.producers.TestData;
import dev.touchpoints.producers.publisher.PublisherSettings;
import dev.touchpoints.producers.publisher.TouchpointPublisher;
import dev.touchpoints.producers.simulator.EventSink;
import dev.touchpoints.producers.simulator.GatewaySink;
import dev.touchpoints.producers.simulator.JourneyGenerator;
import dev.touchpoints.producers.simulator.SimulatedEvent;
import dev.touchpoints.producers.simulator.SimulationPlan;
import dev.touchpoints.serde.tls.TestCertificate;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLHandshakeException;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway with {@code gateway.ssl.keystore.*} set (a self-signed certificate made here): HTTPS
 * only, events accepted from clients trusting the certificate, the simulator among them.
 */
class GatewayTlsTest {

  private static final String KEY = "tls-test-key";

  @TempDir Path dir;
  private TestCertificate certificate;
  private MockProducer<byte[], byte[]> producer;
  private TouchpointPublisher publisher;
  private GatewayServer server;

  @BeforeEach
  void startGateway() {
    certificate = TestCertificate.create(dir);
    AppConfig config = TestData.mockConfig().with(GatewaySettings.API_KEYS, KEY);
    for (var setting : certificate.serverSettings(GatewaySettings.TLS_PREFIX).entrySet()) {
      config = config.with(setting.getKey(), setting.getValue());
    }
    Topics topics = TestData.topics(config);
    producer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    publisher =
        TouchpointPublisher.create(topics, producer, PublisherSettings.defaults(), TestData.CLOCK);
    server = GatewayServer.start(GatewaySettings.fromConfig(config, 0), publisher, () -> true);
  }

  @AfterEach
  void stopGateway() {
    server.close();
    publisher.close();
  }

  private HttpRequest event(String scheme) {
    return HttpRequest.newBuilder(
            URI.create(scheme + "://localhost:" + server.port() + GatewayServer.EVENTS))
        .header("Content-Type", "application/json")
        .header("X-Api-Key", KEY)
        .POST(HttpRequest.BodyPublishers.ofString(TestData.caseOpenedJson().toString()))
        .build();
  }

  @Test
  void shouldAcceptEventsOverHttpsFromAClientTrustingItsCertificate() throws Exception {
    HttpClient trusting = HttpClient.newBuilder().sslContext(certificate.trustingContext()).build();

    HttpResponse<String> response =
        trusting.send(event("https"), HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(producer.history()).hasSize(1);
  }

  @Test
  void shouldRefuseClientsThatDoNotTrustItAndPlainHttp() {
    HttpClient jdkDefaults = HttpClient.newHttpClient();

    assertThatThrownBy(() -> jdkDefaults.send(event("https"), HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(SSLHandshakeException.class);
    assertThatThrownBy(() -> jdkDefaults.send(event("http"), HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(IOException.class);
    assertThat(producer.history()).isEmpty();
  }

  @Test
  void shouldTakeTheSimulatorsBatchesOverHttpsWithItsTruststore() {
    List<SimulatedEvent> events =
        JourneyGenerator.of(
                SimulationPlan.of(7, 20).startingAt(TestData.NOW.minus(Duration.ofDays(200))))
            .stream()
            .limit(30)
            .toList();
    AtomicLong stored = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    EventSink.Listener listener =
        new EventSink.Listener() {
          @Override
          public void stored(long count) {
            stored.addAndGet(count);
          }

          @Override
          public void failed(long count, String reason) {
            failed.addAndGet(count);
          }
        };

    try (GatewaySink sink =
        new GatewaySink(
            "https://localhost:" + server.port(),
            KEY,
            10,
            2,
            listener,
            AppConfig.of(certificate.clientSettings(GatewaySettings.TLS_PREFIX), Map.of())
                .tls(GatewaySettings.TLS_PREFIX)
                .trustContext())) {
      events.forEach(sink::send);
    }

    await("the sink heard every answer")
        .atMost(Duration.ofSeconds(30))
        .until(() -> stored.get() + failed.get() == events.size());
    assertThat(failed.get()).isZero();
    assertThat(producer.history()).hasSize(events.size());
  }
}
