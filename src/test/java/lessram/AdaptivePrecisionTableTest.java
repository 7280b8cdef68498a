package lessram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Adaptive precision ({@link AdaptivePrecisionTable}): the packed buckets give bit for bit what a plain
 * reference of the documented rule gives (states, codes and shared exponents in arrays), across counter
 * widths, budgets, grids, ranges, the global schedule and partial buckets; every kind of step is unbiased
 * (tested statistically: fixed seeds, 4 standard errors); saturated counters and full buckets keep the grid
 * and the value consistent.
 */
class AdaptivePrecisionTableTest {

  private static LearnerConfig.Builder adaptive() {
    return LearnerConfig.builder().featureSpace(FeatureSpace.direct(100)).storage(CoefficientStorage.ADAPTIVE);
  }

  /**
   * The rule of {@link AdaptivePrecisionTable}'s class comment on plain arrays, with the grid and range
   * tables computed here from their definitions.
   */
  static final class Reference {
    final int size;
    final int bucket;
    final int bucketWords;
    final int counterBits;
    final int capacity;
    final boolean perCoordinate;
    final MorrisCounter morris;
    final double[] rate;
    final int[] fraction;
    final int[] range;
    final int integerBits;
    final int maxFraction;
    final double gamma;
    final int[] state;
    final long[] code;
    final int[] delta;

    Reference(LearnerConfig c, int size) {
      this.size = size;
      this.bucket = c.coordinateBits() % 2 == 0 ? 32 : 64;
      this.bucketWords = c.coordinateBits() * bucket / 64;
      this.perCoordinate = c.schedule() == LearningRateSchedule.PER_COORDINATE;
      this.counterBits = perCoordinate ? c.counterBits() : 1;
      this.capacity = bucket * c.coordinateBits() - 5 - bucket * counterBits;
      this.morris = new MorrisCounter(counterBits, perCoordinate ? c.morrisBase() : 2.0, 0);
      this.integerBits = c.format().integerBits();
      this.maxFraction = c.format().fractionBits();
      this.gamma = c.gamma();
      int states = morris.maxState() + 1;
      this.rate = morris.learningRates(c.rateScale());
      this.fraction = new int[states];
      this.range = new int[states];
      if (perCoordinate) {
        for (int s = 0; s < states; s++) {
          int f = grid(gamma * rate[s]);
          // 2^r >= 2 alpha sqrt(estimate + 1), the smallest such r
          double bound = 2 * c.rateScale() * Math.sqrt(morris.estimate(s) + 1);
          int r = (int) Math.ceil(Math.log(bound) / Math.log(2));
          r = Math.scalb(1.0, r - 1) >= bound ? r - 1 : Math.scalb(1.0, r) < bound ? r + 1 : r;
          r = Math.min(integerBits, r);
          fraction[s] = s == 0 ? f : Math.max(fraction[s - 1], f);
          range[s] = Math.max(s == 0 ? r : Math.max(range[s - 1], r), 1 - fraction[s]);
        }
      } else {
        fraction[1] = grid(gamma * c.rateScale());
        range[1] = integerBits;
      }
      int buckets = (size + bucket - 1) / bucket;
      this.state = new int[buckets * bucket];
      this.code = new long[buckets * bucket];
      this.delta = new int[buckets];
    }

    /** The largest power of two at most x, as fraction bits, clamped to [1 - n, m]. */
    int grid(double x) {
      int f = 0;
      while (Math.scalb(1.0, -f) > x) {
        f++;
      }
      while (Math.scalb(1.0, -(f - 1)) <= x) {
        f--;
      }
      return Math.min(maxFraction, Math.max(1 - integerBits, f));
    }

    int width(int s, int d) {
      return s == 0 ? 0 : Math.max(2, 1 + range[s] + fraction[s] - d);
    }

    int frac(int s, int d) {
      return width(s, d) - 1 - range[s];
    }

    double weight(int i) {
      int s = state[i];
      return s == 0 ? 0 : code[i] * Math.scalb(1.0, -frac(s, delta[i / bucket]));
    }

    int total(int k, int d) {
      int sum = 0;
      for (int p = k * bucket; p < (k + 1) * bucket; p++) {
        sum += width(state[p], d);
      }
      return sum;
    }

    static long round(double scaled, long random, int n) {
      long half = 1L << (n - 1);
      return n <= FixedPointFormat.NARROW_BITS
          ? FixedPointFormat.roundRandomizedNarrow(scaled, random >>> 32, (int) -half, (int) (half - 1))
          : FixedPointFormat.roundRandomizedScaled(scaled, random >>> 32, -half, half - 1);
    }

