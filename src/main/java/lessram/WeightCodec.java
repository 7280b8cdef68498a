package lessram;

import java.io.Serializable;

/**
 * How a coefficient is kept in its record field: fixed-point codes with randomized or nearest rounding,
 * or raw float32 / float64 bits. Reads the field back ({@link #decode}) and performs the coefficient's
 * line of the {@link UpdateRule} on it ({@link #step}). Chosen once per learner.
 */
abstract class WeightCodec implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Field width in bits. */
  abstract int bits();

  /** The coefficient stored in {@code field}. */
  abstract double decode(long field);

  /**
   * The field after one update with learning rate {@code rate}: step, projection and rounding
   * ({@link UpdateRule}); {@code random} supplies 64 uniform bits, of which rounding uses the high 32.
   */
  abstract long step(long field, double rate, double gradient, long random);

  /** Heap bytes of this codec object. */
  abstract long sizeInBytes();

  static WeightCodec of(CoefficientStorage mode, FixedPointFormat format) {
    switch (mode) {
      case RANDOMIZED: return new FixedPoint(format, true);
      case NEAREST: return new FixedPoint(format, false);
      case FLOAT32: return new Float32();
      case FLOAT64: return new Float64();
      default: throw new IllegalArgumentException(String.valueOf(mode));
    }
  }

  /** Two's-complement {@code qn.m} codes of {@code n + m + 1} bits. */
  static final class FixedPoint extends WeightCodec {
    private static final long serialVersionUID = 2L;
    private final boolean randomized;
    /** At most {@link FixedPointFormat#NARROW_BITS} wide: rounds in {@code int} arithmetic. */
    private final boolean narrow;
    private final int bits;
    private final int shift;
    private final long mask;
    private final double resolution;
    /** {@code 2^m}: values to code units. */
    private final double scale;
    private final long minCode;
    private final long maxCode;

    FixedPoint(FixedPointFormat format, boolean randomized) {
      this.randomized = randomized;
      this.bits = format.totalBits();
      this.narrow = bits <= FixedPointFormat.NARROW_BITS;
      this.shift = 64 - bits;
      this.mask = (1L << bits) - 1;
      this.resolution = format.resolution();
      this.scale = Math.scalb(1.0, format.fractionBits());
      this.minCode = format.minCode();
      this.maxCode = format.maxCode();
    }

    @Override int bits() {
      return bits;
    }

    @Override double decode(long field) {
      return ((field << shift) >> shift) * resolution;
    }

    @Override long step(long field, double rate, double gradient, long random) {
      long code = (field << shift) >> shift;
      long next = narrow
          ? UpdateRule.code((int) code, rate * scale, gradient, random, randomized, (int) minCode, (int) maxCode)
          : UpdateRule.wideCode(code, rate * scale, gradient, random, randomized, minCode, maxCode);
      return next & mask;
    }

    @Override long sizeInBytes() {
      return 64;
    }
  }

  /** IEEE 754 single precision bits (round to nearest float). */
  static final class Float32 extends WeightCodec {
    private static final long serialVersionUID = 1L;

    @Override int bits() {
      return 32;
    }

    @Override double decode(long field) {
      return Float.intBitsToFloat((int) field);
    }

    @Override long step(long field, double rate, double gradient, long random) {
      return Float.floatToRawIntBits((float) UpdateRule.value(decode(field), rate, gradient, Float.MAX_VALUE))
          & 0xFFFFFFFFL;
    }

    @Override long sizeInBytes() {
      return 16;
    }
  }

  /** IEEE 754 double precision bits (exact). */
  static final class Float64 extends WeightCodec {
    private static final long serialVersionUID = 1L;

    @Override int bits() {
      return 64;
    }

    @Override double decode(long field) {
      return Double.longBitsToDouble(field);
    }

    @Override long step(long field, double rate, double gradient, long random) {
      return Double.doubleToRawLongBits(UpdateRule.value(decode(field), rate, gradient, Values.LIMIT));
    }

    @Override long sizeInBytes() {
      return 16;
    }
  }
}
