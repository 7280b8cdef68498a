package moa.classifiers.lessram;

import com.github.javacliparser.FlagOption;
import com.github.javacliparser.FloatOption;
import com.github.javacliparser.IntOption;
import com.github.javacliparser.MultiChoiceOption;
import com.yahoo.labs.samoa.instances.Attribute;
import com.yahoo.labs.samoa.instances.Instance;
import com.yahoo.labs.samoa.instances.Instances;
import lessram.FeatureSpace;
import lessram.InstanceEncoder;
import lessram.LearnerConfig;
import lessram.LearningRateSchedule;
import lessram.LogisticRegression;
import lessram.RoundingMode;
import lessram.ScalingMode;
import moa.capabilities.Capability;
import moa.capabilities.ImmutableCapabilities;
import moa.classifiers.AbstractClassifier;
import moa.classifiers.MultiClassClassifier;
import moa.core.Measurement;
import moa.core.StringUtils;

/**
 * Shared MOA adapter of the LessRAM learners (Golovin, Sculley, McMahan, Young, "Large-Scale Learning
 * with Less RAM via Randomization", ICML 2013). It only converts data and maps options: the options are
 * read once, in {@link #resetLearningImpl()}, into one immutable {@link LearnerConfig}; the header-dependent
 * parts (number of classes, number of features) are filled in on the first instance, when the header is
 * known, and the engine ({@link LogisticRegression}) and the feature mapping ({@link InstanceEncoder},
 * shared with the Weka learners) are created then.
 *
 * <p>Behaviour on unusual input (also in the README):
 * <ul>
 *   <li>numeric attributes are scaled by the {@code -z} mode; nominal attributes are one-hot encoded;
 *       other attribute types are ignored;</li>
 *   <li>dense and sparse instances cost O(non-zeros): only the stored values are visited;</li>
 *   <li>a missing value contributes no feature and is counted ("missing values"); a nominal value outside
 *       the header's labels likewise ("unseen nominal values"); both are counted each time an instance is
 *       encoded (prediction and training);</li>
 *   <li>an instance with a missing class value is not trained on and is counted ("instances skipped (no
 *       class)"); prediction works as usual;</li>
 *   <li>an instance with a non-finite numeric value or weight is not trained on and is counted ("examples
 *       skipped (non-finite)");</li>
 *   <li>an instance whose header differs from the one the model was built on (number or type of
 *       attributes, number of labels, class position) makes both {@link #trainOnInstance} and
 *       {@link #getVotesForInstance} throw an {@link IllegalStateException} naming the difference; the
 *       model is left untouched. {@link #resetLearning()} starts afresh with the new header;</li>
 *   <li>invalid options (for example {@code -i} + {@code -f} &gt; 31, {@code -a} &lt;= 0, {@code -e}
 *       &lt;= 1, {@code -h} &gt; 30, {@code -p} with {@code -h} &gt; 0) throw an
 *       {@link IllegalArgumentException} naming the option, at reset or at the latest on the first
 *       instance.</li>
 * </ul>
 * Before any training the votes are uniform. Not thread-safe (prediction uses the encoder's buffers).
 * Serializable; transient scratch buffers are re-created on demand.
 */
public abstract class AbstractLessRamClassifier extends AbstractClassifier implements MultiClassClassifier {
  private static final long serialVersionUID = 1L;

  /** Labels of {@link #roundingOption}, in the order of {@link RoundingMode}'s constants used here. */
  private static final String[] ROUNDING_LABELS = {"randomized", "nearest", "float32", "float64"};
  private static final RoundingMode[] ROUNDING_MODES = {
      RoundingMode.RANDOMIZED, RoundingMode.NEAREST, RoundingMode.FLOAT32, RoundingMode.FLOAT64};
  private static final String[] SCALING_LABELS = {"auto", "none", "maxabs", "standardize"};
  private static final ScalingMode[] SCALING_MODES = {
      ScalingMode.AUTO, ScalingMode.NONE, ScalingMode.MAX_ABS, ScalingMode.STANDARDIZE};