    /** Re-expresses bucket k's codes from the widths {@code before} (state, old exponent) to the current ones. */
    void recode(int k, int[] before, long random) {
      for (int p = 0; p < bucket; p++) {
        int i = k * bucket + p;
        int after = width(state[i], delta[k]);
        if (before[p] == 0 || after == before[p]) {
          continue;
        }
        if (after > before[p]) {
          code[i] <<= after - before[p];
        } else {
          int d = before[p] - after;
          long u = SplitMix64.mix(random + (p + 1) * SplitMix64.GOLDEN_GAMMA) >>> (64 - d);
          code[i] = Math.min((code[i] + u) >> d, (1L << (after - 1)) - 1);
        }
      }
    }

    void step(int i, double g, double globalEta, long random) {
      if (!perCoordinate && fraction[1] < maxFraction && gamma * globalEta < Math.scalb(1.0, -fraction[1])) {
        int[][] before = new int[delta.length][bucket];
        for (int k = 0; k < delta.length; k++) {
          for (int p = 0; p < bucket; p++) {
            before[k][p] = width(state[k * bucket + p], delta[k]);
          }
        }
        fraction[1] = Math.max(fraction[1], grid(gamma * globalEta));
        for (int k = 0; k < delta.length; k++) {
          while (delta[k] < 31 && total(k, delta[k]) > capacity) {
            delta[k]++;
          }
          recode(k, before[k], SplitMix64.mix(random + k));
        }
      }
      int k = i / bucket;
      int d = delta[k];
      int s = state[i];
      int n = width(s, d);
      double eta = perCoordinate ? rate[s] : globalEta;
      int next = morris.increment(s, random);
      if (next == s) {
        code[i] = round(code[i] - eta * Math.scalb(1.0, frac(s, d)) * g, random, n);
        return;
      }
      double value = n == 0 ? 0 : code[i] * Math.scalb(1.0, -frac(s, d));
      double target = value - eta * g;
      state[i] = next;
      if (width(next, d) != n && total(k, d) > capacity) {
        int[] before = new int[bucket];
        for (int p = 0; p < bucket; p++) {
          before[p] = width(state[k * bucket + p], d);
        }
        while (delta[k] < 31 && total(k, delta[k]) > capacity) {
          delta[k]++;
        }
        recode(k, before, random ^ (k * bucketWords));
      }
      int n2 = width(next, delta[k]);
      code[i] = round(target * Math.scalb(1.0, frac(next, delta[k])), random, n2);
    }
  }

  private static void assertSame(Reference ref, AdaptivePrecisionTable t, String what) {
    for (int i = 0; i < ref.size; i++) {
      assertEquals(ref.state[i], t.counterField(i), what + ": state of " + i);
      assertEquals(ref.weight(i), t.weight(i), 0.0, what + ": weight of " + i);
    }
    double[] seen = new double[ref.size];
    t.forEachNonZeroWeight((i, w) -> seen[i] = w);
    for (int i = 0; i < ref.size; i++) {
      assertEquals(ref.weight(i), seen[i], 0.0, what + ": visited weight of " + i);
    }
  }

  private static List<LearnerConfig> variety() {
    List<LearnerConfig> list = new ArrayList<>();
    LearnerConfig.Builder b = adaptive();
    list.add(b.build());
    list.add(b.coordinateBits(12).counterBits(6).morrisBase(1.25).build());
    list.add(b.coordinateBits(9).build()); // the smallest budget for 6-bit states: many coarsenings
    list.add(b.coordinateBits(17).counterBits(3).morrisBase(2.0).build()); // odd budget: 64 per bucket
    list.add(b.coordinateBits(4).counterBits(1).build()); // 1-bit counters saturate at once
    list.add(b.coordinateBits(6).counterBits(2).morrisBase(1.5).gamma(1).build());
    list.add(b.coordinateBits(40).counterBits(8).morrisBase(1.05).gamma(1.0 / 1024).fixedPoint(4, 27).build());
    list.add(b.coordinateBits(14).counterBits(4).gamma(16).fixedPoint(0, 6).alpha(2).build());
    list.add(b.coordinateBits(16).counterBits(5).gamma(0.001).fixedPoint(1, 30).alpha(0.01).build());
    list.add(adaptive().schedule(LearningRateSchedule.GLOBAL).build());
    list.add(adaptive().schedule(LearningRateSchedule.GLOBAL).coordinateBits(5).gamma(0.5).build());
    list.add(adaptive().schedule(LearningRateSchedule.GLOBAL).coordinateBits(23).fixedPoint(3, 20).build());
    return list;
  }

