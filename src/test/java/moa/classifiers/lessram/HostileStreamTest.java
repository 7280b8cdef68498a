package moa.classifiers.lessram;

import static moa.classifiers.lessram.LessRamTestSupport.AC;
import static moa.classifiers.lessram.LessRamTestSupport.BINARY;
import static moa.classifiers.lessram.LessRamTestSupport.RR;
import static moa.classifiers.lessram.LessRamTestSupport.instances;
import static moa.classifiers.lessram.LessRamTestSupport.prepared;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.javacliparser.FileOption;
import com.yahoo.labs.samoa.instances.Instance;
import com.yahoo.labs.samoa.instances.InstancesHeader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import moa.core.Measurement;
import moa.evaluation.preview.LearningCurve;
import moa.streams.ArffFileStream;
import moa.tasks.EvaluatePrequential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile and odd streams through MOA's own components (issue 16): an ARFF file whose values and class
 * labels go beyond its declared header, read by MOA's {@link ArffFileStream} (which extends the header
 * as it meets them), runs to the end with MOA's {@code EvaluatePrequential} as MOA's own learners do; and
 * MOA's training-weight bookkeeping counts only instances the model trained on.
 */
class HostileStreamTest {

  /** 600 instances; from instance 300 a colour the header does not declare, from 400 a third class. */
  static Path growingArff(Path dir) throws IOException {
    Random r = new Random(1);
    StringBuilder b = new StringBuilder("@relation grow\n@attribute color {red,green}\n@attribute x numeric\n"
        + "@attribute class {no,yes}\n@data\n");
    for (int i = 0; i < 600; i++) {
      String color = i < 300 ? (r.nextBoolean() ? "red" : "green") : new String[] {"red", "green", "blue"}[r.nextInt(3)];
      double x = r.nextGaussian();
      String y = x + (color.equals("red") ? 0.5 : 0) > 0.2 ? "yes" : "no";
      if (i >= 400 && r.nextDouble() < 0.1) {
        y = "maybe";
      }
      b.append(color).append(',').append(String.format(java.util.Locale.ROOT, "%.4f", x)).append(',').append(y)
          .append('\n');
    }
    Path file = dir.resolve("grow.arff");
    Files.write(file, b.toString().getBytes(StandardCharsets.UTF_8));
    return file;
  }

  static double measurement(LearningCurve curve, String name) {
    int row = curve.numEntries() - 1;
    for (int i = 0; i < curve.getMeasurementNameCount(); i++) {
      if (curve.getMeasurementName(i).equals(name)) {
        return curve.getMeasurement(row, i);
      }
    }
    throw new AssertionError("no measurement " + name + " in " + curve.headerToString());
  }

  @ParameterizedTest
  @ValueSource(strings = {AC, RR, "functions.SGD", "bayes.NaiveBayes"})
  void anArffStreamThatExtendsItsHeaderRunsToTheEnd(String learner, @TempDir Path dir) throws IOException {
    Path file = growingArff(dir);
    EvaluatePrequential task = new EvaluatePrequential();
    task.learnerOption.setValueViaCLIString(learner);
    task.streamOption.setValueViaCLIString("ArffFileStream -f " + file);
    task.evaluatorOption.setValueViaCLIString("BasicClassificationPerformanceEvaluator");
    task.sampleFrequencyOption.setValue(200);
    task.prepareForUse();
    LearningCurve curve = (LearningCurve) task.doTask();
    assertEquals(600, measurement(curve, "learning evaluation instances"), 0.0);
    assertTrue(measurement(curve, "classifications correct (percent)") > 75, learner);
    if (learner.startsWith("lessram.")) {
      // every new colour is an unseen value (once when predicted, once when trained), every new class label
      // an instance not trained on; MOA's training weight counts the instances trained on only
      double unknownClass = measurement(curve, "instances skipped (unknown class label)");
      assertTrue(unknownClass > 5, "unknown class labels " + unknownClass);
      assertTrue(measurement(curve, "unseen nominal values") > 50);
      assertEquals(600 - unknownClass, measurement(curve, "model training instances"), 0.0);
    }
  }

  @Test
  void mismatchedClassValuesAndInfiniteWeightsDoNotCountAsTrainingWeight() {
    List<Instance> data = instances(BINARY, 300);
    for (String cli : new String[] {AC, RR}) {
      AbstractLessRamClassifier learner = prepared(cli, (InstancesHeader) data.get(0).dataset());
      for (Instance inst : data.subList(0, 200)) {
        learner.trainOnInstance(inst);
      }
      assertEquals(200, learner.trainingWeightSeenByModel(), 0.0);
      Instance infinite = data.get(200).copy();
      infinite.setWeight(Double.POSITIVE_INFINITY);
      learner.trainOnInstance(infinite);
      Instance huge = data.get(201).copy();
      huge.setWeight(1e300);
      learner.trainOnInstance(huge);
      Instance badClass = data.get(202).copy();
      badClass.setClassValue(7); // not one of the two labels (a header that gained labels gives such values)
      learner.trainOnInstance(badClass);
      assertEquals(200, learner.trainingWeightSeenByModel(), 0.0, cli);
      assertTrue(Double.isFinite(learner.trainingWeightSeenByModel()));
      assertEquals(2, value(learner, "examples skipped (unusable value or weight)"), cli);
      assertEquals(1, value(learner, "instances skipped (unknown class label)"), cli);
      assertEquals(200, value(learner, "examples seen"), cli);
      double[] votes = learner.getVotesForInstance(badClass);
      assertEquals(2, votes.length);
      assertFalse(Double.isNaN(votes[0] + votes[1]));
    }
  }

  static double value(AbstractLessRamClassifier learner, String name) {
    for (Measurement m : learner.getModelMeasurementsImpl()) {
      if (m.getName().equals(name)) {
        return m.getValue();
      }
    }
    throw new AssertionError("no measurement " + name);
  }

  @Test
  void theGrowingFileIsWhatMoaExtends(@TempDir Path dir) throws IOException {
    // the premise of the test above: MOA's stream extends the header it hands out
    ArffFileStream s = new ArffFileStream();
    s.arffFileOption = new FileOption("arffFile", 'f', "", growingArff(dir).toString(), "arff", false);
    s.prepareForUse();
    List<Integer> classes = new ArrayList<>();
    while (s.hasMoreInstances()) {
      Instance inst = s.nextInstance().getData();
      classes.add(inst.dataset().numClasses());
    }
    assertEquals(2, (int) classes.get(0));
    assertEquals(3, (int) classes.get(classes.size() - 1));
  }
}
