package dev.touchpoints.streams.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

/** {@link Decimals} writes exactly what {@code String.format} writes. */
class DecimalsTest {

  private static void same(double v) {
    assertThat(Decimals.signedTenths(v))
        .as("%%+.1f of %s", v)
        .isEqualTo(String.format(Locale.ROOT, "%+.1f", v));
    assertThat(Decimals.whole(v))
        .as("%%.0f of %s", v)
        .isEqualTo(String.format(Locale.ROOT, "%.0f", v));
  }

  @Test
  void edgeCasesAndTies() {
    double[] values = {
      0.0,
      -0.0,
      0.04,
      -0.04,
      0.05,
      -0.05,
      0.15,
      0.25,
      0.35,
      -0.35,
      0.45,
      0.5,
      -0.5,
      1.5,
      2.5,
      -2.5,
      0.95,
      9.95,
      99.95,
      -99.95,
      1.05,
      1.25,
      1e-300,
      -1e-300,
      123.456,
      9_999_999.95,
      1e7,
      -1e7,
      1e20,
      -1e20,
      1e300,
      Double.MIN_VALUE,
      Double.MAX_VALUE,
      Double.NaN,
      Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY,
      Math.nextUp(0.05),
      Math.nextDown(0.05),
      Math.nextUp(0.25),
      Math.nextDown(0.25),
      Math.nextUp(2.5),
      Math.nextDown(2.5)
    };
    for (double v : values) {
      same(v);
    }
  }

  @Test
  void everyTieAndNearTieUpToTwoHundred() {
    for (int i = -40_000; i <= 40_000; i++) {
      double tie = i / 200.0; // multiples of 0.005: the ties of both patterns and their neighbours
      same(tie);
      same(Math.nextUp(tie));
      same(Math.nextDown(tie));
      same(tie + 1e-7);
      same(tie - 1e-7);
    }
  }

  @Test
  void randomValuesOfEveryMagnitude() {
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < 100_000; i++) {
      same((random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-4, 12)));
      same(Double.longBitsToDouble(random.nextLong()));
    }
  }

  @Property
  void likeStringFormat(@ForAll @DoubleRange(min = -1e6, max = 1e6) double v) {
    same(v);
  }
}
