package lessram;

/**
 * A 16-bit {@code qn.m} code per coordinate in a {@code short[]} and the global learning rate (no
 * counter): the randomized-rounding learner's default layout. One update runs the {@link UpdateRule} on
 * the code with the global rate in code units and the 16-bit code range as constants. Bit-identical to
 * the {@link GenericTable} of the same configuration.
 */
final class Fixed16GlobalTable extends CoordinateTable {
  private static final long serialVersionUID = 1L;

  /** Heap bytes of a table object (header and fields, 64-bit JVM, compressed references). */
  static final long OBJECT_BYTES = 40;

  private final short[] codes;
  private final double resolution;
  /** {@code 2^m}: values to code units. */
  private final double scale;
  /** Randomized (the method) or nearest (the ablation) rounding. */
  private final boolean randomized;

  /** True when {@code config} has this layout: dense, 16-bit fixed point, global rate. */
  static boolean applies(LearnerConfig c) {
    return c.featureSpace().kind() != FeatureSpace.Kind.SPARSE
        && c.storage().isFixedPoint() && c.format().totalBits() == 16
        && c.schedule() == LearningRateSchedule.GLOBAL;
  }

  Fixed16GlobalTable(LearnerConfig config, int size) {
    if (!applies(config)) {
      throw new IllegalArgumentException("not a 16-bit fixed-point, global-rate layout: " + config.describe());
    }
    FixedPointFormat f = config.format();
    this.codes = new short[size];
    this.resolution = f.resolution();
    this.scale = Math.scalb(1.0, f.fractionBits());
    this.randomized = config.storage() == CoefficientStorage.RANDOMIZED;
  }

  private Fixed16GlobalTable(Fixed16GlobalTable o) {
    this.codes = o.codes.clone();
    this.resolution = o.resolution;
    this.scale = o.scale;
    this.randomized = o.randomized;
  }

  @Override
  Fixed16GlobalTable copy() {
    return new Fixed16GlobalTable(this);
  }

  @Override
  double weight(int i) {
    return codes[i] * resolution;
  }

  @Override
  long counterField(int i) {
    return 0;
  }

  @Override
  long codeField(int i) {
    return codes[i] & 0xFFFFL;
  }

  @Override
  void setFields(int i, long codeField, long counterField) {
    codes[i] = (short) codeField;
  }

  /** {@link UpdateRule} on code {@code i} with the global rate (there is no counter). */
  @Override
  void step(int i, double gradient, double globalEta, long random) {
    codes[i] = (short) UpdateRule.code(codes[i], globalEta * scale, gradient, random, randomized,
        Short.MIN_VALUE, Short.MAX_VALUE);
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
    return OBJECT_BYTES + RecordStore.arrayBytes(codes.length, 2);
  }

  @Override
  long coordinateBytes() {
    return RecordStore.arrayBytes(codes.length, 2);
  }

  @Override
  long saturatedCounters() {
    return 0;
  }

  @Override
  double countEstimate(int i) {
    return 0;
  }

  @Override
  void forEachNonZeroWeight(WeightVisitor visitor) {
    for (int i = 0; i < codes.length; i++) {
      if (codes[i] != 0) {
        visitor.accept(i, codes[i] * resolution);
      }
    }
  }
}
