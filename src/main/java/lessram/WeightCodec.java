package lessram;

import java.io.Serializable;

/**
 * How a coefficient is written into its record field and read back: fixed-point codes with randomized
 * or nearest rounding, or raw float32 / float64 bits. Chosen once per learner.
 */
abstract class WeightCodec implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Field width in bits. */
  abstract int bits();

  /** The coefficient stored in {@code field}. */
  abstract double decode(long field);

  /** The field for {@code value}; {@code random32} supplies 32 uniform bits where rounding needs them. */
  abstract long encode(double value, long random32);

  /** Heap bytes of this codec object (its format is counted with the configuration that owns it). */
  abstract long sizeInBytes();

  static WeightCodec of(RoundingMode mode, FixedPointFormat format) {
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
    private static final long serialVersionUID = 1L;
    private final FixedPointFormat format;
    private final boolean randomized;
    private final int bits;
    private final int shift;
    private final long mask;
    private final double resolution;

    FixedPoint(FixedPointFormat format, boolean randomized) {
      this.format = format;
      this.randomized = randomized;
      this.bits = format.totalBits();
      this.shift = 64 - bits;
      this.mask = (1L << bits) - 1;
      this.resolution = format.resolution();
    }

    @Override int bits() {
      return bits;
    }

    @Override double decode(long field) {
      return ((field << shift) >> shift) * resolution;
    }

    @Override long encode(double value, long random32) {
      long code = randomized ? format.roundRandomized(value, random32) : format.roundNearest(value);
      return code & mask;
    }

    @Override long sizeInBytes() {
      return 48;
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

    @Override long encode(double value, long random32) {
      return Float.floatToRawIntBits((float) value) & 0xFFFFFFFFL;
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

    @Override long encode(double value, long random32) {
      return Double.doubleToRawLongBits(value);
    }

    @Override long sizeInBytes() {
      return 16;
    }
  }
}
