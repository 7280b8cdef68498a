package weka.classifiers.functions;

import java.io.File;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Vector;
import lessram.Compressor;
import lessram.CompressedPredictor;
import weka.classifiers.AbstractClassifier;
import weka.core.Capabilities;
import weka.core.Capabilities.Capability;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Option;
import weka.core.SerializationHelper;
import weka.core.Utils;

/**
 * A compressed, predict-only logistic regression loaded from a compressed {@code .lrfz} file: coefficients
 * randomized-rounded to {@code q2.m} and entropy-coded (Golovin et al., ICML 2013, section 5), predicting
 * straight from the compact form with the trained learner's exact feature mapping. The same file works
 * in MOA ({@code moa.classifiers.lessram.CompressedLogisticRegression}) and here.
 *
 * <p>{@link #buildClassifier(Instances)} does not learn: it loads {@code -model} and checks that the
 * data's header is the training header (the instances are ignored). Make a file from a trained Weka
 * learner with {@link AbstractLessRamLogisticRegression#compress(int, long)} or from the command line:
 * <pre>
 * java weka.classifiers.functions.CompressedLogisticRegression -compress -l trained.model -o model.lrfz [-f 7] [-r 1]
 * java weka.classifiers.functions.CompressedLogisticRegression -model model.lrfz -T test.arff
 * </pre>
 */
public class CompressedLogisticRegression extends AbstractClassifier {
  private static final long serialVersionUID = 1L;

  private File m_ModelFile = new File(".");
  private transient CompressedPredictor m_Predictor;

  /** An unloaded classifier; set {@code -model}. */
  public CompressedLogisticRegression() {
  }

  /** A classifier predicting with {@code predictor}. */
  public CompressedLogisticRegression(CompressedPredictor predictor) {
    m_Predictor = predictor;
  }

  /** Description for the GUI. */
  public String globalInfo() {
    return "Predict-only logistic regression loaded from a compressed model file written by a LessRAM learner "
        + "(Golovin, Sculley, McMahan and Young, ICML 2013). The file (.lrfz) holds the coefficients "
        + "randomized-rounded to q2.m and entropy-coded, with the learner's feature mapping. Training only "
        + "loads the file and checks the header; the training instances are ignored.";
  }

  @Override
  public Capabilities getCapabilities() {
    Capabilities c = super.getCapabilities();
    c.disableAll();
    c.enable(Capability.NOMINAL_ATTRIBUTES);
    c.enable(Capability.NUMERIC_ATTRIBUTES);
    c.enable(Capability.MISSING_VALUES);
    c.enable(Capability.NOMINAL_CLASS);
    c.enable(Capability.BINARY_CLASS);
    c.enable(Capability.MISSING_CLASS_VALUES);
    c.setMinimumNumberInstances(0);
    return c;
  }

  @Override
  public Enumeration<Option> listOptions() {
    Vector<Option> v = new Vector<>();
    v.add(new Option("\tCompressed model file (.lrfz).", "model", 1, "-model <file>"));
    v.addAll(Collections.list(super.listOptions()));
    return v.elements();
  }

  @Override
  public void setOptions(String[] options) throws Exception {
    String file = Utils.getOption("model", options);
    m_ModelFile = new File(file.isEmpty() ? "." : file);
    super.setOptions(options);
  }

  @Override
  public String[] getOptions() {
    Vector<String> v = new Vector<>();
    v.add("-model");
    v.add(m_ModelFile.getPath());
    Collections.addAll(v, super.getOptions());
    return v.toArray(new String[0]);
  }

  /** Tip text for the GUI. */
  public String modelFileTipText() {
    return "The compressed model file (.lrfz).";
  }

  public File getModelFile() {
    return m_ModelFile;
  }

  public void setModelFile(File file) {
    m_ModelFile = file;
  }

  /** The loaded model (null before loading). */
  public CompressedPredictor getPredictor() {
    return m_Predictor;
  }

