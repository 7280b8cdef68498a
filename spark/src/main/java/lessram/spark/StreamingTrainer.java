package lessram.spark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Continuous training on a Structured Streaming source, as the {@code foreachBatch} sink:
 * <pre>
 * StreamingTrainer trainer = new StreamingTrainer(new LessRamLogisticRegression()).snapshots(dir, 10);
 * stream.writeStream().foreachBatch(trainer).option("checkpointLocation", ...).start();
 * </pre>
 * The model lives between micro-batches (on the driver, and on the executors, which receive only each round's
 * merged changes); every micro-batch is trained by parameter mixing over its partitions, each row predicted
 * before it is trained on, so every batch reports progressive-validation figures ({@link BatchReport}); every
 * {@code N} batches the model is saved under {@code <dir>/batch-<id>} (Spark ML persistence) and {@code
 * <dir>/LATEST} names it. A batch id at or below the last one trained (Spark replays batches after a restart)
 * is skipped, so a batch is never learned twice; {@link #resume} continues from the latest snapshot.
 */
public final class StreamingTrainer implements VoidFunction2<Dataset<Row>, Long>, AutoCloseable {
  private static final long serialVersionUID = 1L;

  private final LessRamLogisticRegression estimator;
  private String snapshotDir;
  private int snapshotEvery;
  private Consumer<BatchReport> listener;
  private LessRamLogisticRegressionModel model;
  private transient MixingTrainer trainer;
  private long lastBatch = -1;
  private long batchesTrained;
  private final List<BatchReport> reports = new ArrayList<>();

  /** A trainer with {@code estimator}'s params (a fresh model from the first batch). */
  public StreamingTrainer(LessRamLogisticRegression estimator) {
    this.estimator = estimator;
  }

  /** Saves the model every {@code everyBatches} trained batches under {@code dir} (any Hadoop file system). */
  public StreamingTrainer snapshots(String dir, int everyBatches) {
    if (everyBatches < 1) {
      throw new IllegalArgumentException("snapshots every " + everyBatches + " batches: must be >= 1");
    }
    this.snapshotDir = dir;
    this.snapshotEvery = everyBatches;
    return this;
  }

  /** Called with each batch's report, after the batch. */
  public StreamingTrainer onBatch(Consumer<BatchReport> l) {
    this.listener = l;
    return this;
  }

  /** Continues training {@code initial}, whose last trained batch was {@code lastBatchId} (-1: none). */
  public StreamingTrainer startFrom(LessRamLogisticRegressionModel initial, long lastBatchId) {
    this.model = initial;
    this.lastBatch = lastBatchId;
    return this;
  }

  /**
   * A trainer that continues from the latest snapshot under {@code dir} (and keeps writing snapshots there every
   * {@code everyBatches}); a fresh one if there is none.
   */
  public static StreamingTrainer resume(LessRamLogisticRegression estimator, String dir, int everyBatches) {
    StreamingTrainer t = new StreamingTrainer(estimator).snapshots(dir, everyBatches);
    Path latest = new Path(dir, "LATEST");
    try {
      FileSystem fs = latest.getFileSystem(hadoop());
      if (!fs.exists(latest)) {
        return t;
      }
      String id;
      try (BufferedReader in = new BufferedReader(new InputStreamReader(fs.open(latest), StandardCharsets.UTF_8))) {
        id = in.readLine().trim();
      }
      return t.startFrom(LessRamLogisticRegressionModel.load(new Path(dir, "batch-" + id).toString()), Long.parseLong(id));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static org.apache.hadoop.conf.Configuration hadoop() {
    return SparkSession.active().sparkContext().hadoopConfiguration();
  }

  @Override
  public void call(Dataset<Row> batch, Long batchId) {
    if (batchId <= lastBatch) {
      return;
    }
    long start = System.nanoTime();
    estimator.transformSchema(batch.schema(), false);
    Fitting.Prepared p = Fitting.prepare(estimator, Fitting.cast(estimator, batch),
        model == null ? null : model.sessionView(), true);
    BatchReport report;
    if (p == null) {
      report = new BatchReport(batchId, null, System.nanoTime() - start);
    } else {
      try {
        if (trainer == null) {
          trainer = new MixingTrainer(JavaSparkContext.fromSparkContext(batch.sparkSession().sparkContext()), p.start,
              estimator.getExchangeFractionBits(), estimator.mixingRule(), p.barrier);
        }
        TrainingSummary summary = p.train(estimator, trainer);
        // a copy: the trainer's model changes in place with the next batch
        model = estimator.copyValues(new LessRamLogisticRegressionModel(estimator.uid(), trainer.model().copy())
            .withSummary(summary), ParamMap.empty());
        report = new BatchReport(batchId, summary, System.nanoTime() - start);
      } finally {
        p.release();
      }
      batchesTrained++;
    }
    lastBatch = batchId;
    if (snapshotDir != null && model != null && batchesTrained > 0 && batchesTrained % snapshotEvery == 0
        && p != null) {
      snapshot(batchId);
    }
    reports.add(report);
    if (listener != null) {
      listener.accept(report);
    }
  }

  /** Saves the model as batch {@code batchId}'s snapshot, points LATEST at it, removes the one before. */
  private void snapshot(long batchId) {
    try {
      Path dir = new Path(snapshotDir);
      FileSystem fs = dir.getFileSystem(hadoop());
      Path latest = new Path(dir, "LATEST");
      String previous = null;
      if (fs.exists(latest)) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(fs.open(latest), StandardCharsets.UTF_8))) {
          previous = in.readLine().trim();
        }
      }
      model.write().overwrite().save(new Path(dir, "batch-" + batchId).toString());
      Path next = new Path(dir, "LATEST.tmp");
      try (OutputStream out = fs.create(next, true)) {
        out.write((batchId + "\n").getBytes(StandardCharsets.UTF_8));
      }
      fs.delete(latest, false);
      fs.rename(next, latest);
      if (previous != null && !previous.equals(Long.toString(batchId))) {
        fs.delete(new Path(dir, "batch-" + previous), true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the snapshot of batch " + batchId, e);
    }
  }

  /** The current model (null before the first trained batch). */
  public LessRamLogisticRegressionModel model() {
    return model;
  }

  /** The last batch id trained (or skipped as empty); -1 before the first. */
  public long lastBatchId() {
    return lastBatch;
  }

  /** The reports of the batches handled so far, in order. */
  public List<BatchReport> reports() {
    return Collections.unmodifiableList(reports);
  }

  /** Releases the broadcasts and the executors' copies of the model. */
  @Override
  public void close() {
    if (trainer != null) {
      trainer.close();
      trainer = null;
    }
  }

  /** What one micro-batch did: progressive-validation figures of its rows, bytes exchanged, time. */
  public static final class BatchReport implements Serializable {
    private static final long serialVersionUID = 1L;
    private final long batchId;
    private final TrainingSummary summary;
    private final long nanos;

    BatchReport(long batchId, TrainingSummary summary, long nanos) {
      this.batchId = batchId;
      this.summary = summary;
      this.nanos = nanos;
    }

    public long batchId() {
      return batchId;
    }

    /** Rows of the batch (0 for an empty batch). */
    public long examples() {
      return summary == null ? 0 : summary.examples();
    }

    /** Progressive log loss of the batch's rows (NaN if empty). */
    public double logLoss() {
      return summary == null ? Double.NaN : summary.logLoss();
    }

    /** Progressive AUC of the batch's rows (NaN if empty or not binary or one class only). */
    public double auc() {
      return summary == null ? Double.NaN : summary.auc();
    }

    /** Progressive accuracy of the batch's rows. */
    public double accuracy() {
      return summary == null ? Double.NaN : summary.accuracy();
    }

    /** The batch's training summary (null for an empty batch). */
    public TrainingSummary summary() {
      return summary;
    }

    public double millis() {
      return nanos / 1e6;
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "batch %d: %d rows, progressive log loss %.5f, AUC %.4f, accuracy %.4f, "
          + "%d bytes up, %d down, %.0f ms", batchId, examples(), logLoss(), auc(), accuracy(),
          summary == null ? 0 : summary.bytesUp(), summary == null ? 0 : summary.bytesDown(), millis());
    }
  }
}
