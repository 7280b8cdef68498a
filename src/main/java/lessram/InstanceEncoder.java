package lessram;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.Serializable;
import java.util.Arrays;

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
 */
public final class InstanceEncoder implements Serializable {
  private static final long serialVersionUID = 1L;

  /** {@link ScalingMode#AUTO} standardizes headers with at most this many numeric attributes. */
  public static final int AUTO_STANDARDIZE_LIMIT = 1000;

  /** Standardized values are clipped to +- this many standard deviations. */
  public static final double STANDARDIZED_CLIP = 8.0;

  /** Marks an attribute of {@link #InstanceEncoder(int[], int, ScalingMode)} as numeric. */
  public static final int NUMERIC = 0;

  /** Marks an attribute as ignored (string, date, relational ...). */
  public static final int IGNORED = -1;

  /**
   * Per-attribute arity; null when every attribute but the class is numeric, so a wide sparse header
   * (millions of hashed numeric attributes) costs no memory per attribute.
   */
  private final int[] arity;
  private final int numAttributes;
  private final int classArity;
  private final int classIndex;
  private final ScalingMode scaling;
  /** Feature id of each attribute (first one-hot id for nominal); null when ids follow attribute order. */
  private final int[] offsets;
  private final int dimension;
  private final double[] sum;
  private final double[] sumSquares;
  private final double[] maxAbs;
  /**
   * Cached standardization (serialized so a restored learner continues exactly): per attribute the mean
   * and the inverse standard deviation (0 when the deviation is too small) of the training statistics
   * as they were at the last refresh, when {@link #observed} was {@link #refreshedAt}; the next refresh
   * happens once {@link #observed} reaches {@link #nextRefresh}. Null before the first refresh, after
   * {@link #EXACT_STANDARDIZATION_INSTANCES} training instances.
   */
  private double[] center;
  private double[] inverseDeviation;
  private long refreshedAt;
  private long nextRefresh = EXACT_STANDARDIZATION_INSTANCES;
  /**
   * True when the dense path of {@link #encode} applies: every attribute but the class is numeric, ids
   * follow attribute order, and the cached standardization covers every feature (no zero inverse
   * deviation). Set with the cache; false (the general path, same results) until then, and in learners
   * serialized before it existed.
   */
  private boolean denseCache;
  /**
   * True for an encoder read from the version-1 persisted form: it always standardizes with the
   * statistics together with the instance's own value, as version 1 did, so frozen models written then
   * predict exactly as before.
   */
  private final boolean ownValueStatistics;
  private long observed;
  private long missingValues;
  private long unseenNominalValues;

  private transient int[] ids;
  private transient double[] values;
  private transient int size;
  /** Training instances before the current one, plus one: the count of the exact standardization. */
  private transient double ownValueCount;
  /** Missing and unseen nominal values of the current instance. */
  private transient long currentMissing;
  private transient long currentUnseen;
  /** True while the current instance was encoded for prediction and not yet committed for training. */
  private transient boolean committable;
  /** True when the current instance was encoded by the dense path. */
  private transient boolean encodedDense;
  /** True when {@link #ids} holds {@code 0..dimension-1} (written by the row path, kept until another path). */
  private transient boolean identityIds;

  /**
   * An encoder for a header.
   *
   * @param arity per attribute: {@link #NUMERIC}, {@link #IGNORED}, or the number of nominal labels
   *     (&gt; 0)
   * @param classIndex index of the class attribute (ignored as a feature)
   * @param scaling numeric scaling; {@link ScalingMode#AUTO} is resolved here
   */
  public InstanceEncoder(int[] arity, int classIndex, ScalingMode scaling) {
    this(arity, classIndex, scaling, false);
  }

