package dev.touchpoints.producers.simulator;

import dev.touchpoints.avro.WebErrorKind;
import java.util.List;

/** Story 3: every so often, many subjects hit checkout errors within a few minutes. */
final class IncidentWaves {

  private IncidentWaves() {}

  /** Adds the wave process to {@code j}, hitting subjects from {@code candidates}. */
  static void cast(Journey j, SimulationPlan plan, List<String> candidates) {
    long every = plan.incidentEvery().toMillis();
    if (every == 0 || plan.incidentSize() == 0 || candidates.isEmpty()) {
      return;
    }
    long spread = Math.max(1, plan.incidentSpread().toMillis());
    int size = Math.min(plan.incidentSize(), candidates.size());
    j.add(
        Processes.repeating(
            plan.start().toEpochMilli() + every / 2 + j.rnd.nextLong(every / 2 + 1),
            Long.MAX_VALUE,
            (journey, at) -> {
              // A partial Fisher-Yates shuffle picks distinct subjects.
              String[] pool = candidates.toArray(String[]::new);
              for (int i = 0; i < size; i++) {
                int k = i + journey.rnd.nextInt(pool.length - i);
                String chosen = pool[k];
                pool[k] = pool[i];
                pool[i] = chosen;
                journey
                    .webOf(chosen, at + journey.rnd.nextLong(spread))
                    .errorShown(WebErrorKind.CHECKOUT_ERROR, "/checkout", 500);
              }
              return at + every;
            }));
  }
}
