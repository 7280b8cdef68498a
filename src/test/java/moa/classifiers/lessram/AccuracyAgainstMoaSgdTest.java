package moa.classifiers.lessram;

import static moa.classifiers.lessram.LessRamTestSupport.AC;
import static moa.classifiers.lessram.LessRamTestSupport.RR;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.yahoo.labs.samoa.instances.Instance;
import moa.classifiers.Classifier;
import moa.core.Utils;
import moa.options.ClassOption;
import moa.streams.InstanceStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Behaviour, not timing: with their default options our learners are at least as accurate (prequential,
 * 100,000 instances) as MOA's own linear learners at their defaults: {@code functions.SGD} on binary
 * streams, {@code functions.SGDMultiClass} on multiclass ones.
 */
class AccuracyAgainstMoaSgdTest {
  static final int INSTANCES = 100_000;
  /** Ours may fall below MOA's learner by at most this many accuracy points ("beat or match"). */
  static final double MARGIN = 0.5;

  static double prequentialAccuracy(String learnerCli, String streamCli) throws Exception {
    InstanceStream stream = LessRamTestSupport.stream(streamCli);
    Classifier learner = (Classifier) ClassOption.cliStringToObject(learnerCli, Classifier.class, null);
    learner.setModelContext(stream.getHeader());
    learner.prepareForUse();
    long correct = 0;
    for (int i = 0; i < INSTANCES; i++) {
      Instance inst = stream.nextInstance().getData();
      double[] votes = learner.getVotesForInstance(inst);
      if (Utils.maxIndex(votes) == (int) inst.classValue()) { // the rule of MOA's evaluators
        correct++;
      }
      learner.trainOnInstance(inst);
    }
    return 100.0 * correct / INSTANCES;
  }

  @ParameterizedTest(name = "{0} vs {1}")
  @CsvSource(delimiter = ';', value = {
      "generators.RandomRBFGenerator -i 7; functions.SGD",
      "generators.HyperplaneGenerator -i 7; functions.SGD",
      "generators.SEAGenerator -i 7; functions.SGD",
      "generators.AgrawalGenerator -i 7; functions.SGD",
      "generators.WaveformGenerator -i 7; functions.SGDMultiClass",
      "generators.LEDGenerator -i 7; functions.SGDMultiClass",
      "generators.RandomRBFGenerator -i 7 -c 5; functions.SGDMultiClass",
  })
  void defaultsBeatOrMatchMoaSgdAtItsDefaults(String stream, String moaLearner) throws Exception {
    double moa = prequentialAccuracy(moaLearner, stream);
    for (String ours : new String[] {RR, AC}) {
      double accuracy = prequentialAccuracy(ours, stream);
      assertTrue(accuracy >= moa - MARGIN,
          String.format(java.util.Locale.ROOT, "%s on %s: %.2f%% vs %s %.2f%%", ours, stream, accuracy, moaLearner, moa));
    }
  }
}
