package lessram;

import java.io.Serializable;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The per-coordinate state of a linear model: coefficient and counter kept side by side in one record
 * (one memory access per update), or in two stores when they do not fit 64 bits together (float64 with
 * a counter). {@link #step} is the whole per-feature update of the paper's Algorithms 1 and 2: read,
 * learning rate from the counter, gradient step, projection and rounding, counter increment, write.
 *
 * <p>This class is the generic table (any codec, any counter, any store). {@link #create} returns a
 * specialised subclass for the paper's default layout (a 16-bit {@code qn.m} coefficient and an 8-bit
 * Morris counter in one 3-byte record): its update works on the byte array directly, with tabulated
 * scaled learning rates and no branch on options or on random bits; and one for a 16-bit {@code qn.m}
 * coefficient with randomized rounding and the global rate (the randomized-rounding learner's default).
 * Specialised and generic tables give bit-identical results.
 */
class CoordinateTable implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Heap bytes of a generic table object (header and fields, 64-bit JVM, compressed references). */
  static final long OBJECT_BYTES = 48;

  final RecordStore records;
  final RecordStore counters;
  final WeightCodec codec;
  final CounterPolicy counter;
  private final int counterShift;
  private final long counterMask;
  private final int size;

  /** The table for {@code config}: the specialised one where a specialisation exists, else the generic. */
  static CoordinateTable create(LearnerConfig config, int size) {
    if (TriByteFixedPointMorris.applies(config)) {
      return config.rounding() == RoundingMode.RANDOMIZED
          ? new TriByteRandomizedMorris(config, size) : new TriByteNearestMorris(config, size);
    }
    if (ShortRandomizedGlobal.applies(config)) {
      return new ShortRandomizedGlobal(config, size);
    }
    return new CoordinateTable(config, size);
  }

  /** The generic table (tests and benchmarks compare it with the specialised ones). */
  CoordinateTable(LearnerConfig config, int size) {
    this.codec = WeightCodec.of(config.rounding(), config.format());
    this.counter = CounterPolicy.of(config);
    this.size = size;
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

  CoordinateTable(CoordinateTable o) {
    this.records = o.records.copy();
    this.counters = o.counters == null ? null : o.counters.copy();
    this.codec = o.codec;
    this.counter = o.counter;
    this.counterShift = o.counterShift;
    this.counterMask = o.counterMask;
    this.size = o.size;
  }

  /** A deep, independent copy of the same kind. */
  CoordinateTable copy() {
    return new CoordinateTable(this);
  }

  /** The coefficient of coordinate {@code i}. */
  double weight(int i) {
    return codec.decode(records.get(i) >>> counterShift);
  }

  /** The counter field of coordinate {@code i}. */
  long counterField(int i) {
    return counters == null ? records.get(i) & counterMask : counters.get(i);
  }

  /**
   * One online-gradient step on coordinate {@code i}: {@code beta <- Round(Project(beta - eta * g))} and
   * one counter event. {@code random} supplies 64 uniform bits: the high half drives the rounding, the
   * low half the Morris decision.
   */
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

  /**
   * The binary model's updates of one example: {@link #step} on coordinate {@code slot[j]} with gradient
   * {@code err * values[j]} for each non-zero value, in order, each with the next draw of {@code random}.
   */
  void stepAll(int[] slot, double[] values, int nnz, double err, double globalEta, SplitMix64 random) {
    for (int j = 0; j < nnz; j++) {
      double v = values[j];
      if (v != 0) {
        step(slot[j], err * v, globalEta, random.nextLong());
      }
    }
  }

  /** Number of coordinates addressed. */
  int size() {
    return size;
  }

  /** Number of coordinates occupying memory. */
  long storedCoordinates() {
    return records.storedRecords();
  }

  /**
   * Exact heap bytes of this table: the table object, its stores, the codec and the counter policy with
   * its tables (64-bit JVM, compressed references).
   */
  long sizeInBytes() {
    return objectBytes() + records.sizeInBytes() + (counters == null ? 0 : counters.sizeInBytes())
        + codec.sizeInBytes() + counter.sizeInBytes();
  }

  /** Bytes of this table object itself. */
  long objectBytes() {
    return OBJECT_BYTES;
  }

  /** Number of coordinates whose counter is saturated (O(stored coordinates)). */
  long saturatedCounters() {
    if (counter.bits() == 0) {
      return 0;
    }
    long max = counter.maxField();
    long[] n = new long[1];
    RecordStore store = counters == null ? records : counters;
    long mask = counters == null ? counterMask : -1L;
    store.forEachNonZero((i, r) -> {
      if ((r & mask) == max) {
        n[0]++;
      }
    });
    return n[0];
  }

  /** The estimated update count of coordinate {@code i}. */
  double countEstimate(int i) {
    return counter.estimate(counterField(i));
  }

  /** Visits every coordinate with a non-zero coefficient. */
  void forEachNonZeroWeight(WeightVisitor visitor) {
    records.forEachNonZero((i, r) -> {
      double w = codec.decode(r >>> counterShift);
      if (w != 0) {
        visitor.accept(i, w);
      }
    });
  }

  /** Receives one coordinate and its coefficient. */
  interface WeightVisitor {
    void accept(int coordinate, double weight);
  }

  // ----------------------------------------------------------------------------------------------
  // data-parallel training (SessionDelta, ParameterMixing): a coordinate's stored fields

  /** The coefficient field of coordinate {@code i} as the codec stores it (its low {@code codec.bits()} bits). */
  long codeField(int i) {
    return counters == null ? records.get(i) >>> counterShift : records.get(i);
  }

  /** Writes coordinate {@code i}'s coefficient field (as {@link #codeField}) and counter field together. */
  void setFields(int i, long codeField, long counterField) {
    if (counters == null) {
      records.set(i, (codeField << counterShift) | (counterField & counterMask));
    } else {
      records.set(i, codeField);
      counters.set(i, counterField);
    }
  }

  /**
   * The paper's default layout, specialised: a dense table of 3-byte little-endian records, byte 0 the
   * 8-bit Morris state, bytes 1-2 the 16-bit two's-complement {@code qn.m} code. The update reads the
   * state byte and the code (one 16-bit load), takes the rate in code units from a table, steps, rounds
   * and projects in {@code int} arithmetic (no branch on the data), advances the counter without a branch
   * and writes the record back: one cache line touched. The arithmetic is the generic path's, scaled by powers
   * of two, so both give bit-identical results.
   */
  abstract static class TriByteFixedPointMorris extends CoordinateTable {
    private static final long serialVersionUID = 2L;

    /** Little-endian 16-bit view of the record bytes (the code at offset 1 of a record). */
    private static final VarHandle CODE =
        MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

    /** Heap bytes of a specialised table object (the generic fields plus six more). */
    static final long OBJECT_BYTES = 72;

    /** The byte array of {@link #records} (the same array object). */
    private final byte[] bytes;
    /** {@code eta(state) * 2^m}: the learning rate in code units. */
    private final double[] scaledEta;
    /** The Morris counter's 32-bit increment thresholds (shared with its tables). */
    private final long[] thresholds;
    private final double resolution;
    /**
     * The format's code range; for this layout always the 16-bit two's-complement range
     * ({@link Short#MIN_VALUE}..{@link Short#MAX_VALUE}), which the update uses as constants (two fewer
     * live values in the hot loop: 10-15% faster at 2^24 coordinates).
     */
    final int minCode;
    final int maxCode;

    /** True when {@code config} has this layout: dense, 16-bit fixed point, 8-bit Morris counters. */
    static boolean applies(LearnerConfig c) {
      return c.featureSpace().kind() != FeatureSpace.Kind.SPARSE
          && c.rounding().isFixedPoint() && c.format().totalBits() == 16
          && c.schedule() == LearningRateSchedule.PER_COORDINATE
          && c.counterType() == CounterType.MORRIS && c.counterBits() == 8;
    }

    TriByteFixedPointMorris(LearnerConfig config, int size) {
      super(config, size);
      FixedPointFormat f = config.format();
      CounterPolicy.Morris morris = (CounterPolicy.Morris) counter;
      this.bytes = ((RecordStore.TriByteRecords) records).bytes();
      this.thresholds = morris.counter().thresholds();
      double[] eta = morris.rates();
      this.scaledEta = new double[eta.length];
      for (int s = 0; s < eta.length; s++) {
        scaledEta[s] = Math.scalb(eta[s], f.fractionBits());
      }
      this.resolution = f.resolution();
      this.minCode = (int) f.minCode();
      this.maxCode = (int) f.maxCode();
      if (minCode != Short.MIN_VALUE || maxCode != Short.MAX_VALUE) {
        throw new IllegalStateException("the 3-byte layout needs 16-bit codes, got " + f);
      }
    }

    TriByteFixedPointMorris(TriByteFixedPointMorris o) {
      super(o);
      this.bytes = ((RecordStore.TriByteRecords) records).bytes();
      this.thresholds = o.thresholds;
      this.scaledEta = o.scaledEta;
      this.resolution = o.resolution;
      this.minCode = o.minCode;
      this.maxCode = o.maxCode;
    }

    /** The code for an updated value in code units. */
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
      // Morris: count with probability b^-(state+1), i.e. when the low 32 random bits fall below the threshold
      int next = state + (int) (((random & 0xFFFFFFFFL) - thresholds[state]) >>> 63);
      a[p] = (byte) next;
      CODE.set(a, p + 1, (short) rounded);
    }

    /**
     * {@link CoordinateTable#stepAll} as one loop over the byte array with the tables in locals and the
     * generator's state in a local (the same draws as {@code random.nextLong()}): the same results as
     * repeated {@link #step}, in fewer instructions per update.
     */
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
    long objectBytes() {
      return OBJECT_BYTES + RecordStore.arrayBytes(scaledEta.length, 8);
    }
  }

  /** The default layout with unbiased randomized rounding (the method). */
  static final class TriByteRandomizedMorris extends TriByteFixedPointMorris {
    private static final long serialVersionUID = 1L;

    TriByteRandomizedMorris(LearnerConfig config, int size) {
      super(config, size);
    }

    private TriByteRandomizedMorris(TriByteRandomizedMorris o) {
      super(o);
    }

    @Override
    CoordinateTable copy() {
      return new TriByteRandomizedMorris(this);
    }

    @Override
    int round(double scaled, long random) {
      return FixedPointFormat.roundRandomizedNarrow(scaled, random >>> 32, Short.MIN_VALUE, Short.MAX_VALUE);
    }
  }

  /** The default layout with round-to-nearest (the ablation). */
  static final class TriByteNearestMorris extends TriByteFixedPointMorris {
    private static final long serialVersionUID = 1L;

    TriByteNearestMorris(LearnerConfig config, int size) {
      super(config, size);
    }

    private TriByteNearestMorris(TriByteNearestMorris o) {
      super(o);
    }

    @Override
    CoordinateTable copy() {
      return new TriByteNearestMorris(this);
    }

    @Override
    int round(double scaled, long random) {
      return FixedPointFormat.roundNearestNarrow(scaled, Short.MIN_VALUE, Short.MAX_VALUE);
    }
  }

  /**
   * A 16-bit {@code qn.m} coefficient per coordinate in a {@code short[]}, randomized rounding, the global
   * learning rate (no counter): the default layout of the randomized-rounding learner. The update works in
   * code units on the array directly, with the code range as constants; the arithmetic is the generic
   * path's scaled by a power of two, so both give bit-identical results.
   */
  static final class ShortRandomizedGlobal extends CoordinateTable {
    private static final long serialVersionUID = 1L;

    /** Heap bytes of this table object (the generic fields plus three more). */
    static final long OBJECT_BYTES = 64;

    /** The array of {@link #records} (the same array object). */
    private final short[] codes;
    private final double resolution;
    /** {@code 2^m}: values to code units. */
    private final double scale;

    /** True when {@code config} has this layout: dense, 16-bit fixed point, randomized, global rate. */
    static boolean applies(LearnerConfig c) {
      return c.featureSpace().kind() != FeatureSpace.Kind.SPARSE
          && c.rounding() == RoundingMode.RANDOMIZED && c.format().totalBits() == 16
          && c.schedule() == LearningRateSchedule.GLOBAL;
    }

    ShortRandomizedGlobal(LearnerConfig config, int size) {
      super(config, size);
      FixedPointFormat f = config.format();
      this.codes = ((RecordStore.ShortRecords) records).shorts();
      this.resolution = f.resolution();
      this.scale = 1.0 / resolution;
      if (f.minCode() != Short.MIN_VALUE || f.maxCode() != Short.MAX_VALUE) {
        throw new IllegalStateException("the 16-bit layout needs 16-bit codes, got " + f);
      }
    }

    private ShortRandomizedGlobal(ShortRandomizedGlobal o) {
      super(o);
      this.codes = ((RecordStore.ShortRecords) records).shorts();
      this.resolution = o.resolution;
      this.scale = o.scale;
    }

    @Override
    CoordinateTable copy() {
      return new ShortRandomizedGlobal(this);
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

    /** {@link CoordinateTable#stepAll} in one loop, the generator's state in a local (the same draws). */
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
    long objectBytes() {
      return OBJECT_BYTES;
    }
  }
}
