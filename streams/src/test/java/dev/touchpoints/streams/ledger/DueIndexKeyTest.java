package dev.touchpoints.streams.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DueIndexKeyTest {

  @Test
  void shouldBuildTheSameKeyAsTheDocumentedFormat() {
    long[] dues = {-5, 0, 7, 1_767_225_600_000L, Long.MAX_VALUE};

    for (long due : dues) {
      assertThat(DueIndex.key(due, "cust-1", "case:c-9"))
          .isEqualTo(String.format("%019d|%s|%s", Math.max(0, due), "cust-1", "case:c-9"));
    }
  }

  @Test
  void shouldSortKeysByDueTime() {
    assertThat(DueIndex.key(999, "b", "x")).isLessThan(DueIndex.key(1_000, "a", "x"));
  }
}
