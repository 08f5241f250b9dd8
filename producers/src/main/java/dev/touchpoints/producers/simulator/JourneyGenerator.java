package dev.touchpoints.producers.simulator;

import dev.touchpoints.producers.events.Events;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The simulated touchpoints of a {@link SimulationPlan}, in simulated-time order: a pure, endless,
 * seedable iterator. It does no I/O and reads no clock, so the same plan gives the same events
 * (ids, times, contents) on every run and every machine; tests and the streams team use it to
 * compute what the pipeline should conclude.
 *
 * <pre>{@code
 * JourneyGenerator gen = JourneyGenerator.of(SimulationPlan.of(42, 1_000));
 * gen.stream().limit(10_000).forEach(e -> publisher.publishRecordAsync(e.event()));
 * gen.cast();   // subject id → story
 * }</pre>
 *
 * <p>Subjects 0–4 play stories 1, 2, 4, 5 and 6 (so every story is present from 5 subjects on); the
 * rest are 80 % content customers, the others spread evenly over those stories. Applicants are
 * prospects ({@code prospect-000000}), all others customers ({@code cust-000042}). Incident waves
 * (story 3) hit content customers.
 */
public final class JourneyGenerator implements Iterator<SimulatedEvent> {

  private static final Story[] STORIES = {
    Story.APPLICANT_LEFT_HANGING,
    Story.COMPLAINT_NOBODY_UPDATES,
    Story.SELF_SERVICE_FAILED,
    Story.OVERDUE_THEN_QUIET,
    Story.COMPLAINT_HANDLED_WELL
  };

  private record Head(long at, int index, Journey journey) {}

  private final PriorityQueue<Head> queue =
      new PriorityQueue<>(Comparator.comparingLong(Head::at).thenComparingInt(Head::index));
  private final Map<String, Story> cast;
  private long sequence;

  private JourneyGenerator(SimulationPlan plan) {
    Events events = Events.withClock(Clock.fixed(plan.start(), ZoneOffset.UTC));
    long start = plan.start().toEpochMilli();
    Map<String, Story> stories = new LinkedHashMap<>();
    List<String> content = new ArrayList<>();
    for (int i = 0; i < plan.subjects(); i++) {
      SplittableRandom rnd = random(plan.seed(), i);
      Story story = storyOf(i, rnd);
      String subjectId =
          String.format(
              java.util.Locale.ROOT,
              story == Story.APPLICANT_LEFT_HANGING ? "prospect-%06d" : "cust-%06d",
              i);
      stories.put(subjectId, story);
      if (story == Story.CONTENT) {
        content.add(subjectId);
      }
      Journey journey = new Journey(i, subjectId, story, rnd, events);
      Personas.cast(journey, start);
      offer(i, journey);
    }
    int waves = plan.subjects();
    Journey incidents =
        new Journey(waves, "incidents", Story.INCIDENT_WAVE, random(plan.seed(), waves), events);
    IncidentWaves.cast(incidents, plan, content);
    offer(waves, incidents);
    this.cast = Collections.unmodifiableMap(stories);
  }

  /** A generator at the start of {@code plan}. */
  public static JourneyGenerator of(SimulationPlan plan) {
    return new JourneyGenerator(plan);
  }

  /** Which story each subject plays, in subject order. */
  public Map<String, Story> cast() {
    return cast;
  }

  @Override
  public boolean hasNext() {
    return !queue.isEmpty();
  }

  @Override
  public SimulatedEvent next() {
    Head head = queue.poll();
    if (head == null) {
      throw new NoSuchElementException("every journey is over");
    }
    SimulatedEvent event = head.journey.next(sequence++);
    offer(head.index, head.journey);
    return event;
  }

  /** The remaining events as an ordered, sequential stream (endless while waves recur). */
  public Stream<SimulatedEvent> stream() {
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }

  private void offer(int index, Journey journey) {
    long at = journey.peekAt();
    if (at != Long.MAX_VALUE) {
      queue.add(new Head(at, index, journey));
    }
  }

  private static Story storyOf(int index, SplittableRandom rnd) {
    double draw = rnd.nextDouble();
    if (index < STORIES.length) {
      return STORIES[index];
    }
    return draw < 0.8 ? Story.CONTENT : STORIES[(int) ((draw - 0.8) / 0.2 * STORIES.length)];
  }

  /** Independent streams per journey: seeds are hashed, so seed+1 is not a shifted seed. */
  private static SplittableRandom random(long seed, int index) {
    return new SplittableRandom(mix(mix(seed) ^ mix(0x632BE59BD9B4E019L + index)));
  }

  /** MurmurHash3's 64-bit finaliser. */
  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
    z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
    return z ^ (z >>> 33);
  }
}
