package lessram.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import lessram.CompressedPredictor;
import lessram.OnlineClassifier;
import lessram.compressed.PositionLayout;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.classification.ProbabilisticClassificationModel;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsReader$;
import org.apache.spark.ml.util.DefaultParamsWriter$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import scala.Option;

/**
 * A trained LessRAM model on Spark ({@link LessRamLogisticRegression}): a Transformer that adds {@code
 * rawPrediction} (binary: {@code [-z, z]} with {@code z} the log-odds of class 1, as MLlib's logistic regression;
 * multiclass: the softmax scores), {@code probability} and {@code prediction} (with {@code thresholds}, as MLlib's
 * probabilistic classifiers). It holds the whole learning session (coefficients, counters, feature scaling),
 * so training can continue ({@link LessRamLogisticRegression#fit(org.apache.spark.sql.Dataset,
 * LessRamLogisticRegressionModel)}, {@link StreamingTrainer}) and its predictions are those of the MOA and Weka
 * learners it exports to ({@link Interchange}), bit for bit. Saved and loaded with Spark's ML persistence
 * ({@code write().save(path)}, {@code load(path)}; also inside a {@code Pipeline}): the params as Spark's
 * metadata, the session under {@code data/}.
 */
public class LessRamLogisticRegressionModel
    extends ProbabilisticClassificationModel<Vector, LessRamLogisticRegressionModel> implements MLWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final OnlineClassifier session;
  private transient TrainingSummary summary;
  private transient EntriesView view;

  LessRamLogisticRegressionModel(String uid, OnlineClassifier session) {
    this(Uids.constructing(uid), session, null);
  }

  private LessRamLogisticRegressionModel(String uid, OnlineClassifier session, Void unused) {
    this.uid = uid;
    this.session = session;
    Uids.constructed();
  }

  LessRamLogisticRegressionModel withSummary(TrainingSummary s) {
    this.summary = s;
    return this;
  }

  @Override
  public String uid() {
    return uid != null ? uid : Uids.current();
  }

  @Override
  public int numClasses() {
    return session.numClasses();
  }

  @Override
  public int numFeatures() {
    return session.numAttributes() - 1;
  }

  /** The class names, in class order (from the label column's metadata, else "0", "1", ...). */
  public String[] classLabels() {
    return session.classLabels();
  }

  /** The learning session (for reading; training it would change this model). */
  OnlineClassifier sessionView() {
    return session;
  }

  /** An independent copy of the learning session. */
  public OnlineClassifier session() {
    return session.copy();
  }

  /** True if this model came from a fit in this JVM (summaries are not saved). */
  public boolean hasSummary() {
    return summary != null;
  }

  /**
   * What the fit did (rounds, progressive validation, bytes, times).
   *
   * @throws IllegalStateException if the model was loaded or copied from a loaded one
   */
  public TrainingSummary summary() {
    if (summary == null) {
      throw new IllegalStateException("no training summary: the model was not trained in this JVM");
    }
    return summary;
  }

  @Override
  public synchronized Vector predictRaw(Vector features) {
    if (features.size() != numFeatures()) {
      throw new IllegalArgumentException("a features vector of size " + features.size() + ", the model has "
          + numFeatures() + " features");
    }
    EntriesView v = view;
    if (v == null) {
      v = new EntriesView();
      view = v;
    }
    double[] margins = session.margins(v.set(features, numFeatures()));
    if (margins.length == 1) {
      return Vectors.dense(-margins[0], margins[0]);
    }
    return Vectors.dense(margins);
  }

  @Override
  public Vector raw2probabilityInPlace(Vector rawPrediction) {
    double[] raw = ((DenseVector) rawPrediction).values();
    double[] p = OnlineClassifier.probabilities(raw.length == 2 ? new double[] {raw[1]} : raw);
    System.arraycopy(p, 0, raw, 0, p.length);
    return rawPrediction;
  }

  /** As MLlib's probabilistic models (the override settles an inheritance conflict Java sees in Spark's classes). */
  @Override
  @SuppressWarnings({"rawtypes", "unchecked"})
  public scala.Tuple3 findSummaryModel() {
    return super.findSummaryModel();
  }

  @Override
  public LessRamLogisticRegressionModel copy(ParamMap extra) {
    return copyValues(new LessRamLogisticRegressionModel(uid, session).withSummary(summary), extra)
        .setParent(parent());
  }

  // ----------------------------------------------------------------------------------------------
  // predict-only form

  /**
   * The predict-only compressed model ({@code .lrfz}, {@link CompressedPredictor}): coefficients randomized-rounded to
   * {@code q2.fractionBits} with seed {@code seed}, in the default layout; MOA's and Weka's {@code
   * CompressedLogisticRegression} read it.
   */
  public CompressedPredictor compress(int fractionBits, long seed) {
    return session.compress(fractionBits, seed, PositionLayout.RANKED, "lessram-spark " + uid);
  }

  /** Writes {@link #compress} to {@code path} (any Hadoop file system; overwrites). */
  public void writeCompressed(String path, int fractionBits, long seed) {
    CompressedPredictor f = compress(fractionBits, seed);
    Path p = new Path(path);
    try (OutputStream out = p.getFileSystem(org.apache.spark.SparkContext.getOrCreate().hadoopConfiguration())
        .create(p, true)) {
      f.writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ----------------------------------------------------------------------------------------------
  // persistence

  @Override
  public MLWriter write() {
    return new Writer(this);
  }

  public static MLReader<LessRamLogisticRegressionModel> read() {
    return new Reader();
  }

  public static LessRamLogisticRegressionModel load(String path) {
    return read().load(path);
  }

  /** Where the session goes, under a saved model's folder. */
  static final String SESSION_FILE = "data/session.ser.gz";

  private static final class Writer extends MLWriter {
    private final LessRamLogisticRegressionModel model;

    Writer(LessRamLogisticRegressionModel model) {
      this.model = model;
    }

    @Override
    public void saveImpl(String path) {
      DefaultParamsWriter$.MODULE$.saveMetadata(model, path, sc(), Option.empty(), Option.empty());
      Path p = new Path(path, SESSION_FILE);
      try {
        FileSystem fs = p.getFileSystem(sc().hadoopConfiguration());
        try (ObjectOutputStream out = new ObjectOutputStream(new GZIPOutputStream(fs.create(p, true)))) {
          out.writeObject(model.session);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + p, e);
      }
    }
  }

  private static final class Reader extends MLReader<LessRamLogisticRegressionModel> {
    @Override
    public LessRamLogisticRegressionModel load(String path) {
      DefaultParamsReader.Metadata meta = DefaultParamsReader$.MODULE$.loadMetadata(path, sc(),
          LessRamLogisticRegressionModel.class.getName());
      Path p = new Path(path, SESSION_FILE);
      OnlineClassifier session;
      try (InputStream raw = p.getFileSystem(sc().hadoopConfiguration()).open(p);
          ObjectInputStream in = new ObjectInputStream(new GZIPInputStream(raw))) {
        session = (OnlineClassifier) in.readObject();
      } catch (IOException | ClassNotFoundException e) {
        throw new IllegalArgumentException("cannot read the model's session from " + p + ": " + e.getMessage(), e);
      }
      LessRamLogisticRegressionModel model = new LessRamLogisticRegressionModel(meta.uid(), session);
      meta.getAndSetParams(model, Option.empty());
      return model;
    }
  }
}
