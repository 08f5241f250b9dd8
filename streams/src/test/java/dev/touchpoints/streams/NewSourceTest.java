package dev.touchpoints.streams;

import static dev.touchpoints.streams.TestData.T0;
import static dev.touchpoints.streams.TestData.day;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.touchpoints.avro.CustomerExperience;
import dev.touchpoints.avro.TouchpointSummary;
import dev.touchpoints.avro.internal.OtherTouchpoint;
import dev.touchpoints.core.events.EventFamilies;
import dev.touchpoints.core.events.EventFamily;
import dev.touchpoints.core.topics.Topic;
import dev.touchpoints.core.topics.Topics;
import dev.touchpoints.core.validation.EventValidator;
import dev.touchpoints.core.validation.Violation;
import dev.touchpoints.producers.publisher.PublisherSettings;
import dev.touchpoints.producers.publisher.TouchpointPublisher;
import dev.touchpoints.streams.newsource.ChatAbandoned;
import dev.touchpoints.streams.newsource.ChatEvent;
import dev.touchpoints.streams.newsource.ChatRated;
import dev.touchpoints.streams.rules.SubjectState;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * R1: a new source is a schema, an event family and catalog entries – no other code. The chat desk
 * here exists only in the tests: its schema ({@code src/test/avro/ChatEvent.avsc}), the family
 * below, and two catalog entries given as settings. Its topic, validation, publishing, scoring and
 * late correction all come from the one place that knows the event types ({@link EventFamilies}).
 */
class NewSourceTest {

  /** The chat desk's touchpoints are support moments. */
  static final EventFamily<ChatEvent> CHAT =
      EventFamily.touchpoints("chat", ChatEvent.class, "support");

  /** The catalog entries: a chat left waiting costs, a rated chat gains. */
  static final Map<String, String> CATALOG =
      Map.of(
          "policy.scoring.catalog.support.chat_abandoned", "-4",
          "policy.scoring.catalog.support.chat_rated", "1");

  private static Topics topics(Map<String, String> settings) {
    return Topics.fromConfig(TestData.config(settings), EventFamilies.builtIn().with(CHAT));
  }

  private static ChatEvent abandoned(String subject, Instant at) {
    return new ChatEvent(TestData.envelope(subject, at), new ChatAbandoned("conv-" + at, 300));
  }

  private static ChatEvent rated(String subject, Instant at) {
    return new ChatEvent(TestData.envelope(subject, at), new ChatRated("conv-" + at, 5));
  }

  @Test
  void shouldGiveTheNewSourceATopicOfItsOwnAmongTheInputs() {
    Topics topics = topics(Map.of());
    Topics renamed = topics(Map.of("topic.chat", "desk.chat-touchpoints"));

    assertThat(topics.source(CHAT).name()).isEqualTo("touchpoints.chat");
    assertThat(topics.inputs()).extracting(Topic::name).endsWith("touchpoints.chat");
    assertThat(topics.all()).extracting(Topic::name).contains("touchpoints.chat");
    assertThat(topics.sourceOf(abandoned("c-1", T0)).map(Topic::name)).hasValue("touchpoints.chat");
    assertThat(renamed.source(CHAT).name()).isEqualTo("desk.chat-touchpoints");
    assertThat(TestData.topics().sourceOf(abandoned("c-1", T0))).isEmpty();
  }

  @Test
  void shouldValidateTheNewSourcesEventsAsAnyOther() {
    EventValidator validator = new EventValidator(Clock.systemUTC(), Duration.ofHours(1));
    ChatEvent blankSubject = abandoned("c-1", T0);
    blankSubject.getEnvelope().setSubjectId(" ");
    ChatEvent foreignPayload = abandoned("c-1", T0);
    foreignPayload.setPayload(TestData.pageViewed("/help"));

    assertThat(validator.violations(rated("c-1", T0), T0)).isEmpty();
    assertThat(validator.violations(blankSubject, T0))
        .extracting(Violation::field)
        .contains("envelope.subjectId");
    assertThat(validator.violations(foreignPayload, T0))
        .extracting(Violation::field, Violation::code)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("payload", "unknown_type"));
  }

  @Test
  void shouldPublishTheNewSourcesEventsOnItsTopicKeyedBySubject() {
    MockProducer<byte[], byte[]> producer =
        new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    try (TouchpointPublisher publisher =
        TouchpointPublisher.create(
            topics(Map.of()),
            producer,
            PublisherSettings.defaults(),
            Clock.fixed(T0.plusSeconds(1), ZoneOffset.UTC))) {
      publisher.publishRecord(rated("c-7", T0));
    }

    assertThat(producer.history())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.topic()).isEqualTo("touchpoints.chat");
              assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("c-7");
            });
  }

  @Test
  void shouldScoreTheNewSourcesTouchpointsAndCorrectThemWhenTheyArriveLate() {
    Policy policy = TestData.policy(CATALOG);
    List<ChatEvent> story =
        List.of(rated("c-1", day(0)), abandoned("c-1", day(1)), abandoned("c-1", day(2)));
    CustomerExperience inOrder;
    try (EngineDriver driver = new EngineDriver(topics(Map.of()), policy, T0, List.of())) {
      story.forEach(driver::send);
      inOrder = driver.experience("c-1");
    }

    CustomerExperience late;
    SubjectState ledger;
    try (EngineDriver driver = new EngineDriver(topics(Map.of()), policy, T0, List.of())) {
      driver.send(story.get(1), story.get(2));
      driver.deliver(story.get(0), day(2).plusSeconds(60)); // the rating arrives two days late
      late = driver.experience("c-1");
      ledger = driver.ledger("c-1");
    }

    // Scored as support moments, by the catalog entries, the same whatever the arrival order
    assertThat(inOrder.getDimensions().getSupport()).isLessThan(50);
    assertThat(inOrder.getDimensions().getWeb()).isEqualTo(50);
    assertThat(inOrder.getRecentTouchpoints())
        .extracting(TouchpointSummary::getType)
        .containsExactly("support.chat_rated", "support.chat_abandoned", "support.chat_abandoned");
    assertThat(late.getOverall()).isEqualTo(inOrder.getOverall());
    assertThat(late.getDimensions()).isEqualTo(inOrder.getDimensions());
    assertThat(late.getRecentTouchpoints()).isEqualTo(inOrder.getRecentTouchpoints());
    // The ledger keeps what scoring needs of a payload type its schema does not list
    assertThat(ledger.recent)
        .extracting(r -> r.event().payload())
        .allSatisfy(p -> assertThat(p).isInstanceOf(OtherTouchpoint.class))
        .extracting(p -> ((OtherTouchpoint) p).getKind())
        .containsExactly("support.chat_rated", "support.chat_abandoned", "support.chat_abandoned");
  }

  @Test
  void shouldRefuseAtStartUpASourceThatCountsInNoDimension() {
    EventFamily<ChatEvent> nowhere = EventFamily.touchpoints("chat", ChatEvent.class, "chat");
    Topics topics =
        Topics.fromConfig(TestData.config(Map.of()), EventFamilies.builtIn().with(nowhere));

    assertThatThrownBy(
            () ->
                ExperienceTopology.build(
                    topics, Policy.defaults(), ExperienceTopology.StateStores.IN_MEMORY, List.of()))
        .hasMessageContaining("'chat'")
        .hasMessageContaining("not a dimension of the score (web, billing, support, marketing)");
  }
}
