package moa.bench;

import com.yahoo.labs.samoa.instances.Instance;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import moa.classifiers.Classifier;
import moa.streams.generators.RandomRBFGenerator;

/**
 * Thread CPU time per prequential step ({@code getVotesForInstance}, then {@code trainOnInstance}) on the
 * RandomRBF instances of {@link PrequentialThroughputBenchmark} (32,768 pre-generated instances of MOA's
 * {@code RandomRBFGenerator} at its defaults, cycled through while the learner keeps training): 6 warm-up
 * rounds, then 12 measured rounds of 2 million steps; prints the best and the median round. CPU time is
 * less disturbed than JMH's wall clock when the machine is shared. Learners are named as in the
 * benchmark's {@code learner} parameter ({@code SGD} is MOA's {@code functions.SGD -o LOGLOSS}).
 *
 * <pre>
 * mvn -Pbench package -DskipTests
 * java -cp "target/bench/benchmarks.jar:$(cat target/bench/test-classpath.txt)" moa.bench.PrequentialCpuTime \
 *     ApproximateCountLogisticRegression RandomizedRoundingLogisticRegression SGD
 * </pre>
 */
public final class PrequentialCpuTime {
  private static final int ROUNDS = 12;
  private static final int WARM_UP_ROUNDS = 6;
  private static final int STEPS = 2_000_000;

  private PrequentialCpuTime() {
  }

  public static void main(String[] args) {
    if (args.length == 0) {
      System.err.println("usage: PrequentialCpuTime LEARNER... (e.g. ApproximateCountLogisticRegression SGD)");
      System.exit(2);
    }
    RandomRBFGenerator generator = new RandomRBFGenerator();
    generator.prepareForUse();
    Instance[] data = new Instance[PrequentialThroughputBenchmark.INSTANCES];
    for (int i = 0; i < data.length; i++) {
      data[i] = generator.nextInstance().getData();
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (String name : args) {
      Classifier learner = PrequentialThroughputBenchmark.newLearner(name);
      learner.setModelContext(generator.getHeader());
      learner.prepareForUse();
      learner.resetLearning();
      double[] nanos = new double[ROUNDS];
      double sink = 0;
      int next = 0;
      for (int round = -WARM_UP_ROUNDS; round < ROUNDS; round++) {
        long start = threads.getCurrentThreadCpuTime();
        for (int s = 0; s < STEPS; s++) {
          Instance x = data[next];
          next = next + 1 == data.length ? 0 : next + 1;
          sink += learner.getVotesForInstance(x)[0];
          learner.trainOnInstance(x);
        }
        if (round >= 0) {
          nanos[round] = (threads.getCurrentThreadCpuTime() - start) / (double) STEPS;
        }
      }
      Arrays.sort(nanos);
      System.out.printf(Locale.ROOT, "%-40s best %6.1f ns  median %6.1f ns per step  (votes summed: %s)%n", name,
          nanos[0], (nanos[ROUNDS / 2 - 1] + nanos[ROUNDS / 2]) / 2, sink > 0 ? "ok" : "none");
    }
  }
}