  /** Number of largest coefficients listed by {@link #getModelDescription}. */
  private static final int DESCRIBED_COEFFICIENTS = 10;

  public IntOption integerBitsOption = new IntOption("integerBits", 'i',
      "Integer bits n of the fixed-point coefficient format qn.m (range [-2^n, 2^n)); n + m <= 31.",
      2, 0, 31);

  public IntOption fractionBitsOption = new IntOption("fractionBits", 'f',
      "Fraction bits m of the fixed-point coefficient format qn.m (resolution 2^-m); n + m <= 31.",
      13, 0, 31);

  public MultiChoiceOption roundingOption = new MultiChoiceOption("rounding", 'm',
      "How coefficients are stored after each update.", ROUNDING_LABELS,
      new String[] {
          "qn.m fixed point with unbiased randomized rounding (the paper's method)",
          "qn.m fixed point with deterministic round-to-nearest (biased control)",
          "32-bit float (control; -i/-f ignored)",
          "64-bit double (exact control; -i/-f ignored)"},
      0);

  /** The learning-rate scale; its default differs per learner (see the subclasses). */
  public FloatOption alphaOption;

  public IntOption hashingBitsOption = new IntOption("hashingBits", 'h',
      "Hash the features into 2^h coefficient slots (fixed memory whatever the number of features; "
          + "collisions share a coefficient); 0 = index the header's features directly. At most "
          + FeatureSpace.MAX_HASH_BITS + ".",
      0, 0, FeatureSpace.MAX_HASH_BITS);

  public FlagOption sparseMapOption = new FlagOption("sparseMap", 'p',
      "Store only the coefficients of features seen, in a collision-free primitive hash map "
          + "(memory grows with the features seen); not together with -h > 0.");

  public MultiChoiceOption scalingOption = new MultiChoiceOption("scaling", 'z',
      "Scaling of numeric attributes, from the statistics of the training instances seen so far "
          + "(prediction and training scale an instance alike).",
      SCALING_LABELS,
      new String[] {
          "standardize when the header has at most " + InstanceEncoder.AUTO_STANDARDIZE_LIMIT
              + " numeric attributes, none otherwise",
          "use values as given",
          "divide by the largest absolute value seen (keeps sparsity)",
          "subtract the mean, divide by the standard deviation, clip to +-"
              + InstanceEncoder.STANDARDIZED_CLIP + " (exact, the value itself included, for the first "
              + InstanceEncoder.EXACT_STANDARDIZATION_INSTANCES + " training instances; then mean and "
              + "deviation cached, refreshed when the count has grown by 1/"
              + InstanceEncoder.REFRESH_GROWTH_DIVISOR + ")"},
      0);

  /** MOA's own seed option is protected and not listed, so the learners declare this public one. */
  public IntOption seedOption = new IntOption("randomSeed", 'r',
      "Seed of the learner's random generator (randomized rounding, Morris counter decisions).", 1);

  /** Options as validated at the last reset (header-independent parts; placeholder feature space). */
  private LearnerConfig template;
  private ScalingMode scaling;
  private boolean sparseMap;

  private LearnerConfig config;
  private InstanceEncoder encoder;
  private LogisticRegression model;
  private int numAttributes;
  private long instancesWithoutClass;

  /** The header object last checked against the model's header (identity cache; re-checked after load). */
  private transient Instances checkedHeader;

  /**
   * True while the encoder still holds the encoding of the last {@link #getVotesForInstance} and no
   * training happened since: training on an instance with the same indices and values (the same instance,
   * as in a prequential step, or an equal one; the header is checked before) reuses that encoding and
   * score instead of encoding and scoring again (bit-identical). A flag rather than a reference to the
   * instance, so the learner keeps no reference to what it predicted (the row reader holds the instance
   * only during the call).
   */
  private transient boolean predictionPending;
  /** Class probabilities of the pending prediction. */
  private transient double[] predicted;
  /**
   * Indices and values of the pending prediction as encoded, compared with the training instance (on the
   * row path only the feature values, attribute {@code a} at entry {@code a}, are recorded).
   */
  private transient int[] predictedIndices;
  private transient double[] predictedValues;
  private transient int predictedNumValues;
  /** True when the pending prediction took the row path ({@link LogisticRegression#probabilityRow}). */
  private transient boolean predictedDense;
  /** Its probability of class 1 (the row path keeps no copy of the votes). */
  private transient double predictedP;
  private transient DenseRowReader rowReader;