  /**
   * Random streams of steps (hot coordinates, rare ones, large and tiny gradients, the global rate falling
   * as 1/sqrt(t)) give the reference's states and weights exactly, in tables with a partial last bucket.
   */
  @Test
  void packedBucketsFollowTheReferenceBitForBit() {
    long coarsenings = 0;
    int refinedGlobals = 0;
    for (LearnerConfig c : variety()) {
      for (int size : new int[] {100, 7}) {
        AdaptivePrecisionTable t = new AdaptivePrecisionTable(c, size);
        Reference ref = new Reference(c, size);
        SplitMix64 r = new SplitMix64(size * 31 + c.coordinateBits());
        String what = c.describe() + ", " + size + " coordinates";
        for (int step = 1; step <= 30_000; step++) {
          int i = r.nextInt(4) == 0 ? r.nextInt(Math.min(size, 5)) : r.nextInt(size);
          double g = r.nextInt(50) == 0 ? (r.nextDouble() - 0.5) * 40 : (r.nextDouble() - 0.5) * 1.5;
          double globalEta = c.rateScale() / Math.sqrt(step);
          long random = r.nextLong();
          t.step(i, g, globalEta, random);
          ref.step(i, g, globalEta, random);
          if (step % 3000 == 0 || step < 50) {
            assertSame(ref, t, what + " after " + step + " steps");
          }
        }
        assertSame(ref, t.copy(), what + ", copied");
        coarsenings += t.coarsenings();
        refinedGlobals += !ref.perCoordinate && ref.fraction[1] > new Reference(c, size).fraction[1] ? 1 : 0;
      }
    }
    assertTrue(coarsenings > 100, "buckets filled up: " + coarsenings);
    assertEquals(6, refinedGlobals, "the global grids got finer");
  }

  /** The grid and range tables follow their definitions for the paper's setting. */
  @Test
  void gridFollowsTheLearningRate() {
    LearnerConfig c = adaptive().alpha(0.2).coordinateBits(12).counterBits(6).morrisBase(1.25).build();
    Reference ref = new Reference(c, 32);
    for (int s = 1; s < ref.rate.length; s++) {
      double eps = Math.scalb(1.0, -ref.fraction[s]);
      if (ref.fraction[s] < 13) {
        assertTrue(eps <= 0.0625 * ref.rate[s] && 2 * eps > 0.0625 * ref.rate[s], "grid of state " + s);
      } else {
        assertEquals(13, ref.fraction[s], "the finest grid is q2.13's");
      }
      assertTrue(ref.range[s] <= 2 && ref.width(s, 0) <= 16, "at most q2.13");
    }
    // a coordinate updated once: rate alpha = 0.2, grid 2^-5 (0.0625 * 0.2 = 0.0125 >= 2^-7), range 2^0
    assertEquals(7, ref.fraction[1]);
    assertEquals(0, ref.width(0, 0));
  }

  /** Trials of one step from a copy of the same table: the mean new weight and its standard error. */
  private static double[] meanAfterStep(AdaptivePrecisionTable template, int i, double g, double eta,
      long lowBits, int trials, long seed, int watched) {
    SplitMix64 r = new SplitMix64(seed);
    double sum = 0;
    double sumSq = 0;
    for (int k = 0; k < trials; k++) {
      AdaptivePrecisionTable t = template.copy();
      t.step(i, g, eta, (r.nextLong() & 0xFFFFFFFF00000000L) | lowBits);
      double w = t.weight(watched);
      sum += w;
      sumSq += w * w;
    }
    double mean = sum / trials;
    return new double[] {mean, Math.sqrt(Math.max(0, sumSq / trials - mean * mean) / trials)};
  }

  private static final long ADVANCE = 0;
  private static final long STAY = 0xFFFFFFFFL;

