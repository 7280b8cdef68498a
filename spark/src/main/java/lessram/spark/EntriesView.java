package lessram.spark;

import lessram.InstanceView;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;

/**
 * A Spark features vector (or a cached row of one) as the learning session reads an instance: the stored
 * entries as the vector stores them (the active entries of a sparse vector, every entry of a dense one), then
 * the class entry, as the MOA and Weka hosts present the same data. One view is pointed at row after row.
 */
final class EntriesView implements InstanceView {
  /** Entry indices; null: entry {@code p} is index {@code p} (a dense vector). */
  private int[] indices;
  /** Entry values; null: all 1 (a block of binary features). */
  private double[] values;
  private int start;
  private int count;
  private int classIndex;
  private double label;
  private double weight;

  /** Points the view at a row: {@code count} entries from {@code start}. */
  EntriesView set(int[] indices, double[] values, int start, int count, int classIndex, double label,
      double weight) {
    this.indices = indices;
    this.values = values;
    this.start = start;
    this.count = count;
    this.classIndex = classIndex;
    this.label = label;
    this.weight = weight;
    return this;
  }

  /** Points the view at a vector (no class value, weight 1). */
  EntriesView set(Vector v, int classIndex) {
    if (v instanceof SparseVector) {
      SparseVector s = (SparseVector) v;
      return set(s.indices(), s.values(), 0, s.indices().length, classIndex, Double.NaN, 1.0);
    }
    if (v instanceof DenseVector) {
      double[] d = ((DenseVector) v).values();
      return set(null, d, 0, d.length, classIndex, Double.NaN, 1.0);
    }
    throw new IllegalArgumentException("unsupported vector type " + v.getClass().getName());
  }

  @Override
  public int numValues() {
    return count + 1;
  }

  @Override
  public int index(int p) {
    if (p >= count) {
      return classIndex;
    }
    return indices == null ? p : indices[start + p];
  }

  @Override
  public double value(int p) {
    if (p >= count) {
      return label;
    }
    return values == null ? 1.0 : values[start + p];
  }

  @Override
  public double weight() {
    return weight;
  }

  @Override
  public double classValue() {
    return label;
  }
}
