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
 * executors keep its model across them. With barrier execution an epoch is one job instead ({@link BarrierEpoch}):
 * the driver broadcasts the epoch's first model as the snapshot, starts the stage and takes the model and the
 * rounds' figures from its results.
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

  private final boolean barrier;
  /** The current model serialized, when the last epoch's barrier stage returned it so (else null). */
  private byte[] modelBytes;

  MixingTrainer(JavaSparkContext jsc, OnlineClassifier initial, int gridBits, ParameterMixing.Rule rule) {
    this(jsc, initial, gridBits, rule, false);
  }

  /** @param barrier whether each epoch runs as one barrier stage ({@link BarrierEpoch}) rather than a job per round */
  MixingTrainer(JavaSparkContext jsc, OnlineClassifier initial, int gridBits, ParameterMixing.Rule rule,
      boolean barrier) {
    this.jsc = jsc;
    this.barrier = barrier;
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
    if (barrier) {
      runBarrierEpoch(blocks, rounds, epoch, summary);
      return;
    }
    modelBytes = null;
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

  /**
   * {@link #runEpoch} as one barrier stage ({@link BarrierEpoch}): the tasks exchange their changes with each other
   * and merge them themselves; the driver starts the stage, and afterwards takes the model and the rounds' figures.
   */
  private void runBarrierEpoch(JavaRDD<RowBlock> blocks, int rounds, int epoch, TrainingSummary summary) {
    long start = System.nanoTime();
    if (snapshot == null || snapshotVersion != version) {
      // the epoch's first model: where the executors that lack it (and a retried stage) start
      destroy();
      snapshot = jsc.broadcast(modelBytes != null ? modelBytes : ExecutorModels.serialize(model));
      snapshotVersion = version;
    }
    if (jsc.sc().isLocal()) {
      BarrierTimer.makeDaemon();
    }
    BarrierEpoch task = new BarrierEpoch(lineage, version, snapshot, rounds, gridBits, rule,
        model.numAttributes() - 1, model.numClasses() == 2);
    scala.reflect.ClassTag<BarrierEpoch.Output> tag = scala.reflect.ClassTag$.MODULE$.apply(BarrierEpoch.Output.class);
    // the shuffle makes the barrier stage a map stage, which Spark runs again when a task fails
    List<BarrierEpoch.Output> outputs = new JavaRDD<>(blocks.rdd().barrier().mapPartitions(task, false, tag), tag)
        .repartition(1).collect();
    byte[] bytes = null;
    for (BarrierEpoch.Output o : outputs) {
      if (o.model != null) {
        bytes = o.model;
      }
    }
    if (bytes == null) {
      throw new IllegalStateException("no task returned the epoch's model");
    }
    long[] mergeNanos = new long[rounds];
    long[] mergeCpuNanos = new long[rounds];
    long[] roundNanos = new long[rounds];
    List<List<RoundTask.Result>> byRound = new ArrayList<>();
    for (int r = 0; r < rounds; r++) {
      byRound.add(new ArrayList<>());
    }
    BarrierEpoch.Output first = null;
    for (BarrierEpoch.Output o : outputs) {
      if (o.model != null) {
        first = o;
      }
      for (int r = 0; r < rounds; r++) {
        mergeNanos[r] += o.mergeNanos[r];
        mergeCpuNanos[r] += o.mergeCpuNanos[r];
        roundNanos[r] = Math.max(roundNanos[r], o.roundNanos[r]);
      }
      for (RoundTask.Result x : o.results) {
        byRound.get(x.round).add(x);
      }
    }
    model = ExecutorModels.deserialize(bytes);
    modelBytes = bytes;
    version += rounds;
    // the stage's start and end (scheduling, the results, the model) count as the last round's time
    long inRounds = 0;
    for (long t : roundNanos) {
      inRounds += t;
    }
    roundNanos[rounds - 1] += Math.max(0, System.nanoTime() - start - inRounds);
    for (int r = 0; r < rounds; r++) {
      List<RoundTask.Result> results = byRound.get(r);
      results.sort(Comparator.comparingInt(x -> x.partition));
      ProgressiveMetrics metrics = new ProgressiveMetrics();
      long up = 0;
      long touched = 0;
      long examples = 0;
      double[] sums = new double[6];
      int previous = -1;
      for (RoundTask.Result x : results) {
        if (x.partition == previous) {
          throw new IllegalStateException("two results for partition " + x.partition + " in round " + r);
        }
        previous = x.partition;
        up += x.delta.length;
        touched += x.touched;
        examples += x.examples;
        metrics.add(x.labelled, x.correct, x.logLossSum, x.codes, x.codes == null ? 0 : x.codes.length);
        sums[0] += x.modelNanos;
        sums[1] += x.trainNanos;
        sums[2] += x.trainCpuNanos;
        sums[3] += x.deltaNanos;
        sums[4] += x.modelCpuNanos;
        sums[5] += x.deltaCpuNanos;
      }
      summary.addRound(new TrainingSummary.Round(epoch, r, results.size(), first.contributors[r], examples,
          metrics.logLoss(), up, first.received[r], touched, first.touched[r], roundNanos[r] / 1e6, sums[0] / 1e6,
          sums[1] / 1e6, sums[2] / 1e6, sums[3] / 1e6, mergeNanos[r] / 1e6,
          new double[] {sums[4] / 1e6, sums[5] / 1e6, mergeCpuNanos[r] / 1e6}), metrics);
    }
    summary.setMergedInTasks(true);
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
