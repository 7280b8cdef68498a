package lessram.compressed;

/**
 * Unbiased randomized rounding of a real coefficient to the coarse fixed-point grid {@code q2.m}
 * (Golovin et al., ICML 2013, sections 2 and 5): value {@code k * 2^-m} with integer code
 * {@code k} in {@code [-4 * 2^m, 4 * 2^m - 1]}, i.e. values in {@code [-4, 4 - 2^-m]}.
 *
 * <p>{@code x} is first projected to that range (clipped), then rounded to the grid point below with
 * probability {@code 1 - frac} and to the one above with probability {@code frac}, where {@code frac}
 * is the fractional part of {@code x / eps}. The expected code times {@code eps} is exactly the projected
 * {@code x} (up to the 2^-53 granularity of the uniform draw). Values on the grid are never moved.
 *
 * <p>Draws come from a counter-based SplitMix64: {@link #randomizedCode(double, long, long)} is a pure
 * function of (value, seed, index), so the same seed always gives the same codes. Immutable and
 * thread-safe.
 */
public final class CoarseQuantizer {
  /** Smallest supported number of fraction bits. */
  public static final int MIN_FRACTION_BITS = 1;
  /** Largest supported number of fraction bits (q2.13: a 16-bit code). */
  public static final int MAX_FRACTION_BITS = 13;
  /** Integer bits of the grid (the {@code 2} of {@code q2.m}): values lie in {@code [-4, 4)}. */
  public static final int INTEGER_BITS = 2;

  private final int fractionBits;
  private final double resolution;
  private final double scale;
  private final int minCode;
  private final int maxCode;

  /**
   * A quantizer for {@code q2.fractionBits}.
   *
   * @throws IllegalArgumentException unless {@code 1 <= fractionBits <= 13}
   */
  public CoarseQuantizer(int fractionBits) {
    if (fractionBits < MIN_FRACTION_BITS || fractionBits > MAX_FRACTION_BITS) {
      throw new IllegalArgumentException(
          "fraction bits must be " + MIN_FRACTION_BITS + ".." + MAX_FRACTION_BITS + ", got " + fractionBits);
    }
    this.fractionBits = fractionBits;
    this.resolution = Math.scalb(1.0, -fractionBits);
    this.scale = Math.scalb(1.0, fractionBits);
    this.maxCode = (1 << (fractionBits + INTEGER_BITS)) - 1;
    this.minCode = -(1 << (fractionBits + INTEGER_BITS));
  }

  /** The {@code m} of {@code q2.m}. */
  public int fractionBits() {
    return fractionBits;
  }

  /** Grid spacing {@code eps = 2^-m}. */
  public double resolution() {
    return resolution;
  }

  /** Smallest code, {@code -4 * 2^m} (value -4). */
  public int minCode() {
    return minCode;
  }

  /** Largest code, {@code 4 * 2^m - 1} (value {@code 4 - eps}). */
  public int maxCode() {
    return maxCode;
  }

  /** Number of distinct codes, {@code 2^(m+3)}. */
  public int numCodes() {
    return maxCode - minCode + 1;
  }

  /** The value of a code: {@code code * eps} (exact). */
  public double value(int code) {
    return code * resolution;
  }

  /**
   * Randomized rounding with an explicit uniform draw.
   *
   * @param x the value (NaN is rejected; infinities are clipped)
   * @param uniform a uniform draw in [0, 1)
   * @return a code in {@code [minCode(), maxCode()]}
   * @throws IllegalArgumentException if {@code x} is NaN
   */
  public int randomizedCode(double x, double uniform) {
    if (x != x) {
      throw new IllegalArgumentException("cannot round NaN");
    }
    double scaled = x * scale; // exact: scale is a power of two
    if (scaled <= minCode) {
      return minCode;
    }
    if (scaled >= maxCode) {
      return maxCode;
    }
    double floor = Math.floor(scaled);
    double frac = scaled - floor; // exact in [0, 1)
    int code = (int) floor;
    return uniform < frac ? code + 1 : code;
  }

  /**
   * Randomized rounding with the {@code index}-th draw of the SplitMix64 stream whose state starts at {@code seed}
   * (a pure function: the same arguments always give the same code).
   */
  public int randomizedCode(double x, long seed, long index) {
    double scaled = x * scale;
    if (scaled == Math.floor(scaled) && scaled > minCode && scaled < maxCode) {
      return (int) scaled; // on the grid: no draw needed (also the common case x == 0)
    }
    return randomizedCode(x, uniformAt(seed, index));
  }

  /**
   * The {@code index}-th uniform draw in [0, 1) (53 bits) of the SplitMix64 generator (Steele, Lea and
   * Flood 2014) whose state starts at {@code seed}: the Stafford variant 13 finalizer of
   * {@code seed + (index + 1) * 0x9E3779B97F4A7C15}, a pure function of its arguments (counter-based), so
   * coordinate {@code i} is rounded without depending on the coordinates rounded before it. It fixes which
   * codes a seed gives, so it belongs to this package's contract: the tests check that it is the engine's
   * {@code lessram.SplitMix64} sequence, this package does not depend on the engine.
   */
  static double uniformAt(long seed, long index) {
    long z = seed + (index + 1) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return ((z ^ (z >>> 31)) >>> 11) * 0x1.0p-53;
  }

  /** Deterministic round-to-nearest (ties toward positive infinity, as {@link Math#round(double)}), clipped; for comparison only. */
  public int nearestCode(double x) {
    if (x != x) {
      throw new IllegalArgumentException("cannot round NaN");
    }
    double scaled = x * scale;
    if (scaled <= minCode) {
      return minCode;
    }
    if (scaled >= maxCode) {
      return maxCode;
    }
    return (int) Math.round(scaled);
  }

  @Override
  public String toString() {
    return "q2." + fractionBits;
  }
}
