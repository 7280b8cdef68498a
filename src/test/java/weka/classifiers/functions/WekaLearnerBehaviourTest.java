package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import lessram.CounterType;
import lessram.FeatureSpace;
import lessram.LearnerConfig;
import lessram.LearningRateSchedule;
import lessram.LogisticRegression;
import lessram.CoefficientStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.Evaluation;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Utils;

/** Behaviour of the two Weka learners beyond Weka's generic checks. */
class WekaLearnerBehaviourTest {

  static AbstractLessRamLogisticRegression learner(String spec) throws Exception {
    String[] parts = spec.split(" ", 2);
    AbstractLessRamLogisticRegression c = parts[0].equals("RR")
        ? new RandomizedRoundingLogisticRegression() : new ApproximateCountLogisticRegression();
    if (parts.length > 1) {
      c.setOptions(Utils.splitOptions(parts[1]));
    }
    return c;
  }

  static double[][] distributions(AbstractClassifier c, Instances data) throws Exception {
    double[][] out = new double[data.numInstances()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = c.distributionForInstance(data.instance(i));
    }
    return out;
  }

  /** Every coefficient of the model (feature slots, bias, all outputs). */
  static double[] coefficients(LogisticRegression m) {
    int outputs = m.numOutputs();
    double[] out = new double[m.numSlots() * outputs];
    for (int s = 0; s < m.numSlots(); s++) {
      for (int k = 0; k < outputs; k++) {
        out[s * outputs + k] = m.coefficient(s, k);
      }
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"RR", "AC", "RR -M nearest -F 6", "AC -C exact", "AC -H 6", "AC -P -Z maxabs",
      "RR -M float32 -Z none", "AC -M float64 -B 12 -E 1.3", "AC -S 7"})
  void incrementalTrainingEqualsBatchTraining(String spec) throws Exception {
    for (int classes : new int[] {2, 3}) {
      Instances data = WekaTestData.mixed(400, classes, 0.1, 0.05, 11);
      AbstractLessRamLogisticRegression batch = learner(spec);
      batch.buildClassifier(data);

      AbstractLessRamLogisticRegression incremental = learner(spec);
      incremental.buildClassifier(new Instances(data, 0));
      for (int i = 0; i < data.numInstances(); i++) {
        incremental.updateClassifier(data.instance(i));
      }
      assertArrayEquals(coefficients(batch.getModel()), coefficients(incremental.getModel()), 0.0, spec);
      for (int i = 0; i < data.numInstances(); i++) {
        assertArrayEquals(batch.distributionForInstance(data.instance(i)),
            incremental.distributionForInstance(data.instance(i)), 0.0, spec);
      }
      assertEquals(batch.toString(), incremental.toString());
      assertTrue(batch.getModel().examplesSeen() > 300, spec);
    }
  }

  @Test
  void sameSeedSameModelOtherSeedOtherModel() throws Exception {
    Instances data = WekaTestData.mixed(300, 2, 0, 0, 3);
    AbstractLessRamLogisticRegression a = learner("AC -S 5");
    AbstractLessRamLogisticRegression b = learner("AC -S 5");
    AbstractLessRamLogisticRegression c = learner("AC -S 6");
    a.buildClassifier(data);
    b.buildClassifier(data);
    c.buildClassifier(data);
    assertArrayEquals(coefficients(a.getModel()), coefficients(b.getModel()), 0.0);
    assertNotEquals(Arrays.toString(coefficients(a.getModel())), Arrays.toString(coefficients(c.getModel())));
    // rebuilding starts afresh
    a.buildClassifier(data);
    assertArrayEquals(coefficients(b.getModel()), coefficients(a.getModel()), 0.0);
  }

