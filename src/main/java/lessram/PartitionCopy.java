package lessram;

import java.util.Arrays;

/**
 * One partition's copy of a session for one round of data-parallel training ({@link ParameterMixing}): a
 * copy of the round's model that predicts and trains on the partition's share like any session, remembers
 * how often it trained each feature, and at the end of the round states what it changed as a {@link
 * SessionDelta} (comparing only the coordinates of those features and the bias, not the whole table), with
 * the number of updates of each coordinate: a count kept only for the round (one int per feature seen), which
 * the merge uses where the Morris estimates are too coarse (a counter in state 100 advances with probability
 * 1.1^-101 per update, so over a round most copies' estimates of a frequent coordinate do not move).
 *
 * <p>The copy of partition 0 draws its random numbers from the model's own generator, so training one
 * partition round after round is exactly the sequential learner; every other partition draws from a
 * stream derived from the model's generator state and the partition number. The same model, partition and
 * data therefore give the same delta, however often the work is repeated (a failed task retried by the
 * host gives the bytes of the first attempt). The base is only read: several copies of one base may train
 * in parallel threads. A host that trains many rounds keeps its copies and {@link #prepare}s them for each
 * round, at a cost proportional to the round's attributes rather than to the model's size.
 */
public final class PartitionCopy {
  /** Why a model with the adaptive coefficient storage cannot be trained in partitions. */
  public static final String ADAPTIVE_UNSUPPORTED = "coefficientStorage adaptive is not supported by data-parallel "
      + "training (the per-coordinate grids cannot be merged yet); use randomized, nearest, float32 or float64";
  /** Why a model with feature inclusion cannot be trained in partitions. */
  public static final String INCLUSION_UNSUPPORTED = "featureInclusion poisson or bloom is not supported by "
      + "data-parallel training (the copies' admission states cannot be merged yet); use all";

  private OnlineClassifier base;
  private OnlineClassifier copy;
  /**
   * The examples the copy trained that had each feature id, in an open-addressing table sized to the round's
   * features rather than to the feature space (a dimension-sized array costs a cache miss per entry): after a
   * {@link #prepare} that declared few ids (not {@link #ranked}), the declared feature ids with their counts (0
   * until trained); before any, the ids trained.
   */
  private final Counts counts = new Counts();
  /** The feature ids with a count, in first-seen order. */
  private int[] seen = new int[64];
  private int seenCount;
  /** Examples the copy trained on. */
  private long trainedExamples;
  /** True once {@link #prepare}d: only the declared attributes' feature ids (in {@link #counts}) are current. */
  private boolean prepared;
  /** One bit per feature id made current by the last {@link #prepare}; allocated by the first. */
  private long[] fresh;
  private int[] freshIds = new int[64];
  private int freshCount;
  /**
   * True when the last {@link #prepare} declared many ids (read back from {@link #fresh} in order): then an id's
   * count is at its rank among them, {@code rankCounts[wordRank[id / 64] + (bits of its word below it)]}, and
   * {@link #counts} is not used (two array reads per count instead of a hash probe, no table to clear).
   */
  private boolean ranked;
  /** Per word of {@link #fresh}: the rank of its first id. */
  private int[] wordRank;
  /** Per declared id, by rank: the examples the copy trained that had it. */
  private int[] rankCounts = new int[64];
  /** The coordinates {@link #prepare} refreshes. */
  private int[] refreshed = new int[64];

  /**
   * A copy of {@code base} for partition {@code partition} (0 or more).
   *
   * @throws IllegalArgumentException for a negative partition, or a model with the adaptive coefficient storage
   *     or with feature inclusion (their per-coordinate grids, or admission states, cannot be merged yet)
   */
  public PartitionCopy(OnlineClassifier base, int partition) {
    if (partition < 0) {
      throw new IllegalArgumentException("partition must be >= 0, got " + partition);
    }
    if (base.config().storage() == CoefficientStorage.ADAPTIVE) {
      throw new IllegalArgumentException(ADAPTIVE_UNSUPPORTED);
    }
    if (base.config().featureSpace().inclusion().selective()) {
      throw new IllegalArgumentException(INCLUSION_UNSUPPORTED);
    }
    this.base = base;
    this.copy = base.copy();
    SplitMix64 random = copy.model().random();
    random.setState(streamOf(random.state(), partition));
  }

