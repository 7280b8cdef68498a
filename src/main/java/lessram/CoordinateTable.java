package lessram;

import java.io.Serializable;

/**
 * The per-coordinate state of a linear model: coefficient and counter kept side by side in one record
 * (one memory access per update), or in two stores when they do not fit 64 bits together (float64 with
 * a counter). {@link #step} is the whole per-feature update of the paper's Algorithms 1 and 2: read,
 * learning rate from the counter, gradient step, projection and rounding, counter increment, write.
 */
final class CoordinateTable implements Serializable {
  private static final long serialVersionUID = 1L;

  private final RecordStore records;
  private final RecordStore counters;
  private final WeightCodec codec;
  private final CounterPolicy counter;
  private final int counterShift;
  private final long counterMask;
  private final int size;

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

  private CoordinateTable(CoordinateTable o) {
    this.records = o.records.copy();
    this.counters = o.counters == null ? null : o.counters.copy();
    this.codec = o.codec;
    this.counter = o.counter;
    this.counterShift = o.counterShift;
    this.counterMask = o.counterMask;
    this.size = o.size;
  }

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

  /** Number of coordinates addressed. */
  int size() {
    return size;
  }

  /** Number of coordinates occupying memory. */
  long storedCoordinates() {
    return counters == null ? records.storedRecords() : records.storedRecords();
  }

  long sizeInBytes() {
    return 40 + records.sizeInBytes() + (counters == null ? 0 : counters.sizeInBytes());
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
}
