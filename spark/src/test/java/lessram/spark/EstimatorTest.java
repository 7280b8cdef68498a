package lessram.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import lessram.LearningRateSchedule;
import lessram.OnlineClassifier;
import lessram.SessionDelta;
import lessram.Settings;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The estimator and model on a real local SparkSession: training, prediction columns, params, persistence. */
class EstimatorTest {

  /** Asserts that two sessions hold the same model (every coordinate, counts, generator, feature mapping). */
  static void assertSameModel(OnlineClassifier expected, OnlineClassifier actual) {
    assertEquals(0, SessionDelta.between(expected, actual, null, 0).touchedCoordinates(), "coordinates that differ");
    assertEquals(expected.model().examplesSeen(), actual.model().examplesSeen());
    assertEquals(expected.model().examplesSkipped(), actual.model().examplesSkipped());
    assertEquals(expected.instancesWithoutClass(), actual.instancesWithoutClass());
    assertEquals(SessionDelta.between(expected, expected, new int[0], 0).baseRandomState(),
        SessionDelta.between(actual, actual, new int[0], 0).baseRandomState(), "generator state");
  }

  /** The sequential learner (predict, then train, row by row) on {@code rows}. */
  static OnlineClassifier sequential(Settings settings, List<Row> rows, int numFeatures, int classes) {
    OnlineClassifier s = new OnlineClassifier(settings,
        new SparkHeader(numFeatures, null, "label", SparkHeader.numberedLabels(classes)));
    EntriesView v = new EntriesView();
    for (Row r : rows) {
      v.set(SparkTests.features(r), numFeatures);
      EntriesView labelled = new EntriesView();
      Vector f = SparkTests.features(r);
      if (f instanceof org.apache.spark.ml.linalg.SparseVector) {
        org.apache.spark.ml.linalg.SparseVector sv = (org.apache.spark.ml.linalg.SparseVector) f;
        labelled.set(sv.indices(), sv.values(), 0, sv.indices().length, numFeatures, r.getDouble(0), 1.0);
      } else {
        double[] d = f.toArray();
        labelled.set(null, d, 0, d.length, numFeatures, r.getDouble(0), 1.0);
      }
      s.predict(labelled);
      s.train(labelled);
    }
    return s;
  }

  @Test
  void fitsAndPredictsLikeMllibClassifiers() {
    List<Row> rows = SparkTests.rows(4000, 200, 10, 2, true, 1);
    Dataset<Row> data = SparkTests.slices(rows, 4);
    LessRamLogisticRegressionModel model = new LessRamLogisticRegression().setRoundSize(250).fit(data);
    TrainingSummary s = model.summary();
    assertEquals(4000, s.examples());
    assertEquals(4, s.rounds().size());
    assertEquals(4000, model.sessionView().model().examplesSeen());
    assertTrue(s.auc() > 0.8, "progressive AUC " + s.auc());
    assertTrue(s.rounds().get(3).logLoss() < s.rounds().get(0).logLoss());
    assertTrue(s.bytesUp() > 0 && s.bytesDown() > 0);
    // local mode: the rounds' CPU split by who spent it adds up to the process's
    assertTrue(s.tasksCpuMillis() > 0 && s.driverCpuMillis() > 0, s.cpuBreakdown());
    assertTrue(s.trainCpuMillis() > 0 && s.modelCpuMillis() >= 0 && s.deltaCpuMillis() > 0 && s.mergeCpuMillis() > 0,
        s.cpuBreakdown());
    assertEquals(s.roundsCpuMillis(), s.tasksCpuMillis() + s.driverCpuMillis() + s.sparkThreadsCpuMillis()
        + s.vmCpuMillis(), 1e-6 * s.roundsCpuMillis(), s.cpuBreakdown());
    assertTrue(s.cpuBreakdown().startsWith("rounds CPU "), s.cpuBreakdown());
    assertEquals(2, model.numClasses());
    assertEquals(200, model.numFeatures());

    List<Row> out = model.transform(data).select("rawPrediction", "probability", "prediction").collectAsList();
    for (Row r : out) {
      Vector raw = (Vector) r.get(0);
      Vector p = (Vector) r.get(1);
      assertEquals(-raw.apply(0), raw.apply(1), 0.0);
      assertEquals(1.0, p.apply(0) + p.apply(1), 1e-12);
      assertEquals(1 / (1 + Math.exp(-raw.apply(1))), p.apply(1), 1e-12);
      assertEquals(p.apply(1) > 0.5 ? 1.0 : 0.0, r.getDouble(2));
    }
    // the model's probabilities are the session's predictions, bit for bit
    OnlineClassifier copy = model.session();
    for (int i = 0; i < 50; i++) {
      double[] expected = copy.predict(new EntriesView().set(SparkTests.features(rows.get(i)), 200));
      assertArrayEquals(expected, model.predictProbability(SparkTests.features(rows.get(i))).toArray());
    }
    assertThrows(IllegalArgumentException.class, () -> model.predictRaw(Vectors.dense(1, 2, 3)));
  }

