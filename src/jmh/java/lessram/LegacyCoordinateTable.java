package lessram;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Benchmark-only copy of the engine's coordinate tables as they were before the tables were split by
 * layout (commit fa07913): the generic table with the value-unit codec, the 3-byte q + Morris 8 table
 * whose per-example loop copies the generator's state into a local and chooses its rounding by a class
 * test, and the 16-bit global-rate table (randomized rounding only). Kept so that one JMH run can show
 * the update cost before and after side by side ({@code -p path=before,engine}). The update code is
 * the old code; each specialised table holds its array itself instead of reaching into a record store
 * (the same array and the same accesses); {@code sizeInBytes} gives the old accounting. Read-outs the
 * benchmarks do not use are left out.
 */
final class LegacyCoordinateTable {
  private LegacyCoordinateTable() {
  }

  /** The table the engine made for {@code config} before the change. */
  static CoordinateTable create(LearnerConfig config, int size) {
    if (TriByteFixedPointMorris.applies(config)) {
      return config.storage() == CoefficientStorage.RANDOMIZED
          ? new TriByteRandomizedMorris(config, size) : new TriByteNearestMorris(config, size);
    }
    if (ShortRandomizedGlobal.applies(config)) {
      return new ShortRandomizedGlobal(config, size);
    }
    return new Generic(config, size);
  }

  /** The old generic table: records, value-unit codec and counter policy behind virtual calls. */
  static final class Generic extends Unsupported {
    private static final long serialVersionUID = 1L;
    private final RecordStore records;
    private final RecordStore counters;
    private final Codec codec;
    private final CounterPolicy counter;
    private final int counterShift;
    private final long counterMask;

    Generic(LearnerConfig config, int size) {
      super(size);
      this.codec = Codec.of(config);
      this.counter = CounterPolicy.of(config);
      boolean sparse = config.featureSpace().kind() == FeatureSpace.Kind.SPARSE;
      int recordBits = codec.bits() + counter.bits();
      if (recordBits <= 64) {
        this.records = RecordStore.create(size, recordBits, sparse);
        this.counters = null;
        this.counterShift = counter.bits();
      } else {
        this.records = RecordStore.create(size, codec.bits(), sparse);
        this.counters = RecordStore.create(size, counter.bits(), sparse);
        this.counterShift = 0;
      }
      this.counterMask = counter.bits() == 0 ? 0 : (counter.bits() == 64 ? -1L : (1L << counter.bits()) - 1);
    }

    @Override
    double weight(int i) {
      return codec.decode(records.get(i) >>> counterShift);
    }

    @Override
    void step(int i, double gradient, double globalEta, long random) {
      if (counters == null) {
        long rec = records.get(i);
        long cf = rec & counterMask;
        double w = codec.decode(rec >>> counterShift);
        double updated = w - counter.eta(cf, globalEta) * gradient;
        long wf = codec.encode(updated, random >>> 32);
        records.set(i, (wf << counterShift) | counter.next(cf, random));
      } else {
        long cf = counters.get(i);
        double w = codec.decode(records.get(i));
        double updated = w - counter.eta(cf, globalEta) * gradient;
        records.set(i, codec.encode(updated, random >>> 32));
        counters.set(i, counter.next(cf, random));
      }
    }

    @Override
    void stepAll(int[] slot, double[] values, int nnz, double err, double globalEta, SplitMix64 random) {
      for (int j = 0; j < nnz; j++) {
        double v = values[j];
        if (v != 0) {
          step(slot[j], err * v, globalEta, random.nextLong());
        }
      }
    }

    @Override
    long sizeInBytes() {
      return 48 + records.sizeInBytes() + (counters == null ? 0 : counters.sizeInBytes())
          + codec.sizeInBytes() + counter.sizeInBytes();
    }
  }

  /** The old codec: encode a value (rounding in value units), decode a field. */
  abstract static class Codec implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    abstract int bits();

    abstract double decode(long field);

    abstract long encode(double value, long random32);

    /** Bytes of the old codec object. */
    long sizeInBytes() {
      return 16;
    }

