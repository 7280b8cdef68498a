package lessram.spark;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lessram.ParameterMixing;
import lessram.SessionDelta;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.broadcast.Broadcast;
import scala.collection.JavaConverters;
import scala.runtime.AbstractFunction1;

/**
 * One epoch of periodic parameter mixing as one task of a Spark barrier stage ({@code rdd.barrier()}), all
 * rounds in one job: in each round the task trains the round's block of each of its partitions ({@link RoundTask}'s
 * work, on the same kept copies), the tasks exchange their partitions' changes with {@link
 * BarrierTaskContext#allGather}, and each executor JVM merges them into its kept model itself ({@link
 * ExecutorModels#advance}: the driver's merge of the job-per-round schedule, in partition order, with the same
 * seed-derived draws), so every task starts the next round from the same model, with no driver merge or broadcast
 * between rounds. The model is the one of the job-per-round schedule bit for bit.
 *
 * <p>Retries: when a task fails, Spark stops the stage's other tasks and runs the whole stage again (the stage
 * ends in a shuffle so that Spark may; a barrier stage that returns its results directly is never retried). The
 * new attempt starts from the epoch's first model (the executors' kept model has moved on: {@link
 * ExecutorModels} takes the broadcast snapshot of the epoch's start), so every round is trained again from the
 * same state, and only the last attempt's results reach the driver: nothing counts twice.
 */