  /**
   * Creates the learner.
   *
   * @param defaultAlpha default of {@code -a}
   * @param alphaHelp help text of {@code -a}
   */
  protected AbstractLessRamClassifier(double defaultAlpha, String alphaHelp) {
    alphaOption = new FloatOption("alpha", 'a', alphaHelp + " Must be > 0.", defaultAlpha, 0.0, Double.MAX_VALUE);
  }

  /** The learning-rate schedule of this learner. */
  protected abstract LearningRateSchedule schedule();

  /**
   * Maps the learner's counter options onto the builder, validating them with messages that name the
   * option. The default (no counters) does nothing.
   */
  protected void configureCounters(LearnerConfig.Builder builder) {
  }

  @Override
  public boolean isRandomizable() {
    return true;
  }

  @Override
  public void setRandomSeed(int s) {
    super.setRandomSeed(s);
    seedOption.setValue(s);
  }

  @Override
  public ImmutableCapabilities defineImmutableCapabilities() {
    return new ImmutableCapabilities(Capability.VIEW_STANDARD, Capability.VIEW_LITE);
  }

  @Override
  public void resetLearningImpl() {
    config = null;
    encoder = null;
    model = null;
    numAttributes = 0;
    instancesWithoutClass = 0;
    checkedHeader = null;
    predictionPending = false;
    template = null;
    template = validatedTemplate();
  }

