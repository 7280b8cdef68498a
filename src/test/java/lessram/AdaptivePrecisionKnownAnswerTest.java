package lessram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Known answers of {@link AdaptivePrecisionTable} at the edges the random streams of
 * {@link AdaptivePrecisionTableTest} do not reach: a bucket whose codes fill its capacity exactly after a
 * coarsening or a refinement, the coarsest grid of a large {@code gamma}, a global rate above 1, codes wider
 * than 24 bits projected onto the top of their range, the count of coarsenings, and the exact number of
 * words of a table whose size is a multiple of the bucket. Each is checked against the plain reference of the
 * documented rule ({@link AdaptivePrecisionTableTest.Reference}), bit for bit.
 */
class AdaptivePrecisionKnownAnswerTest {

  private static LearnerConfig.Builder adaptive() {
    return LearnerConfig.builder().featureSpace(FeatureSpace.direct(100)).storage(CoefficientStorage.ADAPTIVE);
  }

  /** The table and the reference side by side; every step also checks which buckets were coarsened. */
  private static final class Pair {
    final AdaptivePrecisionTable table;
    final AdaptivePrecisionTableTest.Reference ref;
    final String what;
    long raised;

    Pair(LearnerConfig c, int size) {
      table = new AdaptivePrecisionTable(c, size);
      ref = new AdaptivePrecisionTableTest.Reference(c, size);
      what = c.describe() + ", " + size + " coordinates";
    }

    void step(int i, double g, double globalEta, long random) {
      int[] before = ref.delta.clone();
      table.step(i, g, globalEta, random);
      ref.step(i, g, globalEta, random);
      for (int k = 0; k < before.length; k++) {
        raised += ref.delta[k] > before[k] ? 1 : 0;
      }
    }

    void check(String when) {
      String w = what + ", " + when;
      for (int i = 0; i < ref.size; i++) {
        assertEquals(ref.state[i], table.counterField(i), w + ": state of " + i);
        assertEquals(ref.weight(i), table.weight(i), 0.0, w + ": weight of " + i);
      }
      double[] seen = new double[ref.size];
      table.forEachNonZeroWeight((i, x) -> seen[i] = x);
      for (int i = 0; i < ref.size; i++) {
        assertEquals(ref.weight(i), seen[i], 0.0, w + ": visited weight of " + i);
      }
      // a coarsening always raises a bucket's exponent, so the table counts exactly the raises
      assertEquals(raised, table.coarsenings(), w + ": coarsenings");
      long coarsened = 0;
      for (int d : ref.delta) {
        coarsened += d > 0 ? 1 : 0;
      }
      assertEquals(coarsened, table.coarsenedBuckets(), w + ": coarsened buckets");
    }
  }

  /**
   * 1-bit counters, 4 bits per coordinate: 91 code bits per bucket of 32, each updated coordinate's code 14
   * bits wide (q2.13, alpha 0.5, gamma 0.001: grid 2^-12, range [-2, 2)). Six first updates fill 84 bits; the
   * seventh needs 98, so the exponent rises to 1, where seven 13-bit codes take exactly the 91 bits: the bucket
   * keeps that exponent. The next bucket's coordinates are untouched (the bucket ends exactly where the codes
   * end), and the table agrees with the reference for every draw.
   */
  @Test
  void aCoarsenedBucketFilledExactlyKeepsItsExponent() {
    LearnerConfig c = adaptive().coordinateBits(4).counterBits(1).alpha(0.5).gamma(0.001).fixedPoint(2, 13).build();
    for (long seed = 1; seed <= 24; seed++) {
      Pair p = new Pair(c, 64);
      assertEquals(91, p.ref.capacity);
      assertEquals(14, p.ref.width(1, 0), "a code's width at exponent 0");
      SplitMix64 r = new SplitMix64(seed);
      for (int i : new int[] {32, 33, 40, 63}) {
        p.step(i, r.nextDouble() - 0.5, 0, r.nextLong());
      }
      for (int i = 0; i < 6; i++) {
        p.step(i, r.nextDouble() - 0.5, 0, r.nextLong());
      }
      p.check("six codes");
      assertEquals(0, p.ref.delta[0]);
      p.step(6, r.nextDouble() - 0.5, 0, r.nextLong());
      assertEquals(1, p.ref.delta[0], "the exponent rose by one");
      assertEquals(91, p.ref.total(0, 1), "the codes fill the bucket exactly");
      p.check("seven codes, seed " + seed);
      assertEquals(1, p.table.coarsenings());
      // and on: steps of coordinates already counted, and of the next bucket
      for (int k = 0; k < 40; k++) {
        int i = r.nextInt(2) == 0 ? r.nextInt(7) : 32 + r.nextInt(32);
        p.step(i, r.nextDouble() - 0.5, 0, r.nextLong());
      }
      p.check("later steps, seed " + seed);
    }
  }

