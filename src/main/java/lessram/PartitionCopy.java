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
 * in parallel threads. A host that trains many rounds keeps its copies and {@link #rebase}s them onto each new
 * model, at a cost proportional to what changed rather than to the model's size.
 */
public final class PartitionCopy {
  private OnlineClassifier base;
  /** The base's generator state when this copy was made or rebased (a host may change the base later). */
  private long baseState;
  private OnlineClassifier copy;
  /** Per feature id: the examples the copy trained that had it (allocated on first use). */
  private int[] counts;
  /** The feature ids with a count, in first-seen order. */
  private int[] seen = new int[64];
  private int seenCount;
  /** Examples the copy trained on. */
  private long trainedExamples;

  /**
   * A copy of {@code base} for partition {@code partition} (0 or more).
   *
   * @throws IllegalArgumentException for a negative partition
   */
  public PartitionCopy(OnlineClassifier base, int partition) {
    if (partition < 0) {
      throw new IllegalArgumentException("partition must be >= 0, got " + partition);
    }
    this.base = base;
    this.baseState = base.model().random().state();
    this.copy = base.copy();
    SplitMix64 random = copy.model().random();
    random.setState(streamOf(random.state(), partition));
  }

  /**
   * Makes this copy a fresh copy of {@code next} for partition {@code partition}, as {@code new
   * PartitionCopy(next, partition)} would be, touching only the coordinates that can differ: those this copy
   * trained since it was made or last rebased, and those {@code updates} change. {@code updates} are the deltas
   * that lead from this copy's base to {@code next}, in order (each made against the state the previous one
   * leads to: the merged updates of the rounds in between; none when {@code next} is the base itself).
   *
   * @throws IllegalArgumentException if {@code next} does not have this copy's configuration, or the updates
   *     do not lead from this copy's base to it
   */
  public void rebase(OnlineClassifier next, int partition, java.util.List<SessionDelta> updates) {
    if (partition < 0) {
      throw new IllegalArgumentException("partition must be >= 0, got " + partition);
    }
    if (next.model().numCoordinates() != copy.model().numCoordinates()
        || !next.config().describe().equals(copy.config().describe())) {
      throw new IllegalArgumentException("the next model does not have this copy's configuration");
    }
    long state = baseState;
    for (SessionDelta u : updates) {
      if (u.baseRandomState() != state) {
        throw new IllegalArgumentException("the updates do not lead from this copy's base to the next model");
      }
      state = u.randomState();
    }
    if (state != next.model().random().state()) {
      throw new IllegalArgumentException("the updates do not lead from this copy's base to the next model");
    }
    CoordinateTable from = next.model().table();
    CoordinateTable to = copy.model().table();
    for (int c : candidates().coordinates) {
      to.setFields(c, from.codeField(c), from.counterField(c));
    }
    for (SessionDelta u : updates) {
      for (int c : u.coordinates()) {
        to.setFields(c, from.codeField(c), from.counterField(c));
      }
    }
    for (int j = 0; j < seenCount; j++) {
      counts[seen[j]] = 0;
    }
    seenCount = 0;
    trainedExamples = 0;
    LogisticRegression model = copy.model();
    model.setExampleCounts(next.model().examplesSeen(), next.model().examplesSkipped());
    model.random().setState(streamOf(next.model().random().state(), partition));
    OnlineClassifier rebased = next.with(next.encoder().copy(), model);
    rebased.setInstancesWithoutClass(next.instancesWithoutClass());
    this.copy = rebased;
    this.base = next;
    this.baseState = next.model().random().state();
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

  /** Trains the copy ({@link OnlineClassifier#train}) and remembers the features it trained. */
  public OnlineClassifier.Outcome train(InstanceView x) {
    OnlineClassifier.Outcome outcome = copy.train(x);
    if (outcome == OnlineClassifier.Outcome.TRAINED) {
      InstanceEncoder e = copy.encoder();
      int[] ids = e.ids();
      double[] values = e.values();
      int[] c = counts;
      if (c == null) {
        c = new int[e.dimension()];
        counts = c;
      }
      trainedExamples++;
      for (int j = 0, n = e.size(); j < n; j++) {
        int id = ids[j];
        if (values[j] != 0 && c[id]++ == 0) {
          if (seenCount == seen.length) {
            seen = Arrays.copyOf(seen, seenCount * 2);
          }
          seen[seenCount++] = id;
        }
      }
    }
    return outcome;
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
    long[] slotCounts = new long[n + 1];
    for (int j = 0; j < n; j++) {
      int id = seen[j];
      slotCounts[j] = ((long) space.slot(id) << 32) | counts[id];
    }
    slotCounts[n++] = ((long) space.biasSlot() << 32) | Math.min(trainedExamples, Integer.MAX_VALUE);
    // slots and counts are non-negative ints: sorting the packed longs sorts by slot
    Arrays.sort(slotCounts, 0, n);
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
}
