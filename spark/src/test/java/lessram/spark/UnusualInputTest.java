package lessram.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Empty and one-class partitions, bad labels, NaN in vectors, wrong column types, and a task that fails once and
 * is retried by Spark (with a job per round and with barrier stages): a clear error or a documented skip, never a corrupted model.
 */
class UnusualInputTest {

  private static Dataset<Row> frame(List<Row> rows, int partitions) {
    return SparkTests.slices(rows, partitions);
  }

  private static Row row(double label, Vector v) {
    return RowFactory.create(label, v);
  }

  @Test
  void emptyPartitionsTakeNoPart() {
    List<Row> rows = SparkTests.rows(30, 10, 3, 2, true, 1);
    // 30 rows over 8 slices of which several are empty (parallelize cuts evenly: add empties explicitly)
    List<Row> spread = new ArrayList<>(rows);
    Dataset<Row> data = SparkTests.slices(spread, 8).union(SparkTests.slices(Collections.emptyList(), 3));
    LessRamLogisticRegressionModel model = new LessRamLogisticRegression().setRoundSize(2).fit(data);
    assertEquals(30, model.sessionView().model().examplesSeen());
    for (TrainingSummary.Round r : model.summary().rounds()) {
      assertTrue(r.partitions() <= 8, "partitions with rows in round " + r.round() + ": " + r.partitions());
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new LessRamLogisticRegression().fit(SparkTests.slices(Collections.emptyList(), 2)));
    assertTrue(e.getMessage().contains("no rows"), e.getMessage());
  }

