package lessram.spark;

import java.io.Serializable;
import lessram.HeaderView;
import lessram.InstanceEncoder;

/**
 * The header a Spark features vector and label column stand for, as the learning session reads it:
 * attribute {@code j} is vector entry {@code j} (numeric), the class is the last attribute, after the
 * {@code numFeatures} features, with one label per class. The MOA LIBSVM stream ({@code
 * lessram.LibSvmFileStream}) and Weka's {@code LibSVMLoader} produce this layout from a LIBSVM file, so a
 * model trained on Spark checks out against their headers.
 */
final class SparkHeader implements HeaderView, Serializable {
  private static final long serialVersionUID = 1L;

  private final int numFeatures;
  private final String[] featureNames;
  private final String labelName;
  private final String[] classLabels;

  /**
   * @param featureNames names of the vector entries (null: {@code f1 .. fd})
   * @param classLabels one name per class (class {@code k} is label value {@code k})
   */
  SparkHeader(int numFeatures, String[] featureNames, String labelName, String[] classLabels) {
    this.numFeatures = numFeatures;
    this.featureNames = featureNames == null ? null : featureNames.clone();
    this.labelName = labelName;
    this.classLabels = classLabels.clone();
  }

  /** Labels {@code "0" .. "k-1"}. */
  static String[] numberedLabels(int numClasses) {
    String[] labels = new String[numClasses];
    for (int k = 0; k < numClasses; k++) {
      labels[k] = Integer.toString(k);
    }
    return labels;
  }

  int numFeatures() {
    return numFeatures;
  }

  String[] classLabels() {
    return classLabels.clone();
  }

  @Override
  public int numAttributes() {
    return numFeatures + 1;
  }

  @Override
  public int classIndex() {
    return numFeatures;
  }

  @Override
  public int arity(int a) {
    return a == numFeatures ? classLabels.length : InstanceEncoder.NUMERIC;
  }

  @Override
  public String attributeName(int a) {
    if (a == numFeatures) {
      return labelName;
    }
    return featureNames != null ? featureNames[a] : "f" + (a + 1);
  }

  @Override
  public String label(int a, int v) {
    return classLabels[v];
  }

  @Override
  public String relationName() {
    return "spark";
  }
}
