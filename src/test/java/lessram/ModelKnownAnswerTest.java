package lessram;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Known answers of {@link LogisticRegression} worked out by hand from the update rule: float64 coefficients and
 * exact counters, so the per-coordinate rate of a coordinate's first update is {@code alpha / sqrt(0 + 1)} and
 * every value is the formula's, up to the last bits of the arithmetic.
 */
class ModelKnownAnswerTest {

  private static LearnerConfig.Builder exact(FeatureSpace space, int classes, double alpha) {
    return LearnerConfig.builder().featureSpace(space).numClasses(classes).storage(CoefficientStorage.FLOAT64)
        .counterType(CounterType.EXACT).alpha(alpha).seed(7);
  }

  private static void assertClose(double expected, double actual, String what) {
    assertEquals(expected, actual, 1e-12 * Math.max(1, Math.abs(expected)), what);
  }

  @Test
  void theFirstUpdateOfAnExampleWithManyFeatures() {
    // 100 features of value 1, label 1, a fresh model: p = 1/2, each coefficient and the bias step by
    // alpha * 1/2 (more features than the model's 64-slot buffer)
    int n = 100;
    LogisticRegression m = new LogisticRegression(exact(FeatureSpace.direct(n), 2, 0.2).build());
    int[] ids = new int[n];
    double[] values = new double[n];
    for (int j = 0; j < n; j++) {
      ids[j] = n - 1 - j;
      values[j] = 1 + j % 3;
    }
    assertTrue(m.learn(ids, values, n, 1, 1.0));
    for (int j = 0; j < n; j++) {
      assertClose(0.2 * 0.5 * values[j], m.coefficient(ids[j], 0), "feature " + ids[j]);
    }
    assertClose(0.1, m.coefficient(m.biasSlot(), 0), "bias");
  }

  @Test
  void theAdaptiveRateOfAWeightedMulticlassExample() {
    LearnerConfig config = exact(FeatureSpace.direct(4), 3, 0).build();
    assertTrue(config.adaptive());
    LogisticRegression m = new LogisticRegression(config);
    // a fresh model: p = 1/3 each; label 0: errors -2/3, 1/3, 1/3, their squares sum to 2/3; weight 2;
    // squared feature values 1 (bias) + 0.25 + 4 = 5.25; 3 coordinates (bias and 2 features) per output
    int[] ids = {1, 2};
    double[] values = {0.5, 2};
    assertTrue(m.learn(ids, values, 2, 0, 2.0));
    double own = 2.0 / 3 * 2 * 2 * 5.25;
    assertClose(own, m.squaredGradients(), "sum of squared coordinate gradients");
    assertClose(9, m.gradients(), "number of coordinate gradients");
    assertClose(Math.sqrt(9 / own), m.rateFactor(), "next factor");
    // the example's own factor: its normalized gradient exceeds the bound (own * 1 > 9), so sqrt(9 / own)
    double factor = Math.sqrt(9 / own);
    double alpha = config.rateScale();
    double[] error = {-2.0 / 3, 1.0 / 3, 1.0 / 3};
    for (int k = 0; k < 3; k++) {
      for (int j = 0; j < 2; j++) {
        assertClose(-alpha * error[k] * 2 * factor * values[j], m.coefficient(ids[j], k), "slot " + ids[j] + ", " + k);
      }
      assertClose(-alpha * error[k] * 2 * factor, m.coefficient(m.biasSlot(), k), "bias " + k);
    }
  }

  @Test
  void theAdaptiveBoundAppliesOnlyToAnExampleOfALargerScale() {
    LearnerConfig config = exact(FeatureSpace.direct(4), 2, 0).build();
    LogisticRegression m = new LogisticRegression(config);
    double alpha = config.rateScale();
    // example 1: feature 0 = 1, label 1: err -1/2, squares 2, own 0.5 <= 2 coordinate gradients: factor 1
    assertTrue(m.learn(new int[] {0}, new double[] {1}, 1, 1, 1.0));
    assertClose(alpha * 0.5, m.coefficient(0, 0), "feature 0");
    double bias = alpha * 0.5;
    assertClose(bias, m.coefficient(m.biasSlot(), 0), "bias");
    assertClose(2, m.rateFactor(), "sqrt(2 / 0.5)");
    // example 2: feature 1 = 2, label 0: err p = sigmoid(bias), squares 5, own = 5 p^2 between 1 and 4, so
    // own * 2^2 > 4 coordinate gradients: the factor of the statistics with it, sqrt(4 / (0.5 + own))
    double p = 1 / (1 + Math.exp(-bias));
    double own = 5 * p * p;
    assertTrue(own > 1 && own < 4, "" + own);
    assertTrue(m.learn(new int[] {1}, new double[] {2}, 1, 0, 1.0));
    double factor = Math.sqrt(4 / (0.5 + own));
    assertClose(-alpha * p * factor * 2, m.coefficient(1, 0), "feature 1");
    // the bias's second update: rate alpha / sqrt(1 + 1)
    assertClose(bias - alpha / Math.sqrt(2) * p * factor, m.coefficient(m.biasSlot(), 0), "bias");
    assertClose(0.5 + own, m.squaredGradients(), "squares");
    assertClose(4, m.gradients(), "gradients");
  }