  /**
   * Loads {@code -model} (if set; else keeps a predictor given to the constructor) and checks that the
   * header of {@code data} is the training header. The instances are not used.
   */
  @Override
  public void buildClassifier(Instances data) throws Exception {
    if (m_ModelFile != null && m_ModelFile.isFile()) {
      try {
        m_Predictor = CompressedPredictor.read(m_ModelFile.toPath());
      } catch (IOException e) {
        throw new Exception("CompressedLogisticRegression: cannot load compressed model '" + m_ModelFile + "': "
            + e.getMessage(), e);
      }
    } else if (m_Predictor == null) {
      throw new Exception("CompressedLogisticRegression: set -model to a compressed .lrfz file (got '"
          + m_ModelFile + "')");
    }
    checkHeader(data);
  }

  private void checkHeader(Instances header) throws Exception {
    String d = m_Predictor.headerDifference(new WekaHeaderView(header));
    if (d != null) {
      throw new Exception("CompressedLogisticRegression: the data's header does not match the compressed "
          + "model's training header: " + d);
    }
  }

  @Override
  public double[] distributionForInstance(Instance instance) throws Exception {
    CompressedPredictor p = m_Predictor;
    if (p == null) {
      throw new Exception("CompressedLogisticRegression: no compressed model loaded (call buildClassifier "
          + "with -model set).");
    }
    if (instance.numAttributes() != p.numAttributes()) {
      throw new Exception("CompressedLogisticRegression: the instance has " + instance.numAttributes()
          + " attributes but the compressed model was trained on " + p.numAttributes());
    }
    return p.probabilities(new WekaInstanceView(instance));
  }

  @Override
  public String toString() {
    return m_Predictor == null ? "CompressedLogisticRegression: no model loaded" : m_Predictor.sizeReport();
  }

  // ----------------------------------------------------------------------------------------------
  // compressing

  /**
   * Command line: {@code -compress -l <trained Weka model> -o <out.lrfz> [-f fractionBits] [-r seed]}
   * writes a compressed file from a model saved by Weka ({@code -d}) and prints its size report;
   * anything else runs Weka's usual evaluation of this classifier.
   */
  public static void main(String[] args) throws Exception {
    if (args.length > 0 && Utils.getFlag("compress", args)) {
      String in = Utils.getOption('l', args);
      String out = Utils.getOption('o', args);
      String f = Utils.getOption('f', args);
      String r = Utils.getOption('r', args);
      if (in.isEmpty() || out.isEmpty()) {
        System.err.println("usage: -compress -l <trained Weka model> -o <out.lrfz> [-f fractionBits (7)] [-r seed (1)]");
        System.exit(1);
      }
      System.out.print(compress(new File(in), new File(out), f.isEmpty() ? Compressor.DEFAULT_FRACTION_BITS
          : Integer.parseInt(f), r.isEmpty() ? 1 : Long.parseLong(r)));
      return;
    }
    runClassifier(new CompressedLogisticRegression(), args);
  }

  /** Compresses a Weka model file of one of our learners; returns the size report. */
  static String compress(File trained, File out, int fractionBits, long seed) throws Exception {
    Object o = SerializationHelper.read(trained.getPath());
    if (!(o instanceof AbstractLessRamLogisticRegression)) {
      throw new Exception("'" + trained + "' holds a " + (o == null ? "null" : o.getClass().getName())
          + ", not a RandomizedRoundingLogisticRegression or ApproximateCountLogisticRegression model");
    }
    CompressedPredictor p = ((AbstractLessRamLogisticRegression) o).compress(fractionBits, seed);
    p.write(out.toPath());
    return p.sizeReport();
  }

  // ----------------------------------------------------------------------------------------------
  // Java serialization (Weka's -d): the compressed bytes, read back with the checked reader

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    CompressedPredictor.writeEmbedded(out, m_Predictor);
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    m_Predictor = CompressedPredictor.readEmbedded(in);
  }
}
