package lessram;

import java.io.DataOutput;
import java.io.IOException;
import java.io.Serializable;
import java.util.Arrays;
import lessram.compressed.CheckedInput;

/**
 * Turns the attribute values of a tabular instance (MOA or Weka, described here without their types)
 * into the sparse feature ids and values a {@link LogisticRegression} consumes. Both adapters use this
 * one class, so the MOA and Weka learners see identical features for identical data.
 *
 * <ul>
 *   <li>A numeric attribute is one feature, scaled by the {@link ScalingMode}.</li>
 *   <li>A nominal attribute with {@code V} values is {@code V} one-hot features (value 1 for the observed
 *       label).</li>
 *   <li>A missing value (NaN) contributes nothing (the feature is absent) and is counted.</li>
 *   <li>A nominal value outside the header's labels contributes nothing and is counted.</li>
 *   <li>An infinite numeric value is passed on, so the model skips the example and counts it.</li>
 *   <li>The class attribute and attributes of other types (string, date, relational) are ignored.</li>
 * </ul>
 * Feature ids are dense: {@code 0..dimension()-1}. Not thread-safe (one buffer per encoder).
 *
 * <p>Three parts do the work: the {@link HeaderLayout} (where each attribute's features go), the
 * {@link ScalingStatistics} (the numeric scaling and its training statistics) and {@link EncoderFormat}
 * (the persisted form). This class holds the buffer of the current instance and fills it by one of three
 * paths that give the same features:
 * <ul>
 *   <li>per value ({@link #begin} and {@link #add}, or {@link #encode} when no standardization cache
 *       exists yet);</li>
 *   <li>{@link #encode} in one loop with the cached standardization;</li>
 *   <li>the dense path of {@link #encode}, and the row path of {@link LogisticRegression#probabilityRow},
 *       for a plain layout (every attribute numeric but the class, which is last) whose cache covers every
 *       feature: no per-value checks but one for finiteness.</li>
 * </ul>
 * What the buffer holds, and so what {@link #commitTraining} must do, is one {@link Held} state.
 */
public final class InstanceEncoder implements Serializable {
  private static final long serialVersionUID = 2L;

  /** {@link ScalingMode#AUTO} standardizes headers with at most this many numeric attributes. */
  public static final int AUTO_STANDARDIZE_LIMIT = 1000;

  /** Standardized values are clipped to +- this many standard deviations. */
  public static final double STANDARDIZED_CLIP = 8.0;

  /** Marks an attribute of {@link #InstanceEncoder(int[], int, ScalingMode)} as numeric. */
  public static final int NUMERIC = 0;

  /** Marks an attribute as ignored (string, date, relational ...). */
  public static final int IGNORED = -1;

  /** Training instances standardized exactly before the cached standardization takes over. */
  public static final int EXACT_STANDARDIZATION_INSTANCES = 1024;

  /** The cached standardization is refreshed when the training count has grown by 1/this. */
  public static final int REFRESH_GROWTH_DIVISOR = 64;

  /**
   * Largest attribute count {@link #readFrom} accepts (besides the check of every length against the
   * bytes that remain).
   */
  public static final int MAX_PERSISTED_ATTRIBUTES = EncoderFormat.MAX_ATTRIBUTES;

  /** Heap bytes of an encoder object itself (header and fields, 64-bit JVM, compressed references). */
  static final long OBJECT_BYTES = 72;

  /** What the buffer holds, which decides what {@link #commitTraining} does. */
  enum Held {
    /** Nothing to commit: no instance yet, an instance encoded for training, or one already committed. */
    SETTLED,
    /** An instance encoded for prediction value by value: a commit reads its values again one by one. */
    PREDICTION,
    /**
     * An instance encoded for prediction by the dense path (one finite value per attribute in attribute
     * order): a commit adds the first {@code f} values to the statistics in one loop.
     */
    DENSE_PREDICTION,
    /**
     * A row encoded for prediction by the row path: ids {@code 0..f-1} with their values in place, zeros
     * included ({@link #heldRow()}); committed like {@link #DENSE_PREDICTION} or by {@link #commitRow}.
     */
    ROW
  }

  private final HeaderLayout layout;
  private final ScalingStatistics statistics;
  private long missingValues;
  private long unseenNominalValues;

