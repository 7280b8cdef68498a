package lessram.compressed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lessram.SplitMix64;
import org.junit.jupiter.api.Test;

class CoarseQuantizerTest {
  @Test
  void randomizedRoundingIsUnbiased() {
    // For each x: n draws; the code is floor or floor + 1 (a Bernoulli(frac) step), so the mean code has
    // standard deviation sqrt(frac (1 - frac) / n). Tolerance: 4 standard deviations (plus a hair for
    // frac in {0, 1}); with 12 values the chance of a false failure is below 1e-3.
    int n = 200_000;
    for (int m : new int[] {3, 7, 9}) {
      CoarseQuantizer q = new CoarseQuantizer(m);
      double[] xs = {0.3, -0.3, 1e-4, -1e-4, 0.05, 1.23456, -2.5 + 1e-3, 3.99, -3.99, q.resolution() / 3, 0, 0.0625};
      for (double x : xs) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
          sum += q.randomizedCode(x, 12345L, i);
        }
        double meanValue = sum / n * q.resolution();
        double target = Math.max(-4, Math.min(4 - q.resolution(), x)); // projection first
        double frac = target / q.resolution() - Math.floor(target / q.resolution());
        double sigma = Math.sqrt(frac * (1 - frac) / n) * q.resolution();
        assertTrue(Math.abs(meanValue - target) <= 4 * sigma + 1e-12,
            "q2." + m + " x=" + x + " mean=" + meanValue + " sigma=" + sigma);
      }
    }
  }

  @Test
  void nearestRoundingIsBiasedWhereRandomizedIsNot() {
    CoarseQuantizer q = new CoarseQuantizer(3); // eps = 0.125
    double x = 0.03; // below eps/2: nearest always gives 0
    assertEquals(0, q.nearestCode(x));
    double sum = 0;
    int n = 100_000;
    for (int i = 0; i < n; i++) {
      sum += q.randomizedCode(x, 7L, i);
    }
    assertEquals(x, sum / n * q.resolution(), 4 * Math.sqrt(0.24 * 0.76 / n) * q.resolution());
  }

  @Test
  void codesStayOnTheGridAndInRange() {
    java.util.Random rnd = new java.util.Random(5);
    for (int m = CoarseQuantizer.MIN_FRACTION_BITS; m <= CoarseQuantizer.MAX_FRACTION_BITS; m++) {
      CoarseQuantizer q = new CoarseQuantizer(m);
      assertEquals(-4.0, q.value(q.minCode()));
      assertEquals(4.0 - q.resolution(), q.value(q.maxCode()));
      for (int i = 0; i < 20_000; i++) {
        double x = (rnd.nextDouble() - 0.5) * 12;
        int c = q.randomizedCode(x, 99L, i);
        assertTrue(c >= q.minCode() && c <= q.maxCode());
        double clipped = Math.max(-4, Math.min(4 - q.resolution(), x));
        // one of the two neighbouring grid points of the clipped value
        assertTrue(Math.abs(q.value(c) - clipped) < q.resolution(), "x=" + x + " code=" + c);
      }
      assertEquals(q.maxCode(), q.randomizedCode(Double.POSITIVE_INFINITY, 0.5));
      assertEquals(q.minCode(), q.randomizedCode(Double.NEGATIVE_INFINITY, 0.5));
      assertEquals(q.maxCode(), q.randomizedCode(4.0, 0.0));
      assertEquals(q.maxCode(), q.randomizedCode(3.9999999, 0.9999));
      assertEquals(q.minCode(), q.randomizedCode(-4.0, 0.0));
      assertEquals(q.minCode(), q.randomizedCode(-17.0, 0.0));
    }
  }

  @Test
  void gridPointsAreNeverMoved() {
    for (int m = 1; m <= 13; m++) {
      CoarseQuantizer q = new CoarseQuantizer(m);
      assertEquals(m, q.fractionBits());
      assertEquals(-(4 << m), q.minCode());
      for (int c = q.minCode(); c <= q.maxCode(); c += m < 6 ? 1 : 7) {
        assertEquals(c * Math.scalb(1.0, -m), q.value(c));
        assertEquals(c, q.randomizedCode(q.value(c), 1L, c), "q2." + m + " code " + c);
        assertEquals(c, q.randomizedCode(q.value(c), 0.999999));
        assertEquals(c, q.nearestCode(q.value(c)));
      }
    }
    // q2.1: 2.0 is code 4, -1.5 code -3
    CoarseQuantizer q1 = new CoarseQuantizer(1);
    assertEquals(4, q1.randomizedCode(2.0, 9L, 0));
    assertEquals(-3, q1.randomizedCode(-1.5, 9L, 1));
  }

  @Test
  void sameSeedSameCodesOtherSeedOtherCodes() {
    CoarseQuantizer q = new CoarseQuantizer(4);
    int differ = 0;
    for (int i = 0; i < 1000; i++) {
      double x = i * 0.001 - 0.5;
      assertEquals(q.randomizedCode(x, 42L, i), q.randomizedCode(x, 42L, i));
      if (q.randomizedCode(x, 42L, i) != q.randomizedCode(x, 43L, i)) {
        differ++;
      }
    }
    assertTrue(differ > 100, "different seeds should round differently, differ=" + differ);
  }

  @Test
  void counterBasedDrawsMatchTheSequentialStream() {
    SplitMix64 r = SplitMix64.fromState(77L);
    for (int i = 0; i < 100; i++) {
      assertEquals(r.nextDouble(), CoarseQuantizer.uniformAt(77L, i));
    }
  }

  /**
   * Up with probability exactly the fraction: the draws are multiples of 2^-53 in [0, 1), and exactly
   * {@code frac * 2^53} of them lie below a fraction {@code frac} that is itself such a multiple, so a draw
   * equal to the fraction rounds down, the next one below it up.
   */
  @Test
  void aDrawEqualToTheFractionRoundsDown() {
    CoarseQuantizer q = new CoarseQuantizer(3);
    double frac = 0x1.5555555555554p-2; // a multiple of 2^-53 (52 significant bits)
    double x = frac / 8; // scaled: frac, exact
    assertEquals(0, q.randomizedCode(x, frac));
    assertEquals(1, q.randomizedCode(x, frac - 0x1p-53));
    assertEquals(-1, q.randomizedCode(-x, 1 - frac));
    assertEquals(0, q.randomizedCode(-x, 1 - frac - 0x1p-53));
    double u = CoarseQuantizer.uniformAt(11, 0);
    assertEquals(0, q.randomizedCode(u / 8, 11, 0), "the draw of (seed 11, index 0) is " + u);
    assertEquals(-1, q.randomizedCode(-(1 - u) / 8, 11, 0));
  }

  @Test
  void rejectsNanAndBadFractionBits() {
    CoarseQuantizer q = new CoarseQuantizer(7);
    assertThrows(IllegalArgumentException.class, () -> q.randomizedCode(Double.NaN, 0.5));
    assertThrows(IllegalArgumentException.class, () -> q.randomizedCode(Double.NaN, 1L, 2L));
    assertThrows(IllegalArgumentException.class, () -> new CoarseQuantizer(0));
    assertThrows(IllegalArgumentException.class, () -> new CoarseQuantizer(14));
  }
}
