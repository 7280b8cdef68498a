package lessram;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Locale;
import lessram.compressed.PositionLayout;

/**
 * One learning session of a LessRAM learner (Golovin, Sculley, McMahan, Young, "Large-Scale Learning with
 * Less RAM via Randomization", ICML 2013), the same for every host: MOA, Weka and Spark adapters create
 * one from the user's {@link Settings} and a {@link HeaderView}, then hand it each instance through an
 * {@link InstanceView}. The session owns the feature mapping ({@link InstanceEncoder}) and the model
 * ({@link LogisticRegression}), and everything a host would otherwise write again:
 * <ul>
 *   <li>the header check ({@link #headerDifference}): attributes, their kinds and the class must be the
 *       model's; nominal attributes (the class among them) may gain labels at the end, as MOA's
 *       {@code ArffFileStream} extends its header when a file uses a label it did not declare;</li>
 *   <li>the skip rules and their counters: an instance whose weight is not positive is ignored; one without
 *       class value is not trained on and is counted ({@link #instancesWithoutClass()}); one whose class
 *       value is not one of the model's labels (a label the header gained later) likewise
 *       ({@link #instancesWithUnknownClass()}); one with an unusable value or weight (NaN, infinite, or
 *       above {@link Values#LIMIT} in magnitude) is skipped and counted by the model
 *       ({@link LogisticRegression#examplesSkipped()}); a nominal value outside the model's labels and a
 *       missing value are absent features, counted by the encoder;</li>
 *   <li>predict-then-train reuse: {@link #train} on the instance just given to {@link #predict} (the same
 *       entries, compared bit for bit) uses that prediction's encoding and score instead of computing them
 *       again, with a bit-identical result;</li>
 *   <li>the statistics ({@link Statistic}), the model description with its largest coefficients
 *       ({@link #describe}), compressing into a predict-only model ({@link #compress}) and the memory accounting
 *       ({@link #sizeInBytes()}).</li>
 * </ul>
 * Not thread-safe: a host that predicts from several threads synchronizes (the Weka adapter does).
 * Serializable (the scratch buffers are re-created on demand); the same settings, seed and data give
 * bit-identical models in every host.
 */
public final class OnlineClassifier implements Serializable {
  private static final long serialVersionUID = 1L;

  /** What {@link #train} did with an instance. */
  public enum Outcome {
    /** The model learned from the instance. */
    TRAINED,
    /** The weight is 0, negative or NaN: the instance carries nothing and is ignored (not counted). */
    NO_WEIGHT,
    /** The class value is missing: not trained on, counted in {@link #instancesWithoutClass()}. */
    NO_CLASS,
    /**
     * The class value is not one of the model's labels (a label the header gained after the model was
     * built): not trained on, counted in {@link #instancesWithUnknownClass()}.
     */
    UNKNOWN_CLASS,
    /** An unusable value or weight ({@link Values}): skipped, counted in {@link LogisticRegression#examplesSkipped()}. */
    SKIPPED
  }

  /** What the prediction buffers hold for a following {@link #train} on the same instance. */
  private enum Pending {
    /** Nothing to reuse. */
    NONE,
    /** A plain dense row scored by {@link LogisticRegression#probabilityRow} (raw values in {@link #entryValues}). */
    ROW,
    /** An instance encoded for prediction (entries in {@link #entryIndices}/{@link #entryValues}). */
    ENCODED
  }

  private final Settings settings;
  private final LearnerConfig config;
  private final InstanceEncoder encoder;
  private final LogisticRegression model;
  private final String relationName;
  private final String classAttributeName;
  private final String[] classLabels;
  private long instancesWithoutClass;
  private long instancesWithUnknownClass;

  private transient Pending pending;
  /** Entries of the pending prediction (on the row path only the feature values, attribute a at entry a). */
  private transient int[] entryIndices;
  private transient double[] entryValues;
  private transient int entryCount;
  /** Probabilities of an encoded pending prediction (the caller may change the returned votes). */
  private transient double[] predicted;
  /** Probability of class 1 of a pending row prediction. */
  private transient double predictedP;
  /** The adaptive rate's statistics of a pending row prediction (allocated with {@link #entryValues}). */
  private transient double[] rowStatistics;

