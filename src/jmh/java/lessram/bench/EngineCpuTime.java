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
 * java -cp ... lessram.bench.EngineCpuTime compressed log2=22,24 examples=4096,65536
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
    int[] sizes = null;
    String[] layouts = LAYOUTS;
    int[] examples = {4096};
    java.util.List<String> suites = new java.util.ArrayList<>();
    for (String a : args) {
      if (a.startsWith("path=")) {
        paths = a.substring(5).split(",");
      } else if (a.startsWith("layout=")) {
        layouts = a.substring(7).split(",");
      } else if (a.startsWith("examples=")) {
        examples = Arrays.stream(a.substring(9).split(",")).mapToInt(Integer::parseInt).toArray();
      } else if (a.startsWith("log2=")) {
        sizes = Arrays.stream(a.substring(5).split(",")).mapToInt(Integer::parseInt).toArray();
      } else {
        suites.add(a);
      }
    }
    int[] compressedSizes = sizes != null ? sizes : new int[] {20, 22, 24};
    if (sizes == null) {
      sizes = new int[] {16, 20, 24};
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
        case "compressed":
          runCompressed(layouts, compressedSizes, examples);
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
              + "; expected update, updateExample, learn, predict, compressed, layout=..., log2=..., examples=...,"
            + " path=...");
      }
    }
  }

  /**
   * {@link CompressedPredictBenchmark}'s predictors (given as {@code layout=}, e.g.
   * {@code layout=uncompressed-q2.13,compressed-q2.7-ranked}; the default is those two) on the same examples,
   * in one JVM, with their rounds interleaved (one round of each in turn, {@link #PAIRED_ROUNDS} measured), so
   * that a change of the machine's load between rounds hits all of them alike. Prints each one's median
   * ns per prediction and, for each round, its time relative to the first predictor's in the same round.
   */
  private static void runCompressed(String[] predictors, int[] sizes, int[] examples) {
    if (predictors == LAYOUTS) {
      predictors = new String[] {"uncompressed-q2.13", "compressed-q2.7-ranked"};
    }
    Blackhole bh = new Blackhole(
        "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
    for (int log2 : sizes) {
      for (int n : examples) {
        Runnable[] ops = new Runnable[predictors.length];
        for (int k = 0; k < ops.length; k++) {
          CompressedPredictBenchmark b = new CompressedPredictBenchmark();
          b.predictor = predictors[k];
          b.hashBits = log2;
          b.examples = n;
          b.setUp();
          ops[k] = () -> b.predict(bh);
        }
        double[][] nanos = new double[ops.length][PAIRED_ROUNDS];
        for (int round = -WARM_UP_ROUNDS; round < PAIRED_ROUNDS; round++) {
          for (int k = 0; k < ops.length; k++) {
            double t = round(ops[k], CompressedPredictBenchmark.BATCH);
            if (round >= 0) {
              nanos[k][round] = t;
            }
          }
        }
        for (int k = 0; k < ops.length; k++) {
          double[] ratio = new double[PAIRED_ROUNDS];
          for (int r = 0; r < PAIRED_ROUNDS; r++) {
            ratio[r] = nanos[0][r] / nanos[k][r];
          }
          double[] sorted = nanos[k].clone();
          Arrays.sort(sorted);
          Arrays.sort(ratio);
          System.out.printf(Locale.ROOT, "compressed     %-24s 2^%d %6d examples: median %8.1f ns per prediction;"
              + " speed vs %s per round: median %.2fx (min %.2f, max %.2f)%n", predictors[k], log2, n,
              (sorted[PAIRED_ROUNDS / 2 - 1] + sorted[PAIRED_ROUNDS / 2]) / 2, predictors[0],
              (ratio[PAIRED_ROUNDS / 2 - 1] + ratio[PAIRED_ROUNDS / 2]) / 2, ratio[0], ratio[PAIRED_ROUNDS - 1]);
        }
      }
    }
  }

  /** Measured rounds of each predictor in {@link #runCompressed}. */
  private static final int PAIRED_ROUNDS = 20;

  /** One round of about {@link #ROUND_NANOS} of CPU time: ns per operation. */
  private static double round(Runnable op, int opsPerCall) {
    long start = THREADS.getCurrentThreadCpuTime();
    long elapsed;
    long calls = 0;
    do {
      op.run();
      calls++;
      elapsed = THREADS.getCurrentThreadCpuTime() - start;
    } while (elapsed < ROUND_NANOS);
    return elapsed / ((double) calls * opsPerCall);
  }

  /** Runs {@code op} ({@code opsPerCall} operations a call) in rounds and prints ns of CPU time per op. */
  private static void report(String suite, String name, Runnable op, int opsPerCall) {
    double[] nanos = new double[ROUNDS];
    for (int round = -WARM_UP_ROUNDS; round < ROUNDS; round++) {
      double t = round(op, opsPerCall);
      if (round >= 0) {
        nanos[round] = t;
      }
    }
    Arrays.sort(nanos);
    System.out.printf(Locale.ROOT, "%-14s %-40s best %8.2f  median %8.2f ns per op%n", suite, name, nanos[0],
        (nanos[ROUNDS / 2 - 1] + nanos[ROUNDS / 2]) / 2);
  }
}