  private transient int[] ids;
  private transient double[] values;
  private transient int size;
  /** What the buffer holds; null (before the first instance, after deserialization) as {@link Held#SETTLED}. */
  private transient Held held;
  /** {@link #ids} holds {@code 0..identityIds-1} in its first entries (written by the row path). */
  private transient int identityIds;
  /** Missing and unseen nominal values of the current instance. */
  private transient int currentMissing;
  private transient int currentUnseen;
  /** True when the current instance holds a numeric value that is not usable ({@link Values}). */
  private transient boolean currentUnusable;

  /**
   * An encoder for a header.
   *
   * @param arity per attribute: {@link #NUMERIC}, {@link #IGNORED}, or the number of nominal labels
   *     (&gt; 0)
   * @param classIndex index of the class attribute (ignored as a feature)
   * @param scaling numeric scaling; {@link ScalingMode#AUTO} is resolved here
   */
  public InstanceEncoder(int[] arity, int classIndex, ScalingMode scaling) {
    this(HeaderLayout.of(arity, classIndex), scaling);
  }

  /** An encoder for a layout, with fresh statistics ({@link ScalingMode#AUTO} resolved here). */
  InstanceEncoder(HeaderLayout layout, ScalingMode scaling) {
    this(layout, new ScalingStatistics(resolve(scaling, layout), layout.numAttributes()), 0, 0);
  }

  /** An encoder of given parts (the persisted form's reader, {@link #copy()}). */
  InstanceEncoder(HeaderLayout layout, ScalingStatistics statistics, long missingValues,
      long unseenNominalValues) {
    this.layout = layout;
    this.statistics = statistics;
    this.missingValues = missingValues;
    this.unseenNominalValues = unseenNominalValues;
  }

  private static ScalingMode resolve(ScalingMode scaling, HeaderLayout layout) {
    if (scaling != ScalingMode.AUTO) {
      return scaling;
    }
    return layout.numericAttributes() <= AUTO_STANDARDIZE_LIMIT ? ScalingMode.STANDARDIZE : ScalingMode.NONE;
  }

  // ----------------------------------------------------------------------------------------------
  // the header and the scaling

  /** Number of feature ids this header produces. */
  public int dimension() {
    return layout.dimension();
  }

  /** The scaling in effect ({@link ScalingMode#AUTO} resolved). */
  public ScalingMode scaling() {
    return statistics.mode;
  }

  /** Number of attributes of the header this encoder was made for. */
  public int numAttributes() {
    return layout.numAttributes();
  }

  /** Index of the class attribute (-1 if none). */
  public int classIndex() {
    return layout.classIndex();
  }

  /** The arity of attribute {@code a}: {@link #NUMERIC}, {@link #IGNORED} or the number of labels. */
  public int arity(int a) {
    if (a < 0 || a >= layout.numAttributes()) {
      throw new IndexOutOfBoundsException("attribute " + a);
    }
    return layout.kind(a);
  }

  /**
   * A short description of how a header differs from this encoder's, for error messages; null if they
   * match. With {@code labelsMayGrow}, nominal attributes (the class among them) may have more labels than
   * the encoder's: their new labels are unseen values here (counted).
   */
  public String difference(int[] otherArity, int otherClassIndex, boolean labelsMayGrow) {
    return layout.difference(otherArity, otherClassIndex, labelsMayGrow);
  }

  HeaderLayout layout() {
    return layout;
  }

  ScalingStatistics statistics() {
    return statistics;
  }

  /** Missing values seen so far (they contribute no feature). */
  public long missingValues() {
    return missingValues;
  }

  /** Nominal values outside the header's labels seen so far (they contribute no feature). */
  public long unseenNominalValues() {
    return unseenNominalValues;
  }

  // ----------------------------------------------------------------------------------------------
  // encoding value by value

  /**
   * Starts a new instance, value by value ({@link #add}). Prediction and training encode an instance
   * identically (never using its label), so a prediction sees exactly the features training will use; an
   * instance becomes a training instance, and enters the scaling statistics, when it is committed
   * ({@link #commitTraining}). The cached standardization is refreshed here when due (see
   * {@link ScalingStatistics}).
   */
  public void begin() {
    if (ids == null) {
      ids = new int[16];
      values = new double[16];
    }
    size = 0;
    currentMissing = 0;
    currentUnseen = 0;
    currentUnusable = false;
    statistics.begin();
    held = Held.PREDICTION;
  }

