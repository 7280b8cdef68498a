package lessram;

/**
 * The coordinate table for any layout: a {@link WeightCodec} for the coefficient, a
 * {@link CounterPolicy} for the counter and rate, and a {@link RecordStore} (dense array or sparse map).
 * Coefficient and counter share one record (one memory access per update) when they fit 64 bits
 * together, else they live in two stores (float64 with a counter). The reference every specialised
 * table is tested against. A sparse table may admit new features selectively ({@link InclusionRule}): a
 * feature that is not stored is then trained only once its {@link InclusionFilter} admits it.
 */
final class GenericTable extends CoordinateTable {
  private static final long serialVersionUID = 1L;

  /** Heap bytes of a table object (header and fields, 64-bit JVM, compressed references). */
  static final long OBJECT_BYTES = 48;

  private final RecordStore records;
  private final RecordStore counters;
  private final WeightCodec codec;
  private final CounterPolicy counter;
  private final int counterShift;
  private final long counterMask;
  private final int size;
  /** Feature inclusion of a sparse table (null: every feature is stored when first trained). */
  private final InclusionFilter inclusion;

  GenericTable(LearnerConfig config, int size) {
    this.codec = WeightCodec.of(config.storage(), config.format());
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
    this.inclusion = sparse ? config.featureSpace().inclusion().newFilter(config.seed()) : null;
  }

  private GenericTable(GenericTable o) {
    this.records = o.records.copy();
    this.counters = o.counters == null ? null : o.counters.copy();
    this.codec = o.codec;
    this.counter = o.counter;
    this.counterShift = o.counterShift;
    this.counterMask = o.counterMask;
    this.size = o.size;
    this.inclusion = o.inclusion == null ? null : o.inclusion.copy();
  }

  @Override
  GenericTable copy() {
    return new GenericTable(this);
  }

  @Override
  double weight(int i) {
    return codec.decode(records.get(i) >>> counterShift);
  }

  @Override
  long counterField(int i) {
    return counters == null ? records.get(i) & counterMask : counters.get(i);
  }

  @Override
  long codeField(int i) {
    return counters == null ? records.get(i) >>> counterShift : records.get(i);
  }

  @Override
  void setFields(int i, long codeField, long counterField) {
    if (counters == null) {
      records.set(i, (codeField << counterShift) | (counterField & counterMask));
    } else {
      records.set(i, codeField);
      counters.set(i, counterField);
    }
  }

  /** {@link UpdateRule}: the rate from the counter policy, the step through the codec, the count. */
  @Override
  void step(int i, double gradient, double globalEta, long random) {
    if (counters == null) {
      long record = records.get(i);
      long count = record & counterMask;
      long field = codec.step(record >>> counterShift, counter.eta(count, globalEta), gradient, random);
      records.set(i, (field << counterShift) | counter.next(count, random));
    } else {
      long count = counters.get(i);
      records.set(i, codec.step(records.get(i), counter.eta(count, globalEta), gradient, random));
      counters.set(i, counter.next(count, random));
    }
  }

  @Override
  void stepAll(int[] slot, double[] values, int nnz, double err, double globalEta, SplitMix64 random) {
    InclusionFilter filter = inclusion;
    if (filter == null) {
      for (int j = 0; j < nnz; j++) {
        double v = values[j];
        if (v != 0) {
          step(slot[j], err * v, globalEta, random.nextLong());
        }
      }
      return;
    }
    for (int j = 0; j < nnz; j++) {
      double v = values[j];
      int i = slot[j];
      // a feature not admitted is neither stored nor updated, and takes no random draw
      if (v != 0 && (records.contains(i) || filter.admit(i))) {
        step(i, err * v, globalEta, random.nextLong());
      }
    }
  }

  @Override
  boolean admit(int first, int count) {
    InclusionFilter filter = inclusion;
    if (filter == null) {
      return true;
    }
    for (int k = 0; k < count; k++) {
      if (records.contains(first + k)) {
        return true;
      }
    }
    return filter.admit(first);
  }

  @Override
  long rejectedSightings() {
    return inclusion == null ? 0 : inclusion.rejected();
  }

  @Override
  int size() {
    return size;
  }

  @Override
  long storedCoordinates() {
    return records.storedRecords();
  }

  @Override
  long sizeInBytes() {
    return OBJECT_BYTES + records.sizeInBytes() + (counters == null ? 0 : counters.sizeInBytes())
        + codec.sizeInBytes() + counter.sizeInBytes() + (inclusion == null ? 0 : inclusion.sizeInBytes());
  }

  @Override
  long coordinateBytes() {
    return records.sizeInBytes() + (counters == null ? 0 : counters.sizeInBytes());
  }

  @Override
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

  @Override
  double countEstimate(int i) {
    return counter.estimate(counterField(i));
  }

  @Override
  void forEachNonZeroWeight(WeightVisitor visitor) {
    records.forEachNonZero((i, r) -> {
      double w = codec.decode(r >>> counterShift);
      if (w != 0) {
        visitor.accept(i, w);
      }
    });
  }
}
