package lessram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Morris approximate counters (paper, section 4) and exact counters: the Morris estimate is unbiased,
 * counters saturate without overflow, exact counters count exactly.
 */
class CounterTest {
  private static final int COUNTERS = 20_000;

  @Test
  void tablesFollowThePaper() {
    MorrisCounter m = new MorrisCounter(8, 1.1);
    assertEquals(255, m.maxState());
    assertEquals(0.0, m.estimate(0), "a fresh counter (C = 1) estimates 0");
    for (int s = 0; s < 255; s++) {
      double c = s + 1;
      assertEquals((Math.pow(1.1, c) - 1.1) / 0.1, m.estimate(s), 1e-9 * m.estimate(s) + 1e-12);
      double p = Math.pow(1.1, -c);
      assertEquals(p, m.incrementProbability(s), Math.max(p * 1e-6, 0x1p-32));
    }
    assertEquals(0.0, m.incrementProbability(255), "saturated: never increments");
    double[] eta = m.learningRates(0.5);
    for (int s = 0; s <= 255; s++) {
      assertEquals(0.5 / Math.sqrt(m.estimate(s) + 1), eta[s], 1e-15);
    }
  }

  /**
   * The estimate after n events is unbiased: over 20k independent counters the mean estimate lies within
   * 4 standard errors of n, for n = 10, 1000 (event by event through {@link MorrisCounter#increment}) and
   * 100000 (jumping over geometric waiting times drawn with the counter's own increment probabilities).
   */
  @Test
  void morrisEstimateIsUnbiased() {
    MorrisCounter m = new MorrisCounter(8, 1.1);
    SplitMix64 rnd = new SplitMix64(1978);
    for (int n : new int[] {10, 1000}) {
      double sum = 0;
      double sumSq = 0;
      for (int k = 0; k < COUNTERS; k++) {
        int s = 0;
        for (int e = 0; e < n; e++) {
          s = m.increment(s, rnd.nextLong());
        }
        double est = m.estimate(s);
        sum += est;
        sumSq += est * est;
      }
      assertUnbiased(n, sum, sumSq);
    }
    int n = 100_000;
    double sum = 0;
    double sumSq = 0;
    for (int k = 0; k < COUNTERS; k++) {
      int s = 0;
      long events = 0;
      while (true) {
        double p = m.incrementProbability(s);
        // events until (and including) the next increment: geometric(p)
        long wait = p == 0 ? Long.MAX_VALUE
            : 1 + (long) Math.floor(Math.log1p(-rnd.nextDouble()) / Math.log1p(-p));
        if (events + wait > n) {
          break;
        }
        events += wait;
        s++;
      }
      double est = m.estimate(s);
      sum += est;
      sumSq += est * est;
    }
    assertUnbiased(n, sum, sumSq);
  }

  private static void assertUnbiased(int n, double sum, double sumSq) {
    double mean = sum / COUNTERS;
    double sd = Math.sqrt(Math.max(0, sumSq / COUNTERS - mean * mean));
    double se = sd / Math.sqrt(COUNTERS);
    assertTrue(sd > 0, "estimates vary");
    assertEquals(n, mean, 4 * se, "mean Morris estimate after " + n + " events (SE " + se + ")");
  }

  /** {@link MorrisCounter#increment} increments with exactly the tabulated probability. */
  @Test
  void incrementFrequencyMatchesProbability() {
    MorrisCounter m = new MorrisCounter(8, 1.1);
    SplitMix64 rnd = new SplitMix64(4);
    int trials = 200_000;
    for (int s : new int[] {0, 5, 20, 40}) {
      int up = 0;
      for (int t = 0; t < trials; t++) {
        if (m.increment(s, rnd.nextLong()) == s + 1) {
          up++;
        }
      }
      double p = m.incrementProbability(s);
      assertEquals(p, (double) up / trials, 4 * Math.sqrt(p * (1 - p) / trials), "state " + s);
    }
  }

  /**
   * The increment is exactly "the low 32 random bits, unsigned, below the state's threshold", at the
   * edges too (0, threshold - 1, threshold, 2^32 - 1), whatever the high 32 bits, for small and large bases.
   */
  @Test
  void incrementCountsExactlyBelowTheThreshold() {
    for (MorrisCounter m : new MorrisCounter[] {new MorrisCounter(8, 1.1), new MorrisCounter(4, 1.0001),
        new MorrisCounter(16, 1.0001), new MorrisCounter(3, 1e6)}) {
      for (int s = 0; s <= m.maxState(); s += 1 + m.maxState() / 300) {
        long t = m.threshold(s);
        for (long low : new long[] {0, t - 1, t, t + 1, 0xFFFFFFFFL}) {
          if (low < 0 || low > 0xFFFFFFFFL) {
            continue;
          }
          for (long high : new long[] {0, 0xFFFFFFFFL, 0x12345678L}) {
            int expected = low < t ? s + 1 : s;
            assertEquals(expected, m.increment(s, high << 32 | low), "state " + s + ", bits " + low);
          }
        }
      }
      assertEquals(m.maxState(), m.increment(m.maxState(), 0));
    }
  }