  /**
   * A fresh session for a header.
   *
   * @throws IllegalArgumentException if the header has no class, the class is not nominal with at least 2
   *     labels, or the model cannot be built for it (for example too many features for a direct table)
   */
  public OnlineClassifier(Settings settings, HeaderView header) {
    if (settings == null || header == null) {
      throw new IllegalArgumentException("settings and a header are required");
    }
    int classIndex = header.classIndex();
    if (classIndex < 0 || classIndex >= header.numAttributes()) {
      throw new IllegalArgumentException("the header has no class attribute");
    }
    int classes = header.arity(classIndex);
    if (classes < 2) {
      throw new IllegalArgumentException("the class attribute '" + header.attributeName(classIndex)
          + "' must be nominal with at least 2 labels");
    }
    InstanceEncoder enc = new InstanceEncoder(header.arities(), classIndex, settings.scaling());
    LearnerConfig c;
    try {
      c = settings.config(classes, enc.dimension());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("cannot build a model for this header: " + e.getMessage()
          + (settings.hashingBits() == 0 && !settings.sparseMap() ? " (hash the features or use the sparse map)"
              : ""), e);
    }
    this.settings = settings;
    this.config = c;
    this.encoder = enc;
    this.model = new LogisticRegression(c);
    this.relationName = header.relationName() == null ? "" : header.relationName();
    this.classAttributeName = header.attributeName(classIndex);
    this.classLabels = new String[classes];
    for (int v = 0; v < classes; v++) {
      classLabels[v] = header.label(classIndex, v);
    }
  }

  // ----------------------------------------------------------------------------------------------
  // the header

  /**
   * A short description of how {@code header} differs from the model's header; null if the model can work
   * with it: the same attributes, kinds and class, nominal attributes possibly with more labels (the new
   * ones are unseen values, a new class label is an unknown class).
   */
  public String headerDifference(HeaderView header) {
    return encoder.difference(header.arities(), header.classIndex(), true);
  }

  /** Number of attributes of the model's header. */
  public int numAttributes() {
    return encoder.numAttributes();
  }

  // ----------------------------------------------------------------------------------------------
  // prediction and training

  /**
   * Class probabilities of an instance, in a new array (they sum to 1). Remembers the prediction, so that
   * {@link #train} on the same entries next reuses it. Missing values, nominal values outside the header
   * and non-finite values contribute nothing.
   */
  public double[] predict(InstanceView x) {
    int classes = classLabels.length;
    return predict(x, classes == 2 ? new double[2] : new double[classes]); // a constant size allocates faster
  }

  /**
   * {@link #predict(InstanceView)} into {@code votes} (length {@link #numClasses}, overwritten), which it returns:
   * for a host that scores row after row without an array per row.
   *
   * @throws IllegalArgumentException if {@code votes} does not have one entry per class
   */
  public double[] predict(InstanceView x, double[] votes) {
    int classes = classLabels.length;
    if (votes.length != classes) {
      throw new IllegalArgumentException("votes has " + votes.length + " entries, expected " + classes);
    }
    pending = Pending.NONE;
    if (classes != 2) {
      Arrays.fill(votes, 0);
    }
    int n = x.numValues();
    double[] raw = entryValues;
    double p = raw != null && raw.length >= n ? model.probabilityRow(encoder, x, n, raw, rowStatistics) : -1;
    if (p >= 0) {
      // a plain dense row, encoded and scored in one loop (its features stay in the encoder, in place)
      votes[0] = 1.0 - p;
      votes[1] = p;
      predictedP = p;
      pending = Pending.ROW;
    } else {
      n = readEntries(x);
      encoder.encode(entryIndices, entryValues, n, false);
      model.probabilities(encoder.ids(), encoder.values(), encoder.size(), votes);
      double[] kept = predicted;
      if (kept == null || kept.length != classes) {
        kept = new double[classes];
        predicted = kept;
      }
      System.arraycopy(votes, 0, kept, 0, classes);
      pending = Pending.ENCODED;
    }
    entryCount = n;
    return votes;
  }