    static Codec of(LearnerConfig c) {
      switch (c.storage()) {
        case RANDOMIZED: return new FixedPoint(c.format(), true);
        case NEAREST: return new FixedPoint(c.format(), false);
        case FLOAT32: return new Float32();
        default: return new Float64();
      }
    }

    static final class FixedPoint extends Codec {
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

    static final class Float32 extends Codec {
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
    }

    static final class Float64 extends Codec {
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
    }
  }

  /** The old 3-byte q + Morris 8 table (the abstract round, the class test in the per-example loop). */
  abstract static class TriByteFixedPointMorris extends Unsupported {
    private static final long serialVersionUID = 1L;
    private static final VarHandle CODE =
        MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private final byte[] bytes;
    private final double[] scaledEta;
    private final long[] thresholds;
    private final double resolution;
    /** Bytes of the Morris counter and the policy's unscaled rate table, as the old table held them. */
    private final long counterBytes;

    static boolean applies(LearnerConfig c) {
      return Fixed16Morris8Table.applies(c);
    }

    TriByteFixedPointMorris(LearnerConfig config, int size) {
      super(size);
      FixedPointFormat f = config.format();
      MorrisCounter morris = new MorrisCounter(config.counterBits(), config.morrisBase());
      this.bytes = new byte[size * 3];
      this.thresholds = new long[morris.maxState() + 1];
      for (int s = 0; s < thresholds.length; s++) {
        thresholds[s] = morris.threshold(s);
      }
      double[] eta = morris.learningRates(config.rateScale());
      this.scaledEta = new double[eta.length];
      for (int s = 0; s < eta.length; s++) {
        scaledEta[s] = Math.scalb(eta[s], f.fractionBits());
      }
      this.resolution = f.resolution();
      this.counterBytes = 24 + RecordStore.arrayBytes(eta.length, 8) + morris.sizeInBytes();
    }

    abstract int round(double scaled, long random);

    @Override
    final double weight(int i) {
      return (short) CODE.get(bytes, i * 3 + 1) * resolution;
    }

    @Override
    final void step(int i, double gradient, double globalEta, long random) {
      byte[] a = bytes;
      int p = i * 3;
      int state = a[p] & 0xFF;
      int code = (short) CODE.get(a, p + 1);
      int rounded = round(code - scaledEta[state] * gradient, random);
      int next = state + (int) (((random & 0xFFFFFFFFL) - thresholds[state]) >>> 63);
      a[p] = (byte) next;
      CODE.set(a, p + 1, (short) rounded);
    }

    @Override
    final void stepAll(int[] slot, double[] values, int nnz, double err, double globalEta, SplitMix64 random) {
      byte[] a = bytes;
      double[] eta = scaledEta;
      long[] th = thresholds;
      int lo = Short.MIN_VALUE;
      int hi = Short.MAX_VALUE;
      boolean randomized = this instanceof TriByteRandomizedMorris;
      long state = random.state();
      for (int j = 0; j < nnz; j++) {
        double v = values[j];
        if (v != 0) {
          state += SplitMix64.GOLDEN_GAMMA;
          long r = SplitMix64.mix(state);
          int p = slot[j] * 3;
          int s = a[p] & 0xFF;
          int code = (short) CODE.get(a, p + 1);
          double scaled = code - eta[s] * (err * v);
          int rounded = randomized ? FixedPointFormat.roundRandomizedNarrow(scaled, r >>> 32, lo, hi)
              : FixedPointFormat.roundNearestNarrow(scaled, lo, hi);
          int next = s + (int) (((r & 0xFFFFFFFFL) - th[s]) >>> 63);
          a[p] = (byte) next;
          CODE.set(a, p + 1, (short) rounded);
        }
      }
      random.setState(state);
    }

    @Override
    long sizeInBytes() {
      // as the old table accounted: object, scaled rates, 3-byte store, codec, counter policy
      return 72 + RecordStore.arrayBytes(scaledEta.length, 8) + 24 + RecordStore.arrayBytes(bytes.length, 1) + 48
          + counterBytes;
    }
  }

  static final class TriByteRandomizedMorris extends TriByteFixedPointMorris {
    private static final long serialVersionUID = 1L;