  private InstanceEncoder(int[] arity, int classIndex, ScalingMode scaling, boolean ownValueStatistics) {
    this.ownValueStatistics = ownValueStatistics;
    this.classIndex = classIndex;
    this.numAttributes = arity.length;
    this.classArity = classIndex >= 0 && classIndex < arity.length ? arity[classIndex] : IGNORED;
    int numeric = 0;
    boolean identity = true;
    long dim = 0;
    for (int a = 0; a < arity.length; a++) {
      if (arity[a] < IGNORED) {
        throw new IllegalArgumentException("attribute " + a + " has arity " + arity[a]);
      }
      if (a == classIndex) {
        identity &= a == arity.length - 1;
        continue;
      }
      if (arity[a] == NUMERIC) {
        numeric++;
        dim++;
      } else if (arity[a] > 0) {
        identity = false;
        dim += arity[a];
      } else {
        identity = false;
      }
    }
    if (dim > Integer.MAX_VALUE / 8) {
      throw new IllegalArgumentException("too many features: " + dim);
    }
    this.dimension = (int) dim;
    int nonClass = arity.length - (classIndex >= 0 && classIndex < arity.length ? 1 : 0);
    this.arity = numeric == nonClass ? null : arity.clone();
    if (identity) {
      this.offsets = null;
    } else {
      this.offsets = new int[arity.length];
      int next = 0;
      for (int a = 0; a < arity.length; a++) {
        offsets[a] = next;
        if (a != classIndex && arity[a] >= 0) {
          next += Math.max(arity[a], 1);
        }
      }
    }
    ScalingMode resolved = scaling;
    if (scaling == ScalingMode.AUTO) {
      resolved = numeric <= AUTO_STANDARDIZE_LIMIT ? ScalingMode.STANDARDIZE : ScalingMode.NONE;
    }
    this.scaling = resolved;
    boolean stats = resolved == ScalingMode.STANDARDIZE;
    this.sum = stats ? new double[arity.length] : null;
    this.sumSquares = stats ? new double[arity.length] : null;
    this.maxAbs = resolved == ScalingMode.MAX_ABS ? new double[arity.length] : null;
  }

  /** Number of feature ids this header produces. */
  public int dimension() {
    return dimension;
  }

  /** The scaling in effect ({@link ScalingMode#AUTO} resolved). */
  public ScalingMode scaling() {
    return scaling;
  }

  /** True if {@code otherArity} and {@code otherClassIndex} describe the same features as this encoder. */
  public boolean matches(int[] otherArity, int otherClassIndex) {
    return difference(otherArity, otherClassIndex) == null;
  }

  /** The arity of attribute {@code a} (in range). */
  private int kind(int a) {
    return arity != null ? arity[a] : a == classIndex ? classArity : NUMERIC;
  }

  /** A short description of a header difference, for error messages; null if they match. */
  public String difference(int[] otherArity, int otherClassIndex) {
    if (otherClassIndex != classIndex) {
      return "class index changed from " + classIndex + " to " + otherClassIndex;
    }
    if (otherArity.length != numAttributes) {
      return "number of attributes changed from " + numAttributes + " to " + otherArity.length;
    }
    for (int a = 0; a < numAttributes; a++) {
      int kind = kind(a);
      if (kind != otherArity[a]) {
        return "attribute " + a + " changed from " + describe(kind) + " to " + describe(otherArity[a]);
      }
    }
    return null;
  }

  private static String describe(int arity) {
    return arity == NUMERIC ? "numeric" : arity == IGNORED ? "an ignored type" : "nominal with " + arity + " labels";
  }

  /**
   * Starts a new instance. Prediction and training encode an instance identically (never using its
   * label), so a prediction sees exactly the features training will use; only a {@code training}
   * instance adds its values to the statistics.
   *
   * <p>Standardization ({@link ScalingMode#STANDARDIZE}) has two forms:
   * <ul>
   *   <li><em>exact</em>: the mean and standard deviation of the training instances so far together with
   *       the value being encoded (a square root and a division per value; including the value bounds
   *       the result by the square root of the count while the statistics are young). It is used for the
   *       first {@value #EXACT_STANDARDIZATION_INSTANCES} training instances, and afterwards for an
   *       attribute whose cached deviation is zero (constant so far, or first seen after the last
   *       refresh);</li>
   *   <li><em>cached</em>: the mean and inverse standard deviation of the training instances as of the
   *       last refresh (a subtraction and a multiplication per value). The cache is refreshed here, at the
   *       start of an instance, once the number of training instances has reached
   *       {@value #EXACT_STANDARDIZATION_INSTANCES} and then each time it has grown by
   *       1/{@value #REFRESH_GROWTH_DIVISOR}; its values depend only on the training instances, not on
   *       the predictions in between.</li>
   * </ul>
   */
  public void begin(boolean training) {
    if (ids == null) {
      ids = new int[16];
      values = new double[16];
    }
    size = 0;
    encodedDense = false;
    currentMissing = 0;
    currentUnseen = 0;
    if (sum != null) {
      ownValueCount = observed + 1.0;
      if (observed >= nextRefresh && !ownValueStatistics) {
        refresh();
      }
    }
    committable = !training;
    if (training) {
      observed++;
    }
  }

  /** Training instances standardized exactly before the cached standardization takes over. */
  public static final int EXACT_STANDARDIZATION_INSTANCES = 1024;

  /** The cached standardization is refreshed when the training count has grown by 1/this. */
  public static final int REFRESH_GROWTH_DIVISOR = 64;

