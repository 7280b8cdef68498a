package lessram.spark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import lessram.OnlineClassifier;
import lessram.ParameterMixing;
import lessram.SessionDelta;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * The driver's side of periodic parameter mixing ({@link ParameterMixing}): one Spark job per round, in which
 * every partition trains a copy of the current model on the round's block of its cached rows and returns its
 * changes; the driver merges them into the next model and broadcasts the merged changes. Executors keep the
 * model between rounds ({@link ExecutorModels}); the whole model is broadcast only at the start and every
 * {@value #SNAPSHOT_EVERY} rounds (a fresh snapshot, so that the chain of changes an executor may have to
 * replay stays short). One trainer can train several datasets in turn (the micro-batches of a stream): the
 * executors keep its model across them.
 */
final class MixingTrainer implements AutoCloseable {
  static final int SNAPSHOT_EVERY = 64;
  private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory
      .getThreadMXBean();

  private final JavaSparkContext jsc;
  private final String lineage = UUID.randomUUID().toString();
  private final int gridBits;
  private final ParameterMixing.Rule rule;
  private OnlineClassifier model;
  private long version;
  private long snapshotVersion;
  private Broadcast<byte[]> snapshot;
  private final List<Broadcast<byte[]>> updates = new ArrayList<>();

  MixingTrainer(JavaSparkContext jsc, OnlineClassifier initial, int gridBits, ParameterMixing.Rule rule) {
    this.jsc = jsc;
    // the rounds merge into the trainer's own model in place
    this.model = initial.copy();
    this.gridBits = gridBits;
    this.rule = rule;
  }

  /** The current model (changed in place by the next round; copy it to keep it). */
  OnlineClassifier model() {
    return model;
  }

  /**
   * Runs {@code rounds} rounds over {@code blocks} (each partition's block {@code r} in round {@code r}) as
   * epoch {@code epoch}, recording each round in {@code summary}.
   */
  void runEpoch(JavaRDD<RowBlock> blocks, int rounds, int epoch, TrainingSummary summary) {
    boolean binary = model.numClasses() == 2;
    int classIndex = model.numAttributes() - 1;
    for (int r = 0; r < rounds; r++) {
      long start = System.nanoTime();
      if (snapshot == null) {
        snapshot = jsc.broadcast(ExecutorModels.serialize(model));
        snapshotVersion = version;
      }
      RoundTask task = new RoundTask(lineage, version, snapshotVersion, snapshot, new ArrayList<>(updates), r, gridBits,
          classIndex, binary);
      List<RoundTask.Result> results = new ArrayList<>(blocks.mapPartitionsWithIndex(task, false).collect());
      results.sort(Comparator.comparingInt(x -> x.partition));
      List<SessionDelta> deltas = new ArrayList<>(results.size());
      ProgressiveMetrics metrics = new ProgressiveMetrics();
      long up = 0;
      long touched = 0;
      long examples = 0;
      double modelNanos = 0;
      double trainNanos = 0;
      double trainCpuNanos = 0;
      double deltaNanos = 0;
      double modelCpuNanos = 0;
      double deltaCpuNanos = 0;
      long decodeCpu = 0;
      int previous = -1;
      for (RoundTask.Result x : results) {
        if (x.partition == previous) {
          throw new IllegalStateException("two results for partition " + x.partition + " in round " + r);
        }
        previous = x.partition;
        long c0 = THREADS.getCurrentThreadCpuTime();
        deltas.add(SessionDelta.fromBytes(x.delta));
        decodeCpu += THREADS.getCurrentThreadCpuTime() - c0;
        up += x.delta.length;
        touched += x.touched;
        examples += x.examples;
        metrics.add(x.labelled, x.correct, x.logLossSum, x.codes, x.codes == null ? 0 : x.codes.length);
        modelNanos += x.modelNanos;
        trainNanos += x.trainNanos;
        trainCpuNanos += x.trainCpuNanos;
        deltaNanos += x.deltaNanos;
        modelCpuNanos += x.modelCpuNanos;
        deltaCpuNanos += x.deltaCpuNanos;
      }
      long mergeStart = System.nanoTime();
      long mergeCpuStart = THREADS.getCurrentThreadCpuTime();
      ParameterMixing.Merged merged = ParameterMixing.mergeInPlace(model, deltas, rule);
      byte[] down = merged.update().toBytes();
      long mergeEnd = System.nanoTime();
      long mergeCpu = THREADS.getCurrentThreadCpuTime() - mergeCpuStart + decodeCpu;
      model = merged.session();
      version++;
      if (updates.size() + 1 >= SNAPSHOT_EVERY) {
        destroy();
        snapshot = jsc.broadcast(ExecutorModels.serialize(model));
        snapshotVersion = version;
      } else {
        updates.add(jsc.broadcast(down));
      }
      long end = System.nanoTime();
      summary.addRound(new TrainingSummary.Round(epoch, r, results.size(), merged.contributors(), examples,
          metrics.logLoss(), up, down.length, touched, merged.update().touchedCoordinates(), (end - start) / 1e6,
          modelNanos / 1e6, trainNanos / 1e6, trainCpuNanos / 1e6, deltaNanos / 1e6, (mergeEnd - mergeStart) / 1e6,
          new double[] {modelCpuNanos / 1e6, deltaCpuNanos / 1e6, mergeCpu / 1e6}), metrics);
    }
    summary.setNumCoordinates(model.model().numCoordinates());
  }

  private void destroy() {
    if (snapshot != null) {
      snapshot.destroy(true);
      snapshot = null;
    }
    for (Broadcast<byte[]> b : updates) {
      b.destroy(true);
    }
    updates.clear();
  }

  /** Releases the broadcasts and this JVM's kept model. */
  @Override
  public void close() {
    destroy();
    ExecutorModels.release(lineage);
  }
}
