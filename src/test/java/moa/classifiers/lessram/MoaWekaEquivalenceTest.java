package moa.classifiers.lessram;

import static moa.classifiers.lessram.LessRamTestSupport.AC;
import static moa.classifiers.lessram.LessRamTestSupport.MIXED;
import static moa.classifiers.lessram.LessRamTestSupport.MULTICLASS;
import static moa.classifiers.lessram.LessRamTestSupport.RR;
import static moa.classifiers.lessram.LessRamTestSupport.WAVEFORM;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.yahoo.labs.samoa.instances.Instance;
import com.yahoo.labs.samoa.instances.InstancesHeader;
import com.yahoo.labs.samoa.instances.SamoaToWekaInstanceConverter;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.UpdateableClassifier;

/**
 * The MOA and Weka learners share the engine and the {@code InstanceEncoder}: on the same data, with the
 * same options and seed, they give bit-identical probabilities (prequential, predict then train).
 */
class MoaWekaEquivalenceTest {

  @ParameterizedTest(name = "{0} {1} on {3}")
  @CsvSource(delimiter = ';', value = {
      "RR; ; ; " + MIXED,
      "AC; ; ; " + MIXED,
      "AC; ; ; " + MULTICLASS,
      "RR; ; ; " + WAVEFORM,
      "AC; -m nearest -f 9 -c exact -r 7 -a 0.3; -M nearest -F 9 -C exact -S 7 -A 0.3; " + WAVEFORM,
      "AC; -h 6 -b 6 -e 1.3 -z maxabs; -H 6 -B 6 -E 1.3 -Z maxabs; " + MIXED,
      "AC; -p -m float32; -P -M float32; sparse",
      "AC; -p -u poisson -y 0.3 -r 5; -P -U poisson -Y 0.3 -S 5; sparse",
      "AC; -p -u bloom -n 2 -l 10; -P -U bloom -N 2 -L 10; sparse",
      "RR; -p -u bloom -n 1 -l 8; -P -U bloom -N 1 -L 8; sparse",
      "AC; -p -u poisson -y 0.5; -P -U poisson -Y 0.5; " + MULTICLASS,
      "AC; -m adaptive -w 10 -b 4 -e 2 -g 0.25 -h 6; -M adaptive -W 10 -B 4 -E 2 -G 0.25 -H 6; " + MIXED,
      "RR; -m adaptive -w 8; -M adaptive -W 8; " + WAVEFORM,
  })
  void sameDataSameOptionsSameProbabilities(String learner, String moaOptions, String wekaOptions,
      String stream) throws Exception {
    List<Instance> data = stream.equals("sparse")
        ? LessRamTestSupport.sparseInstances(8, 2000, 300, 9)
        : LessRamTestSupport.instances(stream, 2000);
    boolean ac = learner.equals("AC");
    AbstractLessRamClassifier moa = LessRamTestSupport.prepared((ac ? AC : RR) + " "
        + (moaOptions == null ? "" : moaOptions), (InstancesHeader) data.get(0).dataset());
    AbstractClassifier wekaLearner = ac ? new weka.classifiers.functions.ApproximateCountLogisticRegression()
        : new weka.classifiers.functions.RandomizedRoundingLogisticRegression();
    if (wekaOptions != null) {
      wekaLearner.setOptions(weka.core.Utils.splitOptions(wekaOptions));
    }
    SamoaToWekaInstanceConverter converter = new SamoaToWekaInstanceConverter();
    wekaLearner.buildClassifier(converter.wekaInstancesInformation(data.get(0).dataset()));
    for (int i = 0; i < data.size(); i++) {
      Instance inst = data.get(i);
      weka.core.Instance w = converter.wekaInstance(inst);
      assertArrayEquals(moa.getVotesForInstance(inst), wekaLearner.distributionForInstance(w), 0.0, "instance " + i);
      moa.trainOnInstance(inst);
      ((UpdateableClassifier) wekaLearner).updateClassifier(w);
    }
  }
}