  /** Learns from an instance (see the class comment for what is skipped and counted). */
  public Outcome train(InstanceView x) {
    double weight = x.weight();
    if (!(weight > 0)) {
      return Outcome.NO_WEIGHT;
    }
    double classValue = x.classValue();
    if (classValue != classValue) {
      instancesWithoutClass++;
      return Outcome.NO_CLASS;
    }
    int label = (int) classValue;
    if (label != classValue || label < 0 || label >= classLabels.length) {
      instancesWithUnknownClass++;
      return Outcome.UNKNOWN_CLASS;
    }
    boolean trained;
    Pending p = pending;
    pending = Pending.NONE;
    boolean usableWeight = Values.usable(weight);
    if (!usableWeight) {
      // skipped and counted; neither the model nor the scaling statistics take the instance
      trained = model.skip();
    } else if (p == Pending.ROW && sameRow(x)) {
      trained = model.learnRow(encoder, entryValues, rowStatistics, label, weight, predictedP);
    } else if (p == Pending.ENCODED && sameEntries(x)) {
      // the prediction's encoding and probabilities (an unusable value: the model skips and counts it)
      encoder.commitTraining(entryIndices, entryValues, entryCount);
      trained = model.learn(encoder.ids(), encoder.values(), encoder.size(), label, weight, predicted);
    } else {
      int n = readEntries(x);
      encoder.encode(entryIndices, entryValues, n, true);
      trained = model.learn(encoder.ids(), encoder.values(), encoder.size(), label, weight);
    }
    return trained ? Outcome.TRAINED : Outcome.SKIPPED;
  }

  /**
   * Encodes an instance as {@link #predict} does (no statistics change) and returns its number of features;
   * the ids and values are the first entries of {@code encoder().ids()} and {@code encoder().values()}, valid
   * until the next call on this session. For tools that score the features themselves.
   */
  public int encode(InstanceView x) {
    pending = Pending.NONE;
    int n = readEntries(x);
    return encoder.encode(entryIndices, entryValues, n, false);
  }

  /** True if the row just predicted on the row path is {@code x}: the same feature values, in place. */
  private boolean sameRow(InstanceView x) {
    if (x.numValues() != entryCount) {
      return false;
    }
    double[] raw = entryValues;
    for (int a = 0, f = encoder.size(); a < f; a++) {
      if (x.index(a) != a || Double.doubleToRawLongBits(x.value(a)) != Double.doubleToRawLongBits(raw[a])) {
        return false;
      }
    }
    return true;
  }

  /** True if {@code x} holds the entries recorded by the last encoded prediction. */
  private boolean sameEntries(InstanceView x) {
    int n = entryCount;
    if (x.numValues() != n) {
      return false;
    }
    int[] indices = entryIndices;
    double[] values = entryValues;
    for (int p = 0; p < n; p++) {
      if (x.index(p) != indices[p]
          || Double.doubleToRawLongBits(x.value(p)) != Double.doubleToRawLongBits(values[p])) {
        return false;
      }
    }
    return true;
  }

  /** Copies the entries of {@code x} into the entry buffers; returns their number. */
  private int readEntries(InstanceView x) {
    int n = x.numValues();
    int[] indices = entryIndices;
    double[] values = entryValues;
    if (indices == null || indices.length < n) {
      indices = new int[Math.max(n, 16)];
      values = new double[indices.length];
      entryIndices = indices;
      entryValues = values;
      rowStatistics = new double[2];
    }
    for (int p = 0; p < n; p++) {
      indices[p] = x.index(p);
      values[p] = x.value(p);
    }
    return n;
  }

  // ----------------------------------------------------------------------------------------------
  // inspection

  /** The settings. */
  public Settings settings() {
    return settings;
  }

  /** The model's configuration (settings resolved for the header). */
  public LearnerConfig config() {
    return config;
  }

  /** The model. */
  public LogisticRegression model() {
    return model;
  }

  /** The feature mapping, with its scaling statistics. */
  public InstanceEncoder encoder() {
    return encoder;
  }

  /** Number of classes. */
  public int numClasses() {
    return classLabels.length;
  }

  /** The class labels of the header the session was created for (a copy). */
  public String[] classLabels() {
    return classLabels.clone();
  }

  /** Instances not trained on because their class value was missing. */
  public long instancesWithoutClass() {
    return instancesWithoutClass;
  }

  /** Instances not trained on because their class value was not one of the model's labels. */
  public long instancesWithUnknownClass() {
    return instancesWithUnknownClass;
  }

