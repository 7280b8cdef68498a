package lessram.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import lessram.BenchAccess;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Thread CPU time per operation of the engine benchmarks ({@link UpdateBenchmark}, {@link LearnBenchmark},
 * {@link PredictBenchmark}): the same setup and the same benchmark methods, driven in rounds of about
 * 0.2 s of CPU time (5 warm-up rounds, then 10 measured); prints the best and the median round per case.
 * On a shared machine a benchmark thread that waits for a core does not accrue CPU time, so these
 * figures are much less disturbed by other processes than JMH's wall clock.
 *
 * <pre>
 * java -cp "target/bench/benchmarks.jar:$(cat target/bench/test-classpath.txt)" lessram.bench.EngineCpuTime \
 *     update|updateExample|learn|predict layout=q2.13-morris8-randomized log2=24 [path=before]
 * </pre>
 *
 * Several values (comma-separated) and several suites run in one JVM, but then the engine's call sites
 * see several table classes and the JIT compiles them for all of them; as JMH forks a JVM per case, run
 * one case per JVM for figures to compare (the default path is {@code engine}; layouts and sizes default
 * to all, as in the JMH benchmarks).
 */
public final class EngineCpuTime {
  private static final int WARM_UP_ROUNDS = 5;
  private static final int ROUNDS = 10;
  private static final long ROUND_NANOS = 200_000_000L;
  private static final String[] LAYOUTS = {Layouts.FLOAT64_GLOBAL, Layouts.FLOAT32_EXACT32,
      Layouts.Q2_13_MORRIS8_RANDOMIZED, Layouts.Q2_13_MORRIS8_NEAREST};
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private EngineCpuTime() {
  }

  public static void main(String[] args) {
    String[] paths = {BenchAccess.ENGINE};
    int[] sizes = {16, 20, 24};
    String[] layouts = LAYOUTS;
    java.util.List<String> suites = new java.util.ArrayList<>();
    for (String a : args) {
      if (a.startsWith("path=")) {
        paths = a.substring(5).split(",");
      } else if (a.startsWith("layout=")) {
        layouts = a.substring(7).split(",");
      } else if (a.startsWith("log2=")) {
        sizes = Arrays.stream(a.substring(5).split(",")).mapToInt(Integer::parseInt).toArray();
      } else {
        suites.add(a);
      }
    }
    if (suites.isEmpty()) {
      suites = Arrays.asList("update", "updateExample", "learn", "predict");
    }
    for (String suite : suites) {
      switch (suite) {
        case "update":
        case "updateExample":
          for (String layout : layouts) {
            for (int log2 : sizes) {
              for (String path : paths) {
                UpdateBenchmark b = new UpdateBenchmark();
                b.layout = layout;
                b.log2Coordinates = log2;
                b.path = path;
                b.setUp();
                boolean single = suite.equals("update");
                Runnable op = single ? b::update : b::updateExample;
                report(suite, layout + " 2^" + log2 + " " + path, op,
                    single ? UpdateBenchmark.UPDATES : UpdateBenchmark.EXAMPLES * UpdateBenchmark.NNZ);
              }
            }
          }
          break;
        case "learn":
          for (String layout : layouts) {
            for (int log2 : sizes) {
              LearnBenchmark b = new LearnBenchmark();
              b.layout = layout;
              b.hashBits = log2;
              b.setUp();
              report(suite, layout + " 2^" + log2, b::learn, LearnBenchmark.EXAMPLES);
            }
          }
          break;
        case "predict":
          Blackhole bh = new Blackhole(
              "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
          for (String predictor : layouts) {
            PredictBenchmark b = new PredictBenchmark();
            b.predictor = predictor;
            b.hashBits = 20;
            b.setUp();
            report(suite, predictor + " 2^20", () -> b.predict(bh), PredictBenchmark.EXAMPLES);
          }
          break;
        default:
          throw new IllegalArgumentException("unknown suite " + suite
              + "; expected update, updateExample, learn, predict, layout=..., log2=..., path=...");
      }
    }
  }

  /** Runs {@code op} ({@code opsPerCall} operations a call) in rounds and prints ns of CPU time per op. */
  private static void report(String suite, String name, Runnable op, int opsPerCall) {
    double[] nanos = new double[ROUNDS];
    for (int round = -WARM_UP_ROUNDS; round < ROUNDS; round++) {
      long start = THREADS.getCurrentThreadCpuTime();
      long elapsed;
      long calls = 0;
      do {
        op.run();
        calls++;
        elapsed = THREADS.getCurrentThreadCpuTime() - start;
      } while (elapsed < ROUND_NANOS);
      if (round >= 0) {
        nanos[round] = elapsed / ((double) calls * opsPerCall);
      }
    }
    Arrays.sort(nanos);
    System.out.printf(Locale.ROOT, "%-14s %-40s best %8.2f  median %8.2f ns per op%n", suite, name, nanos[0],
        (nanos[ROUNDS / 2 - 1] + nanos[ROUNDS / 2]) / 2);
  }
}