  @Test
  void adoptedSettingsKeepTheDefaultCounterWidthAsTheDefault() throws Exception {
    Instances data = WekaTestData.mixed(100, 2, 0, 0, 2);
    AbstractLessRamLogisticRegression trained = learner("AC -S 4");
    trained.buildClassifier(data);
    ApproximateCountLogisticRegression adopted = new ApproximateCountLogisticRegression();
    adopted.adoptSession(trained.getSession(), new Instances(data, 0));
    // the trained model's 8-bit Morris counters are the default width: shown as 0, as the user left it
    assertEquals(0, adopted.getCounterBits());
    assertEquals(8, adopted.getModel().config().counterBits());
    // switching to exact counters then gives exact counters' default width, not 8
    adopted.setCounterType(new weka.core.SelectedTag(CounterType.EXACT.ordinal(),
        ApproximateCountLogisticRegression.TAGS_COUNTER));
    adopted.buildClassifier(data);
    assertEquals(CounterType.EXACT, adopted.getModel().config().counterType());
    assertEquals(32, adopted.getModel().config().counterBits());
    // a width the user chose stays
    AbstractLessRamLogisticRegression twelve = learner("AC -B 12 -S 4");
    twelve.buildClassifier(data);
    ApproximateCountLogisticRegression adoptedTwelve = new ApproximateCountLogisticRegression();
    adoptedTwelve.adoptSession(twelve.getSession(), new Instances(data, 0));
    assertEquals(12, adoptedTwelve.getCounterBits());
  }

  @Test
  void optionsMapToOneEngineConfiguration() throws Exception {
    Instances data = WekaTestData.mixed(50, 3, 0, 0, 1);
    AbstractLessRamLogisticRegression ac =
        learner("AC -I 3 -F 9 -M nearest -A 0.25 -C exact -B 20 -E 1.5 -H 0 -P -Z none -S 42");
    ac.buildClassifier(data);
    LearnerConfig c = ac.getModel().config();
    assertEquals(3, c.format().integerBits());
    assertEquals(9, c.format().fractionBits());
    assertEquals(CoefficientStorage.NEAREST, c.storage());
    assertEquals(0.25, c.alpha());
    assertEquals(LearningRateSchedule.PER_COORDINATE, c.schedule());
    assertEquals(CounterType.EXACT, c.counterType());
    assertEquals(20, c.counterBits());
    assertEquals(1.5, c.morrisBase());
    assertEquals(FeatureSpace.Kind.SPARSE, c.featureSpace().kind());
    assertEquals(3 + 2 + 3, c.featureSpace().numFeatureSlots()); // x1 x2 x3, flag (2), color (3)
    assertEquals(42, c.seed());
    assertEquals(3, c.numClasses());

    AbstractLessRamLogisticRegression rr = learner("RR -H 10");
    rr.buildClassifier(data);
    LearnerConfig d = rr.getModel().config();
    assertEquals(LearningRateSchedule.GLOBAL, d.schedule());
    assertEquals(FeatureSpace.Kind.HASHED, d.featureSpace().kind());
    assertEquals(1 << 10, d.featureSpace().numFeatureSlots());
    assertEquals(16, d.bitsPerCoordinate());
    assertEquals(LearnerConfig.DEFAULT_ALPHA_GLOBAL, d.alpha());

    AbstractLessRamLogisticRegression defaults = learner("AC");
    defaults.buildClassifier(data);
    assertEquals(24, defaults.getModel().config().bitsPerCoordinate());
    assertEquals(LearnerConfig.DEFAULT_ALPHA_PER_COORDINATE, defaults.getModel().config().alpha());
    assertEquals(CounterType.MORRIS, defaults.getModel().config().counterType());
    assertEquals(FeatureSpace.Kind.DIRECT, defaults.getModel().config().featureSpace().kind());
  }

