package lessram.compressed;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import lessram.CounterType;
import lessram.FeatureSpace;
import lessram.LearnerConfig;
import lessram.LearningRateSchedule;
import lessram.LogisticRegression;
import lessram.CoefficientStorage;
import lessram.SplitMix64;

/**
 * Trains the engine's q2.13 model (randomized rounding, per-coordinate rates, 8-bit Morris counts: the
 * JMH {@code q2.13-morris8-randomized} layout) on a sparse click-like stream (20 log-uniform ids per
 * example out of 2^22, hashed to {@code 2^bits} slots; the stream of {@code lessram.bench.Predictors}),
 * compresses it at q2.3..q2.9 in every {@link PositionLayout} (size table), then times binary prediction
 * side by side, alternating rounds, best thread-CPU time per round: the engine's
 * {@code probabilities(ids, values, nnz, out)} against hashing the ids with the same feature space and
 * {@link CompressedModel#probabilities} on the compressed q2.{@code m} model. Not a unit test. Run after
 * {@code mvn -o -q test-compile} with
 * {@code java -cp target/classes:target/test-classes:<fastutil jar> lessram.compressed.EngineComparison
 * [hash bits] [training examples] [fraction bits] [rounds]} (defaults 20 2000000 7 15).
 */
public final class EngineComparison {
  private EngineComparison() {}

  static final int NNZ = 20;
  static final int DISTINCT_IDS = 1 << 22;

  public static void main(String[] args) {
    int bits = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int training = args.length > 1 ? Integer.parseInt(args[1]) : 2_000_000;
    int fractionBits = args.length > 2 ? Integer.parseInt(args[2]) : 7;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 15;
    FeatureSpace space = FeatureSpace.hashed(bits);
    LearnerConfig config = LearnerConfig.builder().featureSpace(space).seed(42).fixedPoint(2, 13)
        .storage(CoefficientStorage.RANDOMIZED).schedule(LearningRateSchedule.PER_COORDINATE)
        .counterType(CounterType.MORRIS).counterBits(8).build();
    LogisticRegression engine = new LogisticRegression(config);
    SplitMix64 random = new SplitMix64(1);
    int[] ids = new int[NNZ];
    double[] values = new double[NNZ];
    Arrays.fill(values, 1.0);
    for (int t = 0; t < training; t++) {
      int label = next(random, ids);
      engine.learn(ids, values, NNZ, label, 1.0);
    }
    int d = space.numFeatureSlots();
    CoefficientSource source = new CoefficientSource() {
      @Override
      public int numOutputs() {
        return 1;
      }

      @Override
      public int numSlots() {
        return d;
      }

      @Override
      public double coefficient(int coordinate) {
        return engine.coefficient(coordinate, 0);
      }
    };
    System.out.printf(Locale.ROOT, "engine q2.13 model: 2^%d hashed slots, %,d training examples%n", bits, training);
    System.out.println("| grid | layout | non-zero | entropy (bits) | realized (bits) | realized / entropy |");
    System.out.println("|---|---|---|---|---|---|");
    for (int m : new int[] {3, 5, 7, 9}) {
      for (PositionLayout layout : PositionLayout.values()) {
        CompressedModel fm = CompressedModel.builder(source).fractionBits(m).seed(1).positionLayout(layout).build();
        System.out.printf(Locale.ROOT, "| q2.%d | %s | %.1f%% | %.3f | %.3f | %.3f |%n", m, layout,
            100.0 * fm.nonZeroCoefficients() / fm.numCoordinates(), fm.entropyBitsPerCoefficient(),
            fm.realizedBitsPerCoefficient(), fm.realizedBitsPerCoefficient() / fm.entropyBitsPerCoefficient());
      }
    }
    PositionLayout[] layouts = PositionLayout.values();
    CompressedModel[] models = new CompressedModel[layouts.length];
    for (int i = 0; i < layouts.length; i++) {
      models[i] = CompressedModel.builder(source).fractionBits(fractionBits).seed(1).positionLayout(layouts[i]).build();
    }
    int examples = 4096;
    int[][] testIds = new int[examples][NNZ];
    SplitMix64 testRandom = new SplitMix64(2);
    for (int e = 0; e < examples; e++) {
      next(testRandom, testIds[e]);
    }
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    double[] best = new double[layouts.length + 1];
    Arrays.fill(best, Double.MAX_VALUE);
    double[] out = new double[2];
    int[] slots = new int[NNZ];
    double sink = 0;
    for (int round = 0; round < rounds; round++) {
      for (int c = 0; c <= layouts.length; c++) {
        long t0 = mx.getCurrentThreadCpuTime();
        for (int rep = 0; rep < 10; rep++) {
          if (c == layouts.length) {
            for (int e = 0; e < examples; e++) {
              engine.probabilities(testIds[e], values, NNZ, out);
              sink += out[1];
            }
          } else {
            CompressedModel fm = models[c];
            for (int e = 0; e < examples; e++) {
              int[] x = testIds[e];
              for (int j = 0; j < NNZ; j++) {
                slots[j] = space.slot(x[j]);
              }
              fm.probabilities(slots, values, NNZ, out);
              sink += out[1];
            }
          }
        }
        long t1 = mx.getCurrentThreadCpuTime();
        best[c] = Math.min(best[c], (t1 - t0) / (10.0 * examples));
      }
    }
    double engineNs = best[layouts.length];
    System.out.printf(Locale.ROOT, "prediction, q2.%d compressed vs engine q2.13, best of %d rounds (thread CPU time):%n",
        fractionBits, rounds);
    System.out.printf(Locale.ROOT, "  engine q2.13  %.1f ns/prediction%n", engineNs);
    for (int i = 0; i < layouts.length; i++) {
      System.out.printf(Locale.ROOT, "  %-12s  %.1f ns/prediction, %.2fx the engine's throughput (%.3f bits/coefficient)%n",
          layouts[i], best[i], engineNs / best[i], models[i].realizedBitsPerCoefficient());
    }
    if (sink == 42) {
      System.out.print("");
    }
  }

  /** Fills {@code ids} with the next example (log-uniform ids over 1..2^22) and returns its label. */
  static int next(SplitMix64 random, int[] ids) {
    double z = -1.0;
    for (int f = 0; f < NNZ; f++) {
      int id = (int) Math.pow(DISTINCT_IDS, random.nextDouble());
      ids[f] = id;
      z += ((SplitMix64.mix(id) & 1023) - 512) / 1024.0;
    }
    return random.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
}
