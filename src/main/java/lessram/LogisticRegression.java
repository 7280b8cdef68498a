package lessram;

import java.io.Serializable;

/**
 * Online logistic regression with memory-lean coefficients (Golovin, Sculley, McMahan, Young,
 * "Large-Scale Learning with Less RAM via Randomization", ICML 2013): binary (sigmoid, one output) or
 * multinomial (softmax, one output per class) over sparse input, with a bias term.
 *
 * <p>Each {@link #learn} predicts with the stored coefficients, takes the log-loss gradient and updates
 * only the coordinates of the example's non-zero features (plus the bias): learning rate from the global
 * schedule or the coordinate's counter, gradient step, projection to the representable range, rounding
 * (randomized, nearest or plain float), counter increment.
 *
 * <p>Input contract, identical for every adapter:
 * <ul>
 *   <li>features are given as parallel arrays of ids and values (the first {@code nnz} entries); ids are
 *       mapped to slots by the {@link FeatureSpace}; an id outside a direct or sparse space throws
 *       {@link IllegalArgumentException} before anything changes;</li>
 *   <li>a value that is not usable (NaN, infinite, or above {@link Values#LIMIT} in magnitude), or a
 *       negative or unusable weight, makes {@link #learn} skip the whole example and count it in
 *       {@link #examplesSkipped()}; prediction ignores unusable values
 *       (treats them as absent);</li>
 *   <li>a label outside {@code 0..numClasses-1} throws {@link IllegalArgumentException};</li>
 *   <li>an example without features trains the bias only; weight 0 trains nothing;</li>
 *   <li>in a sparse space with feature inclusion ({@link FeatureSpace#sparse(int, InclusionRule)}), a feature
 *       that is not stored yet is trained only from the example whose sighting admits it; until then it
 *       adds nothing to predictions, and its sightings are counted in {@link #rejectedSightings()}. The
 *       bias is always trained.</li>
 * </ul>
 * Not thread-safe for learning; the same seed and data give bit-identical models.
 */