  /** Exact heap bytes of the model and the feature mapping (see {@link LogisticRegression#sizeInBytes()}). */
  public long sizeInBytes() {
    return model.sizeInBytes() + encoder.sizeInBytes();
  }

  /** The figures every host reports about a session, in display order. */
  public enum Statistic {
    COORDINATES("coefficients (coordinates)"),
    STORED_COORDINATES("stored coordinates"),
    MODEL_BYTES("model bytes"),
    COORDINATE_BYTES("coordinate bytes"),
    FIXED_BYTES("fixed bytes"),
    BITS_PER_COORDINATE("bits per coordinate"),
    BYTES_PER_STORED_COORDINATE("bytes per stored coordinate"),
    SATURATED_COUNTERS("saturated counters"),
    EXAMPLES_SEEN("examples seen"),
    EXAMPLES_SKIPPED("examples skipped (unusable value or weight)"),
    NO_CLASS("instances skipped (no class)"),
    UNKNOWN_CLASS("instances skipped (unknown class label)"),
    MISSING_VALUES("missing values"),
    UNSEEN_NOMINAL_VALUES("unseen nominal values"),
    /** Reported only by sessions with feature inclusion ({@link #appliesTo}). */
    REJECTED_SIGHTINGS("feature sightings not admitted");

    private final String label;

    Statistic(String label) {
      this.label = label;
    }

    /** The name hosts show. */
    public String label() {
      return label;
    }

    /**
     * True if a session with {@code settings} reports this statistic: all do, except that only sessions
     * with feature inclusion report {@link #REJECTED_SIGHTINGS} (null settings: the statistics of all).
     */
    public boolean appliesTo(Settings settings) {
      return this != REJECTED_SIGHTINGS || (settings != null && settings.inclusion().selective());
    }

    /** The value for {@code session}; 0 when there is none yet. */
    public double of(OnlineClassifier session) {
      if (session == null) {
        return 0;
      }
      LogisticRegression m = session.model;
      switch (this) {
        case COORDINATES: return m.numCoordinates();
        case STORED_COORDINATES: return m.storedCoordinates();
        case MODEL_BYTES: return session.sizeInBytes();
        case COORDINATE_BYTES: return m.coordinateBytes();
        case FIXED_BYTES: return session.sizeInBytes() - m.coordinateBytes();
        case BITS_PER_COORDINATE: return m.bitsPerCoordinate();
        case BYTES_PER_STORED_COORDINATE: return m.bytesPerStoredCoordinate();
        case SATURATED_COUNTERS: return m.saturatedCounters();
        case EXAMPLES_SEEN: return m.examplesSeen();
        case EXAMPLES_SKIPPED: return m.examplesSkipped();
        case NO_CLASS: return session.instancesWithoutClass;
        case UNKNOWN_CLASS: return session.instancesWithUnknownClass;
        case MISSING_VALUES: return session.encoder.missingValues();
        case UNSEEN_NOMINAL_VALUES: return session.encoder.unseenNominalValues();
        case REJECTED_SIGHTINGS: return m.rejectedSightings();
        default: throw new IllegalStateException("unhandled statistic " + this);
      }
    }
  }

