package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.file.Path;
import lessram.CompressedPredictor;
import lessram.InstanceEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.SerializationHelper;

/** The Weka side of compressed models: same predictions as the engine, file round trip, header check, -compress. */
class CompressedLogisticRegressionTest {

  static AbstractLessRamLogisticRegression trained(String kind, Instances data) throws Exception {
    AbstractLessRamLogisticRegression l = kind.equals("rr") ? new RandomizedRoundingLogisticRegression()
        : new ApproximateCountLogisticRegression();
    if (kind.equals("hashed")) {
      l.setHashBits(8);
    } else if (kind.equals("sparse")) {
      l.setSparseMap(true);
    }
    l.buildClassifier(data);
    return l;
  }

  @ParameterizedTest
  @ValueSource(strings = {"ac", "rr", "hashed", "sparse"})
  void predictsExactlyLikeTheCompressedEngineModelAndRoundTripsThroughAFile(String kind, @TempDir Path dir)
      throws Exception {
    for (int classes : new int[] {2, 3}) {
      Instances train = WekaTestData.mixed(2000, classes, 0.05, 0.0, 1);
      Instances test = WekaTestData.mixed(300, classes, 0.05, 0.0, 2);
      AbstractLessRamLogisticRegression learner = trained(kind, train);
      CompressedPredictor compressed = learner.compress(7, 1);
      CompressedLogisticRegression inMemory = new CompressedLogisticRegression(compressed);
      File file = dir.resolve(kind + classes + ".lrfz").toFile();
      compressed.write(file.toPath());
      CompressedLogisticRegression loaded = new CompressedLogisticRegression();
      loaded.setOptions(new String[] {"-model", file.getPath()});
      loaded.buildClassifier(new Instances(train, 0));
      File wekaModel = dir.resolve(kind + classes + ".model").toFile();
      SerializationHelper.write(wekaModel.getPath(), loaded);
      CompressedLogisticRegression reread = (CompressedLogisticRegression) SerializationHelper.read(wekaModel.getPath());
      InstanceEncoder enc = learner.getEncoder().copy();
      for (Instance inst : test) {
        enc.begin();
        for (int p = 0; p < inst.numValues(); p++) {
          enc.add(inst.index(p), inst.valueSparse(p));
        }
        double[] engine = compressed.probabilities(enc.ids(), enc.values(), enc.size());
        assertArrayEquals(engine, inMemory.distributionForInstance(inst), 0.0, "Weka = engine");
        assertArrayEquals(engine, loaded.distributionForInstance(inst), 0.0, "after the .lrfz round trip");
        assertArrayEquals(engine, reread.distributionForInstance(inst), 0.0, "after Weka's -d serialization");
        double[] uncompressed = learner.distributionForInstance(inst);
        assertArrayEquals(uncompressed, engine, 0.1, "q2.7 stays near the learner");
      }
    }
  }

  @Test
  void aDifferentHeaderIsRefused() throws Exception {
    Instances train = WekaTestData.mixed(500, 2, 0.0, 0.0, 1);
    CompressedLogisticRegression c = new CompressedLogisticRegression(trained("ac", train).compress(7, 1));
    Exception e = assertThrows(Exception.class, () -> c.buildClassifier(WekaTestData.mixed(10, 3, 0, 0, 1)));
    assertTrue(e.getMessage().contains("does not match"), e.getMessage());
    Instances renamed = new Instances(train, 0);
    renamed.renameAttributeValue(renamed.classAttribute(), renamed.classAttribute().value(0), "other");
    e = assertThrows(Exception.class, () -> c.buildClassifier(renamed));
    assertTrue(e.getMessage().contains("class labels changed"), e.getMessage());
    Exception noModel = assertThrows(Exception.class, () -> new CompressedLogisticRegression().buildClassifier(train));
    assertTrue(noModel.getMessage().contains("-model"), noModel.getMessage());
  }

  @Test
  void theCompressCommandLineHelperWritesAFileFromASavedWekaModel(@TempDir Path dir) throws Exception {
    Instances train = WekaTestData.mixed(1000, 2, 0.0, 0.0, 1);
    AbstractLessRamLogisticRegression learner = trained("ac", train);
    File saved = dir.resolve("ac.model").toFile();
    SerializationHelper.write(saved.getPath(), learner);
    File out = dir.resolve("ac.lrfz").toFile();
    PrintStream old = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, "UTF-8"));
    try {
      CompressedLogisticRegression.main(new String[] {"-compress", "-l", saved.getPath(), "-o", out.getPath(),
          "-f", "5", "-r", "2"});
    } finally {
      System.setOut(old);
    }
    assertTrue(captured.toString("UTF-8").contains("realized"), captured.toString("UTF-8"));
    CompressedPredictor p = CompressedPredictor.read(out.toPath());
    CompressedPredictor direct = learner.compress(5, 2);
    for (Instance inst : WekaTestData.mixed(100, 2, 0.0, 0.0, 5)) {
      assertArrayEquals(new CompressedLogisticRegression(direct).distributionForInstance(inst),
          new CompressedLogisticRegression(p).distributionForInstance(inst), 0.0);
    }
    File notOurs = dir.resolve("j48.model").toFile();
    weka.classifiers.trees.J48 j48 = new weka.classifiers.trees.J48();
    j48.buildClassifier(train);
    SerializationHelper.write(notOurs.getPath(), j48);
    Exception e = assertThrows(Exception.class, () -> CompressedLogisticRegression.compress(notOurs, out, 7, 1));
    assertTrue(e.getMessage().contains("not a RandomizedRoundingLogisticRegression"), e.getMessage());
  }
}
