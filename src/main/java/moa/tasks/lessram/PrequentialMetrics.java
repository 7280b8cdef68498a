package moa.tasks.lessram;

import java.io.Serializable;

/**
 * Prequential (progressive-validation) scores of one learner: every example is scored before the
 * learner trains on it, as in Golovin, Sculley, McMahan and Young, "Large-Scale Learning with Less RAM
 * via Randomization" (ICML 2013), Section 6. Accumulates, in memory that does not grow with the stream:
 * <ul>
 *   <li><b>log loss</b>: mean of {@code -ln p(true class)}, the probability clipped to
 *       [{@value #PROBABILITY_FLOOR}, 1 - {@value #PROBABILITY_FLOOR}] so a confident mistake costs at most
 *       about 34.5 nats instead of infinity;</li>
 *   <li><b>accuracy</b>: share of examples whose predicted class is the true one;</li>
 *   <li><b>AUC</b> (binary problems only): the probability that a random positive example scores above a
 *       random negative one, ties counting one half (the Mann-Whitney statistic).</li>
 * </ul>
 *
 * <h2>Streaming AUC</h2>
 * The exact AUC needs every score (sort, then rank): 4 bytes per example and learner, unbounded on a
 * stream. Instead the scores are counted in a fine histogram over the logit {@code ln(p / (1 - p))}:
 * {@value #BINS} equal bins spanning [-{@value #LOGIT_RANGE}, {@value #LOGIT_RANGE}] (more extreme scores
 * fall into the end bins), one count per bin and class, i.e. 2 MiB per learner whatever the length of
 * the stream. Pairs in different bins are ordered exactly; a positive and a negative in the same bin count
 * one half, as an exact tie does. So the histogram's AUC differs from the exact one by at most
 * {@code 0.5 * sum_b pos_b * neg_b / (P * N)}, which {@link #aucErrorBound()} reports; pairs that are exact
 * ties (the coarse fixed-point models produce many) count one half in both and contribute no error, and
 * the orders inside a bin err in both directions, so the true error is usually far below that bound.
 * Bins are {@code 32 / 2^17 = 0.00024} logit wide: two scores share a bin only when their odds differ by
 * less than about 0.025%. The logit scale (rather than the probability scale) keeps that resolution for
 * the small click probabilities of advertising data, where a histogram over {@code p} would pile most
 * examples into its first few bins.
 *
 * <p>Examples are counted unweighted. Not thread-safe.
 */
