package dev.touchpoints.streams.query;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

/** The cluster as a running {@link KafkaStreams} instance sees it. */
public final class StreamsCluster implements Cluster {

  private final KafkaStreams streams;
  private final HostInfo self;

  /**
   * @param streams the running application
   * @param self this instance's {@code application.server}
   */
  public StreamsCluster(KafkaStreams streams, HostInfo self) {
    this.streams = streams;
    this.self = self;
  }

  @Override
  public HostInfo self() {
    return self;
  }

  @Override
  public HostInfo ownerOf(String store, String key) {
    KeyQueryMetadata metadata;
    try {
      metadata = streams.queryMetadataForKey(store, key, Serdes.String().serializer());
    } catch (IllegalStateException e) {
      throw new StoreUnavailableException("Streams is not running (" + streams.state() + ")", e);
    }
    if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
      throw new StoreUnavailableException(
          "Owner of the key is unknown while the application rebalances (" + streams.state() + ")");
    }
    return metadata.activeHost();
  }

  @Override
  public List<HostInfo> hostsOf(String store) {
    if (streams.state() != KafkaStreams.State.RUNNING) {
      throw new StoreUnavailableException(
          "Application is " + streams.state() + "; listings are served when it is RUNNING");
    }
    List<HostInfo> hosts = new ArrayList<>();
    for (StreamsMetadata metadata : streams.metadataForAllStreamsClients()) {
      if (metadata.stateStoreNames().contains(store) && !hosts.contains(metadata.hostInfo())) {
        hosts.add(metadata.hostInfo());
      }
    }
    if (hosts.isEmpty()) {
      // No application.server configured, or nothing assigned yet: answer from here.
      hosts.add(self);
    }
    return hosts;
  }
}
