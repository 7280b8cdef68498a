package moa.classifiers.lessram;

import static moa.classifiers.lessram.LessRamTestSupport.AC;
import static moa.classifiers.lessram.LessRamTestSupport.RR;
import static moa.classifiers.lessram.LessRamTestSupport.learner;
import static moa.classifiers.lessram.LessRamTestSupport.measurement;
import static moa.classifiers.lessram.LessRamTestSupport.prepared;
import static moa.classifiers.lessram.LessRamTestSupport.sparseInstances;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.yahoo.labs.samoa.instances.Instance;
import com.yahoo.labs.samoa.instances.InstancesHeader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import lessram.CompressedPredictor;
import lessram.OnlineClassifier;
import moa.core.Measurement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Feature inclusion through the MOA learners (the Weka learners are compared with these bit for bit in
 * {@code MoaWekaEquivalenceTest} and {@code WekaMoaEqualityTest}): options checked before a model exists
 * and named, the rejected sightings as a measurement, the filter in the model's bytes, and compressing.
 */
class FeatureInclusionLearnerTest {
  private static final String REJECTED = OnlineClassifier.Statistic.REJECTED_SIGHTINGS.label();

  private static List<Instance> data() {
    return sparseInstances(5, 3000, 4000, 12);
  }

  @ParameterizedTest
  @ValueSource(strings = {"-p -u poisson -y 0", "-p -u bloom -y 0", "-u poisson", "-u bloom -n 2"})
  void optionsOutOfRangeFailAtResetNamingTheOption(String options) {
    for (String cli : new String[] {AC + " " + options, RR + " " + options}) {
      AbstractLessRamClassifier learner = learner(cli);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, learner::prepareForUse, cli);
      String expected = options.contains("-y") ? "-y inclusionProbability" : "-u featureInclusion and -p sparseMap";
      assertTrue(e.getMessage().contains(expected), e.getMessage());
      assertTrue(e.getMessage().contains(learner.getClass().getSimpleName()), e.getMessage());
      assertNull(learner.getEngineModel(), "no model exists");
    }
  }

  /** MOA's own range checks name the option too, for values its widgets refuse. */
  @Test
  void valuesOutsideTheWidgetRangeAreRefusedByName() {
    for (String[] c : new String[][] {{"-p -y 1.5", "inclusionProbability"}, {"-p -n 0", "inclusionCount"},
        {"-p -n 16", "inclusionCount"}, {"-p -l 5", "inclusionFilterBits"}, {"-p -l 32", "inclusionFilterBits"},
        {"-p -u never", "featureInclusion"}}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> learner(AC + " " + c[0]));
      StringBuilder messages = new StringBuilder();
      for (Throwable t = e; t != null; t = t.getCause()) {
        messages.append(t.getMessage()).append(" | ");
      }
      assertTrue(messages.toString().contains(c[1]) || messages.toString().contains("-" + c[0].charAt(4)),
          c[0] + ": " + messages);
    }
    // and when set programmatically past the widget, the engine's check names it at reset
    AbstractLessRamClassifier learner = learner(AC + " -p -u poisson");
    learner.inclusionProbabilityOption.setValue(Double.NaN);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, learner::prepareForUse);
    assertTrue(e.getMessage().contains("-y inclusionProbability"), e.getMessage());
  }

  /**
   * The rejected sightings are a measurement of learners with inclusion only (the others' lists are
   * unchanged); the filter's bytes are in the model's bytes; the description names the inclusion.
   */
  @Test
  void rejectedSightingsAreMeasuredAndTheFilterIsCounted() {
    List<Instance> data = data();
    InstancesHeader header = (InstancesHeader) data.get(0).dataset();
    AbstractLessRamClassifier plain = prepared(AC + " -p", header);
    AbstractLessRamClassifier bloom = prepared(AC + " -p -u bloom -n 1 -l 12", header);
    AbstractLessRamClassifier poisson = prepared(AC + " -p -u poisson -y 0.3", header);
    assertFalse(names(plain).contains(REJECTED));
    assertTrue(names(bloom).contains(REJECTED), "reported before the first instance too");
    for (Instance x : data) {
      plain.trainOnInstance(x);
      bloom.trainOnInstance(x);
      poisson.trainOnInstance(x);
    }
    assertFalse(names(plain).contains(REJECTED));
    for (AbstractLessRamClassifier l : Arrays.asList(bloom, poisson)) {
      double rejected = measurement(l, REJECTED);
      assertEquals(l.getEngineModel().rejectedSightings(), rejected);
      assertTrue(rejected > 0);
      assertTrue(measurement(l, "stored coordinates") < measurement(plain, "stored coordinates"));
      StringBuilder description = new StringBuilder();
      l.getModelDescription(description, 0);
      assertTrue(description.toString().contains("Feature inclusion: ")
          && description.toString().contains("not admitted: " + (long) rejected), description.toString());
    }
    // 2^12 cells of 4 bits: 2 KiB and the filter object, in the model's bytes
    assertEquals(16 + 2048 + 40, bloom.getSession().config().featureSpace().inclusion().filterBytes());
    assertEquals(bloom.modelBytes(), measurement(bloom, "model bytes"));
    assertEquals(plain.getEngineModel().config().describe().replace("sparse(4000)",
        "sparse(4000, inclusion bloom(n=1, 2^12 cells))"), bloom.getEngineModel().config().describe());
  }

  private static List<String> names(AbstractLessRamClassifier learner) {
    List<String> names = new java.util.ArrayList<>();
    for (Measurement m : learner.getModelMeasurementsImpl()) {
      names.add(m.getName());
    }
    return names;
  }

  /**
   * A model trained with inclusion compresses like any other: the compressed model holds the admitted
   * features (a feature not admitted is absent from it, as from the trained model), reads back from its
   * file identically, and predicts close to the trained model.
   */
  @Test
  void modelsWithInclusionCompress() throws Exception {
    List<Instance> data = data();
    AbstractLessRamClassifier learner = prepared(AC + " -p -u bloom -n 1 -l 14", (InstancesHeader) data.get(0).dataset());
    for (Instance x : data.subList(0, 2500)) {
      learner.trainOnInstance(x);
    }
    CompressedPredictor fine = learner.compress(13, 1);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    fine.writeTo(bytes);
    CompressedPredictor read = CompressedPredictor.read(new ByteArrayInputStream(bytes.toByteArray()));
    CompressedLogisticRegression a = new CompressedLogisticRegression(fine);
    CompressedLogisticRegression b = new CompressedLogisticRegression(read);
    for (Instance x : data.subList(2500, 3000)) {
      double[] trained = learner.getVotesForInstance(x);
      double[] compressed = a.getVotesForInstance(x);
      assertArrayEquals(compressed, b.getVotesForInstance(x), 0.0);
      assertEquals(trained[1], compressed[1], 2e-3, "q2.13 is close to the trained model");
    }
  }

  /** The same seed admits the same features through MOA; another seed other ones. */
  @Test
  void reproducibleFromTheSeed() {
    List<Instance> data = data();
    InstancesHeader header = (InstancesHeader) data.get(0).dataset();
    for (String options : new String[] {"-p -u poisson -y 0.4", "-p -u bloom -n 2 -l 8"}) {
      double[][] votes = new double[3][];
      long[] stored = new long[3];
      int k = 0;
      for (int seed : new int[] {4, 4, 5}) {
        AbstractLessRamClassifier l = prepared(AC + " " + options + " -r " + seed, header);
        LessRamTestSupport.train(l, data);
        votes[k] = l.getVotesForInstance(data.get(0));
        stored[k++] = l.getEngineModel().storedCoordinates();
      }
      assertArrayEquals(votes[0], votes[1], 0.0, options);
      assertEquals(stored[0], stored[1], options);
      assertFalse(Arrays.equals(votes[0], votes[2]) && stored[0] == stored[2], options + ": another seed");
    }
  }
}
