package lessram.bench;

import lessram.FeatureSpace;
import lessram.LearnerConfig;
import lessram.LogisticRegression;
import lessram.SplitMix64;

/**
 * Named predictors for {@link PredictBenchmark}: a model trained on a synthetic sparse stream and
 * wrapped as a {@link Predictor}. To benchmark another predictor (for example a compressed compressed
 * model made from the same trained model), add a name to {@link PredictBenchmark#predictor} and a case
 * to {@link #of}.
 */
final class Predictors {
  private Predictors() {
  }

  /** Class probabilities of one sparse example, written to {@code out}. */
  interface Predictor {
    void probabilities(int[] ids, double[] values, int nnz, double[] out);
  }

  /** Examples used to train the models before they are measured. */
  static final int TRAINING_EXAMPLES = 200_000;
  /** Non-zero features per example. */
  static final int NNZ = 20;
  /** Distinct feature ids of the synthetic stream (hashed into the table). */
  static final int DISTINCT_IDS = 1 << 22;

  /** A predictor by name, trained on {@link #TRAINING_EXAMPLES} examples hashed into 2^hashBits slots. */
  static Predictor of(String name, int hashBits) {
    switch (name) {
      case Layouts.FLOAT64_GLOBAL:
      case Layouts.FLOAT32_EXACT32:
      case Layouts.Q2_13_MORRIS8_RANDOMIZED:
      case Layouts.Q2_13_MORRIS8_NEAREST:
        LogisticRegression m = trained(Layouts.config(name, FeatureSpace.hashed(hashBits)));
        return m::probabilities;
      default:
        throw new IllegalArgumentException("unknown predictor " + name);
    }
  }

  /** A model of the given configuration trained on the synthetic stream. */
  static LogisticRegression trained(LearnerConfig config) {
    LogisticRegression m = new LogisticRegression(config);
    Stream s = new Stream(1);
    for (int t = 0; t < TRAINING_EXAMPLES; t++) {
      s.next();
      m.learn(s.ids, s.values, NNZ, s.label, 1.0);
    }
    return m;
  }

  /**
   * A synthetic click-like stream: feature ids skewed toward small ids (a few frequent features, a
   * long tail), values 1, labels from a fixed hidden linear model.
   */
  static final class Stream {
    final int[] ids = new int[NNZ];
    final double[] values = new double[NNZ];
    int label;
    private final SplitMix64 random;

    Stream(long seed) {
      random = new SplitMix64(seed);
      java.util.Arrays.fill(values, 1.0);
    }

    void next() {
      double z = -1.0;
      for (int f = 0; f < NNZ; f++) {
        // id = floor(D^u): log-uniform over 1..D, so small ids are frequent
        int id = (int) Math.pow(DISTINCT_IDS, random.nextDouble());
        ids[f] = id;
        z += ((SplitMix64.mix(id) & 1023) - 512) / 1024.0;
      }
      label = random.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
    }

    /** Fills {@code ids} and {@code values} (same length) with the next examples of this stream. */
    void fill(int[][] ids, double[][] values) {
      for (int t = 0; t < ids.length; t++) {
        next();
        ids[t] = this.ids.clone();
        values[t] = this.values.clone();
      }
    }
  }
}
