package dev.touchpoints.producers.gateway;

import dev.touchpoints.core.config.AppConfig;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Whether Kafka answers: a cluster description within two seconds. The answer is cached for a
 * second so that a busy probe cannot flood the cluster.
 */
public final class KafkaReadiness implements BooleanSupplier, AutoCloseable {

  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private static final long CACHE_NANOS = Duration.ofSeconds(1).toNanos();

  private final Admin admin;
  private long checkedAt;
  private boolean ready;
  private boolean checked;

  /** Probes the cluster of {@code config}. */
  public KafkaReadiness(AppConfig config) {
    Properties props = config.kafkaProperties();
    props.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
    props.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "2000");
    props.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "touchpoints-gateway-readiness");
    this.admin = Admin.create(props);
  }

  @Override
  public synchronized boolean getAsBoolean() {
    long now = System.nanoTime();
    if (checked && now - checkedAt < CACHE_NANOS) {
      return ready;
    }
    ready = probe();
    checked = true;
    checkedAt = System.nanoTime();
    return ready;
  }

  private boolean probe() {
    try {
      return !admin
          .describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()))
          .nodes()
          .get(TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS)
          .isEmpty();
    } catch (ExecutionException | TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(2));
  }
}
