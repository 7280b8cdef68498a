package moa.classifiers.lessram;

import com.github.javacliparser.FlagOption;
import com.github.javacliparser.FloatOption;
import com.github.javacliparser.IntOption;
import com.github.javacliparser.MultiChoiceOption;
import com.yahoo.labs.samoa.instances.Instance;
import com.yahoo.labs.samoa.instances.Instances;
import lessram.CompressedPredictor;
import lessram.InstanceEncoder;
import lessram.LearnerConfig;
import lessram.LearnerOption;
import lessram.LearningRateSchedule;
import lessram.LogisticRegression;
import lessram.OnlineClassifier;
import lessram.Settings;
import lessram.compressed.PositionLayout;
import moa.capabilities.Capability;
import moa.capabilities.ImmutableCapabilities;
import moa.classifiers.AbstractClassifier;
import moa.classifiers.MultiClassClassifier;
import moa.core.Measurement;
import moa.core.StringUtils;

/**
 * The MOA adapter of the LessRAM learners (Golovin, Sculley, McMahan, Young, "Large-Scale Learning with
 * Less RAM via Randomization", ICML 2013): MOA options made from the engine's catalogue
 * ({@link LearnerOption}), read once per reset into {@link Settings}, and a view of MOA's instances and
 * headers. The learning itself (header checks, skip rules and counters, predict-then-train reuse,
 * statistics, description, compressing) is the engine's {@link OnlineClassifier}, created on the first
 * instance, when the header is known; the Weka learners drive the same session, so equal data, options
 * and seed give bit-identical models in both hosts.
 *
 * <p>On unusual input (also in the README): missing values and nominal values outside the header are
 * absent features and counted; an instance without class value is not trained on and is counted; one with
 * a non-finite value or an infinite weight is skipped and counted (and does not count as MOA's training
 * weight); a header that differs from the model's makes training and prediction throw an
 * {@link IllegalStateException} naming the difference, with the model untouched ({@link #resetLearning()}
 * starts afresh); invalid options throw an {@link IllegalArgumentException} naming the option, at reset or
 * at the latest on the first instance. Before any training the votes are uniform. Not thread-safe.
 */
public abstract class AbstractLessRamClassifier extends AbstractClassifier implements MultiClassClassifier {
  private static final long serialVersionUID = 1L;

  /** Number of largest coefficients listed by {@link #getModelDescription}. */
  private static final int DESCRIBED_COEFFICIENTS = 10;

  public IntOption integerBitsOption = MoaOptions.integer(LearnerOption.INTEGER_BITS);
  public IntOption fractionBitsOption = MoaOptions.integer(LearnerOption.FRACTION_BITS);
  public MultiChoiceOption coefficientStorageOption = MoaOptions.choice(LearnerOption.STORAGE);
  /** The learning-rate scale; its default depends on the learner's schedule. */
  public FloatOption alphaOption = MoaOptions.real(LearnerOption.ALPHA, schedule());
  /** Adaptive storage: grid-to-rate ratio and bits per coordinate. */
  public FloatOption gammaOption = MoaOptions.real(LearnerOption.GAMMA, schedule());
  public IntOption coordinateBitsOption = MoaOptions.integer(LearnerOption.COORDINATE_BITS);
  public IntOption hashingBitsOption = MoaOptions.integer(LearnerOption.HASHING_BITS);
  public FlagOption sparseMapOption = MoaOptions.flag(LearnerOption.SPARSE_MAP);
  public MultiChoiceOption featureInclusionOption = MoaOptions.choice(LearnerOption.FEATURE_INCLUSION);
  public FloatOption inclusionProbabilityOption = MoaOptions.real(LearnerOption.INCLUSION_PROBABILITY, schedule());
  public IntOption inclusionCountOption = MoaOptions.integer(LearnerOption.INCLUSION_COUNT);
  public IntOption inclusionFilterBitsOption = MoaOptions.integer(LearnerOption.INCLUSION_FILTER_BITS);
  public MultiChoiceOption scalingOption = MoaOptions.choice(LearnerOption.SCALING);
  /** MOA's own seed option is protected and not listed, so the learners declare this public one. */
  public IntOption seedOption = MoaOptions.integer(LearnerOption.SEED);

  /** The options as validated at the last reset. */
  private Settings settings;
  /** The session, created on the first instance after a reset. */
  private OnlineClassifier session;
  /** The header object last checked against the session's (identity cache; re-checked after load). */
  private transient Instances checkedHeader;
  private transient MoaInstanceView view;