  @Test
  void getOptionsRoundTrips() throws Exception {
    AbstractLessRamLogisticRegression a =
        learner("AC -I 1 -F 7 -M float32 -A 0.125 -C exact -B 16 -E 1.2 -P -Z standardize -S 9");
    AbstractLessRamLogisticRegression b = learner("AC");
    b.setOptions(a.getOptions());
    assertArrayEquals(a.getOptions(), b.getOptions());
    String opts = Utils.joinOptions(a.getOptions());
    assertTrue(opts.contains("-M float32") && opts.contains("-C exact") && opts.contains("-Z standardize")
        && opts.contains("-P") && opts.contains("-S 9"), opts);
    // missing options reset to their defaults
    b.setOptions(new String[0]);
    assertArrayEquals(learner("AC").getOptions(), b.getOptions());
  }

  @ParameterizedTest
  @ValueSource(strings = {"AC -I 20 -F 20", "AC -I -1", "RR -F x", "RR -A Infinity", "RR -A -1", "AC -A NaN",
      "AC -H 31", "AC -H -2", "AC -H 4 -P", "RR -M fancy", "AC -C approximate", "AC -E 1.0", "AC -E 0.5",
      "AC -B 40", "AC -C morris -B 17", "RR -S x", "RR -Q 3", "AC -Y 0 -P -U poisson", "AC -Y 1.5 -P",
      "RR -N 0 -P -U bloom", "AC -N 16 -P", "AC -L 5 -P", "AC -L 40 -P -U bloom", "AC -U bloom",
      "RR -U sometimes -P", "AC -Y NaN -P"})
  void absurdOptionsAreRejectedWithAClearMessage(String spec) {
    Exception e = assertThrows(Exception.class, () -> learner(spec));
    String msg = e.getMessage();
    assertTrue(msg != null && msg.length() > 15, spec + ": " + msg);
    String letter = spec.replaceAll("^.. -(\\w).*", "$1");
    assertTrue(msg.contains("-" + letter) || msg.toLowerCase().contains("bits") || msg.contains("alpha")
        || msg.contains("Morris") || msg.contains("Illegal options"), spec + ": " + msg);
  }

  @Test
  void setterValuesAreCheckedWhenBuilding() {
    ApproximateCountLogisticRegression c = new ApproximateCountLogisticRegression();
    c.setMorrisBase(0.9);
    Exception e = assertThrows(Exception.class, () -> c.buildClassifier(WekaTestData.mixed(10, 2, 0, 0, 1)));
    assertTrue(e.getMessage().contains("Morris base"), e.getMessage());
  }

  @Test
  void numericClassStringAttributesAndNoClassGetWekasCapabilityErrors() {
    ArrayList<Attribute> atts = new ArrayList<>();
    atts.add(new Attribute("x"));
    atts.add(new Attribute("y"));
    Instances numericClass = new Instances("numeric-class", atts, 1);
    numericClass.setClassIndex(1);
    numericClass.add(new DenseInstance(1.0, new double[] {1, 2}));
    for (String spec : new String[] {"RR", "AC"}) {
      Exception e = assertThrows(Exception.class, () -> learner(spec).buildClassifier(numericClass));
      assertTrue(e.getMessage().contains("Cannot handle numeric class"), e.getMessage());
      assertEquals("weka.core.UnsupportedAttributeTypeException", e.getClass().getName());
    }

    ArrayList<Attribute> atts2 = new ArrayList<>();
    atts2.add(new Attribute("text", (List<String>) null));
    atts2.add(new Attribute("class", Arrays.asList("a", "b")));
    Instances strings = new Instances("strings", atts2, 1);
    strings.setClassIndex(1);
    double[] v = {strings.attribute(0).addStringValue("hello"), 0};
    strings.add(new DenseInstance(1.0, v));
    Exception e = assertThrows(Exception.class, () -> learner("AC").buildClassifier(strings));
    assertTrue(e.getMessage().contains("Cannot handle string attributes"), e.getMessage());

    Instances noClass = new Instances(strings, 0);
    noClass.setClassIndex(-1);
    e = assertThrows(Exception.class, () -> learner("RR").buildClassifier(noClass));
    assertTrue(e.getMessage().toLowerCase().contains("class"), e.getMessage());
  }

