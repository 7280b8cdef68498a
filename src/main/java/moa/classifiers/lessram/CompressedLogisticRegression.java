package moa.classifiers.lessram;

import com.github.javacliparser.FileOption;
import com.yahoo.labs.samoa.instances.Instance;
import com.yahoo.labs.samoa.instances.Instances;
import java.io.File;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import lessram.CompressedPredictor;
import moa.capabilities.Capability;
import moa.capabilities.ImmutableCapabilities;
import moa.classifiers.AbstractClassifier;
import moa.classifiers.MultiClassClassifier;
import moa.core.Measurement;
import moa.core.StringUtils;

/**
 * A compressed, predict-only logistic regression loaded from a compressed {@code .lrfz} file (written by the
 * task {@code lessram.CompressModel} or by {@link AbstractLessRamClassifier#compress(int, long)}): every
 * coefficient randomized-rounded to {@code q2.m} and entropy-coded, predicting straight from the compact
 * form (Golovin et al., ICML 2013, section 5). The file carries the trained learner's feature mapping, so
 * the features are exactly the learner's.
 *
 * <p>Evaluate it with {@code EvaluateModel -m (lessram.CompressedLogisticRegression -f model.lrfz) -s ...}.
 * It cannot learn: training (for example from {@code EvaluatePrequential}) fails with a clear message.
 * Instances whose header differs from the training header (attributes, types, class) are refused.
 * Loading uses the compressed format's checked reader; there is no Java deserialization of the file.
 * Predictions are safe from several threads at once.
 */
public class CompressedLogisticRegression extends AbstractClassifier implements MultiClassClassifier {
  private static final long serialVersionUID = 1L;

  /** {@code -f}: the compressed model file. */
  public FileOption modelFileOption = new FileOption("modelFile", 'f',
      "Compressed model file (.lrfz) written by lessram.CompressModel.", null, "lrfz", false);

  private transient volatile CompressedPredictor predictor;
  /** Header object last found to match (identity cache). */
  private transient volatile Instances checkedHeader;

  /** An unloaded classifier; set {@code -f} and call {@code prepareForUse()}. */
  public CompressedLogisticRegression() {
  }

  /** A classifier predicting with {@code predictor}. */
  public CompressedLogisticRegression(CompressedPredictor predictor) {
    if (predictor == null) {
      throw new IllegalArgumentException("predictor is required");
    }
    this.predictor = predictor;
  }

  @Override
  public String getPurposeString() {
    return "Predict-only logistic regression from a compressed .lrfz file (coefficients rounded to q2.m and "
        + "entropy-coded; Golovin et al., ICML 2013). Evaluate with EvaluateModel; it cannot be trained.";
  }

  @Override
  public ImmutableCapabilities defineImmutableCapabilities() {
    return new ImmutableCapabilities(Capability.VIEW_STANDARD, Capability.VIEW_LITE);
  }

  @Override
  public boolean isRandomizable() {
    return false;
  }

  @Override
  public void resetLearningImpl() {
    checkedHeader = null;
    File file = modelFileOption.getFile();
    if (file == null) {
      return; // a predictor given to the constructor stays; an unset option is reported on first use
    }
    try {
      predictor = CompressedPredictor.read(file.toPath());
    } catch (IOException e) {
      throw new IllegalArgumentException("CompressedLogisticRegression: cannot load compressed model '" + file
          + "': " + e.getMessage(), e);
    }
  }

  /** The loaded model. */
  public CompressedPredictor getPredictor() {
    CompressedPredictor p = predictor;
    if (p == null) {
      throw new IllegalStateException("CompressedLogisticRegression: no compressed model loaded; set option -f "
          + "to a .lrfz file written by lessram.CompressModel");
    }
    return p;
  }

  @Override
  public void trainOnInstance(Instance inst) {
    throw new UnsupportedOperationException(trainingRefused());
  }

  @Override
  public void trainOnInstanceImpl(Instance inst) {
    throw new UnsupportedOperationException(trainingRefused());
  }

  private static String trainingRefused() {
    return "CompressedLogisticRegression is a compressed, predict-only model and cannot be trained: evaluate it with "
        + "EvaluateModel (not EvaluatePrequential or other train-and-test tasks); to change the model, train "
        + "the original learner and compress it again with lessram.CompressModel";
  }

  @Override
  public double[] getVotesForInstance(Instance inst) {
    CompressedPredictor p = getPredictor();
    Instances header = inst.dataset();
    if (header != checkedHeader) {
      checkHeader(p, inst, header);
    }
    return p.probabilities(new MoaInstanceView(inst));
  }

  private void checkHeader(CompressedPredictor p, Instance inst, Instances header) {
    if (header == null) {
      if (inst.numAttributes() != p.numAttributes()) {
        throw new IllegalStateException("CompressedLogisticRegression: the instance has " + inst.numAttributes()
            + " attributes but the compressed model was trained on " + p.numAttributes());
      }
      return;
    }
    String difference = p.headerDifference(new MoaHeaderView(header));
    if (difference != null) {
      throw new IllegalStateException("CompressedLogisticRegression: the stream's header does not match the "
          + "compressed model's training header: " + difference);
    }
    checkedHeader = header;
  }

  @Override
  protected Measurement[] getModelMeasurementsImpl() {
    CompressedPredictor p = predictor;
    if (p == null) {
      return new Measurement[0];
    }
    return new Measurement[] {
        new Measurement("coefficients", p.model().numCoordinates()),
        new Measurement("non-zero coefficients", p.model().nonZeroCoefficients()),
        new Measurement("realized bits per coefficient", p.realizedBitsPerCoefficient()),
        new Measurement("entropy bits per coefficient", p.entropyBitsPerCoefficient()),
        new Measurement("compressed file bytes", p.model().serializedSizeInBytes())};
  }

  @Override
  public void getModelDescription(StringBuilder out, int indent) {
    CompressedPredictor p = predictor;
    StringUtils.appendIndented(out, indent, p == null ? "CompressedLogisticRegression: no model loaded"
        : p.sizeReport());
  }

  // ----------------------------------------------------------------------------------------------
  // compressing and serialization

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    CompressedPredictor.writeEmbedded(out, predictor);
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    predictor = CompressedPredictor.readEmbedded(in);
  }
}
