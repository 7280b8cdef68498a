package moa.classifiers.lessram;

import static moa.classifiers.lessram.LessRamTestSupport.AC;
import static moa.classifiers.lessram.LessRamTestSupport.RR;
import static moa.classifiers.lessram.LessRamTestSupport.assertProbabilities;
import static moa.classifiers.lessram.LessRamTestSupport.header;
import static moa.classifiers.lessram.LessRamTestSupport.prepared;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.yahoo.labs.samoa.instances.DenseInstance;
import com.yahoo.labs.samoa.instances.Instance;
import com.yahoo.labs.samoa.instances.InstancesHeader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import lessram.LearnerOption;
import lessram.LearningRateSchedule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The adaptive learning rate (the default, alpha 0) on unusual input, through the MOA learners: a feature
 * whose scale jumps by 1000 half-way, a constant feature, an all-one-class stream (binary and multiclass).
 * The votes stay finite probabilities, and where there is something to learn the learner still learns it
 * (seeded data; the floors are about 0.1 below what the learners reach).
 */
class AdaptiveRateTest {
  static final int N = 6000;

  /** Learners at their defaults, also without scaling (the raw values reach the model) and in float64. */
  static final String[] LEARNERS = {AC, RR, AC + " -z none", RR + " -z none", AC + " -m float64 -c exact"};

  /**
   * Four numeric features, class 1 with probability sigmoid(2 x0 - 1.5 x1 + x2), x ~ N(0, 1); from
   * {@code jumpAt} on, feature 0 is given multiplied by 1000 (the class still follows the unscaled value);
   * {@code constant} replaces feature 3 by 5.0; {@code oneClass} labels every instance 1.
   */
  static List<Instance> stream(int n, int jumpAt, boolean constant, boolean oneClass, long seed) {
    InstancesHeader h = header("unusual", 4, new int[0], 2);
    Random r = new Random(seed);
    List<Instance> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      double[] x = new double[5];
      for (int j = 0; j < 4; j++) {
        x[j] = r.nextGaussian();
      }
      double z = 2 * x[0] - 1.5 * x[1] + x[2];
      x[4] = oneClass || r.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
      if (i >= jumpAt) {
        x[0] *= 1000;
      }
      if (constant) {
        x[3] = 5.0;
      }
      Instance inst = new DenseInstance(1.0, x);
      inst.setDataset(h);
      out.add(inst);
    }
    return out;
  }

  /** Prequential accuracy over the instances from {@code from}, checking every vote on the way. */
  static double accuracy(String cli, List<Instance> data, int from) {
    AbstractLessRamClassifier learner = prepared(cli, (InstancesHeader) data.get(0).dataset());
    long correct = 0;
    for (int i = 0; i < data.size(); i++) {
      Instance inst = data.get(i);
      double[] votes = learner.getVotesForInstance(inst);
      assertProbabilities(votes, inst.numClasses(), cli + " at instance " + i);
      if (i >= from && moa.core.Utils.maxIndex(votes) == (int) inst.classValue()) {
        correct++;
      }
      learner.trainOnInstance(inst);
    }
    return (double) correct / (data.size() - from);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4})
  void aFeatureWhoseScaleJumpsByAThousandHalfWay(int learner) {
    String cli = LEARNERS[learner];
    double before = accuracy(cli, stream(N, Integer.MAX_VALUE, false, false, 5), N * 3 / 4);
    double after = accuracy(cli, stream(N, N / 2, false, false, 5), N * 3 / 4);
    // the Bayes accuracy is about 0.83; the learners reach about 0.82 on the last quarter without the jump;
    // with the jump, the scaled learners about 0.8, the unscaled ones (the coefficient of feature 0 must
    // shrink 1000-fold, to a few fixed-point steps) about 0.71
    assertTrue(before > 0.72, cli + ": " + before);
    double floor = cli.contains("-z none") ? 0.62 : 0.72;
    assertTrue(after > floor, cli + " after the jump: " + after + " (without: " + before + ")");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4})
  void aConstantFeature(int learner) {
    String cli = LEARNERS[learner];
    double a = accuracy(cli, stream(N, Integer.MAX_VALUE, true, false, 6), N / 2);
    assertTrue(a > 0.72, cli + ": " + a);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4})
  void anAllOneClassStream(int learner) {
    String cli = LEARNERS[learner];
    List<Instance> data = stream(N, Integer.MAX_VALUE, false, true, 7);
    assertEquals(1.0, accuracy(cli, data, N / 2), cli);
    AbstractLessRamClassifier l = prepared(cli, (InstancesHeader) data.get(0).dataset());
    for (Instance inst : data) {
      l.trainOnInstance(inst);
    }
    double[] votes = l.getVotesForInstance(data.get(0));
    assertTrue(votes[1] > 0.95, cli + ": " + votes[1]);
  }

  @ParameterizedTest
  @ValueSource(strings = {AC, RR})
  void anAllOneClassMulticlassStream(String cli) {
    InstancesHeader h = header("oneclass", 3, new int[] {4}, 3);
    Random r = new Random(8);
    AbstractLessRamClassifier learner = prepared(cli, h);
    for (int i = 0; i < N; i++) {
      Instance inst = new DenseInstance(1.0, new double[] {r.nextGaussian(), 1e3 * r.nextGaussian(), 2.0,
          r.nextInt(4), 2});
      inst.setDataset(h);
      double[] votes = learner.getVotesForInstance(inst);
      assertProbabilities(votes, 3, cli + " at instance " + i);
      if (i > N / 2) {
        assertEquals(2, moa.core.Utils.maxIndex(votes), cli + " at instance " + i);
      }
      learner.trainOnInstance(inst);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {AC, RR})
  void theDefaultIsTheAdaptiveRateAndAFixedAlphaIsReachable(String cli) {
    LearningRateSchedule schedule = cli.equals(AC) ? LearningRateSchedule.PER_COORDINATE
        : LearningRateSchedule.GLOBAL;
    List<Instance> data = stream(1, Integer.MAX_VALUE, false, false, 9);
    InstancesHeader h = (InstancesHeader) data.get(0).dataset();
    AbstractLessRamClassifier byDefault = prepared(cli, h);
    byDefault.trainOnInstance(data.get(0));
    assertTrue(byDefault.getEngineModel().config().adaptive());
    assertEquals(LearnerOption.adaptiveScale(schedule), byDefault.getEngineModel().config().rateScale());
    double old = LearnerOption.fixedDefaultAlpha(schedule);
    AbstractLessRamClassifier fixed = prepared(cli + " -a " + old, h);
    fixed.trainOnInstance(data.get(0));
    assertTrue(!fixed.getEngineModel().config().adaptive());
    assertEquals(old, fixed.getEngineModel().config().rateScale());
  }
}
