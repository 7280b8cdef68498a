package lessram.compressed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/**
 * A model small enough to know every answer: the public lookups at their bounds, predictions by slot and by
 * feature id against the hand-computed scores, and the sizes (section, file, report) from the format's
 * byte layout (docs/compressed-format.md).
 */
class CompressedModelKnownAnswerTest {
  /** D = 3, K = 1 at q2.2: slots 0..2 hold 0.5, 0, -1, the bias (slot 3) 2; all on the grid. */
  private static CompressedModel binary() {
    return CompressedModel.builder(CoefficientSource.of(1, 3, new double[] {0.5, 0, -1, 2})).fractionBits(2).build();
  }

  /** D = 2, K = 3 at q2.3, coordinate = slot * 3 + output; the bias is slot 2. */
  private static final double[] MULTI = {0.5, -0.25, 1, 0, 0, 0, 0.125, -1, 2};

  private static CompressedModel multiclass() {
    return CompressedModel.builder(CoefficientSource.of(3, 2, MULTI)).fractionBits(3).build();
  }

  @Test
  void lookupsAtTheirBounds() {
    CompressedModel m = binary();
    assertEquals(0.25, m.resolution());
    assertEquals(4, m.numCoordinates());
    assertEquals(0.5, m.coefficient(0));
    assertEquals(2.0, m.coefficient(3));
    assertEquals(2.0, m.coefficient(3, 0));
    assertEquals(8, m.code(3));
    assertEquals(-4, m.code(2));
    assertArrayEquals(new double[] {2.0}, m.bias());
    IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> m.coefficient(4));
    assertEquals("coordinate 4 outside 0..3", e.getMessage());
    e = assertThrows(IndexOutOfBoundsException.class, () -> m.code(4));
    assertEquals("coordinate 4 outside 0..3", e.getMessage());
    e = assertThrows(IndexOutOfBoundsException.class, () -> m.code(-1));
    assertEquals("coordinate -1 outside 0..3", e.getMessage());
    e = assertThrows(IndexOutOfBoundsException.class, () -> m.coefficient(0, 1));
    assertEquals("slot 0 / output 1 outside the model", e.getMessage());
    e = assertThrows(IndexOutOfBoundsException.class, () -> m.coefficient(4, 0));
    assertEquals("slot 4 / output 0 outside the model", e.getMessage());
    e = assertThrows(IndexOutOfBoundsException.class, () -> m.dot(new int[] {0}, new double[] {1}, 1, 1));
    assertEquals("output 1", e.getMessage());
    // a direct space: ids 0..D-1 are their own slots
    assertEquals(0, m.slotOf(0));
    assertEquals(2, m.slotOf(2));
    assertEquals(-1, m.slotOf(3));
    assertEquals(-1, m.slotOf(-1));

