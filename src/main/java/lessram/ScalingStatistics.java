package lessram;

import java.io.Serializable;

/**
 * The numeric scaling of an {@link InstanceEncoder} and the training statistics it is computed from:
 * nothing for {@link ScalingMode#NONE}, the largest {@code |x|} per attribute for {@link ScalingMode#MAX_ABS},
 * and for {@link ScalingMode#STANDARDIZE} the sum and sum of squares per attribute, with a cache of the
 * mean and inverse standard deviation refreshed on a schedule of the training count.
 *
 * <p>Standardization has two forms:
 * <ul>
 *   <li><em>exact</em>: the mean and standard deviation of the training instances so far together with
 *       the value being encoded (a square root and a division per value; including the value bounds the
 *       result by the square root of the count while the statistics are young). It is used for the first
 *       {@value InstanceEncoder#EXACT_STANDARDIZATION_INSTANCES} training instances, and afterwards for an
 *       attribute whose cached deviation is zero (constant so far, or first seen after the last refresh);</li>
 *   <li><em>cached</em>: the mean and inverse standard deviation of the training instances as of the last
 *       refresh (a subtraction and a multiplication per value). The cache is refreshed at the start of an
 *       instance once the number of training instances has reached
 *       {@value InstanceEncoder#EXACT_STANDARDIZATION_INSTANCES} and then each time it has grown by
 *       1/{@value InstanceEncoder#REFRESH_GROWTH_DIVISOR}; its values depend only on the training instances,
 *       not on the predictions in between.</li>
 * </ul>
 * A cache that never refreshes ({@link #neverRefresh()}) standardizes exactly for good: the form of the
 * first persisted encoders, converted to this representation when they are read.
 *
 * <p>The encoder's loops read the arrays directly (package-private fields); everything that changes
 * them is here.
 */
