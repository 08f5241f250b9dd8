package dev.touchpoints.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AlertTest {

  @Test
  void shouldKeyCustomerAlertsByAlertIdAndIncidentsByIdStatusAndTime() {
    Alert customer = TestData.customerAlert("cust-42").alert();
    Alert incident = TestData.incidentAlert("web.checkout_error").with("status", "UPDATED").alert();

    assertThat(customer.idempotencyKey()).isEqualTo("customer-alert:a-cust-42-silence-raised");
    assertThat(incident.idempotencyKey())
        .isEqualTo(
            "incident-alert:web.checkout_error@2026-11-20T09:10:00Z:UPDATED:2026-11-20T09:12:30Z");
    assertThat(Alert.parse(customer.raw()).idempotencyKey()).isEqualTo(customer.idempotencyKey());
  }

  @Test
  void shouldKeyAReminderApartFromTheAlertItRemindsOf() {
    Alert alert = TestData.customerAlert("cust-42").alert();
    Alert reminder =
        TestData.customerAlert("cust-42").with("remindedAt", "2026-11-20T11:00:00Z").alert();

    assertThat(reminder.idempotencyKey())
        .isEqualTo("customer-alert:a-cust-42-silence-raised:reminder:2026-11-20T11:00:00Z")
        .isNotEqualTo(alert.idempotencyKey());
    assertThat(
            new dev.touchpoints.connect.format.SlackFormat("http://console")
                .render(reminder)
                .bodyText())
        .contains("Reminder: ");
  }

  @Test
  void shouldNameTheProblemOfARecordThatIsNotAnAlert() {
    assertThatThrownBy(() -> Alert.parse("{not json"))
        .isInstanceOf(InvalidAlertException.class)
        .hasMessageContaining("not JSON");
    assertThatThrownBy(() -> Alert.parse(TestData.customerAlert("c").with("kind", "x").json()))
        .hasMessageContaining("'kind'");
    assertThatThrownBy(() -> Alert.parse(TestData.customerAlert("c").without("alertId").json()))
        .hasMessageContaining("'alertId'");
    assertThatThrownBy(
            () -> Alert.parse(TestData.customerAlert("c").with("severity", "LOUD").json()))
        .hasMessageContaining("'severity'");
    assertThatThrownBy(() -> Alert.parse(null)).hasMessageContaining("no value");
  }
}
