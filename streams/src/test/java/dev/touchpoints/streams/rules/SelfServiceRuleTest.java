package dev.touchpoints.streams.rules;

import static dev.touchpoints.streams.TestData.failedPasswordReset;
import static dev.touchpoints.streams.TestData.minute;
import static dev.touchpoints.streams.TestData.selfService;
import static dev.touchpoints.streams.TestData.web;
import static org.assertj.core.api.Assertions.assertThat;

import dev.touchpoints.avro.AlertStatus;
import dev.touchpoints.avro.AttemptOutcome;
import dev.touchpoints.avro.SelfServiceKind;
import dev.touchpoints.streams.TestData;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SelfServiceRuleTest {

  @Test
  void shouldNotRaiseWhenTheFailuresAreSpreadBeyondTheWindow() {
    Subject s = new Subject();
    var alerts =
        s.on(
            web("ss-1", minute(0), failedPasswordReset()),
            web("ss-1", minute(50), failedPasswordReset()),
            web("ss-1", minute(100), failedPasswordReset()));
    assertThat(alerts).isEmpty();
  }

  @Test
  void shouldClearWhenTheCustomerSucceedsOnTheirOwn() {
    Subject s = new Subject();
    s.on(
        web("ss-2", minute(0), failedPasswordReset()),
        web("ss-2", minute(1), failedPasswordReset()),
        web("ss-2", minute(2), failedPasswordReset()));

    var alerts =
        s.on(
            web(
                "ss-2",
                minute(5),
                selfService(SelfServiceKind.PASSWORD_RESET, AttemptOutcome.SUCCEEDED)));

    assertThat(alerts)
        .singleElement()
        .satisfies(a -> assertThat(a.status()).isEqualTo(AlertStatus.CLEARED));
  }

  @Test
  void shouldCarryTheFailingKindSoIncidentDetectionCanFoldIt() {
    Subject s = new Subject(TestData.policy(Map.of("policy.self-service.failures", "2")));
    var alerts =
        s.on(
            web("ss-3", minute(0), failedPasswordReset()),
            web("ss-3", minute(1), failedPasswordReset()));
    assertThat(alerts)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.foldKind()).isEqualTo("web.self_service_failed.password_reset");
              assertThat(a.folded()).as("folding is incident detection's decision").isFalse();
            });
  }

  @Test
  void shouldNotHoldAnAlertOfAKindThatIsNoIncidentKind() {
    Subject s =
        new Subject(
            TestData.policy(
                Map.of(
                    "policy.self-service.failures", "2",
                    "policy.incident.kinds", "web.checkout_error")));
    var alerts =
        s.on(
            web("ss-4", minute(0), failedPasswordReset()),
            web("ss-4", minute(1), failedPasswordReset()));
    assertThat(alerts)
        .singleElement()
        .satisfies(a -> assertThat(a.foldKind()).as("sent straight to ops").isNull());
  }
}
