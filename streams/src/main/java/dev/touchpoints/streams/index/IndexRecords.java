package dev.touchpoints.streams.index;

import dev.touchpoints.avro.ExperienceIndex;
import java.util.Map;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * A period's summed cells as its index record, stamped with when they were summed (the record's
 * timestamp: the wall clock of the task flush that changed them).
 */
public final class IndexRecords
    implements FixedKeyProcessor<String, Map<String, Long>, ExperienceIndex> {

  private final double atRiskBelow;
  private FixedKeyProcessorContext<String, ExperienceIndex> context;

  public IndexRecords(double atRiskBelow) {
    this.atRiskBelow = atRiskBelow;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, ExperienceIndex> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<String, Map<String, Long>> record) {
    if (record.value() == null) {
      context.forward(record.withValue(null)); // the period has nobody left: its tombstone
      return;
    }
    context.forward(
        record.withValue(
            IndexFigures.of(
                Period.parse(record.key()), record.value(), atRiskBelow, record.timestamp())));
  }
}