public final class PrequentialMetrics implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Probabilities are clipped to [floor, 1 - floor] before taking logarithms. */
  public static final double PROBABILITY_FLOOR = 1e-15;

  /** Number of histogram bins of the streaming AUC. */
  public static final int BINS = 1 << 17;

  /**
   * The histogram spans logits in [-LOGIT_RANGE, LOGIT_RANGE] (probabilities 1.1e-7 to 1 - 1.1e-7); more
   * extreme scores share the end bins.
   */
  public static final double LOGIT_RANGE = 16.0;

  private static final double BIN_SCALE = BINS / (2 * LOGIT_RANGE);

  private final boolean binary;
  private long examples;
  private long correct;
  private double logLossSum;
  private final long[] positivesPerBin;
  private final long[] negativesPerBin;
  private long positives;
  private long negatives;

  /**
   * Empty metrics.
   *
   * @param binary true to keep the AUC histogram (two-class problems); false for more classes
   */
  public PrequentialMetrics(boolean binary) {
    this.binary = binary;
    this.positivesPerBin = binary ? new long[BINS] : null;
    this.negativesPerBin = binary ? new long[BINS] : null;
  }

  private PrequentialMetrics(PrequentialMetrics o) {
    this.binary = o.binary;
    this.examples = o.examples;
    this.correct = o.correct;
    this.logLossSum = o.logLossSum;
    this.positivesPerBin = o.positivesPerBin == null ? null : o.positivesPerBin.clone();
    this.negativesPerBin = o.negativesPerBin == null ? null : o.negativesPerBin.clone();
    this.positives = o.positives;
    this.negatives = o.negatives;
  }

  /** An independent copy in this state (a snapshot). */
  public PrequentialMetrics copy() {
    return new PrequentialMetrics(this);
  }

  /** True if the AUC is tracked. */
  public boolean isBinary() {
    return binary;
  }

  /**
   * Scores one example of a two-class problem.
   *
   * @param label the true class, 0 or 1 (1 is the positive class of the AUC)
   * @param probabilityOfOne the predicted probability of class 1 (clipped; NaN counts as 0.5)
   * @throws IllegalStateException if these metrics were created for more classes
   * @throws IllegalArgumentException if the label is not 0 or 1
   */
  public void addBinary(int label, double probabilityOfOne) {
    if (!binary) {
      throw new IllegalStateException("these metrics are not binary");
    }
    if (label != 0 && label != 1) {
      throw new IllegalArgumentException("binary label must be 0 or 1, got " + label);
    }
    double p = clip(probabilityOfOne);
    examples++;
    logLossSum -= label == 1 ? Math.log(p) : Math.log1p(-p);
    // As MOA's argmax over votes: a tie goes to the first class.
    if ((p > 0.5 ? 1 : 0) == label) {
      correct++;
    }
    int bin = bin(logit(p));
    if (label == 1) {
      positivesPerBin[bin]++;
      positives++;
    } else {
      negativesPerBin[bin]++;
      negatives++;
    }
  }

  /**
   * Scores one example of any problem (no AUC).
   *
   * @param probabilityOfTrueClass predicted probability of the true class (clipped; NaN counts as 0)
   * @param predictedCorrectly whether the predicted class is the true one
   */
  public void addGeneral(double probabilityOfTrueClass, boolean predictedCorrectly) {
    double p = probabilityOfTrueClass != probabilityOfTrueClass ? PROBABILITY_FLOOR : clip(probabilityOfTrueClass);
    examples++;
    logLossSum -= Math.log(p);
    if (predictedCorrectly) {
      correct++;
    }
  }

  /** Clips a probability to [floor, 1 - floor]; NaN becomes 0.5. */
  static double clip(double p) {
    if (p != p) {
      return 0.5;
    }
    return Math.min(1 - PROBABILITY_FLOOR, Math.max(PROBABILITY_FLOOR, p));
  }

  /** {@code ln(p / (1 - p))}. */
  static double logit(double p) {
    return Math.log(p) - Math.log1p(-p);
  }

  /** The histogram bin of a logit. */
  static int bin(double logit) {
    int b = (int) Math.floor((logit + LOGIT_RANGE) * BIN_SCALE);
    return b < 0 ? 0 : (b >= BINS ? BINS - 1 : b);
  }

  /** Examples scored. */
  public long examples() {
    return examples;
  }

  /** Mean log loss in nats (NaN before the first example). */
  public double logLoss() {
    return examples == 0 ? Double.NaN : logLossSum / examples;
  }

  /** Share of correct predictions (NaN before the first example). */
  public double accuracy() {
    return examples == 0 ? Double.NaN : (double) correct / examples;
  }

  /** Examples of class 1 seen (binary only). */
  public long positives() {
    return positives;
  }

  /** Examples of class 0 seen (binary only). */
  public long negatives() {
    return negatives;
  }

  /** AUC from the histogram; NaN when not binary or when one class has not occurred yet. */
  public double auc() {
    if (!binary || positives == 0 || negatives == 0) {
      return Double.NaN;
    }
    double pairsWon = 0;
    long negativesBelow = 0;
    for (int b = 0; b < BINS; b++) {
      long pos = positivesPerBin[b];
      long neg = negativesPerBin[b];
      if (pos != 0) {
        pairsWon += pos * (negativesBelow + 0.5 * neg);
      }
      negativesBelow += neg;
    }
    return pairsWon / ((double) positives * negatives);
  }

  /** {@code 1 - AUC}, the paper's AucLoss. */
  public double aucLoss() {
    return 1 - auc();
  }

  /**
   * Upper bound on {@code |auc() - exact AUC|}: half the share of positive-negative pairs that share a
   * histogram bin (NaN when the AUC is undefined).
   */
  public double aucErrorBound() {
    if (!binary || positives == 0 || negatives == 0) {
      return Double.NaN;
    }
    double sameBin = 0;
    for (int b = 0; b < BINS; b++) {
      sameBin += (double) positivesPerBin[b] * negativesPerBin[b];
    }
    return 0.5 * sameBin / ((double) positives * negatives);
  }

  /** Heap bytes of the histograms (what the AUC costs per learner). */
  public long histogramBytes() {
    return binary ? 2L * (16 + 8L * BINS) : 0;
  }
}