  @Test
  void onePartitionRoundAfterRoundIsTheSequentialLearner() {
    List<Row> rows = SparkTests.rows(1500, 60, 6, 2, false, 2);
    LessRamLogisticRegressionModel model = new LessRamLogisticRegression().setRoundSize(400)
        .fit(SparkTests.slices(rows, 1));
    Settings settings = Settings.builder(LearningRateSchedule.PER_COORDINATE).build();
    assertSameModel(sequential(settings, rows, 60, 2), model.sessionView());
    assertEquals(4, model.summary().rounds().size());
  }

  @Test
  void multiclassDenseAndDeterministic() {
    List<Row> sparse = SparkTests.rows(2400, 12, 12, 3, false, 3);
    List<Row> rows = new java.util.ArrayList<>();
    for (Row r : sparse) {
      rows.add(RowFactory.create(r.get(0), SparkTests.features(r).toDense()));
    }
    LessRamLogisticRegression lr = new LessRamLogisticRegression().setRoundSize(200).setSeed(9);
    LessRamLogisticRegressionModel a = lr.fit(SparkTests.slices(rows, 3));
    LessRamLogisticRegressionModel b = lr.fit(SparkTests.slices(rows, 3));
    assertSameModel(a.sessionView(), b.sessionView());
    assertEquals(3, a.numClasses());
    assertTrue(a.summary().accuracy() > 0.5, "accuracy " + a.summary().accuracy());
    for (Row r : a.transform(SparkTests.slices(rows.subList(0, 100), 1)).select("probability", "prediction")
        .collectAsList()) {
      double[] p = ((Vector) r.get(0)).toArray();
      assertEquals(1.0, p[0] + p[1] + p[2], 1e-12);
      int best = p[1] > p[0] ? (p[2] > p[1] ? 2 : 1) : (p[2] > p[0] ? 2 : 0);
      assertEquals(best, r.getDouble(1));
    }
    // another seed, another model
    LessRamLogisticRegressionModel c = lr.setSeed(10).fit(SparkTests.slices(rows, 3));
    assertNotEquals(a.predictProbability(SparkTests.features(rows.get(0))),
        c.predictProbability(SparkTests.features(rows.get(0))));
  }

