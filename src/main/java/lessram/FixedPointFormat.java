package lessram;

import java.io.Serializable;

/**
 * The signed fixed-point encoding {@code qn.m} of Golovin et al. (ICML 2013, section 3): a coefficient is
 * an integer code {@code k} of {@code n + m + 1} bits (sign, {@code n} integer bits, {@code m} fraction
 * bits) standing for the value {@code k * 2^-m}. The representable range is
 * {@code [-2^n, 2^n - 2^-m]}; values outside it are clipped (projected) onto it.
 *
 * <p>Immutable. Total widths from 2 to 32 bits are supported.
 */
public final class FixedPointFormat implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Largest total width (sign + integer + fraction bits) this format supports. */
  public static final int MAX_TOTAL_BITS = 32;

  private final int integerBits;
  private final int fractionBits;
  private final double resolution;
  private final double scale;
  private final long minCode;
  private final long maxCode;

  private FixedPointFormat(int integerBits, int fractionBits) {
    this.integerBits = integerBits;
    this.fractionBits = fractionBits;
    this.scale = Math.scalb(1.0, fractionBits);
    this.resolution = Math.scalb(1.0, -fractionBits);
    int totalBits = integerBits + fractionBits + 1;
    this.minCode = -(1L << (totalBits - 1));
    this.maxCode = (1L << (totalBits - 1)) - 1;
  }

  /**
   * The format {@code q<integerBits>.<fractionBits>}.
   *
   * @throws IllegalArgumentException if a part is negative or the total width
   *     {@code integerBits + fractionBits + 1} is outside 2..32
   */
  public static FixedPointFormat of(int integerBits, int fractionBits) {
    if (integerBits < 0 || fractionBits < 0) {
      throw new IllegalArgumentException("fixed-point bits must be non-negative, got q"
          + integerBits + "." + fractionBits);
    }
    int total = integerBits + fractionBits + 1;
    if (total < 2 || total > MAX_TOTAL_BITS) {
      throw new IllegalArgumentException("fixed-point format q" + integerBits + "." + fractionBits
          + " needs " + total + " bits; the total width (integer + fraction + sign) must be 2.."
          + MAX_TOTAL_BITS + " (so integer + fraction bits <= 31)");
    }
    return new FixedPointFormat(integerBits, fractionBits);
  }

  /** Number of integer bits {@code n}. */
  public int integerBits() {
    return integerBits;
  }

  /** Number of fraction bits {@code m}. */
  public int fractionBits() {
    return fractionBits;
  }

  /** Total width in bits, {@code n + m + 1}. */
  public int totalBits() {
    return integerBits + fractionBits + 1;
  }

  /** The grid spacing {@code eps = 2^-m}. */
  public double resolution() {
    return resolution;
  }

  /** Smallest representable value, {@code -2^n}. */
  public double minValue() {
    return minCode * resolution;
  }

  /** Largest representable value, {@code 2^n - 2^-m}. */
  public double maxValue() {
    return maxCode * resolution;
  }

  /** Smallest code. */
  public long minCode() {
    return minCode;
  }

  /** Largest code. */
  public long maxCode() {
    return maxCode;
  }

  /** The value of a code. */
  public double decode(long code) {
    return code * resolution;
  }

  /** Projects {@code value} onto the representable range (NaN maps to 0). */
  public double project(double value) {
    if (!(value >= minValue())) {
      return value != value ? 0.0 : minValue();
    }
    return Math.min(value, maxValue());
  }

  /**
   * Unbiased randomized rounding of {@code value} after projection: returns the code of the grid point
   * below with probability {@code 1 - frac} and the one above with probability {@code frac}, where
   * {@code frac} is the position of the value between the two (resolved to {@code 2^-32} of a grid step).
   * {@code uniform32} is 32 uniform random bits (in the low half of the argument). NaN rounds to 0.
   *
   * <p>Computed without a data-dependent branch: with {@code F = value * 2^m * 2^32} (an exact integer
   * for every representable fraction) the code is {@code floor((F + u) / 2^32)}, which is the grid point
   * above exactly when {@code u >= 2^32 - frac * 2^32}, i.e. with probability {@code frac}.
   */
  public long roundRandomized(double value, long uniform32) {
    return roundRandomizedScaled(value * scale, uniform32, minCode, maxCode);
  }

  /**
   * Randomized rounding of an already scaled value ({@code value * 2^m}) to a code in
   * {@code [minCode, maxCode]}; the engine's fast path calls this with the format's bounds. Any width up
   * to 32 bits fits: after clipping, {@code |scaled| <= 2^31}, so {@code scaled * 2^32 + u} fits a long.
   */
  static long roundRandomizedScaled(double scaled, long uniform32, double minCode, double maxCode) {
    double clipped = Math.min(Math.max(scaled, minCode), maxCode); // NaN stays NaN and converts to 0
    return ((long) (clipped * 0x1p32) + (uniform32 & 0xFFFFFFFFL)) >> 32;
  }

  /**
   * Deterministic round-to-nearest (ties to even) after projection: the biased ablation. Every step
   * smaller than half a grid step is lost.
   */
  public long roundNearest(double value) {
    return roundNearestScaled(value * scale, minCode, maxCode);
  }

  /**
   * Round-to-nearest (ties to even) of an already scaled value to a code in {@code [minCode, maxCode]};
   * NaN gives 0.
   */
  static long roundNearestScaled(double scaled, double minCode, double maxCode) {
    return (long) Math.rint(Math.min(Math.max(scaled, minCode), maxCode));
  }

  /** Heap bytes of this object (header and fields, 64-bit JVM with compressed references). */
  static long sizeInBytes() {
    return 56;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FixedPointFormat && ((FixedPointFormat) o).integerBits == integerBits
        && ((FixedPointFormat) o).fractionBits == fractionBits;
  }

  @Override
  public int hashCode() {
    return integerBits * 64 + fractionBits;
  }

  /** The conventional name, e.g. {@code q2.13}. */
  @Override
  public String toString() {
    return "q" + integerBits + "." + fractionBits;
  }
}
