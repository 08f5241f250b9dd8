package dev.touchpoints.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class RoutingTest {

  private final Router router =
      new Router(new AlertDeliveryConfig(TestData.pagerDutyAndSlack()).routes());

  @Test
  void shouldPageCriticalIncidentsAndPostThemToSlackToo() {
    assertThat(names(TestData.incidentAlert("web.checkout_error").alert()))
        .containsExactly("pagerduty", "slack");
  }

  @Test
  void shouldSendHighIncidentsAndCustomerAlertsOnlyToSlack() {
    assertThat(names(TestData.incidentAlert("k").with("severity", "HIGH").alert()))
        .containsExactly("slack");
    assertThat(names(TestData.customerAlert("c").with("severity", "CRITICAL").alert()))
        .containsExactly("slack");
  }

  @Test
  void shouldDropWhatIsBelowEveryRoutesSeverity() {
    assertThat(names(TestData.customerAlert("c").with("severity", "INFO").alert())).isEmpty();
  }

  @Test
  void shouldLetTheEndOfAProblemPassTheSeverityFilterSoAPageIsResolved() {
    Alert resolved =
        TestData.incidentAlert("k").with("status", "RESOLVED").with("severity", "INFO").alert();

    assertThat(names(resolved)).containsExactly("pagerduty", "slack");
  }

  @Test
  void shouldFilterByTypeWithIncidentsTypedIncident() {
    Map<String, String> props = TestData.pagerDutyAndSlack();
    props.put("route.slack.types", "PROMISE_BROKEN, incident");
    Router typed = new Router(new AlertDeliveryConfig(props).routes());

    assertThat(typed.routesFor(TestData.customerAlert("c").alert())).isEmpty();
    assertThat(typed.routesFor(TestData.customerAlert("c").with("type", "PROMISE_BROKEN").alert()))
        .extracting(Route::name)
        .containsExactly("slack");
    assertThat(typed.routesFor(TestData.incidentAlert("k").with("severity", "HIGH").alert()))
        .extracting(Route::name)
        .containsExactly("slack");
  }

  @Test
  void shouldRefuseARouteWithoutItsSecretNamingTheKeyButNotShowingValues() {
    Map<String, String> props = TestData.pagerDutyAndSlack();
    props.remove("route.pagerduty.routing.key");

    assertThatThrownBy(() -> new AlertDeliveryConfig(props))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("route.pagerduty.routing.key");
  }

  @Test
  void shouldReportRouteProblemsInConnectorValidation() {
    Map<String, String> props = TestData.pagerDutyAndSlack();
    props.put("route.slack.format", "teams");
    props.remove("route.pagerduty.routing.key");

    var values = new AlertDeliveryConnector().validate(props).configValues();

    assertThat(values)
        .filteredOn(v -> v.name().equals("route.slack.format"))
        .singleElement()
        .satisfies(v -> assertThat(v.errorMessages()).isNotEmpty());
  }

  @Test
  void shouldNeverShowAUrlOrSecretInARoutesDescription() {
    List<Route> routes = new AlertDeliveryConfig(TestData.pagerDutyAndSlack()).routes();

    assertThat(routes.toString()).doesNotContain("XXXX", "R0UTINGKEY", "localhost");
  }

  private List<String> names(Alert alert) {
    return router.routesFor(alert).stream().map(Route::name).toList();
  }
}