  /**
   * No training instances is the start of incremental training (Weka's own command line builds an
   * updateable classifier on the bare header, then updates it), so it is accepted: the model predicts
   * the uniform distribution until it is updated.
   */
  @Test
  void noInstancesStartsAnEmptyModel() throws Exception {
    Instances data = WekaTestData.mixed(20, 3, 0, 0, 1);
    AbstractLessRamLogisticRegression c = learner("AC");
    c.buildClassifier(new Instances(data, 0));
    assertArrayEquals(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}, c.distributionForInstance(data.instance(0)), 1e-12);
    assertEquals(0, c.getModel().examplesSeen());
    assertTrue(c.toString().contains("Training instances used: 0"), c.toString());
    c.updateClassifier(data.instance(0));
    assertEquals(1, c.getModel().examplesSeen());
  }

  @Test
  void missingValuesAreAbsentFeaturesAndMissingClassesAreSkipped() throws Exception {
    Instances withMissing = WekaTestData.mixed(300, 2, 0.2, 0.1, 5);
    // the same data with missing numeric values replaced by 0 and the missing-class instances removed
    Instances zeroed = new Instances(withMissing, 0);
    int missingClass = 0;
    for (int i = 0; i < withMissing.numInstances(); i++) {
      Instance inst = withMissing.instance(i);
      if (inst.classIsMissing()) {
        missingClass++;
        continue;
      }
      Instance copy = (Instance) inst.copy();
      for (int a : new int[] {0, 1, 3}) {
        if (copy.isMissing(a)) {
          copy.setValue(a, 0);
        }
      }
      zeroed.add(copy);
    }
    assertTrue(missingClass > 10);
    // without scaling, a numeric 0 and a missing value both contribute no feature; nominal attributes
    // are left missing in both (no one-hot feature)
    for (String spec : new String[] {"RR -Z none", "AC -Z none"}) {
      AbstractLessRamLogisticRegression a = learner(spec);
      a.buildClassifier(withMissing);
      AbstractLessRamLogisticRegression b = learner(spec);
      b.buildClassifier(zeroed);
      assertArrayEquals(coefficients(b.getModel()), coefficients(a.getModel()), 0.0, spec);
      assertEquals(missingClass, a.getMissingClassSkipped());
      assertEquals(zeroed.numInstances(), a.getModel().examplesSeen());
      assertTrue(a.toString().contains(missingClass + " missing class"), a.toString());
    }
    // an instance with every predictor missing gets the bias-only prediction
    AbstractLessRamLogisticRegression c = learner("AC");
    c.buildClassifier(withMissing);
    Instance empty = (Instance) withMissing.instance(0).copy();
    for (int a = 0; a < empty.numAttributes(); a++) {
      empty.setMissing(a);
    }
    double p = lessram.compressed.Logistic.sigmoid(c.getModel().coefficient(c.getModel().biasSlot(), 0));
    assertArrayEquals(new double[] {1 - p, p}, c.distributionForInstance(empty), 1e-12);
  }

  @Test
  void sparseInstancesGiveTheSameModelAsDenseOnes() throws Exception {
    Instances sparse = WekaTestData.sparse(300, 200, 12, 9);
    Instances dense = WekaTestData.densified(sparse);
    // standardization would turn a dense 0 into a non-zero value, so compare without it
    for (String spec : new String[] {"AC -Z maxabs", "RR -Z none", "AC -P -Z none", "AC -H 8 -Z maxabs"}) {
      AbstractLessRamLogisticRegression s = learner(spec);
      s.buildClassifier(sparse);
      AbstractLessRamLogisticRegression d = learner(spec);
      d.buildClassifier(dense);
      assertArrayEquals(coefficients(d.getModel()), coefficients(s.getModel()), 0.0, spec);
      assertArrayEquals(distributions(d, dense)[7], distributions(s, sparse)[7], 0.0, spec);
    }
  }

  @Test
  void learnsSomethingSensible() throws Exception {
    Instances data = WekaTestData.mixed(2000, 2, 0.05, 0, 21);
    for (String spec : new String[] {"RR", "AC", "AC -P", "AC -H 12"}) {
      Evaluation ev = new Evaluation(data);
      ev.crossValidateModel(learner(spec), data, 5, new java.util.Random(1));
      assertTrue(ev.pctCorrect() > 80, spec + ": " + ev.pctCorrect());
    }
    Instances three = WekaTestData.mixed(2000, 3, 0.05, 0, 22);
    Evaluation ev = new Evaluation(three);
    ev.crossValidateModel(learner("AC"), three, 5, new java.util.Random(1));
    assertTrue(ev.pctCorrect() > 65, "3 classes: " + ev.pctCorrect());
  }

  @Test
  void toStringSummarisesTheModel() throws Exception {
    AbstractLessRamLogisticRegression c = learner("AC");
    assertTrue(c.toString().contains("No model built yet"));
    c.buildClassifier(WekaTestData.mixed(200, 2, 0.1, 0.05, 2));
    String s = c.toString();
    for (String part : new String[] {"q2.13 randomized", "Bits per coordinate: 24", "Model memory: ",
        "bytes per stored coordinate", "Coordinates: 9 addressed", "(bias)", "x1", "color=",
        "Missing attribute values seen"}) {
      assertTrue(s.contains(part), part + " not in\n" + s);
    }
    AbstractLessRamLogisticRegression rr = learner("RR -H 4");
    rr.buildClassifier(WekaTestData.mixed(200, 3, 0, 0, 2));
    s = rr.toString();
    assertTrue(s.contains("Bits per coordinate: 16") && s.contains("hashed") && s.contains("[c1]"), s);
  }

  @Test
  void serializedModelPredictsAndKeepsLearningIdentically() throws Exception {
    Instances data = WekaTestData.mixed(300, 3, 0.1, 0.05, 4);
    Instances first = new Instances(data, 0, 150);
    Instances rest = new Instances(data, 150, 150);
    for (String spec : new String[] {"AC", "RR -P", "AC -H 8"}) {
      AbstractLessRamLogisticRegression original = learner(spec);
      original.buildClassifier(first);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
        out.writeObject(original);
      }
      AbstractLessRamLogisticRegression copy;
      try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
        copy = (AbstractLessRamLogisticRegression) in.readObject();
      }
      assertArrayEquals(distributions(original, data)[5], distributions(copy, data)[5], 0.0);
      for (int i = 0; i < rest.numInstances(); i++) {
        original.updateClassifier(rest.instance(i));
        copy.updateClassifier(rest.instance(i));
      }
      assertArrayEquals(coefficients(original.getModel()), coefficients(copy.getModel()), 0.0, spec);
    }
  }

  @Test
  void zeroWeightInstancesChangeNothing() throws Exception {
    Instances data = WekaTestData.mixed(200, 2, 0.1, 0, 8);
    Instances padded = new Instances(data, 0);
    for (int i = 0; i < data.numInstances(); i++) {
      padded.add(data.instance(i));
      Instance ghost = (Instance) data.instance((i * 7) % data.numInstances()).copy();
      ghost.setWeight(0);
      padded.add(ghost);
    }
    AbstractLessRamLogisticRegression a = learner("AC");
    a.buildClassifier(data);
    AbstractLessRamLogisticRegression b = learner("AC");
    b.buildClassifier(padded);
    assertArrayEquals(coefficients(a.getModel()), coefficients(b.getModel()), 0.0);
  }

  @Test
  void updateBeforeBuildIsAClearError() {
    Exception e = assertThrows(Exception.class,
        () -> new RandomizedRoundingLogisticRegression().updateClassifier(WekaTestData.mixed(1, 2, 0, 0, 1).instance(0)));
    assertTrue(e.getMessage().contains("buildClassifier"), e.getMessage());
  }
}