final class ScalingStatistics implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Heap bytes of a statistics object itself (header and fields, 64-bit JVM, compressed references). */
  static final long OBJECT_BYTES = 72;

  /** The scaling in effect (never {@link ScalingMode#AUTO}). */
  final ScalingMode mode;
  /** Per attribute, for {@link ScalingMode#STANDARDIZE}: sum and sum of squares of the training values. */
  final double[] sum;
  final double[] sumSquares;
  /** Per attribute, for {@link ScalingMode#MAX_ABS}: the largest |x| of the training values. */
  final double[] maxAbs;
  /** Training instances so far. */
  long observed;
  /**
   * The cached standardization: per attribute the mean and the inverse standard deviation (0 when the
   * deviation is too small) of the training statistics as they were at the last refresh, when
   * {@link #observed} was {@link #refreshedAt}. Null before the first refresh.
   */
  double[] center;
  double[] inverseDeviation;
  long refreshedAt;
  /** The training count at which the cache is refreshed next ({@link Long#MAX_VALUE}: never). */
  long nextRefresh = InstanceEncoder.EXACT_STANDARDIZATION_INSTANCES;
  /** How many leading attributes have a cached, non-zero inverse deviation; -1 without a cache. */
  int coveredAttributes = -1;
  /** Training instances before the current one, plus one: the count of the exact standardization. */
  private transient double ownValueCount;

  /**
   * Statistics for {@code numAttributes} attributes.
   *
   * @param mode a resolved mode (not {@link ScalingMode#AUTO})
   */
  ScalingStatistics(ScalingMode mode, int numAttributes) {
    if (mode == ScalingMode.AUTO) {
      throw new IllegalArgumentException("AUTO must be resolved first");
    }
    this.mode = mode;
    boolean standardize = mode == ScalingMode.STANDARDIZE;
    this.sum = standardize ? new double[numAttributes] : null;
    this.sumSquares = standardize ? new double[numAttributes] : null;
    this.maxAbs = mode == ScalingMode.MAX_ABS ? new double[numAttributes] : null;
  }

  /** An independent copy (same statistics, same cache, same schedule). */
  ScalingStatistics copy() {
    ScalingStatistics c = new ScalingStatistics(this);
    return c;
  }

  private ScalingStatistics(ScalingStatistics o) {
    this.mode = o.mode;
    this.sum = o.sum == null ? null : o.sum.clone();
    this.sumSquares = o.sumSquares == null ? null : o.sumSquares.clone();
    this.maxAbs = o.maxAbs == null ? null : o.maxAbs.clone();
    this.observed = o.observed;
    this.center = o.center == null ? null : o.center.clone();
    this.inverseDeviation = o.inverseDeviation == null ? null : o.inverseDeviation.clone();
    this.refreshedAt = o.refreshedAt;
    this.nextRefresh = o.nextRefresh;
    this.coveredAttributes = o.coveredAttributes;
  }

  /** True for {@link ScalingMode#STANDARDIZE}. */
  boolean standardizes() {
    return sum != null;
  }

  /**
   * Starts an instance: the count of the exact standardization, and a refresh of the cache when due
   * (before this instance counts; a trained instance counts when it is committed, {@link #countTraining}).
   */
  void begin() {
    if (sum != null) {
      ownValueCount = observed + 1.0;
      if (observed >= nextRefresh) {
        refresh();
      }
    }
  }

  /** Counts an instance that was encoded for prediction and is now trained on. */
  void countTraining() {
    observed++;
  }

  /** Recomputes the cached standardization from the statistics of all training instances so far. */
  void refresh() {
    int n = sum.length;
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
    setCache(c, inv);
    refreshedAt = count;
    nextRefresh = count + Math.max(1, count / InstanceEncoder.REFRESH_GROWTH_DIVISOR);
  }

  /** Installs a cache (or none) and counts the leading attributes it covers. */
  void setCache(double[] c, double[] inv) {
    center = c;
    inverseDeviation = inv;
    int covered = inv == null ? -1 : 0;
    while (inv != null && covered < inv.length && inv[covered] > 0) {
      covered++;
    }
    coveredAttributes = covered;
  }

  /** Makes the cache never refresh: every value is standardized exactly from now on. */
  void neverRefresh() {
    setCache(null, null);
    refreshedAt = 0;
    nextRefresh = Long.MAX_VALUE;
  }

  /**
   * True when the cache holds a non-zero inverse deviation for each of the first {@code f} attributes, so
   * that they can be standardized without the exact form.
   */
  boolean covers(int f) {
    return coveredAttributes >= f;
  }

  /**
   * Adds the values an instance encoded for prediction scaled (numeric, usable, not the class) to the
   * statistics, given as its first {@code n} attribute indices and values.
   */
  void observeValues(HeaderLayout layout, int[] attributes, double[] attributeValues, int n) {
    int ci = layout.classIndex();
    int attributeCount = layout.numAttributes();
    for (int k = 0; k < n; k++) {
      int a = attributes[k];
      double x = attributeValues[k];
      if (a == ci || a < 0 || a >= attributeCount || layout.kind(a) != InstanceEncoder.NUMERIC
          || !Values.usable(x)) {
        continue;
      }
      if (sum != null) {
        sum[a] += x;
        sumSquares[a] += x * x;
      } else if (maxAbs != null) {
        double ax = Math.abs(x);
        if (ax > maxAbs[a]) {
          maxAbs[a] = ax;
        }
      }
    }
  }

  /** Adds the first {@code f} values (attributes {@code 0..f-1}, usable) to the standardization statistics. */
  void observeRow(double[] attributeValues, int f) {
    double[] s1 = sum;
    double[] s2 = sumSquares;
    for (int a = 0; a < f; a++) {
      double x = attributeValues[a];
      s1[a] += x;
      s2[a] += x * x;
    }
  }

  /**
   * The scaled value of attribute {@code a} (the statistics are not changed: a trained instance enters
   * them when it is committed). A value that is not usable ({@link Values}: infinite or beyond the usable
   * magnitude) is returned as it is (the model then skips the example).
   */
  double scale(int a, double x) {
    if (!Values.usable(x)) {
      return x;
    }
    if (sum != null) {
      double[] inv = inverseDeviation;
      double d;
      if (inv == null || (d = inv[a]) == 0) {
        return exactStandardized(a, x);
      }
      return clipStandardized((x - center[a]) * d);
    }
    if (maxAbs != null) {
      double ax = Math.abs(x);
      double m = Math.max(maxAbs[a], ax);
      return m == 0 ? 0 : x / m;
    }
    return x;
  }

  /**
   * The exact standardization: mean and deviation of the training instances before this one plus this
   * value.
   */
  double exactStandardized(int a, double x) {
    double s1 = sum[a] + x;
    double s2 = sumSquares[a] + x * x;
    double inverse = 1.0 / ownValueCount;
    double mean = s1 * inverse;
    double var = s2 * inverse - mean * mean;
    if (!(var > 1e-12 * (mean * mean + 1e-300))) {
      return 0;
    }
    double z = (x - mean) / Math.sqrt(var);
    return Math.max(-InstanceEncoder.STANDARDIZED_CLIP, Math.min(InstanceEncoder.STANDARDIZED_CLIP, z));
  }

  /**
   * A standardized value clipped to +-{@link InstanceEncoder#STANDARDIZED_CLIP} with plain comparisons
   * (cheaper than Math.min/max); NaN gives 0, like a constant attribute.
   */
  static double clipStandardized(double z) {
    if (z >= -InstanceEncoder.STANDARDIZED_CLIP) {
      return z <= InstanceEncoder.STANDARDIZED_CLIP ? z : InstanceEncoder.STANDARDIZED_CLIP;
    }
    return z < -InstanceEncoder.STANDARDIZED_CLIP ? -InstanceEncoder.STANDARDIZED_CLIP : 0.0;
  }

  /** Heap bytes of this object and its arrays (the shared mode constant left out). */
  long sizeInBytes() {
    long bytes = OBJECT_BYTES;
    if (sum != null) {
      bytes += 2 * RecordStore.arrayBytes(sum.length, 8);
    }
    if (center != null) {
      bytes += 2 * RecordStore.arrayBytes(center.length, 8);
    }
    if (maxAbs != null) {
      bytes += RecordStore.arrayBytes(maxAbs.length, 8);
    }
    return bytes;
  }
}
