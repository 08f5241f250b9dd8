package dev.touchpoints.streams.processors;

import dev.touchpoints.avro.IncidentAlert;
import dev.touchpoints.avro.IncidentStatus;
import dev.touchpoints.streams.StoreNames;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the global {@link StoreNames#INCIDENTS_STORE} from the incident-alerts topic: the latest
 * record of each open incident; a RESOLVED record removes it.
 */
public final class IncidentsStoreUpdater implements Processor<String, IncidentAlert, Void, Void> {

  private KeyValueStore<String, IncidentAlert> store;

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    this.store = context.getStateStore(StoreNames.INCIDENTS_STORE);
  }

  @Override
  public void process(Record<String, IncidentAlert> record) {
    if (record.key() == null) {
      return;
    }
    if (record.value() == null || record.value().getStatus() == IncidentStatus.RESOLVED) {
      store.delete(record.key());
    } else {
      store.put(record.key(), record.value());
    }
  }
}