  /**
   * Adds the value of attribute {@code attribute}; call once per present attribute (sparse instances
   * may omit zeros).
   */
  public void add(int attribute, double value) {
    HeaderLayout l = layout;
    if (attribute == l.classIndex() || attribute < 0 || attribute >= l.numAttributes()) {
      return;
    }
    int kind = l.kind(attribute);
    if (kind == IGNORED) {
      return;
    }
    if (value != value) {
      missingValues++;
      currentMissing++;
      return;
    }
    if (kind == NUMERIC) {
      currentUnusable |= !Values.usable(value);
      double x = statistics.scale(attribute, value);
      if (x != 0) {
        push(l.firstId(attribute), x);
      }
    } else {
      int label = (int) value;
      if (label != value || label < 0 || label >= kind) {
        unseenNominalValues++;
        currentUnseen++;
        return;
      }
      push(l.firstId(attribute) + label, 1.0);
    }
  }

  private void push(int id, double x) {
    identityIds = 0;
    if (size == ids.length) {
      ids = Arrays.copyOf(ids, size * 2);
      values = Arrays.copyOf(values, size * 2);
    }
    ids[size] = id;
    values[size] = x;
    size++;
  }

  /** Makes the buffers hold at least {@code n} features (their contents are then undefined). */
  private void capacity(int n) {
    if (ids.length < n) {
      ids = new int[n];
      values = new double[n];
    }
  }

  /** Feature ids of the current instance (first {@link #size()} entries valid). */
  public int[] ids() {
    return ids;
  }

  /** Feature values of the current instance (first {@link #size()} entries valid). */
  public double[] values() {
    return values;
  }

  /** Number of features of the current instance. */
  public int size() {
    return size;
  }

  // ----------------------------------------------------------------------------------------------
  // encoding a whole instance

  /**
   * Encodes a whole instance given as parallel arrays of attribute indices and values (the first
   * {@code n} entries): the same as {@link #begin()} followed by {@link #add(int, double)} for each entry
   * in order, in one loop; a {@code training} instance is then committed to the statistics, as
   * {@link #commitTraining} would (unless it holds an unusable value, see there). Returns the number of
   * features ({@link #size()}).
   */
  public int encode(int[] attributes, double[] attributeValues, int n, boolean training) {
    begin();
    identityIds = 0;
    int m = -1;
    if (n > 0 && n == layout.numAttributes() && densePathApplies()) {
      m = encodeDense(attributes, attributeValues, n);
    }
    if (m < 0) {
      ScalingStatistics s = statistics;
      if (s.sum == null || s.inverseDeviation == null) {
        for (int k = 0; k < n; k++) {
          add(attributes[k], attributeValues[k]);
        }
        m = size;
      } else {
        m = encodeCached(attributes, attributeValues, n);
      }
    }
    if (training) {
      // this encoding is the training one: the statistics take it now, its values are counted once
      commit(attributes, attributeValues, n, false);
    }
    return m;
  }

  /**
   * True when the layout is plain ({@link HeaderLayout#isPlain()}) and the cached standardization covers
   * every feature: the dense and row paths apply to an instance with a finite value for each attribute.
   */
  private boolean densePathApplies() {
    HeaderLayout l = layout;
    return l.isPlain() && statistics.covers(l.dimension());
  }

  /**
   * The dense path of {@link #encode}: an instance with one finite value per attribute in attribute order
   * (the class last, or no class), standardized with the cached mean and inverse deviation of every
   * attribute. Returns the number of features, or -1 (nothing changed) when the instance is not such.
   */
  private int encodeDense(int[] attributes, double[] attributeValues, int n) {
    // n is the number of attributes (see encode); features are attributes 0..f-1: with a class (last, as
    // the plain layout requires) all but the last
    int f = layout.dimension();
    capacity(n);
    int[] outIds = ids;
    double[] outValues = values;
    double[] c = statistics.center;
    double[] inv = statistics.inverseDeviation;
    boolean plain = attributes[n - 1] == n - 1;
    int m = 0;
    for (int a = 0; a < f; a++) {
      double x = attributeValues[a];
      plain &= attributes[a] == a & Values.usable(x);
      double z = ScalingStatistics.clipStandardized((x - c[a]) * inv[a]);
      outIds[m] = a;
      outValues[m] = z;
      m += z != 0 ? 1 : 0;
    }
    if (!plain) {
      return -1;
    }
    held = Held.DENSE_PREDICTION;
    size = m;
    return m;
  }