  /**
   * The global rate, 1-bit states, 4 bits per coordinate: at grid 2^-10 (gamma 1.5 * 2^-9, alpha 0.5) a code is
   * 13 bits, so seven codes fill the 91 bits exactly at exponent 0 (no coarsening). When the rate halves the grid
   * gets one bit finer: the codes would take 98 bits, and at exponent 1 they take exactly 91 again: the bucket
   * stays at exponent 1 and its values stay exact.
   */
  @Test
  void aRefinedBucketFilledExactlyKeepsItsExponent() {
    LearnerConfig c = adaptive().schedule(LearningRateSchedule.GLOBAL).coordinateBits(4).alpha(0.5)
        .gamma(1.5 / 512).fixedPoint(2, 13).build();
    for (long seed = 1; seed <= 8; seed++) {
      Pair p = new Pair(c, 64);
      assertEquals(13, p.ref.width(1, 0), "a code's width at exponent 0");
      SplitMix64 r = new SplitMix64(seed);
      for (int i : new int[] {32, 45, 0, 1, 2, 3, 4, 5, 6}) {
        p.step(i, r.nextDouble() - 0.5, 0.5, r.nextLong());
      }
      assertEquals(91, p.ref.total(0, 0), "seven codes fill the bucket exactly");
      p.check("before the refinement, seed " + seed);
      assertEquals(0, p.table.coarsenings());
      double[] before = new double[64];
      for (int i = 0; i < 64; i++) {
        before[i] = p.table.weight(i);
      }
      p.step(40, 0.0, 0.25, r.nextLong());
      assertEquals(14, p.ref.width(1, 0), "one bit finer");
      assertEquals(1, p.ref.delta[0]);
      assertEquals(0, p.ref.delta[1]);
      p.check("after the refinement, seed " + seed);
      for (int i = 0; i < 64; i++) {
        assertEquals(before[i], p.table.weight(i), 0.0, "coordinate " + i + " re-expressed exactly");
      }
    }
  }

  /**
   * Configurations at the ends of the grid and range tables, stepped by random streams against the reference
   * (weights, states, coarsenings): {@code gamma * eta >= 2^n}, where the grid is clamped to its coarsest
   * {@code 2^(n - 1)} (per coordinate and global, n = 2); a global rate above 1 (alpha 4), whose first grid
   * is coarser than 1; codes of 25 to 32 bits (q1.30, gamma 2^-20) pushed past the top of their range by
   * large gradients.
   */
  @Test
  void theEndsOfTheGridAndRangeFollowTheReference() {
    LearnerConfig[] configs = {
        adaptive().gamma(16).coordinateBits(10).counterBits(4).morrisBase(1.5).alpha(0.5).build(),
        adaptive().schedule(LearningRateSchedule.GLOBAL).gamma(16).coordinateBits(8).alpha(0.5).build(),
        adaptive().schedule(LearningRateSchedule.GLOBAL).gamma(0.5).coordinateBits(12).alpha(4).build(),
        adaptive().gamma(1.0 / (1 << 20)).coordinateBits(40).counterBits(8).morrisBase(1.05).fixedPoint(1, 30)
            .alpha(1).build(),
        adaptive().schedule(LearningRateSchedule.GLOBAL).gamma(1.0 / (1 << 20)).coordinateBits(33)
            .fixedPoint(1, 30).alpha(1).build(),
    };
    for (LearnerConfig c : configs) {
      Pair p = new Pair(c, 64);
      SplitMix64 r = new SplitMix64(c.coordinateBits() * 7L + 1);
      int wide = 0;
      for (int step = 1; step <= 6000; step++) {
        int i = r.nextInt(3) == 0 ? r.nextInt(4) : r.nextInt(64);
        double g = r.nextInt(10) == 0 ? (r.nextDouble() - 0.5) * 40 : (r.nextDouble() - 0.5) * 1.5;
        p.step(i, g, c.rateScale() / Math.sqrt(step), r.nextLong());
        if (p.ref.state[i] != 0 && p.ref.width(p.ref.state[i], p.ref.delta[i / p.ref.bucket]) > 24) {
          wide++;
        }
        if (step % 500 == 0 || step < 40) {
          p.check("after " + step + " steps");
        }
      }
      if (c.format().fractionBits() == 30) {
        assertTrue(wide > 1000, "codes wider than 24 bits were stepped: " + wide);
      }
    }
  }

  /**
   * Exactly {@code w} bits per coordinate: the words of {@code ceil(size / B)} buckets and one padding word,
   * also when the size is a multiple of the bucket (B = 32 for an even budget, 64 for an odd one) or one less.
   */
  @Test
  void aTableTakesItsBucketsAndOnePaddingWord() {
    for (int bits : new int[] {4, 16, 17, 40}) {
      LearnerConfig c = adaptive().coordinateBits(bits).counterBits(1).build();
      int b = AdaptivePrecisionTable.bucketSize(bits);
      for (int size : new int[] {1, b - 1, b, b + 1, 2 * b - 1, 2 * b, 10 * b}) {
        long buckets = (size + b - 1) / b;
        long words = buckets * b * bits / 64 + 1;
        assertEquals(RecordStore.arrayBytes(words, 8), new AdaptivePrecisionTable(c, size).coordinateBytes(),
            bits + " bits, " + size + " coordinates");
      }
    }
  }
}
