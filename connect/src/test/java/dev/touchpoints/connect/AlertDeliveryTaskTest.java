package dev.touchpoints.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.junit.jupiter.api.Test;

class AlertDeliveryTaskTest {

  private final List<String> reported = new ArrayList<>();

  @Test
  void shouldDeadLetterARecordThatIsNotAnAlertWithItsReasonAndCarryOn() {
    AlertDeliveryTask task = startedTask(true);

    task.put(
        List.of(
            record("{not json"),
            record(TestData.customerAlert("c").with("severity", "INFO").json())));

    assertThat(reported)
        .singleElement()
        .asString()
        .startsWith("Not an alert: the value is not JSON");
    assertThat(task.counters())
        .extracting("records", "deadLettered", "unrouted", "sent")
        .containsExactly(2L, 1L, 1L, 0L);
  }

  @Test
  void shouldStopRatherThanSkipAnAlertWhenThereIsNoDeadLetterTopic() {
    AlertDeliveryTask task = startedTask(false);

    assertThatThrownBy(() -> task.put(List.of(record("{not json"))))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("there is no dead-letter topic");
  }

  private AlertDeliveryTask startedTask(boolean withReporter) {
    ErrantRecordReporter reporter =
        (record, error) -> {
          reported.add(error.getMessage());
          return CompletableFuture.completedFuture(null);
        };
    SinkTaskContext context =
        (SinkTaskContext)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {SinkTaskContext.class},
                (proxy, method, args) ->
                    method.getName().equals("errantRecordReporter") && withReporter
                        ? reporter
                        : null);
    AlertDeliveryTask task = new AlertDeliveryTask(duration -> {});
    task.initialize(context);
    task.start(TestData.pagerDutyAndSlack());
    return task;
  }

  private static SinkRecord record(String value) {
    return new SinkRecord("alerts", 0, null, "k", null, value, 7L);
  }
}