  @Test
  void gradientsThatSquareToZeroLeaveThePlainStep() {
    LearnerConfig config = exact(FeatureSpace.direct(2), 2, 0).build();
    LogisticRegression m = new LogisticRegression(config);
    // weights so small that the squared gradient underflows to 0: no gradient measured, factor 1
    for (int i = 0; i < 3; i++) {
      assertTrue(m.learn(new int[] {0}, new double[] {1}, 1, 1, 1e-170));
      assertEquals(0, m.squaredGradients(), 0);
      assertEquals(1, m.rateFactor(), 0);
    }
    double w = m.coefficient(0, 0);
    assertTrue(w > 0 && w < 1e-160, "" + w);
  }

  @Test
  void multiclassPredictionIgnoresIdsOutsideADirectSpaceAndHashesAnyId() {
    LogisticRegression direct = new LogisticRegression(exact(FeatureSpace.direct(4), 3, 0.2).build());
    LogisticRegression hashed = new LogisticRegression(exact(FeatureSpace.hashed(3), 3, 0.2).build());
    for (LogisticRegression m : new LogisticRegression[] {direct, hashed}) {
      for (int i = 0; i < 30; i++) {
        m.learn(new int[] {i % 4, 100 + i % 5}, new double[] {1, 0.5}, m == direct ? 1 : 2, i % 3, 1.0);
      }
    }
    double[] biasOnly = direct.probabilities(new int[0], new double[0], 0);
    for (int outside : new int[] {4, -1, 1000}) {
      assertArrayEquals(biasOnly, direct.probabilities(new int[] {outside}, new double[] {1}, 1), 0, "id " + outside);
    }
    // a hashed space: an id of 2^3 or more addresses its hashed slot, as in training
    FeatureSpace space = FeatureSpace.hashed(3);
    for (int id : new int[] {8, 101, 104}) {
      int slot = space.slot(id);
      double[] z = new double[3];
      double max = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < 3; k++) {
        z[k] = hashed.coefficient(hashed.biasSlot(), k) + 0.75 * hashed.coefficient(slot, k);
        max = Math.max(max, z[k]);
      }
      double sum = 0;
      for (int k = 0; k < 3; k++) {
        z[k] = Math.exp(z[k] - max);
        sum += z[k];
      }
      double[] p = hashed.probabilities(new int[] {id}, new double[] {0.75}, 1);
      for (int k = 0; k < 3; k++) {
        assertClose(z[k] / sum, p[k], "id " + id + ", class " + k);
      }
    }
  }

  @Test
  void coefficientsOutsideTheOutputsAreRefusedAndTheNonZeroOnesVisited() {
    LogisticRegression m = new LogisticRegression(exact(FeatureSpace.direct(5), 3, 0.2).build());
    m.learn(new int[] {1, 3}, new double[] {1, -2}, 2, 2, 1.0);
    assertThrows(IndexOutOfBoundsException.class, () -> m.coefficient(0, 3));
    assertThrows(IndexOutOfBoundsException.class, () -> m.coefficient(m.biasSlot() + 1, 0));
    Map<Integer, Double> visited = new HashMap<>();
    m.forEachNonZeroCoefficient((c, w) -> assertEquals(null, visited.put(c, w)));
    // features 1 and 3 and the bias, each for the 3 outputs
    assertEquals(9, visited.size());
    for (int slot = 0; slot < m.numSlots(); slot++) {
      for (int k = 0; k < 3; k++) {
        double w = m.coefficient(slot, k);
        assertEquals(w != 0, visited.containsKey(slot * 3 + k), "slot " + slot + ", output " + k);
        if (w != 0) {
          assertEquals(w, visited.get(slot * 3 + k), 0);
        }
      }
    }
  }

  @Test
  void adaptiveStorageStepsByTheValueAndReportsItsCoordinates() {
    LearnerConfig config = LearnerConfig.builder().featureSpace(FeatureSpace.direct(4))
        .storage(CoefficientStorage.ADAPTIVE).alpha(0.2).seed(3).build();
    LogisticRegression m = new LogisticRegression(config);
    // a fresh model, label 1: p = 1/2, each coefficient steps by alpha * 1/2 * value, rounded to the coordinate's
    // grid (steps of 2^-7 at this rate: within 2^-6 of the exact value)
    double[] values = {0.5, 2, -1.5};
    assertTrue(m.learn(new int[] {0, 1, 3}, values, 3, 1, 1.0));
    int[] slots = {0, 1, 3};
    for (int j = 0; j < 3; j++) {
      double expected = 0.2 * 0.5 * values[j];
      assertEquals(expected, m.coefficient(slots[j], 0), 0x1p-6, "slot " + slots[j]);
    }
    assertEquals(0, m.coefficient(2, 0), 0);
    // every coordinate is stored (a dense table): 4 features and the bias
    assertEquals(5, m.storedCoordinates());
    // a Morris counter's first increment always moves it from state 0 to 1, whose estimate is that one update
    assertEquals(1, m.updateCountEstimate(1, 0), 0);
    assertEquals(0, m.updateCountEstimate(2, 0), 0);
  }

  @Test
  void aFormatWiderThan24BitsStepsToTheNearestCodes() {
    // q4.27: 32-bit codes; the first step of a fresh coordinate is alpha * 1/2 * value, rounded to 2^-27
    LogisticRegression m = new LogisticRegression(LearnerConfig.builder().featureSpace(FeatureSpace.direct(3))
        .fixedPoint(4, 27).counterType(CounterType.EXACT).alpha(0.2).seed(9).build());
    assertTrue(m.learn(new int[] {0, 2}, new double[] {1, -3}, 2, 1, 1.0));
    assertEquals(0.1, m.coefficient(0, 0), 0x1p-27);
    assertEquals(-0.3, m.coefficient(2, 0), 0x1p-27);
    assertEquals(0.1, m.coefficient(m.biasSlot(), 0), 0x1p-27);
  }

  @Test
  void anAdaptiveModelReadBackFromJavaSerializationTrainsOn() throws Exception {
    LearnerConfig config = LearnerConfig.builder().featureSpace(FeatureSpace.direct(8))
        .storage(CoefficientStorage.ADAPTIVE).coordinateBits(12).alpha(0.5).seed(4).build();
    LogisticRegression m = new LogisticRegression(config);
    SplitMix64 r = new SplitMix64(6);
    int[] ids = {0, 1, 2, 3, 4, 5, 6, 7};
    double[] values = new double[8];
    for (int i = 0; i < 200; i++) {
      for (int j = 0; j < 8; j++) {
        values[j] = r.nextDouble() * 4 - 2;
      }
      m.learn(ids, values, 8, values[0] + values[1] > 0 ? 1 : 0, 1.0);
    }
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
      out.writeObject(m);
    }
    LogisticRegression back;
    try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
        new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
      back = (LogisticRegression) in.readObject();
    }
    // both go on with the same examples (large values: the grids coarsen) and stay equal
    for (int i = 0; i < 2000; i++) {
      for (int j = 0; j < 8; j++) {
        values[j] = (r.nextDouble() * 4 - 2) * (1 + i / 100);
      }
      int label = values[0] + values[1] > 0 ? 1 : 0;
      m.learn(ids, values, 8, label, 1.0);
      back.learn(ids, values, 8, label, 1.0);
    }
    for (int slot = 0; slot < m.numSlots(); slot++) {
      assertEquals(m.coefficient(slot, 0), back.coefficient(slot, 0), 0, "slot " + slot);
    }
  }

  private static boolean stored(LogisticRegression m, int feature) {
    boolean any = false;
    for (int k = 0; k < m.numOutputs(); k++) {
      any |= m.coefficient(feature, k) != 0;
    }
    return any;
  }

  @Test
  void featureInclusionAdmitsOnceAndNeverAsksAgain() {
    for (CoefficientStorage storage : new CoefficientStorage[] {CoefficientStorage.RANDOMIZED,
        CoefficientStorage.FLOAT64}) {
      // a counting Bloom filter with count 2: a feature is admitted at its third sighting; 3 classes
      LogisticRegression m = new LogisticRegression(LearnerConfig.builder()
          .featureSpace(FeatureSpace.sparse(10, InclusionRule.of(FeatureInclusion.BLOOM, 1, 2, 10)))
          .numClasses(3).storage(storage).alpha(0.2).seed(5).build());
      for (int i = 1; i <= 3; i++) {
        m.learn(new int[] {3}, new double[] {1}, 1, i % 3, 1.0);
        assertEquals(i == 3, stored(m, 3), storage + ", sighting " + i);
      }
      // feature 2 seen once: rejected, although the feature after it is stored
      m.learn(new int[] {2}, new double[] {1}, 1, 0, 1.0);
      assertTrue(!stored(m, 2), storage.toString());
      // the probabilistic rule (p = 0.3): once a feature is stored, every sighting updates every output
      LogisticRegression q = new LogisticRegression(LearnerConfig.builder()
          .featureSpace(FeatureSpace.sparse(10, InclusionRule.of(FeatureInclusion.POISSON, 0.3, 1, 10)))
          .numClasses(3).storage(storage).counterType(CounterType.EXACT).alpha(0.2).seed(5).build());
      int tries = 0;
      while (!stored(q, 4) && tries++ < 500) {
        q.learn(new int[] {4}, new double[] {1}, 1, tries % 3, 1.0);
      }
      assertTrue(stored(q, 4));
      for (int i = 0; i < 30; i++) {
        double[] before = {q.coefficient(4, 0), q.coefficient(4, 1), q.coefficient(4, 2)};
        q.learn(new int[] {4}, new double[] {1}, 1, i % 3, 1.0);
        for (int k = 0; k < 3; k++) {
          assertTrue(q.coefficient(4, k) != before[k], storage + ", sighting " + i + ", output " + k);
        }
      }
    }
  }
}