  @Test
  void onePartitionPerClassStillLearnsBoth() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      rows.add(row(0, Vectors.sparse(4, new int[] {0, 2}, new double[] {1, 1})));
    }
    for (int i = 0; i < 400; i++) {
      rows.add(row(1, Vectors.sparse(4, new int[] {1, 3}, new double[] {1, 1})));
    }
    LessRamLogisticRegressionModel model = new LessRamLogisticRegression().setRoundSize(50).fit(frame(rows, 2));
    assertTrue(model.predictProbability(Vectors.sparse(4, new int[] {0, 2}, new double[] {1, 1})).apply(0) > 0.9);
    assertTrue(model.predictProbability(Vectors.sparse(4, new int[] {1, 3}, new double[] {1, 1})).apply(1) > 0.9);
  }

  @Test
  void labelsThatAreNotClassIndicesStopTheFit() {
    List<Row> rows = new ArrayList<>(SparkTests.rows(100, 10, 3, 2, true, 2));
    rows.set(57, row(2, SparkTests.features(rows.get(57))));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new LessRamLogisticRegression().setNumClasses(2).fit(frame(rows, 2)));
    assertTrue(e.getMessage().contains("label 2.0") && e.getMessage().contains("0 or 1"), e.getMessage());
    rows.set(57, row(0.5, SparkTests.features(rows.get(57))));
    e = assertThrows(IllegalArgumentException.class, () -> new LessRamLogisticRegression().fit(frame(rows, 2)));
    assertTrue(e.getMessage().contains("label 0.5") && e.getMessage().contains("row 7 of partition 1"), e.getMessage());
    rows.set(57, row(-1, SparkTests.features(rows.get(57))));
    e = assertThrows(IllegalArgumentException.class, () -> new LessRamLogisticRegression().fit(frame(rows, 2)));
    assertTrue(e.getMessage().contains("label -1.0"), e.getMessage());
    // without numClasses, label 2 makes three classes
    rows.set(57, row(2, SparkTests.features(rows.get(57))));
    assertEquals(3, new LessRamLogisticRegression().fit(frame(rows, 2)).numClasses());
  }

  @Test
  void missingLabelsAndNonFiniteValuesAreSkippedAndCounted() {
    List<Row> rows = new ArrayList<>(SparkTests.rows(200, 10, 3, 2, true, 3));
    rows.set(10, row(Double.NaN, SparkTests.features(rows.get(10))));
    rows.set(20, row(1, Vectors.sparse(10, new int[] {1, 4}, new double[] {1, Double.NaN})));
    rows.set(30, row(0, Vectors.sparse(10, new int[] {2}, new double[] {Double.POSITIVE_INFINITY})));
    rows.set(35, row(1, Vectors.sparse(10, new int[] {3}, new double[] {-1e101})));
    LessRamLogisticRegressionModel model = new LessRamLogisticRegression().setRoundSize(40).fit(frame(rows, 2));
    // NaN is a missing value (the feature is absent, counted); an infinite value, or one beyond 1e100 in
    // magnitude, skips the row (counted)
    assertEquals(1, model.sessionView().instancesWithoutClass());
    assertTrue(model.sessionView().encoder().missingValues() > 0);
    assertEquals(2, model.sessionView().model().examplesSkipped());
    assertEquals(197, model.sessionView().model().examplesSeen());
    assertEquals(199, model.summary().scoredExamples());
    // predictions ignore a non-finite value
    Vector p = model.predictProbability(Vectors.sparse(10, new int[] {1, 4}, new double[] {1, Double.NaN}));
    assertEquals(model.predictProbability(Vectors.sparse(10, new int[] {1}, new double[] {1})), p);
  }

  @Test
  void wrongColumnTypesAndSizesAreRefused() {
    StructType arrays = new StructType().add("label", DataTypes.DoubleType)
        .add("features", DataTypes.createArrayType(DataTypes.DoubleType));
    List<Row> raw = new ArrayList<>();
    raw.add(RowFactory.create(1.0, new double[] {1, 2}));
    Dataset<Row> wrong = SparkTests.spark().createDataFrame(raw, arrays);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new LessRamLogisticRegression().fit(wrong));
    assertTrue(e.getMessage().contains("features") && e.getMessage().contains("VectorUDT"), e.getMessage());

    StructType text = new StructType().add("label", DataTypes.StringType).add("features",
        org.apache.spark.ml.linalg.SQLDataTypes.VectorType());
    List<Row> raw2 = new ArrayList<>();
    raw2.add(RowFactory.create("yes", Vectors.dense(1, 2)));
    Dataset<Row> textLabels = SparkTests.spark().createDataFrame(raw2, text);
    e = assertThrows(IllegalArgumentException.class, () -> new LessRamLogisticRegression().fit(textLabels));
    assertTrue(e.getMessage().contains("label"), e.getMessage());

    List<Row> rows = new ArrayList<>(SparkTests.rows(50, 10, 3, 2, true, 4));
    rows.set(40, row(1, Vectors.sparse(12, new int[] {1}, new double[] {1})));
    e = assertThrows(IllegalArgumentException.class, () -> new LessRamLogisticRegression().fit(frame(rows, 1)));
    assertTrue(e.getMessage().contains("size 12") && e.getMessage().contains("row 40"), e.getMessage());
    rows.set(40, row(1, Vectors.sparse(10, new int[] {1}, new double[] {1})));
    LessRamLogisticRegressionModel model = new LessRamLogisticRegression().fit(frame(rows, 1));
    e = assertThrows(IllegalArgumentException.class, () -> model.predictProbability(Vectors.dense(1, 2)));
    assertTrue(e.getMessage().contains("size 2"), e.getMessage());
  }

  /** Fails the first attempt of partition 1 in round 2, after it trained (and remembers the attempts seen). */
  static final AtomicInteger FAILED = new AtomicInteger();
  static final AtomicInteger RETRIED = new AtomicInteger();

  /**
   * With a job per round Spark retries the failed task; with barrier stages it runs the epoch's whole stage again
   * (the attempt then counts the stage's attempts).
   */
  @ParameterizedTest
  @ValueSource(strings = {"jobs", "barrier"})
  void aRetriedTaskDoesNotCountItsUpdatesTwice(String execution) {
    FAILED.set(0);
    RETRIED.set(0);
    List<Row> rows = SparkTests.rows(2400, 80, 6, 2, true, 5);
    LessRamLogisticRegressionModel clean = new LessRamLogisticRegression().setRoundSize(200)
        .setMixingExecution("jobs").fit(frame(rows, 3));
    LessRamLogisticRegression lr = new LessRamLogisticRegression().setRoundSize(200).setMixingExecution(execution);
    RoundTask.hook = (round, partition, attempt) -> {
      if (round == 2 && partition == 1) {
        if (attempt == 0) {
          FAILED.incrementAndGet();
          throw new IllegalStateException("injected failure of round 2, partition 1");
        }
        RETRIED.incrementAndGet();
      }
    };
    LessRamLogisticRegressionModel retried;
    try {
      retried = lr.fit(frame(rows, 3));
    } finally {
      RoundTask.hook = null;
    }
    assertEquals(1, FAILED.get(), "the first attempt failed once");
    assertEquals(1, RETRIED.get(), "Spark retried it once");
    assertEquals(2400, retried.sessionView().model().examplesSeen());
    EstimatorTest.assertSameModel(clean.sessionView(), retried.sessionView());
    assertEquals(clean.summary().bytesUp(), retried.summary().bytesUp());
    assertEquals(clean.summary().logLoss(), retried.summary().logLoss(), 0.0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"jobs", "barrier"})
  void aPartitionFailingForGoodFailsTheFit(String execution) {
    List<Row> rows = SparkTests.rows(400, 20, 3, 2, true, 6);
    RoundTask.hook = (round, partition, attempt) -> {
      if (round == 1 && partition == 0) {
        throw new IllegalStateException("broken executor");
      }
    };
    try {
      Exception e = assertThrows(Exception.class, () -> new LessRamLogisticRegression().setRoundSize(50)
          .setMixingExecution(execution).fit(frame(rows, 2)));
      assertTrue(String.valueOf(e.getMessage()).contains("broken executor"), e.getMessage());
    } finally {
      RoundTask.hook = null;
    }
    assertTrue(JavaSparkContext.fromSparkContext(SparkTests.spark().sparkContext()).getPersistentRDDs().isEmpty(),
        "the cached input is released");
  }
}
