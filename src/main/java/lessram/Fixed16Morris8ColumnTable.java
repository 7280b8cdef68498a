package lessram;

/**
 * {@link Fixed16Morris8Table}'s layout for small tables (at most {@link #MAX_SIZE} coordinates: the dense
 * streams of MOA's generators, a few attributes): the same 3 bytes per coordinate, held as two columns, the
 * 8-bit Morris states in one array and the 16-bit two's-complement {@code qn.m} codes in another, instead of
 * interleaved 3-byte records. An update reads both at index {@code i} with aligned loads and no record
 * offset to compute; in a table that stays in cache that is cheaper (measured about 6% per prequential step
 * on MOA's RandomRBF), while in a large table the two columns cost two cache misses per update where a
 * record costs one (2^24 coordinates: 65 against 37 ns per update), hence the limit. Bit-identical to the
 * {@link GenericTable} of the same configuration, like the record layout.
 */
final class Fixed16Morris8ColumnTable extends CoordinateTable {
  private static final long serialVersionUID = 1L;

  /**
   * The most coordinates given this layout: 2^16 (192 KB of columns, well inside a core's L2 cache; the two
   * layouts cost about the same at 2^18, the records win from 2^20 on).
   */
  static final int MAX_SIZE = 1 << 16;

  /** Heap bytes of a table object (header and fields, 64-bit JVM, compressed references). */
  static final long OBJECT_BYTES = 40;

  /** Coordinate {@code i}'s Morris state. */
  private final byte[] states;
  /** Coordinate {@code i}'s code. */
  private final short[] codes;
  /** The counter's tables: its increment rule, count estimates, saturation. */
  private final MorrisCounter morris;
  /** {@code eta(state) * 2^m}: each state's learning rate in code units. */
  private final double[] rate;
  private final double resolution;
  /** Randomized (the method) or nearest (the ablation) rounding. */
  private final boolean randomized;

  Fixed16Morris8ColumnTable(LearnerConfig config, int size) {
    if (!Fixed16Morris8Table.applies(config)) {
      throw new IllegalArgumentException("not a 16-bit fixed-point, 8-bit Morris layout: " + config.describe());
    }
    if (size < 0 || size > MAX_SIZE) {
      throw new IllegalArgumentException("a column table holds 0.." + MAX_SIZE + " coordinates, not " + size);
    }
    this.states = new byte[size];
    this.codes = new short[size];
    this.morris = new MorrisCounter(config.counterBits(), config.morrisBase());
    this.rate = Fixed16Morris8Table.codeRates(config, morris);
    this.resolution = config.format().resolution();
    this.randomized = config.storage() == CoefficientStorage.RANDOMIZED;
  }

  private Fixed16Morris8ColumnTable(Fixed16Morris8ColumnTable o) {
    this.states = o.states.clone();
    this.codes = o.codes.clone();
    this.morris = o.morris;
    this.rate = o.rate;
    this.resolution = o.resolution;
    this.randomized = o.randomized;
  }

  @Override
  Fixed16Morris8ColumnTable copy() {
    return new Fixed16Morris8ColumnTable(this);
  }

  @Override
  double weight(int i) {
    return codes[i] * resolution;
  }

  @Override
  long counterField(int i) {
    return states[i] & 0xFF;
  }

  @Override
  long codeField(int i) {
    return codes[i] & 0xFFFFL;
  }

  @Override
  void setFields(int i, long codeField, long counterField) {
    states[i] = (byte) counterField;
    codes[i] = (short) codeField;
  }

  /** {@link UpdateRule} on coordinate {@code i}: rate from the state, code step, Morris increment. */
  @Override
  void step(int i, double gradient, double globalEta, long random) {
    int state = states[i] & 0xFF;
    int next = UpdateRule.code(codes[i], rate[state], gradient, random, randomized, Short.MIN_VALUE,
        Short.MAX_VALUE);
    states[i] = (byte) morris.increment(state, random);
    codes[i] = (short) next;
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
    return codes.length;
  }

  @Override
  long storedCoordinates() {
    return codes.length;
  }

  @Override
  long sizeInBytes() {
    return OBJECT_BYTES + coordinateBytes() + RecordStore.arrayBytes(rate.length, 8) + morris.sizeInBytes();
  }

  @Override
  long coordinateBytes() {
    return RecordStore.arrayBytes(states.length, 1) + RecordStore.arrayBytes(codes.length, 2);
  }

  @Override
  long saturatedCounters() {
    int max = morris.maxState();
    long n = 0;
    for (byte s : states) {
      if ((s & 0xFF) == max) {
        n++;
      }
    }
    return n;
  }

  @Override
  double countEstimate(int i) {
    return morris.estimate(states[i] & 0xFF);
  }

  @Override
  void forEachNonZeroWeight(WeightVisitor visitor) {
    for (int i = 0; i < codes.length; i++) {
      int code = codes[i];
      if (code != 0) {
        visitor.accept(i, code * resolution);
      }
    }
  }
}
