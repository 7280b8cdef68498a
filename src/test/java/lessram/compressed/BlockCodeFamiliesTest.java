package lessram.compressed;

import static lessram.compressed.CorruptFileTest.bytes;
import static lessram.compressed.CorruptFileTest.read;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every code family of the block layouts (docs/compressed-format.md, "How the coefficients are coded",
 * step 4) written and read back with the known codes: Golomb-Rice, Exp-Golomb (chosen for heavy-tailed
 * values) and fixed fields with escapes, each holding the alphabet's largest symbol (the code -4, last in
 * the zigzag order), whose unary quotient is the largest the reader accepts.
 */
class BlockCodeFamiliesTest {
  private static final long SEED = 5;
  private static final int M = 7;

  /** Cauchy-like coefficients (a few far out, clipped to the range) and the code -4 in slot 3, output 1. */
  private static double[] heavyTailed(int k, int d) {
    Random rnd = new Random(1);
    double[] beta = new double[(d + 1) * k];
    for (int i = 0; i < beta.length; i++) {
      if (rnd.nextDouble() < 0.5) {
        beta[i] = Math.max(-4, Math.min(3.99, 0.02 * Math.tan(Math.PI * (rnd.nextDouble() - 0.5))));
      }
    }
    beta[3 * k + k - 1] = -4;
    return beta;
  }

  /**
   * With two outputs some stored values are 0 (the zigzag mapping, 2^(m+3) symbols); with one output none
   * is (zigzag without 0, one symbol fewer). Either way the code -4 is the last symbol.
   */
  private static void assertReadsBack(CompressedModel m, double[] beta, int family) throws IOException {
    BlockStore s = (BlockStore) m.coefficients;
    assertEquals(family, s.family, "code family");
    boolean binary = m.numOutputs() == 1;
    assertEquals(binary ? BlockLayout.MAP_ZIGZAG_NONZERO : BlockLayout.MAP_ZIGZAG, s.mapping());
    assertEquals((1 << (M + 3)) - (binary ? 1 : 0), s.alphabetSize);
    CoarseQuantizer q = new CoarseQuantizer(M);
    CompressedModel back = read(bytes(m));
    for (int c = 0; c < beta.length; c++) {
      int code = q.randomizedCode(beta[c], SEED, c);
      assertEquals(code, m.code(c), "coordinate " + c);
      assertEquals(code, back.code(c), "coordinate " + c);
    }
    assertEquals(-4.0, back.coefficient(3, m.numOutputs() - 1));
    assertEquals(m.entropyBitsPerCoefficient(), back.entropyBitsPerCoefficient());
    assertEquals(m.nonZeroCoefficients(), back.nonZeroCoefficients());
  }

  @Test
  void expGolombBlocksReadBack() throws IOException {
    double[] beta = heavyTailed(2, 400);
    for (PositionLayout layout : new PositionLayout[] {PositionLayout.COMPACT, PositionLayout.GROUPED}) {
      CompressedModel m = CompressedModel.builder(CoefficientSource.of(2, 400, beta)).fractionBits(M).seed(SEED)
          .positionLayout(layout).build();
      assertReadsBack(m, beta, BlockLayout.EXP_GOLOMB);
    }
  }

  @Test
  void fixedFieldsWithEscapesReadBack() throws IOException {
    double[] beta = heavyTailed(2, 400);
    CompressedModel m = CompressedModel.builder(CoefficientSource.of(2, 400, beta)).fractionBits(M).seed(SEED)
        .positionLayout(PositionLayout.DIRECT).build();
    assertReadsBack(m, beta, BlockLayout.FIXED);
  }

  @Test
  void golombRiceBlocksHoldingTheLargestSymbolReadBack() throws IOException {
    double[] beta = SyntheticModels.laplace(1, 600, 0.3, 0.3, 12);
    beta[3] = -4;
    CompressedModel m = CompressedModel.builder(CoefficientSource.of(1, 600, beta)).fractionBits(M).seed(SEED)
        .positionLayout(PositionLayout.COMPACT).build();
    assertReadsBack(m, beta, BlockLayout.RICE);
  }
}
