package lessram.compressed;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.Random;

/**
 * Side-by-side timing of binary prediction ({@code predictScores}, 20 features per example) from compressed
 * models in every {@link PositionLayout} against a plain {@code short[]} q2.13 table, on a model shaped
 * like one trained on sparse click data: slots are ranked by a random permutation, feature access is
 * Zipf(s) over the ranks, and the slots of the most frequent {@code 1 - zeroFraction} ranks carry
 * Laplace(0, 0.05) coefficients (the rest are 0, never seen in training). Rounds alternate between the
 * candidates; the best thread-CPU time per round is kept. Not a unit test. Run after
 * {@code mvn -o -q test-compile} with
 * {@code java -cp target/classes:target/test-classes lessram.compressed.PredictSpeed [log2 slots] [zero fraction]
 * [zipf s] [fraction bits] [rounds]} (defaults 20 0.6 1.1 7 15).
 */
public final class PredictSpeed {
  private PredictSpeed() {}

  public static void main(String[] args) {
    int bits = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    double zeroFraction = args.length > 1 ? Double.parseDouble(args[1]) : 0.6;
    double zipf = args.length > 2 ? Double.parseDouble(args[2]) : 1.1;
    int fractionBits = args.length > 3 ? Integer.parseInt(args[3]) : 7;
    int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 15;
    int d = 1 << bits;
    Random rnd = new Random(2013);
    int[] slotOfRank = new int[d];
    for (int i = 0; i < d; i++) {
      slotOfRank[i] = i;
    }
    for (int i = d - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = slotOfRank[i];
      slotOfRank[i] = slotOfRank[j];
      slotOfRank[j] = t;
    }
    double[] beta = new double[d + 1];
    long nonZeroRanks = Math.round((1 - zeroFraction) * d);
    for (int r = 0; r < nonZeroRanks; r++) {
      double u = rnd.nextDouble() - 0.5;
      beta[slotOfRank[r]] = -0.05 * Math.signum(u) * Math.log(1 - 2 * Math.abs(u));
    }
    beta[d] = -1.5;
    // Zipf(s) sampler over ranks by inverting the cumulative distribution
    double[] cdf = new double[d];
    double sum = 0;
    for (int r = 0; r < d; r++) {
      sum += Math.pow(r + 1, -zipf);
      cdf[r] = sum;
    }
    int examples = 8192;
    int nnz = 20;
    int[][] slots = new int[examples][nnz];
    double[][] values = new double[examples][nnz];
    long hits = 0;
    for (int e = 0; e < examples; e++) {
      for (int j = 0; j < nnz; j++) {
        int r = java.util.Arrays.binarySearch(cdf, rnd.nextDouble() * sum);
        r = r < 0 ? -r - 1 : r;
        r = Math.min(r, d - 1);
        slots[e][j] = slotOfRank[r];
        values[e][j] = 1.0;
        hits += r < nonZeroRanks ? 1 : 0;
      }
    }
    PositionLayout[] layouts = PositionLayout.values();
    CompressedModel[] models = new CompressedModel[layouts.length];
    System.out.printf(Locale.ROOT, "2^%d slots, %.0f%% zero slots, Zipf(%.2f) access (%.1f%% of lookups hit a stored"
        + " slot), q2.%d, %d features per example%n", bits, 100 * zeroFraction, zipf, 100.0 * hits / (examples * nnz),
        fractionBits, nnz);
    for (int i = 0; i < layouts.length; i++) {
      models[i] = CompressedModel.builder(CoefficientSource.of(1, d, beta)).fractionBits(fractionBits).seed(1)
          .positionLayout(layouts[i]).build();
      System.out.printf(Locale.ROOT, "  %-8s realized %.4f bits/coefficient, entropy %.4f (%.3f x)%n", layouts[i],
          models[i].realizedBitsPerCoefficient(), models[i].entropyBitsPerCoefficient(),
          models[i].realizedBitsPerCoefficient() / models[i].entropyBitsPerCoefficient());
    }
    short[] table = new short[beta.length];
    CoarseQuantizer q13 = new CoarseQuantizer(13);
    for (int i = 0; i < beta.length; i++) {
      table[i] = (short) q13.randomizedCode(beta[i], 1, i);
    }
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    double[] best = new double[layouts.length + 1];
    java.util.Arrays.fill(best, Double.MAX_VALUE);
    double[] scores = new double[1];
    double sink = 0;
    for (int round = 0; round < rounds; round++) {
      for (int c = 0; c <= layouts.length; c++) {
        long t0 = mx.getCurrentThreadCpuTime();
        for (int rep = 0; rep < 5; rep++) {
          if (c < layouts.length) {
            CompressedModel m = models[c];
            for (int e = 0; e < examples; e++) {
              m.predictScores(slots[e], values[e], nnz, scores);
              sink += scores[0];
            }
          } else {
            sink += plain(table, d, slots, values, nnz);
          }
        }
        long t1 = mx.getCurrentThreadCpuTime();
        best[c] = Math.min(best[c], (t1 - t0) / (5.0 * examples));
      }
    }
    double plainNs = best[layouts.length];
    System.out.printf(Locale.ROOT, "  short[] q2.13 %.1f ns/prediction (%.2f ns/feature)%n", plainNs, plainNs / nnz);
    for (int i = 0; i < layouts.length; i++) {
      System.out.printf(Locale.ROOT, "  %-8s %.1f ns/prediction (%.2f ns/feature), %.2fx the short[] throughput%n",
          layouts[i], best[i], best[i] / nnz, plainNs / best[i]);
    }
    if (sink == 42) {
      System.out.print("");
    }
  }

  private static double plain(short[] table, int d, int[][] slots, double[][] values, int nnz) {
    double eps13 = 0x1.0p-13;
    double sink = 0;
    for (int e = 0; e < slots.length; e++) {
      int[] s = slots[e];
      double[] v = values[e];
      double score = table[d] * eps13;
      for (int j = 0; j < nnz; j++) {
        score += table[s[j]] * (v[j] * eps13);
      }
      sink += score;
    }
    return sink;
  }
}
