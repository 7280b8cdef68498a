package lessram;

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
  private long observed;
  private long missingValues;
  private long unseenNominalValues;

  private transient int[] ids;
  private transient double[] values;
  private transient int size;

  /**
   * An encoder for a header.
   *
   * @param arity per attribute: {@link #NUMERIC}, {@link #IGNORED}, or the number of nominal labels
   *     (&gt; 0)
   * @param classIndex index of the class attribute (ignored as a feature)
   * @param scaling numeric scaling; {@link ScalingMode#AUTO} is resolved here
   */
  public InstanceEncoder(int[] arity, int classIndex, ScalingMode scaling) {
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
   * Starts a new instance. {@code training} instances update the scaling statistics (predict-then-train
   * keeps them prequential: an instance is scaled with statistics that include its own values only when
   * it is trained on).
   */
  public void begin(boolean training) {
    if (ids == null) {
      ids = new int[16];
      values = new double[16];
    }
    size = 0;
    if (training) {
      observed++;
    }
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
        return;
      }
      push(offsets[attribute] + label, 1.0);
    }
  }

  private double scale(int a, double x, boolean training) {
    if (Double.isInfinite(x)) {
      return x;
    }
    switch (scaling) {
      case STANDARDIZE: {
        if (training) {
          sum[a] += x;
          sumSquares[a] += x * x;
        }
        long n = Math.max(observed, 1);
        double mean = sum[a] / n;
        double var = sumSquares[a] / n - mean * mean;
        if (!(var > 1e-12 * (mean * mean + 1e-300))) {
          return 0;
        }
        double z = (x - mean) / Math.sqrt(var);
        return Math.max(-STANDARDIZED_CLIP, Math.min(STANDARDIZED_CLIP, z));
      }
      case MAX_ABS: {
        double ax = Math.abs(x);
        if (training && ax > maxAbs[a]) {
          maxAbs[a] = ax;
        }
        double m = Math.max(maxAbs[a], ax);
        return m == 0 ? 0 : x / m;
      }
      default:
        return x;
    }
  }

  private void push(int id, double x) {
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

  /** An independent copy with the same statistics. */
  public InstanceEncoder copy() {
    return new InstanceEncoder(this);
  }

  /** Copy constructor: shares the immutable layout arrays, copies the statistics. */
  private InstanceEncoder(InstanceEncoder o) {
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
  }

  /** Heap bytes of this encoder's arrays and fields. */
  public long sizeInBytes() {
    long bytes = 88 + (arity == null ? 0 : RecordStore.arrayBytes(arity.length, 4));
    if (offsets != null) {
      bytes += RecordStore.arrayBytes(offsets.length, 4);
    }
    if (sum != null) {
      bytes += 2 * RecordStore.arrayBytes(sum.length, 8);
    }
    if (maxAbs != null) {
      bytes += RecordStore.arrayBytes(maxAbs.length, 8);
    }
    if (ids != null) {
      bytes += RecordStore.arrayBytes(ids.length, 4) + RecordStore.arrayBytes(values.length, 8);
    }
    return bytes;
  }
}
