package dev.touchpoints.streams.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.touchpoints.avro.CustomerAlert;
import dev.touchpoints.avro.CustomerExperience;
import dev.touchpoints.avro.IncidentAlert;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The dashboard answers every console polls: with a TTL, one computation serves every asker until
 * it expires; without one, each ask computes.
 */
class DashboardCacheTest {

  private final MapStore<CustomerExperience> experiences = new MapStore<>();
  private final LocalState local =
      TestData.local(experiences, new MapStore<CustomerAlert>(), new MapStore<IncidentAlert>());

  private QueryService service(Duration ttl) {
    return new QueryService(null, null, local, Clock.fixed(TestData.NOW, ZoneOffset.UTC), ttl);
  }

  @Test
  void shouldReuseAnAnswerWithinItsTtlAndComputeEachWithoutOne() {
    experiences.put("a", TestData.experience("a", 30));
    QueryService cached = service(Duration.ofHours(1));
    QueryService uncached = service(Duration.ZERO);
    assertThat(cached.stats(true).get("subjects").asLong()).isEqualTo(1);
    assertThat(cached.subjects(true, 10, false, true)).hasSize(1);

    experiences.put("b", TestData.experience("b", 20));

    // the cached service answers what it computed; the other one sees b
    assertThat(cached.stats(true).get("subjects").asLong()).isEqualTo(1);
    assertThat(cached.subjects(true, 10, false, true)).hasSize(1);
    assertThat(uncached.stats(true).get("subjects").asLong()).isEqualTo(2);
    assertThat(uncached.subjects(true, 10, false, true)).hasSize(2);
    // a listing asked differently is a different answer
    assertThat(cached.subjects(true, 5, false, true)).hasSize(2);
  }
}
