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
   * <p>The code is {@code floor(value * 2^m + u / 2^32)} clipped to the range, which is the grid point
   * above exactly when {@code u >= 2^32 - frac * 2^32}, i.e. with probability {@code frac}. Computed
   * without a branch on the data: in {@code int} arithmetic for formats up to {@link #NARROW_BITS} wide
   * ({@link #roundRandomizedNarrow}), in 32.32 fixed point for wider ones ({@link #roundRandomizedScaled}).
   */
  public long roundRandomized(double value, long uniform32) {
    double scaled = value * scale;
    return totalBits() <= NARROW_BITS
        ? roundRandomizedNarrow(scaled, uniform32, (int) minCode, (int) maxCode)
        : roundRandomizedScaled(scaled, uniform32, minCode, maxCode);
  }

  /** Formats up to this many bits wide round in {@code int} arithmetic (the engine's fast path). */
  static final int NARROW_BITS = 24;

  /**
   * Randomized rounding of a scaled value ({@code value * 2^m}) to a code of a format at most
   * {@link #NARROW_BITS} wide: {@code floor(scaled + u / 2^32)} clipped to {@code [minCode, maxCode]}.
   * The floor goes through Java's saturating double-to-int conversion, so the clipping is two integer
   * min/max operations (conditional moves, no branch on the data, no double comparisons); NaN gives 0.
   * The one rounded addition errs by less than {@code 2^-28} of a grid step for these widths, so the
   * rounding is unbiased to within that.
   */
  static int roundRandomizedNarrow(double scaled, long uniform32, int minCode, int maxCode) {
    int floor = (int) Math.floor(scaled + (uniform32 & 0xFFFFFFFFL) * 0x1p-32);
    return Math.min(Math.max(floor, minCode), maxCode);
  }

  /**
   * Randomized rounding of an already scaled value ({@code value * 2^m}) to a code in
   * {@code [minCode, maxCode]}, for any width up to 32 bits: after clipping, {@code |scaled| <= 2^31}, so
   * {@code scaled * 2^32 + u} fits a long.
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
    double scaled = value * scale;
    return totalBits() <= NARROW_BITS
        ? roundNearestNarrow(scaled, (int) minCode, (int) maxCode)
        : roundNearestScaled(scaled, minCode, maxCode);
  }

  /**
   * Round-to-nearest (ties to even) of a scaled value to a code of a format at most {@link #NARROW_BITS}
   * wide, clipped in {@code int} arithmetic as in {@link #roundRandomizedNarrow}; NaN gives 0.
   */
  static int roundNearestNarrow(double scaled, int minCode, int maxCode) {
    return Math.min(Math.max((int) Math.rint(scaled), minCode), maxCode);
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
