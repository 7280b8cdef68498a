package lessram.spark;

import java.io.Serializable;

/**
 * Progressive-validation scores (every example is predicted by the model that is about to train on it, the
 * protocol of Golovin et al., ICML 2013): log loss, accuracy and, for two classes, the AUC, with the same
 * definitions as the MOA tasks' {@code moa.tasks.lessram.PrequentialMetrics} so that Spark and MOA figures
 * compare directly: probabilities clipped to [1e-15, 1 - 1e-15], the AUC from a histogram of {@value #BINS}
 * bins over logits in [-16, 16] (pairs in one bin count one half). Tasks send each example's bin and class as
 * one int ({@link #code}); the histogram lives on the driver.
 */
final class ProgressiveMetrics implements Serializable {
  private static final long serialVersionUID = 1L;

  static final int BINS = 1 << 17;
  private static final double LOGIT_RANGE = 16.0;
  private static final double BIN_SCALE = BINS / (2 * LOGIT_RANGE);
  private static final double FLOOR = 1e-15;

  private long examples;
  private long correct;
  private double logLossSum;
  private long[] positives;
  private long[] negatives;
  private long positiveCount;
  private long negativeCount;
  /**
   * Codes added but not yet counted in the histogram ({@code pendingCounts[i]} of {@code pending[i]}): a round's
   * metrics only pass their codes on to the epoch's, so they keep references rather than a histogram of their own
   * (two arrays of {@value #BINS} longs per round, and a pass over them, saved).
   */
  private static final int PENDING = 64;
  private int[][] pending;
  private int[] pendingCounts;
  private int pendingSize;

  /** The log loss of one prediction ({@code p[label]} clipped). */
  static double logLoss(double[] p, int label) {
    double q = p[label];
    q = q != q ? 0.5 : Math.min(1 - FLOOR, Math.max(FLOOR, q));
    return -Math.log(q);
  }

  /** True if the most probable class (the first of ties) is {@code label}. */
  static boolean correct(double[] p, int label) {
    int best = 0;
    for (int k = 1; k < p.length; k++) {
      if (p[k] > p[best]) {
        best = k;
      }
    }
    return best == label;
  }

  /** A binary prediction's histogram bin and class in one int. */
  static int code(double probabilityOfOne, int label) {
    double p = probabilityOfOne != probabilityOfOne ? 0.5 : Math.min(1 - FLOOR, Math.max(FLOOR, probabilityOfOne));
    int b = (int) Math.floor((Math.log(p) - Math.log1p(-p) + LOGIT_RANGE) * BIN_SCALE);
    b = b < 0 ? 0 : (b >= BINS ? BINS - 1 : b);
    return b << 1 | label;
  }

  /**
   * Adds a task's sums and its examples' codes ({@code null} or fewer codes when not binary). Keeps a reference
   * to {@code codes}, which must not change afterwards.
   */
  void add(long n, long right, double lossSum, int[] codes, int codeCount) {
    examples += n;
    correct += right;
    logLossSum += lossSum;
    if (codes == null || codeCount == 0) {
      return;
    }
    if (pending == null) {
      pending = new int[PENDING][];
      pendingCounts = new int[PENDING];
    } else if (pendingSize == PENDING) {
      count();
    }
    pending[pendingSize] = codes;
    pendingCounts[pendingSize++] = codeCount;
  }

  /** Counts the pending codes in the histogram. */
  private void count() {
    for (int i = 0; i < pendingSize; i++) {
      count(pending[i], pendingCounts[i]);
      pending[i] = null;
    }
    pendingSize = 0;
  }

  private void count(int[] codes, int codeCount) {
    if (positives == null) {
      positives = new long[BINS];
      negatives = new long[BINS];
    }
    for (int i = 0; i < codeCount; i++) {
      int c = codes[i];
      if ((c & 1) == 1) {
        positives[c >>> 1]++;
        positiveCount++;
      } else {
        negatives[c >>> 1]++;
        negativeCount++;
      }
    }
  }

  /** Adds another set of metrics. */
  void add(ProgressiveMetrics o) {
    examples += o.examples;
    correct += o.correct;
    logLossSum += o.logLossSum;
    for (int i = 0; i < o.pendingSize; i++) {
      count(o.pending[i], o.pendingCounts[i]);
    }
    if (o.positives != null) {
      if (positives == null) {
        positives = new long[BINS];
        negatives = new long[BINS];
      }
      for (int b = 0; b < BINS; b++) {
        positives[b] += o.positives[b];
        negatives[b] += o.negatives[b];
      }
      positiveCount += o.positiveCount;
      negativeCount += o.negativeCount;
    }
  }

  long examples() {
    return examples;
  }

  double logLoss() {
    return examples == 0 ? Double.NaN : logLossSum / examples;
  }

  double accuracy() {
    return examples == 0 ? Double.NaN : (double) correct / examples;
  }

  /** The AUC (NaN unless binary with both classes seen). */
  double auc() {
    count();
    if (positiveCount == 0 || negativeCount == 0) {
      return Double.NaN;
    }
    double won = 0;
    long below = 0;
    for (int b = 0; b < BINS; b++) {
      if (positives[b] != 0) {
        won += positives[b] * (below + 0.5 * negatives[b]);
      }
      below += negatives[b];
    }
    return won / ((double) positiveCount * negativeCount);
  }
}
