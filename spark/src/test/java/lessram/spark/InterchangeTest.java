package lessram.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.yahoo.labs.samoa.instances.Instance;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import lessram.CompressedPredictor;
import lessram.LearningRateSchedule;
import lessram.Settings;
import moa.classifiers.lessram.AbstractLessRamClassifier;
import moa.classifiers.lessram.ApproximateCountLogisticRegression;
import moa.classifiers.lessram.CompressedLogisticRegression;
import moa.core.SerializeUtils;
import moa.evaluation.preview.LearningCurve;
import moa.streams.lessram.LibSvmFileStream;
import moa.tasks.EvaluateModel;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weka.classifiers.functions.AbstractLessRamLogisticRegression;
import weka.core.Instances;
import weka.core.SerializationHelper;
import weka.core.converters.LibSVMLoader;
import weka.filters.Filter;
import weka.filters.unsupervised.attribute.NumericToNominal;

/**
 * One LIBSVM file read by Spark's {@code libsvm} source, MOA's {@code lessram.LibSvmFileStream} and Weka's {@code
 * LibSVMLoader}: a model trained on Spark, exported, predicts the same in MOA, Weka and Spark, bit for bit; its
 * {@code .lrfz} form predicts the same in the three hosts; and one partition trained round after round on Spark is
 * the MOA learner trained on the file.
 */
class InterchangeTest {
  private static final int D = 40;
  @TempDir
  static Path dir;
  private static Path file;
  private static List<Row> rows;

  @BeforeAll
  static void writeFile() throws IOException {
    rows = SparkTests.rows(1500, D, 6, 2, false, 7);
    file = dir.resolve("data.libsvm");
    writeLibSvm(rows, file);
  }