final class BarrierEpoch extends AbstractFunction1<scala.collection.Iterator<RowBlock>,
    scala.collection.Iterator<BarrierEpoch.Output>> implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory
      .getThreadMXBean();

  private final String lineage;
  private final long version;
  private final Broadcast<byte[]> snapshot;
  private final int rounds;
  private final int gridBits;
  private final ParameterMixing.Rule rule;
  private final int classIndex;
  private final boolean binary;

  /**
   * @param version the model version at the epoch's start; {@code snapshot} is that model, serialized
   * @param rounds rounds of the epoch (block {@code r} of each partition in round {@code r})
   */
  BarrierEpoch(String lineage, long version, Broadcast<byte[]> snapshot, int rounds, int gridBits,
      ParameterMixing.Rule rule, int classIndex, boolean binary) {
    this.lineage = lineage;
    this.version = version;
    this.snapshot = snapshot;
    this.rounds = rounds;
    this.gridBits = gridBits;
    this.rule = rule;
    this.classIndex = classIndex;
    this.binary = binary;
  }

  /** What a task sends back after the epoch. */
  static final class Output implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The task's partition results, round by round (in each round by partition). */
    final List<RoundTask.Result> results;
    /** Per round: the wall time of the round in this task, ns. */
    final long[] roundNanos;
    /** Per round: decoding and merging the changes in this task, wall and CPU ns (0 if another task merged). */
    final long[] mergeNanos;
    final long[] mergeCpuNanos;
    /** Per round: copies that changed anything, coordinates merged, bytes received from the tasks. */
    final int[] contributors;
    final int[] touched;
    final long[] received;
    /** The epoch's last model, serialized (the barrier stage's first task only, else null). */
    final byte[] model;

    Output(List<RoundTask.Result> results, long[] roundNanos, long[] mergeNanos, long[] mergeCpuNanos,
        int[] contributors, int[] touched, long[] received, byte[] model) {
      this.results = results;
      this.roundNanos = roundNanos;
      this.mergeNanos = mergeNanos;
      this.mergeCpuNanos = mergeCpuNanos;
      this.contributors = contributors;
      this.touched = touched;
      this.received = received;
      this.model = model;
    }
  }

  @Override
  public scala.collection.Iterator<Output> apply(scala.collection.Iterator<RowBlock> input) {
    BarrierTaskContext context = BarrierTaskContext.get();
    // the task's partitions, in order, each with its blocks by round
    TreeMap<Integer, RowBlock[]> partitions = new TreeMap<>();
    java.util.Iterator<RowBlock> it = JavaConverters.asJavaIteratorConverter(input).asJava();
    while (it.hasNext()) {
      RowBlock b = it.next();
      RowBlock[] byRound = partitions.computeIfAbsent(b.partition, p -> new RowBlock[rounds]);
      if (b.round < rounds) {
        byRound[b.round] = b;
      }
    }
    int attempt = context.stageAttemptNumber() + context.attemptNumber();
    java.util.concurrent.ExecutorService gatherer = java.util.concurrent.Executors.newSingleThreadExecutor(t -> {
      Thread thread = new Thread(t, "lessram allGather of task " + context.taskAttemptId());
      thread.setDaemon(true);
      return thread;
    });
    try {
      return run(context, partitions, attempt, gatherer);
    } finally {
      gatherer.shutdownNow();
    }
  }

  private scala.collection.Iterator<Output> run(BarrierTaskContext context, TreeMap<Integer, RowBlock[]> partitions,
      int attempt, java.util.concurrent.ExecutorService gatherer) {
    RoundTask[] work = new RoundTask[rounds];
    List<RoundTask.Result> results = new ArrayList<>();
    long[] roundNanos = new long[rounds];
    long[] mergeNanos = new long[rounds];
    long[] mergeCpuNanos = new long[rounds];
    int[] contributors = new int[rounds];
    int[] touched = new int[rounds];
    long[] received = new long[rounds];
    for (int r = 0; r < rounds; r++) {
      long start = System.nanoTime();
      // the round's model is version + r; the snapshot (version) is where a new or retried task starts
      work[r] = new RoundTask(lineage, version + r, version, snapshot, Collections.emptyList(), r, gridBits,
          classIndex, binary);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        for (Map.Entry<Integer, RowBlock[]> e : partitions.entrySet()) {
          RowBlock block = e.getValue()[r];
          if (block == null) {
            continue;
          }
          RoundTask.Result x = work[r].train(e.getKey(), block, attempt);
          results.add(x);
          out.writeInt(e.getKey());
          out.writeInt(x.delta.length);
          out.write(x.delta);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      String[] all = allGather(context, Base64.getEncoder().encodeToString(bytes.toByteArray()), gatherer);
      long size = 0;
      for (String s : all) {
        int padding = s.endsWith("==") ? 2 : s.endsWith("=") ? 1 : 0;
        size += s.length() / 4 * 3 - padding;
      }
      received[r] = size;
      final long round = version + r;
      ExecutorModels.Merge m = ExecutorModels.advance(lineage, round, () -> decode(all, round), rule);
      mergeNanos[r] = m.nanos;
      mergeCpuNanos[r] = m.cpuNanos;
      contributors[r] = m.contributors;
      touched[r] = m.touched;
      roundNanos[r] = System.nanoTime() - start;
    }
    byte[] model = context.partitionId() == 0 ? ExecutorModels.serialized(lineage, version + rounds) : null;
    return JavaConverters.asScalaIteratorConverter(Collections.singletonList(new Output(results, roundNanos,
        mergeNanos, mergeCpuNanos, contributors, touched, received, model)).iterator()).asScala();
  }

  /**
   * {@link BarrierTaskContext#allGather}, without its second of latency. Spark 3.5's task waits for the
   * coordinator's answer by sleeping a second at a time (checking between sleeps whether it was killed; an
   * interrupt that is not a kill only ends the sleep early), which would add a second to every round. So the call
   * runs on a thread of the task's own that this thread interrupts every millisecond until the answer is there:
   * the interrupts reach only that thread, never Spark's task thread. If this thread is interrupted (Spark kills
   * the task), the call is abandoned and the task ends.
   */
  static String[] allGather(BarrierTaskContext context, String message, java.util.concurrent.ExecutorService gatherer) {
    Thread[] worker = new Thread[1];
    java.util.concurrent.Future<String[]> answer = gatherer.submit(() -> {
      synchronized (worker) {
        worker[0] = Thread.currentThread();
      }
      try {
        return context.allGather(message);
      } finally {
        synchronized (worker) {
          worker[0] = null;
          Thread.interrupted();
        }
      }
    });
    try {
      while (true) {
        try {
          return answer.get(1, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
          synchronized (worker) {
            if (worker[0] != null) {
              worker[0].interrupt();
            }
          }
        }
      }
    } catch (InterruptedException e) {
      answer.cancel(true);
      Thread.currentThread().interrupt();
      throw new org.apache.spark.TaskKilledException("interrupted while exchanging the round's changes");
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new IllegalStateException(cause);
    }
  }

  /** The tasks' messages of a round as one list of deltas in partition order. */
  private static List<SessionDelta> decode(String[] messages, long round) {
    TreeMap<Integer, SessionDelta> byPartition = new TreeMap<>();
    for (String m : messages) {
      try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(Base64.getDecoder()
          .decode(m)))) {
        while (in.available() > 0) {
          int partition = in.readInt();
          byte[] delta = new byte[in.readInt()];
          in.readFully(delta);
          if (byPartition.put(partition, SessionDelta.fromBytes(delta)) != null) {
            throw new IllegalStateException("two deltas of partition " + partition + " for model version " + round);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new ArrayList<>(byPartition.values());
  }
}