  /**
   * {@code E[beta'] = beta - eta * g} for each kind of step: the first update of a coordinate (state 0 has
   * no bits; the step lands on the next state's grid), a step whose state stays, one whose state advances
   * to a finer grid, and a step at a saturated counter.
   */
  @Tag("slow")
  @Test
  void everyStepIsUnbiased() {
    LearnerConfig c = adaptive().coordinateBits(12).counterBits(3).morrisBase(1.5).build();
    MorrisCounter morris = new MorrisCounter(3, 1.5, 0);
    double[] eta = morris.learningRates(c.rateScale());
    AdaptivePrecisionTable t = new AdaptivePrecisionTable(c, 64);
    double g = 0.3123;
    // the first update
    double[] m = meanAfterStep(t, 5, g, 0, STAY, 100_000, 1, 5);
    assertEquals(-eta[0] * g, m[0], 4 * m[1] + 1e-12, "first update");
    SplitMix64 r = new SplitMix64(3);
    for (int s = 1; s <= morris.maxState(); s++) {
      while (t.counterField(5) < s) {
        t.step(5, 0.01, 0, r.nextLong() & 0xFFFFFFFF00000000L);
      }
      double before = t.weight(5);
      for (long low : new long[] {STAY, ADVANCE}) {
        m = meanAfterStep(t, 5, g, 0, low, 100_000, 10 + s, 5);
        assertEquals(before - eta[s] * g, m[0], 4 * m[1] + 1e-12, "state " + s + (low == STAY ? " stays" : " advances"));
      }
    }
    assertEquals(morris.maxState(), t.counterField(5), "saturated");
  }

  /**
   * A full bucket raises its shared exponent: the other coordinates' values are re-rounded onto coarser
   * grids without bias, the grid and the width of every code follow the exponent, and the counter keeps
   * counting.
   */
  @Tag("slow")
  @Test
  void aFullBucketCoarsensWithoutBias() {
    // 9 bits per coordinate with 6-bit states: 91 code bits for 32 coordinates
    LearnerConfig c = adaptive().coordinateBits(9).counterBits(6).morrisBase(1.25).build();
    AdaptivePrecisionTable full = new AdaptivePrecisionTable(c, 32);
    SplitMix64 r = new SplitMix64(11);
    // coordinates 0..3 get a few updates each, then one coordinate after the other its first one
    for (int k = 0; k < 12; k++) {
      full.step(k % 4, (r.nextDouble() - 0.5) * 0.3, 0, r.nextLong());
    }
    int next = 4;
    while (true) {
      AdaptivePrecisionTable probe = full.copy();
      probe.step(next, 0.1, 0, 0);
      if (probe.coarsenings() > 0) {
        break;
      }
      full = probe;
      next++;
      assertTrue(next < 32, "the bucket fills up");
    }
    assertEquals(0, full.coarsenedBuckets(), "full, not coarsened yet");
    double spread = 0;
    for (int watched = 0; watched < next; watched++) {
      double before = full.weight(watched);
      double[] m = meanAfterStep(full, next, 0.1, 0, ADVANCE, 20_000, 20 + watched, watched);
      assertEquals(before, m[0], 4 * m[1] + 1e-12, "coordinate " + watched + " re-rounded");
      spread += m[1];
    }
    assertTrue(spread > 0, "values were re-rounded onto coarser grids");
    AdaptivePrecisionTable after = full.copy();
    after.step(next, 0.1, 0, 0);
    assertEquals(1, after.coarsenedBuckets());
    assertEquals(1, after.counterField(next), "the counter advanced");
  }

  /** With 1- and 2-bit counters every counter saturates at once; steps there stay on the saturated grid. */
  @Test
  void saturatedCountersKeepGridAndValue() {
    for (int bits : new int[] {1, 2}) {
      LearnerConfig c = adaptive().coordinateBits(bits + 3).counterBits(bits).morrisBase(4).build();
      AdaptivePrecisionTable t = new AdaptivePrecisionTable(c, 64);
      Reference ref = new Reference(c, 64);
      SplitMix64 r = new SplitMix64(bits);
      for (int k = 0; k < 20_000; k++) {
        int i = r.nextInt(64);
        double g = (r.nextDouble() - 0.5) * 0.2;
        long random = r.nextLong();
        t.step(i, g, 0, random);
        ref.step(i, g, 0, random);
      }
      assertEquals(64, t.saturatedCounters());
      assertSame(ref, t, bits + "-bit counters, saturated");
      // a saturated coordinate's step (towards 0, away from the range's ends) is unbiased on its grid
      double before = t.weight(3);
      double g = before >= 0 ? 0.05 : -0.05;
      double eta = new MorrisCounter(bits, 4, 0).learningRates(c.rateScale())[(1 << bits) - 1];
      double[] m = meanAfterStep(t, 3, g, 0, ADVANCE, 100_000, 7, 3);
      assertEquals(before - eta * g, m[0], 4 * m[1] + 1e-12, bits + "-bit saturated step");
    }
  }