  private LearnerConfig validatedTemplate() {
    int integerBits = integerBitsOption.getValue();
    int fractionBits = fractionBitsOption.getValue();
    if (integerBits < 0 || fractionBits < 0 || integerBits + fractionBits > 31) {
      throw new IllegalArgumentException(name() + ": options -i integerBits (" + integerBits
          + ") and -f fractionBits (" + fractionBits + ") must be >= 0 with -i + -f <= 31 "
          + "(a qn.m coefficient takes n + m + 1 <= 32 bits)");
    }
    double alpha = alphaOption.getValue();
    if (!(alpha > 0) || Double.isInfinite(alpha)) {
      throw new IllegalArgumentException(name() + ": option -a alpha must be a finite number > 0, got "
          + alpha);
    }
    int hashingBits = hashingBitsOption.getValue();
    if (hashingBits < 0 || hashingBits > FeatureSpace.MAX_HASH_BITS) {
      throw new IllegalArgumentException(name() + ": option -h hashingBits must be 0.."
          + FeatureSpace.MAX_HASH_BITS + " (0 = direct indexing), got " + hashingBits);
    }
    boolean sparse = sparseMapOption.isSet();
    if (sparse && hashingBits > 0) {
      throw new IllegalArgumentException(name() + ": option -p sparseMap (collision-free map of the "
          + "header's features) cannot be combined with -h hashingBits > 0 (got -h " + hashingBits + ")");
    }
    LearnerConfig.Builder b = LearnerConfig.builder()
        .fixedPoint(integerBits, fractionBits)
        .rounding(ROUNDING_MODES[roundingOption.getChosenIndex()])
        .schedule(schedule())
        .alpha(alpha)
        .seed(seedOption.getValue())
        .featureSpace(hashingBits > 0 ? FeatureSpace.hashed(hashingBits) : FeatureSpace.direct(0));
    configureCounters(b);
    LearnerConfig t;
    try {
      t = b.build();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name() + ": invalid options: " + e.getMessage(), e);
    }
    scaling = SCALING_MODES[scalingOption.getChosenIndex()];
    sparseMap = sparse;
    return t;
  }

  /** The learner's simple class name, for messages. */
  protected final String name() {
    return getClass().getSimpleName();
  }

  /**
   * MOA's {@code AbstractClassifier.trainOnInstance} (weight bookkeeping, then {@link #trainOnInstanceImpl}
   * for a positive weight), with the class and header checks done once: an instance without class value
   * is counted instead of being dropped silently, and the header is checked before the bookkeeping so a
   * rejected instance changes nothing.
   */
  @Override
  public void trainOnInstance(Instance inst) {
    double weight = inst.weight();
    if (!(weight > 0)) {
      return;
    }
    if (inst.classIsMissing()) {
      // prediction still works for such instances
      instancesWithoutClass++;
      return;
    }
    if (model == null || inst.dataset() != checkedHeader) {
      prepareModel(inst);
    }
    trainingWeightSeenByModel += weight;
    learn(inst, weight);
  }

  @Override
  public void trainOnInstanceImpl(Instance inst) {
    if (inst.classIsMissing()) {
      instancesWithoutClass++;
      return;
    }
    prepareModel(inst);
    learn(inst, inst.weight());
  }

  private void learn(Instance inst, double weight) {
    InstanceEncoder e = encoder;
    if (predictionPending && sameValues(inst)) {
      // prequential step: the features and probabilities of getVotesForInstance are those of training
      predictionPending = false;
      if (predictedDense) {
        model.learnRow(e, predictedValues, (int) inst.classValue(), weight, predictedP);
      } else {
        e.commitTraining(predictedIndices, predictedValues, predictedNumValues);
        model.learn(e.ids(), e.values(), e.size(), (int) inst.classValue(), weight, predicted);
      }
      return;
    }
    predictionPending = false;
    int nnz = encode(inst, true);
    model.learn(e.ids(), e.values(), nnz, (int) inst.classValue(), weight);
  }

  @Override
  public double[] getVotesForInstance(Instance inst) {
    if (model == null || inst.dataset() != checkedHeader) {
      prepareModel(inst);
    }
    predictionPending = false;
    InstanceEncoder e = encoder;
    LogisticRegression m = model;
    int classes = m.numClasses();
    double[] votes = classes == 2 ? new double[2] : new double[classes]; // a constant size allocates faster
    int n = inst.numValues();
    double p = -1;
    double[] vals = predictedValues;
    if (vals != null && vals.length >= n) {
      // read through the reader, which holds the instance only during the call
      DenseRowReader r = rowReader();
      r.inst = inst;
      try {
        p = m.probabilityRow(e, r, n, vals);
      } finally {
        r.inst = null;
      }
    }
    if (p >= 0) {
      // a plain dense row, encoded and scored in one loop (its features stay in the encoder, in place)
      votes[0] = 1.0 - p;
      votes[1] = p;
      predictedP = p;
      predictedDense = true;
    } else {
      n = readValues(inst);
      e.encode(predictedIndices, predictedValues, n, false);
      m.probabilities(e.ids(), e.values(), e.size(), votes);
      // the learner keeps its own copy for the training step (the caller may change the votes)
      double[] kept = predicted;
      if (kept == null || kept.length != classes) {
        kept = new double[classes];
        predicted = kept;
      }
      for (int c = 0; c < classes; c++) {
        kept[c] = votes[c];
      }
      predictedDense = false;
    }
    predictedNumValues = n;
    predictionPending = true;
    return votes;
  }

  /**
   * Reads a MOA instance for {@link LogisticRegression#probabilityRow}: entry {@code a} must be attribute
   * {@code a} (always so for a dense instance, where the test costs nothing once compiled); a missing
   * value is NaN in MOA already.
   */
  private static final class DenseRowReader implements LogisticRegression.RowReader {
    Instance inst;

    @Override
    public double value(int a) {
      Instance x = inst;
      return x.index(a) == a ? x.valueSparse(a) : Double.NaN;
    }
  }

  /** The reader (created on first use: a learner copied or read from a file has none). */
  private DenseRowReader rowReader() {
    DenseRowReader r = rowReader;
    if (r == null) {
      r = new DenseRowReader();
      rowReader = r;
    }
    return r;
  }

  /** True if {@code inst} holds the indices and values recorded by the last prediction. */
  private boolean sameValues(Instance inst) {
    int n = predictedNumValues;
    if (inst.numValues() != n) {
      return false;
    }
    if (predictedDense) {
      // the row path recorded the feature values only (attribute a at entry a); the class is not a feature
      int f = encoder.size();
      double[] vals = predictedValues;
      for (int p = 0; p < f; p++) {
        if (inst.index(p) != p
            || Double.doubleToRawLongBits(inst.valueSparse(p)) != Double.doubleToRawLongBits(vals[p])) {
          return false;
        }
      }
      return true;
    }
    int[] indices = predictedIndices;
    double[] vals = predictedValues;
    for (int p = 0; p < n; p++) {
      if (inst.index(p) != indices[p]
          || Double.doubleToRawLongBits(inst.valueSparse(p)) != Double.doubleToRawLongBits(vals[p])) {
        return false;
      }
    }
    return true;
  }

  /**
   * Encodes {@code inst} for prediction exactly as {@link #getVotesForInstance} does (no scaling
   * statistics are updated) and returns the number of features; the feature ids and values are the first
   * entries of {@code getEncoder().ids()} and {@code getEncoder().values()}, valid until the next call on
   * this learner. Builds the model from the instance's header if none exists yet.
   *
   * @throws IllegalStateException if the header differs from the model's
   */
  public int encodeForPrediction(Instance inst) {
    prepareModel(inst);
    predictionPending = false;
    return encode(inst, false);
  }

  /** Encodes {@code inst} (its values go through the prediction buffers, whose record is then stale). */
  private int encode(Instance inst, boolean training) {
    int n = readValues(inst);
    return encoder.encode(predictedIndices, predictedValues, n, training);
  }

  /** Copies the stored indices and values of {@code inst} into the prediction buffers; returns their number. */
  private int readValues(Instance inst) {
    int n = inst.numValues();
    int[] indices = predictedIndices;
    double[] vals = predictedValues;
    if (indices == null || indices.length < n) {
      indices = new int[Math.max(n, 16)];
      vals = new double[indices.length];
      predictedIndices = indices;
      predictedValues = vals;
    }
    for (int p = 0; p < n; p++) {
      indices[p] = inst.index(p);
      vals[p] = inst.valueSparse(p);
    }
    return n;
  }

  /**
   * Builds the model on the first instance; afterwards checks that the header is unchanged. The hot
   * paths call it only when there is no model or the instance's header is not the one last checked.
   */
  private void prepareModel(Instance inst) {
    Instances header = inst.dataset();
    if (model != null) {
      if (header != checkedHeader) {
        checkHeader(inst, header);
      }
      return;
    }
    if (header == null) {
      header = getModelContext();
    }
    if (header == null) {
      throw new IllegalArgumentException(name() + ": the first instance has no header (dataset) and no "
          + "model context is set; the header is needed to know the attributes and classes");
    }
    if (template == null) {
      template = validatedTemplate();
    }
    int classIndex = header.classIndex();
    if (classIndex < 0) {
      throw new IllegalArgumentException(name() + ": the header has no class attribute");
    }
    int classes = header.attribute(classIndex).isNominal() ? header.numClasses() : 0;
    if (classes < 2) {
      throw new IllegalArgumentException(name() + ": the class attribute '"
          + header.attribute(classIndex).name() + "' must be nominal with at least 2 labels");
    }
    int[] arity = arity(header);
    InstanceEncoder enc = new InstanceEncoder(arity, classIndex, scaling);
    FeatureSpace space;
    if (template.featureSpace().kind() == FeatureSpace.Kind.HASHED) {
      space = template.featureSpace();
    } else if (sparseMap) {
      space = FeatureSpace.sparse(enc.dimension());
    } else {
      space = FeatureSpace.direct(enc.dimension());
    }
    LearnerConfig c;
    try {
      c = template.toBuilder().numClasses(classes).featureSpace(space).build();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name() + ": cannot build a model for this header: "
          + e.getMessage() + (space.kind() == FeatureSpace.Kind.DIRECT ? " (use -h hashing bits or -p)" : ""),
          e);
    }
    config = c;
    encoder = enc;
    model = new LogisticRegression(c);
    numAttributes = arity.length;
    checkedHeader = header;
  }

  private void checkHeader(Instance inst, Instances header) {
    if (header == null) {
      if (inst.numAttributes() != numAttributes) {
        throw new IllegalStateException(name() + ": header changed: number of attributes changed from "
            + numAttributes + " to " + inst.numAttributes() + "; call resetLearning() to start afresh");
      }
      return;
    }
    String difference = encoder.difference(arity(header), header.classIndex());
    if (difference != null) {
      throw new IllegalStateException(name() + ": header changed since the model was built: " + difference
          + "; the model is unchanged (call resetLearning() to start afresh)");
    }
    checkedHeader = header;
  }

  /**
   * Per attribute: {@link InstanceEncoder#NUMERIC}, the number of labels of a nominal attribute, or
   * {@link InstanceEncoder#IGNORED} (other types, and nominal attributes without labels).
   */
  static int[] arity(Instances header) {
    int n = header.numAttributes();
    int[] arity = new int[n];
    for (int a = 0; a < n; a++) {
      Attribute at = header.attribute(a);
      if (at.isNominal()) {
        arity[a] = at.numValues() > 0 ? at.numValues() : InstanceEncoder.IGNORED;
      } else if (at.isNumeric()) {
        arity[a] = InstanceEncoder.NUMERIC;
      } else {
        arity[a] = InstanceEncoder.IGNORED;
      }
    }
    return arity;
  }

  /**
   * Freezes the trained model into a predict-only, compressed model: coefficients randomized-rounded to
   * {@code q2.fractionBits} with rounding seed {@code seed} (see {@link CompressedLogisticRegression}).
   */
  public lessram.FrozenPredictor freeze(int fractionBits, long seed) {
    return CompressedLogisticRegression.freeze(this, fractionBits, seed);
  }

  /** The trained engine model, or null before the first instance (after a reset). */
  public LogisticRegression getEngineModel() {
    return model;
  }

  /** The feature mapping (with its scaling statistics), or null before the first instance. */
  public InstanceEncoder getEncoder() {
    return encoder;
  }

  /** The engine configuration in use, or null before the first instance. */
  public LearnerConfig getConfig() {
    return config;
  }

  /** Instances not trained on because their class value was missing. */
  public long instancesWithoutClass() {
    return instancesWithoutClass;
  }

  /** Exact heap bytes of the engine model plus the encoder (0 before the first instance). */
  public long modelBytes() {
    return model == null ? 0 : model.sizeInBytes() + encoder.sizeInBytes();
  }

  /**
   * MOA's measurement of this learner with the SizeOf agent (the whole object graph: model, encoder,
   * options, header) when the agent is loaded; without the agent (where MOA would report 0 or -1), the
   * exact accounting {@link #modelBytes()}.
   */
  @Override
  public long measureByteSize() {
    long measured = super.measureByteSize();
    return measured > 0 ? measured : modelBytes();
  }

  @Override
  protected Measurement[] getModelMeasurementsImpl() {
    LogisticRegression m = model;
    return new Measurement[] {
        new Measurement("coefficients (coordinates)", m == null ? 0 : m.numCoordinates()),
        new Measurement("stored coordinates", m == null ? 0 : m.storedCoordinates()),
        new Measurement("model bytes", modelBytes()),
        new Measurement("bits per coordinate", m == null ? 0 : m.bitsPerCoordinate()),
        new Measurement("bytes per stored coordinate", m == null ? 0 : m.bytesPerStoredCoordinate()),
        new Measurement("saturated counters", m == null ? 0 : m.saturatedCounters()),
        new Measurement("examples seen", m == null ? 0 : m.examplesSeen()),
        new Measurement("examples skipped (non-finite)", m == null ? 0 : m.examplesSkipped()),
        new Measurement("instances skipped (no class)", instancesWithoutClass),
        new Measurement("missing values", encoder == null ? 0 : encoder.missingValues()),
        new Measurement("unseen nominal values", encoder == null ? 0 : encoder.unseenNominalValues()),
    };
  }

  @Override
  public void getModelDescription(StringBuilder out, int indent) {
    LogisticRegression m = model;
    if (m == null) {
      StringUtils.appendIndented(out, indent, name() + ": no model yet (no instance seen since the last reset)");
      StringUtils.appendNewline(out);
      return;
    }
    StringUtils.appendIndented(out, indent, name() + ": " + config.describe());
    StringUtils.appendNewline(out);
    StringUtils.appendIndented(out, indent, "numeric scaling: " + encoder.scaling().label()
        + ", features: " + encoder.dimension());
    StringUtils.appendNewline(out);
    StringUtils.appendIndented(out, indent, "coordinates: " + m.numCoordinates() + " (stored "
        + m.storedCoordinates() + "), " + m.bitsPerCoordinate() + " bits per coordinate, model bytes "
        + modelBytes() + String.format(java.util.Locale.ROOT, " (%.3f per stored coordinate)",
            m.bytesPerStoredCoordinate()));
    StringUtils.appendNewline(out);
    StringUtils.appendIndented(out, indent, "examples seen " + m.examplesSeen() + ", skipped (non-finite) "
        + m.examplesSkipped() + ", skipped (no class) " + instancesWithoutClass + ", missing values "
        + encoder.missingValues() + ", unseen nominal values " + encoder.unseenNominalValues()
        + ", saturated counters " + m.saturatedCounters());
    StringUtils.appendNewline(out);
    appendLargestCoefficients(out, indent, m);
  }

  private void appendLargestCoefficients(StringBuilder out, int indent, LogisticRegression m) {
    int[] coordinate = new int[DESCRIBED_COEFFICIENTS];
    double[] value = new double[DESCRIBED_COEFFICIENTS];
    int[] count = new int[1];
    m.forEachNonZeroCoefficient((c, v) -> {
      int n = count[0];
      if (n < coordinate.length) {
        coordinate[n] = c;
        value[n] = v;
        count[0] = n + 1;
        siftUp(coordinate, value, n);
      } else if (Math.abs(v) > Math.abs(value[n - 1])) {
        coordinate[n - 1] = c;
        value[n - 1] = v;
        siftUp(coordinate, value, n - 1);
      }
    });
    int outputs = m.numOutputs();
    StringUtils.appendIndented(out, indent, "largest coefficients"
        + (config.featureSpace().kind() == FeatureSpace.Kind.HASHED ? " (hashed slots)" : " (feature ids)")
        + ":" + (count[0] == 0 ? " none (all zero)" : ""));
    StringUtils.appendNewline(out);
    for (int k = 0; k < count[0]; k++) {
      int slot = coordinate[k] / outputs;
      int output = coordinate[k] % outputs;
      String where = slot == m.biasSlot() ? "bias" : (config.featureSpace().kind() == FeatureSpace.Kind.HASHED
          ? "slot " : "feature ") + slot;
      String cls = outputs == 1 ? "" : " (class " + output + ")";
      StringUtils.appendIndented(out, indent + 2, where + cls + ": " + value[k]);
      StringUtils.appendNewline(out);
    }
  }

  /** Moves entry {@code i} up while it is larger in magnitude than its predecessor (insertion sort). */
  private static void siftUp(int[] coordinate, double[] value, int i) {
    while (i > 0 && Math.abs(value[i]) > Math.abs(value[i - 1])) {
      int c = coordinate[i];
      coordinate[i] = coordinate[i - 1];
      coordinate[i - 1] = c;
      double v = value[i];
      value[i] = value[i - 1];
      value[i - 1] = v;
      i--;
    }
  }
}