  /**
   * {@link #encode} with the cached standardization: the loop of {@link #add} with the buffers, the
   * layout and the statistics in locals.
   */
  private int encodeCached(int[] attributes, double[] attributeValues, int n) {
    capacity(n);
    int[] outIds = ids;
    double[] outValues = values;
    ScalingStatistics s = statistics;
    double[] c = s.center;
    double[] inv = s.inverseDeviation;
    HeaderLayout l = layout;
    int[] kinds = l.arityTable();
    int[] off = l.offsetTable();
    int skipped = l.skippedAttribute();
    int ci = l.classIndex();
    int attributeCount = l.numAttributes();
    int m = 0;
    for (int k = 0; k < n; k++) {
      int a = attributes[k];
      double x = attributeValues[k];
      if (a == ci || a < 0 || a >= attributeCount) {
        continue;
      }
      int kind = kinds == null ? NUMERIC : kinds[a];
      if (kind == IGNORED) {
        continue;
      }
      int id;
      double z;
      if (!Values.usable(x)) {
        // NaN (missing), infinite or beyond the usable magnitude
        if (x != x) {
          missingValues++;
          currentMissing++;
          continue;
        }
        if (kind != NUMERIC) {
          unseenNominalValues++;
          currentUnseen++;
          continue;
        }
        // passed on, so the model skips the example and counts it
        currentUnusable = true;
        id = off != null ? off[a] : a > skipped ? a - 1 : a;
        z = x;
      } else if (kind == NUMERIC) {
        id = off != null ? off[a] : a > skipped ? a - 1 : a;
        double d = inv[a];
        z = d == 0 ? s.exactStandardized(a, x) : ScalingStatistics.clipStandardized((x - c[a]) * d);
        if (z == 0) {
          continue;
        }
      } else {
        int label = (int) x;
        if (label != x || label < 0 || label >= kind) {
          unseenNominalValues++;
          currentUnseen++;
          continue;
        }
        id = off[a] + label;
        z = 1.0;
      }
      outIds[m] = id;
      outValues[m] = z;
      m++;
    }
    size = m;
    return m;
  }

  // ----------------------------------------------------------------------------------------------
  // predict, then train

  /**
   * True when the instance just encoded holds a numeric value that is not usable (infinite, or beyond
   * {@link Values#LIMIT} in magnitude): the model will not train on it, and it must not be committed.
   */
  public boolean holdsUnusableValue() {
    return currentUnusable;
  }

  /**
   * Turns the instance just encoded for prediction ({@code encode(attributes, attributeValues, n, false)},
   * or {@code begin()} and its {@code add} calls; nothing else since) into a training instance:
   * afterwards the statistics and counts are exactly as if it had been encoded again with
   * {@code training = true}, and its features (unchanged) are those that training encoding would produce.
   * An instance holding a numeric value that is not usable ({@link Values}: infinite or beyond the usable
   * magnitude) is not trained on by the model, so the statistics do not take it either (its missing and
   * unseen values are counted).
   * Lets a predict-then-train caller encode each instance once. The caller passes the same attribute
   * indices and values again (the first {@code n} entries, unchanged, in the same order); they are read,
   * not kept.
   *
   * @throws IllegalStateException if the current instance was not encoded for prediction or was already
   *     committed
   */
  public void commitTraining(int[] attributes, double[] attributeValues, int n) {
    commit(attributes, attributeValues, n, true);
  }

  /**
   * {@link #commitTraining}; {@code recount} counts the instance's missing and unseen values once more (a
   * committed prediction is a second encoding of the instance, a training encoding is not).
   */
  private void commit(int[] attributes, double[] attributeValues, int n, boolean recount) {
    Held h = held;
    if (h == null || h == Held.SETTLED) {
      throw new IllegalStateException("no instance encoded for prediction to commit");
    }
    held = Held.SETTLED;
    if (recount) {
      missingValues += currentMissing;
      unseenNominalValues += currentUnseen;
    }
    if (currentUnusable) {
      // the model will not train on it: the scaling statistics do not take it either
      return;
    }
    ScalingStatistics s = statistics;
    s.countTraining();
    if (s.mode == ScalingMode.NONE) {
      return;
    }
    if (h == Held.PREDICTION) {
      s.observeValues(layout, attributes, attributeValues, n);
    } else {
      // every entry but the class (last) is a finite numeric value of attribute k at position k
      s.observeRow(attributeValues, layout.dimension());
    }
  }


