package lessram;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The paper's default layout, specialised: a dense table of 3-byte little-endian records, byte 0 the
 * 8-bit Morris state, bytes 1-2 the 16-bit two's-complement {@code qn.m} code. One update reads the
 * state byte and the code (one 16-bit load), takes the rate in code units from a table, runs the
 * {@link UpdateRule} on them with the 16-bit code range as constants (no branch on the data or on
 * options) and writes the record back: one cache line touched. Bit-identical to the
 * {@link GenericTable} of the same configuration.
 */
final class Fixed16Morris8Table extends CoordinateTable {
  private static final long serialVersionUID = 1L;

  /** Little-endian 16-bit view of the record bytes (the code at offset 1 of a record). */
  private static final VarHandle CODE =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

  /** Bytes per record. */
  static final int RECORD_BYTES = 3;

  /** Heap bytes of a table object (header and fields, 64-bit JVM, compressed references). */
  static final long OBJECT_BYTES = 40;

  /** Record {@code i} at {@code 3i}: the Morris state, then the code. */
  private final byte[] records;
  private final int size;
  /** The counter's tables: its increment rule, count estimates, saturation. */
  private final MorrisCounter morris;
  /** {@code eta(state) * 2^m}: each state's learning rate in code units. */
  private final double[] rate;
  private final double resolution;
  /** Randomized (the method) or nearest (the ablation) rounding. */
  private final boolean randomized;

  /** True when {@code config} has this layout: dense, 16-bit fixed point, 8-bit Morris counters. */
  static boolean applies(LearnerConfig c) {
    return c.featureSpace().kind() != FeatureSpace.Kind.SPARSE
        && c.storage().isFixedPoint() && c.format().totalBits() == 16
        && c.schedule() == LearningRateSchedule.PER_COORDINATE
        && c.counterType() == CounterType.MORRIS && c.counterBits() == 8;
  }

  Fixed16Morris8Table(LearnerConfig config, int size) {
    if (!applies(config)) {
      throw new IllegalArgumentException("not a 16-bit fixed-point, 8-bit Morris layout: " + config.describe());
    }
    if ((long) size * RECORD_BYTES > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("too many coordinates for a 24-bit table: " + size);
    }
    this.records = new byte[size * RECORD_BYTES];
    this.size = size;
    this.morris = new MorrisCounter(config.counterBits(), config.morrisBase());
    this.rate = codeRates(config, morris);
    this.resolution = config.format().resolution();
    this.randomized = config.storage() == CoefficientStorage.RANDOMIZED;
  }

  /** Each Morris state's learning rate in code units, {@code eta(state) * 2^m}. */
  static double[] codeRates(LearnerConfig config, MorrisCounter morris) {
    double[] rate = morris.learningRates(config.rateScale());
    for (int s = 0; s < rate.length; s++) {
      rate[s] = Math.scalb(rate[s], config.format().fractionBits());
    }
    return rate;
  }

  private Fixed16Morris8Table(Fixed16Morris8Table o) {
    this.records = o.records.clone();
    this.size = o.size;
    this.morris = o.morris;
    this.rate = o.rate;
    this.resolution = o.resolution;
    this.randomized = o.randomized;
  }

  @Override
  Fixed16Morris8Table copy() {
    return new Fixed16Morris8Table(this);
  }

  @Override
  double weight(int i) {
    return (short) CODE.get(records, i * RECORD_BYTES + 1) * resolution;
  }

  @Override
  long counterField(int i) {
    return records[i * RECORD_BYTES] & 0xFF;
  }

  @Override
  long codeField(int i) {
    return (short) CODE.get(records, i * RECORD_BYTES + 1) & 0xFFFFL;
  }

  @Override
  void setFields(int i, long codeField, long counterField) {
    records[i * RECORD_BYTES] = (byte) counterField;
    CODE.set(records, i * RECORD_BYTES + 1, (short) codeField);
  }

  @Override
  void gatherFields(int[] coordinates, int from, int to, long[] codes, long[] counters) {
    byte[] a = records;
    for (int j = from; j < to; j++) {
      int p = coordinates[j] * RECORD_BYTES;
      counters[j - from] = a[p] & 0xFF;
      codes[j - from] = (short) CODE.get(a, p + 1) & 0xFFFFL;
    }
  }

  @Override
  void copyFields(CoordinateTable from, int[] coordinates, int n) {
    if (!(from instanceof Fixed16Morris8Table)) {
      super.copyFields(from, coordinates, n);
      return;
    }
    byte[] source = ((Fixed16Morris8Table) from).records;
    byte[] a = records;
    for (int j = 0; j < n; j++) {
      int p = coordinates[j] * RECORD_BYTES;
      a[p] = source[p];
      CODE.set(a, p + 1, (short) CODE.get(source, p + 1));
    }
  }

  /** {@link UpdateRule} on record {@code i}: rate from the state, code step, Morris increment. */
  @Override
  void step(int i, double gradient, double globalEta, long random) {
    byte[] a = records;
    int p = i * RECORD_BYTES;
    int state = a[p] & 0xFF;
    int code = (short) CODE.get(a, p + 1);
    int next = UpdateRule.code(code, rate[state], gradient, random, randomized, Short.MIN_VALUE, Short.MAX_VALUE);
    a[p] = (byte) morris.increment(state, random);
    CODE.set(a, p + 1, (short) next);
  }

  // The same loop in each table class: its call of the class's own step is direct and inlined.
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
  int size() {
    return size;
  }

  @Override
  long storedCoordinates() {
    return size;
  }

  @Override
  long sizeInBytes() {
    return OBJECT_BYTES + RecordStore.arrayBytes(records.length, 1) + RecordStore.arrayBytes(rate.length, 8)
        + morris.sizeInBytes();
  }

  @Override
  long coordinateBytes() {
    return RecordStore.arrayBytes(records.length, 1);
  }

  @Override
  long saturatedCounters() {
    int max = morris.maxState();
    long n = 0;
    for (int p = 0; p < records.length; p += RECORD_BYTES) {
      if ((records[p] & 0xFF) == max) {
        n++;
      }
    }
    return n;
  }

  @Override
  double countEstimate(int i) {
    return morris.estimate(records[i * RECORD_BYTES] & 0xFF);
  }

  @Override
  void forEachNonZeroWeight(WeightVisitor visitor) {
    for (int i = 0; i < size; i++) {
      int code = (short) CODE.get(records, i * RECORD_BYTES + 1);
      if (code != 0) {
        visitor.accept(i, code * resolution);
      }
    }
  }
}
