package lessram.spark;

import java.util.List;
import lessram.OnlineClassifier;
import lessram.Settings;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.attribute.Attribute;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.attribute.BinaryAttribute;
import org.apache.spark.ml.attribute.NominalAttribute;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.storage.StorageLevel;
import scala.Option;

/**
 * A fit from start to end: the settings checked, the input read once into cached blocks (and checked row by
 * row), the header (features, classes) settled, the rounds run, the cache released.
 */
final class Fitting {
  /** Most classes inferred from the labels (set numClasses for more). */
  static final int MAX_INFERRED_CLASSES = 10_000;

  private Fitting() {
  }

  /** The label (and weight) columns cast to double, as {@code Predictor.fit} does. */
  static Dataset<Row> cast(LessRamLogisticRegression est, Dataset<?> data) {
    String label = est.getLabelCol();
    Dataset<Row> d = data.withColumn(label, functions.col(label).cast(DataTypes.DoubleType),
        data.schema().apply(label).metadata());
    String weight = est.getWeightCol();
    if (!weight.isEmpty()) {
      d = d.withColumn(weight, functions.col(weight).cast(DataTypes.DoubleType));
    }
    return d;
  }

  /** CPU time of this JVM so far, ns; -1 if the JVM does not say. */
  static long processCpuNanos() {
    java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean) {
      return ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
    }
    return -1;
  }

  /** A fit of a fresh model ({@code initial == null}) or of a copy of {@code initial}. */
  static LessRamLogisticRegressionModel fit(LessRamLogisticRegression est, Dataset<?> data, OnlineClassifier initial) {
    Prepared p = prepare(est, data, initial, false);
    if (p == null) {
      throw new IllegalArgumentException(est.uid() + ": no rows to train on");
    }
    try (MixingTrainer trainer = new MixingTrainer(JavaSparkContext.fromSparkContext(data.sparkSession()
        .sparkContext()), p.start, est.getExchangeFractionBits(), est.mixingRule(), p.barrier)) {
      TrainingSummary summary = p.train(est, trainer);
      return new LessRamLogisticRegressionModel(est.uid(), trainer.model()).withSummary(summary);
    } finally {
      p.release();
    }
  }

  /** The input of a fit, cached and checked, and the model it starts from. */
  static final class Prepared {
    final JavaRDD<RowBlock> blocks;
    final int rounds;
    final OnlineClassifier start;
    final long startNanos;
    final long preparedNanos;
    /** Whether the blocks are laid out for barrier stages ({@link BarrierEpoch}): train them so. */
    final boolean barrier;

    Prepared(JavaRDD<RowBlock> blocks, int rounds, OnlineClassifier start, long startNanos, boolean barrier) {
      this.blocks = blocks;
      this.barrier = barrier;
      this.rounds = rounds;
      this.start = start;
      this.startNanos = startNanos;
      this.preparedNanos = System.nanoTime();
    }

    /** Runs the epochs with {@code trainer} (whose model must be compatible with {@link #start}). */
    TrainingSummary train(LessRamLogisticRegression est, MixingTrainer trainer) {
      TrainingSummary summary = new TrainingSummary();
      CpuMeter cpu = CpuMeter.start();
      try {
        for (int e = 0; e < est.getNumEpochs(); e++) {
          trainer.runEpoch(blocks, rounds, e, summary);
        }
        summary.setRoundsCpu(cpu.stop(), cpu.otherThreads, cpu.gcPauses());
      } catch (Exception ex) {
        throw unwrap(ex);
      }
      long end = System.nanoTime();
      summary.setTimes((preparedNanos - startNanos) / 1e6, (end - startNanos) / 1e6);
      return summary;
    }

    void release() {
      blocks.unpersist(false);
    }
  }

  /**
   * Reads and checks the input into cached blocks and settles the header; null if there are no rows.
   *
   * @param initial the model to continue (its header must match), or null for a fresh one
   * @param streaming whether the data is a stream's micro-batch (for {@code mixingExecution = auto})
   */
  static Prepared prepare(LessRamLogisticRegression est, Dataset<?> data, OnlineClassifier initial,
      boolean streaming) {
    long start = System.nanoTime();
    Settings settings = initial != null ? initial.settings() : est.settings();
    if ("adaptive".equals(settings.get(lessram.LearnerOption.STORAGE))) {
      throw new IllegalArgumentException(lessram.PartitionCopy.ADAPTIVE_UNSUPPORTED);
    }
    if (!"all".equals(settings.get(lessram.LearnerOption.FEATURE_INCLUSION))) {
      throw new IllegalArgumentException(lessram.PartitionCopy.INCLUSION_UNSUPPORTED);
    }
    String labelCol = est.getLabelCol();
    String featuresCol = est.getFeaturesCol();
    String weightCol = est.getWeightCol();
    StructField labelField = data.schema().apply(labelCol);
    StructField featuresField = data.schema().apply(featuresCol);
    if (!(labelField.dataType() instanceof NumericType)) {
      throw new IllegalArgumentException("the label column '" + labelCol + "' must be numeric, but is "
          + labelField.dataType().simpleString());
    }
    Column[] columns = weightCol.isEmpty()
        ? new Column[] {functions.col(labelCol), functions.col(featuresCol)}
        : new Column[] {functions.col(labelCol), functions.col(featuresCol), functions.col(weightCol)};
    Dataset<Row> rows = data.select(columns);
    int partitions = est.getNumPartitions();
    int current = rows.rdd().getNumPartitions();
    if (partitions > 0 && partitions < current) {
      rows = rows.coalesce(partitions);
    } else if (partitions > current) {
      rows = rows.repartition(partitions);
    }
    AttributeGroup group = AttributeGroup.fromStructField(featuresField);
    int numFeatures = initial != null ? initial.numAttributes() - 1 : group.size();
    int knownClasses = initial != null ? initial.numClasses() : est.getNumClasses();
    String[] labels = null;
    if (initial == null && knownClasses == 0) {
      labels = labelNames(labelField);
      knownClasses = labels == null ? 0 : labels.length;
    }
    boolean barrier = est.barrierExecution(data.sparkSession().sparkContext(), streaming);
    JavaRDD<RowBlock> blocks = rows.javaRDD()
        .mapPartitionsWithIndex(new RowBlock.Builder(est.getRoundSize(), numFeatures, knownClasses,
            !weightCol.isEmpty()), true);
    int inputPartitions = blocks.getNumPartitions();
    if (barrier) {
      // a barrier stage needs a slot for each of its tasks at once: with fewer slots than partitions, a task
      // trains the blocks of several partitions (each block knows its partition)
      int slots = slots(blocks.context());
      if (slots > 0 && slots < inputPartitions) {
        blocks = blocks.coalesce(slots);
      }
    }
    blocks = blocks.persist(StorageLevel.MEMORY_AND_DISK());
    if (blocks.context().isLocal() || barrier) {
      // cut the lineage (the input's SQL plan) from the cached blocks: every round's tasks would deserialize it;
      // in local mode the blocks live as long as the driver, so they never need to be recomputed from the input.
      // A barrier stage requires it: every RDD of the stage must have as many partitions as it has tasks
      blocks.rdd().localCheckpoint();
    }
    List<RowBlock.Summary> summaries;
    try {
      summaries = blocks.mapPartitions((java.util.Iterator<RowBlock> it) -> {
        java.util.List<RowBlock.Summary> s = new java.util.ArrayList<>();
        while (it.hasNext()) {
          s.add(new RowBlock.Summary(it.next()));
        }
        return s.iterator();
      }, true).collect();
    } catch (Exception e) {
      blocks.unpersist(false);
      throw unwrap(e);
    }
    int rounds = 0;
    double maxLabel = -1;
    for (RowBlock.Summary s : summaries) {
      rounds = Math.max(rounds, s.round + 1);
      maxLabel = Math.max(maxLabel, s.maxLabel);
      if (numFeatures < 0) {
        numFeatures = s.vectorSize;
      } else if (s.vectorSize != numFeatures) {
        blocks.unpersist(false);
        throw new IllegalArgumentException("partition " + s.partition + " has features vectors of size "
            + s.vectorSize + ", another partition of size " + numFeatures + ": all must have one size");
      }
    }
    if (rounds == 0) {
      blocks.unpersist(false);
      return null;
    }
    int classes = knownClasses;
    if (classes == 0) {
      if (maxLabel + 1 > MAX_INFERRED_CLASSES) {
        blocks.unpersist(false);
        throw new IllegalArgumentException("the largest label is " + maxLabel + ": more than " + MAX_INFERRED_CLASSES
            + " classes; set numClasses if that is meant");
      }
      classes = Math.max(2, (int) maxLabel + 1);
    }
    OnlineClassifier session;
    if (initial != null) {
      session = initial;
    } else {
      SparkHeader header = new SparkHeader(numFeatures, featureNames(group, numFeatures), labelCol,
          labels != null ? labels : SparkHeader.numberedLabels(classes));
      try {
        session = new OnlineClassifier(settings, header);
      } catch (IllegalArgumentException e) {
        blocks.unpersist(false);
        throw new IllegalArgumentException(est.uid() + ": " + e.getMessage(), e);
      }
    }
    return new Prepared(blocks, rounds, session, start, barrier);
  }

  /**
   * Tasks the cluster can run at once (Spark's own count for barrier stages, through an interface Spark keeps
   * internal), or the default parallelism where that is not available; 0 if no executor has registered yet.
   */
  static int slots(org.apache.spark.SparkContext sc) {
    try {
      return sc.maxNumConcurrentTasks(sc.resourceProfileManager().defaultResourceProfile());
    } catch (RuntimeException | LinkageError e) {
      return sc.defaultParallelism();
    }
  }

  /** The class names of a nominal or binary label column's metadata, or null. */
  static String[] labelNames(StructField field) {
    Attribute a = Attribute.fromStructField(field);
    if (a instanceof NominalAttribute) {
      NominalAttribute n = (NominalAttribute) a;
      Option<String[]> values = n.values();
      if (values.isDefined()) {
        return values.get();
      }
      Option<Object> count = n.getNumValues();
      return count.isDefined() ? SparkHeader.numberedLabels((Integer) count.get()) : null;
    }
    if (a instanceof BinaryAttribute) {
      Option<String[]> values = ((BinaryAttribute) a).values();
      return values.isDefined() ? values.get() : SparkHeader.numberedLabels(2);
    }
    return null;
  }

  /** The names of the features from the vector column's metadata, or null. */
  static String[] featureNames(AttributeGroup group, int numFeatures) {
    Option<Attribute[]> attributes = group.attributes();
    if (!attributes.isDefined() || attributes.get().length != numFeatures) {
      return null;
    }
    String[] names = new String[numFeatures];
    for (int j = 0; j < numFeatures; j++) {
      Option<String> name = attributes.get()[j].name();
      names[j] = name.isDefined() ? name.get() : "f" + (j + 1);
    }
    return names;
  }

  /**
   * The {@link IllegalArgumentException} a task threw (input checks), out of Spark's job-failure wrapping, so
   * the caller sees the reason; other exceptions as they are (a {@link SparkException} rethrown unchanged).
   */
  static RuntimeException unwrap(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IllegalArgumentException) {
        return new IllegalArgumentException(t.getMessage(), e);
      }
    }
    String m = String.valueOf(e.getMessage());
    String marker = IllegalArgumentException.class.getName() + ": ";
    int i = m.indexOf(marker);
    if (e instanceof SparkException && i >= 0) {
      String reason = m.substring(i + marker.length());
      int eol = reason.indexOf('\n');
      return new IllegalArgumentException(eol < 0 ? reason : reason.substring(0, eol), e);
    }
    return Fitting.<RuntimeException>rethrow(e);
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> RuntimeException rethrow(Throwable t) throws T {
    throw (T) t;
  }
}
