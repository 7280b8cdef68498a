package lessram.spark;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import lessram.LearningRateSchedule;
import lessram.OnlineClassifier;
import moa.classifiers.lessram.AbstractLessRamClassifier;
import moa.classifiers.lessram.ApproximateCountLogisticRegression;
import moa.classifiers.lessram.RandomizedRoundingLogisticRegression;
import moa.core.SerializeUtils;
import weka.classifiers.functions.AbstractLessRamLogisticRegression;
import weka.core.Attribute;
import weka.core.Instances;
import weka.core.SerializationHelper;

/**
 * A model trained on Spark in the forms of the other hosts: the MOA and Weka learners ({@code
 * ApproximateCountLogisticRegression} for the per-coordinate schedule, {@code RandomizedRoundingLogisticRegression}
 * for the global one) holding the same learning session, so they predict exactly as the Spark model does and can
 * go on learning; and the predict-only {@code .lrfz} file ({@link LessRamLogisticRegressionModel#compress}). The
 * MOA and Weka learners expect instances laid out as a LIBSVM file is read by MOA's {@code
 * lessram.LibSvmFileStream} and Weka's {@code LibSVMLoader} (with the class made nominal): the features in
 * vector order, the class last.
 *
 * <p>Only this class loads MOA and Weka classes: they must be on the class path to call it (a Spark cluster
 * that only trains and predicts does not need them).
 */
public final class Interchange {
  private Interchange() {
  }

  /** The MOA learner holding a copy of the model's session. */
  public static AbstractLessRamClassifier toMoa(LessRamLogisticRegressionModel model) {
    OnlineClassifier s = model.session();
    AbstractLessRamClassifier learner = s.settings().schedule() == LearningRateSchedule.GLOBAL
        ? new RandomizedRoundingLogisticRegression() : new ApproximateCountLogisticRegression();
    learner.prepareForUse();
    learner.adoptSession(s);
    return learner;
  }

  /**
   * Writes {@link #toMoa} as MOA writes a model ({@code LearnModel -O}): {@code EvaluateModel -m file:<file>} and
   * {@code CompressModel -m <file>} read it.
   */
  public static void writeMoa(LessRamLogisticRegressionModel model, String file) {
    try {
      SerializeUtils.writeToFile(new File(file), toMoa(model));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The Weka header of the model: numeric attributes {@code f1 .. fd}, then the nominal class. */
  public static Instances wekaHeader(LessRamLogisticRegressionModel model) {
    int d = model.numFeatures();
    ArrayList<Attribute> attributes = new ArrayList<>(d + 1);
    for (int j = 0; j < d; j++) {
      attributes.add(new Attribute("f" + (j + 1)));
    }
    ArrayList<String> labels = new ArrayList<>();
    for (String l : model.classLabels()) {
      labels.add(l);
    }
    attributes.add(new Attribute("class", labels));
    Instances header = new Instances("spark", attributes, 0);
    header.setClassIndex(d);
    return header;
  }

  /** The Weka classifier holding a copy of the model's session, for instances of {@link #wekaHeader}. */
  public static AbstractLessRamLogisticRegression toWeka(LessRamLogisticRegressionModel model) {
    OnlineClassifier s = model.session();
    AbstractLessRamLogisticRegression c = s.settings().schedule() == LearningRateSchedule.GLOBAL
        ? new weka.classifiers.functions.RandomizedRoundingLogisticRegression()
        : new weka.classifiers.functions.ApproximateCountLogisticRegression();
    c.adoptSession(s, wekaHeader(model));
    return c;
  }

  /**
   * Writes {@link #toWeka} as Weka writes a model ({@code -d}): the classifier and its header; {@code -l <file>}
   * reads it.
   */
  public static void writeWeka(LessRamLogisticRegressionModel model, String file) {
    try {
      AbstractLessRamLogisticRegression c = toWeka(model);
      SerializationHelper.writeAll(file, new Object[] {c, c.getHeader()});
    } catch (Exception e) {
      throw new IllegalStateException("cannot write the Weka model " + file + ": " + e.getMessage(), e);
    }
  }
}
