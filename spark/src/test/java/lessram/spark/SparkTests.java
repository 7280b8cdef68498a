package lessram.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lessram.SplitMix64;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The one local SparkSession of the test JVM ({@code local[2,2]}: two cores, a failed task is tried twice) and
 * synthetic data for the Spark tests.
 */
final class SparkTests {
  private static SparkSession spark;
  private static Path warehouse;

  private SparkTests() {
  }

  static synchronized SparkSession spark() {
    if (spark == null) {
      try {
        warehouse = Files.createTempDirectory("lessram-spark-warehouse");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      spark = SparkSession.builder()
          .master("local[2,2]")
          .appName("lessram-spark-tests")
          .config("spark.ui.enabled", "false")
          .config("spark.ui.showConsoleProgress", "false")
          .config("spark.sql.shuffle.partitions", "4")
          .config("spark.default.parallelism", "2")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.sql.warehouse.dir", warehouse.toString())
          .getOrCreate();
    }
    return spark;
  }

  static final StructType SCHEMA = new StructType()
      .add("label", DataTypes.DoubleType, false)
      .add("features", SQLDataTypes.VectorType(), false);

  /**
   * A sparse binary (or multiclass) logistic problem: {@code nnz} distinct features of {@code dimension} per row,
   * values 1 (binary features, as in click logs) or in [0.5, 1.5), labels drawn from a fixed true model.
   */
  static List<Row> rows(int n, int dimension, int nnz, int classes, boolean ones, long seed) {
    SplitMix64 r = new SplitMix64(seed);
    double[][] beta = new double[classes][dimension];
    for (int k = 0; k < classes; k++) {
      for (int j = 0; j < dimension; j++) {
        beta[k][j] = (r.nextDouble() - 0.5) * 3;
      }
    }
    List<Row> rows = new ArrayList<>(n);
    for (int t = 0; t < n; t++) {
      java.util.TreeMap<Integer, Double> x = new java.util.TreeMap<>();
      while (x.size() < nnz) {
        x.put(r.nextInt(dimension), ones ? 1.0 : 0.5 + r.nextDouble());
      }
      int[] idx = new int[nnz];
      double[] val = new double[nnz];
      int i = 0;
      double[] score = new double[classes];
      for (java.util.Map.Entry<Integer, Double> e : x.entrySet()) {
        idx[i] = e.getKey();
        val[i++] = e.getValue();
        for (int k = 0; k < classes; k++) {
          score[k] += beta[k][e.getKey()] * e.getValue();
        }
      }
      int label;
      if (classes == 2) {
        label = r.nextDouble() < 1 / (1 + Math.exp(-(score[1] - score[0]))) ? 1 : 0;
      } else {
        double max = Double.NEGATIVE_INFINITY;
        for (double s : score) {
          max = Math.max(max, s);
        }
        double sum = 0;
        for (int k = 0; k < classes; k++) {
          score[k] = Math.exp(score[k] - max);
          sum += score[k];
        }
        double u = r.nextDouble() * sum;
        label = 0;
        while (label < classes - 1 && (u -= score[label]) > 0) {
          label++;
        }
      }
      rows.add(RowFactory.create((double) label, Vectors.sparse(dimension, idx, val)));
    }
    return rows;
  }

  static Dataset<Row> frame(List<Row> rows, int partitions) {
    return spark().createDataFrame(rows, SCHEMA).repartition(partitions);
  }

  /** Rows as they are, {@code partitions} contiguous slices (no shuffle: row order kept). */
  static Dataset<Row> slices(List<Row> rows, int partitions) {
    return spark().createDataFrame(
        org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark().sparkContext()).parallelize(rows,
            partitions), SCHEMA);
  }

  static Vector features(Row r) {
    return (Vector) r.get(1);
  }
}