  /**
   * A description of the model for people: configuration, counts, memory, and the {@code shown} largest
   * coefficients by magnitude (named with {@code header}: attribute names and nominal labels) and the bias.
   */
  public String describe(HeaderView header, int shown) {
    LogisticRegression m = model;
    StringBuilder b = new StringBuilder();
    b.append("Configuration: ").append(config.describe()).append('\n');
    b.append("Numeric scaling: ").append(encoder.scaling().label()).append("; features: ")
        .append(encoder.dimension()).append(" (numeric attributes, one-hot nominal labels)\n");
    b.append("Training instances used: ").append(m.examplesSeen()).append("; skipped: ")
        .append(instancesWithoutClass).append(" missing class, ").append(instancesWithUnknownClass)
        .append(" unknown class label, ").append(m.examplesSkipped()).append(" unusable value or weight\n");
    b.append("Missing attribute values seen: ").append(encoder.missingValues())
        .append(" (treated as absent features); unseen nominal values: ").append(encoder.unseenNominalValues())
        .append('\n');
    CoefficientRanking top = CoefficientRanking.of(m, shown);
    b.append("Coordinates: ").append(m.numCoordinates()).append(" addressed, ").append(m.storedCoordinates())
        .append(" stored, ").append(top.nonZero()).append(" non-zero\n");
    b.append("Bits per coordinate: ").append(config.bitsPerCoordinate()).append(" (coefficient ")
        .append(config.weightBits()).append(", counter ").append(config.counterFieldBits()).append(")\n");
    long total = sizeInBytes();
    b.append("Model memory: ").append(total).append(" bytes = ").append(m.coordinateBytes())
        .append(" for the ").append(m.storedCoordinates()).append(" stored coordinates (")
        .append(String.format(Locale.ROOT, "%.2f", m.bytesPerStoredCoordinate()))
        .append(" bytes per stored coordinate) + ").append(total - m.coordinateBytes())
        .append(" fixed (tables, buffers, configuration, feature mapping")
        .append(config.featureSpace().inclusion().selective() ? ", inclusion filter)\n" : ")\n");
    if (config.counterFieldBits() > 0) {
      b.append("Saturated counters: ").append(m.saturatedCounters()).append('\n');
    }
    InclusionRule inclusion = config.featureSpace().inclusion();
    if (inclusion.selective()) {
      b.append("Feature inclusion: ").append(inclusion).append(", filter ").append(inclusion.filterBytes())
          .append(" bytes (in the model memory); training sightings not admitted: ").append(m.rejectedSightings())
          .append('\n');
    }
    top.appendTo(b, new FeatureNames(header, encoder, config.featureSpace()), classLabels);
    return b.toString();
  }

  // ----------------------------------------------------------------------------------------------
  // compressing

  /**
   * Compresses the model into a predict-only, compressed model: coefficients randomized-rounded to
   * {@code q2.fractionBits} with rounding seed {@code seed} and stored in {@code layout}; the feature
   * mapping, the class labels and the relation name travel with it.
   *
   * @param producer what the model comes from (for example the learner's command line), kept for reports
   */
  public CompressedPredictor compress(int fractionBits, long seed, PositionLayout layout, String producer) {
    return Compressor.of(model, encoder).fractionBits(fractionBits).seed(seed).layout(layout).producer(producer)
        .relationName(relationName).classAttributeName(classAttributeName).classLabels(classLabels)
        .compress();
  }

  // ----------------------------------------------------------------------------------------------
  // copies for data-parallel training (ParameterMixing, SessionDelta) and raw scores for hosts

  private OnlineClassifier(OnlineClassifier o, InstanceEncoder encoder, LogisticRegression model) {
    this.settings = o.settings;
    this.config = o.config;
    this.encoder = encoder;
    this.model = model;
    this.relationName = o.relationName;
    this.classAttributeName = o.classAttributeName;
    this.classLabels = o.classLabels;
    this.instancesWithoutClass = o.instancesWithoutClass;
  }

  /**
   * An independent copy in exactly this state (model with its random generator, feature mapping with its
   * statistics, counters): the two evolve independently, and identically on equal input.
   */
  public OnlineClassifier copy() {
    return new OnlineClassifier(this, encoder.copy(), model.copy());
  }

  /** A session with this one's settings and header around another encoder and model (a merged state). */
  OnlineClassifier with(InstanceEncoder otherEncoder, LogisticRegression otherModel) {
    return new OnlineClassifier(this, otherEncoder, otherModel);
  }

  /** Sets the count of instances without class value (a merged session's total). */
  void setInstancesWithoutClass(long n) {
    instancesWithoutClass = n;
  }

  /**
   * The linear scores of an instance, before the sigmoid or softmax: one value for a binary model (the
   * log-odds of the second class), one per class otherwise. {@link #probabilities(double[])} of them is what
   * {@link #predict} returns, bit for bit. Changes no statistics.
   */
  public double[] margins(InstanceView x) {
    int n = encode(x);
    double[] out = new double[model.numOutputs()];
    model.margins(encoder.ids(), encoder.values(), n, out);
    return out;
  }

  /** Class probabilities from the scores of {@link #margins}, computed as {@link #predict} computes them. */
  public static double[] probabilities(double[] margins) {
    if (margins.length == 1) {
      double p = lessram.compressed.Logistic.sigmoid(margins[0]);
      return new double[] {1.0 - p, p};
    }
    double[] p = margins.clone();
    lessram.compressed.Logistic.softmax(p, p.length);
    return p;
  }
}
