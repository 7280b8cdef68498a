package lessram.spark;

import lessram.LearnerOption;
import lessram.ParameterMixing;
import lessram.Settings;
import org.apache.spark.ml.classification.ProbabilisticClassifier;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReadable;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;

/**
 * Memory-lean online logistic regression (Golovin, Sculley, McMahan, Young, "Large-Scale Learning with Less
 * RAM via Randomization", ICML 2013) as a Spark ML estimator: coefficients in a fixed-point {@code qn.m} grid
 * updated with unbiased randomized rounding, per-coordinate learning rates from Morris counters stored beside
 * them (3 bytes per coordinate by default), binary (sigmoid) or multiclass (softmax). It is the engine of the
 * MOA and Weka learners {@code ApproximateCountLogisticRegression} ({@code schedule = per-coordinate}, the
 * default) and {@code RandomizedRoundingLogisticRegression} ({@code global}), with their options as params.
 *
 * <p>{@link #fit} reads the usual {@code label} (class index {@code 0..k-1}; NaN = missing, not trained on)
 * and {@code features} (a {@code Vector}, sparse or dense, all of one size) columns, and an optional weight
 * column, and trains by periodic parameter mixing ({@link ParameterMixing}): the data is cut into rounds of
 * {@code roundSize} rows per partition; in each round every partition trains a copy of the current model on
 * its share (predicting each row first: progressive validation), the driver merges the copies' changes
 * (sparse, compressed) into the next model and broadcasts the merged changes, or, with barrier stages
 * ({@code mixingExecution}), the tasks exchange the changes and every executor merges them itself, to the same
 * model. One pass, or {@code numEpochs}.
 * The model ({@link LessRamLogisticRegressionModel}) adds {@code rawPrediction}, {@code probability} and
 * {@code prediction} like MLlib's classifiers, reports what the training did ({@code summary()}), and exports to
 * the MOA and Weka learners and the predict-only {@code .lrfz} format ({@link Interchange}).
 *
 * <p>Unusual input: a label that is not a whole number {@code >= 0} (or not below {@code numClasses}), a
 * features vector that is null or of another size, or a features column that is not a vector stops the fit
 * with an {@link IllegalArgumentException} naming the row (partition and position) before any training; a row
 * with a NaN or infinite feature value is skipped and counted by the model, one with a missing (NaN) label is
 * not trained on and is counted, one with a weight that is not positive is ignored; empty partitions take no
 * part in a round. A task that fails and is retried by Spark recomputes exactly the changes of its first
 * attempt, and the driver takes one result per partition, so no update counts twice.
 */