    TriByteRandomizedMorris(LearnerConfig config, int size) {
      super(config, size);
    }

    @Override
    int round(double scaled, long random) {
      return FixedPointFormat.roundRandomizedNarrow(scaled, random >>> 32, Short.MIN_VALUE, Short.MAX_VALUE);
    }
  }

  static final class TriByteNearestMorris extends TriByteFixedPointMorris {
    private static final long serialVersionUID = 1L;

    TriByteNearestMorris(LearnerConfig config, int size) {
      super(config, size);
    }

    @Override
    int round(double scaled, long random) {
      return FixedPointFormat.roundNearestNarrow(scaled, Short.MIN_VALUE, Short.MAX_VALUE);
    }
  }

  /** The old 16-bit global-rate table (randomized rounding only). */
  static final class ShortRandomizedGlobal extends Unsupported {
    private static final long serialVersionUID = 1L;
    private final short[] codes;
    private final double resolution;
    private final double scale;

    static boolean applies(LearnerConfig c) {
      return c.featureSpace().kind() != FeatureSpace.Kind.SPARSE
          && c.storage() == CoefficientStorage.RANDOMIZED && c.format().totalBits() == 16
          && c.schedule() == LearningRateSchedule.GLOBAL;
    }

    ShortRandomizedGlobal(LearnerConfig config, int size) {
      super(size);
      this.codes = new short[size];
      this.resolution = config.format().resolution();
      this.scale = 1.0 / resolution;
    }

    @Override
    double weight(int i) {
      return codes[i] * resolution;
    }

    @Override
    void step(int i, double gradient, double globalEta, long random) {
      double scaled = codes[i] - globalEta * gradient * scale;
      codes[i] = (short) FixedPointFormat.roundRandomizedNarrow(scaled, random >>> 32, Short.MIN_VALUE,
          Short.MAX_VALUE);
    }

    @Override
    void stepAll(int[] slot, double[] values, int nnz, double err, double globalEta, SplitMix64 random) {
      short[] a = codes;
      double s = scale;
      long state = random.state();
      for (int j = 0; j < nnz; j++) {
        double v = values[j];
        if (v != 0) {
          state += SplitMix64.GOLDEN_GAMMA;
          int i = slot[j];
          double scaled = a[i] - globalEta * (err * v) * s;
          a[i] = (short) FixedPointFormat.roundRandomizedNarrow(scaled, SplitMix64.mix(state) >>> 32,
              Short.MIN_VALUE, Short.MAX_VALUE);
        }
      }
      random.setState(state);
    }

    @Override
    long sizeInBytes() {
      return 64 + 16 + RecordStore.arrayBytes(codes.length, 2) + 48 + 16;
    }
  }

  /** The read-outs the benchmarks do not use. */
  abstract static class Unsupported extends CoordinateTable {
    private static final long serialVersionUID = 1L;
    private final int size;

    Unsupported(int size) {
      this.size = size;
    }

    @Override
    final int size() {
      return size;
    }

    @Override
    final long storedCoordinates() {
      return size;
    }

    @Override
    final CoordinateTable copy() {
      throw new UnsupportedOperationException("benchmark-only copy");
    }

    @Override
    final long counterField(int i) {
      throw new UnsupportedOperationException("benchmark-only copy");
    }

    @Override
    final long codeField(int i) {
      throw new UnsupportedOperationException("benchmark-only copy");
    }

    @Override
    final void setFields(int i, long codeField, long counterField) {
      throw new UnsupportedOperationException("benchmark-only copy");
    }

    @Override
    final long saturatedCounters() {
      throw new UnsupportedOperationException("benchmark-only copy");
    }

    @Override
    final long coordinateBytes() {
      throw new UnsupportedOperationException("benchmark-only copy");
    }

    @Override
    final double countEstimate(int i) {
      throw new UnsupportedOperationException("benchmark-only copy");
    }

    @Override
    final void forEachNonZeroWeight(WeightVisitor visitor) {
      throw new UnsupportedOperationException("benchmark-only copy");
    }
  }
}
