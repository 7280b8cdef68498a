package lessram.spark;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lessram.OnlineClassifier;
import lessram.ParameterMixing;
import lessram.PartitionCopy;
import lessram.SessionDelta;
import org.apache.spark.broadcast.Broadcast;

/**
 * What an executor JVM keeps between rounds, per training run ("lineage"), so that a round costs time in
 * proportion to what changed rather than to the model's size: the run's model at the latest version seen and the
 * partition copies of finished tasks. The driver sends each round's merged changes ({@link SessionDelta}, a few
 * bytes per changed coordinate) instead of the whole model: a task asking
 * for version {@code v} applies the updates the kept model lacks, in place; an executor that has none (new, or
 * its model evicted) starts from the run's last full snapshot. A task then takes a kept copy and {@link
 * PartitionCopy#prepare}s it for its rows (or makes a new copy), and gives it back when it succeeded; a failed
 * task's copy is dropped. Within a round the model is only read; it changes when the next round's first task
 * arrives, after the round's job has finished; in a barrier stage ({@link BarrierEpoch}) it changes when the
 * first of the executor's tasks has the round's changes of all tasks ({@link #advance}), after every task has
 * finished training the round. At most {@value #KEPT} runs are kept.
 */
final class ExecutorModels {
  private static final int KEPT = 4;
  /** Partition copies kept per run (about the executor's cores). */
  private static final int POOL = Math.max(2, Runtime.getRuntime().availableProcessors());

  private static final Map<String, Lineage> RUNS = new LinkedHashMap<String, Lineage>(16, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Lineage> eldest) {
      return size() > KEPT;
    }
  };

  private ExecutorModels() {
  }

  /** One run's model, recent updates and spare copies in this JVM. */
  private static final class Lineage {
    long version = -1;
    OnlineClassifier model;
    final ArrayDeque<Kept> pool = new ArrayDeque<>();
    /** The last merge made here ({@link #advance}): what it gave, for the tasks that found it made. */
    Merge last;
  }

  /** A round's merge in this JVM: the copies that changed anything, the coordinates merged, the time taken. */
  static final class Merge {
    final int contributors;
    final int touched;
    /** Wall and CPU time of this call's decoding and merging, ns; 0 when another task had merged. */
    final long nanos;
    final long cpuNanos;

    Merge(int contributors, int touched, long nanos, long cpuNanos) {
      this.contributors = contributors;
      this.touched = touched;
      this.nanos = nanos;
      this.cpuNanos = cpuNanos;
    }
  }

  private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory
      .getThreadMXBean();

  /** A partition copy and the version of its base. */
  static final class Kept {
    final PartitionCopy copy;
    final long version;

    Kept(PartitionCopy copy, long version) {
      this.copy = copy;
      this.version = version;
    }
  }

  /**
   * A partition copy of version {@code version} of run {@code lineage} for partition {@code partition}, ready to
   * train rows whose entries are among {@code attributes[0..count)}: a kept copy {@link PartitionCopy#prepare}d for
   * them, or a new one. Give it back with {@link #giveBack} after a successful task.
   *
   * @param snapshot the run's model at {@code snapshotVersion}, serialized
   * @param updates {@code updates.get(i)} turns version {@code snapshotVersion + i} into the next one
   */
  static Kept copy(String lineage, long version, long snapshotVersion, Broadcast<byte[]> snapshot,
      List<Broadcast<byte[]>> updates, int partition, int[] attributes, int count) {
    OnlineClassifier model;
    Kept spare;
    synchronized (ExecutorModels.class) {
      Lineage run = RUNS.computeIfAbsent(lineage, k -> new Lineage());
      if (run.model == null || run.version > version || run.version < snapshotVersion) {
        run.model = deserialize(snapshot.value());
        run.version = snapshotVersion;
        run.pool.clear();
      }
      while (run.version < version) {
        if (run.version - snapshotVersion >= updates.size()) {
          throw new IllegalStateException("run " + lineage + ": the model of version " + version + " is not kept here "
              + "(version " + run.version + ") and no update leads to it");
        }
        SessionDelta u = SessionDelta.fromBytes(updates.get((int) (run.version - snapshotVersion)).value());
        run.model = u.applyInPlace(run.model);
        run.version++;
      }
      model = run.model;
      spare = run.pool.pollFirst();
    }
    if (spare == null) {
      return new Kept(new PartitionCopy(model, partition), version);
    }
    spare.copy.prepare(model, partition, attributes, count);
    return new Kept(spare.copy, version);
  }

  /**
   * Turns this JVM's model of run {@code lineage} from version {@code version} into the next by merging the
   * round's deltas ({@code deltas.get()}, in partition order), unless another task of this JVM has done so already
   * (then its merge is returned, with no time of this call). Every JVM that merges the same deltas into the same
   * version gets the same model ({@link ParameterMixing} is deterministic).
   *
   * @throws IllegalStateException if the kept model is at another version
   */
  static synchronized Merge advance(String lineage, long version, java.util.function.Supplier<List<SessionDelta>>
      deltas, ParameterMixing.Rule rule) {
    Lineage run = RUNS.get(lineage);
    if (run != null && run.version == version + 1 && run.last != null) {
      return new Merge(run.last.contributors, run.last.touched, 0, 0);
    }
    if (run == null || run.model == null || run.version != version) {
      throw new IllegalStateException("run " + lineage + ": the round's model (version " + version
          + ") is not kept here" + (run == null ? "" : " (version " + run.version + ")"));
    }
    long t0 = System.nanoTime();
    long c0 = THREADS.getCurrentThreadCpuTime();
    ParameterMixing.Merged merged = ParameterMixing.mergeInPlace(run.model, deltas.get(), rule);
    run.model = merged.session();
    run.version++;
    run.last = new Merge(merged.contributors(), merged.update().touchedCoordinates(), 0, 0);
    return new Merge(merged.contributors(), merged.update().touchedCoordinates(), System.nanoTime() - t0,
        THREADS.getCurrentThreadCpuTime() - c0);
  }

  /** This JVM's model of run {@code lineage} at {@code version}, serialized. */
  static synchronized byte[] serialized(String lineage, long version) {
    Lineage run = RUNS.get(lineage);
    if (run == null || run.version != version) {
      throw new IllegalStateException("run " + lineage + ": the model of version " + version + " is not kept here");
    }
    return serialize(run.model);
  }

  /** Keeps the copy of a task that succeeded, for a later round of the run. */
  static synchronized void giveBack(String lineage, Kept kept) {
    Lineage run = RUNS.get(lineage);
    if (run != null && run.pool.size() < POOL) {
      run.pool.addLast(kept);
    }
  }

  /** Forgets run {@code lineage} (in this JVM). */
  static synchronized void release(String lineage) {
    RUNS.remove(lineage);
  }

  static byte[] serialize(OnlineClassifier s) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(b)) {
      out.writeObject(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return b.toByteArray();
  }

  static OnlineClassifier deserialize(byte[] bytes) {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      return (OnlineClassifier) in.readObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }
}
