package moa.classifiers.lessram;

import static moa.classifiers.lessram.LessRamTestSupport.AC;
import static moa.classifiers.lessram.LessRamTestSupport.BINARY;
import static moa.classifiers.lessram.LessRamTestSupport.MIXED;
import static moa.classifiers.lessram.LessRamTestSupport.MULTICLASS;
import static moa.classifiers.lessram.LessRamTestSupport.RR;
import static moa.classifiers.lessram.LessRamTestSupport.WAVEFORM;
import static moa.classifiers.lessram.LessRamTestSupport.assertProbabilities;
import static moa.classifiers.lessram.LessRamTestSupport.deserialize;
import static moa.classifiers.lessram.LessRamTestSupport.header;
import static moa.classifiers.lessram.LessRamTestSupport.instances;
import static moa.classifiers.lessram.LessRamTestSupport.learner;
import static moa.classifiers.lessram.LessRamTestSupport.measurement;
import static moa.classifiers.lessram.LessRamTestSupport.prepared;
import static moa.classifiers.lessram.LessRamTestSupport.prequential;
import static moa.classifiers.lessram.LessRamTestSupport.serialize;
import static moa.classifiers.lessram.LessRamTestSupport.sparseInstances;
import static moa.classifiers.lessram.LessRamTestSupport.train;
import static moa.classifiers.lessram.LessRamTestSupport.votes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.yahoo.labs.samoa.instances.DenseInstance;
import com.yahoo.labs.samoa.instances.Instance;
import com.yahoo.labs.samoa.instances.InstancesHeader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import lessram.FeatureSpace;
import lessram.LogisticRegression;
import moa.classifiers.Classifier;
import moa.classifiers.lessram.LessRamTestSupport.Setup;
import moa.core.Measurement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The checks every learner setup must pass (in the spirit of River's {@code river.checks}): valid
 * probabilities, input not mutated, seeding, copies, serialization, reset, unusual values, header changes,
 * invalid options. Real MOA streams and instances, no mocks.
 */
class ClassifierContractTest {

  static List<Setup> setups() {
    return LessRamTestSupport.setups();
  }

  static Stream<Arguments> setupsAndStreams() {
    List<Arguments> out = new ArrayList<>();
    for (Setup s : setups()) {
      for (String stream : new String[] {BINARY, MULTICLASS, WAVEFORM, MIXED}) {
        out.add(Arguments.of(s, stream));
      }
    }
    return out.stream();
  }

  private static InstancesHeader headerOf(List<Instance> data) {
    return (InstancesHeader) data.get(0).dataset();
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("setupsAndStreams")
  void probabilitiesAreValidAndUniformBeforeTraining(Setup setup, String stream) {
    List<Instance> data = instances(stream, 1500);
    int classes = data.get(0).numClasses();
    AbstractLessRamClassifier learner = prepared(setup.cli, headerOf(data));
    double[] first = learner.getVotesForInstance(data.get(0));
    double[] uniform = new double[classes];
    Arrays.fill(uniform, 1.0 / classes);
    assertArrayEquals(uniform, first, 1e-15, "untrained votes are uniform");
    double[][] votes = prequential(learner, data);
    for (int i = 0; i < votes.length; i++) {
      assertProbabilities(votes[i], classes, setup + " instance " + i);
    }
    assertEquals(data.size(), measurement(learner, "examples seen"));
    assertEquals(classes == 2 ? 1 : classes, learner.getEngineModel().numOutputs());
    // the model learned something: the last votes are not all uniform
    assertFalse(Arrays.equals(uniform, votes[votes.length - 1]));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("setups")
  void sparseInstancesGiveValidProbabilities(Setup setup) {
    List<Instance> data = sparseInstances(11, 1500, 500, 12);
    AbstractLessRamClassifier learner = prepared(setup.cli, headerOf(data));
    double[][] votes = prequential(learner, data);
    for (double[] v : votes) {
      assertProbabilities(v, 2, setup.name);
    }
    if (setup.name.equals("ac-sparse-map")) {
      assertTrue(learner.getEngineModel().storedCoordinates() <= 501, "only the features seen are stored");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("setups")
  void sparseAndDenseFormsOfTheSameDataGiveTheSameModel(Setup setup) {
    // with standardization a dense zero is a value (it becomes -mean/sd) while an absent sparse value
    // stays absent; with scaling none or maxabs a zero contributes nothing either way
    for (String scaling : new String[] {"-z none", "-z maxabs"}) {
      String cli = setup.cli.contains("-z ") ? setup.cli : setup.with(scaling);
      List<Instance> sparse = sparseInstances(5, 600, 60, 8);
      List<Instance> dense = new ArrayList<>();
      for (Instance s : sparse) {
        dense.add(LessRamTestSupport.dense(s));
      }
      assertTrue(dense.get(0).numValues() > sparse.get(0).numValues());
      AbstractLessRamClassifier a = prepared(cli, headerOf(sparse));
      AbstractLessRamClassifier b = prepared(cli, headerOf(sparse));
      double[][] va = prequential(a, sparse);
      double[][] vb = prequential(b, dense);
      for (int i = 0; i < va.length; i++) {
        assertArrayEquals(va[i], vb[i], 0.0, cli + " instance " + i);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("setups")
  void inputInstancesAreNotMutated(Setup setup) {
    List<Instance> data = new ArrayList<>(instances(MIXED, 300));
    data.addAll(instances(MIXED + " -f 3", 1)); // another function, same header
    List<Instance> sparse = sparseInstances(3, 200, 100, 5);
    for (List<Instance> set : Arrays.asList(data, sparse)) {
      AbstractLessRamClassifier learner = prepared(setup.cli, headerOf(set));
      for (Instance inst : set) {
        double[] before = inst.toDoubleArray().clone();
        int numValues = inst.numValues();
        double weight = inst.weight();
        Object dataset = inst.dataset();
        learner.getVotesForInstance(inst);
        learner.trainOnInstance(inst);
        learner.encodeForPrediction(inst);
        assertArrayEquals(before, inst.toDoubleArray(), 0.0);
        assertEquals(numValues, inst.numValues());
        assertEquals(weight, inst.weight());
        assertSame(dataset, inst.dataset());
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("setups")
  void sameSeedGivesIdenticalVotesAndDifferentSeedADifferentModel(Setup setup) {
    for (String stream : new String[] {BINARY, MULTICLASS}) {
      List<Instance> data = instances(stream, 1500);
      AbstractLessRamClassifier a = prepared(setup.with("-r 5"), headerOf(data));
      AbstractLessRamClassifier b = prepared(setup.with("-r 5"), headerOf(data));
      AbstractLessRamClassifier c = prepared(setup.with("-r 6"), headerOf(data));
      double[][] va = prequential(a, data);
      double[][] vb = prequential(b, data);
      double[][] vc = prequential(c, data);
      for (int i = 0; i < va.length; i++) {
        assertArrayEquals(va[i], vb[i], 0.0, "same seed, instance " + i);
      }
      assertEquals(coefficients(a.getEngineModel()), coefficients(b.getEngineModel()));
      assertEquals(5, a.getConfig().seed());
      if (setup.randomized) {
        assertFalse(coefficients(a.getEngineModel()).equals(coefficients(c.getEngineModel())),
            "a different seed gives a different model");
      } else {
        // nothing random in this setup: the seed cannot matter
        assertEquals(coefficients(a.getEngineModel()), coefficients(c.getEngineModel()));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("setups")
  void setRandomSeedSetsTheSeedOption(Setup setup) {
    // MOA's ensembles seed their members with setRandomSeed
    AbstractLessRamClassifier learner = learner(setup.cli);
    learner.setRandomSeed(77);
    learner.prepareForUse();
    learner.trainOnInstance(instances(BINARY, 1).get(0));
    assertEquals(77, learner.getConfig().seed());
    assertEquals(77, learner.seedOption.getValue());
  }

  /** The non-zero coefficients by coordinate (sorted: a sparse map's iteration order is not part of the state). */
  static java.util.SortedMap<Integer, Double> coefficients(LogisticRegression model) {
    java.util.SortedMap<Integer, Double> out = new java.util.TreeMap<>();
    model.forEachNonZeroCoefficient((c, v) -> out.put(c, v));
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("setups")
  void copiesAreIdenticalAndIndependent(Setup setup) {
    List<Instance> data = instances(MULTICLASS, 1500);
    List<Instance> first = data.subList(0, 500);
    List<Instance> more = data.subList(500, 1000);
    List<Instance> probe = data.subList(1000, 1500);
    AbstractLessRamClassifier original = prepared(setup.cli, headerOf(data));
    train(original, first);
    Classifier copy = original.copy();
    double[][] copyBefore = votes(copy, probe);
    assertDeepEquals(votes(original, probe), copyBefore);
    train(original, more);
    assertDeepEquals(copyBefore, votes(copy, probe)); // training the original left the copy alone
    train(copy, more);
    assertDeepEquals(votes(original, probe), votes(copy, probe)); // same state, same random stream
    assertEquals(coefficients(original.getEngineModel()),
        coefficients(((AbstractLessRamClassifier) copy).getEngineModel()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("setups")
  void serializationRoundTripKeepsVotesAndTrainingContinuesIdentically(Setup setup) {
    for (List<Instance> data : Arrays.asList(instances(WAVEFORM, 1500), sparseInstances(9, 1500, 300, 10))) {
      AbstractLessRamClassifier original = prepared(setup.cli, headerOf(data));
      train(original, data.subList(0, 500));
      AbstractLessRamClassifier restored = deserialize(serialize(original));
      List<Instance> probe = data.subList(1000, 1500);
      assertDeepEquals(votes(original, probe), votes(restored, probe));
      double[][] vo = prequential(original, data.subList(500, 1000));
      double[][] vr = prequential(restored, data.subList(500, 1000));
      assertDeepEquals(vo, vr);
      assertDeepEquals(votes(original, probe), votes(restored, probe));
      assertEquals(Arrays.toString(values(original)), Arrays.toString(values(restored)));
    }
  }

  private static double[] values(AbstractLessRamClassifier learner) {
    Measurement[] m = learner.getModelMeasurementsImpl();
    double[] v = new double[m.length];
    for (int i = 0; i < m.length; i++) {
      v[i] = m[i].getValue();
    }
    return v;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("setups")
  void resetLearningReproducesTheSameRun(Setup setup) {
    List<Instance> data = instances(MIXED, 1000);
    AbstractLessRamClassifier learner = prepared(setup.cli, headerOf(data));
    double[][] first = prequential(learner, data);
    double[] firstMeasures = values(learner);
    learner.resetLearning();
    assertNull(learner.getEngineModel());
    assertEquals(0, learner.trainingWeightSeenByModel());
    double[][] second = prequential(learner, data);
    assertDeepEquals(first, second);
    assertArrayEquals(firstMeasures, values(learner), 0.0);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("setups")
  void unseenNominalValuesAreCountedAndIgnored(Setup setup) {
    InstancesHeader h = header("nominal", 2, new int[] {3, 4}, 3);
    AbstractLessRamClassifier learner = prepared(setup.cli, h);
    List<Instance> data = tabular(h, 400, 1);
    train(learner, data);
    assertEquals(0, measurement(learner, "unseen nominal values"));
    Instance odd = data.get(0).copy();
    odd.setValue(2, 3); // attribute n0 has labels 0..2
    odd.setValue(3, 7.0); // attribute n1 has labels 0..3
    Instance without = data.get(0).copy();
    without.setMissing(2);
    without.setMissing(3);
    double[] v = learner.getVotesForInstance(odd);
    assertProbabilities(v, 3, setup.name);
    assertArrayEquals(learner.getVotesForInstance(without), v, 0.0, "an unseen label acts as absent");
    assertEquals(2, measurement(learner, "unseen nominal values"));
    learner.trainOnInstance(odd);
    assertEquals(4, measurement(learner, "unseen nominal values"));
    assertEquals(401, measurement(learner, "examples seen"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("setups")
  void missingValuesAreCountedAndAbsent(Setup setup) {
    InstancesHeader h = header("missing", 3, new int[] {3}, 2);
    AbstractLessRamClassifier learner = prepared(setup.cli.contains("-z ") ? setup.cli : setup.with("-z none"), h);
    List<Instance> data = tabular(h, 400, 2);
    train(learner, data);
    Instance missing = data.get(1).copy();
    missing.setMissing(0);
    missing.setMissing(3);
    Instance zero = data.get(1).copy();
    zero.setValue(0, 0.0);
    zero.setMissing(3);
    double[] v = learner.getVotesForInstance(missing);
    assertProbabilities(v, 2, setup.name);
    long before = (long) measurement(learner, "missing values");
    assertArrayEquals(learner.getVotesForInstance(zero), v, 0.0, "without scaling, missing numeric acts as 0");
    assertEquals(before + 1, measurement(learner, "missing values"));
    Instance allMissing = data.get(2).copy();
    for (int a = 0; a < 4; a++) {
      allMissing.setMissing(a);
    }
    assertProbabilities(learner.getVotesForInstance(allMissing), 2, "all missing");
    learner.trainOnInstance(missing);
    learner.trainOnInstance(allMissing);
    assertEquals(402, measurement(learner, "examples seen"));
    assertEquals(0, measurement(learner, "examples skipped (unusable value or weight)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("setups")
  void instancesWithoutClassAreSkippedAndCountedButPredicted(Setup setup) {
    List<Instance> data = instances(WAVEFORM, 600);
    AbstractLessRamClassifier learner = prepared(setup.cli, headerOf(data));
    train(learner, data.subList(0, 300));
    List<Instance> probe = data.subList(300, 600);
    double[][] before = votes(learner, probe);
    Instance noClass = data.get(10).copy();
    noClass.setMissing(noClass.classIndex());
    assertTrue(noClass.classIsMissing());
    assertProbabilities(learner.getVotesForInstance(noClass), 3, "no class");
    double weightSeen = learner.trainingWeightSeenByModel();
    learner.trainOnInstance(noClass);
    learner.trainOnInstanceImpl(noClass); // also when a caller bypasses MOA's check
    assertEquals(2, learner.instancesWithoutClass());
    assertEquals(2, measurement(learner, "instances skipped (no class)"));
    assertEquals(300, measurement(learner, "examples seen"));
    assertEquals(weightSeen, learner.trainingWeightSeenByModel());
    assertDeepEquals(before, votes(learner, probe));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("setups")
  void nonFiniteValuesSkipTrainingAndAreCounted(Setup setup) {
    InstancesHeader h = header("inf", 3, new int[0], 2);
    AbstractLessRamClassifier learner = prepared(setup.with("-z none"), h);
    List<Instance> data = tabular(h, 100, 4);
    train(learner, data);
    Instance inf = data.get(0).copy();
    inf.setValue(1, Double.POSITIVE_INFINITY);
    assertProbabilities(learner.getVotesForInstance(inf), 2, "infinite value");
    double[][] before = votes(learner, data);
    learner.trainOnInstance(inf);
    assertEquals(1, measurement(learner, "examples skipped (unusable value or weight)"));
    assertDeepEquals(before, votes(learner, data));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("setups")
  void headerChangeIsRejectedAndLeavesTheModelUntouched(Setup setup) {
    List<Instance> data = instances(BINARY, 400);
    AbstractLessRamClassifier learner = prepared(setup.cli, headerOf(data));
    train(learner, data.subList(0, 200));
    List<Instance> probe = data.subList(200, 400);
    double[][] before = votes(learner, probe);
    double weightSeen = learner.trainingWeightSeenByModel();
    long bytes = learner.modelBytes();

    Instance other = instances(WAVEFORM, 1).get(0);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> learner.trainOnInstance(other));
    assertTrue(e.getMessage().contains("class index changed from 10 to 21"), e.getMessage());
    e = assertThrows(IllegalStateException.class, () -> learner.getVotesForInstance(other));
    assertTrue(e.getMessage().contains("class index changed from 10 to 21"), e.getMessage());

    // same number of attributes, a numeric one turned nominal; then a class with more labels
    InstancesHeader h = header("typed", 9, new int[] {2}, 2);
    Instance nominal = tabular(h, 1, 1).get(0);
    e = assertThrows(IllegalStateException.class, () -> learner.trainOnInstance(nominal));
    assertTrue(e.getMessage().contains("attribute 9 changed from numeric to nominal with 2 labels"),
        e.getMessage());
    assertEquals(weightSeen, learner.trainingWeightSeenByModel());
    assertEquals(bytes, learner.modelBytes());
    assertDeepEquals(before, votes(learner, probe));

    // an equal header in another object is accepted
    InstancesHeader same = new InstancesHeader(data.get(0).dataset());
    Instance copy = data.get(0).copy();
    copy.setDataset(same);
    assertArrayEquals(learner.getVotesForInstance(data.get(0)), learner.getVotesForInstance(copy), 0.0);

    // after a reset the new header is accepted
    learner.resetLearning();
    learner.trainOnInstance(other);
    assertEquals(3, learner.getEngineModel().numClasses());
  }

  /** Seeded instances of a header made by {@link LessRamTestSupport#header}: the class depends on x0. */
  static List<Instance> tabular(InstancesHeader h, int n, long seed) {
    java.util.Random r = new java.util.Random(seed);
    List<Instance> out = new ArrayList<>();
    int classes = h.numClasses();
    for (int i = 0; i < n; i++) {
      double[] v = new double[h.numAttributes()];
      for (int a = 0; a < v.length - 1; a++) {
        v[a] = h.attribute(a).isNominal() ? r.nextInt(h.attribute(a).numValues()) : r.nextGaussian();
      }
      v[v.length - 1] = Math.floorMod((int) Math.floor(v[0] * 2 + r.nextGaussian() * 0.3), classes);
      Instance inst = new DenseInstance(1.0, v);
      inst.setDataset(h);
      out.add(inst);
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {RR, AC})
  void invalidOptionsFailAtResetWithAMessageNamingTheOption(String cli) {
    // options given on the command line (within MOA's option ranges)
    failsNaming(learner(cli + " -i 20 -f 12"), "-i");
    failsNaming(learner(cli + " -i 3 -f 29"), "-f");
    // (-a 0 is the adaptive rate, the default)
    failsNaming(learner(cli + " -p -h 4"), "-p");
    // values outside the options' ranges are already refused by MOA's option parser, naming the option
    for (String[] c : new String[][] {{"-a -0.5", "alpha"}, {"-h " + (FeatureSpace.MAX_HASH_BITS + 1), "hashingBits"},
        {"-i -1", "integerBits"}, {"-f 40", "fractionBits"}}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> learner(cli + " " + c[0]));
      assertTrue(String.valueOf(e.getCause().getCause().getMessage()).contains(c[1]),
          c[0] + ": " + e.getCause().getCause());
    }
    // NaN passes MOA's range check: ours catches it
    AbstractLessRamClassifier learner = learner(cli);
    learner.alphaOption.setValue(Double.NaN);
    failsNaming(learner, "-a");
    // without prepareForUse the options are checked on the first instance, and no model is built
    AbstractLessRamClassifier fresh = learner(cli);
    fresh.alphaOption.setValue(Double.NaN);
    Instance inst = instances(BINARY, 1).get(0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fresh.getVotesForInstance(inst));
    assertTrue(e.getMessage().contains("-a"), e.getMessage());
    assertNull(fresh.getEngineModel());
  }

  /** Adaptive storage's options out of range, or combinations it cannot take, fail naming the option. */
  @Test
  void invalidAdaptiveOptionsFailAtReset() {
    failsNaming(learner(AC + " -m adaptive -w 10 -b 8"), "-w");
    failsNaming(learner(AC + " -m adaptive -c exact"), "-m");
    failsNaming(learner(AC + " -m adaptive -b 9 -w 16"), "-b");
    failsNaming(learner(RR + " -m adaptive -p"), "-m");
    AbstractLessRamClassifier learner = learner(AC + " -m adaptive");
    learner.gammaOption.setValue(Double.NaN);
    failsNaming(learner, "-g");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> learner(RR + " -g 17"));
    assertTrue(e.getCause().getCause().getMessage().contains("gamma"), e.getCause().getCause().getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> learner(RR + " -w 65"));
    assertTrue(e.getCause().getCause().getMessage().contains("coordinateBits"), e.getCause().getCause().getMessage());
  }

  @Test
  void invalidCounterOptionsFailAtReset() {
    failsNaming(learner(AC + " -e 1"), "-e");
    failsNaming(learner(AC + " -b 17"), "-b");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> learner(AC + " -e 0.5"));
    assertTrue(e.getCause().getCause().getMessage().contains("morrisBase"), e.getCause().getCause().getMessage());
    ApproximateCountLogisticRegression learner = (ApproximateCountLogisticRegression) learner(AC);
    learner.morrisBaseOption.setValue(Double.NaN);
    failsNaming(learner, "-e");
    learner = (ApproximateCountLogisticRegression) learner(AC + " -c exact -b 32");
    learner.prepareForUse(); // 32-bit exact counters are fine
    // exact counters default to 32 bits, Morris to 8
    AbstractLessRamClassifier exact = prepared(AC + " -c exact", null);
    exact.trainOnInstance(instances(BINARY, 1).get(0));
    assertEquals(32, exact.getConfig().counterBits());
    AbstractLessRamClassifier morris = prepared(AC, null);
    morris.trainOnInstance(instances(BINARY, 1).get(0));
    assertEquals(8, morris.getConfig().counterBits());
    assertEquals(24, morris.getEngineModel().bitsPerCoordinate());
  }

  /** A learner that adopts a trained session shows the default counter width as the default (0), not as 8. */
  @Test
  void anAdoptedSessionKeepsTheDefaultCounterWidthAsTheDefault() {
    List<Instance> data = instances(BINARY, 50);
    AbstractLessRamClassifier trained = prepared(AC, null);
    for (Instance x : data) {
      trained.trainOnInstance(x);
    }
    ApproximateCountLogisticRegression adopted = (ApproximateCountLogisticRegression) learner(AC);
    adopted.adoptSession(trained.getSession());
    assertEquals(0, adopted.counterBitsOption.getValue());
    // switched to exact counters and started afresh: exact counters' default width
    adopted.counterOption.setChosenLabel("exact");
    adopted.resetLearning();
    adopted.trainOnInstance(data.get(0));
    assertEquals(32, adopted.getConfig().counterBits());
  }

  private static void failsNaming(AbstractLessRamClassifier learner, String option) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, learner::prepareForUse);
    assertTrue(e.getMessage().contains(option), e.getMessage());
    assertTrue(e.getMessage().contains(learner.getClass().getSimpleName()), e.getMessage());
  }

  @Test
  void aHeaderWithoutANominalClassIsRejectedClearly() {
    InstancesHeader h = header("oneclass", 2, new int[0], 1);
    Instance inst = tabular(h, 1, 1).get(0);
    AbstractLessRamClassifier learner = prepared(AC, h);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> learner.trainOnInstance(inst));
    assertTrue(e.getMessage().contains("at least 2 labels"), e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("setups")
  void measurementsAndDescriptionAreAlwaysAvailable(Setup setup) {
    AbstractLessRamClassifier learner = prepared(setup.cli, null);
    checkMeasurements(learner);
    StringBuilder sb = new StringBuilder();
    learner.getModelDescription(sb, 0);
    assertTrue(sb.toString().contains("no model yet"), sb.toString());
    List<Instance> data = instances(MULTICLASS, 300);
    train(learner, data);
    checkMeasurements(learner);
    sb = new StringBuilder();
    learner.getDescription(sb, 2);
    String text = sb.toString();
    assertTrue(text.contains(learner.getConfig().describe()), text);
    assertTrue(text.contains("Coefficients of the class scores") && text.contains("largest |value| first"), text);
    assertTrue(text.contains("Training instances used: 300"), text);
    assertTrue(measurement(learner, "model bytes") > 0);
    assertEquals(learner.getEngineModel().bitsPerCoordinate(), measurement(learner, "bits per coordinate"));
    assertEquals(learner.getEngineModel().numCoordinates(), measurement(learner, "coefficients (coordinates)"));
  }

  private static void checkMeasurements(AbstractLessRamClassifier learner) {
    Measurement[] all = learner.getModelMeasurements();
    assertNotNull(all);
    Measurement[] own = learner.getModelMeasurementsImpl();
    // every statistic, except the rejected sightings of feature inclusion when the model has none
    boolean inclusion = learner.getConfig() != null && learner.getConfig().featureSpace().inclusion().selective();
    assertEquals(lessram.OnlineClassifier.Statistic.values().length - (inclusion ? 0 : 1), own.length);
    for (Measurement m : own) {
      assertNotNull(m.getName());
      assertTrue(Double.isFinite(m.getValue()) && m.getValue() >= 0, m.getName() + " = " + m.getValue());
    }
  }

  @Test
  void encodeForPredictionExposesTheFeaturesTheModelSees() {
    InstancesHeader h = header("enc", 2, new int[] {3}, 2);
    AbstractLessRamClassifier learner = prepared(AC + " -z none", h);
    Instance inst = tabular(h, 1, 3).get(0);
    inst.setValue(0, 1.5);
    inst.setValue(1, 0.0);
    inst.setValue(2, 2);
    int nnz = learner.encodeForPrediction(inst);
    assertEquals(2, nnz); // x0 = 1.5, x1 = 0 absent, n0 = v2 -> one-hot id 2 + 2
    int[] ids = Arrays.copyOf(learner.getEncoder().ids(), nnz);
    double[] values = Arrays.copyOf(learner.getEncoder().values(), nnz);
    assertArrayEquals(new int[] {0, 4}, ids);
    assertArrayEquals(new double[] {1.5, 1.0}, values, 0.0);
    train(learner, tabular(h, 200, 4));
    nnz = learner.encodeForPrediction(inst);
    double[] p = learner.getEngineModel().probabilities(learner.getEncoder().ids(), learner.getEncoder().values(), nnz);
    assertArrayEquals(learner.getVotesForInstance(inst), p, 0.0);
  }

  @Test
  void hashedAndSparseFeatureSpacesFollowTheOptions() {
    List<Instance> data = sparseInstances(1, 50, 2000, 5);
    AbstractLessRamClassifier hashed = prepared(AC + " -h 4", headerOf(data));
    train(hashed, data);
    assertEquals(FeatureSpace.Kind.HASHED, hashed.getConfig().featureSpace().kind());
    assertEquals((16 + 1), hashed.getEngineModel().numCoordinates());
    AbstractLessRamClassifier map = prepared(AC + " -p", headerOf(data));
    train(map, data);
    assertEquals(FeatureSpace.Kind.SPARSE, map.getConfig().featureSpace().kind());
    assertTrue(map.getEngineModel().storedCoordinates() <= 5 * 50 + 1);
    AbstractLessRamClassifier direct = prepared(RR, headerOf(data));
    train(direct, data);
    assertEquals(FeatureSpace.Kind.DIRECT, direct.getConfig().featureSpace().kind());
    assertEquals(2001, direct.getEngineModel().numCoordinates());
    assertEquals(16, direct.getEngineModel().bitsPerCoordinate());
  }

  static void assertDeepEquals(double[][] expected, double[][] actual) {
    assertEquals(expected.length, actual.length);
    for (int i = 0; i < expected.length; i++) {
      assertArrayEquals(expected[i], actual[i], 0.0, "row " + i);
    }
  }
}
