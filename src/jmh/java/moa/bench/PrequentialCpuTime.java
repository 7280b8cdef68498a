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
 *
 * <p>A learner's figure depends on what ran before it in the same JVM (on this machine ApproximateCount measured
 * about 112 ns per step after SGD, 120-134 ns first or alone, with G1), so for ratios prefer {@code --forks N}:
 * each learner then runs alone in a fresh JVM (the same java, class path and JVM options), the learners in
 * turn, {@code N} times, and the line printed last gives each learner's median of its JVMs' best rounds and its
 * speed relative to the last learner named (e.g. {@code --forks 5 ApproximateCountLogisticRegression SGD}: ours
 * as a multiple of SGD's speed).
 */
public final class PrequentialCpuTime {
  private static final int ROUNDS = 12;
  private static final int WARM_UP_ROUNDS = 6;
  private static final int STEPS = 2_000_000;

  private PrequentialCpuTime() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || (args[0].equals("--forks") && args.length < 3)) {
      System.err.println("usage: PrequentialCpuTime [--forks N] LEARNER... (e.g. ApproximateCountLogisticRegression "
          + "SGD)");
      System.exit(2);
    }
    if (args[0].equals("--forks")) {
      forks(Integer.parseInt(args[1]), Arrays.copyOfRange(args, 2, args.length));
      return;
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

  /** Runs each learner alone in a fresh JVM, the learners in turn, {@code n} times; prints medians and ratios. */
  private static void forks(int n, String[] learners) throws Exception {
    if (n < 1) {
      throw new IllegalArgumentException("--forks needs at least 1, got " + n);
    }
    String launcher = java.nio.file.Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    java.util.List<String> jvm = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments();
    double[][] best = new double[learners.length][n];
    for (int f = 0; f < n; f++) {
      for (int l = 0; l < learners.length; l++) {
        java.util.List<String> command = new java.util.ArrayList<>();
        command.add(launcher);
        command.addAll(jvm);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(PrequentialCpuTime.class.getName());
        command.add(learners[l]);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
          throw new IllegalStateException("the JVM for " + learners[l] + " failed:\n" + output);
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("best\\s+([0-9.]+) ns").matcher(output);
        if (!m.find()) {
          throw new IllegalStateException("no figure from the JVM for " + learners[l] + ":\n" + output);
        }
        best[l][f] = Double.parseDouble(m.group(1));
        System.out.print(output);
      }
    }
    double reference = median(best[learners.length - 1]);
    for (int l = 0; l < learners.length; l++) {
      double med = median(best[l]);
      System.out.printf(Locale.ROOT, "%-40s %d JVMs, median of the best rounds %6.1f ns per step, %.3fx the speed "
          + "of %s (JVMs: %s)%n", learners[l], n, med, reference / med, learners[learners.length - 1],
          Arrays.toString(best[l]));
    }
  }

  private static double median(double[] x) {
    double[] s = x.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}