  /** Recomputes the cached standardization from the statistics of all training instances so far. */
  private void refresh() {
    int n = numAttributes;
    double[] c = center;
    double[] inv = inverseDeviation;
    if (c == null) {
      c = new double[n];
      inv = new double[n];
    }
    long count = observed;
    if (count > 0) {
      double inverse = 1.0 / count;
      double[] s1 = sum;
      double[] s2 = sumSquares;
      for (int a = 0; a < n; a++) {
        double mean = s1[a] * inverse;
        double var = s2[a] * inverse - mean * mean;
        c[a] = mean;
        inv[a] = var > 1e-12 * (mean * mean + 1e-300) ? 1.0 / Math.sqrt(var) : 0.0;
      }
    }
    center = c;
    inverseDeviation = inv;
    denseCache = coversAllFeatures(inv);
    refreshedAt = count;
    nextRefresh = count + Math.max(1, count / REFRESH_GROWTH_DIVISOR);
  }

  /**
   * Turns the instance just encoded for prediction ({@code encode(attributes, attributeValues, n, false)},
   * or {@code begin(false)} and its {@code add} calls; nothing else since) into a training instance:
   * afterwards the statistics and counts are exactly as if it had been encoded again with
   * {@code training = true}, and its features (unchanged) are those that training encoding would produce.
   * Lets a predict-then-train caller encode each instance once. The caller passes the same attribute
   * indices and values again (the first {@code n} entries, unchanged, in the same order); they are read,
   * not kept.
   *
   * @throws IllegalStateException if the current instance was not encoded for prediction or was already
   *     committed
   */
  public void commitTraining(int[] attributes, double[] attributeValues, int n) {
    if (!committable) {
      throw new IllegalStateException("no instance encoded for prediction to commit");
    }
    committable = false;
    observed++;
    missingValues += currentMissing;
    unseenNominalValues += currentUnseen;
    if (sum == null && maxAbs == null) {
      return;
    }
    int ci = classIndex;
    int attributeCount = numAttributes;
    if (encodedDense) {
      // every entry but the class is a finite numeric value of attribute k at position k
      accumulate(attributeValues, ci >= 0 && ci < n ? ci : n);
      return;
    }
    for (int k = 0; k < n; k++) {
      int a = attributes[k];
      double x = attributeValues[k];
      // the values the prediction scaled: numeric, finite, not the class (x - x == 0 exactly when finite)
      if (a == ci || a < 0 || a >= attributeCount || kind(a) != NUMERIC || x - x != 0) {
        continue;
      }
      if (sum != null) {
        sum[a] += x;
        sumSquares[a] += x * x;
      } else {
        double ax = Math.abs(x);
        if (ax > maxAbs[a]) {
          maxAbs[a] = ax;
        }
      }
    }
  }

  /** Adds the first {@code f} values (attributes {@code 0..f-1}) to the standardization statistics. */
  private void accumulate(double[] attributeValues, int f) {
    double[] s1 = sum;
    double[] s2 = sumSquares;
    for (int a = 0; a < f; a++) {
      double x = attributeValues[a];
      s1[a] += x;
      s2[a] += x * x;
    }
  }

