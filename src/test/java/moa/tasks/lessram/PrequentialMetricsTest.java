package moa.tasks.lessram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The streaming log loss, accuracy and histogram AUC against exact computations on random data. */
class PrequentialMetricsTest {

  /** Exact AUC (Mann-Whitney over average ranks, ties counting one half): the compression table's. */
  static double exactAuc(double[] scores, int[] labels) {
    return CompressionTable.auc(scores, labels);
  }

  /** Labels drawn from the scores (so the AUC is well above 0.5), scores from a wide logit range. */
  private static void randomData(Random rnd, double[] p, int[] y, boolean coarse) {
    for (int i = 0; i < p.length; i++) {
      double z = rnd.nextGaussian() * 2.5 - 1.5;
      if (coarse) {
        z = Math.round(z * 4) / 4.0; // few distinct scores: many exact ties, as a q2.3 model gives
      }
      p[i] = 1 / (1 + Math.exp(-z));
      y[i] = rnd.nextDouble() < 1 / (1 + Math.exp(-(z + rnd.nextGaussian()))) ? 1 : 0;
    }
  }

  @Test
  void aucMatchesExactComputationWithinItsBound() {
    Random rnd = new Random(42);
    for (int trial = 0; trial < 20; trial++) {
      boolean coarse = trial % 2 == 1;
      int n = 2000 + rnd.nextInt(20000);
      double[] p = new double[n];
      int[] y = new int[n];
      randomData(rnd, p, y, coarse);
      PrequentialMetrics m = new PrequentialMetrics(true);
      for (int i = 0; i < n; i++) {
        m.addBinary(y[i], p[i]);
      }
      double exact = exactAuc(p, y);
      double bound = m.aucErrorBound();
      assertTrue(Math.abs(m.auc() - exact) <= bound + 1e-12,
          "trial " + trial + ": " + m.auc() + " vs exact " + exact + ", bound " + bound);
      if (!coarse) {
        // Continuous scores: the histogram is all but exact.
        assertEquals(exact, m.auc(), 1e-4, "trial " + trial);
        assertTrue(bound < 1e-3, "bound " + bound);
      } else {
        // Exact ties are counted one half on both sides: no error from them.
        assertEquals(exact, m.auc(), 1e-12, "trial " + trial);
      }
      assertEquals(1 - m.auc(), m.aucLoss(), 1e-15);
    }
  }

  @Test
  void logLossAndAccuracyMatchDirectComputation() {
    Random rnd = new Random(7);
    int n = 10_000;
    double[] p = new double[n];
    int[] y = new int[n];
    randomData(rnd, p, y, false);
    p[0] = 0.0; // clipped: a confident mistake costs -ln(1e-15), not infinity
    y[0] = 1;
    p[1] = 1.0;
    y[1] = 1;
    p[2] = 0.5; // a tie predicts class 0, as MOA's argmax
    y[2] = 0;
    PrequentialMetrics m = new PrequentialMetrics(true);
    double loss = 0;
    long correct = 0;
    for (int i = 0; i < n; i++) {
      m.addBinary(y[i], p[i]);
      double q = Math.min(1 - 1e-15, Math.max(1e-15, p[i]));
      loss += y[i] == 1 ? -Math.log(q) : -Math.log(1 - q);
      if ((q > 0.5 ? 1 : 0) == y[i]) {
        correct++;
      }
    }
    assertEquals(loss / n, m.logLoss(), 1e-12);
    assertEquals((double) correct / n, m.accuracy(), 0);
    assertEquals(n, m.examples());
    assertEquals(n, m.positives() + m.negatives());
  }

  @Test
  void perfectAndReversedScores() {
    PrequentialMetrics perfect = new PrequentialMetrics(true);
    PrequentialMetrics reversed = new PrequentialMetrics(true);
    for (int i = 0; i < 1000; i++) {
      int label = i % 2;
      double p = label == 1 ? 0.9 : 0.1;
      perfect.addBinary(label, p);
      reversed.addBinary(label, 1 - p);
    }
    assertEquals(1.0, perfect.auc(), 0);
    assertEquals(0.0, reversed.auc(), 0);
    assertEquals(0.0, perfect.aucErrorBound(), 0);
    assertEquals(1.0, perfect.accuracy(), 0);
  }

  @Test
  void undefinedCasesAreNaN() {
    PrequentialMetrics m = new PrequentialMetrics(true);
    assertTrue(Double.isNaN(m.logLoss()));
    assertTrue(Double.isNaN(m.auc()));
    m.addBinary(1, 0.7);
    assertTrue(Double.isNaN(m.auc()), "one class only");
    PrequentialMetrics multi = new PrequentialMetrics(false);
    multi.addGeneral(0.25, false);
    assertTrue(Double.isNaN(multi.auc()));
    assertEquals(-Math.log(0.25), multi.logLoss(), 1e-15);
    assertEquals(0.0, multi.accuracy(), 0);
    assertThrows(IllegalStateException.class, () -> multi.addBinary(0, 0.5));
    assertThrows(IllegalArgumentException.class, () -> m.addBinary(2, 0.5));
  }

  @Test
  void copyIsAnIndependentSnapshot() {
    PrequentialMetrics m = new PrequentialMetrics(true);
    m.addBinary(1, 0.8);
    m.addBinary(0, 0.3);
    PrequentialMetrics snapshot = m.copy();
    double auc = snapshot.auc();
    m.addBinary(1, 0.1);
    assertEquals(2, snapshot.examples());
    assertEquals(auc, snapshot.auc(), 0);
    assertEquals(3, m.examples());
  }
}
