package lessram;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Every bad input has a documented outcome and never corrupts the model: non-finite values or weights
 * skip the example (counted), out-of-range ids and labels throw before anything changes, absurd options
 * are rejected by {@link LearnerConfig.Builder#build()} with a clear message.
 */
class BadInputTest {
  private static final SyntheticData DATA = new SyntheticData(100, 5, 2, 500, 0.6, 3);

  private static LogisticRegression trained(LearnerConfig c) {
    LogisticRegression m = new LogisticRegression(c);
    ReproducibilityTest.train(m, DATA, 0, DATA.size());
    return m;
  }

  @Test
  void nonFiniteValuesAndWeightsAreSkippedAndCounted() {
    for (LearnerConfig c : ReproducibilityTest.configs(100, 2)) {
      LogisticRegression m = trained(c);
      long[] before = ReproducibilityTest.state(m);
      long seen = m.examplesSeen();
      int[] ids = {1, 2, 3};
      double[][] bad = {{1, Double.NaN, 1}, {Double.POSITIVE_INFINITY, 1, 1}, {1, 1, Double.NEGATIVE_INFINITY}};
      for (double[] v : bad) {
        assertFalse(m.learn(ids, v, 3, 1, 1.0));
      }
      for (double w : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -1.0}) {
        assertFalse(m.learn(ids, new double[] {1, 1, 1}, 3, 0, w));
      }
      assertEquals(7, m.examplesSkipped(), c.describe());
      assertEquals(seen, m.examplesSeen());
      assertArrayEquals(before, ReproducibilityTest.state(m), "model unchanged: " + c.describe());
      // weight 0: nothing trained, nothing counted as skipped
      assertFalse(m.learn(ids, new double[] {1, 1, 1}, 3, 0, 0.0));
      assertEquals(7, m.examplesSkipped());
      assertArrayEquals(before, ReproducibilityTest.state(m));
      // prediction treats non-finite values as absent
      double[] p = m.probabilities(ids, new double[] {Double.NaN, 1, Double.POSITIVE_INFINITY}, 3);
      double[] q = m.probabilities(new int[] {2}, new double[] {1}, 1);
      assertArrayEquals(q, p, 0.0);
    }
  }

  /** An example without features trains the bias only. */
  @Test
  void emptyExampleTrainsTheBiasOnly() {
    for (LearnerConfig c : ReproducibilityTest.configs(100, 2)) {
      LogisticRegression m = trained(c);
      long[] before = ReproducibilityTest.state(m);
      assertTrue(m.learn(new int[0], new double[0], 0, 1, 1.0));
      long[] after = ReproducibilityTest.state(m);
      int outputs = m.numOutputs();
      int biasFrom = m.biasSlot() * outputs * 2;
      for (int i = 0; i < before.length; i++) {
        if (i < biasFrom) {
          assertEquals(before[i], after[i], "feature coordinates untouched: " + c.describe());
        }
      }
      // the bias moved toward the label (or its counter advanced)
      assertFalse(java.util.Arrays.equals(before, after), c.describe());
      double[] p = m.probabilities(new int[0], new double[0], 0);
      assertEquals(1.0, p[0] + p[1], 1e-15);
    }
  }

  /** Ids outside a direct or sparse space throw before anything changes; hashed spaces take any id. */
  @Test
  void outOfRangeIdsThrowAndLeaveTheModel() {
    for (LearnerConfig c : ReproducibilityTest.configs(100, 2)) {
      if (c.featureSpace().kind() == FeatureSpace.Kind.HASHED) {
        continue;
      }
      LogisticRegression m = trained(c);
      long[] before = ReproducibilityTest.state(m);
      long seen = m.examplesSeen();
      long stored = m.storedCoordinates();
      for (int badId : new int[] {-1, 100, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
        // the bad id comes last: the good ones before it must not have been updated
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> m.learn(new int[] {1, 2, badId}, new double[] {1, 1, 1}, 3, 1, 1.0));
        assertTrue(e.getMessage().contains(String.valueOf(badId)), e.getMessage());
      }
      assertArrayEquals(before, ReproducibilityTest.state(m), c.describe());
      assertEquals(seen, m.examplesSeen());
      assertEquals(stored, m.storedCoordinates());
      assertEquals(0, m.examplesSkipped());
      // prediction ignores unknown ids
      assertArrayEquals(m.probabilities(new int[] {1}, new double[] {1}, 1),
          m.probabilities(new int[] {1, 100, -5}, new double[] {1, 1, 1}, 3), 0.0);
    }
    LogisticRegression hashed = new LogisticRegression(LearnerConfig.builder().featureSpace(FeatureSpace.hashed(4))
        .build());
    assertTrue(hashed.learn(new int[] {-1, Integer.MAX_VALUE, Integer.MIN_VALUE, 1 << 30},
        new double[] {1, 1, 1, 1}, 4, 1, 1.0));
  }

  @Test
  void labelsOutsideTheClassRangeThrow() {
    for (int classes : new int[] {2, 4}) {
      LearnerConfig c = LearnerConfig.builder().numClasses(classes).featureSpace(FeatureSpace.direct(10)).build();
      LogisticRegression m = new LogisticRegression(c);
      m.learn(new int[] {1}, new double[] {1}, 1, 1, 1.0);
      long[] before = ReproducibilityTest.state(m);
      for (int label : new int[] {-1, classes, classes + 5, Integer.MIN_VALUE}) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> m.learn(new int[] {1}, new double[] {1}, 1, label, 1.0));
        assertTrue(e.getMessage().contains("label"), e.getMessage());
      }
      assertArrayEquals(before, ReproducibilityTest.state(m));
      assertEquals(1, m.examplesSeen());
    }
    LogisticRegression m = new LogisticRegression(LearnerConfig.builder().featureSpace(FeatureSpace.direct(10))
        .build());
    assertThrows(IllegalArgumentException.class, () -> m.learn(new int[] {1}, new double[] {1}, 2, 0, 1.0));
    assertThrows(IllegalArgumentException.class, () -> m.learn(new int[] {1}, new double[] {1}, -1, 0, 1.0));
  }

  /** Huge gradients clip at the range; the model stays finite and inside it. */
  @Test
  void hugeValuesClipOrAreSkippedInsteadOfOverflowing() {
    LearnerConfig c = LearnerConfig.builder().featureSpace(FeatureSpace.direct(10)).alpha(1e6).build();
    LogisticRegression m = new LogisticRegression(c);
    // beyond the usable magnitude: skipped and counted
    for (int t = 0; t < 10; t++) {
      assertTrue(!m.learn(new int[] {1, 2}, new double[] {1e300, -1e300}, 2, t % 2, 1.0));
    }
    assertTrue(m.examplesSkipped() == 10 && m.examplesSeen() == 0);
    // large but usable: the steps are projected onto the representable range
    for (int t = 0; t < 100; t++) {
      m.learn(new int[] {1, 2}, new double[] {1e99, -1e99}, 2, t % 2, 1.0);
    }
    double w1 = m.coefficient(1, 0);
    assertTrue(w1 == c.format().maxValue() || w1 == c.format().minValue(), "clipped to an end: " + w1);
    for (int j = 0; j < m.numSlots(); j++) {
      double w = m.coefficient(j, 0);
      assertTrue(w >= c.format().minValue() && w <= c.format().maxValue());
    }
    double[] p = m.probabilities(new int[] {1, 2}, new double[] {1e300, 1e300}, 2);
    assertTrue(p[1] >= 0 && p[1] <= 1);
  }

  /** Each absurd option gives an IllegalArgumentException from build() that names the problem. */
  @Test
  void absurdOptionsAreRejected() {
    rejects(b -> b.fixedPoint(16, 16), "total width");
    rejects(b -> b.fixedPoint(2, 29 + 1), "total width");
    rejects(b -> b.fixedPoint(-1, 13), "non-negative");
    rejects(b -> b.fixedPoint(2, -3), "non-negative");
    rejects(b -> b.fixedPoint(0, 0), "total width");
    rejects(b -> b.morrisBase(1.0), "Morris base");
    rejects(b -> b.morrisBase(0.5), "Morris base");
    rejects(b -> b.morrisBase(Double.NaN), "Morris base");
    rejects(b -> b.morrisBase(Double.POSITIVE_INFINITY), "Morris base");
    // alpha 0 is the adaptive rate
    assertTrue(LearnerConfig.builder().featureSpace(FeatureSpace.direct(10)).alpha(0).build().adaptive());
    rejects(b -> b.alpha(-0.1), "alpha");
    rejects(b -> b.alpha(Double.NaN), "alpha");
    rejects(b -> b.alpha(Double.POSITIVE_INFINITY), "alpha");
    rejects(b -> b.counterBits(-1), "counter bits");
    rejects(b -> b.counterBits(17), "counter bits");
    rejects(b -> b.counterType(CounterType.EXACT).counterBits(33), "counter bits");
    rejects(b -> b.numClasses(1), "classes");
    rejects(b -> b.numClasses(0), "classes");
    rejects(b -> b.numClasses(-3), "classes");
    rejects(b -> b.featureSpace(null), "feature space");
    rejects(b -> b.storage(null), "must be set");
    rejects(b -> b.schedule(null), "must be set");
    rejects(b -> b.counterType(null), "must be set");
    rejects(b -> b.featureSpace(FeatureSpace.direct(Integer.MAX_VALUE / 4)), "too large");
    rejects(b -> b.featureSpace(FeatureSpace.hashed(28)).numClasses(10), "too large");
    rejects(b -> b.featureSpace(FeatureSpace.sparse(Integer.MAX_VALUE - 1)), "too large");

    // feature spaces validate when they are made (before any builder sees them)
    assertThrows(IllegalArgumentException.class, () -> FeatureSpace.hashed(0));
    assertThrows(IllegalArgumentException.class, () -> FeatureSpace.hashed(29));
    assertThrows(IllegalArgumentException.class, () -> FeatureSpace.hashed(31));
    assertThrows(IllegalArgumentException.class, () -> FeatureSpace.hashed(-2));
    assertThrows(IllegalArgumentException.class, () -> FeatureSpace.direct(-1));
    assertThrows(IllegalArgumentException.class, () -> FeatureSpace.sparse(-1));

    // limits that are accepted, and the documented default for counter bits 0
    LearnerConfig.builder().fixedPoint(2, 29).build();
    LearnerConfig.builder().fixedPoint(31, 0).build();
    LearnerConfig.builder().featureSpace(FeatureSpace.hashed(FeatureSpace.MAX_HASH_BITS)).build();
    assertEquals(8, LearnerConfig.builder().counterBits(0).build().counterBits());
    assertEquals(32, LearnerConfig.builder().counterType(CounterType.EXACT).counterBits(0).build().counterBits());
    assertEquals(16, LearnerConfig.builder().counterBits(16).build().counterBits());
    assertEquals(1, LearnerConfig.builder().counterBits(1).build().counterBits());
    assertNotEquals(null, LearnerConfig.builder().morrisBase(1.0000001).build());
  }

  private static void rejects(Consumer<LearnerConfig.Builder> option, String messagePart) {
    LearnerConfig.Builder b = LearnerConfig.builder();
    option.accept(b);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
    assertTrue(e.getMessage().toLowerCase().contains(messagePart.toLowerCase()),
        "message '" + e.getMessage() + "' should mention '" + messagePart + "'");
  }
}
