package lessram.compressed;

/**
 * The link functions of logistic regression, shared by the learner ({@code lessram.LogisticRegression})
 * and the compressed model: the sigmoid for one output and the softmax for several. Both are computed without
 * overflow for any finite score.
 */
public final class Logistic {
  private Logistic() {}

  /** The logistic function {@code 1 / (1 + e^-z)}, computed without overflow. */
  public static double sigmoid(double z) {
    // 1 / (1 + e^-z) for z >= 0, e^z / (1 + e^z) below: one exponential of -|z| and one division, the
    // numerator chosen without a branch on the (unpredictable) sign
    double e = Math.exp(-Math.abs(z));
    return (z >= 0 ? 1.0 : e) / (1.0 + e);
  }

  /** In-place softmax of the first {@code n} entries, stable against overflow; the rest is untouched. */
  public static void softmax(double[] z, int n) {
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < n; k++) {
      max = Math.max(max, z[k]);
    }
    double sum = 0;
    for (int k = 0; k < n; k++) {
      z[k] = Math.exp(z[k] - max);
      sum += z[k];
    }
    for (int k = 0; k < n; k++) {
      z[k] /= sum;
    }
  }
}