  /**
   * Makes this copy ready for another round on {@code next} (any later model of the same run) as partition
   * {@code partition}, for rows whose entries are among {@code attributes[0..count)} (repeats allowed): the
   * coordinates those attributes address (and the bias) take {@code next}'s values, as do the feature mapping,
   * the counts and the generator (partition {@code partition}'s stream of {@code next}); the rest of the table
   * is left as it was, stale, since the rows will not read it. Trains and states deltas exactly as a fresh
   * {@code new PartitionCopy(next, partition)} would on such rows, at a cost proportional to the attributes, not
   * to the model's size or to what changed since this copy's last round.
   *
   * @throws IllegalArgumentException if {@code next} does not have this copy's configuration
   * @see #train (which refuses a row with an attribute that was not declared)
   */
  public void prepare(OnlineClassifier next, int partition, int[] attributes, int count) {
    if (partition < 0) {
      throw new IllegalArgumentException("partition must be >= 0, got " + partition);
    }
    if (next.model().numCoordinates() != copy.model().numCoordinates()
        || !next.config().describe().equals(copy.config().describe())) {
      throw new IllegalArgumentException("the next model does not have this copy's configuration");
    }
    seenCount = 0;
    trainedExamples = 0;
    if (fresh == null) {
      fresh = new long[(next.encoder().dimension() + 63) >>> 6];
    }
    long[] bits = fresh;
    if (freshCount > bits.length / 16) {
      Arrays.fill(bits, 0);
    } else {
      for (int j = 0; j < freshCount; j++) {
        int id = freshIds[j];
        bits[id >>> 6] &= ~(1L << id);
      }
    }
    freshCount = 0;
    InstanceEncoder encoder = next.encoder();
    FeatureSpace space = next.config().featureSpace();
    int outputs = next.model().numOutputs();
    CoordinateTable from = next.model().table();
    CoordinateTable to = copy.model().table();
    // mark the feature ids, then refresh their coordinates in ascending order (memory pages in order)
    int n = 0;
    int[] ids = freshIds;
    if (encoder.layout().isPlain()) {
      // attribute a is feature a (the class, last, and anything outside the features address nothing)
      if (ids.length < count) {
        ids = new int[Math.max(count, 2 * ids.length)];
      }
      int dimension = encoder.dimension();
      for (int j = 0; j < count; j++) {
        int id = attributes[j];
        if (id >= 0 && id < dimension) {
          long word = bits[id >>> 6];
          ids[n] = id;
          n += (int) (~word >>> id) & 1;
          bits[id >>> 6] = word | (1L << id);
        }
      }
    } else {
      for (int j = 0; j < count; j++) {
        long range = encoder.featureRange(attributes[j]);
        int first = (int) (range >>> 32);
        int length = (int) range;
        if (n + Math.max(length, 1) > ids.length) {
          ids = Arrays.copyOf(ids, Math.max(2 * ids.length, n + Math.max(length, count - j)));
        }
        for (int id = first, end = first + length; id < end; id++) {
          // without a branch on whether the id is new (half of them are: a branch would be mispredicted)
          long word = bits[id >>> 6];
          ids[n] = id;
          n += (int) (~word >>> id) & 1;
          bits[id >>> 6] = word | (1L << id);
        }
      }
    }
    freshIds = ids;
    freshCount = n;
    ranked = n > bits.length / 8;
    if (ranked) {
      // many ids: read them back from the bits in order, noting each word's first rank
      if (wordRank == null) {
        wordRank = new int[bits.length];
      }
      int r = 0;
      for (int w = 0; w < bits.length; w++) {
        wordRank[w] = r;
        for (long x = bits[w]; x != 0; x &= x - 1) {
          ids[r++] = (w << 6) + Long.numberOfTrailingZeros(x);
        }
      }
      if (rankCounts.length < n) {
        rankCounts = new int[Math.max(n, 2 * rankCounts.length)];
      } else {
        Arrays.fill(rankCounts, 0, n, 0);
      }
    } else {
      Arrays.sort(ids, 0, n);
      counts.clear(n);
      for (int j = 0; j < n; j++) {
        counts.declare(ids[j]);
      }
    }
    if (outputs == 1 && space.hashBits() == 0) {
      // unhashed, a feature's slot is its id
      to.copyFields(from, ids, n);
    } else {
      if (refreshed.length < n * outputs) {
        refreshed = new int[Math.max(n * outputs, 2 * refreshed.length)];
      }
      int[] coordinates = refreshed;
      for (int j = 0; j < n; j++) {
        int base = space.slot(ids[j]) * outputs;
        for (int k = 0; k < outputs; k++) {
          coordinates[j * outputs + k] = base + k;
        }
      }
      to.copyFields(from, coordinates, n * outputs);
    }
    int bias = space.biasSlot() * outputs;
    for (int k = 0; k < outputs; k++) {
      to.setFields(bias + k, from.codeField(bias + k), from.counterField(bias + k));
    }
    LogisticRegression model = copy.model();
    model.setExampleCounts(next.model().examplesSeen(), next.model().examplesSkipped());
    model.setRateStatistics(next.model().squaredGradients(), next.model().gradients());
    model.random().setState(streamOf(next.model().random().state(), partition));
    OnlineClassifier prepared = next.with(next.encoder().copy(), model);
    prepared.setInstancesWithoutClass(next.instancesWithoutClass());
    this.copy = prepared;
    this.base = next;
    this.prepared = true;
  }

