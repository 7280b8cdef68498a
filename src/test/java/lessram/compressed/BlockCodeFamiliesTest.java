package lessram.compressed;

import static lessram.compressed.CorruptFileTest.bytes;
import static lessram.compressed.CorruptFileTest.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

  /**
   * Exp-Golomb with a parameter above 0 (the other test's values give k = 0, where {@code 2^k = 1} and the
   * parameter drops out of the code): 70% of the slots hold one of eight small codes, a tenth of those a large
   * one, so Exp-Golomb(3) codes the small ones in 4 bits and the large ones in 18; slot 5 holds -4, the
   * alphabet's last symbol. Every value is a grid point (kept exactly), so the codes are known.
   */
  @Test
  void expGolombWithAParameterAboveZeroReadsBack() throws IOException {
    Random rnd = new Random(1);
    int d = 2000;
    int[] codes = new int[d + 1];
    double[] beta = new double[d + 1];
    for (int i = 0; i <= d; i++) {
      if (rnd.nextDouble() < 0.7) {
        int code = rnd.nextDouble() < 0.9 ? 1 + rnd.nextInt(4) : 100 + rnd.nextInt(300);
        codes[i] = rnd.nextBoolean() ? code : -code;
        beta[i] = codes[i] / 128.0;
      }
    }
    codes[5] = -512; // -4: the largest symbol, whose quotient is the largest the reader accepts
    beta[5] = -4;
    for (PositionLayout layout : new PositionLayout[] {PositionLayout.COMPACT, PositionLayout.GROUPED}) {
      CompressedModel m = CompressedModel.builder(CoefficientSource.of(1, d, beta)).fractionBits(M).seed(SEED)
          .positionLayout(layout).build();
      BlockStore s = (BlockStore) m.coefficients;
      assertEquals(BlockLayout.EXP_GOLOMB, s.family);
      assertEquals(3, s.param, "k");
      CompressedModel back = read(bytes(m));
      for (int c = 0; c <= d; c++) {
        assertEquals(codes[c], m.code(c), "coordinate " + c);
        assertEquals(codes[c], back.code(c), "coordinate " + c);
      }
      int[] slots = {7, 100, 1999, 1500};
      double[] values = {1, -0.5, 2, 0.25};
      double z = codes[d] / 128.0;
      double s2 = 0;
      for (int i = 0; i < slots.length; i++) {
        s2 += codes[slots[i]] * values[i];
      }
      z += s2 / 128.0;
      assertEquals(1 / (1 + Math.exp(-z)), back.probabilities(slots, values, slots.length)[1], 1e-12);
    }
  }

  /**
   * Fixed fields of three outputs (w = 7) with escapes in every output: each output's field is found at its
   * offset inside the element ({@code code(slot, o)}), a prediction adds the three outputs' fields in turn,
   * and an escape of output 1 or 2 finds its code after all the block's fields; slot 3 holds -4 in output 1,
   * the alphabet's last symbol.
   */
  @Test
  void fixedFieldsOfThreeOutputsReadBack() throws IOException {
    int k = 3;
    int d = 3000;
    double[] beta = SyntheticModels.laplacePerSlot(k, d, 0.5, 0.05, 26);
    beta[3 * k + 1] = -4; // the largest symbol, escaped with the largest quotient the reader accepts
    CompressedModel m = CompressedModel.builder(CoefficientSource.of(k, d, beta)).fractionBits(9).seed(SEED)
        .positionLayout(PositionLayout.DIRECT).build();
    BlockStore s = (BlockStore) m.coefficients;
    assertEquals(BlockLayout.FIXED, s.family);
    assertEquals(BlockLayout.MAP_ZIGZAG, s.mapping());
    int w = BlockLayout.fieldWidth(s.param);
    assertEquals(7, w);
    assertEquals(5, BlockLayout.escapeParam(s.param), "k2");
    CoarseQuantizer q = new CoarseQuantizer(9);
    int[] codes = new int[beta.length];
    int[] escapes = new int[k];
    for (int c = 0; c < beta.length; c++) {
      codes[c] = q.randomizedCode(beta[c], SEED, c);
      int symbol = codes[c] >= 0 ? 2 * codes[c] : -2 * codes[c] - 1;
      if (symbol >= (1 << w) - 1) {
        escapes[c % k]++;
      }
    }
    for (int o = 0; o < k; o++) {
      assertTrue(escapes[o] > 10, "escapes in output " + o + ": " + escapes[o]);
    }
    CompressedModel back = read(bytes(m));
    for (int c = 0; c < beta.length; c++) {
      assertEquals(codes[c], m.code(c), "coordinate " + c);
      assertEquals(codes[c], back.code(c), "coordinate " + c);
      assertEquals(codes[c] / 512.0, back.coefficient(c / k, c % k), "coordinate " + c);
    }
    Random rnd = new Random(3);
    double[] scores = new double[k];
    for (int e = 0; e < 200; e++) {
      int[] slots = {rnd.nextInt(d), rnd.nextInt(d), rnd.nextInt(d)};
      double[] values = {1, -0.5, 2};
      back.predictScores(slots, values, slots.length, scores);
      for (int o = 0; o < k; o++) {
        double expected = codes[d * k + o] / 512.0;
        for (int i = 0; i < slots.length; i++) {
          expected += codes[slots[i] * k + o] * (values[i] / 512.0);
        }
        assertEquals(expected, scores[o], 1e-12, "example " + e + " output " + o);
      }
    }
  }

  @Test
  void golombRiceBlocksHoldingTheLargestSymbolReadBack() throws IOException {
    double[] beta = SyntheticModels.laplace(1, 600, 0.3, 0.3, 12);
    beta[3] = -4;
    CompressedModel m = CompressedModel.builder(CoefficientSource.of(1, 600, beta)).fractionBits(M).seed(SEED)
        .positionLayout(PositionLayout.COMPACT).build();
    assertReadsBack(m, beta, BlockLayout.RICE);
  }

  /**
   * The size report names the layout the file's section header holds (docs/compressed-format.md,
   * coefficient section): code family and parameter, symbol mapping and alphabet, blocks, position
   * allowance, payload bits and index bits (anchor words, the two biases, one residual entry per block
   * and the closing one).
   */
  @Test
  void theSizeReportStatesTheSectionHeader() throws IOException {
    double[] heavy = heavyTailed(2, 400);
    double[] laplace = SyntheticModels.laplace(1, 600, 0.3, 0.3, 12);
    CompressedModel[] models = {
        CompressedModel.builder(CoefficientSource.of(2, 400, heavy)).fractionBits(M).positionLayout(PositionLayout.COMPACT).build(),
        CompressedModel.builder(CoefficientSource.of(2, 400, heavy)).fractionBits(M).positionLayout(PositionLayout.GROUPED).build(),
        CompressedModel.builder(CoefficientSource.of(2, 400, heavy)).fractionBits(M).positionLayout(PositionLayout.DIRECT).build(),
        CompressedModel.builder(CoefficientSource.of(1, 600, laplace)).fractionBits(M).positionLayout(PositionLayout.FAST).build(),
        CorruptFileTest.tableMapped()};
    java.util.Set<String> seen = new java.util.TreeSet<>();
    for (CompressedModel m : models) {
      java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes(m)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
      int c = 36;
      int mapping = b.get(c);
      int family = b.get(c + 1);
      int param = b.get(c + 2) & 0xFF;
      int blockShift = b.get(c + 3);
      int entryBits = b.get(c + 5) + b.get(c + 6);
      int allowance = b.get(c + 7) & 0xFF;
      int alphabet = b.getInt(c + 8);
      long payloadBits = b.getLong(c + 20);
      int anchorWords = b.getInt(c + 44);
      long blocks = ((long) m.numSlots() >>> blockShift) + 1;
      String code = family == 0 ? "Golomb-Rice k=" + param : family == 1 ? "Exp-Golomb k=" + param
          : "fixed " + (param & 31) + " bits, escapes Golomb-Rice k=" + (param >>> 5);
      String symbols = mapping == 0 ? "zigzag" : mapping == 1 ? "zigzag without 0" : "frequency table";
      String positions = allowance == 0 ? "compact" : allowance == 4 ? "fast" : "grouped";
      assertTrue(allowance == 0 || allowance == 4 || allowance == 255, "allowance " + allowance);
      String r = m.sizeReport();
      String[] lines = {
          String.format(java.util.Locale.ROOT, "  code                   %s, symbols %s (%d)", code, symbols, alphabet),
          String.format(java.util.Locale.ROOT, "  blocks                 %,d of 2^%d slots, %s positions", blocks, blockShift,
              positions),
          String.format(java.util.Locale.ROOT, "  payload                %,d bits", payloadBits),
          String.format(java.util.Locale.ROOT, "  index                  %,d bits", 64L * anchorWords + 128 + (blocks + 1) * entryBits)};
      for (String line : lines) {
        assertTrue(r.contains(line + System.lineSeparator()), line + " in\n" + r);
      }
      seen.add(code.replaceAll(" k=.*|[0-9]+ bits.*", "") + "/" + symbols + "/" + positions);
    }
    // each family, mapping and allowance at least once
    String all = String.join(" ", seen);
    for (String part : new String[] {"Golomb-Rice", "Exp-Golomb", "fixed", "/zigzag/", "/zigzag without 0/",
        "/frequency table/", "/compact", "/fast", "/grouped"}) {
      assertTrue(all.contains(part), part + " in " + all);
    }
  }
}
