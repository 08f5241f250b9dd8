package dev.touchpoints.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OffsetSetTest {

  @Test
  void shouldMergeNeighboursIntoRangesWhenOffsetsAreAdded() {
    // Given
    OffsetSet set = new OffsetSet();

    // When
    for (long offset : new long[] {5, 3, 4, 9, 0, 1, 2, 10}) {
      set.add(offset);
    }

    // Then
    assertThat(set).hasToString("0-5,9-10");
    assertThat(set.max()).isEqualTo(10);
  }

  @Test
  void shouldReadBackWhatItWroteWhenParsed() {
    // When
    OffsetSet set = OffsetSet.parse("0-5,9,12-14");

    // Then
    assertThat(set).hasToString("0-5,9,12-14");
    assertThat(set.contains(13)).isTrue();
    assertThat(set.contains(8)).isFalse();
    assertThat(OffsetSet.parse("").isEmpty()).isTrue();
  }
}
