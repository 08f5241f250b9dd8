package dev.touchpoints.streams.query;

import java.util.List;
import org.apache.kafka.streams.state.HostInfo;

/** Where state lives among the instances of the application. */
public interface Cluster {

  /** This instance, as advertised in {@code application.server}. */
  HostInfo self();

  /**
   * The instance that owns {@code key} of {@code store}.
   *
   * @throws StoreUnavailableException while that is unknown (rebalance)
   */
  HostInfo ownerOf(String store, String key);

  /**
   * Every instance hosting a part of {@code store}, this one included when it hosts one.
   *
   * @throws StoreUnavailableException while that is unknown (rebalance)
   */
  List<HostInfo> hostsOf(String store);

  /** Whether {@code host} is this instance. */
  default boolean isSelf(HostInfo host) {
    return host == null || host.port() < 0 || host.equals(self());
  }
}
