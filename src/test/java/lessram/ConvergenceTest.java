package lessram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The learner on a synthetic sparse logistic problem with a known truth (1000 features, 20 non-zeros
 * per example, 200k examples, progressive validation): float64 converges to the truth; q2.13 with
 * 8-bit Morris counters tracks float64 with exact counts; at the coarse q2.5 grid round-to-nearest
 * stalls while randomized rounding keeps learning (the paper's central ablation).
 */
class ConvergenceTest {
  private static final int EXAMPLES = 200_000;
  private static SyntheticData data;
  private static SyntheticData.Run float64Exact;

  @BeforeAll
  static void setUp() {
    data = new SyntheticData(1000, 20, 2, EXAMPLES, 0.6, 11);
    float64Exact = data.progressive(base().storage(CoefficientStorage.FLOAT64).counterType(CounterType.EXACT).build());
  }

  private static LearnerConfig.Builder base() {
    return LearnerConfig.builder().featureSpace(FeatureSpace.direct(1000)).alpha(0.5).seed(3);
  }

  private static void report(String name, SyntheticData.Run run) {
    System.out.printf("[convergence] %-28s progressive %.5f, first half %.5f, second half %.5f, "
        + "distance to truth %.4f, to float64 %.4f, moved in last quarter %d%n", name, run.progressive,
        run.firstHalf, run.secondHalf, data.distanceToTruth(run.model),
        SyntheticData.relativeDistance(run.model, float64Exact.model), run.movedInLastQuarter());
  }

  /** float64 with exact per-coordinate counts approaches the truth and the Bayes log loss. */
  @Test
  void float64ConvergesToTheTruth() {
    report("float64 exact", float64Exact);
    double bayes = data.bayesLogLoss(EXAMPLES / 2, EXAMPLES);
    System.out.printf("[convergence] Bayes log loss (second half) %.5f%n", bayes);
    assertTrue(float64Exact.secondHalf < bayes + 0.015, "second-half log loss near Bayes");
    assertTrue(data.distanceToTruth(float64Exact.model) < 0.15, "coefficients near the truth");
    assertTrue(Math.abs(float64Exact.model.coefficient(1000, 0) - data.bias[0]) < 0.3, "bias near the truth");
  }

  /**
   * The paper's default (q2.13, randomized rounding, 8-bit Morris counters, 3 bytes per coordinate)
   * reaches float64 exact-count progressive log loss within 1% relative, with coefficients within 5%.
   */
  @Test
  void q213MorrisTracksFloat64() {
    SyntheticData.Run q = data.progressive(base().build());
    report("q2.13 randomized morris8", q);
    assertEquals(float64Exact.progressive, q.progressive, 0.01 * float64Exact.progressive);
    assertEquals(float64Exact.secondHalf, q.secondHalf, 0.01 * float64Exact.secondHalf);
    assertTrue(SyntheticData.relativeDistance(q.model, float64Exact.model) < 0.05);
    // float32 with exact counts: the usual control, the same to 4 digits
    SyntheticData.Run f32 = data.progressive(base().storage(CoefficientStorage.FLOAT32)
        .counterType(CounterType.EXACT).build());
    report("float32 exact", f32);
    assertEquals(float64Exact.progressive, f32.progressive, 1e-4 * float64Exact.progressive);
  }

  /** Per-coordinate rates beat the global rate on this sparse problem (paper, section 3). */
  @Test
  void perCoordinateRatesBeatTheGlobalRate() {
    SyntheticData.Run global = data.progressive(base().storage(CoefficientStorage.FLOAT64)
        .schedule(LearningRateSchedule.GLOBAL).build());
    report("float64 global", global);
    assertTrue(global.progressive > float64Exact.progressive + 0.02);
  }

  /**
   * At q2.5 (eps = 1/32) round-to-nearest loses every step below eps/2 once the per-coordinate rates
   * shrink: its coefficients stop moving and its log loss stops improving far above float64. Randomized
   * rounding keeps the expected value of every step: coefficients keep moving and the loss keeps falling.
   */
  @Test
  void coarseNearestStallsRandomizedDoesNot() {
    SyntheticData.Run nearest = data.progressive(base().fixedPoint(2, 5).storage(CoefficientStorage.NEAREST).build());
    SyntheticData.Run randomized = data.progressive(base().fixedPoint(2, 5).build());
    report("q2.5 nearest morris8", nearest);
    report("q2.5 randomized morris8", randomized);
    // stuck: at most 10% of nearest's coefficients change in the last quarter, most randomized ones do
    assertTrue(nearest.movedInLastQuarter() <= 100, "nearest coefficients stuck");
    assertTrue(randomized.movedInLastQuarter() >= 800, "randomized coefficients keep moving");
    // no progress: nearest's second half is no better than its first; randomized improves
    assertTrue(nearest.secondHalf > nearest.firstHalf - 0.005, "nearest stops improving");
    assertTrue(randomized.secondHalf < randomized.firstHalf - 0.01, "randomized keeps improving");
    // much worse: nearest's gap to float64 is at least 1.5 times randomized's, and above 0.05 nats
    double nearestGap = nearest.secondHalf - float64Exact.secondHalf;
    double randomizedGap = randomized.secondHalf - float64Exact.secondHalf;
    assertTrue(nearestGap > 0.05 && nearestGap > 1.5 * randomizedGap,
        "nearest gap " + nearestGap + " vs randomized gap " + randomizedGap);
  }

  /** Softmax regression for K = 4 classes converges and gives probabilities that sum to 1. */
  @Test
  void multinomialConverges() {
    int n = 100_000;
    SyntheticData multi = new SyntheticData(300, 10, 4, n, 0.6, 21);
    LearnerConfig.Builder b = LearnerConfig.builder().featureSpace(FeatureSpace.direct(300)).numClasses(4).alpha(0.5).seed(9);
    SyntheticData.Run f64 = multi.progressive(b.storage(CoefficientStorage.FLOAT64).counterType(CounterType.EXACT).build());
    SyntheticData.Run q = multi.progressive(b.storage(CoefficientStorage.RANDOMIZED).counterType(CounterType.MORRIS)
        .counterBits(8).build());
    double bayes = multi.bayesLogLoss(n / 2, n);
    System.out.printf("[convergence] softmax K=4: Bayes %.5f, float64 exact %.5f, q2.13 morris8 %.5f "
        + "(second halves), uniform %.5f%n", bayes, f64.secondHalf, q.secondHalf, Math.log(4));
    assertEquals(4, q.model.numOutputs());
    assertTrue(f64.secondHalf < bayes + 0.03, "float64 near Bayes");
    assertEquals(f64.secondHalf, q.secondHalf, 0.01 * f64.secondHalf, "q2.13 + Morris near float64");
    assertTrue(q.secondHalf < q.firstHalf, "learning");
    for (int t = 0; t < 1000; t++) {
      double[] p = q.model.probabilities(multi.ids[t], multi.values[t], multi.nnz);
      double s = 0;
      for (double v : p) {
        assertTrue(v >= 0 && v <= 1);
        s += v;
      }
      assertEquals(1.0, s, 1e-12);
    }
    // an output array longer than the number of classes: only the first K entries are written
    double[] out = {9, 9, 9, 9, 9, 9};
    q.model.probabilities(multi.ids[0], multi.values[0], multi.nnz, out);
    assertEquals(1.0, out[0] + out[1] + out[2] + out[3], 1e-12);
    assertEquals(9.0, out[4]);
    assertEquals(9.0, out[5]);
  }

  /**
   * Softmax regression learns every output's bias. On a K = 4 problem whose feature values are centred
   * on 0 (with values near 1, as above, a shift of the bias is nearly a shift of every coefficient, and
   * a model without bias does as well), float64 with exact counts ends within 0.03 nats of the Bayes log
   * loss (measured 0.020; without the bias update 0.067) and each output's bias lies within 0.1 of the
   * truth's (measured at most 0.067), both centred over the outputs since softmax ignores a common shift.
   * q2.13 with Morris counters stays within 1% of float64.
   */
  @Test
  void multinomialLearnsTheBias() {
    int n = 100_000;
    SyntheticData centred = new SyntheticData(300, 10, 4, n, 0.6, 21, -0.5);
    LearnerConfig.Builder b = LearnerConfig.builder().featureSpace(FeatureSpace.direct(300)).numClasses(4)
        .alpha(0.5).seed(9);
    SyntheticData.Run f64 = centred.progressive(b.storage(CoefficientStorage.FLOAT64).counterType(CounterType.EXACT)
        .build());
    SyntheticData.Run q = centred.progressive(b.storage(CoefficientStorage.RANDOMIZED)
        .counterType(CounterType.MORRIS).counterBits(8).build());
    double bayes = centred.bayesLogLoss(n / 2, n);
    System.out.printf("[convergence] softmax K=4, centred values: Bayes %.5f, float64 exact %.5f, q2.13 morris8 "
        + "%.5f (second halves)%n", bayes, f64.secondHalf, q.secondHalf);
    assertTrue(f64.secondHalf < bayes + 0.03, "float64 near Bayes: " + f64.secondHalf + " vs " + bayes);
    assertEquals(f64.secondHalf, q.secondHalf, 0.01 * f64.secondHalf, "q2.13 + Morris near float64");
    double[] truth = centred.bias.clone();
    centre(truth);
    for (SyntheticData.Run run : new SyntheticData.Run[] {f64, q}) {
      double[] bias = new double[4];
      for (int k = 0; k < 4; k++) {
        bias[k] = run.model.coefficient(300, k);
      }
      centre(bias);
      for (int k = 0; k < 4; k++) {
        assertEquals(truth[k], bias[k], 0.1, "bias of output " + k + ": " + java.util.Arrays.toString(bias));
      }
    }
  }

  private static void centre(double[] v) {
    double mean = java.util.Arrays.stream(v).average().orElse(0);
    for (int k = 0; k < v.length; k++) {
      v[k] -= mean;
    }
  }

  /** Binary probabilities are valid and sum to 1, whatever the scores (no overflow). */
  @Test
  void binaryProbabilitiesAreValid() {
    double[] extremes = {-1e308, -800, -40, -1, 0, 1, 40, 800, 1e308};
    for (double z : extremes) {
      double p = lessram.compressed.Logistic.sigmoid(z);
      assertTrue(p >= 0 && p <= 1 && !Double.isNaN(p), "sigmoid(" + z + ")");
    }
    double[] p = float64Exact.model.probabilities(data.ids[0], data.values[0], data.nnz);
    assertEquals(1.0, p[0] + p[1], 1e-15);
  }
}