    CompressedModel k3 = multiclass();
    assertEquals(-1.0, k3.coefficient(2, 1));
    e = assertThrows(IndexOutOfBoundsException.class, () -> k3.coefficient(0, 3));
    assertEquals("slot 0 / output 3 outside the model", e.getMessage());
    e = assertThrows(IndexOutOfBoundsException.class, () -> k3.dot(new int[] {0}, new double[] {1}, 1, 3));
    assertEquals("output 3", e.getMessage());
    assertEquals(0.5 * 2 + 0.125, k3.dot(new int[] {0}, new double[] {2}, 1, 0));
    assertEquals(-0.25 * 2 - 1, k3.dot(new int[] {0}, new double[] {2}, 1, 1));
  }

  @Test
  void anExampleLongerThanItsArraysIsTheCallersError() {
    CompressedModel m = binary();
    int[] slots = {0, 1};
    double[] values = {1, 1};
    double[] out = new double[2];
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.predictScores(slots, values, 3, out));
    assertEquals("nnz 3 exceeds the arrays", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> m.dot(slots, values, 3, 0));
    assertEquals("nnz 3 exceeds the arrays", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> m.probabilitiesForFeatureIds(slots, values, 3, out));
    assertEquals("nnz 3 exceeds the arrays", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> m.probabilities(slots, new double[1], 2));
    assertEquals("nnz 2 exceeds the arrays", e.getMessage());
  }

  @Test
  void predictionsByFeatureIdIncludeTheBias() {
    CompressedModel m = binary();
    double[] out = new double[2];
    // ids 0 and 2 (0.5 * 2 - 1 * 1) plus the bias 2; id 3 has no slot
    m.probabilitiesForFeatureIds(new int[] {0, 2, 3}, new double[] {2, 1, 5}, 3, out);
    double p = 1 / (1 + Math.exp(-2.0));
    assertEquals(1 - p, out[0], 1e-15);
    assertEquals(p, out[1], 1e-15);
    m.probabilitiesForFeatureIds(new int[0], new double[0], 0, out);
    assertEquals(p, out[1], 1e-15);

    CompressedModel k3 = multiclass();
    double[] byId = new double[3];
    k3.probabilitiesForFeatureIds(new int[] {0, 1, 7}, new double[] {2, 3, 1}, 3, byId);
    double[] z = {0.5 * 2 + 0.125, -0.25 * 2 - 1, 1 * 2 + 2};
    double max = Math.max(z[0], Math.max(z[1], z[2]));
    double sum = 0;
    double[] expected = new double[3];
    for (int o = 0; o < 3; o++) {
      expected[o] = Math.exp(z[o] - max);
      sum += expected[o];
    }
    for (int o = 0; o < 3; o++) {
      assertEquals(expected[o] / sum, byId[o], 1e-15);
    }
    assertArrayEquals(k3.probabilities(new int[] {0, 1}, new double[] {2, 3}, 2), byId);
    k3.probabilitiesForFeatureIds(new int[0], new double[0], 0, byId);
    assertArrayEquals(k3.probabilities(new int[0], new double[0], 0), byId);
  }

  /**
   * The ranked section of {@link #binary()}: slots 0, 2 and 3 stored (codes 2, -4, 8, once each), so a
   * table of 3 symbols, 2-bit fields without escapes, one bit per slot (g = 0). 64 bytes of fields, 2 per
   * symbol, then one occupancy word, one occupancy directory entry, one field word (6 bits), one escape
   * directory entry (4 bytes) and no escape word: 64 + 6 + 8 + 8 + 8 + 4 = 98 bytes.
   */
  @Test
  void sizesFollowTheByteLayout() throws IOException {
    CompressedModel m = binary();
    assertEquals(98, m.coefficientSectionBytes());
    assertEquals(8.0 * 98 / 4, m.realizedBitsPerCoefficient());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    m.writeTo(out);
    byte[] file = out.toByteArray();
    // 36 header bytes, the section, the 4-byte checksum
    assertEquals(36 + 98 + 4, file.length);
    assertEquals(file.length, m.serializedSizeInBytes());
    assertEquals(3, file[8], "format version 3 (ranked)");
    assertEquals(3, file[36 + 8], "alphabet size");
    assertEquals(2, file[36 + 2], "field width");
    CompressedModel back = CompressedModel.read(new ByteArrayInputStream(file));
    assertEquals(98, back.coefficientSectionBytes());
    assertEquals(file.length, back.serializedSizeInBytes());
    // with parameters and metadata: 8 bytes per parameter and the metadata's bytes more
    CompressedModel h = CompressedModel.builder(CoefficientSource.of(1, 3, new double[] {0.5, 0, -1, 2}))
        .fractionBits(2).featureSpace(FeatureSpaceDescriptor.hashed(2, 9).withMetadata("abc")).build();
    out.reset();
    h.writeTo(out);
    assertEquals(36 + 16 + 3 + 98 + 4, out.size());
    assertEquals(out.size(), h.serializedSizeInBytes());
  }

  @Test
  void theSizeReportStatesTheCounts() {
    CompressedModel m = binary();
    String r = m.sizeReport();
    // codes 2, 0, -4, 8 once each: 2 bits of entropy; 196 bits per coefficient realized
    assertTrue(r.startsWith("CompressedModel q2.2, K=1, D=3, DIRECT[]"), r);
    assertTrue(r.contains("  coordinates            4 (3 non-zero, 75.00%)"), r);
    assertTrue(r.contains("  stored slots           3 of 4"), r);
    assertTrue(r.contains("  entropy                2.0000 bits/coefficient"), r);
    assertTrue(r.contains("  realized               196.0000 bits/coefficient (9800.0% of entropy, 612.50% of float32)"), r);
    assertTrue(r.contains("  file                   138 bytes"), r);
    assertEquals("CompressedModel[q2.2, K=1, D=3, 196.000 bits/coefficient, entropy 2.000]", m.toString());
  }

  @Test
  void theRankedSectionReportsItsShape() throws IOException {
    String r = binary().sizeReport();
    // 224 bits of arrays: occupancy word and directory entry, one field word, one escape directory entry
    assertTrue(r.contains("  code                   fixed 2 bits, escapes 0 x 0 bits, frequency table (3)"), r);
    assertTrue(r.contains("  positions              ranked: one bit per slot"), r);
    assertTrue(r.contains("  arrays                 224 bits"), r);
    CompressedModel grouped = CorruptFileTest.smallRankedGrouped();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    grouped.writeTo(out);
    int g = out.toByteArray()[36 + 4];
    assertTrue(g > 0);
    assertTrue(grouped.sizeReport().contains("  positions              ranked: one bit per group of " + (1 << g)
        + " slots + masks"), grouped.sizeReport());
  }

  /** The reader says at which byte the stream ended and how many bytes the value being read still needed. */
  @Test
  void aTruncatedFileSaysWhereItEnded() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    binary().writeTo(out);
    byte[] file = out.toByteArray();
    // 36 header bytes, 64 section bytes, the 3 table codes (100..105), the occupancy word (106..113) ...
    // the checksum (134..137); the number of outputs is bytes 12..15
    int[][] cuts = {{136, 2}, {110, 4}, {100, 2}, {14, 2}};
    for (int[] cut : cuts) {
      java.io.EOFException e = assertThrows(java.io.EOFException.class,
          () -> CompressedModel.read(new ByteArrayInputStream(java.util.Arrays.copyOf(file, cut[0]))));
      assertEquals("truncated compressed model: the stream ended at byte " + cut[0] + " while " + cut[1]
          + " more bytes were expected", e.getMessage());
    }
  }

  /** A symbol table code one past the q2.m range (codes -2^(m+2) .. 2^(m+2) - 1) is a format error. */
  @Test
  void aSymbolTableCodePastTheRangeIsRefused() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    binary().writeTo(out);
    byte[] file = out.toByteArray();
    java.nio.ByteBuffer.wrap(file).order(java.nio.ByteOrder.LITTLE_ENDIAN).putShort(100, (short) 16);
    IOException e = assertThrows(IOException.class,
        () -> CompressedModel.read(new ByteArrayInputStream(CorruptFileTest.withCrc(file))));
    assertEquals("invalid compressed model: symbol table code 16 outside the q2.2 range", e.getMessage());
    java.nio.ByteBuffer.wrap(file).order(java.nio.ByteOrder.LITTLE_ENDIAN).putShort(100, (short) -17);
    e = assertThrows(IOException.class,
        () -> CompressedModel.read(new ByteArrayInputStream(CorruptFileTest.withCrc(file))));
    assertEquals("invalid compressed model: symbol table code -17 outside the q2.2 range", e.getMessage());
  }

  /** The largest number of outputs, 2^16, and metadata longer than the reader's first buffer (64 KiB). */
  @Test
  void limitsOfTheHeaderReadBack() throws IOException {
    int k = CompressedModel.MAX_OUTPUTS;
    double[] beta = new double[k];
    beta[0] = 1;
    beta[k - 1] = -0.5;
    byte[] meta = new byte[150_000];
    for (int i = 0; i < meta.length; i++) {
      meta[i] = (byte) (i * 31 + (i >>> 8));
    }
    CompressedModel m = CompressedModel.builder(CoefficientSource.of(k, 0, beta)).fractionBits(2)
        .featureSpace(FeatureSpaceDescriptor.direct().withMetadata(meta)).build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    m.writeTo(out);
    assertEquals(out.size(), m.serializedSizeInBytes());
    CompressedModel back = CompressedModel.read(new ByteArrayInputStream(out.toByteArray()));
    assertEquals(k, back.numOutputs());
    assertEquals(1.0, back.coefficient(0, 0));
    assertEquals(-0.5, back.coefficient(0, k - 1));
    assertEquals(0.0, back.coefficient(0, 7));
    assertArrayEquals(meta, back.featureSpace().metadata());
    assertThrows(IllegalArgumentException.class,
        () -> CompressedModel.builder(CoefficientSource.of(k + 1, 0, new double[k + 1])).build());
  }

  /** Feature ids up to 2^31 - 1 are legal in a sparse space: above 2^30 the id store needs blocks of 2 or more. */
  @Test
  void sparseIdsAboveTwoToThe30ReadBack() throws IOException {
    int big = (1 << 30) + 7;
    CompressedModel m = CompressedModel.builder(CoefficientSource.of(1, 2, new double[] {0.5, -1, 2}))
        .featureSpace(FeatureSpaceDescriptor.sparse()).sparseFeatureIds(new int[] {5, big}).fractionBits(2).build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    m.writeTo(out);
    CompressedModel back = CompressedModel.read(new ByteArrayInputStream(out.toByteArray()));
    for (CompressedModel x : new CompressedModel[] {m, back}) {
      assertEquals(0, x.slotOf(5));
      assertEquals(1, x.slotOf(big));
      assertEquals(-1, x.slotOf(big - 1));
      assertEquals(-1, x.slotOf(Integer.MAX_VALUE));
      assertArrayEquals(new int[] {5, big}, x.featureIds());
    }
    double[] p = back.probabilities(new int[] {1}, new double[] {1}, 1);
    assertEquals(1 / (1 + Math.exp(-1.0)), p[1], 1e-15);
  }

  /** The file is complete in the stream when {@code writeTo} returns (the stream is flushed, not closed). */
  @Test
  void writeToFlushesTheStream() throws IOException {
    CompressedModel m = binary();
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    BufferedOutputStream buffered = new BufferedOutputStream(sink, 1 << 16);
    m.writeTo(buffered);
    assertEquals(m.serializedSizeInBytes(), sink.size());
  }

  /**
   * The writer's 64 KB buffer around its end: an array of words starting with fewer than 8 bytes free (the
   * buffer is drained first), and a byte right after an array that filled the buffer exactly (drained then).
   * The bytes and the checksum are those of the plain sequence.
   */
  @Test
  void theWriteBufferIsDrainedAtItsEnd() throws IOException {
    long[] words = new long[16383];
    for (int i = 0; i < words.length; i++) {
      words[i] = 0x0102030405060708L * (i + 1);
    }
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    CompressedModelIO.Out out = new CompressedModelIO.Out(sink);
    ByteBuffer expected = ByteBuffer.allocate(65533 + 16 + 1 + 1 + 8 * words.length + 1)
        .order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < 65533; i++) { // 3 bytes free
      out.u8(i);
      expected.put((byte) i);
    }
    out.longs(words, 2);
    expected.putLong(words[0]).putLong(words[1]);
    out.u8(0xA5);
    expected.put((byte) 0xA5);
    out.crc(); // drained: the buffer starts empty
    out.u8(0x5A); // one byte, then 8,191 words leave 7 bytes free: drained, 8,192 words fill the buffer exactly
    expected.put((byte) 0x5A);
    out.longs(words, words.length);
    for (long w : words) {
      expected.putLong(w);
    }
    out.u8(0x3C);
    expected.put((byte) 0x3C);
    int crc = out.crc();
    out.flush();
    assertArrayEquals(expected.array(), sink.toByteArray());
    CRC32C c = new CRC32C();
    c.update(expected.array());
    assertEquals((int) c.getValue(), crc);
  }

  /**
   * A ranked model of 600,000 slots read from a stream: its 8-bit fields take more than 2^16 words (more than
   * one read chunk), and its 450 escapes make escape-directory entries above 255 (more than one byte of an int).
   * 200 codes share 599,000 slots, 100 rarer ones 10 slots each; in decreasing frequency the last 45 of those
   * are past the fields' limit of 255.
   */
  @Test
  void aLargeRankedModelReadsBackFromAStream() throws IOException {
    int d = 600_000;
    double[] beta = new double[d + 1];
    Random rnd = new Random(3);
    for (int i = 0; i <= d; i++) {
      int c = 1 + rnd.nextInt(100);
      beta[i] = (rnd.nextBoolean() ? c : -c) / 64.0;
    }
    for (int r = 0; r < 1000; r++) {
      int c = 101 + r % 100; // codes 101..200, 10 slots each
      beta[r * 599] = c / 64.0;
    }
    CompressedModel m = CompressedModel.builder(CoefficientSource.of(1, d, beta)).fractionBits(6)
        .positionLayout(PositionLayout.RANKED).build();
    RankedStore s = CorruptFileTest.ranked(m);
    assertEquals(8, s.width);
    assertEquals(300, s.alphabetSize);
    assertEquals(450, s.escapes);
    assertTrue(Bits.words((d + 1L) * 8) > 1 << 16);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    m.writeTo(out);
    CompressedModel back = CompressedModel.read(new ByteArrayInputStream(out.toByteArray()));
    for (int c = 0; c <= d; c++) {
      if (back.code(c) != m.code(c)) {
        assertEquals(m.code(c), back.code(c), "coordinate " + c);
      }
    }
  }

  /**
   * q2.13, values spread evenly over the whole range: about 63,000 codes in use, so fields narrower than 16 bits
   * would escape far more than one field in 256; the ranked layout takes 16-bit fields, its widest.
   */
  @Test
  void aRankedModelOfSixteenBitFieldsReadsBack() throws IOException {
    int d = 300_000;
    double[] beta = new double[d + 1];
    Random rnd = new Random(4);
    for (int i = 0; i <= d; i++) {
      beta[i] = (rnd.nextInt(1 << 16) - (1 << 15)) / 8192.0;
    }
    CompressedModel m = CompressedModel.builder(CoefficientSource.of(1, d, beta)).fractionBits(13)
        .positionLayout(PositionLayout.RANKED).build();
    assertEquals(16, CorruptFileTest.ranked(m).width);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    m.writeTo(out);
    CompressedModel back = CompressedModel.read(new ByteArrayInputStream(out.toByteArray()));
    for (int c = 0; c <= d; c += 7) {
      assertEquals(beta[c], back.coefficient(c), "coordinate " + c);
    }
  }

  @Test
  void theBuilderSaysWhatIsWrong() {
    double[] beta = {0.5, 0, -1, 2};
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CompressedModel
        .builder(CoefficientSource.of(1, 3, beta)).featureSpace(FeatureSpaceDescriptor.sparse()).build());
    assertEquals("a sparse feature space needs sparseFeatureIds", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> CompressedModel.builder(CoefficientSource.of(1, 3, beta))
        .sparseFeatureIds(new int[] {1, 2, 3}).build());
    assertEquals("sparseFeatureIds given for a DIRECT feature space", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> CoefficientSource.of(2, 3, beta));
    assertEquals("expected 8 coefficients, got 4", e.getMessage());
  }
}
