package lessram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The qn.m encoding and its two rounding modes (paper, sections 1 and 2): randomized rounding is
 * unbiased and stays on the grid inside the range; round-to-nearest loses every step below eps/2.
 */
class FixedPointRoundingTest {

  @Test
  void formatGeometry() {
    FixedPointFormat q = FixedPointFormat.of(2, 13);
    assertEquals(16, q.totalBits());
    assertEquals(Math.scalb(1.0, -13), q.resolution());
    assertEquals(-4.0, q.minValue());
    assertEquals(4.0 - Math.scalb(1.0, -13), q.maxValue());
    assertEquals(-32768, q.minCode());
    assertEquals(32767, q.maxCode());
    assertEquals("q2.13", q.toString());
    for (int total = 2; total <= 32; total++) {
      for (int n = 0; n < total; n++) {
        FixedPointFormat f = FixedPointFormat.of(n, total - 1 - n);
        assertEquals(total, f.totalBits());
        assertEquals(-Math.scalb(1.0, n), f.minValue(), 0.0);
        assertEquals(Math.scalb(1.0, n) - f.resolution(), f.maxValue(), 0.0);
      }
    }
  }

  /**
   * E[RandomRound(v)] = v: for values at several positions between grid points, the mean of 200k
   * roundings lies within 4 standard errors of v (plus the 2^-32 eps truncation of the threshold).
   */
  @Test
  void randomizedRoundingIsUnbiased() {
    FixedPointFormat q = FixedPointFormat.of(2, 13);
    double eps = q.resolution();
    SplitMix64 rnd = new SplitMix64(2013);
    double[] fractions = {0.001, 0.1, 0.25, 0.5, 0.7, 0.999};
    double[] bases = {0.0, 1.5, -2.75, 3.875, -4.0};
    int trials = 200_000;
    for (double base : bases) {
      for (double frac : fractions) {
        double v = base + frac * eps; // the bases are grid points, so v sits at frac between two
        long below = (long) Math.floor(v / eps);
        assertEquals(frac, v / eps - below, 1e-9);
        double sum = 0;
        for (int t = 0; t < trials; t++) {
          long code = q.roundRandomized(v, rnd.nextLong() >>> 32);
          assertTrue(code == below || code == below + 1, "rounds to a neighbour grid point");
          sum += q.decode(code);
        }
        double mean = sum / trials;
        double se = eps * Math.sqrt(frac * (1 - frac) / trials);
        assertEquals(v, mean, 4 * se + eps * 0x1p-32, "mean of randomized rounding of " + v);
      }
    }
  }

