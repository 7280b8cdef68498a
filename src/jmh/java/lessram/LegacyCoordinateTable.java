package lessram;

/**
 * Benchmark-only copy of the engine's first per-coordinate update (before the specialised 3-byte path
 * and the branch-free rounding), kept so that one JMH run can show the update cost before and after
 * side by side. Same store and counter classes; the fixed-point rounding is the original
 * floor-and-threshold version. Handles the single-record layouts (coefficient and counter fit 64 bits).
 */
final class LegacyCoordinateTable extends CoordinateTable {
  private static final long serialVersionUID = 1L;
  private final WeightCodec legacyCodec;
  private final int shift;
  private final long mask;

  LegacyCoordinateTable(LearnerConfig config, int size) {
    super(config, size);
    if (counters != null) {
      throw new IllegalArgumentException("legacy path covers single-record layouts only");
    }
    this.legacyCodec = config.rounding().isFixedPoint()
        ? new LegacyFixedPoint(config.format(), config.rounding() == RoundingMode.RANDOMIZED) : codec;
    this.shift = counter.bits();
    this.mask = counter.bits() == 0 ? 0 : (1L << counter.bits()) - 1;
  }

  @Override
  double weight(int i) {
    return legacyCodec.decode(records.get(i) >>> shift);
  }

  /** The original update, verbatim. */
  @Override
  void step(int i, double gradient, double globalEta, long random) {
    long rec = records.get(i);
    long cf = rec & mask;
    double w = legacyCodec.decode(rec >>> shift);
    double updated = w - counter.eta(cf, globalEta) * gradient;
    long wf = legacyCodec.encode(updated, random >>> 32);
    records.set(i, (wf << shift) | counter.next(cf, random));
  }

  /** The original fixed-point codec and rounding. */
  static final class LegacyFixedPoint extends WeightCodec {
    private static final long serialVersionUID = 1L;
    private final boolean randomized;
    private final int bits;
    private final int shift;
    private final long mask;
    private final double resolution;
    private final double scale;
    private final long minCode;
    private final long maxCode;

    LegacyFixedPoint(FixedPointFormat format, boolean randomized) {
      this.randomized = randomized;
      this.bits = format.totalBits();
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

    @Override long encode(double value, long random32) {
      long code = randomized ? roundRandomized(value, random32) : roundNearest(value);
      return code & mask;
    }

    private long roundRandomized(double value, long uniform32) {
      double scaled = value * scale;
      if (!(scaled > minCode)) {
        return scaled != scaled ? 0 : minCode;
      }
      if (scaled >= maxCode) {
        return maxCode;
      }
      double floor = Math.floor(scaled);
      long code = (long) floor;
      long threshold = (long) ((scaled - floor) * 4294967296.0);
      return (uniform32 & 0xFFFFFFFFL) < threshold ? code + 1 : code;
    }

    private long roundNearest(double value) {
      double scaled = value * scale;
      if (!(scaled > minCode)) {
        return scaled != scaled ? 0 : minCode;
      }
      if (scaled >= maxCode) {
        return maxCode;
      }
      return Math.round(scaled);
    }

    @Override long sizeInBytes() {
      return 56;
    }
  }
}