  /** True when every non-class attribute has a cached (non-zero) inverse deviation and the layout is plain. */
  private boolean coversAllFeatures(double[] inv) {
    if (arity != null || offsets != null || inv == null || ownValueStatistics) {
      return false;
    }
    for (int a = 0; a < numAttributes; a++) {
      if (a != classIndex && !(inv[a] > 0)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The dense path of {@link #encode}: an instance with one finite value per attribute in attribute order
   * (the class last, or no class), standardized with the cached mean and inverse deviation of every
   * attribute. Returns the number of features, or -1 (nothing changed) when the instance is not such.
   */
  private int encodeDense(int[] attributes, double[] attributeValues, int n, boolean training) {
    int ci = classIndex;
    // features are attributes 0..f-1: with a class (last, as the plain layout requires) all but the last
    int f = ci >= 0 && ci < n ? ci : n;
    if (f != n && f != n - 1) {
      return -1;
    }
    int[] outIds = ids;
    double[] outValues = values;
    if (outIds.length < n) {
      outIds = new int[n];
      outValues = new double[n];
      ids = outIds;
      values = outValues;
    }
    double[] c = center;
    double[] inv = inverseDeviation;
    boolean plain = attributes[n - 1] == n - 1;
    int m = 0;
    for (int a = 0; a < f; a++) {
      double x = attributeValues[a];
      // x - x == 0 exactly when x is finite
      plain &= attributes[a] == a & x - x == 0;
      double z = clipStandardized((x - c[a]) * inv[a]);
      outIds[m] = a;
      outValues[m] = z;
      m += z != 0 ? 1 : 0;
    }
    if (!plain) {
      return -1;
    }
    if (training) {
      accumulate(attributeValues, f);
    }
    encodedDense = true;
    size = m;
    return m;
  }

  /**
   * Starts the prediction encoding of a whole row for {@link LogisticRegression#probabilityRow}: {@code
   * begin(false)}, then, when the row path applies (an all-numeric header whose cached standardization
   * covers every feature, {@code n == numAttributes()}, the class last or absent), makes {@link #ids()}
   * hold {@code 0..f-1} and returns the number of features {@code f}; otherwise -1. The caller writes the
   * standardized value of feature {@code a} to {@code values()[a]} (zeros in place) and ends with
   * {@link #endRow}; {@link #commitRow} turns it into a training instance.
   */
  int beginRow(int n) {
    begin(false);
    int ci = classIndex;
    int f = ci >= 0 && ci < n ? ci : n;
    if (!denseCache || n != numAttributes || n == 0 || (f != n && f != n - 1)) {
      return -1;
    }
    if (!identityIds || values.length < f) {
      identityBuffers(f);
    }
    return f;
  }

  /** Ends a row begun by {@link #beginRow}: its {@code f} features are in place (ids {@code 0..f-1}). */
  void endRow(int f) {
    encodedDense = true;
    size = f;
  }

  /**
   * The number of features of the row that {@link LogisticRegression#probabilityRow} left here (encoded
   * for prediction, in place, not yet committed), or -1 when the current instance is not such a row.
   */
  int heldRow() {
    return encodedDense && identityIds && committable ? size : -1;
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
    committable = false;
    observed++;
    // a row has no missing or unseen values, and its header standardizes (the row path needs the cache)
    accumulate(rowValues, f);
  }

  /** The cached mean of each attribute (null before the first refresh), for the row path. */
  double[] center() {
    return center;
  }

  /** The cached inverse deviation of each attribute (null before the first refresh), for the row path. */
  double[] inverseDeviation() {
    return inverseDeviation;
  }

  /** Makes {@link #ids()} hold {@code 0..f-1} in buffers of at least {@code f} entries. */
  private void identityBuffers(int f) {
    if (ids.length < f) {
      ids = new int[f];
      values = new double[f];
    }
    for (int a = 0; a < f; a++) {
      ids[a] = a;
    }
    identityIds = true;
  }

  /**
   * A standardized value clipped to +-{@link #STANDARDIZED_CLIP} with plain comparisons (cheaper than
   * Math.min/max); NaN gives 0, like a constant attribute.
   */
  static double clipStandardized(double z) {
    if (z >= -STANDARDIZED_CLIP) {
      return z <= STANDARDIZED_CLIP ? z : STANDARDIZED_CLIP;
    }
    return z < -STANDARDIZED_CLIP ? -STANDARDIZED_CLIP : 0.0;
  }

  /**
   * Encodes a whole instance given as parallel arrays of attribute indices and values (the first
   * {@code n} entries): the same as {@link #begin(boolean)} followed by {@link #add(int, double, boolean)}
   * for each entry in order, in one loop. Returns the number of features ({@link #size()}).
   */
  public int encode(int[] attributes, double[] attributeValues, int n, boolean training) {
    begin(training);
    identityIds = false;
    if (denseCache && n == numAttributes && n > 0) {
      int m = encodeDense(attributes, attributeValues, n, training);
      if (m >= 0) {
        return m;
      }
    }
    if (sum == null || inverseDeviation == null) {
      for (int k = 0; k < n; k++) {
        add(attributes[k], attributeValues[k], training);
      }
      return size;
    }
    // standardization with the cached scaling: the loop of add(...) with the buffers in locals
    if (ids.length < n) {
      ids = new int[n];
      values = new double[n];
    }
    int[] outIds = ids;
    double[] outValues = values;
    double[] s1 = sum;
    double[] s2 = sumSquares;
    double[] c = center;
    double[] inv = inverseDeviation;
    int[] kinds = arity;
    int[] off = offsets;
    int ci = classIndex;
    int attributeCount = numAttributes;
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
      if (x - x != 0) {
        // NaN or infinite (x - x is NaN exactly then)
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
        id = off == null ? a : off[a];
        z = x;
      } else if (kind == NUMERIC) {
        id = off == null ? a : off[a];
        if (training) {
          s1[a] += x;
          s2[a] += x * x;
        }
        double d = inv[a];
        if (d == 0) {
          z = exactStandardized(a, x, training);
          if (z == 0) {
            continue;
          }
          outIds[m] = id;
          outValues[m] = z;
          m++;
          continue;
        }
        z = clipStandardized((x - c[a]) * d);
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

  /**
   * Adds the value of attribute {@code attribute}; call once per present attribute (sparse instances
   * may omit zeros). {@code training} must match {@link #begin(boolean)}.
   */
  public void add(int attribute, double value, boolean training) {
    if (attribute == classIndex || attribute < 0 || attribute >= numAttributes) {
      return;
    }
    int kind = kind(attribute);
    if (kind == IGNORED) {
      return;
    }
    if (value != value) {
      missingValues++;
      currentMissing++;
      return;
    }
    if (kind == NUMERIC) {
      int id = offsets == null ? attribute : offsets[attribute];
      double x = scale(attribute, value, training);
      if (x != 0) {
        push(id, x);
      }
    } else {
      int label = (int) value;
      if (label != value || label < 0 || label >= kind) {
        unseenNominalValues++;
        currentUnseen++;
        return;
      }
      push(offsets[attribute] + label, 1.0);
    }
  }

  private double scale(int a, double x, boolean training) {
    if (Double.isInfinite(x)) {
      return x;
    }
    if (sum != null) {
      if (training) {
        sum[a] += x;
        sumSquares[a] += x * x;
      }
      double[] inv = inverseDeviation;
      double d;
      if (inv == null || (d = inv[a]) == 0) {
        return exactStandardized(a, x, training);
      }
      return clipStandardized((x - center[a]) * d);
    }
    if (maxAbs != null) {
      double ax = Math.abs(x);
      if (training && ax > maxAbs[a]) {
        maxAbs[a] = ax;
      }
      double m = Math.max(maxAbs[a], ax);
      return m == 0 ? 0 : x / m;
    }
    return x;
  }

  /**
   * The exact standardization: mean and deviation of the training instances before this one plus this
   * value ({@code sum} and {@code sumSquares} already include it when {@code training}).
   */
  private double exactStandardized(int a, double x, boolean training) {
    double s1 = training ? sum[a] : sum[a] + x;
    double s2 = training ? sumSquares[a] : sumSquares[a] + x * x;
    double inverse = 1.0 / ownValueCount;
    double mean = s1 * inverse;
    double var = s2 * inverse - mean * mean;
    if (!(var > 1e-12 * (mean * mean + 1e-300))) {
      return 0;
    }
    double z = (x - mean) / Math.sqrt(var);
    return Math.max(-STANDARDIZED_CLIP, Math.min(STANDARDIZED_CLIP, z));
  }

  private void push(int id, double x) {
    identityIds = false;
    if (size == ids.length) {
      ids = Arrays.copyOf(ids, size * 2);
      values = Arrays.copyOf(values, size * 2);
    }
    ids[size] = id;
    values[size] = x;
    size++;
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

  /** Missing values seen so far (they contribute no feature). */
  public long missingValues() {
    return missingValues;
  }

  /** Nominal values outside the header's labels seen so far (they contribute no feature). */
  public long unseenNominalValues() {
    return unseenNominalValues;
  }

  /** An independent copy with the same statistics and cached scaling: it encodes exactly as this one. */
  public InstanceEncoder copy() {
    return new InstanceEncoder(this);
  }

  /** Copy constructor: shares the immutable layout arrays, copies the statistics. */
  private InstanceEncoder(InstanceEncoder o) {
    this.ownValueStatistics = o.ownValueStatistics;
    this.arity = o.arity;
    this.numAttributes = o.numAttributes;
    this.classArity = o.classArity;
    this.classIndex = o.classIndex;
    this.scaling = o.scaling;
    this.offsets = o.offsets;
    this.dimension = o.dimension;
    this.sum = o.sum == null ? null : o.sum.clone();
    this.sumSquares = o.sumSquares == null ? null : o.sumSquares.clone();
    this.maxAbs = o.maxAbs == null ? null : o.maxAbs.clone();
    this.observed = o.observed;
    this.missingValues = o.missingValues;
    this.unseenNominalValues = o.unseenNominalValues;
    this.center = o.center == null ? null : o.center.clone();
    this.inverseDeviation = o.inverseDeviation == null ? null : o.inverseDeviation.clone();
    this.denseCache = o.denseCache;
    this.refreshedAt = o.refreshedAt;
    this.nextRefresh = o.nextRefresh;
  }

  // ----------------------------------------------------------------------------------------------
  // binary persistence (used by frozen models; no Java serialization)

  /** Magic number of {@link #writeTo(DataOutput)}: "LREN". */
  static final int PERSISTED_MAGIC = 0x4C52454E;
  /**
   * Version of the {@link #writeTo(DataOutput)} layout. Version 2 is version 1 followed, for a
   * standardizing encoder, by its cached standardization: the training count at the last refresh, the
   * count of the next refresh, a flag (1 once a cache exists), then, if set, the mean and inverse
   * deviation of each attribute. Version 1 always standardized exactly (with the statistics together
   * with the value being encoded); an encoder read from version 1 still does.
   */
  static final int PERSISTED_VERSION = 2;
  /** The previous version, still read. */
  static final int PERSISTED_VERSION_OWN_VALUE = 1;
  /**
   * Largest attribute count {@link #readFrom(DataInput)} accepts (it bounds the temporary arrays a
   * hostile length could make the reader allocate).
   */
  public static final int MAX_PERSISTED_ATTRIBUTES = 1 << 26;

  /**
   * Writes the layout (attribute arity, class index, resolved scaling) and the scaling statistics in a
   * small versioned binary form that {@link #readFrom(DataInput)} reads back: the restored encoder
   * produces the same features for the same values. The buffer of the current instance is not written.
   */
  public void writeTo(DataOutput out) throws IOException {
    out.writeInt(PERSISTED_MAGIC);
    out.writeShort(ownValueStatistics ? PERSISTED_VERSION_OWN_VALUE : PERSISTED_VERSION);
    out.writeInt(numAttributes);
    out.writeInt(classIndex);
    out.writeInt(classArity);
    out.writeByte(scaling.ordinal());
    out.writeBoolean(arity != null);
    if (arity != null) {
      for (int a : arity) {
        out.writeInt(a);
      }
    }
    out.writeLong(observed);
    out.writeLong(missingValues);
    out.writeLong(unseenNominalValues);
    if (sum != null) {
      for (int a = 0; a < numAttributes; a++) {
        out.writeDouble(sum[a]);
        out.writeDouble(sumSquares[a]);
      }
    }
    if (maxAbs != null) {
      for (int a = 0; a < numAttributes; a++) {
        out.writeDouble(maxAbs[a]);
      }
    }
    if (sum != null && !ownValueStatistics) {
      out.writeLong(refreshedAt);
      out.writeLong(nextRefresh);
      out.writeBoolean(center != null);
      if (center != null) {
        for (int a = 0; a < numAttributes; a++) {
          out.writeDouble(center[a]);
          out.writeDouble(inverseDeviation[a]);
        }
      }
    }
  }

  /**
   * Reads an encoder written by {@link #writeTo(DataOutput)}, validating everything: magic, version,
   * counts within bounds ({@link #MAX_PERSISTED_ATTRIBUTES}), arities, the scaling mode, finite and
   * consistent statistics. Arrays grow only as their bytes arrive, so a lying length cannot make it
   * allocate much.
   *
   * @throws IOException (an {@link java.io.EOFException} if the input ends early) with a message saying
   *     what is wrong
   */
  public static InstanceEncoder readFrom(DataInput in) throws IOException {
    int magic = in.readInt();
    if (magic != PERSISTED_MAGIC) {
      throw new IOException("not an instance encoder (bad magic 0x" + Integer.toHexString(magic) + ")");
    }
    int version = in.readUnsignedShort();
    if (version != PERSISTED_VERSION && version != PERSISTED_VERSION_OWN_VALUE) {
      throw new IOException("unsupported instance encoder version " + version + " (expected "
          + PERSISTED_VERSION_OWN_VALUE + " or " + PERSISTED_VERSION + ")");
    }
    int n = in.readInt();
    if (n < 0 || n > MAX_PERSISTED_ATTRIBUTES) {
      throw new IOException("instance encoder: attribute count " + n + " outside 0.." + MAX_PERSISTED_ATTRIBUTES);
    }
    int classIndex = in.readInt();
    if (classIndex < -1 || classIndex >= Math.max(n, 1) || (n == 0 && classIndex != -1)) {
      throw new IOException("instance encoder: class index " + classIndex + " outside -1.." + (n - 1));
    }
    int classArity = in.readInt();
    if (classArity < IGNORED) {
      throw new IOException("instance encoder: class arity " + classArity);
    }
    int scalingCode = in.readUnsignedByte();
    if (scalingCode >= ScalingMode.values().length || ScalingMode.values()[scalingCode] == ScalingMode.AUTO) {
      throw new IOException("instance encoder: invalid scaling code " + scalingCode);
    }
    ScalingMode scaling = ScalingMode.values()[scalingCode];
    int hasArity = in.readUnsignedByte();
    if (hasArity > 1) {
      throw new IOException("instance encoder: invalid arity flag " + hasArity);
    }
    int[] fullArity;
    if (hasArity == 1) {
      fullArity = new int[Math.min(n, 1 << 16)];
      for (int a = 0; a < n; a++) {
        if (a == fullArity.length) {
          fullArity = Arrays.copyOf(fullArity, (int) Math.min(n, 2L * a));
        }
        int v = in.readInt();
        if (v < IGNORED) {
          throw new IOException("instance encoder: attribute " + a + " has arity " + v);
        }
        fullArity[a] = v;
      }
      if (classIndex >= 0 && fullArity[classIndex] != classArity) {
        throw new IOException("instance encoder: class arity " + classArity + " differs from the attribute's "
            + fullArity[classIndex]);
      }
    } else {
      fullArity = new int[n];
      if (classIndex >= 0) {
        fullArity[classIndex] = classArity;
      } else if (classArity != IGNORED) {
        throw new IOException("instance encoder: class arity " + classArity + " without a class");
      }
    }
    InstanceEncoder e;
    try {
      e = new InstanceEncoder(fullArity, classIndex, scaling, version == PERSISTED_VERSION_OWN_VALUE);
    } catch (IllegalArgumentException ex) {
      throw new IOException("instance encoder: " + ex.getMessage(), ex);
    }
    if ((e.arity != null) != (hasArity == 1)) {
      throw new IOException("instance encoder: arity table " + (hasArity == 1 ? "present" : "absent")
          + " but the attributes say otherwise");
    }
    e.observed = readCount(in, "observed");
    e.missingValues = readCount(in, "missing values");
    e.unseenNominalValues = readCount(in, "unseen nominal values");
    if (e.sum != null) {
      for (int a = 0; a < n; a++) {
        double s = in.readDouble();
        double s2 = in.readDouble();
        if (!Double.isFinite(s) || !Double.isFinite(s2) || s2 < 0) {
          throw new IOException("instance encoder: invalid statistics for attribute " + a + " (sum " + s
              + ", sum of squares " + s2 + ")");
        }
        e.sum[a] = s;
        e.sumSquares[a] = s2;
      }
    }
    if (e.maxAbs != null) {
      for (int a = 0; a < n; a++) {
        double m = in.readDouble();
        if (!Double.isFinite(m) || m < 0) {
          throw new IOException("instance encoder: invalid max |x| " + m + " for attribute " + a);
        }
        e.maxAbs[a] = m;
      }
    }
    if (e.sum != null && !e.ownValueStatistics) {
      long at = readCount(in, "instances at the last scaling refresh");
      long next = readCount(in, "instances at the next scaling refresh");
      // next == at: refresh at the next instance (a learner serialized before the cache existed)
      if (at > e.observed || next < at) {
        throw new IOException("instance encoder: invalid scaling refresh counts " + at + " and " + next
            + " for " + e.observed + " training instances");
      }
      int cached = in.readUnsignedByte();
      if (cached > 1) {
        throw new IOException("instance encoder: invalid cached scaling flag " + cached);
      }
      double[] c = cached == 1 ? new double[Math.min(n, 1 << 16)] : null;
      double[] inv = cached == 1 ? new double[c.length] : null;
      for (int a = 0; cached == 1 && a < n; a++) {
        if (a == c.length) {
          c = Arrays.copyOf(c, (int) Math.min(n, 2L * a));
          inv = Arrays.copyOf(inv, c.length);
        }
        double mean = in.readDouble();
        double inverse = in.readDouble();
        if (!Double.isFinite(mean) || !Double.isFinite(inverse) || inverse < 0) {
          throw new IOException("instance encoder: invalid cached scaling for attribute " + a + " (mean "
              + mean + ", inverse deviation " + inverse + ")");
        }
        c[a] = mean;
        inv[a] = inverse;
      }
      e.center = c;
      e.inverseDeviation = inv;
      e.denseCache = e.coversAllFeatures(inv);
      e.refreshedAt = at;
      e.nextRefresh = next;
    }
    return e;
  }

  private static long readCount(DataInput in, String what) throws IOException {
    long v = in.readLong();
    if (v < 0) {
      throw new IOException("instance encoder: negative count of " + what + ": " + v);
    }
    return v;
  }

  /** Number of attributes of the header this encoder was made for. */
  public int numAttributes() {
    return numAttributes;
  }

  /** Index of the class attribute (-1 if none). */
  public int classIndex() {
    return classIndex;
  }

  /** The arity of attribute {@code a}: {@link #NUMERIC}, {@link #IGNORED} or the number of labels. */
  public int arity(int a) {
    if (a < 0 || a >= numAttributes) {
      throw new IndexOutOfBoundsException("attribute " + a);
    }
    return kind(a);
  }

  /** Heap bytes of an encoder object itself (header and fields, 64-bit JVM, compressed references). */
  static final long OBJECT_BYTES = 144;

  /** Heap bytes of this encoder's arrays and fields (the shared scaling constant left out). */
  public long sizeInBytes() {
    long bytes = OBJECT_BYTES + (arity == null ? 0 : RecordStore.arrayBytes(arity.length, 4));
    if (offsets != null) {
      bytes += RecordStore.arrayBytes(offsets.length, 4);
    }
    if (sum != null) {
      bytes += 2 * RecordStore.arrayBytes(sum.length, 8);
    }
    if (center != null) {
      bytes += 2 * RecordStore.arrayBytes(center.length, 8);
    }
    if (maxAbs != null) {
      bytes += RecordStore.arrayBytes(maxAbs.length, 8);
    }
    if (ids != null) {
      bytes += RecordStore.arrayBytes(ids.length, 4) + RecordStore.arrayBytes(values.length, 8);
    }
    return bytes;
  }

  // ----------------------------------------------------------------------------------------------
  // data-parallel training (ParameterMixing): the training statistics of copies, merged

  /** Training instances, missing values and unseen nominal values seen, in that order. */
  long[] trainingCounts() {
    return new long[] {observed, missingValues, unseenNominalValues};
  }

  /**
   * Copies of the scaling statistics: the per-attribute sums and sums of squares (standardize), the
   * per-attribute largest magnitudes (max-abs), or none.
   */
  double[][] scalingStatistics() {
    if (sum != null) {
      return new double[][] {sum.clone(), sumSquares.clone()};
    }
    return maxAbs != null ? new double[][] {maxAbs.clone()} : new double[0][];
  }

  /**
   * Copies of the cached standardization: the per-attribute means and inverse deviations, or none (no cache
   * yet, or no standardization).
   */
  double[][] cachedStandardization() {
    return center == null ? new double[0][] : new double[][] {center.clone(), inverseDeviation.clone()};
  }

  /**
   * The feature ids attribute {@code a} can produce: {@code [first, first + count)} packed as {@code first << 32 |
   * count}; count 0 for the class and ignored attributes.
   */
  long featureRange(int a) {
    if (a == classIndex || a < 0 || a >= numAttributes) {
      return 0;
    }
    int kind = kind(a);
    if (kind == IGNORED) {
      return 0;
    }
    int first = offsets == null ? a : offsets[a];
    return (long) first << 32 | (kind == NUMERIC ? 1 : kind);
  }

  /** The training counts of the last and the next refresh of the cached standardization. */
  long[] refreshPoints() {
    return new long[] {refreshedAt, nextRefresh};
  }

  /**
   * Restores a training state taken from an encoder of the same header (the forms of {@link #trainingCounts()},
   * {@link #scalingStatistics()}, {@link #cachedStandardization()} and {@link #refreshPoints()}), exactly: this
   * encoder then encodes as that one did.
   */
  void restoreTrainingState(long[] counts, double[][] statistics, double[][] cache, long[] refresh) {
    observed = counts[0];
    missingValues = counts[1];
    unseenNominalValues = counts[2];
    if (sum != null) {
      System.arraycopy(statistics[0], 0, sum, 0, sum.length);
      System.arraycopy(statistics[1], 0, sumSquares, 0, sumSquares.length);
      center = cache.length == 0 ? null : cache[0].clone();
      inverseDeviation = cache.length == 0 ? null : cache[1].clone();
      denseCache = coversAllFeatures(inverseDeviation);
      refreshedAt = refresh[0];
      nextRefresh = refresh[1];
    } else if (maxAbs != null) {
      System.arraycopy(statistics[0], 0, maxAbs, 0, maxAbs.length);
    }
  }

  /**
   * Replaces the training statistics (in the forms {@link #trainingCounts()} and {@link #scalingStatistics()}
   * return) and recomputes the cached standardization from them, as a refresh after that many training
   * instances would: the exact standardization below {@link #EXACT_STANDARDIZATION_INSTANCES}.
   */
  void setTrainingStatistics(long[] counts, double[][] statistics) {
    observed = counts[0];
    missingValues = counts[1];
    unseenNominalValues = counts[2];
    if (sum != null) {
      System.arraycopy(statistics[0], 0, sum, 0, sum.length);
      System.arraycopy(statistics[1], 0, sumSquares, 0, sumSquares.length);
      if (observed >= EXACT_STANDARDIZATION_INSTANCES && !ownValueStatistics) {
        refresh();
      } else {
        center = null;
        inverseDeviation = null;
        denseCache = false;
        refreshedAt = 0;
        nextRefresh = EXACT_STANDARDIZATION_INSTANCES;
      }
    } else if (maxAbs != null) {
      System.arraycopy(statistics[0], 0, maxAbs, 0, maxAbs.length);
    }
  }
}
