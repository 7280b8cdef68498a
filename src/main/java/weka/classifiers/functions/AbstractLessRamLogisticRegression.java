/*
 *   This program is free software: you can redistribute it and/or modify
 *   it under the terms of the GNU General Public License as published by
 *   the Free Software Foundation, either version 3 of the License, or
 *   (at your option) any later version.
 *
 *   This program is distributed in the hope that it will be useful,
 *   but WITHOUT ANY WARRANTY; without even the implied warranty of
 *   MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 *   GNU General Public License for more details.
 *
 *   You should have received a copy of the GNU General Public License
 *   along with this program.  If not, see <http://www.gnu.org/licenses/>.
 */

package weka.classifiers.functions;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Vector;
import java.util.function.Function;

import lessram.CounterType;
import lessram.FeatureSpace;
import lessram.InstanceEncoder;
import lessram.LearnerConfig;
import lessram.LogisticRegression;
import lessram.RoundingMode;
import lessram.ScalingMode;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.UpdateableClassifier;
import weka.core.Attribute;
import weka.core.Capabilities;
import weka.core.Capabilities.Capability;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Option;
import weka.core.OptionHandler;
import weka.core.Randomizable;
import weka.core.SelectedTag;
import weka.core.Tag;
import weka.core.TechnicalInformation;
import weka.core.TechnicalInformation.Field;
import weka.core.TechnicalInformation.Type;
import weka.core.TechnicalInformationHandler;
import weka.core.Utils;
import weka.core.WeightedInstancesHandler;

/**
 * Shared Weka adapter of the LessRAM learners: converts Weka instances with the engine's
 * {@link InstanceEncoder} (the same conversion as the MOA learners, so equal data and seed give equal
 * models) and maps the options to one immutable {@link LearnerConfig} built in
 * {@link #buildClassifier(Instances)}. Training is a single online pass over the instances in their
 * order; {@link #buildClassifier(Instances)} on a header followed by
 * {@link #updateClassifier(Instance)} for every instance gives the same model as batch training.
 *
 * <p>Method: D. Golovin, D. Sculley, H. B. McMahan, M. Young, "Large-Scale Learning with Less RAM via
 * Randomization", ICML 2013.
 */