public class LessRamLogisticRegression
    extends ProbabilisticClassifier<Vector, LessRamLogisticRegression, LessRamLogisticRegressionModel>
    implements DefaultParamsWritable {
  private static final long serialVersionUID = 1L;

  /** Default rows per partition and round. */
  public static final int DEFAULT_ROUND_SIZE = 4000;

  private final String uid;
  private final LearnerParams learner;
  private final IntParam roundSize;
  private final IntParam numEpochs;
  private final IntParam numPartitions;
  private final IntParam exchangeFractionBits;
  private final Param<String> mixing;
  private final Param<String> mixingExecution;
  private final IntParam numClasses;
  private final Param<String> weightCol;

  public LessRamLogisticRegression() {
    this(Identifiable$.MODULE$.randomUID("lessramLR"));
  }

  public LessRamLogisticRegression(String uid) {
    this(Uids.constructing(uid), null);
  }

  private LessRamLogisticRegression(String uid, Void unused) {
    this.uid = uid;
    Uids.constructed();
    this.learner = new LearnerParams(this);
    this.roundSize = new IntParam(this, "roundSize", "Rows per partition in each round of parameter mixing: "
        + "shorter rounds track the sequential learner more closely and cost more rounds (>= 1).",
        ParamValidators.gtEq(1));
    this.numEpochs = new IntParam(this, "numEpochs", "Passes over the data (>= 1); progressive validation "
        + "figures come from the first.", ParamValidators.gtEq(1));
    this.numPartitions = new IntParam(this, "numPartitions", "Partitions to train on: fewer partitions than the data "
        + "has are made by concatenating neighbours (order kept), more by repartitioning (round-robin); 0 = as the "
        + "data comes (>= 0).", ParamValidators.gtEq(0));
    this.exchangeFractionBits = new IntParam(this, "exchangeFractionBits", "Grid of the coefficient changes "
        + "the partitions send: 2^-e, changes randomized-rounded to it without bias; 0 = the learner's own grid "
        + "(exact; the fraction bits of qn.m). Fewer bits, fewer bytes, a little more variance (>= 0).",
        ParamValidators.gtEq(0));
    this.mixing = new Param<>(this, "mixing", "How the copies' changes of a coordinate are merged: "
        + "'extrapolated' (the update-count-weighted average taken to the total count of the round; the default) "
        + "or 'average' (the update-count-weighted average).",
        ParamValidators.inArray(new String[] {"extrapolated", "average"}));
    this.mixingExecution = new Param<>(this, "mixingExecution", "How the rounds run on Spark: 'jobs' (one "
        + "Spark job per round; the driver merges the partitions' changes and broadcasts the merged changes), "
        + "'barrier' (one barrier stage per epoch; the tasks exchange their changes with allGather and each "
        + "executor merges them itself; needs a slot per task, and with fewer slots than partitions a task trains "
        + "several partitions) or 'auto' (barrier for fit in local mode, else jobs). All give the same model bit for "
        + "bit.", ParamValidators.inArray(new String[] {"auto", "jobs", "barrier"}));
    this.numClasses = new IntParam(this, "numClasses", "Number of classes; 0 = from the label column's "
        + "metadata, else the largest label + 1 (at least 2) (>= 0).", ParamValidators.gtEq(0));
    this.weightCol = new Param<>(this, "weightCol", "Instance weight column; empty = all weights 1.");
    learner.setDefaults(this);
    setDefault(roundSize, DEFAULT_ROUND_SIZE);
    setDefault(numEpochs, 1);
    setDefault(numPartitions, 0);
    setDefault(exchangeFractionBits, 0);
    setDefault(mixing, "extrapolated");
    setDefault(mixingExecution, "auto");
    setDefault(numClasses, 0);
    setDefault(weightCol, "");
  }

  @Override
  public String uid() {
    return uid != null ? uid : Uids.current();
  }

  @Override
  public LessRamLogisticRegression copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  /** Trains a model (called by {@code fit} after Spark's schema checks). */
  @Override
  public LessRamLogisticRegressionModel train(Dataset<?> dataset) {
    return Fitting.fit(this, dataset, null);
  }

  /**
   * Continues training {@code initial} on {@code dataset} (same features and classes), with this estimator's
   * distribution params (roundSize, numEpochs, numPartitions, exchangeFractionBits, mixing, mixingExecution,
   * weightCol); the learner's own settings are the initial model's. The initial model is not changed.
   */
  public LessRamLogisticRegressionModel fit(Dataset<?> dataset, LessRamLogisticRegressionModel initial) {
    transformSchema(dataset.schema(), true);
    return copyValues(Fitting.fit(this, Fitting.cast(this, dataset), initial.sessionView()).setParent(this),
        ParamMap.empty());
  }

  /** The engine settings these params make (validated). */
  public Settings settings() {
    return learner.settings(this);
  }

  ParameterMixing.Rule mixingRule() {
    return "average".equals(getMixing()) ? ParameterMixing.Rule.AVERAGE : ParameterMixing.Rule.EXTRAPOLATED;
  }

  public static MLReader<LessRamLogisticRegression> read() {
    return new DefaultParamsReadable<LessRamLogisticRegression>() { }.read();
  }

  public static LessRamLogisticRegression load(String path) {
    return read().load(path);
  }

  // ----------------------------------------------------------------------------------------------
  // the learner's params (from the engine's option catalogue)

  @SuppressWarnings("unchecked")
  private <P> P param(LearnerOption o) {
    return (P) learner.params.get(o);
  }

  public Param<String> schedule() {
    return learner.schedule;
  }

  public IntParam integerBits() {
    return param(LearnerOption.INTEGER_BITS);
  }

  public IntParam fractionBits() {
    return param(LearnerOption.FRACTION_BITS);
  }

  public Param<String> coefficientStorage() {
    return param(LearnerOption.STORAGE);
  }

  public DoubleParam alpha() {
    return param(LearnerOption.ALPHA);
  }

  public Param<String> counter() {
    return param(LearnerOption.COUNTER);
  }

  public IntParam counterBits() {
    return param(LearnerOption.COUNTER_BITS);
  }

  public DoubleParam morrisBase() {
    return param(LearnerOption.MORRIS_BASE);
  }

  public Param<String> featureInclusion() {
    return param(LearnerOption.FEATURE_INCLUSION);
  }

  public DoubleParam inclusionProbability() {
    return param(LearnerOption.INCLUSION_PROBABILITY);
  }

  public IntParam inclusionCount() {
    return param(LearnerOption.INCLUSION_COUNT);
  }

  public IntParam inclusionFilterBits() {
    return param(LearnerOption.INCLUSION_FILTER_BITS);
  }

  public DoubleParam gamma() {
    return param(LearnerOption.GAMMA);
  }

  public IntParam coordinateBits() {
    return param(LearnerOption.COORDINATE_BITS);
  }

  public IntParam hashingBits() {
    return param(LearnerOption.HASHING_BITS);
  }

  public BooleanParam sparseMap() {
    return param(LearnerOption.SPARSE_MAP);
  }

  public Param<String> scaling() {
    return param(LearnerOption.SCALING);
  }

  public LongParam seed() {
    return param(LearnerOption.SEED);
  }

  public LessRamLogisticRegression setSchedule(String v) {
    set(schedule(), v);
    return this;
  }

  public LessRamLogisticRegression setIntegerBits(int v) {
    set(integerBits(), v);
    return this;
  }

  public LessRamLogisticRegression setFractionBits(int v) {
    set(fractionBits(), v);
    return this;
  }

  public LessRamLogisticRegression setCoefficientStorage(String v) {
    set(coefficientStorage(), v);
    return this;
  }

  public LessRamLogisticRegression setAlpha(double v) {
    set(alpha(), v);
    return this;
  }

  public LessRamLogisticRegression setCounter(String v) {
    set(counter(), v);
    return this;
  }

  public LessRamLogisticRegression setCounterBits(int v) {
    set(counterBits(), v);
    return this;
  }

  public LessRamLogisticRegression setMorrisBase(double v) {
    set(morrisBase(), v);
    return this;
  }

  public LessRamLogisticRegression setFeatureInclusion(String v) {
    set(featureInclusion(), v);
    return this;
  }

  public LessRamLogisticRegression setInclusionProbability(double v) {
    set(inclusionProbability(), v);
    return this;
  }

  public LessRamLogisticRegression setInclusionCount(int v) {
    set(inclusionCount(), v);
    return this;
  }

  public LessRamLogisticRegression setInclusionFilterBits(int v) {
    set(inclusionFilterBits(), v);
    return this;
  }

  public LessRamLogisticRegression setGamma(double v) {
    set(gamma(), v);
    return this;
  }

  public LessRamLogisticRegression setCoordinateBits(int v) {
    set(coordinateBits(), v);
    return this;
  }

  public LessRamLogisticRegression setHashingBits(int v) {
    set(hashingBits(), v);
    return this;
  }

  public LessRamLogisticRegression setSparseMap(boolean v) {
    set(sparseMap(), v);
    return this;
  }

  public LessRamLogisticRegression setScaling(String v) {
    set(scaling(), v);
    return this;
  }

  public LessRamLogisticRegression setSeed(long v) {
    set(seed(), v);
    return this;
  }

  public String getSchedule() {
    return $(schedule());
  }

  public long getSeed() {
    return (Long) $(seed());
  }

  // ----------------------------------------------------------------------------------------------
  // distribution params

  public IntParam roundSize() {
    return roundSize;
  }

  public IntParam numEpochs() {
    return numEpochs;
  }

  public IntParam numPartitions() {
    return numPartitions;
  }

  public IntParam exchangeFractionBits() {
    return exchangeFractionBits;
  }

  public Param<String> mixing() {
    return mixing;
  }

  public Param<String> mixingExecution() {
    return mixingExecution;
  }

  public IntParam numClasses() {
    return numClasses;
  }

  public Param<String> weightCol() {
    return weightCol;
  }

  public LessRamLogisticRegression setRoundSize(int v) {
    set(roundSize, v);
    return this;
  }

  public LessRamLogisticRegression setNumEpochs(int v) {
    set(numEpochs, v);
    return this;
  }

  public LessRamLogisticRegression setNumPartitions(int v) {
    set(numPartitions, v);
    return this;
  }

  public LessRamLogisticRegression setExchangeFractionBits(int v) {
    set(exchangeFractionBits, v);
    return this;
  }

  public LessRamLogisticRegression setMixing(String v) {
    set(mixing, v);
    return this;
  }

  public LessRamLogisticRegression setMixingExecution(String v) {
    set(mixingExecution, v);
    return this;
  }

  public LessRamLogisticRegression setNumClasses(int v) {
    set(numClasses, v);
    return this;
  }

  public LessRamLogisticRegression setWeightCol(String v) {
    set(weightCol, v);
    return this;
  }

  public int getRoundSize() {
    return (Integer) $(roundSize);
  }

  public int getNumEpochs() {
    return (Integer) $(numEpochs);
  }

  public int getNumPartitions() {
    return (Integer) $(numPartitions);
  }

  public int getExchangeFractionBits() {
    return (Integer) $(exchangeFractionBits);
  }

  public String getMixing() {
    return $(mixing);
  }

  public String getMixingExecution() {
    return $(mixingExecution);
  }

  /**
   * Whether a fit ({@code streaming = false}) or a stream's micro-batch runs as barrier stages: 'auto' chooses
   * them for fits in local mode (measured faster there: docs/spark.md) and job per round elsewhere (on a cluster
   * allGather's traffic through the driver grows with the square of the tasks, and Spark refuses barrier stages
   * under dynamic allocation; streams retrain a few rounds per micro-batch, where the epoch's fixed cost counts).
   */
  boolean barrierExecution(org.apache.spark.SparkContext sc, boolean streaming) {
    String e = getMixingExecution();
    return "barrier".equals(e) || ("auto".equals(e) && !streaming && sc.isLocal());
  }

  public int getNumClasses() {
    return (Integer) $(numClasses);
  }

  public String getWeightCol() {
    return $(weightCol);
  }
}
