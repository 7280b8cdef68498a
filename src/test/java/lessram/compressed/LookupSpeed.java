package lessram.compressed;

import java.util.Locale;
import java.util.Random;

/**
 * Rough single-threaded timing of prediction from a compressed model against a plain {@code short[]} q2.13
 * table (not a unit test, not JMH: a quick look while tuning the layout). Run with
 * {@code java -cp target/classes:target/test-classes lessram.compressed.LookupSpeed [log2 slots] [target block bits]
 * [outputs] [fraction bits] [COMPACT|FAST]}: 64 random slots per example (so about 80% of the lookups hit
 * a zero coefficient), best of 12 rounds of thread CPU time.
 */
public final class LookupSpeed {
  private LookupSpeed() {}

  public static void main(String[] args) {
    int bits = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int target = args.length > 1 ? Integer.parseInt(args[1]) : CompressedModelBuilder.DEFAULT_TARGET_BLOCK_BITS;
    int k = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    int fractionBits = args.length > 3 ? Integer.parseInt(args[3]) : 7;
    PositionLayout layout = args.length > 4 ? PositionLayout.valueOf(args[4]) : PositionLayout.COMPACT;
    int d = 1 << bits;
    double[] beta = k == 1 ? SyntheticModels.laplace(1, d, 0.8, 0.05, 7)
        : SyntheticModels.laplacePerSlot(k, d, 0.8, 0.05, 7);
    CompressedModel m = CompressedModel.builder(CoefficientSource.of(k, d, beta)).fractionBits(fractionBits)
        .targetBlockBits(target).positionLayout(layout).build();
    System.out.print(m.sizeReport());
    short[] table = new short[beta.length];
    CoarseQuantizer q13 = new CoarseQuantizer(13);
    for (int i = 0; i < beta.length; i++) {
      table[i] = (short) q13.randomizedCode(beta[i], 1, i);
    }
    int examples = 4096;
    int nnz = 64;
    int[][] slots = new int[examples][nnz];
    double[][] values = new double[examples][nnz];
    Random rnd = new Random(1);
    for (int e = 0; e < examples; e++) {
      for (int j = 0; j < nnz; j++) {
        slots[e][j] = rnd.nextInt(d);
        values[e][j] = 1.0;
      }
    }
    double[] scores = new double[k];
    double eps13 = 0x1.0p-13;
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    double bestCompressed = Double.MAX_VALUE;
    double bestPlain = Double.MAX_VALUE;
    for (int round = 0; round < 12; round++) {
      long t0 = mx.getCurrentThreadCpuTime();
      double sink = 0;
      for (int rep = 0; rep < 10; rep++) {
        for (int e = 0; e < examples; e++) {
          m.predictScores(slots[e], values[e], nnz, scores);
          sink += scores[0];
        }
      }
      long t1 = mx.getCurrentThreadCpuTime();
      for (int rep = 0; rep < 10; rep++) {
        for (int e = 0; e < examples; e++) {
          int[] s = slots[e];
          double[] v = values[e];
          for (int o = 0; o < k; o++) {
            scores[o] = table[d * k + o] * eps13;
          }
          for (int j = 0; j < nnz; j++) {
            int base = s[j] * k;
            double x = v[j] * eps13;
            for (int o = 0; o < k; o++) {
              scores[o] += table[base + o] * x;
            }
          }
          sink += scores[0];
        }
      }
      long t2 = mx.getCurrentThreadCpuTime();
      double lookups = 10.0 * examples * nnz;
      bestCompressed = Math.min(bestCompressed, (t1 - t0) / lookups);
      bestPlain = Math.min(bestPlain, (t2 - t1) / lookups);
      if (sink == 42) {
        System.out.print("");
      }
    }
    System.out.printf(Locale.ROOT, "best of 12 (thread CPU time): compressed %.1f ns/feature, short[] %.1f ns/feature,"
        + " ratio %.2f%n", bestCompressed, bestPlain, bestCompressed / bestPlain);
  }
}
