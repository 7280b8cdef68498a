package lessram;

import java.io.Serializable;

/**
 * Tables of a Morris approximate counter (Morris 1978; Golovin et al., ICML 2013, section 4) with
 * {@code bits} bits of state and base {@code b > 1}.
 *
 * <p>The paper's counter value {@code C} starts at 1, increments with probability {@code b^-C} on each
 * event and estimates the count as {@code (b^C - b) / (b - 1)}, an unbiased estimate. This class stores
 * the <em>state</em> {@code s = C - 1}, so that an all-zero field is a fresh counter (arrays and maps
 * start at zero): {@code s} runs over {@code 0 .. 2^bits - 1} and saturates there (no further
 * increments, no overflow). All per-state quantities are tabulated.
 */
public final class MorrisCounter implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int bits;
  private final double base;
  private final int maxState;
  private final long[] threshold32;
  private final double[] estimate;

  /**
   * Tables for a counter of {@code bits} bits (1..16) and base {@code base} (finite, &gt; 1).
   *
   * @throws IllegalArgumentException for other arguments
   */
  public MorrisCounter(int bits, double base) {
    this(bits, base, 1);
  }

  /**
   * Tables for a counter whose value {@code C} starts at {@code initialValue} (0 or 1) in state 0. Started at
   * 0, state 0 means "never counted": the first event always advances it ({@code b^0 = 1}), and the state
   * {@code s = C} estimates the count as {@code (b^s - 1) / (b - 1)} (unbiased, as
   * {@code E[b^C]} grows by {@code b - 1} per event), so the first count is exact.
   */
  MorrisCounter(int bits, double base, int initialValue) {
    if (bits < 1 || bits > 16) {
      throw new IllegalArgumentException("Morris counter bits must be 1..16, got " + bits);
    }
    if (!(base > 1.0) || Double.isInfinite(base)) {
      throw new IllegalArgumentException("Morris counter base must be a finite number > 1, got " + base);
    }
    this.bits = bits;
    this.base = base;
    this.maxState = (1 << bits) - 1;
    this.threshold32 = new long[maxState + 1];
    this.estimate = new double[maxState + 1];
    if (initialValue != 0 && initialValue != 1) {
      throw new IllegalArgumentException("a Morris counter starts at 0 or 1, got " + initialValue);
    }
    double start = Math.pow(base, initialValue);
    for (int s = 0; s <= maxState; s++) {
      int c = s + initialValue;
      double p = Math.pow(base, -c);
      threshold32[s] = s == maxState ? 0 : (long) Math.ceil(p * 4294967296.0);
      estimate[s] = (Math.pow(base, c) - start) / (base - 1.0);
    }
  }

  /** Number of state bits. */
  public int bits() {
    return bits;
  }

  /** The base {@code b}. */
  public double base() {
    return base;
  }

  /** The saturated (largest) state, {@code 2^bits - 1}. */
  public int maxState() {
    return maxState;
  }

  /** Probability that state {@code s} increments on the next event ({@code b^-(s+1)}; 0 if saturated). */
  public double incrementProbability(int state) {
    return threshold32[state] / 4294967296.0;
  }

  /** The unbiased count estimate of state {@code s}: {@code (b^(s+1) - b) / (b - 1)}. */
  public double estimate(int state) {
    return estimate[state];
  }

  /**
   * The state after one event, given 32 uniform random bits (low half of {@code uniform32}): {@code s+1}
   * with probability {@code b^-(s+1)}, else {@code s}; a saturated state stays. The bits, read as an
   * unsigned number, count when they fall below the state's threshold, {@code ceil(b^-(s+1) * 2^32)}
   * (0 when saturated); the comparison is the sign of their difference, so there is no branch on the
   * random bits.
   */
  public int increment(int state, long uniform32) {
    return state + (int) (((uniform32 & 0xFFFFFFFFL) - threshold32[state]) >>> 63);
  }

  /** The per-state learning rates {@code alpha / sqrt(estimate + 1)}. */
  public double[] learningRates(double alpha) {
    double[] eta = new double[maxState + 1];
    for (int s = 0; s <= maxState; s++) {
      eta[s] = alpha / Math.sqrt(estimate[s] + 1.0);
    }
    return eta;
  }

  /** The estimate of each state, the table itself (not to be changed). */
  double[] estimates() {
    return estimate;
  }

  long threshold(int state) {
    return threshold32[state];
  }

  /** Heap bytes of this object and its tables. */
  long sizeInBytes() {
    return 40 + RecordStore.arrayBytes(threshold32.length, 8) + RecordStore.arrayBytes(estimate.length, 8);
  }
}