public final class LogisticRegression implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Heap bytes of the model object itself (64-bit JVM, compressed references). */
  static final long OBJECT_BYTES = 104;

  private final LearnerConfig config;
  private final FeatureSpace space;
  private final int outputs;
  private final int classes;
  private final int biasBase;
  private final CoordinateTable table;
  private final SplitMix64 random;
  private long examplesSeen;
  private long examplesSkipped;
  /**
   * The adaptive rate's gradient statistics ({@link LearnerConfig#adaptive()}): the sum of the squared
   * coordinate gradients of the examples trained on (saturating at the largest double) and their number.
   */
  private double squaredGradients;
  private double gradients;
  /** {@code 1 / sqrt(squaredGradients / gradients)}, 1 before any: computed after each update. */
  private double factor = 1;
  /** Softmax scores and gradients of the current example (multinomial only; null for binary). */
  private final double[] scratch;
  /**
   * Slots of the current training example's features, computed once by {@code learn} and reused by its
   * scoring and update passes (so a hashed id is hashed once). Fixed size, so the model's memory stays
   * fixed; an example with more features uses a temporary array. Not serialized (rebuilt on reading).
   */
  private transient int[] slots = new int[SLOT_BUFFER];
  /** The global rate {@link #prepareNextGlobalEta} computed ahead, for example count {@link #etaCount}. */
  private transient double eta;
  private transient long etaCount;

  /** Features per example that {@link #slots} holds. */
  static final int SLOT_BUFFER = 64;

  /** A fresh model (all coefficients 0, all counters fresh). */
  public LogisticRegression(LearnerConfig config) {
    this.config = config;
    this.space = config.featureSpace();
    this.outputs = config.numOutputs();
    this.classes = config.numClasses();
    this.biasBase = space.biasSlot() * outputs;
    this.table = CoordinateTable.create(config, (space.numFeatureSlots() + 1) * outputs);
    this.random = new SplitMix64(config.seed());
    this.scratch = outputs > 1 ? new double[outputs] : null;
  }

  private LogisticRegression(LogisticRegression o) {
    this.config = o.config;
    this.space = o.space;
    this.outputs = o.outputs;
    this.classes = o.classes;
    this.biasBase = o.biasBase;
    this.table = o.table.copy();
    this.random = o.random.copy();
    this.examplesSeen = o.examplesSeen;
    this.examplesSkipped = o.examplesSkipped;
    this.squaredGradients = o.squaredGradients;
    this.gradients = o.gradients;
    this.factor = o.factor;
    this.scratch = o.scratch == null ? null : new double[o.outputs];
  }

  private void readObject(java.io.ObjectInputStream in) throws java.io.IOException, ClassNotFoundException {
    in.defaultReadObject();
    slots = new int[SLOT_BUFFER];
  }

  /** A deep copy in exactly this state; the two evolve independently (and identically on equal input). */
  public LogisticRegression copy() {
    return new LogisticRegression(this);
  }

  /** The configuration. */
  public LearnerConfig config() {
    return config;
  }

  /** Number of classes. */
  public int numClasses() {
    return classes;
  }

  /** Number of linear outputs (1 for binary). */
  public int numOutputs() {
    return outputs;
  }

  /**
   * Trains on one example.
   *
   * @param ids feature ids (first {@code nnz} used)
   * @param values feature values (first {@code nnz} used)
   * @param nnz number of features
   * @param label class index in {@code 0..numClasses-1}
   * @param weight example weight (scales the gradient; 0 trains nothing)
   * @return true if the model was updated, false if the example was skipped (non-finite value, non-finite
   *     or negative weight, or weight 0)
   * @throws IllegalArgumentException for a label out of range or a feature id outside the space
   */
  public boolean learn(int[] ids, double[] values, int nnz, int label, double weight) {
    return learn(ids, values, nnz, label, weight, null);
  }

  /**
   * {@link #learn(int[], double[], int, int, double)} for an example whose class probabilities were just
   * computed by {@link #probabilities(int[], double[], int, double[])} on the same features with the
   * current coefficients (no learning in between): the prediction is reused instead of scoring the
   * example again. The result is bit-identical to the overload without {@code predicted}, whose
   * arithmetic is the same for finite values and ids inside the space (the only examples it trains on).
   *
   * @param predicted the probabilities (length at least {@code numClasses}; not modified), or null to
   *     score the example here
   */
  public boolean learn(int[] ids, double[] values, int nnz, int label, double weight, double[] predicted) {
    if (label < 0 || label >= classes) {
      throw new IllegalArgumentException("class label " + label + " outside 0.." + (classes - 1));
    }
    if (nnz < 0 || nnz > ids.length || nnz > values.length) {
      throw new IllegalArgumentException("nnz " + nnz + " exceeds the arrays");
    }
    boolean finite = weight >= 0 && Values.usable(weight);
    int[] slot = nnz <= SLOT_BUFFER ? slots : new int[nnz];
    boolean hashed = space.kind() == FeatureSpace.Kind.HASHED;
    int dimension = space.numFeatureSlots();
    // the squared feature values and the non-zero features, for the adaptive rate (1 each for the bias)
    double squares = 1;
    int features = 1;
    for (int j = 0; j < nnz; j++) {
      int id = ids[j];
      // a direct or sparse id inside the space is its own slot; space.slot hashes, or throws naming the id
      slot[j] = hashed || Integer.compareUnsigned(id, dimension) >= 0 ? space.slot(id) : id;
      double v = values[j];
      // NaN, infinite or beyond the usable magnitude (Values)
      if (!Values.usable(v)) {
        finite = false;
      }
      squares += v * v;
      features += v != 0 ? 1 : 0;
    }
    if (!finite) {
      examplesSkipped++;
      return false;
    }
    if (weight == 0) {
      return false;
    }
    // only the global schedule reads the global rate (per-coordinate rates come from the counters)
    double globalEta = nextGlobalEta();
    if (outputs == 1) {
      double p = predicted != null ? predicted[1] : lessram.compressed.Logistic.sigmoid(score(slot, values, nnz));
      double err = (p - label) * weight;
      if (err == 0) {
        return true;
      }
      if (config.adaptive()) {
        err *= normalizer(squares, features, err * err, 1);
      }
      table.stepAll(slot, values, nnz, err, globalEta, random);
      table.step(biasBase, err, globalEta, random.nextLong());
    } else {
      double[] p = scratch;
      if (predicted != null) {
        System.arraycopy(predicted, 0, p, 0, outputs);
      } else {
        scores(slot, values, nnz, p);
        lessram.compressed.Logistic.softmax(p, outputs);
      }
      p[label] -= 1.0;
      if (config.adaptive()) {
        double errors = 0;
        int outputsStepped = 0;
        for (int k = 0; k < outputs; k++) {
          errors += p[k] * p[k];
          outputsStepped += p[k] != 0 ? 1 : 0;
        }
        weight *= normalizer(squares, features, errors * weight * weight, outputsStepped);
      }
      for (int j = 0; j < nnz; j++) {
        double v = values[j];
        int base = slot[j] * outputs;
        // with feature inclusion, a feature not admitted is neither stored nor updated
        if (v != 0 && table.admit(base, outputs)) {
          for (int k = 0; k < outputs; k++) {
            double g = p[k] * weight * v;
            if (g != 0) {
              table.step(base + k, g, globalEta, random.nextLong());
            }
          }
        }
      }
      for (int k = 0; k < outputs; k++) {
        double g = p[k] * weight;
        if (g != 0) {
          table.step(biasBase + k, g, globalEta, random.nextLong());
        }
      }
    }
    return true;
  }

  /**
   * Trains on the plain dense row that {@link #probabilityRow} just encoded and scored (no encoding or
   * learning in between): commits the row in the encoder (its training statistics take {@code
   * rowValues}, the copy {@link #probabilityRow} made) and learns from its features as they are in place,
   * with {@code predicted} the probability {@link #probabilityRow} returned. Bit for bit the same as
   * {@link InstanceEncoder#commitTraining} and {@link #learn(int[], double[], int, int, double, double[])}
   * on the encoder's ids and values. The row's values are finite by construction, so only the weight can
   * make the example be skipped.
   *
   * @param rowStatistics the statistics {@link #probabilityRow} wrote for this row
   * @return true if the model was updated, false if the example was skipped (a non-finite or negative
   *     weight, or weight 0)
   * @throws IllegalStateException if the encoder does not hold a row from {@link #probabilityRow}
   * @throws IllegalArgumentException for a label out of range (nothing is committed then)
   */
  boolean learnRow(InstanceEncoder encoder, double[] rowValues, double[] rowStatistics, int label, double weight,
      double predicted) {
    int f = encoder.heldRow();
    if (f < 0 || !scoresDense() || f > space.numFeatureSlots()) {
      throw new IllegalStateException("the encoder holds no row predicted by probabilityRow");
    }
    if (label < 0 || label >= classes) {
      throw new IllegalArgumentException("class label " + label + " outside 0.." + (classes - 1));
    }
    encoder.commitRow(rowValues);
    if (!(weight >= 0) || !Values.usable(weight)) {
      examplesSkipped++;
      return false;
    }
    if (weight == 0) {
      return false;
    }
    double globalEta = nextGlobalEta();
    double err = (predicted - label) * weight;
    if (err != 0) {
      if (config.adaptive()) {
        // summed by probabilityRow from the held row's values (unchanged since)
        err *= normalizer(rowStatistics[0], (int) rowStatistics[1], err * err, 1);
      }
      // the encoder's ids of a held row are 0..f-1: the slots of an unhashed space
      table.stepAll(encoder.ids(), encoder.values(), f, err, globalEta, random);
      table.step(biasBase, err, globalEta, random.nextLong());
    }
    prepareNextGlobalEta();
    return true;
  }

  /**
   * The adaptive rate's factor for an example (alpha 0, {@link LearnerConfig#adaptive()}), by which the
   * example's loss gradient is multiplied: {@code 1 / sqrt(mean squared coordinate gradient)} of the examples
   * before it, or, when this example's own normalized gradient would be larger than that bound allows
   * ({@code (err * factor)^2 * squares > number of coordinate gradients}, an example of a much larger scale
   * than those before), of the examples including it. Then adds the example's coordinate gradients to the
   * statistics and computes the next example's factor (off the critical path of this example's update).
   * With the per-coordinate rate {@code alpha / sqrt(tau + 1)} this is AdaGrad's
   * {@code alpha / sqrt(sum of g^2)} with the coordinate's count for its number of steps and one mean
   * square for all coordinates (no state per coordinate; Ross, Mineiro, Langford, "Normalized online
   * learning", UAI 2013, normalize per coordinate instead).
   *
   * @param squares 1 (the bias's feature value) plus the example's squared feature values
   * @param features 1 (the bias) plus the number of the example's non-zero features
   * @param errSquares the sum over the outputs stepped of (output error times weight)^2
   * @param outputsStepped the number of outputs with a non-zero error
   */
  private double normalizer(double squares, int features, double errSquares, int outputsStepped) {
    double own = errSquares * squares;
    // saturates instead of overflowing (values and weights up to Values.LIMIT), so the factor stays > 0
    double sum = Math.min(squaredGradients + own, Double.MAX_VALUE);
    double count = gradients + (double) features * outputsStepped;
    double f = factor;
    if (own * f * f > count) {
      f = Math.sqrt(count / sum);
    }
    squaredGradients = sum;
    gradients = count;
    // no gradient measurable yet (errors that square to 0): plain steps
    factor = sum > 0 ? Math.sqrt(count / sum) : 1;
    return f;
  }

  /** Counts an example that is not trained on because of an unusable value or weight; returns false. */
  boolean skip() {
    examplesSkipped++;
    return false;
  }

  /**
   * Counts the example being trained on and returns its global learning rate {@code alpha /
   * sqrt(examplesSeen)} (0 with per-coordinate rates): the one {@link #prepareNextGlobalEta} computed
   * ahead when it is for this count, otherwise computed here (the same value).
   */
  private double nextGlobalEta() {
    long t = ++examplesSeen;
    if (config.schedule() != LearningRateSchedule.GLOBAL) {
      return 0.0;
    }
    return t == etaCount ? eta : config.rateScale() / Math.sqrt(t);
  }

  /**
   * Computes the next example's global rate after this example's updates, so its square root and
   * division are off the next update's critical path.
   */
  private void prepareNextGlobalEta() {
    if (config.schedule() == LearningRateSchedule.GLOBAL) {
      long t = examplesSeen + 1;
      eta = config.rateScale() / Math.sqrt(t);
      etaCount = t;
    }
  }

  /**
   * Class probabilities for an example, written to {@code out} (length at least {@code numClasses});
   * they sum to 1. Non-finite values and ids outside the space are ignored. Safe to call from several
   * threads while no thread is learning.
   */
  public void probabilities(int[] ids, double[] values, int nnz, double[] out) {
    if (outputs == 1) {
      double p = lessram.compressed.Logistic.sigmoid(safeScore(ids, values, nnz));
      out[0] = 1.0 - p;
      out[1] = p;
    } else {
      safeScores(ids, values, nnz, out);
      lessram.compressed.Logistic.softmax(out, outputs);
    }
  }

  /** True if {@link #probabilityRow} applies: a binary model whose feature ids are its slots. */
  boolean scoresDense() {
    return outputs == 1 && space.kind() != FeatureSpace.Kind.HASHED;
  }

  /**
   * The prediction of a plain dense row in one loop (the prequential hot path of {@link OnlineClassifier}
   * on small dense streams): reads the value of each feature attribute {@code a} from {@code row} once
   * (entry {@code a}; an entry of another attribute reads as NaN and sends the row to the general path),
   * copies it to {@code rowValues[a]}, standardizes it and adds its term to the score. Returns the probability of class 1 that {@code encoder.encode(0..n-1, values, n, false)}
   * followed by {@link #probabilities} would give, bit for bit, and leaves the row's standardized
   * features in the encoder in place (feature {@code a} is entry {@code a} of its {@code ids()} and
   * {@code values()}, zero values included; {@code size()} is their number) for {@link #learnRow}.
   * Applies to a binary model with unhashed features ({@link #scoresDense()}) and an encoder whose cached
   * standardization covers every attribute of an all-numeric header, for a row of {@code n ==
   * numAttributes()} attributes (the class last, not read) with finite values. Otherwise returns -1: the
   * caller encodes with {@code encode} (the encoder then holds nothing of this row, and {@code
   * rowValues} may have been written).
   *
   * @param rowValues receives the raw feature values (length at least the number of features)
   * @param rowStatistics receives, for {@link #learnRow} (length at least 2): 1 plus the sum of the row's
   *     squared standardized values, and 1 plus the number of its non-zero ones (the adaptive rate's
   *     statistics of the example, summed in the order {@link #learn} sums them); left alone on -1
   * @return the probability of class 1, or -1 when the row path does not apply
   * @throws IllegalArgumentException if {@code rowValues} is too short for the row's features
   */
  double probabilityRow(InstanceEncoder encoder, InstanceView row, int n, double[] rowValues,
      double[] rowStatistics) {
    if (!scoresDense()) {
      return -1;
    }
    int f = encoder.beginRow(n);
    if (f < 0 || f > space.numFeatureSlots()) {
      return -1;
    }
    if (rowValues.length < f) {
      throw new IllegalArgumentException("rowValues holds " + rowValues.length + " of " + f + " features");
    }
    if (rowStatistics.length < 2) {
      throw new IllegalArgumentException("rowStatistics holds " + rowStatistics.length + " of 2 values");
    }
    double[] c = encoder.center();
    double[] inv = encoder.inverseDeviation();
    double[] out = encoder.values();
    boolean finite = true;
    double z = table.weight(biasBase);
    // the adaptive rate's statistics of the row, in the order learn sums them: a chain beside the score's,
    // so nearly free here, where a second pass in learnRow would cost a chain of its own
    double squares = 1;
    int features = 1;
    for (int a = 0; a < f; a++) {
      // a dense instance stores attribute a at entry a (the test costs nothing once compiled)
      double x = row.index(a) == a ? row.value(a) : Double.NaN;
      rowValues[a] = x;
      finite &= Values.usable(x);
      double v = InstanceEncoder.clipStandardized((x - c[a]) * inv[a]);
      out[a] = v;
      // a zero value adds a zero term: the sum is that of the features without it (up to the sign of 0)
      z += table.weight(a) * v;
      squares += v * v;
      features += v != 0 ? 1 : 0;
    }
    if (!finite) {
      return -1;
    }
    rowStatistics[0] = squares;
    rowStatistics[1] = features;
    encoder.endRow(f);
    return lessram.compressed.Logistic.sigmoid(z);
  }

  /** Class probabilities in a new array. */
  public double[] probabilities(int[] ids, double[] values, int nnz) {
    double[] out = new double[classes];
    probabilities(ids, values, nnz, out);
    return out;
  }

  /** Binary score of an example given its feature slots. */
  private double score(int[] slot, double[] values, int nnz) {
    double z = table.weight(biasBase);
    for (int j = 0; j < nnz; j++) {
      double v = values[j];
      if (v != 0) {
        z += table.weight(slot[j]) * v;
      }
    }
    return z;
  }

  /** Multinomial scores of an example given its feature slots. */
  private void scores(int[] slot, double[] values, int nnz, double[] out) {
    for (int k = 0; k < outputs; k++) {
      out[k] = table.weight(biasBase + k);
    }
    for (int j = 0; j < nnz; j++) {
      double v = values[j];
      if (v != 0) {
        int base = slot[j] * outputs;
        for (int k = 0; k < outputs; k++) {
          out[k] += table.weight(base + k) * v;
        }
      }
    }
  }

  private double safeScore(int[] ids, double[] values, int nnz) {
    double z = table.weight(biasBase);
    if (space.kind() == FeatureSpace.Kind.HASHED) {
      for (int j = 0; j < nnz; j++) {
        double v = values[j];
        if (v != 0 && Values.usable(v)) {
          z += table.weight(space.slot(ids[j])) * v;
        }
      }
    } else {
      int dimension = space.numFeatureSlots();
      for (int j = 0; j < nnz; j++) {
        double v = values[j];
        int id = ids[j];
        // a direct or sparse id is its slot
        if (v != 0 && Values.usable(v) && Integer.compareUnsigned(id, dimension) < 0) {
          z += table.weight(id) * v;
        }
      }
    }
    return z;
  }

  private void safeScores(int[] ids, double[] values, int nnz, double[] out) {
    for (int k = 0; k < outputs; k++) {
      out[k] = table.weight(biasBase + k);
    }
    for (int j = 0; j < nnz; j++) {
      double v = values[j];
      int slot = safeSlot(ids[j]);
      if (v != 0 && slot >= 0 && Values.usable(v)) {
        int base = slot * outputs;
        for (int k = 0; k < outputs; k++) {
          out[k] += table.weight(base + k) * v;
        }
      }
    }
  }

  private int safeSlot(int id) {
    if (space.kind() != FeatureSpace.Kind.HASHED && (id < 0 || id >= space.numFeatureSlots())) {
      return -1;
    }
    return space.slot(id);
  }

  /** The coefficient of feature slot {@code slot} (the bias is slot {@link #biasSlot()}) for an output. */
  public double coefficient(int slot, int output) {
    if (slot < 0 || slot > space.numFeatureSlots() || output < 0 || output >= outputs) {
      throw new IndexOutOfBoundsException("slot " + slot + ", output " + output);
    }
    return table.weight(slot * outputs + output);
  }

  /** The bias slot. */
  public int biasSlot() {
    return space.biasSlot();
  }

  /** Number of feature slots plus the bias slot. */
  public int numSlots() {
    return space.numFeatureSlots() + 1;
  }

  /** Estimated update count of a coordinate (0 with the global rate). */
  public double updateCountEstimate(int slot, int output) {
    return table.countEstimate(slot * outputs + output);
  }

  /** Visits every non-zero coefficient as (coordinate = slot * numOutputs + output, value). */
  public void forEachNonZeroCoefficient(CoefficientVisitor visitor) {
    table.forEachNonZeroWeight(visitor::accept);
  }

  /** Receives one coordinate ({@code slot * numOutputs + output}) and its coefficient. */
  public interface CoefficientVisitor {
    void accept(int coordinate, double coefficient);
  }

  /** Examples trained on. */
  public long examplesSeen() {
    return examplesSeen;
  }

  /**
   * Training sightings of features that feature inclusion did not admit (one per feature and example; 0
   * without inclusion, see {@link FeatureInclusion}).
   */
  public long rejectedSightings() {
    return table.rejectedSightings();
  }

  /** Examples skipped because of a non-finite value or weight. */
  public long examplesSkipped() {
    return examplesSkipped;
  }

  /** Number of coordinates addressed: {@code (feature slots + 1) * outputs}. */
  public long numCoordinates() {
    return table.size();
  }

  /** Number of coordinates occupying memory (all of them for dense tables, the updated ones if sparse). */
  public long storedCoordinates() {
    return table.storedCoordinates();
  }

  /** Payload bits per coordinate: coefficient field plus counter field. */
  public int bitsPerCoordinate() {
    return config.bitsPerCoordinate();
  }

  /**
   * Exact heap bytes of this model, from the real arrays: the model object, its coefficient table (with
   * codec and counter tables), random generator and configuration, as laid out by a 64-bit JVM with
   * compressed references (the default below 32 GB of heap). Only the shared enum constants are left out.
   * Checked against JOL in the tests.
   */
  public long sizeInBytes() {
    return OBJECT_BYTES + SplitMix64.OBJECT_BYTES + config.sizeInBytes() + table.sizeInBytes()
        + (scratch == null ? 0 : RecordStore.arrayBytes(scratch.length, 8))
        + RecordStore.arrayBytes(SLOT_BUFFER, 4);
  }

  /**
   * Heap bytes of the storage that grows with the coordinates (the coefficient and counter records, or the
   * sparse map's arrays); the rest of {@link #sizeInBytes()} is a fixed overhead (tables, buffers,
   * configuration).
   */
  public long coordinateBytes() {
    return table.coordinateBytes();
  }

  /**
   * Measured bytes per stored coordinate, without the fixed overhead: {@link #coordinateBytes()} /
   * {@link #storedCoordinates()} (3.0 for a q2.13 coefficient with an 8-bit Morris counter).
   */
  public double bytesPerStoredCoordinate() {
    long n = storedCoordinates();
    return n == 0 ? 0 : (double) coordinateBytes() / n;
  }

  /** Coordinates whose counter has saturated (stops counting; the rate stays at its smallest value). */
  public long saturatedCounters() {
    return table.saturatedCounters();
  }

  // ----------------------------------------------------------------------------------------------
  // data-parallel training (SessionDelta, ParameterMixing) and host-side scores

  /** The coordinate table. */
  CoordinateTable table() {
    return table;
  }

  /** The generator of the rounding and counter decisions. */
  SplitMix64 random() {
    return random;
  }

  /** Sets the counts of examples trained on and skipped (a merged model's totals). */
  void setExampleCounts(long seen, long skipped) {
    this.examplesSeen = seen;
    this.examplesSkipped = skipped;
  }

  /** The adaptive rate's sum of squared coordinate gradients (0 with a fixed alpha). */
  double squaredGradients() {
    return squaredGradients;
  }

  /** The adaptive rate's number of coordinate gradients (0 with a fixed alpha). */
  double gradients() {
    return gradients;
  }

  /**
   * The adaptive rate's factor for the next example, {@code sqrt(gradients / squaredGradients)} (1 before any
   * gradient): derived from the two sums, so it is not stored or exchanged on its own.
   */
  double rateFactor() {
    return factor;
  }

  /**
   * Sets the adaptive rate's statistics (as a merge or a delta rebuilds them) and recomputes the next
   * example's factor from them as {@link #normalizer} does after an update, so a model given the statistics
   * of another learns as that one does.
   *
   * @throws IllegalArgumentException if either is negative or not finite
   */
  void setRateStatistics(double squaredGradients, double gradients) {
    if (!(squaredGradients >= 0 && squaredGradients <= Double.MAX_VALUE && gradients >= 0
        && gradients <= Double.MAX_VALUE)) {
      throw new IllegalArgumentException("rate statistics must be finite and >= 0, got " + squaredGradients
          + " and " + gradients);
    }
    this.squaredGradients = squaredGradients;
    this.gradients = gradients;
    this.factor = squaredGradients > 0 ? Math.sqrt(gradients / squaredGradients) : 1;
  }

  /**
   * The linear scores of an example, as {@link #probabilities(int[], double[], int, double[])} computes them
   * before the sigmoid or softmax: {@code out[0]} for a binary model, one per class otherwise.
   */
  void margins(int[] ids, double[] values, int nnz, double[] out) {
    if (outputs == 1) {
      out[0] = safeScore(ids, values, nnz);
    } else {
      safeScores(ids, values, nnz, out);
    }
  }
}