  // ----------------------------------------------------------------------------------------------
  // the row path of LogisticRegression.probabilityRow / learnRow

  /**
   * Starts the prediction encoding of a whole row for {@link LogisticRegression#probabilityRow}: {@code
   * begin(false)}, then, when the row path applies (an all-numeric header whose cached standardization
   * covers every feature, {@code n == numAttributes()}, the class last or absent), makes {@link #ids()}
   * hold {@code 0..f-1} and returns the number of features {@code f}; otherwise -1. The caller writes the
   * standardized value of feature {@code a} to {@code values()[a]} (zeros in place) and ends with
   * {@link #endRow}; {@link #commitRow} turns it into a training instance.
   */
  int beginRow(int n) {
    begin();
    if (n == 0 || n != layout.numAttributes() || !densePathApplies()) {
      return -1;
    }
    int f = layout.dimension();
    if (identityIds < f) {
      identityBuffers(f);
    }
    return f;
  }

  /** Makes {@link #ids()} hold {@code 0..f-1} in buffers of at least {@code f} entries. */
  private void identityBuffers(int f) {
    capacity(f);
    for (int a = 0; a < f; a++) {
      ids[a] = a;
    }
    identityIds = f;
  }

  /** Ends a row begun by {@link #beginRow}: its {@code f} features are in place (ids {@code 0..f-1}). */
  void endRow(int f) {
    held = Held.ROW;
    size = f;
  }

  /**
   * The number of features of the row that {@link LogisticRegression#probabilityRow} left here (encoded
   * for prediction, in place, not yet committed), or -1 when the current instance is not such a row.
   */
  int heldRow() {
    return held == Held.ROW ? size : -1;
  }

  /**
   * {@link #commitTraining} for the row that {@link LogisticRegression#probabilityRow} left here, given
   * its raw feature values (the copy it made): the training statistics take them, the count grows.
   *
   * @throws IllegalStateException if no such row is held
   */
  void commitRow(double[] rowValues) {
    int f = heldRow();
    if (f < 0) {
      throw new IllegalStateException("no row encoded for prediction to commit");
    }
    held = Held.SETTLED;
    statistics.countTraining();
    // a row has no missing or unseen values, and its header standardizes (the row path needs the cache)
    statistics.observeRow(rowValues, f);
  }

  /** The cached mean of each attribute (null before the first refresh), for the row path. */
  double[] center() {
    return statistics.center;
  }

  /** The cached inverse deviation of each attribute (null before the first refresh), for the row path. */
  double[] inverseDeviation() {
    return statistics.inverseDeviation;
  }

  /**
   * A standardized value clipped to +-{@link #STANDARDIZED_CLIP} with plain comparisons (cheaper than
   * Math.min/max); NaN gives 0, like a constant attribute.
   */
  static double clipStandardized(double z) {
    return ScalingStatistics.clipStandardized(z);
  }

  /** What the buffer holds (null before the first instance). */
  Held held() {
    return held;
  }

  // ----------------------------------------------------------------------------------------------
  // copies, persistence, memory

  /** An independent copy with the same statistics and cached scaling: it encodes exactly as this one. */
  public InstanceEncoder copy() {
    return new InstanceEncoder(layout, statistics.copy(), missingValues, unseenNominalValues);
  }

  /**
   * Writes the layout (attribute arity, class index, resolved scaling) and the scaling statistics in a
   * small versioned binary form ({@link EncoderFormat}) that {@link #readFrom} reads back: the restored
   * encoder produces the same features for the same values. The buffer of the current instance is not
   * written.
   */
  public void writeTo(DataOutput out) throws IOException {
    EncoderFormat.write(this, out);
  }

  /**
   * Reads an encoder written by {@link #writeTo(DataOutput)} (or by the first version of that form,
   * converted), validating everything: the preamble, counts within bounds and within the bytes that
   * remain before anything is allocated for them, arities, the scaling mode, finite and consistent
   * statistics.
   *
   * @throws IOException (an {@link java.io.EOFException} if the input ends early or a length exceeds what
   *     remains) with a message saying what is wrong
   */
  public static InstanceEncoder readFrom(CheckedInput in) throws IOException {
    return EncoderFormat.read(in);
  }

