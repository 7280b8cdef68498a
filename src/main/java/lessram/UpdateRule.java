package lessram;

/**
 * The per-coordinate update of Golovin et al. (ICML 2013, Algorithms 1 and 2), stated once. An update
 * of coordinate {@code i} with gradient {@code g} takes one 64-bit random draw {@code r} and does:
 *
 * <pre>
 *   rate  = eta(counter_i)  or the global schedule's eta_t       learning rate
 *   beta' = Round(Project(beta_i - rate * g))                    step, projection, rounding (high 32 bits of r)
 *   counter_i = Count(counter_i)                                 counter increment          (low 32 bits of r)
 * </pre>
 *
 * <p>Every {@link CoordinateTable} performs exactly these lines and differs only in how it stores
 * {@code beta} and the counter. The fixed-point coefficient's line is {@link #code} (or {@link #wideCode}
 * for formats wider than {@link FixedPointFormat#NARROW_BITS}): the step is taken in code units (value
 * = code * 2^-m, rate * 2^m), which is exact scaling, so it gives the codes that rounding
 * {@code beta_i - rate * g} in values would. The count is {@link CounterPolicy#next} (a Morris counter's
 * is {@link MorrisCounter#increment}). The generic table calls these through its codec and counter
 * policy; the specialised tables call them with their layout's constants and their rates already in
 * code units, and are tested bit-identical to the generic one.
 */
final class UpdateRule {
  private UpdateRule() {
  }

  /**
   * The code after one update of a coordinate stored as a fixed-point code at most
   * {@link FixedPointFormat#NARROW_BITS} wide: the gradient step in code units, then projection onto
   * {@code [minCode, maxCode]} and rounding, unbiased randomized (from the high 32 bits of
   * {@code random}) or to nearest. No branch on the data; NaN gives 0. Called with constant
   * {@code randomized} and code range by the specialised tables, so the compiled loop has neither.
   *
   * @param rate the learning rate in code units, {@code eta * 2^m}
   */
  static int code(int code, double rate, double gradient, long random, boolean randomized, int minCode,
      int maxCode) {
    double stepped = code - rate * gradient;
    return randomized ? FixedPointFormat.roundRandomizedNarrow(stepped, random >>> 32, minCode, maxCode)
        : FixedPointFormat.roundNearestNarrow(stepped, minCode, maxCode);
  }

  /** {@link #code} for any fixed-point width up to {@link FixedPointFormat#MAX_TOTAL_BITS}. */
  static long wideCode(long code, double rate, double gradient, long random, boolean randomized, long minCode,
      long maxCode) {
    double stepped = code - rate * gradient;
    return randomized ? FixedPointFormat.roundRandomizedScaled(stepped, random >>> 32, minCode, maxCode)
        : FixedPointFormat.roundNearestScaled(stepped, minCode, maxCode);
  }

  /**
   * The value after one update of a coordinate stored as a floating-point number, projected onto
   * {@code [-limit, limit]} (the storage format then rounds it to its precision, to nearest): float64 keeps
   * {@link Values#LIMIT}, float32 its largest finite value, so no coefficient becomes infinite. A NaN step
   * (impossible with usable values and weights) leaves the coefficient unchanged.
   */
  static double value(double weight, double rate, double gradient, double limit) {
    double v = weight - rate * gradient;
    if (v >= -limit) {
      return v <= limit ? v : limit;
    }
    return v < -limit ? -limit : weight;
  }
}
