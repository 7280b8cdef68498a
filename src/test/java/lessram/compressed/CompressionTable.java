package lessram.compressed;

import java.util.Locale;

/**
 * Prints the bits-per-coefficient table of {@code docs/compressed-format.md}: a synthetic model of {@code 2^20}
 * slots, 80% zeros, the rest Laplace(0, 0.05), compressed at q2.3, q2.5, q2.7 and q2.9. Run after
 * {@code mvn -o -q test-compile} with
 * {@code java -cp target/classes:target/test-classes lessram.compressed.CompressionTable [slots] [target block
 * bits] [COMPACT|FAST]}.
 */
public final class CompressionTable {
  private CompressionTable() {}

  public static void main(String[] args) {
    int d = args.length > 0 ? Integer.parseInt(args[0]) : 1 << 20;
    int target = args.length > 1 ? Integer.parseInt(args[1]) : CompressedModelBuilder.DEFAULT_TARGET_BLOCK_BITS;
    PositionLayout layout = args.length > 2 ? PositionLayout.valueOf(args[2]) : PositionLayout.COMPACT;
    double[] beta = SyntheticModels.laplace(1, d, 0.8, 0.05, 2013);
    System.out.printf(Locale.ROOT, "%d coefficients, 80%% zeros, Laplace(0, 0.05); target block %d bits, %s%n",
        beta.length, target, layout);
    System.out.println("| grid | non-zero | entropy (bits) | realized (bits) | realized / entropy | vs float32 | code |");
    System.out.println("|---|---|---|---|---|---|---|");
    for (int m : new int[] {3, 5, 7, 9}) {
      CompressedModel fm = CompressedModel.builder(CoefficientSource.of(1, d, beta)).fractionBits(m).seed(1)
          .targetBlockBits(target).positionLayout(layout).build();
      String code;
      if (fm.coefficients instanceof BlockStore) {
        BlockStore s = (BlockStore) fm.coefficients;
        code = BlockLayout.codeName(s.family, s.param) + ", 2^" + s.blockShift + "-slot blocks";
      } else {
        RankedStore r = (RankedStore) fm.coefficients;
        code = "fixed " + r.width + " bits, " + r.escapes + " escapes, groups of " + (1 << r.groupShift) + " slots";
      }
      System.out.printf(Locale.ROOT, "| q2.%d | %.1f%% | %.3f | %.3f | %.3f | -%.1f%% | %s |%n", m,
          100.0 * fm.nonZeroCoefficients() / fm.numCoordinates(), fm.entropyBitsPerCoefficient(),
          fm.realizedBitsPerCoefficient(), fm.realizedBitsPerCoefficient() / fm.entropyBitsPerCoefficient(),
          100 * (1 - fm.realizedBitsPerCoefficient() / 32), code);
    }
  }
}
