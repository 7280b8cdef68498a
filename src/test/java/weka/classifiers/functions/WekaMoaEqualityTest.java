package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.yahoo.labs.samoa.instances.WekaToSamoaInstanceConverter;
import lessram.LearnerConfig;
import moa.classifiers.lessram.AbstractLessRamClassifier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import weka.core.Instances;

/**
 * The Weka and MOA learners share the engine and the {@link lessram.InstanceEncoder}: for the same data,
 * the same options (Weka's upper-case letters are MOA's lower-case ones; Weka's seed {@code -S} is MOA's
 * {@code -r}) and the same seed they build bit-identical models and predict identically.
 */
class WekaMoaEqualityTest {

  /** The MOA command-line options meaning the same as Weka options {@code weka}. */
  static String moaOptions(String weka) {
    StringBuilder sb = new StringBuilder();
    for (String token : weka.trim().split("\\s+")) {
      if (token.isEmpty()) {
        continue;
      }
      if (token.matches("-[A-Z]")) {
        token = token.equals("-S") ? "-r" : token.toLowerCase(java.util.Locale.ROOT);
      }
      sb.append(sb.length() == 0 ? "" : " ").append(token);
    }
    return sb.toString();
  }

  /**
   * Weka to MOA instances: MOA's {@link WekaToSamoaInstanceConverter} for dense instances; sparse ones are
   * copied entry by entry, because the converter mangles a sparse instance that stores its class value
   * (it leaves that entry's index at 0 and then fails to set the class).
   */
  static final class Samoa {
    private final WekaToSamoaInstanceConverter converter = new WekaToSamoaInstanceConverter();
    private final com.yahoo.labs.samoa.instances.Instances header;

    Samoa(Instances data) {
      header = converter.samoaInstancesInformation(data);
    }

    com.yahoo.labs.samoa.instances.Instance convert(weka.core.Instance inst) {
      if (!(inst instanceof weka.core.SparseInstance)) {
        return converter.samoaInstance(inst);
      }
      int n = inst.numValues();
      double[] values = new double[n];
      int[] indices = new int[n];
      for (int p = 0; p < n; p++) {
        values[p] = inst.valueSparse(p);
        indices[p] = inst.index(p);
      }
      com.yahoo.labs.samoa.instances.Instance s =
          new com.yahoo.labs.samoa.instances.SparseInstance(inst.weight(), values, indices, inst.numAttributes());
      s.setDataset(header);
      return s;
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "RR ", "AC ", "RR -M nearest -F 6 -S 3", "AC -C exact -A 0.3", "AC -H 6 -Z maxabs", "AC -P",
      "RR -I 1 -F 10 -Z none -S 17", "AC -M float32 -B 12 -E 1.3", "AC -M float64 -Z standardize",
      "AC -P -U poisson -Y 0.3 -S 4", "AC -P -U bloom -N 2 -L 9", "RR -P -U bloom -N 1 -L 16",
      "AC -M adaptive -W 12 -B 6 -E 1.25", "RR -M adaptive -W 8 -G 1"})
  void sameDataSameSeedSameModel(String spec) throws Exception {
    String kind = spec.substring(0, 2);
    String options = spec.substring(2).trim();
    for (Instances data : new Instances[] {
        WekaTestData.mixed(300, 2, 0.1, 0.05, 31), WekaTestData.mixed(300, 4, 0.1, 0.0, 32),
        WekaTestData.sparse(200, 150, 10, 33)}) {
      AbstractLessRamLogisticRegression weka = WekaLearnerBehaviourTest.learner(spec.trim());
      AbstractLessRamClassifier moa = kind.equals("RR")
          ? new moa.classifiers.lessram.RandomizedRoundingLogisticRegression()
          : new moa.classifiers.lessram.ApproximateCountLogisticRegression();
      moa.getOptions().setViaCLIString(moaOptions(options));
      moa.prepareForUse();
      moa.resetLearning();

      weka.buildClassifier(new Instances(data, 0));
      Samoa converter = new Samoa(data);
      for (int i = 0; i < data.numInstances(); i++) {
        // predict-then-train, as MOA's prequential evaluation does, on both sides
        if (i > 0) {
          double[] w = weka.distributionForInstance(data.instance(i));
          double[] m = moa.getVotesForInstance(converter.convert(data.instance(i)));
          assertArrayEquals(w, m, 0.0, spec + " instance " + i);
        }
        weka.updateClassifier(data.instance(i));
        moa.trainOnInstance(converter.convert(data.instance(i)));
      }
      LearnerConfig wc = weka.getModel().config();
      LearnerConfig mc = moa.getConfig();
      assertEquals(wc.describe(), mc.describe(), spec);
      assertArrayEquals(WekaLearnerBehaviourTest.coefficients(moa.getEngineModel()),
          WekaLearnerBehaviourTest.coefficients(weka.getModel()), 0.0, spec);
      assertEquals(moa.getEngineModel().examplesSeen(), weka.getModel().examplesSeen());
      assertEquals(moa.getEngineModel().storedCoordinates(), weka.getModel().storedCoordinates(), spec);
      assertEquals(moa.getEngineModel().rejectedSightings(), weka.getModel().rejectedSightings(), spec);
      if (spec.contains("-U")) {
        assertTrue(weka.getModel().rejectedSightings() > 0, spec + ": feature inclusion rejected sightings");
      }
      assertTrue(weka.getModel().examplesSeen() > 150);
    }
  }
}