  @Test
  void paramsComeFromTheCatalogue() {
    LessRamLogisticRegression lr = new LessRamLogisticRegression();
    String explained = lr.explainParams();
    for (String name : Arrays.asList("integerBits", "fractionBits", "coefficientStorage", "alpha", "counter", "counterBits",
        "morrisBase", "gamma", "coordinateBits", "featureInclusion", "inclusionProbability", "inclusionCount",
        "inclusionFilterBits", "hashingBits", "sparseMap", "scaling", "seed", "schedule", "roundSize", "exchangeFractionBits")) {
      assertTrue(explained.contains(name + ":"), name);
    }
    assertEquals(13, (int) (Integer) lr.getOrDefault(lr.fractionBits()));
    assertEquals("randomized", lr.getOrDefault(lr.coefficientStorage()));
    assertThrows(IllegalArgumentException.class, () -> lr.setFractionBits(40));
    assertThrows(IllegalArgumentException.class, () -> lr.setCoefficientStorage("sideways"));
    assertThrows(IllegalArgumentException.class, () -> lr.setAlpha(-1));
    assertThrows(IllegalArgumentException.class, () -> lr.setSchedule("weekly"));
    assertEquals(16, (int) (Integer) lr.getOrDefault(lr.coordinateBits()));
    assertEquals(0.0625, (Double) lr.getOrDefault(lr.gamma()));
    // the adaptive storage's per-coordinate grids are not merged: refused before any work
    IllegalArgumentException adaptive = assertThrows(IllegalArgumentException.class,
        () -> new LessRamLogisticRegression().setCoefficientStorage("adaptive").setGamma(0.125)
            .fit(SparkTests.slices(SparkTests.rows(50, 10, 3, 2, true, 1), 2)));
    assertTrue(adaptive.getMessage().contains("coefficientStorage adaptive"), adaptive.getMessage());
    IllegalArgumentException inclusion = assertThrows(IllegalArgumentException.class,
        () -> new LessRamLogisticRegression().setSparseMap(true).setFeatureInclusion("poisson")
            .fit(SparkTests.slices(SparkTests.rows(50, 10, 3, 2, true, 1), 2)));
    assertTrue(inclusion.getMessage().contains("featureInclusion"), inclusion.getMessage());
    // rules between options: at fit time, naming the params
    LessRamLogisticRegression both = new LessRamLogisticRegression().setSparseMap(true).setHashingBits(10);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, both::settings);
    assertTrue(e.getMessage().contains("sparseMap and hashingBits"), e.getMessage());
    Settings s = new LessRamLogisticRegression().setSchedule("global").setFractionBits(9).setSeed(1L << 40).settings();
    assertEquals(LearningRateSchedule.GLOBAL, s.schedule());
    assertEquals("9", s.get(lessram.LearnerOption.FRACTION_BITS));
    assertEquals(1L << 40, s.seed());
    // alpha unset: the engine's default, the adaptive rate (as in MOA and Weka)
    assertEquals(Settings.builder(LearningRateSchedule.GLOBAL).build().get(lessram.LearnerOption.ALPHA),
        s.get(lessram.LearnerOption.ALPHA));
    assertTrue(s.config(2, 10).adaptive());
  }

  @Test
  void savesAndLoadsAloneAndInAPipeline(@TempDir Path dir) throws Exception {
    List<Row> rows = SparkTests.rows(1200, 40, 5, 2, true, 4);
    Dataset<Row> data = SparkTests.slices(rows, 2);
    LessRamLogisticRegression lr = new LessRamLogisticRegression().setRoundSize(300).setFractionBits(11)
        .setProbabilityCol("p");
    LessRamLogisticRegressionModel model = lr.fit(data);
    model.write().overwrite().save(dir.resolve("model").toString());
    LessRamLogisticRegressionModel loaded = LessRamLogisticRegressionModel.load(dir.resolve("model").toString());
    assertEquals(model.uid(), loaded.uid());
    assertEquals("p", loaded.getProbabilityCol());
    assertSameModel(model.sessionView(), loaded.sessionView());
    assertEquals(model.transform(data).select("p").collectAsList(), loaded.transform(data).select("p").collectAsList());
    assertThrows(IllegalStateException.class, loaded::summary);

    lr.write().overwrite().save(dir.resolve("estimator").toString());
    LessRamLogisticRegression back = LessRamLogisticRegression.load(dir.resolve("estimator").toString());
    assertEquals(11, (int) (Integer) back.getOrDefault(back.fractionBits()));
    assertEquals(300, back.getRoundSize());

    Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {lr});
    PipelineModel pm = pipeline.fit(data);
    pm.write().overwrite().save(dir.resolve("pipeline").toString());
    PipelineModel pmBack = PipelineModel.load(dir.resolve("pipeline").toString());
    assertEquals(pm.transform(data).select("p").collectAsList(), pmBack.transform(data).select("p").collectAsList());
    assertTrue(Files.exists(dir.resolve("model").resolve(LessRamLogisticRegressionModel.SESSION_FILE)));
  }

  @Test
  void continuesTrainingAndRunsEpochs() {
    List<Row> rows = SparkTests.rows(1600, 50, 5, 2, true, 5);
    LessRamLogisticRegression lr = new LessRamLogisticRegression().setRoundSize(200);
    LessRamLogisticRegressionModel first = lr.fit(SparkTests.slices(rows.subList(0, 800), 2));
    LessRamLogisticRegressionModel second = lr.fit(SparkTests.slices(rows.subList(800, 1600), 2), first);
    assertEquals(800, first.sessionView().model().examplesSeen());
    assertEquals(1600, second.sessionView().model().examplesSeen());
    assertEquals(lr.uid(), second.parent().uid());
    LessRamLogisticRegressionModel twice = lr.setNumEpochs(2).fit(SparkTests.slices(rows.subList(0, 800), 2));
    assertEquals(1600, twice.sessionView().model().examplesSeen());
    assertEquals(800, twice.summary().examples());
    assertTrue(twice.summary().logLoss(1) < twice.summary().logLoss(0));
  }

  @Test
  void weightsAndLabelNamesFromTheData() {
    List<Row> rows = SparkTests.rows(800, 30, 4, 2, true, 11);
    List<Row> weighted = new java.util.ArrayList<>();
    List<Row> named = new java.util.ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      weighted.add(RowFactory.create(r.get(0), r.get(1), i == 1 ? 1e101 : i % 2 == 0 ? 1.0 : 0.0));
      named.add(RowFactory.create(r.getDouble(0) > 0 ? "click" : "no click", r.get(1)));
    }
    org.apache.spark.sql.types.StructType withWeight = SparkTests.SCHEMA.add("w",
        org.apache.spark.sql.types.DataTypes.DoubleType);
    Dataset<Row> w = SparkTests.spark().createDataFrame(weighted, withWeight).coalesce(2);
    LessRamLogisticRegressionModel m = new LessRamLogisticRegression().setWeightCol("w").setRoundSize(100).fit(w);
    assertEquals(400, m.sessionView().model().examplesSeen(), "rows with weight 0 are ignored");
    assertEquals(1, m.sessionView().model().examplesSkipped(), "a weight beyond 1e100 is unusable, counted");

    // CSV-like data: a text label indexed by StringIndexer names the classes
    org.apache.spark.sql.types.StructType text = new org.apache.spark.sql.types.StructType()
        .add("y", org.apache.spark.sql.types.DataTypes.StringType)
        .add("features", org.apache.spark.ml.linalg.SQLDataTypes.VectorType());
    Dataset<Row> raw = SparkTests.spark().createDataFrame(named, text).coalesce(2);
    Dataset<Row> indexed = new org.apache.spark.ml.feature.StringIndexer().setInputCol("y").setOutputCol("label")
        .fit(raw).transform(raw);
    LessRamLogisticRegressionModel byName = new LessRamLogisticRegression().fit(indexed);
    assertEquals(java.util.Arrays.asList("no click", "click"), java.util.Arrays.asList(byName.classLabels()));
  }

  @Test
  void rawPredictionOfMulticlassIsTheScores() {
    List<Row> rows = SparkTests.rows(600, 20, 4, 4, true, 6);
    LessRamLogisticRegressionModel model = new LessRamLogisticRegression().fit(SparkTests.slices(rows, 2));
    Vector raw = model.predictRaw(SparkTests.features(rows.get(0)));
    assertEquals(4, raw.size());
    DenseVector p = (DenseVector) model.predictProbability(SparkTests.features(rows.get(0)));
    double max = Arrays.stream(raw.toArray()).max().getAsDouble();
    double sum = Arrays.stream(raw.toArray()).map(z -> Math.exp(z - max)).sum();
    assertEquals(Math.exp(raw.apply(2) - max) / sum, p.apply(2), 1e-12);
  }
}
