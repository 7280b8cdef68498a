package lessram.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;

/**
 * One round's share of one partition, cached for the rounds (and epochs) of a fit: the rows in compact
 * arrays (entries as the vectors store them; values left out when all are 1, as in click logs), checked once
 * when the input is read.
 */
final class RowBlock implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The partition the block's rows belong to (the partition of the input it was cut from). */
  final int partition;
  /** Position of this block among its partition's blocks: the round it serves. */
  final int round;
  final int rows;
  final double[] labels;
  /** Row weights; null when all are 1. */
  final double[] weights;
  /** Row {@code r}'s entries are {@code starts[r] .. starts[r + 1] - 1}. */
  final int[] starts;
  final int[] indices;
  /** Entry values; null when all are 1. */
  final double[] values;
  /** Size of the rows' vectors. */
  final int vectorSize;
  /** Largest label (NaN labels aside); -1 if none. */
  final double maxLabel;

  private RowBlock(int partition, int round, int rows, double[] labels, double[] weights, int[] starts, int[] indices,
      double[] values, int vectorSize, double maxLabel) {
    this.partition = partition;
    this.round = round;
    this.rows = rows;
    this.labels = labels;
    this.weights = weights;
    this.starts = starts;
    this.indices = indices;
    this.values = values;
    this.vectorSize = vectorSize;
    this.maxLabel = maxLabel;
  }

  /** Points {@code view} at row {@code r}. */
  EntriesView view(EntriesView view, int r, int classIndex) {
    return view.set(indices, values, starts[r], starts[r + 1] - starts[r], classIndex, labels[r],
        weights == null ? 1.0 : weights[r]);
  }

  /** What the driver needs to know about a block (sent back when the input is cached). */
  static final class Summary implements Serializable {
    private static final long serialVersionUID = 1L;
    final int partition;
    final int round;
    final int rows;
    final int vectorSize;
    final double maxLabel;
    final long entries;

    Summary(RowBlock b) {
      this.partition = b.partition;
      this.round = b.round;
      this.rows = b.rows;
      this.vectorSize = b.vectorSize;
      this.maxLabel = b.maxLabel;
      this.entries = b.indices.length;
    }
  }

  /**
   * Cuts a partition's rows ({@code label: double, features: Vector[, weight: double]}) into blocks of
   * {@code roundSize} rows, checking every row: a features vector that is null or of another size than the
   * others ({@code numFeatures}, or the partition's first vector when unknown), or a label that is not a
   * class index (a whole number {@code >= 0}, below {@code numClasses} when known; NaN counts as a missing
   * class) stops the fit with an {@link IllegalArgumentException} saying which row and why.
   */
  static final class Builder implements Function2<Integer, Iterator<Row>, Iterator<RowBlock>> {
    private static final long serialVersionUID = 1L;
    private final int roundSize;
    private final int numFeatures;
    private final int numClasses;
    private final boolean weighted;

    /**
     * @param numFeatures the vectors' size, or -1 if not known
     * @param numClasses the number of classes, or 0 if not known (labels are then only checked to be whole
     *     numbers {@code >= 0})
     */
    Builder(int roundSize, int numFeatures, int numClasses, boolean weighted) {
      this.roundSize = roundSize;
      this.numFeatures = numFeatures;
      this.numClasses = numClasses;
      this.weighted = weighted;
    }

    @Override
    public Iterator<RowBlock> call(Integer partition, Iterator<Row> rows) {
      List<RowBlock> blocks = new ArrayList<>();
      int size = numFeatures;
      long row = 0;
      Growing g = new Growing(roundSize);
      while (rows.hasNext()) {
        Row r = rows.next();
        String where = "row " + row + " of partition " + partition;
        Object f = r.get(1);
        if (!(f instanceof Vector)) {
          throw new IllegalArgumentException(where + ": the features vector is " + (f == null ? "null" : "a "
              + f.getClass().getName()));
        }
        Vector v = (Vector) f;
        if (size < 0) {
          size = v.size();
        } else if (v.size() != size) {
          throw new IllegalArgumentException(where + ": a features vector of size " + v.size() + ", expected "
              + size + (numFeatures < 0 ? " (the size of the partition's first vector)" : ""));
        }
        double label = r.isNullAt(0) ? Double.NaN : r.getDouble(0);
        checkLabel(label, where);
        double weight = weighted ? (r.isNullAt(2) ? Double.NaN : r.getDouble(2)) : 1.0;
        g.add(label, weight, v);
        row++;
        if (g.rows == roundSize) {
          blocks.add(g.finish(partition, blocks.size(), size));
          g = new Growing(roundSize);
        }
      }
      if (g.rows > 0) {
        blocks.add(g.finish(partition, blocks.size(), size));
      }
      return blocks.iterator();
    }

    private void checkLabel(double label, String where) {
      if (label != label) {
        return;
      }
      boolean integral = label == Math.rint(label) && !Double.isInfinite(label);
      if (!integral || label < 0 || (numClasses > 0 && label >= numClasses)) {
        throw new IllegalArgumentException(where + ": label " + String.format(Locale.ROOT, "%s", label)
            + " is not a class index: labels must be whole numbers "
            + (numClasses == 2 ? "0 or 1 (binary)" : numClasses > 0 ? "0.." + (numClasses - 1) : ">= 0")
            + " (NaN marks a missing label)");
      }
    }
  }

  /** A block being filled. */
  private static final class Growing {
    int rows;
    double[] labels;
    double[] weights;
    int[] starts;
    int[] indices = new int[64];
    double[] values = new double[64];
    boolean allOnes = true;
    boolean unweighted = true;
    int entries;
    double maxLabel = -1;

    Growing(int capacity) {
      int c = Math.min(capacity, 1024);
      labels = new double[c];
      weights = new double[c];
      starts = new int[c + 1];
    }

    void add(double label, double weight, Vector v) {
      if (rows == labels.length) {
        labels = Arrays.copyOf(labels, rows * 2);
        weights = Arrays.copyOf(weights, rows * 2);
        starts = Arrays.copyOf(starts, rows * 2 + 1);
      }
      labels[rows] = label;
      weights[rows] = weight;
      unweighted &= weight == 1.0;
      if (label > maxLabel) {
        maxLabel = label;
      }
      if (v instanceof SparseVector) {
        SparseVector s = (SparseVector) v;
        append(s.indices(), s.values(), s.indices().length);
      } else {
        double[] d = v.toDense().values();
        ensure(d.length);
        for (int j = 0; j < d.length; j++) {
          indices[entries + j] = j;
        }
        appendValues(d, d.length);
      }
      rows++;
      starts[rows] = entries;
    }

    private void append(int[] idx, double[] val, int n) {
      ensure(n);
      System.arraycopy(idx, 0, indices, entries, n);
      appendValues(val, n);
    }

    private void appendValues(double[] val, int n) {
      System.arraycopy(val, 0, values, entries, n);
      for (int j = 0; j < n; j++) {
        allOnes &= val[j] == 1.0;
      }
      entries += n;
    }

    private void ensure(int more) {
      if (entries + more > indices.length) {
        int c = Math.max(entries + more, indices.length * 2);
        indices = Arrays.copyOf(indices, c);
        values = Arrays.copyOf(values, c);
      }
    }

    RowBlock finish(int partition, int round, int vectorSize) {
      return new RowBlock(partition, round, rows, Arrays.copyOf(labels, rows), unweighted ? null : Arrays.copyOf(weights, rows),
          Arrays.copyOf(starts, rows + 1), Arrays.copyOf(indices, entries),
          allOnes ? null : Arrays.copyOf(values, entries), vectorSize, maxLabel);
    }
  }
}