  static void writeLibSvm(List<Row> rows, Path file) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (Row r : rows) {
        SparseVector v = (SparseVector) SparkTests.features(r);
        StringBuilder b = new StringBuilder(Integer.toString((int) r.getDouble(0)));
        for (int j = 0; j < v.indices().length; j++) {
          b.append(' ').append(v.indices()[j] + 1).append(':').append(Double.toString(v.values()[j]));
        }
        w.write(b.append('\n').toString());
      }
    }
  }

  private static Dataset<Row> sparkData(int partitions) {
    Dataset<Row> d = SparkTests.spark().read().format("libsvm").option("numFeatures", D).load(file.toString());
    return d.coalesce(1).repartition(partitions);
  }

  private static List<Instance> moaInstances() {
    LibSvmFileStream s = new LibSvmFileStream();
    s.fileOption.setValue(file.toString());
    s.numFeaturesOption.setValue(D);
    s.prepareForUse();
    List<Instance> out = new ArrayList<>();
    while (s.hasMoreInstances()) {
      out.add(s.nextInstance().getData());
    }
    return out;
  }

  private static Instances wekaInstances() throws Exception {
    LibSVMLoader loader = new LibSVMLoader();
    loader.setSource(file.toFile());
    Instances data = loader.getDataSet();
    NumericToNominal nominal = new NumericToNominal();
    nominal.setAttributeIndices("last");
    nominal.setInputFormat(data);
    Instances result = Filter.useFilter(data, nominal);
    result.setClassIndex(result.numAttributes() - 1);
    return result;
  }

  /** The Spark model's probabilities of the file's rows, in file order. */
  private static List<double[]> sparkProbabilities(LessRamLogisticRegressionModel model) {
    List<Row> read = SparkTests.spark().read().format("libsvm").option("numFeatures", D).load(file.toString())
        .coalesce(1).collectAsList();
    List<double[]> out = new ArrayList<>();
    for (Row r : read) {
      out.add(model.predictProbability((Vector) r.get(1)).toArray());
    }
    return out;
  }

  @Test
  void onePartitionOnSparkIsTheMoaLearner() {
    LessRamLogisticRegressionModel model = new LessRamLogisticRegression().setRoundSize(400).fit(sparkData(1));
    ApproximateCountLogisticRegression moa = new ApproximateCountLogisticRegression();
    moa.prepareForUse();
    for (Instance x : moaInstances()) {
      moa.getVotesForInstance(x);
      moa.trainOnInstance(x);
    }
    EstimatorTest.assertSameModel(moa.getSession(), model.sessionView());
    // and what the engine alone does with the same settings
    assertEquals(Settings.builder(LearningRateSchedule.PER_COORDINATE).build().toString(),
        model.sessionView().settings().toString());
  }

  @Test
  void theExportedModelPredictsTheSameInMoaWekaAndSpark() throws Exception {
    LessRamLogisticRegressionModel model = new LessRamLogisticRegression().setRoundSize(150).setNumPartitions(4)
        .fit(sparkData(4));
    List<double[]> spark = sparkProbabilities(model);

    // MOA: the learner object, and the file MOA's tasks read
    AbstractLessRamClassifier moa = Interchange.toMoa(model);
    List<Instance> moaRows = moaInstances();
    for (int i = 0; i < moaRows.size(); i++) {
      assertArrayEquals(spark.get(i), moa.getVotesForInstance(moaRows.get(i)), "MOA, row " + i);
    }
    Path moaFile = dir.resolve("model.moa");
    Interchange.writeMoa(model, moaFile.toString());
    AbstractLessRamClassifier fromFile = (AbstractLessRamClassifier) SerializeUtils.readFromFile(moaFile.toFile());
    assertArrayEquals(spark.get(3), fromFile.getVotesForInstance(moaRows.get(3)));
    EvaluateModel task = new EvaluateModel();
    task.getOptions().setViaCLIString("-m file:" + moaFile + " -s (lessram.LibSvmFileStream -f " + file + " -d " + D
        + ")");
    task.prepareForUse();
    LearningCurve curve = (LearningCurve) task.doTask();
    double moaAccuracy = Double.NaN;
    for (int m = 0; m < curve.getMeasurementNameCount(); m++) {
      if (curve.getMeasurementName(m).startsWith("classifications correct")) {
        moaAccuracy = curve.getMeasurement(curve.numEntries() - 1, m);
      }
    }
    long correct = 0;
    List<Row> read = SparkTests.spark().read().format("libsvm").option("numFeatures", D).load(file.toString())
        .coalesce(1).collectAsList();
    for (int i = 0; i < read.size(); i++) {
      correct += (spark.get(i)[1] > spark.get(i)[0] ? 1 : 0) == (int) read.get(i).getDouble(0) ? 1 : 0;
    }
    assertEquals(100.0 * correct / read.size(), moaAccuracy, 1e-9, "MOA's EvaluateModel on the exported file");

    // Weka: the classifier object, and the file Weka's -l reads
    Instances weka = wekaInstances();
    AbstractLessRamLogisticRegression wekaModel = Interchange.toWeka(model);
    for (int i = 0; i < weka.numInstances(); i++) {
      assertArrayEquals(spark.get(i), wekaModel.distributionForInstance(weka.instance(i)), "Weka, row " + i);
    }
    Path wekaFile = dir.resolve("model.model");
    Interchange.writeWeka(model, wekaFile.toString());
    Object[] back = SerializationHelper.readAll(wekaFile.toString());
    assertArrayEquals(spark.get(5), ((AbstractLessRamLogisticRegression) back[0]).distributionForInstance(
        weka.instance(5)));
  }

  @Test
  void theCompressedModelPredictsTheSameInMoaWekaAndSpark() throws Exception {
    LessRamLogisticRegressionModel model = new LessRamLogisticRegression().setRoundSize(200).setSchedule("global")
        .fit(sparkData(3));
    Path lrfz = dir.resolve("model.lrfz");
    model.writeCompressed(lrfz.toString(), 7, 42);
    CompressedPredictor compressed = CompressedPredictor.read(lrfz);
    CompressedPredictor again = model.compress(7, 42);
    List<Row> read = SparkTests.spark().read().format("libsvm").option("numFeatures", D).load(file.toString())
        .coalesce(1).collectAsList();
    CompressedLogisticRegression moa = new CompressedLogisticRegression();
    moa.modelFileOption.setValue(lrfz.toString());
    moa.prepareForUse();
    weka.classifiers.functions.CompressedLogisticRegression wekaModel =
        new weka.classifiers.functions.CompressedLogisticRegression();
    wekaModel.setOptions(new String[] {"-model", lrfz.toString()});
    Instances weka = wekaInstances();
    wekaModel.buildClassifier(weka);
    List<Instance> moaRows = moaInstances();
    double loss = 0;
    for (int i = 0; i < read.size(); i++) {
      double[] p = compressed.probabilities(new EntriesView().set((Vector) read.get(i).get(1), D));
      assertArrayEquals(p, again.probabilities(new EntriesView().set((Vector) read.get(i).get(1), D)));
      assertArrayEquals(p, moa.getVotesForInstance(moaRows.get(i)), "MOA, row " + i);
      assertArrayEquals(p, wekaModel.distributionForInstance(weka.instance(i)), "Weka, row " + i);
      double[] full = model.predictProbability((Vector) read.get(i).get(1)).toArray();
      loss += Math.abs(full[1] - p[1]);
    }
    // q2.7 stays close to the full model
    assertTrue(loss / read.size() < 0.02, String.format(Locale.ROOT, "mean |p - p_compressed| %.4f", loss / read.size()));
  }
}