  /** Driven to its largest state an 8-bit counter stays there: no overflow, a finite estimate. */
  @Test
  void eightBitMorrisSaturatesWithoutOverflow() {
    MorrisCounter m = new MorrisCounter(8, 1.1);
    int s = 0;
    for (int e = 0; e < 1000; e++) {
      s = m.increment(s, 0); // random bits 0: increments whenever the probability is positive
      assertTrue(s >= 0 && s <= 255);
    }
    assertEquals(255, s);
    SplitMix64 rnd = new SplitMix64(1);
    for (int e = 0; e < 100_000; e++) {
      assertEquals(255, m.increment(255, rnd.nextLong()));
    }
    assertTrue(Double.isFinite(m.estimate(255)) && m.estimate(255) > 1e10);
    assertTrue(m.learningRates(0.5)[255] > 0);
  }

  /**
   * Through the learner: a 4-bit Morris counter with base 2 saturates after ~2^16 events; the coordinate
   * keeps counting as saturated, the counter never carries into the coefficient bits, the coefficient
   * stays inside its range.
   */
  @Test
  void saturatedCounterDoesNotCorruptTheCoefficient() {
    LearnerConfig c = LearnerConfig.builder().featureSpace(FeatureSpace.direct(3)).fixedPoint(2, 13)
        .counterType(CounterType.MORRIS).counterBits(4).morrisBase(2).seed(5).build();
    LogisticRegression model = new LogisticRegression(c);
    int[] ids = {1};
    double[] x = {1.0};
    SplitMix64 rnd = new SplitMix64(8);
    for (int t = 0; t < 300_000; t++) {
      model.learn(ids, x, 1, rnd.nextDouble() < 0.8 ? 1 : 0, 1.0);
    }
    assertEquals(2, model.saturatedCounters(), "feature 1 and the bias saturated");
    assertEquals(new MorrisCounter(4, 2).estimate(15), model.updateCountEstimate(1, 0));
    double w = model.coefficient(1, 0) + model.coefficient(model.biasSlot(), 0);
    // log(0.8 / 0.2) = 1.386: the two coefficients share the signal
    assertEquals(Math.log(4), w, 0.3);
    assertEquals(0.0, model.coefficient(0, 0));
    assertEquals(0.0, model.coefficient(2, 0));
    assertEquals(0.0, model.updateCountEstimate(0, 0));
  }

  /** Exact counters count every update, and saturate at 2^bits - 1. */
  @Test
  void exactCountersAreExactAndSaturate() {
    for (int bits : new int[] {4, 8, 32}) {
      LearnerConfig c = LearnerConfig.builder().featureSpace(FeatureSpace.direct(2)).storage(CoefficientStorage.FLOAT32)
          .counterType(CounterType.EXACT).counterBits(bits).build();
      CoordinateTable table = new GenericTable(c, 3);
      long max = (1L << bits) - 1;
      for (int k = 1; k <= 1000; k++) {
        table.step(0, 0.01, 0.1, k);
        assertEquals(Math.min(k, max), (long) table.countEstimate(0), bits + "-bit exact counter after " + k);
      }
      assertEquals(0.0, table.countEstimate(1));
      assertEquals(bits < 10 ? 1 : 0, table.saturatedCounters());
    }
    // the 32-bit limit itself: a full counter stays full, and the coefficient beside it is untouched
    LearnerConfig c = LearnerConfig.builder().featureSpace(FeatureSpace.direct(2)).storage(CoefficientStorage.FLOAT32)
        .counterType(CounterType.EXACT).counterBits(32).build();
    CounterPolicy exact = CounterPolicy.of(c);
    assertEquals(0xFFFFFFFFL, exact.next(0xFFFFFFFFL, 0));
    assertEquals(0xFFFFFFFFL, exact.next(0xFFFFFFFEL, 0));
    assertEquals(0xFFFFFFFFL, exact.maxField());
  }

  @Test
  void badCounterArgumentsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> new MorrisCounter(0, 1.1));
    assertThrows(IllegalArgumentException.class, () -> new MorrisCounter(17, 1.1));
    assertThrows(IllegalArgumentException.class, () -> new MorrisCounter(8, 1.0));
    assertThrows(IllegalArgumentException.class, () -> new MorrisCounter(8, Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> new MorrisCounter(8, Double.POSITIVE_INFINITY));
  }
}
