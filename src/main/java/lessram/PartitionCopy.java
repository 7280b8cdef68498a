package lessram;

import java.util.Arrays;

/**
 * One partition's copy of a session for one round of data-parallel training ({@link ParameterMixing}): a
 * copy of the round's model that predicts and trains on the partition's share like any session, remembers
 * which features it trained, and at the end of the round states what it changed as a {@link SessionDelta}
 * (comparing only the coordinates of those features and the bias, not the whole table).
 *
 * <p>The copy of partition 0 draws its random numbers from the model's own generator, so training one
 * partition round after round is exactly the sequential learner; every other partition draws from a
 * stream derived from the model's generator state and the partition number. The same model, partition and
 * data therefore give the same delta, however often the work is repeated (a failed task retried by the
 * host gives the bytes of the first attempt). The base is only read: several copies of one base may train
 * in parallel threads.
 */
public final class PartitionCopy {
  private final OnlineClassifier base;
  private final OnlineClassifier copy;
  /** One bit per feature id the copy has trained on. */
  private final long[] trained;

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
    this.copy = base.copy();
    SplitMix64 random = copy.model().random();
    random.setState(streamOf(random.state(), partition));
    this.trained = new long[(base.encoder().dimension() + 63) >>> 6];
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
      long[] bits = trained;
      for (int j = 0, n = e.size(); j < n; j++) {
        int id = ids[j];
        bits[id >>> 6] |= 1L << id;
      }
    }
    return outcome;
  }

  /**
   * What the copy changed against the base, with coefficient changes on the grid {@code 2^-gridBits} (0:
   * the learner's own grid, exact).
   */
  public SessionDelta delta(int gridBits) {
    return SessionDelta.between(base, copy, candidates(), gridBits);
  }

  /** The coordinates the trained features and the bias address, ascending. */
  int[] candidates() {
    FeatureSpace space = copy.config().featureSpace();
    int outputs = copy.model().numOutputs();
    int count = 0;
    for (long w : trained) {
      count += Long.bitCount(w);
    }
    int[] slots = new int[count + 1];
    int n = 0;
    for (int i = 0; i < trained.length; i++) {
      for (long w = trained[i]; w != 0; w &= w - 1) {
        slots[n++] = space.slot((i << 6) + Long.numberOfTrailingZeros(w));
      }
    }
    slots[n++] = space.biasSlot();
    if (space.kind() == FeatureSpace.Kind.HASHED) {
      Arrays.sort(slots, 0, n);
    }
    int unique = 0;
    for (int j = 0; j < n; j++) {
      if (unique == 0 || slots[j] != slots[unique - 1]) {
        slots[unique++] = slots[j];
      }
    }
    int[] coordinates = new int[unique * outputs];
    for (int j = 0; j < unique; j++) {
      for (int k = 0; k < outputs; k++) {
        coordinates[j * outputs + k] = slots[j] * outputs + k;
      }
    }
    return coordinates;
  }
}
