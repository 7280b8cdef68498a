package lessram;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The engine's share of a parameter-mixing fit on the click stream, without Spark: the CPU time (one thread) of
 * each step a Spark round runs, on the data, partitioning and round size of the Spark example (partition {@code p}
 * takes every {@code P}-th instance): training the partition copies (each instance predicted first), preparing
 * the kept copies for a round, stating their deltas, encoding and decoding them, merging them with the update
 * the driver sends, and applying that update to an executor's model. What a Spark fit spends beyond these is
 * Spark's and the JVM's (scheduling, serialization, garbage collection). A tool, not a test; three repetitions
 * in one JVM:
 * <pre>
 * mvn test-compile
 * java -Xmx4g -cp "target/classes:target/test-classes:$(cat target/test-classpath.txt)" lessram.MixingCost \
 *     1000000 4 4000
 * </pre>
 */
public final class MixingCost {
  private MixingCost() {
  }

  public static void main(String[] args) {
    int n = Integer.parseInt(args[0]);
    int partitions = Integer.parseInt(args[1]);
    int roundSize = Integer.parseInt(args[2]);
    MixingCurve.Click click = new MixingCurve.Click(n);
    int d = click.features;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    int perPartition = n / partitions;
    for (int rep = 1; rep <= 3; rep++) {
      OnlineClassifier model = new OnlineClassifier(Settings.builder(LearningRateSchedule.PER_COORDINATE).build(),
          MixingFixtures.header(d, 2));
      OnlineClassifier executor = model.copy();
      PartitionCopy[] kept = new PartitionCopy[partitions];
      SessionDelta last = null;
      long[] cpu = new long[7];
      for (int done = 0; done < perPartition; done += roundSize) {
        int end = Math.min(perPartition, done + roundSize);
        long c0 = threads.getCurrentThreadCpuTime();
        if (last != null) {
          executor = last.applyInPlace(executor);
        }
        cpu[6] += threads.getCurrentThreadCpuTime() - c0;
        List<SessionDelta> deltas = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
          long r0 = threads.getCurrentThreadCpuTime();
          int[] attributes = new int[(end - done) * 24];
          int m = 0;
          for (int i = done; i < end; i++) {
            int[] f = click.ids[i * partitions + p];
            if (m + f.length > attributes.length) {
              attributes = Arrays.copyOf(attributes, 2 * (m + f.length));
            }
            System.arraycopy(f, 0, attributes, m, f.length);
            m += f.length;
          }
          if (kept[p] == null) {
            kept[p] = new PartitionCopy(executor, p);
          } else {
            kept[p].prepare(executor, p, attributes, m);
          }
          long r1 = threads.getCurrentThreadCpuTime();
          PartitionCopy copy = kept[p];
          for (int i = done; i < end; i++) {
            int t = i * partitions + p;
            double[] ones = new double[click.ids[t].length];
            Arrays.fill(ones, 1.0);
            InstanceView x = MixingFixtures.instance(click.ids[t], ones, d, click.labels[t]);
            copy.predict(x);
            copy.train(x);
          }
          long r2 = threads.getCurrentThreadCpuTime();
          SessionDelta delta = copy.delta(0);
          long r3 = threads.getCurrentThreadCpuTime();
          byte[] bytes = delta.toBytes();
          long r4 = threads.getCurrentThreadCpuTime();
          deltas.add(SessionDelta.fromBytes(bytes));
          long r5 = threads.getCurrentThreadCpuTime();
          cpu[0] += r2 - r1;
          cpu[1] += r1 - r0;
          cpu[2] += r3 - r2;
          cpu[3] += r4 - r3;
          cpu[4] += r5 - r4;
        }
        long m0 = threads.getCurrentThreadCpuTime();
        ParameterMixing.Merged merged = ParameterMixing.mergeInPlace(model, deltas, ParameterMixing.Rule.EXTRAPOLATED);
        last = SessionDelta.fromBytes(merged.update().toBytes());
        model = merged.session();
        cpu[5] += threads.getCurrentThreadCpuTime() - m0;
      }
      long mixing = cpu[1] + cpu[2] + cpu[3] + cpu[4] + cpu[5] + cpu[6];
      System.out.printf(Locale.ROOT, "run %d, %d instances, %d partitions, %d rows per partition and round: "
          + "CPU s: training %.2f; mixing %.2f (preparing copies %.2f, deltas %.2f, encoding %.2f, decoding %.2f, "
          + "merge and update %.2f, executor applying the update %.2f)%n", rep, n, partitions, roundSize,
          cpu[0] / 1e9, mixing / 1e9, cpu[1] / 1e9, cpu[2] / 1e9, cpu[3] / 1e9, cpu[4] / 1e9, cpu[5] / 1e9,
          cpu[6] / 1e9);
    }
  }
}