  /** The generator state of partition {@code p}'s copy of a model whose generator is in {@code state}. */
  static long streamOf(long state, int partition) {
    // mix is a bijection with mix(0) == 0: partition 0 keeps the model's own stream
    return state ^ SplitMix64.mix(partition);
  }

  /** The copy's session (for predictions, statistics and descriptions). */
  public OnlineClassifier session() {
    return copy;
  }

  /** Class probabilities of an instance ({@link OnlineClassifier#predict}; a following {@link #train} reuses them). */
  public double[] predict(InstanceView x) {
    return copy.predict(x);
  }

  /** {@link OnlineClassifier#predict(InstanceView, double[])} of the copy: into {@code votes}, one entry per class. */
  public double[] predict(InstanceView x, double[] votes) {
    return copy.predict(x, votes);
  }

  /** Number of classes. */
  public int numClasses() {
    return copy.numClasses();
  }

  /**
   * Trains the copy ({@link OnlineClassifier#train}) and remembers the features it trained.
   *
   * @throws IllegalStateException after {@link #prepare}, for a row with a feature of an attribute that was not
   *     declared (its coefficient was stale: the copy is then unusable)
   */
  public OnlineClassifier.Outcome train(InstanceView x) {
    OnlineClassifier.Outcome outcome = copy.train(x);
    if (outcome == OnlineClassifier.Outcome.TRAINED) {
      InstanceEncoder e = copy.encoder();
      int[] ids = e.ids();
      double[] values = e.values();
      Counts c = counts;
      trainedExamples++;
      if (ranked) {
        countRanked(ids, values, e.size());
        return outcome;
      }
      for (int j = 0, n = e.size(); j < n; j++) {
        if (values[j] == 0) {
          continue;
        }
        int id = ids[j];
        int before = c.increment(id, !prepared);
        if (before < 0) {
          throw new IllegalStateException("feature " + id + " of the row was not among the attributes declared to "
              + "prepare; this copy's coefficient for it was stale");
        }
        if (before == 0) {
          if (seenCount == seen.length) {
            seen = Arrays.copyOf(seen, seenCount * 2);
          }
          seen[seenCount++] = id;
        }
      }
    }
    return outcome;
  }

  /** Counts the trained features of a row by their ranks among the declared ids. */
  private void countRanked(int[] ids, double[] values, int n) {
    long[] bits = fresh;
    int[] ranks = wordRank;
    int[] c = rankCounts;
    for (int j = 0; j < n; j++) {
      if (values[j] == 0) {
        continue;
      }
      int id = ids[j];
      int w = id >>> 6;
      long word = w < bits.length ? bits[w] : 0;
      if ((word >>> id & 1) == 0) {
        throw new IllegalStateException("feature " + id + " of the row was not among the attributes declared to "
            + "prepare; this copy's coefficient for it was stale");
      }
      c[ranks[w] + Long.bitCount(word & ((1L << id) - 1))]++;
    }
  }

  /**
   * What the copy changed against the base, with coefficient changes on the grid {@code 2^-gridBits} (0:
   * the learner's own grid, exact).
   */
  public SessionDelta delta(int gridBits) {
    Candidates c = candidates();
    return SessionDelta.between(base, copy, c.coordinates, c.updates, gridBits);
  }

  /** Coordinates that may have changed, ascending, with their update counts. */
  static final class Candidates {
    final int[] coordinates;
    final long[] updates;

    Candidates(int[] coordinates, long[] updates) {
      this.coordinates = coordinates;
      this.updates = updates;
    }
  }

