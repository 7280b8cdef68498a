package moa.classifiers.lessram;

import static moa.classifiers.lessram.LessRamTestSupport.AC;
import static moa.classifiers.lessram.LessRamTestSupport.BINARY;
import static moa.classifiers.lessram.LessRamTestSupport.RR;
import static moa.classifiers.lessram.LessRamTestSupport.assertProbabilities;
import static moa.classifiers.lessram.LessRamTestSupport.instances;
import static moa.classifiers.lessram.LessRamTestSupport.learner;
import static moa.classifiers.lessram.LessRamTestSupport.prequential;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.javacliparser.Option;
import com.yahoo.labs.samoa.instances.Instance;
import com.yahoo.labs.samoa.instances.InstancesHeader;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import moa.capabilities.Capability;
import moa.capabilities.CapabilityRequirement;
import moa.classifiers.Classifier;
import moa.classifiers.MultiClassClassifier;
import moa.core.AutoClassDiscovery;
import moa.options.ClassOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How MOA finds, lists, configures and composes the learners. */
class MoaIntegrationTest {

  @Test
  void autoClassDiscoveryFindsBothLearners() {
    Set<String> found = Arrays.stream(AutoClassDiscovery.findClassesOfType("moa.classifiers", Classifier.class))
        .map(Class::getName).collect(Collectors.toSet());
    assertTrue(found.contains(RandomizedRoundingLogisticRegression.class.getName()), found.toString());
    assertTrue(found.contains(ApproximateCountLogisticRegression.class.getName()), found.toString());
    assertTrue(!found.contains(AbstractLessRamClassifier.class.getName()), "the abstract base is not listed");
  }

  @ParameterizedTest
  @ValueSource(classes = {RandomizedRoundingLogisticRegression.class, ApproximateCountLogisticRegression.class})
  void theGuiListsThemInTheLiteAndStandardViews(Class<?> learner) {
    // the GUI's class chooser filters with CapabilityRequirement.isMetBy(Class) on the view capability
    assertTrue(CapabilityRequirement.hasAll(Capability.VIEW_LITE).isMetBy(learner));
    assertTrue(CapabilityRequirement.hasAll(Capability.VIEW_STANDARD).isMetBy(learner));
    assertTrue(MultiClassClassifier.class.isAssignableFrom(learner), "evaluation tasks need the marker");
  }

  @Test
  void optionLettersAreTheDocumentedOnes() {
    assertEquals("a=alpha f=fractionBits g=gamma h=hashingBits i=integerBits l=inclusionFilterBits"
        + " m=coefficientStorage n=inclusionCount p=sparseMap r=randomSeed u=featureInclusion w=coordinateBits"
        + " y=inclusionProbability z=scaling", letters(new RandomizedRoundingLogisticRegression()));
    assertEquals("a=alpha b=counterBits c=counter e=morrisBase f=fractionBits g=gamma h=hashingBits i=integerBits"
        + " l=inclusionFilterBits m=coefficientStorage n=inclusionCount p=sparseMap r=randomSeed u=featureInclusion"
        + " w=coordinateBits y=inclusionProbability z=scaling", letters(new ApproximateCountLogisticRegression()));
    ApproximateCountLogisticRegression ac = new ApproximateCountLogisticRegression();
    assertEquals(2, ac.integerBitsOption.getValue());
    assertEquals(13, ac.fractionBitsOption.getValue());
    assertEquals("randomized", ac.coefficientStorageOption.getChosenLabel());
    assertEquals("morris", ac.counterOption.getChosenLabel());
    assertEquals(1.1, ac.morrisBaseOption.getValue());
    assertEquals(lessram.LearnerConfig.DEFAULT_ALPHA_PER_COORDINATE, ac.alphaOption.getValue());
    assertEquals(lessram.LearnerConfig.DEFAULT_ALPHA_GLOBAL,
        new RandomizedRoundingLogisticRegression().alphaOption.getValue());
    assertEquals("auto", ac.scalingOption.getChosenLabel());
    assertEquals(0, ac.hashingBitsOption.getValue());
  }

  private static String letters(Classifier c) {
    TreeMap<Character, String> m = new TreeMap<>();
    for (Option o : c.getOptions().getOptionArray()) {
      m.put(o.getCLIChar(), o.getName());
    }
    return m.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
  }

  @Test
  void theCommandLineCreationStringRoundTrips() throws Exception {
    String cli = AC + " -i 3 -f 12 -m nearest -a 0.3 -c exact -b 20 -e 1.2 -h 10 -z maxabs -r 9";
    Classifier c = learner(cli);
    String again = c.getCLICreationString(Classifier.class);
    Classifier d = (Classifier) ClassOption.cliStringToObject(again, Classifier.class, null);
    assertEquals(again, d.getCLICreationString(Classifier.class));
    for (String part : cli.substring(AC.length()).trim().split(" -")) {
      assertTrue(again.contains(part.startsWith("-") ? part : "-" + part), again + " lacks " + part);
    }
  }

  @Test
  void worksAsTheBaseLearnerOfMoaEnsembles() throws Exception {
    // OzaBag copies its base learner and seeds the copies; the ensemble's votes are valid probabilities
    List<Instance> data = instances(BINARY, 1000);
    Classifier bag = (Classifier) ClassOption.cliStringToObject("meta.OzaBag -l (" + RR + ") -s 3",
        Classifier.class, null);
    bag.setModelContext((InstancesHeader) data.get(0).dataset());
    bag.prepareForUse();
    double[][] votes = prequential(bag, data);
    double[] last = votes[votes.length - 1];
    double sum = Arrays.stream(last).sum();
    assertProbabilities(Arrays.stream(last).map(v -> v / sum).toArray(), 2, "OzaBag");
    // and two identical ensembles agree
    Classifier bag2 = (Classifier) ClassOption.cliStringToObject("meta.OzaBag -l (" + RR + ") -s 3",
        Classifier.class, null);
    bag2.setModelContext((InstancesHeader) data.get(0).dataset());
    bag2.prepareForUse();
    double[][] votes2 = prequential(bag2, data);
    assertArrayEquals(votes[999], votes2[999], 0.0);
  }

  @Test
  void purposeStringsAndDescriptionsNameThePaper() {
    for (Classifier c : new Classifier[] {new RandomizedRoundingLogisticRegression(),
        new ApproximateCountLogisticRegression()}) {
      assertTrue(c.getPurposeString().contains("Golovin"), c.getPurposeString());
      assertTrue(c.isRandomizable());
    }
    assertTrue(learner(RR).getPurposeString().contains("global learning rate"));
    assertTrue(learner(AC).getPurposeString().contains("Morris"));
  }
}