public abstract class AbstractLessRamLogisticRegression extends AbstractClassifier
    implements UpdateableClassifier, OptionHandler, Randomizable, TechnicalInformationHandler,
    WeightedInstancesHandler {

  private static final long serialVersionUID = 4417460279015617633L;

  /** Default integer bits {@code n} of the {@code qn.m} coefficient format. */
  public static final int DEFAULT_INTEGER_BITS = 2;

  /** Default fraction bits {@code m} of the {@code qn.m} coefficient format. */
  public static final int DEFAULT_FRACTION_BITS = 13;

  /** Default seed. */
  public static final int DEFAULT_SEED = 1;

  /** Most coefficients {@link #toString()} lists. */
  static final int COEFFICIENTS_SHOWN = 15;

  /** Rounding modes for the GUI (tag id = enum ordinal). */
  public static final Tag[] TAGS_ROUNDING = tags(RoundingMode.values());

  /** Scaling modes for the GUI (tag id = enum ordinal). */
  public static final Tag[] TAGS_SCALING = tags(ScalingMode.values());

  private int m_IntegerBits = DEFAULT_INTEGER_BITS;
  private int m_FractionBits = DEFAULT_FRACTION_BITS;
  private RoundingMode m_Rounding = RoundingMode.RANDOMIZED;
  private double m_Alpha = defaultAlpha();
  private int m_HashBits = 0;
  private boolean m_SparseMap = false;
  private ScalingMode m_Scaling = ScalingMode.AUTO;
  private int m_Seed = DEFAULT_SEED;

  /** The trained state; null before {@link #buildClassifier(Instances)}. */
  private Instances m_Header;
  private InstanceEncoder m_Encoder;
  private LogisticRegression m_Model;
  private long m_MissingClassSkipped;

  // ----------------------------------------------------------------------------------------------
  // what the subclasses decide

  /** The learning-rate scale used when {@code -A} is not given. */
  protected abstract double defaultAlpha();

  /** Short name for {@link #toString()}. */
  protected abstract String modelTitle();

  /** Adds the subclass's settings (schedule, counters) to a builder. */
  protected abstract void configureSchedule(LearnerConfig.Builder builder);

  // ----------------------------------------------------------------------------------------------
  // Weka meta data

  @Override
  public TechnicalInformation getTechnicalInformation() {
    TechnicalInformation result = new TechnicalInformation(Type.INPROCEEDINGS);
    result.setValue(Field.AUTHOR, "Daniel Golovin and D. Sculley and H. Brendan McMahan and Michael Young");
    result.setValue(Field.TITLE, "Large-Scale Learning with Less RAM via Randomization");
    result.setValue(Field.BOOKTITLE, "Proceedings of the 30th International Conference on Machine Learning (ICML)");
    result.setValue(Field.YEAR, "2013");
    result.setValue(Field.URL, "https://arxiv.org/abs/1303.4664");
    return result;
  }

  @Override
  public Capabilities getCapabilities() {
    Capabilities result = super.getCapabilities();
    result.disableAll();
    result.enable(Capability.NOMINAL_ATTRIBUTES);
    result.enable(Capability.NUMERIC_ATTRIBUTES);
    result.enable(Capability.MISSING_VALUES);
    result.enable(Capability.NOMINAL_CLASS);
    result.enable(Capability.BINARY_CLASS);
    result.enable(Capability.MISSING_CLASS_VALUES);
    // An updateable classifier starts from the bare header (Weka's incremental evaluation and the
    // KnowledgeFlow do exactly that), so zero training instances must be accepted.
    result.setMinimumNumberInstances(0);
    return result;
  }

  // ----------------------------------------------------------------------------------------------
  // options

  @Override
  public Enumeration<Option> listOptions() {
    Vector<Option> result = new Vector<>();
    result.add(new Option("\tInteger bits n of the fixed-point coefficient format qn.m.\n\t(default "
        + DEFAULT_INTEGER_BITS + ")", "I", 1, "-I <bits>"));
    result.add(new Option("\tFraction bits m of the fixed-point coefficient format qn.m:\n"
        + "\tresolution 2^-m; n + m <= 31.\n\t(default " + DEFAULT_FRACTION_BITS + ")", "F", 1, "-F <bits>"));
    result.add(new Option("\tCoefficient storage: randomized (unbiased randomized rounding to qn.m),\n"
        + "\tnearest (round to nearest, the biased ablation), float32 or float64\n"
        + "\t(the fixed-point bits are then ignored).\n\t(default randomized)", "M", 1,
        "-M <randomized|nearest|float32|float64>"));
    result.add(new Option("\tLearning-rate scale alpha (> 0).\n\t(default " + defaultAlpha() + ")", "A", 1,
        "-A <alpha>"));
    result.addAll(scheduleOptions());
    result.add(new Option("\tHashing bits: > 0 hashes the features into 2^bits coefficient slots\n"
        + "\t(fixed memory, collisions share a coefficient); 0 = one slot per feature.\n\t(default 0)",
        "H", 1, "-H <bits>"));
    result.add(new Option("\tStore only the coefficients that were updated, in a collision-free\n"
        + "\tprimitive hash map (memory grows with the features seen; not with -H).", "P", 0, "-P"));
    result.add(new Option("\tNumeric attribute scaling: auto (standardize up to "
        + InstanceEncoder.AUTO_STANDARDIZE_LIMIT + " numeric attributes,\n"
        + "\telse none), none, maxabs or standardize.\n\t(default auto)", "Z", 1,
        "-Z <auto|none|maxabs|standardize>"));
    result.add(new Option("\tRandom number seed (randomized rounding"
        + (hasCounters() ? ", Morris counters" : "") + ").\n\t(default " + DEFAULT_SEED + ")", "S", 1,
        "-S <num>"));
    result.addAll(Collections.list(super.listOptions()));
    return result.elements();
  }

  /** Options of the subclass (listed between {@code -A} and {@code -H}). */
  protected List<Option> scheduleOptions() {
    return Collections.emptyList();
  }

  /** True if the subclass keeps per-coordinate counters. */
  protected boolean hasCounters() {
    return false;
  }

  @Override
  public void setOptions(String[] options) throws Exception {
    String s = Utils.getOption('I', options);
    int integerBits = s.isEmpty() ? DEFAULT_INTEGER_BITS : parseInt('I', s);
    s = Utils.getOption('F', options);
    int fractionBits = s.isEmpty() ? DEFAULT_FRACTION_BITS : parseInt('F', s);
    s = Utils.getOption('M', options);
    RoundingMode rounding = s.isEmpty() ? RoundingMode.RANDOMIZED : parseChoice('M', s, RoundingMode::parse);
    s = Utils.getOption('A', options);
    double alpha = s.isEmpty() ? defaultAlpha() : parseDouble('A', s);
    s = Utils.getOption('H', options);
    int hashBits = s.isEmpty() ? 0 : parseInt('H', s);
    boolean sparseMap = Utils.getFlag('P', options);
    s = Utils.getOption('Z', options);
    ScalingMode scaling = s.isEmpty() ? ScalingMode.AUTO : parseChoice('Z', s, ScalingMode::parse);
    s = Utils.getOption('S', options);
    int seed = s.isEmpty() ? DEFAULT_SEED : parseInt('S', s);
    setScheduleOptions(options);

    m_IntegerBits = integerBits;
    m_FractionBits = fractionBits;
    m_Rounding = rounding;
    m_Alpha = alpha;
    m_HashBits = hashBits;
    m_SparseMap = sparseMap;
    m_Scaling = scaling;
    m_Seed = seed;

    super.setOptions(options);
    Utils.checkForRemainingOptions(options);
    checkOptions();
  }

  /** Parses (and removes) the subclass's options; missing options reset to their defaults. */
  protected void setScheduleOptions(String[] options) throws Exception {
  }

  @Override
  public String[] getOptions() {
    List<String> result = new ArrayList<>();
    result.add("-I");
    result.add("" + m_IntegerBits);
    result.add("-F");
    result.add("" + m_FractionBits);
    result.add("-M");
    result.add(m_Rounding.label());
    result.add("-A");
    result.add("" + m_Alpha);
    addScheduleOptions(result);
    result.add("-H");
    result.add("" + m_HashBits);
    if (m_SparseMap) {
      result.add("-P");
    }
    result.add("-Z");
    result.add(m_Scaling.label());
    result.add("-S");
    result.add("" + m_Seed);
    Collections.addAll(result, super.getOptions());
    return result.toArray(new String[0]);
  }

  /** Adds the subclass's options in {@link #getOptions()} form. */
  protected void addScheduleOptions(List<String> options) {
  }

  /**
   * Checks the current option values together, as {@link #buildClassifier(Instances)} will use them.
   *
   * @throws Exception with a message naming the offending option
   */
  public void checkOptions() throws Exception {
    if (m_HashBits < 0 || m_HashBits > FeatureSpace.MAX_HASH_BITS) {
      throw new Exception("Hashing bits (-H) must be 0 (no hashing) or 1.." + FeatureSpace.MAX_HASH_BITS
          + ", got " + m_HashBits + ".");
    }
    if (m_HashBits > 0 && m_SparseMap) {
      throw new Exception("Hashing (-H " + m_HashBits + ") and the sparse coefficient map (-P) exclude each "
          + "other: hashing already bounds the memory; use one of them.");
    }
    try {
      config(2, FeatureSpace.direct(1));
    } catch (IllegalArgumentException e) {
      throw new Exception("Invalid options for " + getClass().getSimpleName() + ": " + e.getMessage() + ".", e);
    }
  }

  static int parseInt(char option, String value) throws Exception {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new Exception("Option -" + option + " expects an integer, got '" + value + "'.");
    }
  }

  static double parseDouble(char option, String value) throws Exception {
    try {
      return Double.parseDouble(value.trim());
    } catch (NumberFormatException e) {
      throw new Exception("Option -" + option + " expects a number, got '" + value + "'.");
    }
  }

  /** Parses an option value with one of the engine's {@code parse} methods, naming the option on error. */
  static <T> T parseChoice(char option, String value, Function<String, T> parser) throws Exception {
    try {
      return parser.apply(value);
    } catch (IllegalArgumentException e) {
      throw new Exception("Option -" + option + ": " + e.getMessage() + ".");
    }
  }

  /** Tags (id = ordinal, read = lower-case label) for an enum with a {@code label()}. */
  static Tag[] tags(Enum<?>[] values) {
    Tag[] result = new Tag[values.length];
    for (int i = 0; i < values.length; i++) {
      result[i] = new Tag(values[i].ordinal(), label(values[i]));
    }
    return result;
  }

  static String label(Enum<?> value) {
    if (value instanceof RoundingMode) {
      return ((RoundingMode) value).label();
    }
    if (value instanceof ScalingMode) {
      return ((ScalingMode) value).label();
    }
    if (value instanceof CounterType) {
      return ((CounterType) value).label();
    }
    return value.name().toLowerCase(Locale.ROOT);
  }

  // ----------------------------------------------------------------------------------------------
  // bean properties (GUI)

  public String integerBitsTipText() {
    return "Integer bits n of the fixed-point coefficient format qn.m (range [-2^n, 2^n)).";
  }

  public int getIntegerBits() {
    return m_IntegerBits;
  }

  public void setIntegerBits(int value) {
    m_IntegerBits = value;
  }

  public String fractionBitsTipText() {
    return "Fraction bits m of the fixed-point coefficient format qn.m (resolution 2^-m); "
        + "a coefficient takes n + m + 1 bits.";
  }

  public int getFractionBits() {
    return m_FractionBits;
  }

  public void setFractionBits(int value) {
    m_FractionBits = value;
  }

  public String roundingModeTipText() {
    return "How coefficients are stored after each update: randomized (unbiased randomized rounding to "
        + "qn.m, the paper's method), nearest (deterministic rounding, biased), float32 or float64.";
  }

  public SelectedTag getRoundingMode() {
    return new SelectedTag(m_Rounding.ordinal(), TAGS_ROUNDING);
  }

  public void setRoundingMode(SelectedTag value) {
    if (value.getTags() == TAGS_ROUNDING) {
      m_Rounding = RoundingMode.values()[value.getSelectedTag().getID()];
    }
  }

  public String alphaTipText() {
    return "Learning-rate scale alpha (> 0) of the learning-rate schedule.";
  }

  public double getAlpha() {
    return m_Alpha;
  }

  public void setAlpha(double value) {
    m_Alpha = value;
  }

  public String hashBitsTipText() {
    return "Hashing bits: > 0 hashes features into 2^bits coefficient slots (memory fixed in advance, "
        + "collisions share a coefficient); 0 gives every feature its own slot.";
  }

  public int getHashBits() {
    return m_HashBits;
  }

  public void setHashBits(int value) {
    m_HashBits = value;
  }

  public String sparseMapTipText() {
    return "Store only the coefficients that were updated, in a collision-free primitive hash map "
        + "(for very wide sparse data; cannot be combined with hashing).";
  }

  public boolean getSparseMap() {
    return m_SparseMap;
  }

  public void setSparseMap(boolean value) {
    m_SparseMap = value;
  }

  public String scalingTipText() {
    return "Scaling of numeric attributes, from the training values seen so far: auto "
        + "(standardize when there are at most " + InstanceEncoder.AUTO_STANDARDIZE_LIMIT + " numeric attributes, else none), "
        + "none, maxabs (x / max|x|) or standardize ((x - mean) / sd, clipped; exact with the value itself for the first "
        + InstanceEncoder.EXACT_STANDARDIZATION_INSTANCES + " training instances, then with a cached mean and sd "
        + "refreshed as the count grows by 1/" + InstanceEncoder.REFRESH_GROWTH_DIVISOR + ").";
  }

  public SelectedTag getScaling() {
    return new SelectedTag(m_Scaling.ordinal(), TAGS_SCALING);
  }

  public void setScaling(SelectedTag value) {
    if (value.getTags() == TAGS_SCALING) {
      m_Scaling = ScalingMode.values()[value.getSelectedTag().getID()];
    }
  }

  public String seedTipText() {
    return "Seed of the learner's random generator: the same seed and data give the same model.";
  }

  @Override
  public int getSeed() {
    return m_Seed;
  }

  @Override
  public void setSeed(int value) {
    m_Seed = value;
  }

  // ----------------------------------------------------------------------------------------------
  // configuration

  /** The engine configuration for a problem with {@code numClasses} classes over {@code space}. */
  LearnerConfig config(int numClasses, FeatureSpace space) {
    LearnerConfig.Builder b = LearnerConfig.builder()
        .numClasses(numClasses)
        .featureSpace(space)
        .fixedPoint(m_IntegerBits, m_FractionBits)
        .rounding(m_Rounding)
        .alpha(m_Alpha)
        .seed(m_Seed);
    configureSchedule(b);
    return b.build();
  }

  /**
   * The encoder's description of a Weka attribute: {@link InstanceEncoder#NUMERIC}, the number of labels
   * of a nominal attribute, or {@link InstanceEncoder#IGNORED} (string, date, relational, and nominal
   * attributes without labels).
   */
  static int arity(Attribute attribute) {
    switch (attribute.type()) {
      case Attribute.NUMERIC:
        return InstanceEncoder.NUMERIC;
      case Attribute.NOMINAL:
        return attribute.numValues() > 0 ? attribute.numValues() : InstanceEncoder.IGNORED;
      default:
        return InstanceEncoder.IGNORED;
    }
  }

  static int[] arities(Instances header) {
    int[] result = new int[header.numAttributes()];
    for (int a = 0; a < result.length; a++) {
      result[a] = arity(header.attribute(a));
    }
    return result;
  }

  /** The feature space the options select for {@code dimension} encoded features. */
  FeatureSpace featureSpace(int dimension) {
    if (m_HashBits > 0) {
      return FeatureSpace.hashed(m_HashBits);
    }
    return m_SparseMap ? FeatureSpace.sparse(dimension) : FeatureSpace.direct(dimension);
  }

  // ----------------------------------------------------------------------------------------------
  // training and prediction

  /**
   * Starts a fresh model for the header of {@code data} and trains on its instances in order (one online
   * pass; instances with a missing class or a weight that is not positive are skipped).
   */
  @Override
  public void buildClassifier(Instances data) throws Exception {
    if (!getDoNotCheckCapabilities()) {
      getCapabilities().testWithFail(data);
    }
    checkOptions();
    Instances header = new Instances(data, 0);
    int[] arity = arities(header);
    InstanceEncoder encoder = new InstanceEncoder(arity, header.classIndex(), m_Scaling);
    LogisticRegression model = null;
    if (header.numClasses() >= 2) {
      try {
        model = new LogisticRegression(config(header.numClasses(), featureSpace(encoder.dimension())));
      } catch (IllegalArgumentException e) {
        throw new Exception("Cannot build " + getClass().getSimpleName() + ": " + e.getMessage() + ".", e);
      }
    }
    m_Header = header;
    m_Encoder = encoder;
    m_Model = model;
    m_MissingClassSkipped = 0;
    for (int i = 0; i < data.numInstances(); i++) {
      train(data.instance(i));
    }
  }

  @Override
  public synchronized void updateClassifier(Instance instance) throws Exception {
    if (m_Header == null) {
      throw new Exception(getClass().getSimpleName() + ": call buildClassifier (with at least the header) "
          + "before updateClassifier.");
    }
    train(instance);
  }

  private void train(Instance instance) {
    if (!(instance.weight() > 0)) {
      return; // weight 0 (or NaN, negative) carries no information; MOA's learners skip it the same way
    }
    if (instance.classIsMissing()) {
      m_MissingClassSkipped++;
      return;
    }
    encode(instance, true);
    if (m_Model != null) {
      m_Model.learn(m_Encoder.ids(), m_Encoder.values(), m_Encoder.size(), (int) instance.classValue(),
          instance.weight());
    }
  }

  /** Feeds the present values of {@code instance} to the encoder in storage order: O(non-zeros). */
  private void encode(Instance instance, boolean training) {
    InstanceEncoder encoder = m_Encoder;
    encoder.begin(training);
    int n = instance.numValues();
    for (int p = 0; p < n; p++) {
      encoder.add(instance.index(p), instance.valueSparse(p), training);
    }
  }

  @Override
  public synchronized double[] distributionForInstance(Instance instance) throws Exception {
    if (m_Header == null) {
      throw new Exception(getClass().getSimpleName() + ": no model built yet.");
    }
    if (m_Model == null) {
      double[] result = new double[Math.max(m_Header.numClasses(), 1)];
      java.util.Arrays.fill(result, 1.0 / result.length);
      return result;
    }
    encode(instance, false);
    return m_Model.probabilities(m_Encoder.ids(), m_Encoder.values(), m_Encoder.size());
  }

  // ----------------------------------------------------------------------------------------------
  // inspection

  /** The engine model (null before training or for a one-label class); for tests and tools. */
  public LogisticRegression getModel() {
    return m_Model;
  }

  /** The feature mapping of the trained model (null before training); for tests and tools. */
  public InstanceEncoder getEncoder() {
    return m_Encoder;
  }

  /** The training header without instances (null before training). */
  public Instances getHeader() {
    return m_Header;
  }

  /**
   * Freezes the trained model into a predict-only, compressed model: coefficients randomized-rounded to
   * {@code q2.fractionBits} with rounding seed {@code seed} (see {@link CompressedLogisticRegression}).
   *
   * @throws IllegalStateException if there is no trained model
   */
  public lessram.FrozenPredictor freeze(int fractionBits, long seed) {
    return CompressedLogisticRegression.freeze(this, fractionBits, seed);
  }

  /** Training instances skipped because their class was missing. */
  public long getMissingClassSkipped() {
    return m_MissingClassSkipped;
  }

  /** Human-readable name of feature id {@code id} (as laid out by {@link InstanceEncoder}). */
  static String[] featureNames(Instances header) {
    List<String> names = new ArrayList<>();
    for (int a = 0; a < header.numAttributes(); a++) {
      if (a == header.classIndex()) {
        continue;
      }
      Attribute att = header.attribute(a);
      int arity = arity(att);
      if (arity == InstanceEncoder.NUMERIC) {
        names.add(att.name());
      } else if (arity > 0) {
        for (int v = 0; v < arity; v++) {
          names.add(att.name() + "=" + att.value(v));
        }
      }
    }
    return names.toArray(new String[0]);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    String title = modelTitle();
    sb.append(title).append('\n');
    sb.append(title.replaceAll(".", "=")).append("\n\n");
    if (m_Header == null) {
      sb.append("No model built yet.\n");
      return sb.toString();
    }
    if (m_Model == null) {
      sb.append("The class has fewer than two labels: every prediction is that label.\n");
      return sb.toString();
    }
    LogisticRegression model = m_Model;
    LearnerConfig config = model.config();
    sb.append("Configuration: ").append(config.describe()).append('\n');
    sb.append("Numeric scaling: ").append(m_Encoder.scaling().label()).append('\n');
    sb.append("Features: ").append(m_Encoder.dimension()).append(" (numeric attributes, one-hot nominal labels)")
        .append('\n');
    sb.append("Training instances used: ").append(model.examplesSeen());
    sb.append("; skipped: ").append(m_MissingClassSkipped).append(" missing class, ")
        .append(model.examplesSkipped()).append(" non-finite value or weight\n");
    sb.append("Missing attribute values seen: ").append(m_Encoder.missingValues())
        .append(" (treated as absent features)\n");
    long[] nonZero = new long[1];
    model.forEachNonZeroCoefficient((c, v) -> nonZero[0]++);
    sb.append("Coordinates: ").append(model.numCoordinates()).append(" addressed, ")
        .append(model.storedCoordinates()).append(" stored, ").append(nonZero[0]).append(" non-zero\n");
    sb.append("Bits per coordinate: ").append(config.bitsPerCoordinate()).append(" (coefficient ")
        .append(config.weightBits()).append(", counter ").append(config.counterFieldBits()).append(")\n");
    sb.append("Model memory: ").append(model.sizeInBytes()).append(" bytes (")
        .append(Utils.doubleToString(model.bytesPerStoredCoordinate(), 2))
        .append(" bytes per stored coordinate); encoder ").append(m_Encoder.sizeInBytes()).append(" bytes\n");
    if (config.counterFieldBits() > 0) {
      sb.append("Saturated counters: ").append(model.saturatedCounters()).append('\n');
    }
    appendCoefficients(sb, model);
    return sb.toString();
  }

  private void appendCoefficients(StringBuilder sb, LogisticRegression model) {
    String[] names = featureNames(m_Header);
    FeatureSpace space = model.config().featureSpace();
    int outputs = model.numOutputs();
    Attribute cls = m_Header.classAttribute();
    sb.append('\n');
    if (outputs == 1) {
      sb.append("Coefficients of the log-odds of class '").append(cls.value(1)).append("'");
    } else {
      sb.append("Coefficients of the class scores");
    }
    sb.append(space.kind() == FeatureSpace.Kind.HASHED ? " (hashed: colliding features share a value)" : "")
        .append(", largest |value| first:\n");
    int shown = Math.min(COEFFICIENTS_SHOWN, names.length * outputs);
    // a small top-k selection, O(features * outputs * k)
    double[] bestValue = new double[shown];
    int[] bestFeature = new int[shown];
    int[] bestOutput = new int[shown];
    int filled = 0;
    for (int f = 0; f < names.length; f++) {
      int slot = space.slot(f);
      for (int k = 0; k < outputs; k++) {
        double v = model.coefficient(slot, k);
        if (v == 0) {
          continue;
        }
        int pos = filled;
        while (pos > 0 && Math.abs(bestValue[pos - 1]) < Math.abs(v)) {
          pos--;
        }
        if (pos >= shown) {
          continue;
        }
        int last = Math.min(filled, shown - 1);
        for (int j = last; j > pos; j--) {
          bestValue[j] = bestValue[j - 1];
          bestFeature[j] = bestFeature[j - 1];
          bestOutput[j] = bestOutput[j - 1];
        }
        bestValue[pos] = v;
        bestFeature[pos] = f;
        bestOutput[pos] = k;
        filled = Math.min(filled + 1, shown);
      }
    }
    for (int j = 0; j < filled; j++) {
      sb.append("  ").append(Utils.padLeft(Utils.doubleToString(bestValue[j], 8, 5), 10)).append("  ");
      if (outputs > 1) {
        sb.append("[").append(cls.value(bestOutput[j])).append("] ");
      }
      sb.append(names[bestFeature[j]]).append('\n');
    }
    if (filled == 0) {
      sb.append("  (all feature coefficients are zero)\n");
    }
    int bias = model.biasSlot();
    for (int k = 0; k < outputs; k++) {
      sb.append("  ").append(Utils.padLeft(Utils.doubleToString(model.coefficient(bias, k), 8, 5), 10))
          .append("  ");
      if (outputs > 1) {
        sb.append("[").append(cls.value(k)).append("] ");
      }
      sb.append("(bias)\n");
    }
  }
}
