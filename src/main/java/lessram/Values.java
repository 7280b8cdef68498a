package lessram;

/**
 * The magnitudes the engine accepts, decided once so that no arithmetic on them can overflow: a feature
 * value or an instance weight is <em>usable</em> when it is finite and at most {@link #LIMIT} in magnitude.
 * An unusable value is treated like an infinite one everywhere: the example is not trained on (counted in
 * {@link LogisticRegression#examplesSkipped()}), prediction ignores the value, and the encoder's scaling
 * statistics never see it. With usable values and coefficients bounded by their storage (fixed point by its
 * range, float64 by {@link #LIMIT}, float32 by its largest finite value), every product {@code w * x} is
 * below 1e200 and a score over even 2^31 features stays finite, so votes are never NaN and a single hostile
 * value cannot wipe a model. 1e100 is far above any real measurement (a nanosecond timestamp is about 2e18).
 */
final class Values {
  /** The largest usable magnitude of a feature value, an instance weight or a float64 coefficient. */
  static final double LIMIT = 1e100;

  private Values() {
  }

  /** True if {@code x} is finite and {@code |x| <= LIMIT} (false for NaN and infinities). */
  static boolean usable(double x) {
    return Math.abs(x) <= LIMIT;
  }
}
