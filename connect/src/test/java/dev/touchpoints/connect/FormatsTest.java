package dev.touchpoints.connect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.touchpoints.connect.format.PagerDutyFormat;
import dev.touchpoints.connect.format.Payload;
import dev.touchpoints.connect.format.SlackFormat;
import dev.touchpoints.connect.format.WebhookFormat;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;

class FormatsTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void shouldPostTheAlertJsonAsWrittenWithAnHmacSignatureOverTheBody() {
    Alert alert = TestData.customerAlert("cust-42").alert();

    Payload payload = new WebhookFormat(new Password("s3cret")).render(alert);

    assertThat(payload.bodyText()).isEqualTo(alert.raw());
    assertThat(payload.headers())
        .containsEntry(
            WebhookFormat.SIGNATURE_HEADER, "sha256=" + hmacSha256("s3cret", payload.body()));
  }

  @Test
  void shouldMatchThePublishedHmacSha256TestVector() {
    // RFC 4231 test case 2, so the independent HMAC below is itself checked.
    assertThat(hmacSha256("Jefe", "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  }

  @Test
  void shouldShowSeverityTypeSubjectWhyNextStepAndConsoleLinkInSlack() throws Exception {
    Alert alert = TestData.customerAlert("cust 42/x").with("why", "Late <again> & again").alert();

    JsonNode message =
        MAPPER.readTree(new SlackFormat("https://ops.example.com/").render(alert).body());

    String text = message.get("text").asText();
    String blocks = message.get("blocks").toString();
    assertThat(text)
        .contains("HIGH", "LEFT_IN_SILENCE", "cust 42/x", "Late <again> & again")
        .contains(alert.nextStep())
        .contains("https://ops.example.com/#/subjects/cust%2042%2Fx");
    assertThat(message.get("blocks").get(0).get("type").asText()).isEqualTo("header");
    assertThat(blocks)
        .contains("*Why:* Late &lt;again&gt; &amp; again")
        .contains("*Next step:* " + alert.nextStep())
        .contains(
            "<https://ops.example.com/#/subjects/cust%2042%2Fx|Open cust 42/x in the console>");
  }

  @Test
  void shouldTriggerPagerDutyWithAQualifiedDedupKeyAndMappedSeverity() throws Exception {
    Alert alert = TestData.customerAlert("cust-42").with("severity", "CRITICAL").alert();

    JsonNode event =
        MAPPER.readTree(
            new PagerDutyFormat(new Password("R0UTING"), "http://console").render(alert).body());

    assertThat(event.get("routing_key").asText()).isEqualTo("R0UTING");
    assertThat(event.get("event_action").asText()).isEqualTo("trigger");
    assertThat(event.get("dedup_key").asText()).isEqualTo("cust-42|silence:case-2");
    JsonNode payload = event.get("payload");
    assertThat(payload.get("severity").asText()).isEqualTo("critical");
    assertThat(payload.get("source").asText()).isEqualTo("cust-42");
    assertThat(payload.get("summary").asText()).contains("LEFT_IN_SILENCE", alert.why());
    assertThat(payload.get("custom_details").get("nextStep").asText()).isEqualTo(alert.nextStep());
    assertThat(event.get("links").get(0).get("href").asText())
        .isEqualTo("http://console/#/subjects/cust-42");
  }

  @Test
  void shouldResolveOnClearedAndResolvedWithTheSameDedupKeyAsTheTrigger() throws Exception {
    PagerDutyFormat format = new PagerDutyFormat(new Password("k"), "http://console");
    Alert raised = TestData.customerAlert("cust-42").alert();
    Alert cleared = TestData.customerAlert("cust-42").with("status", "CLEARED").alert();
    Alert open = TestData.incidentAlert("web.checkout_error").alert();
    Alert resolved =
        TestData.incidentAlert("web.checkout_error")
            .with("status", "RESOLVED")
            .with("severity", "INFO")
            .alert();

    JsonNode clearedEvent = MAPPER.readTree(format.render(cleared).body());
    JsonNode resolvedEvent = MAPPER.readTree(format.render(resolved).body());

    assertThat(clearedEvent.get("event_action").asText()).isEqualTo("resolve");
    assertThat(clearedEvent.get("dedup_key").asText()).isEqualTo(PagerDutyFormat.dedupKey(raised));
    assertThat(resolvedEvent.get("event_action").asText()).isEqualTo("resolve");
    assertThat(resolvedEvent.get("dedup_key").asText())
        .isEqualTo(PagerDutyFormat.dedupKey(open))
        .isEqualTo("incident:web.checkout_error");
    assertThat(PagerDutyFormat.dedupKey(TestData.customerAlert("cust-43").alert()))
        .isNotEqualTo(PagerDutyFormat.dedupKey(raised));
  }

  @Test
  void shouldMapEverySeverityToPagerDuty() {
    assertThat(Arrays.stream(Alert.Severity.values()).map(PagerDutyFormat::severity).toList())
        .containsExactly("info", "warning", "error", "critical");
  }

  /** HMAC (RFC 2104) built from SHA-256 by hand: independent of the javax.crypto.Mac under test. */
  static String hmacSha256(String key, byte[] message) {
    try {
      byte[] k = key.getBytes(StandardCharsets.UTF_8);
      if (k.length > 64) {
        k = MessageDigest.getInstance("SHA-256").digest(k);
      }
      byte[] block = Arrays.copyOf(k, 64);
      byte[] inner = new byte[64];
      byte[] outer = new byte[64];
      for (int i = 0; i < 64; i++) {
        inner[i] = (byte) (block[i] ^ 0x36);
        outer[i] = (byte) (block[i] ^ 0x5c);
      }
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(inner);
      byte[] innerHash = sha.digest(message);
      sha.update(outer);
      return HexFormat.of().formatHex(sha.digest(innerHash));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