  /**
   * With the global rate the grid gets finer as {@code gamma * eta_t} halves: the values stay exactly what
   * they were (the re-expression is exact while the buckets have room).
   */
  @Test
  void globalGridRefinesExactly() {
    LearnerConfig c = adaptive().schedule(LearningRateSchedule.GLOBAL).coordinateBits(24).gamma(1).build();
    AdaptivePrecisionTable t = new AdaptivePrecisionTable(c, 64);
    SplitMix64 r = new SplitMix64(5);
    for (int k = 1; k <= 64; k++) {
      t.step(k - 1, r.nextDouble() - 0.5, c.rateScale() / Math.sqrt(k), r.nextLong());
    }
    double[] before = new double[64];
    for (int i = 0; i < 64; i++) {
      before[i] = t.weight(i);
    }
    // eta_t falls by 2^12: the grid gets 12 bits finer (up to q2.13's)
    t.step(0, 0.0, c.rateScale() / 4096, r.nextLong());
    for (int i = 0; i < 64; i++) {
      assertEquals(before[i], t.weight(i), 0.0, "coordinate " + i);
    }
    assertEquals(0, t.coarsenedBuckets());
    // finer: a tiny step now moves the value by about itself on average
    double[] m = meanAfterStep(t, 1, 0.25, c.rateScale() / 4096, STAY, 50_000, 9, 1);
    assertEquals(before[1] - c.rateScale() / 4096 * 0.25, m[0], 4 * m[1] + 1e-12);
  }

  /** The same seed gives the same table; the model layer picks this table for adaptive storage. */
  @Test
  void modelsWithAdaptiveStorageUseThisTable() throws Exception {
    LearnerConfig c = adaptive().build();
    LogisticRegression m = new LogisticRegression(c);
    java.lang.reflect.Field f = LogisticRegression.class.getDeclaredField("table");
    f.setAccessible(true);
    assertInstanceOf(AdaptivePrecisionTable.class, f.get(m));
    assertEquals(16, c.bitsPerCoordinate());
    assertEquals(8, c.weightBits());
  }

  /** Out-of-range options fail before a model exists, naming the option. */
  @Test
  void badAdaptiveOptionsAreRejected() {
    for (double gamma : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY, 16.5}) {
      LearnerOption.InvalidOptionException e = assertThrows(LearnerOption.InvalidOptionException.class,
          () -> adaptive().gamma(gamma).build());
      assertEquals(LearnerOption.GAMMA, e.option(), "gamma " + gamma);
    }
    for (int bits : new int[] {3, 65, -1}) {
      LearnerOption.InvalidOptionException e = assertThrows(LearnerOption.InvalidOptionException.class,
          () -> adaptive().coordinateBits(bits).build());
      assertEquals(LearnerOption.COORDINATE_BITS, e.option(), "bits " + bits);
    }
    // below counter + 3
    LearnerOption.InvalidOptionException e = assertThrows(LearnerOption.InvalidOptionException.class,
        () -> adaptive().coordinateBits(10).counterBits(8).build());
    assertEquals(List.of(LearnerOption.COORDINATE_BITS, LearnerOption.COUNTER_BITS), e.options());
    e = assertThrows(LearnerOption.InvalidOptionException.class,
        () -> adaptive().counterType(CounterType.EXACT).build());
    assertEquals(List.of(LearnerOption.STORAGE, LearnerOption.COUNTER), e.options());
    e = assertThrows(LearnerOption.InvalidOptionException.class, () -> adaptive().counterBits(9).build());
    assertEquals(LearnerOption.COUNTER_BITS, e.option());
    e = assertThrows(LearnerOption.InvalidOptionException.class,
        () -> adaptive().featureSpace(FeatureSpace.sparse(100)).build());
    assertEquals(List.of(LearnerOption.STORAGE, LearnerOption.SPARSE_MAP), e.options());
    e = assertThrows(LearnerOption.InvalidOptionException.class, () -> Settings.builder(LearningRateSchedule.GLOBAL)
        .storage(CoefficientStorage.ADAPTIVE).sparseMap(true).build());
    assertEquals(List.of(LearnerOption.STORAGE, LearnerOption.SPARSE_MAP), e.options());
    // the global schedule has 1-bit states: 4 bits is its smallest budget
    adaptive().schedule(LearningRateSchedule.GLOBAL).coordinateBits(4).build();
    // gamma and the budget are checked whatever the storage
    e = assertThrows(LearnerOption.InvalidOptionException.class,
        () -> LearnerConfig.builder().gamma(0).build());
    assertEquals(LearnerOption.GAMMA, e.option());
  }
}
