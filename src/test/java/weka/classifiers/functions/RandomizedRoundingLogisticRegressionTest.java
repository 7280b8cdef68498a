package weka.classifiers.functions;

import weka.classifiers.AbstractClassifierTest;
import weka.classifiers.Classifier;

/**
 * Weka's own classifier checks ({@link AbstractClassifierTest}, JUnit 3 style, from the weka-stable tests
 * jar) for {@link RandomizedRoundingLogisticRegression} with its default options. Run by {@link WekaClassifierChecksTest}, which sets the
 * location of the committed regression reference ({@code src/test/resources/weka/wekarefs}).
 */
public class RandomizedRoundingLogisticRegressionTest extends AbstractClassifierTest {

  public RandomizedRoundingLogisticRegressionTest(String name) {
    super(name);
  }

  @Override
  public Classifier getClassifier() {
    return new RandomizedRoundingLogisticRegression();
  }
}