  /** The learning-rate schedule of this learner (fixed per class). */
  protected abstract LearningRateSchedule schedule();

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
    session = null;
    checkedHeader = null;
    settings = null;
    settings = MoaOptions.settings(name(), schedule(), getOptions().getOptionArray());
  }

  /** The learner's simple class name, for messages. */
  protected final String name() {
    return getClass().getSimpleName();
  }

  /**
   * MOA's weight bookkeeping and training in one: the session decides what is trained, and only the weight
   * of a trained instance counts as MOA's training weight.
   */
  @Override
  public void trainOnInstance(Instance inst) {
    if (train(inst) == OnlineClassifier.Outcome.TRAINED) {
      trainingWeightSeenByModel += inst.weight();
    }
  }

  @Override
  public void trainOnInstanceImpl(Instance inst) {
    train(inst);
  }

  private OnlineClassifier.Outcome train(Instance inst) {
    if (!(inst.weight() > 0)) {
      return OnlineClassifier.Outcome.NO_WEIGHT;
    }
    return view().train(session(inst), inst);
  }

  @Override
  public double[] getVotesForInstance(Instance inst) {
    return view().predict(session(inst), inst);
  }

  /**
   * Encodes {@code inst} for prediction as {@link #getVotesForInstance} does and returns the number of
   * features (see {@link OnlineClassifier#encode}); builds the session from the instance's header if none
   * exists yet.
   *
   * @throws IllegalStateException if the header differs from the model's
   */
  public int encodeForPrediction(Instance inst) {
    return view().encode(session(inst), inst);
  }

  private MoaInstanceView view() {
    MoaInstanceView v = view;
    if (v == null) {
      v = new MoaInstanceView();
      view = v;
    }
    return v;
  }

  /**
   * The session, created from the instance's header on the first instance; afterwards the header is
   * checked (only when the instance's header object is not the one last checked).
   */
  private OnlineClassifier session(Instance inst) {
    OnlineClassifier s = session;
    Instances header = inst.dataset();
    if (s != null && header == checkedHeader && header != null) {
      return s;
    }
    if (s != null) {
      if (header == null) {
        if (inst.numAttributes() != s.numAttributes()) {
          throw new IllegalStateException(name() + ": header changed: number of attributes changed from "
              + s.numAttributes() + " to " + inst.numAttributes() + "; call resetLearning() to start afresh");
        }
        return s;
      }
      String difference = s.headerDifference(new MoaHeaderView(header));
      if (difference != null) {
        throw new IllegalStateException(name() + ": header changed since the model was built: " + difference
            + "; the model is unchanged (call resetLearning() to start afresh)");
      }
      checkedHeader = header;
      return s;
    }
    if (header == null) {
      header = getModelContext();
    }
    if (header == null) {
      throw new IllegalArgumentException(name() + ": the first instance has no header (dataset) and no "
          + "model context is set; the header is needed to know the attributes and classes");
    }
    if (settings == null) {
      settings = MoaOptions.settings(name(), schedule(), getOptions().getOptionArray());
    }
    try {
      s = new OnlineClassifier(settings, new MoaHeaderView(header));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name() + ": " + e.getMessage(), e);
    }
    session = s;
    checkedHeader = header;
    return s;
  }

  /**
   * Compresses the trained model into a predict-only, compressed model: coefficients randomized-rounded to
   * {@code q2.fractionBits} with rounding seed {@code seed}, in the default (ranked) layout.
   *
   * @throws IllegalStateException if the learner has not been trained
   */
  public CompressedPredictor compress(int fractionBits, long seed) {
    return compress(fractionBits, seed, PositionLayout.RANKED);
  }

  /** {@link #compress(int, long)} with a chosen layout of the compressed code. */
  public CompressedPredictor compress(int fractionBits, long seed, PositionLayout layout) {
    if (session == null) {
      throw new IllegalStateException(name() + " has no trained model to compress (it has seen no instance)");
    }
    return session.compress(fractionBits, seed, layout, getCLICreationString(moa.classifiers.Classifier.class));
  }

  /**
   * Continues from a session trained elsewhere (the Spark module's models export this way): the options take
   * the session's settings, the session becomes this learner's model, and the first instance's header is
   * checked against the session's. MOA counts the session's examples as the training weight seen, so that
   * preparing the learner for use keeps the model.
   *
   * @throws IllegalArgumentException if the session's learning-rate schedule is not this learner's
   */
  public void adoptSession(OnlineClassifier trained) {
    if (trained.settings().schedule() != schedule()) {
      throw new IllegalArgumentException(name() + " learns with the " + schedule().label() + " schedule, the session "
          + "with the " + trained.settings().schedule().label() + " one");
    }
    MoaOptions.write(trained.settings(), getOptions().getOptionArray());
    settings = trained.settings();
    session = trained;
    checkedHeader = null;
    trainingWeightSeenByModel = trained.model().examplesSeen();
  }

  /** The learning session, or null before the first instance (after a reset). */
  public OnlineClassifier getSession() {
    return session;
  }

  /** The trained engine model, or null before the first instance (after a reset). */
  public LogisticRegression getEngineModel() {
    return session == null ? null : session.model();
  }

  /** The feature mapping (with its scaling statistics), or null before the first instance. */
  public InstanceEncoder getEncoder() {
    return session == null ? null : session.encoder();
  }

  /** The engine configuration in use, or null before the first instance. */
  public LearnerConfig getConfig() {
    return session == null ? null : session.config();
  }

  /** Instances not trained on because their class value was missing. */
  public long instancesWithoutClass() {
    return session == null ? 0 : session.instancesWithoutClass();
  }

  /** Exact heap bytes of the engine model plus the encoder (0 before the first instance). */
  public long modelBytes() {
    return session == null ? 0 : session.sizeInBytes();
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
    Settings current = session != null ? session.settings() : settings;
    java.util.List<Measurement> result = new java.util.ArrayList<>();
    for (OnlineClassifier.Statistic s : OnlineClassifier.Statistic.values()) {
      if (s.appliesTo(current)) {
        result.add(new Measurement(s.label(), s.of(session)));
      }
    }
    return result.toArray(new Measurement[0]);
  }

  @Override
  public void getModelDescription(StringBuilder out, int indent) {
    OnlineClassifier s = session;
    Instances header = checkedHeader != null ? checkedHeader : getModelContext();
    String text = s == null ? name() + ": no model yet (no instance seen since the last reset)"
        : name() + "\n" + s.describe(header == null ? null : new MoaHeaderView(header), DESCRIBED_COEFFICIENTS);
    for (String line : text.split("\n")) {
      StringUtils.appendIndented(out, indent, line);
      StringUtils.appendNewline(out);
    }
  }
}
