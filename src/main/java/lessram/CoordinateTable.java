package lessram;

import java.io.Serializable;

/**
 * The per-coordinate state of a linear model (coefficient and update counter) and its update,
 * {@link #step}: the whole per-feature update of the paper's Algorithms 1 and 2, as {@link UpdateRule}
 * states it (rate, gradient step, projection and rounding, counter increment).
 *
 * <p>{@link #create} picks the implementation once, from the configuration:
 * <ul>
 *   <li>{@link GenericTable}: any codec, any counter, any record store (dense or sparse);
 *   <li>{@link Fixed16Morris8Table}: the approximate-count learner's default layout, a 16-bit
 *       {@code qn.m} code and an 8-bit Morris counter in one 3-byte record; for small tables
 *       {@link Fixed16Morris8ColumnTable}, the same fields in two arrays;
 *   <li>{@link Fixed16GlobalTable}: the randomized-rounding learner's default layout, a 16-bit
 *       {@code qn.m} code per coordinate and the global rate;
 *   <li>{@link AdaptivePrecisionTable}: adaptive storage, codes whose grid and width follow each coordinate's
 *       learning rate, packed in buckets of a fixed bit budget (its own rule, no generic equivalent).
 * </ul>
 * A specialised table owns its array and runs the update rule on it with the layout's constants and
 * tables; it gives the generic table's results bit for bit (tested). Each implementation has its own
 * {@link #stepAll} loop over its own, final {@link #step}, so the loop's calls are never virtual,
 * whichever tables a JVM holds.
 */
abstract class CoordinateTable implements Serializable {
  private static final long serialVersionUID = 2L;

  /** The table for {@code config}: the specialised one where a specialisation exists, else the generic. */
  static CoordinateTable create(LearnerConfig config, int size) {
    if (config.featureSpace().inclusion().selective()) {
      // feature inclusion is the generic table's
      return new GenericTable(config, size);
    }
    if (Fixed16Morris8Table.applies(config)) {
      return size <= Fixed16Morris8ColumnTable.MAX_SIZE ? new Fixed16Morris8ColumnTable(config, size)
          : new Fixed16Morris8Table(config, size);
    }
    if (Fixed16GlobalTable.applies(config)) {
      return new Fixed16GlobalTable(config, size);
    }
    if (AdaptivePrecisionTable.applies(config)) {
      return new AdaptivePrecisionTable(config, size);
    }
    return new GenericTable(config, size);
  }

  /** A deep, independent copy of the same kind. */
  abstract CoordinateTable copy();

  /** The coefficient of coordinate {@code i}. */
  abstract double weight(int i);

  /** The counter field of coordinate {@code i} (0 without counters). */
  abstract long counterField(int i);

  /**
   * The coefficient field of coordinate {@code i} as the configuration's {@link WeightCodec} stores it (its low
   * {@code codec.bits()} bits): the exact state that data-parallel training ({@link SessionDelta}) exchanges.
   */
  abstract long codeField(int i);

  /** Writes coordinate {@code i}'s coefficient field (as {@link #codeField}) and counter field together. */
  abstract void setFields(int i, long codeField, long counterField);

  /**
   * The fields of {@code coordinates[from..to)}: {@code codes[j - from] = codeField(coordinates[j])} and {@code
   * counters[j - from] = counterField(coordinates[j])}. A loop that does nothing else, so that a core overlaps the
   * cache misses of scattered coordinates (the table is larger than the caches, the exchanged coordinates are
   * spread over it).
   */
  void gatherFields(int[] coordinates, int from, int to, long[] codes, long[] counters) {
    for (int j = from; j < to; j++) {
      int c = coordinates[j];
      codes[j - from] = codeField(c);
      counters[j - from] = counterField(c);
    }
  }

  /**
   * Copies the fields of {@code coordinates[0..n)} from {@code from} (a table of the same configuration and
   * size) into this table, in one loop that does nothing else ({@link #gatherFields}).
   */
  void copyFields(CoordinateTable from, int[] coordinates, int n) {
    for (int j = 0; j < n; j++) {
      int c = coordinates[j];
      setFields(c, from.codeField(c), from.counterField(c));
    }
  }

  /**
   * One online-gradient step on coordinate {@code i}: {@code beta <- Round(Project(beta - eta * g))} and
   * one counter event ({@link UpdateRule}). {@code random} supplies 64 uniform bits: the high half drives
   * the rounding, the low half the Morris decision.
   */
  abstract void step(int i, double gradient, double globalEta, long random);

  /**
   * The binary model's updates of one example: {@link #step} on coordinate {@code slot[j]} with gradient
   * {@code err * values[j]} for each non-zero value, in order, each with the next draw of {@code random};
   * with feature inclusion, only on the coordinates {@link #admit} lets through (a feature not admitted
   * takes no draw).
   */
  abstract void stepAll(int[] slot, double[] values, int nnz, double err, double globalEta, SplitMix64 random);

  /**
   * A training sighting of the feature whose coordinates are {@code first .. first + count - 1} (the
   * multinomial model's outputs of one slot): true if the feature may be updated, i.e. it is stored or its
   * table's feature inclusion ({@link InclusionRule}) admits it now; false if it is not admitted (then
   * it must not be updated, and the sighting is counted in {@link #rejectedSightings()}). The binary
   * model's {@link #stepAll} asks itself. Every feature of a table without inclusion may be updated.
   */
  boolean admit(int first, int count) {
    return true;
  }

  /** Training sightings of features that feature inclusion did not admit (0 without inclusion). */
  long rejectedSightings() {
    return 0;
  }

  /** Number of coordinates addressed. */
  abstract int size();

  /** Number of coordinates occupying memory. */
  abstract long storedCoordinates();

  /**
   * Exact heap bytes of this table: the table object, its arrays or stores, and its codec, counter and
   * rate tables (64-bit JVM, compressed references; the fixed-point format is counted with the
   * configuration that owns it).
   */
  abstract long sizeInBytes();

  /**
   * Heap bytes of the storage that grows with the coordinates (the record array, or the sparse map's
   * arrays), a part of {@link #sizeInBytes()}; the rest (object headers, codec, counter and rate tables)
   * is the table's fixed overhead.
   */
  abstract long coordinateBytes();

  /** Number of coordinates whose counter is saturated (O(stored coordinates)). */
  abstract long saturatedCounters();

  /** The estimated update count of coordinate {@code i}. */
  abstract double countEstimate(int i);

  /** Visits every coordinate with a non-zero coefficient. */
  abstract void forEachNonZeroWeight(WeightVisitor visitor);

  /** Receives one coordinate and its coefficient. */
  interface WeightVisitor {
    void accept(int coordinate, double weight);
  }
}
