package lessram.compressed;

import java.util.Random;

/** Synthetic coefficient vectors for the tests and the measurement tool. */
final class SyntheticModels {
  private SyntheticModels() {}

  /**
   * {@code (d + 1) * k} coefficients: each is 0 with probability {@code zeroFraction}, else drawn from
   * Laplace(0, scale).
   */
  static double[] laplace(int k, int d, double zeroFraction, double scale, long seed) {
    Random rnd = new Random(seed);
    double[] beta = new double[(d + 1) * k];
    for (int i = 0; i < beta.length; i++) {
      if (rnd.nextDouble() >= zeroFraction) {
        double u = rnd.nextDouble() - 0.5;
        beta[i] = -scale * Math.signum(u) * Math.log(1 - 2 * Math.abs(u));
      }
    }
    return beta;
  }

  /**
   * Like {@link #laplace} but zeros come per slot (a slot never seen has all K coefficients 0), as in a
   * softmax model trained on sparse data.
   */
  static double[] laplacePerSlot(int k, int d, double zeroFraction, double scale, long seed) {
    Random rnd = new Random(seed);
    double[] beta = new double[(d + 1) * k];
    for (int s = 0; s <= d; s++) {
      if (rnd.nextDouble() >= zeroFraction) {
        for (int o = 0; o < k; o++) {
          double u = rnd.nextDouble() - 0.5;
          beta[s * k + o] = -scale * Math.signum(u) * Math.log(1 - 2 * Math.abs(u));
        }
      }
    }
    return beta;
  }

  /** Extremes and every kind of awkward value: clipping, ±4, tiny, grid points. */
  static double[] extremes(int k, int d, long seed) {
    Random rnd = new Random(seed);
    double[] beta = new double[(d + 1) * k];
    double[] specials = {-4, 4, -3.999, 3.999, 1e9, -1e9, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
        1e-12, -1e-12, 0.5, -0.5, Double.MIN_VALUE, 2.0, -2.0};
    for (int i = 0; i < beta.length; i++) {
      beta[i] = rnd.nextInt(3) == 0 ? specials[rnd.nextInt(specials.length)] : (rnd.nextDouble() * 10 - 5);
    }
    return beta;
  }
}
