package lessram;

/**
 * A synthetic sparse logistic (or softmax) problem with a known ground truth, for the engine tests:
 * {@code dimension} features, {@code nnz} distinct features per example with values in [0.5, 1.5)
 * (or another interval of width 1), coefficients drawn from N(0, scale^2), a fixed bias
 * ({@code -0.5 + 0.3 k} for output k), labels sampled from the true model.
 */
final class SyntheticData {
  final int dimension;
  final int nnz;
  final int classes;
  final int outputs;
  /** True coefficients, {@code beta[k][j]} for output k (one output when binary). */
  final double[][] beta;
  final double[] bias;
  final int[][] ids;
  final double[][] values;
  final int[] labels;

  SyntheticData(int dimension, int nnz, int classes, int examples, double scale, long seed) {
    this(dimension, nnz, classes, examples, scale, seed, 0.5);
  }

  /**
   * The problem with feature values in [{@code lowestValue}, {@code lowestValue} + 1): values centred on 0
   * ({@code -0.5}) make the bias identifiable apart from the coefficients (with values near 1 a shift of
   * the bias is nearly the same as a shift of every coefficient).
   */
  SyntheticData(int dimension, int nnz, int classes, int examples, double scale, long seed, double lowestValue) {
    this.dimension = dimension;
    this.nnz = nnz;
    this.classes = classes;
    this.outputs = classes == 2 ? 1 : classes;
    SplitMix64 r = new SplitMix64(seed);
    beta = new double[outputs][dimension];
    bias = new double[outputs];
    for (int k = 0; k < outputs; k++) {
      for (int j = 0; j < dimension; j++) {
        beta[k][j] = gaussian(r) * scale;
      }
      bias[k] = -0.5 + 0.3 * k;
    }
    ids = new int[examples][nnz];
    values = new double[examples][nnz];
    labels = new int[examples];
    boolean[] used = new boolean[dimension];
    for (int t = 0; t < examples; t++) {
      for (int f = 0; f < nnz; f++) {
        int j;
        do {
          j = r.nextInt(dimension);
        } while (used[j]);
        used[j] = true;
        ids[t][f] = j;
        values[t][f] = lowestValue + r.nextDouble();
      }
      for (int f = 0; f < nnz; f++) {
        used[ids[t][f]] = false;
      }
      double[] p = trueProbabilities(t);
      double u = r.nextDouble();
      int y = 0;
      double c = p[0];
      while (u >= c && y < classes - 1) {
        y++;
        c += p[y];
      }
      labels[t] = y;
    }
  }

  int size() {
    return labels.length;
  }

  /** The true class probabilities of example t. */
  double[] trueProbabilities(int t) {
    double[] z = new double[outputs];
    for (int k = 0; k < outputs; k++) {
      z[k] = bias[k];
      for (int f = 0; f < nnz; f++) {
        z[k] += beta[k][ids[t][f]] * values[t][f];
      }
    }
    if (outputs == 1) {
      double p = lessram.compressed.Logistic.sigmoid(z[0]);
      return new double[] {1 - p, p};
    }
    lessram.compressed.Logistic.softmax(z, outputs);
    return z;
  }

  /** Log loss of the true model on examples [from, to): the Bayes limit. */
  double bayesLogLoss(int from, int to) {
    double s = 0;
    for (int t = from; t < to; t++) {
      s += -Math.log(trueProbabilities(t)[labels[t]]);
    }
    return s / (to - from);
  }

  static double gaussian(SplitMix64 r) {
    double u = r.nextDouble();
    double v = r.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
  }

  /** Result of a progressive (predict, then learn) pass. */
  static final class Run {
    final LogisticRegression model;
    /** Mean log loss over the whole pass, over the first half and over the second half. */
    final double progressive;
    final double firstHalf;
    final double secondHalf;
    /** Coefficients of output 0 (feature slots, then the bias) at 3/4 of the stream. */
    final double[] atThreeQuarters;

    Run(LogisticRegression model, double progressive, double firstHalf, double secondHalf, double[] at) {
      this.model = model;
      this.progressive = progressive;
      this.firstHalf = firstHalf;
      this.secondHalf = secondHalf;
      this.atThreeQuarters = at;
    }

    /** Number of feature coefficients (output 0) that changed in the last quarter of the stream. */
    int movedInLastQuarter() {
      int moved = 0;
      for (int j = 0; j < atThreeQuarters.length - 1; j++) {
        if (atThreeQuarters[j] != model.coefficient(j, 0)) {
          moved++;
        }
      }
      return moved;
    }
  }

  /** Progressive validation of a fresh model for {@code config} over the whole stream. */
  Run progressive(LearnerConfig config) {
    LogisticRegression m = new LogisticRegression(config);
    int n = size();
    double first = 0;
    double second = 0;
    double[] p = new double[classes];
    double[] at = null;
    for (int t = 0; t < n; t++) {
      m.probabilities(ids[t], values[t], nnz, p);
      double l = -Math.log(Math.max(1e-15, p[labels[t]]));
      if (t < n / 2) {
        first += l;
      } else {
        second += l;
      }
      m.learn(ids[t], values[t], nnz, labels[t], 1.0);
      if (t == 3 * n / 4) {
        at = new double[m.numSlots()];
        for (int j = 0; j < at.length; j++) {
          at[j] = m.coefficient(j, 0);
        }
      }
    }
    return new Run(m, (first + second) / n, first / (n / 2), second / (n - n / 2), at);
  }

  /** Relative L2 distance between the models' coefficients (feature slots, all outputs). */
  static double relativeDistance(LogisticRegression a, LogisticRegression reference) {
    double d = 0;
    double r = 0;
    for (int j = 0; j < reference.numSlots() - 1; j++) {
      for (int k = 0; k < reference.numOutputs(); k++) {
        double x = a.coefficient(j, k) - reference.coefficient(j, k);
        d += x * x;
        r += reference.coefficient(j, k) * reference.coefficient(j, k);
      }
    }
    return Math.sqrt(d / r);
  }

  /** Relative L2 distance between a model's coefficients and the truth. */
  double distanceToTruth(LogisticRegression a) {
    double d = 0;
    double r = 0;
    for (int j = 0; j < dimension; j++) {
      for (int k = 0; k < outputs; k++) {
        double x = a.coefficient(j, k) - beta[k][j];
        d += x * x;
        r += beta[k][j] * beta[k][j];
      }
    }
    return Math.sqrt(d / r);
  }
}
