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

import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Vector;
import lessram.CompressedPredictor;
import lessram.InstanceEncoder;
import lessram.LearnerOption;
import lessram.LearningRateSchedule;
import lessram.LogisticRegression;
import lessram.OnlineClassifier;
import lessram.CoefficientStorage;
import lessram.FeatureInclusion;
import lessram.ScalingMode;
import lessram.Settings;
import lessram.compressed.PositionLayout;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.UpdateableClassifier;
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
 * The Weka adapter of the LessRAM learners: Weka options made from the engine's catalogue
 * ({@link LearnerOption}) and kept in a {@link Settings.Builder}, and a view of Weka's instances and
 * headers. The learning itself is the engine's {@link OnlineClassifier}, the same session the MOA learners
 * drive, so equal data, options and seed give bit-identical models in both hosts. Training is a single
 * online pass over the instances in their order; {@link #buildClassifier(Instances)} on a header followed
 * by {@link #updateClassifier(Instance)} for every instance gives the same model as batch training, and a
 * prediction followed by an update on the same instance reuses the prediction's work.
 *
 * <p>Method: D. Golovin, D. Sculley, H. B. McMahan, M. Young, "Large-Scale Learning with Less RAM via
 * Randomization", ICML 2013.
 */
public abstract class AbstractLessRamLogisticRegression extends AbstractClassifier
    implements UpdateableClassifier, OptionHandler, Randomizable, TechnicalInformationHandler,
    WeightedInstancesHandler {

  private static final long serialVersionUID = 4417460279015617633L;

  /** Most coefficients {@link #toString()} lists. */
  static final int COEFFICIENTS_SHOWN = 15;

  /** Rounding modes for the GUI (tag id = enum ordinal). */
  public static final Tag[] TAGS_STORAGE = WekaOptions.tags(LearnerOption.STORAGE);

  /** Feature-inclusion policies for the GUI (tag id = enum ordinal). */
  public static final Tag[] TAGS_INCLUSION = WekaOptions.tags(LearnerOption.FEATURE_INCLUSION);

  /** Scaling modes for the GUI (tag id = enum ordinal). */
  public static final Tag[] TAGS_SCALING = WekaOptions.tags(LearnerOption.SCALING);

  /** The options (validated when a model is built). */
  protected Settings.Builder m_Settings = Settings.builder(schedule());

  /** The trained state; null before {@link #buildClassifier(Instances)}. */
  private Instances m_Header;
  private OnlineClassifier m_Session;
  /** The header object last checked against the model's (identity cache). */
  private transient Instances m_CheckedHeader;
  private transient WekaInstanceView m_View;

  /** The learning-rate schedule of this learner (fixed per class). */
  protected abstract LearningRateSchedule schedule();

  /** Short name for {@link #toString()}. */
  protected abstract String modelTitle();

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
  // options (from the engine's catalogue)

  @Override
  public Enumeration<Option> listOptions() {
    Vector<Option> result = new Vector<>(WekaOptions.list(m_Settings));
    result.addAll(Collections.list(super.listOptions()));
    return result.elements();
  }

  @Override
  public void setOptions(String[] options) throws Exception {
    Settings.Builder settings = WekaOptions.read(m_Settings, options);
    super.setOptions(options);
    Utils.checkForRemainingOptions(options);
    WekaOptions.build(settings);
    m_Settings = settings;
  }

  @Override
  public String[] getOptions() {
    List<String> result = WekaOptions.write(m_Settings);
    Collections.addAll(result, super.getOptions());
    return result.toArray(new String[0]);
  }

  /**
   * Checks the current option values together, as {@link #buildClassifier(Instances)} will use them.
   *
   * @throws Exception with a message naming the offending option
   */
  public void checkOptions() throws Exception {
    WekaOptions.build(m_Settings);
  }

  public String integerBitsTipText() {
    return LearnerOption.INTEGER_BITS.help();
  }

  public int getIntegerBits() {
    return m_Settings.integerBits();
  }

  public void setIntegerBits(int value) {
    m_Settings.integerBits(value);
  }

  public String fractionBitsTipText() {
    return LearnerOption.FRACTION_BITS.help();
  }

  public int getFractionBits() {
    return m_Settings.fractionBits();
  }

  public void setFractionBits(int value) {
    m_Settings.fractionBits(value);
  }

  public String coefficientStorageTipText() {
    return LearnerOption.STORAGE.helpWithChoices();
  }

  public SelectedTag getCoefficientStorage() {
    return WekaOptions.selected(LearnerOption.STORAGE, m_Settings.storage(), TAGS_STORAGE);
  }

  public void setCoefficientStorage(SelectedTag value) {
    CoefficientStorage r = WekaOptions.chosen(value, TAGS_STORAGE, CoefficientStorage.values());
    if (r != null) {
      m_Settings.storage(r);
    }
  }

  public String alphaTipText() {
    return LearnerOption.ALPHA.help(schedule());
  }

  public double getAlpha() {
    return m_Settings.alpha();
  }

  public void setAlpha(double value) {
    m_Settings.alpha(value);
  }

  public String gammaTipText() {
    return LearnerOption.GAMMA.help();
  }

  public double getGamma() {
    return m_Settings.gamma();
  }

  public void setGamma(double value) {
    m_Settings.gamma(value);
  }

  public String coordinateBitsTipText() {
    return LearnerOption.COORDINATE_BITS.help();
  }

  public int getCoordinateBits() {
    return m_Settings.coordinateBits();
  }

  public void setCoordinateBits(int value) {
    m_Settings.coordinateBits(value);
  }

  public String hashBitsTipText() {
    return LearnerOption.HASHING_BITS.help();
  }

  public int getHashBits() {
    return m_Settings.hashingBits();
  }

  public void setHashBits(int value) {
    m_Settings.hashingBits(value);
  }

  public String sparseMapTipText() {
    return LearnerOption.SPARSE_MAP.help();
  }

  public boolean getSparseMap() {
    return m_Settings.sparseMap();
  }

  public void setSparseMap(boolean value) {
    m_Settings.sparseMap(value);
  }

  public String featureInclusionTipText() {
    return LearnerOption.FEATURE_INCLUSION.helpWithChoices();
  }

  public SelectedTag getFeatureInclusion() {
    return WekaOptions.selected(LearnerOption.FEATURE_INCLUSION, m_Settings.featureInclusion(), TAGS_INCLUSION);
  }

  public void setFeatureInclusion(SelectedTag value) {
    FeatureInclusion f = WekaOptions.chosen(value, TAGS_INCLUSION, FeatureInclusion.values());
    if (f != null) {
      m_Settings.featureInclusion(f);
    }
  }

  public String inclusionProbabilityTipText() {
    return LearnerOption.INCLUSION_PROBABILITY.help();
  }

  public double getInclusionProbability() {
    return m_Settings.inclusionProbability();
  }

  public void setInclusionProbability(double value) {
    m_Settings.inclusionProbability(value);
  }

  public String inclusionCountTipText() {
    return LearnerOption.INCLUSION_COUNT.help();
  }

  public int getInclusionCount() {
    return m_Settings.inclusionCount();
  }

  public void setInclusionCount(int value) {
    m_Settings.inclusionCount(value);
  }

  public String inclusionFilterBitsTipText() {
    return LearnerOption.INCLUSION_FILTER_BITS.help();
  }

  public int getInclusionFilterBits() {
    return m_Settings.inclusionFilterBits();
  }

  public void setInclusionFilterBits(int value) {
    m_Settings.inclusionFilterBits(value);
  }

  public String scalingTipText() {
    return LearnerOption.SCALING.helpWithChoices();
  }

  public SelectedTag getScaling() {
    return WekaOptions.selected(LearnerOption.SCALING, m_Settings.scaling(), TAGS_SCALING);
  }

  public void setScaling(SelectedTag value) {
    ScalingMode s = WekaOptions.chosen(value, TAGS_SCALING, ScalingMode.values());
    if (s != null) {
      m_Settings.scaling(s);
    }
  }

  public String seedTipText() {
    return LearnerOption.SEED.help();
  }

  @Override
  public int getSeed() {
    return (int) m_Settings.seed();
  }

  @Override
  public void setSeed(int value) {
    m_Settings.seed(value);
  }

  // ----------------------------------------------------------------------------------------------
  // training and prediction

  /**
   * Starts a fresh model for the header of {@code data} and trains on its instances in order (one online
   * pass; see {@link OnlineClassifier} for what is skipped and counted).
   */
  @Override
  public void buildClassifier(Instances data) throws Exception {
    if (!getDoNotCheckCapabilities()) {
      getCapabilities().testWithFail(data);
    }
    Settings settings = WekaOptions.build(m_Settings);
    Instances header = new Instances(data, 0);
    OnlineClassifier session;
    try {
      session = new OnlineClassifier(settings, new WekaHeaderView(header));
    } catch (IllegalArgumentException e) {
      throw new Exception("Cannot build " + getClass().getSimpleName() + ": " + e.getMessage() + ".", e);
    }
    m_Header = header;
    m_Session = session;
    m_CheckedHeader = data;
    for (int i = 0; i < data.numInstances(); i++) {
      updateClassifier(data.instance(i));
    }
  }

  @Override
  public synchronized void updateClassifier(Instance instance) throws Exception {
    view().train(session(instance), instance);
  }

  @Override
  public synchronized double[] distributionForInstance(Instance instance) throws Exception {
    return view().predict(session(instance), instance);
  }

  private WekaInstanceView view() {
    if (m_View == null) {
      m_View = new WekaInstanceView();
    }
    return m_View;
  }

  /** The session, after checking (once per header object) that the instance's header is the model's. */
  private OnlineClassifier session(Instance instance) throws Exception {
    OnlineClassifier s = m_Session;
    if (s == null) {
      throw new Exception(getClass().getSimpleName() + ": no model built yet; call buildClassifier (with at "
          + "least the header) first.");
    }
    Instances header = instance.dataset();
    if (header != m_CheckedHeader) {
      String difference = header == null
          ? (instance.numAttributes() == s.numAttributes() ? null : "number of attributes changed from "
              + s.numAttributes() + " to " + instance.numAttributes())
          : s.headerDifference(new WekaHeaderView(header));
      if (difference != null) {
        throw new Exception(getClass().getSimpleName() + ": the instance's header differs from the training "
            + "header: " + difference + ".");
      }
      m_CheckedHeader = header;
    }
    return s;
  }

  // ----------------------------------------------------------------------------------------------
  // inspection

  /**
   * Continues from a session trained elsewhere (the Spark module's models export this way): the options take
   * the session's settings and the session becomes this classifier's model, for instances of {@code header}
   * (whose attributes must be the session's).
   *
   * @throws IllegalArgumentException if the session's learning-rate schedule is not this classifier's, or the
   *     header differs from the session's
   */
  public synchronized void adoptSession(OnlineClassifier trained, Instances header) {
    if (trained.settings().schedule() != m_Settings.schedule()) {
      throw new IllegalArgumentException(getClass().getSimpleName() + " learns with the "
          + m_Settings.schedule().label() + " schedule, the session with the " + trained.settings().schedule().label()
          + " one");
    }
    String difference = trained.headerDifference(new WekaHeaderView(header));
    if (difference != null) {
      throw new IllegalArgumentException("the header differs from the session's: " + difference);
    }
    m_Settings = trained.settings().toBuilder();
    m_Session = trained;
    m_Header = new Instances(header, 0);
    m_CheckedHeader = null;
  }

  /** The learning session (null before training). */
  public OnlineClassifier getSession() {
    return m_Session;
  }

  /** The engine model (null before training); for tests and tools. */
  public LogisticRegression getModel() {
    return m_Session == null ? null : m_Session.model();
  }

  /** The feature mapping of the trained model (null before training); for tests and tools. */
  public InstanceEncoder getEncoder() {
    return m_Session == null ? null : m_Session.encoder();
  }

  /** The training header without instances (null before training). */
  public Instances getHeader() {
    return m_Header;
  }

  /** Training instances skipped because their class was missing. */
  public long getMissingClassSkipped() {
    return m_Session == null ? 0 : m_Session.instancesWithoutClass();
  }

  /**
   * Compresses the trained model into a predict-only, compressed model: coefficients randomized-rounded to
   * {@code q2.fractionBits} with rounding seed {@code seed} (see {@link CompressedLogisticRegression}).
   *
   * @throws IllegalStateException if there is no trained model
   */
  public CompressedPredictor compress(int fractionBits, long seed) {
    if (m_Session == null) {
      throw new IllegalStateException(getClass().getSimpleName() + " has no trained model to compress");
    }
    return m_Session.compress(fractionBits, seed, PositionLayout.RANKED,
        getClass().getName() + " " + Utils.joinOptions(getOptions()));
  }

  @Override
  public String toString() {
    String title = modelTitle();
    StringBuilder sb = new StringBuilder(title).append('\n').append(title.replaceAll(".", "=")).append("\n\n");
    if (m_Session == null) {
      return sb.append("No model built yet.\n").toString();
    }
    return sb.append(m_Session.describe(new WekaHeaderView(m_Header), COEFFICIENTS_SHOWN)).toString();
  }
}
