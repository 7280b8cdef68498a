package weka.classifiers.functions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.SparseInstance;
import weka.core.Utils;

/** Small deterministic data sets for the Weka learner tests. */
final class WekaTestData {

  private WekaTestData() {
  }

  /**
   * A logistic problem over numeric and nominal attributes: {@code x1, x2} numeric (different scales),
   * {@code color} nominal {red, green, blue}, {@code x3} numeric, {@code flag} nominal {yes, no}, class last
   * with {@code classes} labels (the label of the largest of {@code classes} linear scores, with noise).
   *
   * @param missing fraction of predictor values set missing
   * @param missingClass fraction of class values set missing
   */
  static Instances mixed(int n, int classes, double missing, double missingClass, long seed) {
    ArrayList<Attribute> atts = new ArrayList<>();
    atts.add(new Attribute("x1"));
    atts.add(new Attribute("x2"));
    atts.add(new Attribute("color", Arrays.asList("red", "green", "blue")));
    atts.add(new Attribute("x3"));
    atts.add(new Attribute("flag", Arrays.asList("yes", "no")));
    List<String> labels = new ArrayList<>();
    for (int k = 0; k < classes; k++) {
      labels.add(classes == 2 ? (k == 0 ? "neg" : "pos") : "c" + k);
    }
    atts.add(new Attribute("class", labels));
    Instances data = new Instances("lessram-mixed", atts, n);
    data.setClassIndex(data.numAttributes() - 1);
    Random r = new Random(seed);
    for (int i = 0; i < n; i++) {
      double x1 = r.nextGaussian() * 100 + 50;
      double x2 = r.nextGaussian();
      int color = r.nextInt(3);
      double x3 = r.nextDouble() * 4 - 2;
      int flag = r.nextInt(2);
      double[] score = new double[classes];
      for (int k = 0; k < classes; k++) {
        double s = (k + 1) * 0.02 * (x1 - 50) * (k % 2 == 0 ? 1 : -1)
            + (k == color % classes ? 1.5 : 0)
            + x2 * (k - (classes - 1) / 2.0) * 2
            + (flag == 0 ? 0.8 : -0.8) * (k == 0 ? 1 : 0);
        score[k] = s + r.nextGaussian() * 0.5;
      }
      double[] v = {x1, x2, color, x3, flag, Utils.maxIndex(score)};
      for (int a = 0; a < v.length - 1; a++) {
        if (r.nextDouble() < missing) {
          v[a] = Utils.missingValue();
        }
      }
      if (r.nextDouble() < missingClass) {
        v[v.length - 1] = Utils.missingValue();
      }
      Instance inst = new DenseInstance(1.0, v);
      if (i % 7 == 3) {
        inst.setWeight(0.5 + (i % 3));
      }
      data.add(inst);
    }
    return data;
  }

  /**
   * A wide sparse binary problem: {@code width} numeric attributes of which about {@code active} per
   * instance are non-zero (value 1 or a small magnitude), stored as truly sparse {@link SparseInstance}s,
   * class first (to exercise a class that is not last).
   */
  static Instances sparse(int n, int width, int active, long seed) {
    ArrayList<Attribute> atts = new ArrayList<>();
    atts.add(new Attribute("class", Arrays.asList("no", "yes")));
    for (int a = 0; a < width; a++) {
      atts.add(new Attribute("f" + a));
    }
    Instances data = new Instances("lessram-sparse", atts, n);
    data.setClassIndex(0);
    Random r = new Random(seed);
    double[] truth = new double[width + 1];
    for (int a = 1; a <= width; a++) {
      truth[a] = r.nextGaussian();
    }
    for (int i = 0; i < n; i++) {
      int[] idx = r.ints(active, 1, width + 1).distinct().sorted().toArray();
      double[] val = new double[idx.length + 1];
      int[] all = new int[idx.length + 1];
      double z = 0;
      for (int j = 0; j < idx.length; j++) {
        all[j + 1] = idx[j];
        val[j + 1] = r.nextBoolean() ? 1.0 : Math.round(r.nextDouble() * 100) / 50.0;
        z += truth[idx[j]] * val[j + 1];
      }
      all[0] = 0;
      val[0] = z + r.nextGaussian() * 0.3 > 0 ? 1 : 0;
      data.add(new SparseInstance(1.0, val, all, data.numAttributes()));
    }
    return data;
  }

  /** The same instances stored dense. */
  static Instances densified(Instances sparse) {
    Instances dense = new Instances(sparse, sparse.numInstances());
    for (int i = 0; i < sparse.numInstances(); i++) {
      Instance s = sparse.instance(i);
      dense.add(new DenseInstance(s.weight(), s.toDoubleArray()));
    }
    return dense;
  }
}