  /** A value exactly on the grid is returned unchanged, whatever the random bits. */
  /**
   * The two implementations of the rounding (int arithmetic for narrow formats, 32.32 fixed point for any
   * width) give the same codes, clipping included: in range, beyond both ends, far beyond (where the
   * double-to-int conversion saturates), for NaN, and at exact grid points.
   */
  @Test
  void narrowAndWideRoundingAgree() {
    SplitMix64 rnd = new SplitMix64(2024);
    for (int[] q : new int[][] {{2, 13}, {0, 1}, {2, 5}, {7, 16}}) {
      FixedPointFormat f = FixedPointFormat.of(q[0], q[1]);
      int min = (int) f.minCode();
      int max = (int) f.maxCode();
      double span = max - (double) min;
      for (int k = 0; k < 300_000; k++) {
        long u = rnd.nextLong() >>> 32;
        double scaled;
        switch (k % 6) {
          case 0: scaled = min + rnd.nextDouble() * span; break; // inside
          case 1: scaled = max + rnd.nextDouble() * 3; break; // just above
          case 2: scaled = min - rnd.nextDouble() * 3; break; // just below
          case 3: scaled = (rnd.nextDouble() - 0.5) * 1e12; break; // far outside: saturating conversion
          case 4: scaled = min + rnd.nextInt((int) span + 1); break; // grid points
          default: scaled = (rnd.nextDouble() - 0.5) * 4 * span; break;
        }
        assertEquals(FixedPointFormat.roundRandomizedScaled(scaled, u, min, max),
            FixedPointFormat.roundRandomizedNarrow(scaled, u, min, max), () -> f + " " + u);
        assertEquals(FixedPointFormat.roundNearestScaled(scaled, min, max),
            FixedPointFormat.roundNearestNarrow(scaled, min, max), () -> f + " nearest");
      }
      for (double odd : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0}) {
        assertEquals(FixedPointFormat.roundRandomizedScaled(odd, 77, min, max),
            FixedPointFormat.roundRandomizedNarrow(odd, 77, min, max), f + " " + odd);
        assertEquals(FixedPointFormat.roundNearestScaled(odd, min, max),
            FixedPointFormat.roundNearestNarrow(odd, min, max), f + " " + odd);
      }
    }
  }

  @Test
  void gridPointsAreFixedPoints() {
    FixedPointFormat q = FixedPointFormat.of(2, 5);
    SplitMix64 rnd = new SplitMix64(5);
    for (long code = q.minCode(); code <= q.maxCode(); code++) {
      for (int t = 0; t < 20; t++) {
        assertEquals(code, q.roundRandomized(q.decode(code), rnd.nextLong() >>> 32));
      }
      assertEquals(code, q.roundNearest(q.decode(code)));
    }
    assertEquals(q.maxCode(), q.roundRandomized(q.maxValue(), 0xFFFFFFFFL));
    assertEquals(q.minCode(), q.roundRandomized(q.minValue(), 0));
  }

  /** Any double (finite, infinite, NaN) rounds to a code inside the range; NaN to 0; clipping at both ends. */
  @Test
  void roundingNeverLeavesTheGridOrTheRange() {
    SplitMix64 rnd = new SplitMix64(99);
    for (int total = 2; total <= 32; total++) {
      for (int n : new int[] {0, Math.min(2, total - 1), total - 1}) {
        FixedPointFormat f = FixedPointFormat.of(n, total - 1 - n);
        for (int t = 0; t < 2000; t++) {
          double v = (rnd.nextDouble() - 0.5) * 4 * Math.scalb(1.0, n + 1);
          checkCode(f, f.roundRandomized(v, rnd.nextLong() >>> 32), v);
          checkCode(f, f.roundNearest(v), v);
        }
        long r = rnd.nextLong() >>> 32;
        assertEquals(f.maxCode(), f.roundRandomized(Double.POSITIVE_INFINITY, r));
        assertEquals(f.minCode(), f.roundRandomized(Double.NEGATIVE_INFINITY, r));
        assertEquals(f.maxCode(), f.roundRandomized(1e300, r));
        assertEquals(f.minCode(), f.roundRandomized(-1e300, r));
        assertEquals(f.maxCode(), f.roundRandomized(f.maxValue() + f.resolution() * 0.5, r));
        assertEquals(f.minCode(), f.roundRandomized(f.minValue() - f.resolution() * 0.5, r));
        assertEquals(0, f.roundRandomized(Double.NaN, r));
        assertEquals(f.maxCode(), f.roundNearest(Double.POSITIVE_INFINITY));
        assertEquals(f.minCode(), f.roundNearest(Double.NEGATIVE_INFINITY));
        assertEquals(0, f.roundNearest(Double.NaN));
        assertEquals(f.maxValue(), f.project(1e300));
        assertEquals(f.minValue(), f.project(-1e300));
        assertEquals(0.0, f.project(Double.NaN));
      }
    }
  }

  private static void checkCode(FixedPointFormat f, long code, double v) {
    assertTrue(code >= f.minCode() && code <= f.maxCode(), "code in range for " + f + " value " + v);
    double clipped = f.project(v);
    double d = f.decode(code);
    assertTrue(Math.abs(d - clipped) < f.resolution() * (1 + 1e-9) || d == clipped,
        "within one grid step of the projected value");
  }

  /** Nearest rounding picks the closer grid point, ties to the even code. */
  @Test
  void nearestPicksTheCloserGridPoint() {
    FixedPointFormat q = FixedPointFormat.of(2, 5);
    double eps = q.resolution();
    assertEquals(3, q.roundNearest(3.4 * eps));
    assertEquals(4, q.roundNearest(3.6 * eps));
    assertEquals(-3, q.roundNearest(-3.4 * eps));
    assertEquals(-4, q.roundNearest(-3.6 * eps));
    assertEquals(2, q.roundNearest(2.5 * eps));
    assertEquals(4, q.roundNearest(3.5 * eps));
    assertEquals(-2, q.roundNearest(-2.5 * eps));
    assertEquals(-4, q.roundNearest(-3.5 * eps));
  }

  /**
   * The failure nearest rounding ablates: repeatedly adding eps/4 never moves a coefficient, while with
   * randomized rounding the mean after k additions is k*eps/4 (within 4 standard errors).
   */
  @Test
  void nearestLosesSubHalfEpsStepsRandomizedKeepsThemOnAverage() {
    FixedPointFormat q = FixedPointFormat.of(2, 5);
    double eps = q.resolution();
    double step = eps / 4;
    int steps = 40;
    long code = 0;
    for (int k = 0; k < steps * 100; k++) {
      code = q.roundNearest(q.decode(code) + step);
    }
    assertEquals(0, code, "round-to-nearest stalls on sub-eps/2 steps");
    code = q.roundNearest(q.decode(5) - step);
    assertEquals(5, code);

    SplitMix64 rnd = new SplitMix64(17);
    int trials = 20_000;
    double sum = 0;
    double sumSq = 0;
    for (int t = 0; t < trials; t++) {
      long c = 0;
      for (int k = 0; k < steps; k++) {
        c = q.roundRandomized(q.decode(c) + step, rnd.nextLong() >>> 32);
      }
      double v = q.decode(c);
      sum += v;
      sumSq += v * v;
    }
    double mean = sum / trials;
    double sd = Math.sqrt(sumSq / trials - mean * mean);
    assertEquals(steps * step, mean, 4 * sd / Math.sqrt(trials), "randomized rounding keeps small steps");
  }

  /** The same through the learner's update: q2.5 nearest never moves a coefficient on tiny gradients. */
  @Test
  void tableStepNearestStallsRandomizedMoves() {
    for (CoefficientStorage mode : new CoefficientStorage[] {CoefficientStorage.NEAREST, CoefficientStorage.RANDOMIZED}) {
      LearnerConfig c = LearnerConfig.builder().featureSpace(FeatureSpace.direct(4)).fixedPoint(2, 5)
          .storage(mode).schedule(LearningRateSchedule.GLOBAL).alpha(1).build();
      CoordinateTable table = new GenericTable(c, 5);
      SplitMix64 rnd = new SplitMix64(3);
      double eps = c.format().resolution();
      for (int k = 0; k < 4000; k++) {
        table.step(0, -eps / 4, 1.0, rnd.nextLong()); // each step adds eps/4
      }
      if (mode == CoefficientStorage.NEAREST) {
        assertEquals(0.0, table.weight(0));
      } else {
        // expected 1000 eps = 31.25, clipped to the top of the range (4 - eps)
        assertEquals(c.format().maxValue(), table.weight(0));
      }
    }
  }

  @Test
  void absurdFormatsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> FixedPointFormat.of(-1, 5));
    assertThrows(IllegalArgumentException.class, () -> FixedPointFormat.of(2, -1));
    assertThrows(IllegalArgumentException.class, () -> FixedPointFormat.of(0, 0));
    assertThrows(IllegalArgumentException.class, () -> FixedPointFormat.of(2, 30));
    assertThrows(IllegalArgumentException.class, () -> FixedPointFormat.of(16, 16));
    FixedPointFormat.of(2, 29);
    FixedPointFormat.of(31, 0);
  }
}
