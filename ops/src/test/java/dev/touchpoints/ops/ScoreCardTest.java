package dev.touchpoints.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ScoreCardTest {

  private static final String CARD =
      """
      {"subjectId":"s-1","overall":32.5,"trend":-27.5,"eventCount":4,
       "lastEventAt":"2025-03-01T10:00:00Z",
       "dimensions":{"web":40.0,"billing":50.0,"support":20.0,"marketing":50.0},
       "reasons":["Complaint open for 3 days without an update"],
       "activeAlerts":[{"severity":"HIGH","type":"LEFT_IN_SILENCE","eventTime":"2025-03-01T11:00:00Z",
         "why":"No update for 3 days","nextStep":"Call the customer today"}],
       "openCases":[{"caseId":"case-1","kind":"COMPLAINT","nextUpdateDueAt":"2025-03-01T07:00:00Z"}],
       "openPromises":[{"promiseId":"p-1","caseId":"case-1","dueAt":"2025-03-01T14:30:00Z"}],
       "recentTouchpoints":[{"eventId":"e1","type":"support.case_opened","occurredAt":"2025-02-26T12:00:00Z","impact":-6.0}]}
      """;

  @Test
  void shouldShowScoreWhyAlertsAndDueClocksWhenRenderingCard() throws Exception {
    // Given
    JsonNode card = new ObjectMapper().readTree(CARD);

    // When
    String text = ScoreCard.render(card, OpsTestData.NOW);

    // Then
    assertThat(text)
        .contains("Subject s-1   score 32.5/100   down 27.5 vs 30 days ago")
        .contains("1. Complaint open for 3 days without an update")
        .contains("HIGH     LEFT_IN_SILENCE      1h 0m ago")
        .contains("next: Call the customer today")
        .contains("complaint case-1, next update OVERDUE by 5h 0m")
        .contains("promise p-1 (case-1) due in 2h 30m")
        .contains("support.case_opened", "-6.0");
  }
}