  /**
   * The coordinates the trained features and the bias address, with their updates (features that share a slot
   * add up; the bias is updated by every trained example).
   */
  Candidates candidates() {
    FeatureSpace space = copy.config().featureSpace();
    int outputs = copy.model().numOutputs();
    int n = seenCount;
    long[] slotCounts = new long[(ranked ? freshCount : n) + 1];
    if (ranked) {
      // the declared ids by rank (ascending) with their counts; unhashed, a feature's slot is its id
      boolean hashed = space.hashBits() != 0;
      n = 0;
      for (int j = 0; j < freshCount; j++) {
        int c = rankCounts[j];
        if (c > 0) {
          int id = freshIds[j];
          slotCounts[n++] = ((long) (hashed ? space.slot(id) : id) << 32) | c;
        }
      }
      slotCounts[n++] = ((long) space.biasSlot() << 32) | Math.min(trainedExamples, Integer.MAX_VALUE);
      if (hashed) {
        // slots and counts are non-negative ints: sorting the packed longs sorts by slot
        Arrays.sort(slotCounts, 0, n);
      }
    } else if (prepared && space.hashBits() == 0) {
      // unhashed, a feature's slot is its id: the declared ids, ascending, give the trained ones in order
      n = 0;
      for (int j = 0; j < freshCount; j++) {
        int id = freshIds[j];
        int c = counts.get(id);
        if (c > 0) {
          slotCounts[n++] = ((long) id << 32) | c;
        }
      }
      slotCounts[n++] = ((long) space.biasSlot() << 32) | Math.min(trainedExamples, Integer.MAX_VALUE);
    } else {
      for (int j = 0; j < n; j++) {
        int id = seen[j];
        slotCounts[j] = ((long) space.slot(id) << 32) | counts.get(id);
      }
      slotCounts[n++] = ((long) space.biasSlot() << 32) | Math.min(trainedExamples, Integer.MAX_VALUE);
      // slots and counts are non-negative ints: sorting the packed longs sorts by slot
      Arrays.sort(slotCounts, 0, n);
    }
    int unique = 0;
    for (int j = 0; j < n; j++) {
      if (unique > 0 && slotCounts[unique - 1] >>> 32 == slotCounts[j] >>> 32) {
        slotCounts[unique - 1] += slotCounts[j] & 0xFFFFFFFFL;
      } else {
        slotCounts[unique++] = slotCounts[j];
      }
    }
    int[] coordinates = new int[unique * outputs];
    long[] updates = new long[unique * outputs];
    for (int j = 0; j < unique; j++) {
      int slot = (int) (slotCounts[j] >>> 32);
      long c = slotCounts[j] & 0xFFFFFFFFL;
      for (int k = 0; k < outputs; k++) {
        coordinates[j * outputs + k] = slot * outputs + k;
        updates[j * outputs + k] = c;
      }
    }
    return new Candidates(coordinates, updates);
  }

  /**
   * Counts per feature id in one {@code int[]} of (id + 1, count) pairs, linear probing, at most half full: the
   * round's few tens of thousands of ids fit in a core's cache, where a count per feature of a space of millions
   * does not.
   */
  static final class Counts {
    /** Pairs: {@code table[2 p]} is the id + 1 (0: empty), {@code table[2 p + 1]} its count. */
    private int[] table = new int[2 * 64];
    private int mask = 63;
    /** {@code 32 - log2(capacity)}: the hash's top bits address the table. */
    private int shift = 26;
    private int size;

    /** Forgets every id and makes room for {@code expected} ids. */
    void clear(int expected) {
      int capacity = Integer.highestOneBit(Math.max(64, expected) * 2 - 1) * 2;
      if (capacity * 2 > table.length || capacity * 8 < table.length) {
        table = new int[capacity * 2];
      } else {
        Arrays.fill(table, 0, 2 * (mask + 1), 0);
        capacity = mask + 1;
      }
      mask = capacity - 1;
      shift = Integer.numberOfLeadingZeros(mask);
      size = 0;
    }

    private int position(int id) {
      int p = (id * 0x9E3779B9) >>> shift;
      int key = id + 1;
      int[] t = table;
      while (t[2 * p] != key && t[2 * p] != 0) {
        p = (p + 1) & mask;
      }
      return p;
    }

    /** Adds {@code id} with count 0, if absent. */
    void declare(int id) {
      int p = position(id);
      if (table[2 * p] == 0) {
        insert(p, id);
      }
    }

    /**
     * Counts {@code id} once more and returns its count before; -1 (nothing counted) if the id is absent and
     * {@code add} is false.
     */
    int increment(int id, boolean add) {
      int p = position(id);
      if (table[2 * p] == 0) {
        if (!add) {
          return -1;
        }
        p = insert(p, id);
      }
      return table[2 * p + 1]++;
    }

    /** The count of {@code id}; 0 if absent. */
    int get(int id) {
      int p = position(id);
      return table[2 * p] == 0 ? 0 : table[2 * p + 1];
    }

    private int insert(int p, int id) {
      if (2 * (size + 1) > mask + 1) {
        grow();
        p = position(id);
      }
      table[2 * p] = id + 1;
      table[2 * p + 1] = 0;
      size++;
      return p;
    }

    private void grow() {
      int[] old = table;
      table = new int[old.length * 2];
      mask = old.length - 1;
      shift = Integer.numberOfLeadingZeros(mask);
      for (int q = 0; q < old.length; q += 2) {
        if (old[q] != 0) {
          int p = position(old[q] - 1);
          table[2 * p] = old[q];
          table[2 * p + 1] = old[q + 1];
        }
      }
    }
  }
}
