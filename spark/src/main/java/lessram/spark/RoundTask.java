package lessram.spark;

import java.io.Serializable;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import lessram.PartitionCopy;
import lessram.SessionDelta;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;

/**
 * One partition's work in one round: the round's block of the partition's cached rows, a copy of the round's
 * model ({@link PartitionCopy}), predict then train on each row (the predictions scored as progressive
 * validation), and the copy's changes as bytes. Everything it uses is fixed by the round (model version, block,
 * partition number), so a retried task gives the bytes of the first attempt, and the driver takes exactly one
 * result per partition: a failed task retried by Spark cannot count its updates twice.
 */
final class RoundTask implements Function2<Integer, Iterator<RowBlock>, Iterator<RoundTask.Result>> {
  private static final long serialVersionUID = 1L;

  /** Called after a partition's training, before its result is returned (tests use it to fail a task). */
  interface Hook extends Serializable {
    void afterTraining(int round, int partition, int attempt);
  }

  static volatile Hook hook;

  private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory
      .getThreadMXBean();

  private final String lineage;
  private final long version;
  private final long snapshotVersion;
  private final Broadcast<byte[]> snapshot;
  private final List<Broadcast<byte[]>> updates;
  private final int round;
  private final int gridBits;
  private final int classIndex;
  private final boolean binary;

  RoundTask(String lineage, long version, long snapshotVersion, Broadcast<byte[]> snapshot,
      List<Broadcast<byte[]>> updates, int round, int gridBits, int classIndex, boolean binary) {
    this.lineage = lineage;
    this.version = version;
    this.snapshotVersion = snapshotVersion;
    this.snapshot = snapshot;
    this.updates = updates;
    this.round = round;
    this.gridBits = gridBits;
    this.classIndex = classIndex;
    this.binary = binary;
  }

  /** What a partition sends back after a round. */
  static final class Result implements Serializable {
    private static final long serialVersionUID = 1L;
    final int round;
    final int partition;
    final byte[] delta;
    final int touched;
    final long examples;
    final long labelled;
    final long correct;
    final double logLossSum;
    /** Binary: each labelled example's histogram bin and class ({@link ProgressiveMetrics#code}). */
    final int[] codes;
    final long modelNanos;
    final long trainNanos;
    final long trainCpuNanos;
    final long deltaNanos;
    final long modelCpuNanos;
    final long deltaCpuNanos;

    Result(int round, int partition, byte[] delta, int touched, long examples, long labelled, long correct,
        double logLossSum, int[] codes, long modelNanos, long trainNanos, long trainCpuNanos, long deltaNanos, long modelCpuNanos,
        long deltaCpuNanos) {
      this.round = round;
      this.partition = partition;
      this.delta = delta;
      this.touched = touched;
      this.examples = examples;
      this.labelled = labelled;
      this.correct = correct;
      this.logLossSum = logLossSum;
      this.codes = codes;
      this.modelNanos = modelNanos;
      this.trainNanos = trainNanos;
      this.trainCpuNanos = trainCpuNanos;
      this.deltaNanos = deltaNanos;
      this.modelCpuNanos = modelCpuNanos;
      this.deltaCpuNanos = deltaCpuNanos;
    }
  }

  @Override
  public Iterator<Result> call(Integer partition, Iterator<RowBlock> blocks) {
    RowBlock block = null;
    while (blocks.hasNext()) {
      RowBlock b = blocks.next();
      if (b.round == round) {
        block = b;
        break;
      }
    }
    if (block == null) {
      return Collections.emptyIterator();
    }
    TaskContext context = TaskContext.get();
    return Collections.singletonList(train(partition, block, context == null ? 0 : context.attemptNumber()))
        .iterator();
  }

  /** Trains partition {@code partition}'s block of the round on a copy of the round's model; its changes. */
  Result train(int partition, RowBlock block, int attempt) {
    long t0 = System.nanoTime();
    long cpu0 = THREADS.getCurrentThreadCpuTime();
    ExecutorModels.Kept kept = ExecutorModels.copy(lineage, version, snapshotVersion, snapshot, updates, partition,
        block.indices, block.indices.length);
    PartitionCopy copy = kept.copy;
    long t1 = System.nanoTime();
    long cpu1 = THREADS.getCurrentThreadCpuTime();
    EntriesView view = new EntriesView();
    double[] p = new double[copy.numClasses()];
    int[] codes = binary ? new int[block.rows] : null;
    int coded = 0;
    long labelled = 0;
    long correct = 0;
    double loss = 0;
    for (int r = 0; r < block.rows; r++) {
      block.view(view, r, classIndex);
      copy.predict(view, p);
      double label = block.labels[r];
      if (label == label) {
        int y = (int) label;
        labelled++;
        loss += ProgressiveMetrics.logLoss(p, y);
        correct += ProgressiveMetrics.correct(p, y) ? 1 : 0;
        if (binary) {
          codes[coded++] = ProgressiveMetrics.code(p[1], y);
        }
      }
      copy.train(view);
    }
    long t2 = System.nanoTime();
    long cpu2 = THREADS.getCurrentThreadCpuTime();
    Hook h = hook;
    if (h != null) {
      h.afterTraining(round, partition, attempt);
    }
    SessionDelta delta = copy.delta(gridBits);
    byte[] bytes = delta.toBytes();
    ExecutorModels.giveBack(lineage, kept);
    long t3 = System.nanoTime();
    long cpu3 = THREADS.getCurrentThreadCpuTime();
    return new Result(round, partition, bytes, delta.touchedCoordinates(), block.rows, labelled, correct, loss,
        binary ? (coded == codes.length ? codes : java.util.Arrays.copyOf(codes, coded)) : null, t1 - t0, t2 - t1, cpu2 - cpu1, t3 - t2, cpu1 - cpu0,
        cpu3 - cpu2);
  }
}