  /** Heap bytes of this encoder's objects and arrays (the shared scaling and state constants left out). */
  public long sizeInBytes() {
    long bytes = OBJECT_BYTES + layout.sizeInBytes() + statistics.sizeInBytes();
    if (ids != null) {
      bytes += RecordStore.arrayBytes(ids.length, 4) + RecordStore.arrayBytes(values.length, 8);
    }
    return bytes;
  }

  // ----------------------------------------------------------------------------------------------
  // data-parallel training (ParameterMixing): the training statistics of copies, merged

  /** Training instances, missing values and unseen nominal values seen, in that order. */
  long[] trainingCounts() {
    return new long[] {statistics.observed, missingValues, unseenNominalValues};
  }

  /**
   * Copies of the scaling statistics: the per-attribute sums and sums of squares (standardize), the
   * per-attribute largest magnitudes (max-abs), or none.
   */
  double[][] scalingStatistics() {
    ScalingStatistics s = statistics;
    if (s.sum != null) {
      return new double[][] {s.sum.clone(), s.sumSquares.clone()};
    }
    return s.maxAbs != null ? new double[][] {s.maxAbs.clone()} : new double[0][];
  }

  /**
   * Copies of the cached standardization: the per-attribute means and inverse deviations, or none (no cache
   * yet, or no standardization).
   */
  double[][] cachedStandardization() {
    ScalingStatistics s = statistics;
    return s.center == null ? new double[0][] : new double[][] {s.center.clone(), s.inverseDeviation.clone()};
  }

  /**
   * The feature ids attribute {@code a} can produce: {@code [first, first + count)} packed as {@code first << 32 |
   * count}; count 0 for the class and ignored attributes.
   */
  long featureRange(int a) {
    HeaderLayout h = layout;
    if (a == h.classIndex() || a < 0 || a >= h.numAttributes()) {
      return 0;
    }
    int kind = h.kind(a);
    if (kind == IGNORED) {
      return 0;
    }
    return (long) h.firstId(a) << 32 | (kind == NUMERIC ? 1 : kind);
  }

  /** The training counts of the last and the next refresh of the cached standardization. */
  long[] refreshPoints() {
    return new long[] {statistics.refreshedAt, statistics.nextRefresh};
  }

  /**
   * Restores a training state taken from an encoder of the same header (the forms of {@link #trainingCounts()},
   * {@link #scalingStatistics()}, {@link #cachedStandardization()} and {@link #refreshPoints()}), exactly: this
   * encoder then encodes as that one did.
   */
  void restoreTrainingState(long[] counts, double[][] statistics, double[][] cache, long[] refresh) {
    ScalingStatistics s = copyStatistics(counts, statistics);
    if (s.sum != null) {
      s.setCache(cache.length == 0 ? null : cache[0].clone(), cache.length == 0 ? null : cache[1].clone());
      s.refreshedAt = refresh[0];
      s.nextRefresh = refresh[1];
    }
  }

  /** Sets the counts and copies the scaling statistics in ({@link #restoreTrainingState}'s forms), not the cache. */
  private ScalingStatistics copyStatistics(long[] counts, double[][] statistics) {
    ScalingStatistics s = this.statistics;
    s.observed = counts[0];
    missingValues = counts[1];
    unseenNominalValues = counts[2];
    if (s.sum != null) {
      System.arraycopy(statistics[0], 0, s.sum, 0, s.sum.length);
      System.arraycopy(statistics[1], 0, s.sumSquares, 0, s.sumSquares.length);
    } else if (s.maxAbs != null) {
      System.arraycopy(statistics[0], 0, s.maxAbs, 0, s.maxAbs.length);
    }
    return s;
  }

  /**
   * Replaces the training statistics (in the forms {@link #trainingCounts()} and {@link #scalingStatistics()}
   * return) and recomputes the cached standardization from them, as a refresh after that many training
   * instances would: the exact standardization below {@link #EXACT_STANDARDIZATION_INSTANCES}. A cache that
   * never refreshes is kept.
   */
  void setTrainingStatistics(long[] counts, double[][] statistics) {
    ScalingStatistics s = copyStatistics(counts, statistics);
    if (s.sum == null || s.nextRefresh == Long.MAX_VALUE) {
      return;
    }
    if (s.observed >= EXACT_STANDARDIZATION_INSTANCES) {
      s.refresh();
    } else {
      s.setCache(null, null);
      s.refreshedAt = 0;
      s.nextRefresh = EXACT_STANDARDIZATION_INSTANCES;
    }
  }
}
