package lessram.compressed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Every kind of damaged or hostile file must fail fast with an IOException, never anything else. */
class CorruptFileTest {
  /** Offsets of header fields (no parameters, no metadata). */
  static final int K = 12;
  static final int D = 16;
  static final int M = 20;
  static final int KIND = 21;
  static final int NUM_PARAMS = 22;
  static final int META_LEN = 32;
  /** Coefficient section, right after the 36-byte header when there are no parameters and no metadata. */
  static final int C = 36;
  static final int MAPPING = C;
  static final int FAMILY = C + 1;
  static final int PARAM = C + 2;
  static final int BLOCK_SHIFT = C + 3;
  static final int SUPER_SHIFT = C + 4;
  static final int W_OFFSET = C + 5;
  static final int W_RANK = C + 6;
  static final int ALPHABET = C + 8;
  static final int COUNT = C + 12;
  static final int PAYLOAD_BITS = C + 20;
  static final int SUPER_WORDS = C + 44;
  static final int REL_WORDS = C + 48;
  static final int PAYLOAD_WORDS = C + 52;
  static final int TABLE = C + 56;

  static byte[] bytes(CompressedModel m) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    m.writeTo(out);
    return out.toByteArray();
  }

  static CompressedModel small() {
    return CompressedModel.builder(CoefficientSource.of(2, 300, SyntheticModels.laplace(2, 300, 0.8, 0.1, 3)))
        .fractionBits(6).seed(4).targetBlockBits(128).positionLayout(PositionLayout.COMPACT).build();
  }

  /** Two-level bitmaps (format version 2): about 20% of the slots stored. */
  static CompressedModel smallGrouped() {
    return CompressedModel.builder(CoefficientSource.of(1, 700, SyntheticModels.laplace(1, 700, 0.8, 0.1, 6)))
        .fractionBits(6).seed(4).targetBlockBits(128).positionLayout(PositionLayout.GROUPED).build();
  }

  /** Fixed-width values with escapes (format version 2), 2 outputs. */
  static CompressedModel smallDirect() {
    return CompressedModel.builder(CoefficientSource.of(2, 500, SyntheticModels.laplace(2, 500, 0.85, 0.3, 7)))
        .fractionBits(6).seed(4).targetBlockBits(128).positionLayout(PositionLayout.DIRECT).build();
  }

  /** The ranked layout (format version 3), one bit per slot, 2 outputs, with escaped values. */
  static CompressedModel smallRanked() {
    // 15 values on the grid, two rare outliers: 4-bit fields, the two least frequent symbols escaped
    double[] beta = new double[2 * 400];
    for (int i = 0; i < beta.length; i++) {
      beta[i] = ((i * 7) % 15 - 7) * 0.25;
    }
    beta[11] = 3.875;
    beta[300] = -3.75;
    CompressedModel m = CompressedModel.builder(CoefficientSource.of(2, 399, beta))
        .fractionBits(9).seed(4).positionLayout(PositionLayout.RANKED).build();
    assertEquals(0, ranked(m).groupShift);
    assertTrue(ranked(m).escapes > 0);
    return m;
  }

  /** The ranked layout with groups of slots and masks (about 5% of the slots stored), one output. */
  static CompressedModel smallRankedGrouped() {
    CompressedModel m = CompressedModel.builder(CoefficientSource.of(1, 1500, SyntheticModels.laplace(1, 1500, 0.95, 0.1, 9)))
        .fractionBits(6).seed(4).positionLayout(PositionLayout.RANKED).build();
    assertTrue(ranked(m).groupShift > 0);
    return m;
  }

  /** The ranked layout for a sparse feature space (feature ids in the grouped block layout). */
  static CompressedModel smallRankedSparse() {
    int[] ids = new int[90];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = i * i * 5 + (i % 4);
    }
    return CompressedModel.builder(CoefficientSource.of(1, 90, SyntheticModels.laplace(1, 90, 0.5, 0.2, 10)))
        .featureSpace(FeatureSpaceDescriptor.sparse().withMetadata("r")).sparseFeatureIds(ids)
        .fractionBits(5).targetBlockBits(64).positionLayout(PositionLayout.RANKED).build();
  }

  static CompressedModel smallSparse() {
    int[] ids = new int[120];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = i * i * 7 + (i % 3);
    }
    return CompressedModel.builder(CoefficientSource.of(1, 120, SyntheticModels.laplace(1, 120, 0.5, 0.2, 5)))
        .featureSpace(FeatureSpaceDescriptor.sparse().withMetadata("m")).sparseFeatureIds(ids)
        .fractionBits(5).targetBlockBits(64).positionLayout(PositionLayout.FAST).build();
  }

  /** A model whose symbols use the explicit frequency table. */
  static CompressedModel tableMapped() {
    double[] beta = new double[401];
    for (int i = 0; i < beta.length; i++) {
      beta[i] = i % 3 == 0 ? 0 : i % 3 == 1 ? 1.5 : -2.25;
    }
    CompressedModel m = CompressedModel.builder(CoefficientSource.of(1, 400, beta)).fractionBits(7)
        .positionLayout(PositionLayout.DIRECT).build();
    assertEquals(BlockLayout.MAP_TABLE, ((BlockStore) m.coefficients).mapping());
    return m;
  }

  /** The ranked store of a model in the ranked layout. */
  static RankedStore ranked(CompressedModel m) {
    return (RankedStore) m.coefficients;
  }

  static CompressedModel read(byte[] b) throws IOException {
    return CompressedModel.read(new ByteArrayInputStream(b));
  }

  static byte[] withCrc(byte[] b) {
    byte[] c = b.clone();
    CRC32C crc = new CRC32C();
    crc.update(c, 0, c.length - 4);
    ByteBuffer.wrap(c, c.length - 4, 4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) crc.getValue());
    return c;
  }

  static byte[] patch32(byte[] b, int at, int v) {
    byte[] c = b.clone();
    ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN).putInt(at, v);
    return withCrc(c);
  }

  static byte[] patch64(byte[] b, int at, long v) {
    byte[] c = b.clone();
    ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN).putLong(at, v);
    return withCrc(c);
  }

  static byte[] patch8(byte[] b, int at, int v) {
    byte[] c = b.clone();
    c[at] = (byte) v;
    return withCrc(c);
  }

  static void assertRejected(byte[] b, String messagePart) {
    IOException e = assertThrows(IOException.class, () -> read(b));
    if (messagePart != null) {
      assertTrue(e.getMessage().contains(messagePart), "message '" + e.getMessage() + "' lacks '" + messagePart + "'");
    }
  }

  @Tag("slow")
  @Test
  void everyTruncationIsRejected() throws IOException {
    for (CompressedModel m : new CompressedModel[] {small(), smallSparse(), smallGrouped(), smallDirect(), smallRanked(),
        smallRankedGrouped(), smallRankedSparse()}) {
      byte[] full = bytes(m);
      read(full); // sanity
      for (int len = 0; len < full.length; len++) {
        byte[] cut = Arrays.copyOf(full, len);
        assertThrows(EOFException.class, () -> read(cut), "prefix of " + len + " bytes");
      }
    }
  }

  @Tag("slow")
  @Test
  void everyBitFlipIsRejected() throws IOException {
    for (CompressedModel m : new CompressedModel[] {small(), smallSparse(), tableMapped(), smallGrouped(), smallDirect(),
        smallRanked(), smallRankedGrouped(), smallRankedSparse()}) {
      byte[] full = bytes(m);
      for (int bit = 0; bit < full.length * 8; bit++) {
        byte[] bad = full.clone();
        bad[bit >>> 3] ^= (byte) (1 << (bit & 7));
        assertThrows(IOException.class, () -> read(bad), "bit " + bit);
      }
    }
  }

  @Test
  void wrongMagicAndVersion() throws IOException {
    byte[] full = bytes(small());
    byte[] magic = full.clone();
    magic[0] = 'X';
    assertRejected(magic, "bad magic");
    assertRejected("not a model at all, just some text".getBytes(java.nio.charset.StandardCharsets.UTF_8), "bad magic");
    byte[] v4 = full.clone();
    v4[8] = 4;
    assertRejected(withCrc(v4), "unsupported compressed model format version 4");
    // version 3 is exactly the ranked coefficient section: a block section under version 3 and a ranked one
    // under version 1 or 2 are read as the other layout and rejected
    byte[] v3 = full.clone();
    v3[8] = 3;
    assertRejected(withCrc(v3), null);
    byte[] ranked = bytes(smallRanked());
    assertEquals(3, ranked[8]);
    for (int v = 1; v <= 2; v++) {
      byte[] rankedAsOld = ranked.clone();
      rankedAsOld[8] = (byte) v;
      assertRejected(withCrc(rankedAsOld), null);
    }
    // a version-1 file cannot use the grouped layout, and version 2 is only written for it
    byte[] grouped = bytes(smallGrouped());
    assertEquals(2, grouped[8]);
    read(grouped); // sanity
    byte[] groupedAsV1 = grouped.clone();
    groupedAsV1[8] = 1;
    assertRejected(withCrc(groupedAsV1), "bitmap allowance 255");
    byte[] v2 = full.clone();
    v2[8] = 2;
    assertRejected(withCrc(v2), "format version 2 without the grouped layout");
    byte[] direct = bytes(smallDirect());
    assertEquals(2, direct[8]);
    assertEquals(BlockLayout.FIXED, ((BlockStore) smallDirect().coefficients).family);
    assertTrue(smallDirect().toString() != null);
    byte[] v0 = full.clone();
    v0[8] = 0;
    assertRejected(withCrc(v0), "version 0");
    assertRejected(patch8(full, 10, 0x80), "unknown compressed model flags 0x80");
    assertRejected(new byte[0], null);
  }

  @Test
  void checksumMismatchIsReported() throws IOException {
    byte[] full = bytes(small());
    byte[] bad = full.clone();
    bad[bad.length - 10] ^= 1; // payload bit, CRC not fixed
    assertRejected(bad, "checksum mismatch");
    byte[] crc = full.clone();
    crc[crc.length - 1] ^= 1;
    assertRejected(crc, "checksum mismatch");
  }

  @Test
  void hostileHeaderFieldsFailBeforeAllocating() throws IOException {
    byte[] full = bytes(small());
    assertRejected(patch32(full, META_LEN, Integer.MAX_VALUE), "metadata length");
    assertRejected(patch32(full, META_LEN, -1), "metadata length");
    assertRejected(patch32(full, K, 0), "number of outputs");
    assertRejected(patch32(full, K, -7), "number of outputs");
    assertRejected(patch32(full, K, Integer.MAX_VALUE), "number of outputs");
    assertRejected(patch32(full, D, -1), "negative number of slots");
    assertRejected(patch32(full, D, Integer.MAX_VALUE), "too many coordinates");
    assertRejected(patch8(full, M, 0), "fraction bits");
    assertRejected(patch8(full, M, 14), "fraction bits");
    assertRejected(patch8(full, KIND, 9), "feature-space kind");
    assertRejected(patch8(full, KIND, 2), "feature-id section missing");
    assertRejected(patch8(full, NUM_PARAMS, 200), "parameters");
    assertRejected(patch8(full, 23, 1), "reserved");
  }

  @Test
  void hostileSectionFieldsFailBeforeAllocating() throws IOException {
    byte[] full = bytes(small());
    assertRejected(patch8(full, MAPPING, 3), "symbol mapping");
    assertRejected(patch8(full, FAMILY, 2), "code family");
    assertRejected(patch8(full, PARAM, 99), "code parameter");
    assertRejected(patch8(full, BLOCK_SHIFT, 200), "block shifts");
    assertRejected(patch8(full, SUPER_SHIFT, 60), "block shifts");
    assertRejected(patch8(full, W_OFFSET, 60), "entry width");
    assertRejected(patch32(full, ALPHABET, 3), "alphabet size");
    assertRejected(patch8(full, C + 7, 200), "bitmap allowance");
    assertRejected(patch64(full, COUNT, -1), "stored slot count");
    assertRejected(patch64(full, COUNT, 1L << 40), "stored slot count");
    assertRejected(patch64(full, PAYLOAD_BITS, -5), "payload length");
    assertRejected(patch64(full, PAYLOAD_BITS, Long.MAX_VALUE), "payload length");
    assertRejected(patch32(full, SUPER_WORDS, -1), "section lengths");
    assertRejected(patch32(full, REL_WORDS, 1 << 30), "section lengths");
    assertRejected(patch32(full, PAYLOAD_WORDS, Integer.MAX_VALUE), "section lengths");
  }

  /** Offsets of the ranked coefficient section (format version 3). */
  static final int R_WIDTH = C + 2;
  static final int R_ESCAPE_WIDTH = C + 3;
  static final int R_GROUP_SHIFT = C + 4;
  static final int R_RESERVED = C + 5;
  static final int R_ALPHABET = C + 8;
  static final int R_COUNT = C + 12;
  static final int R_GROUPS = C + 20;
  static final int R_ESCAPES = C + 28;
  static final int R_LENGTHS = C + 36;
  static final int R_TABLE = C + 64;

  @Test
  void hostileRankedSectionFieldsFailBeforeAllocating() throws IOException {
    for (CompressedModel m : new CompressedModel[] {smallRanked(), smallRankedGrouped()}) {
      byte[] full = bytes(m);
      read(full); // sanity
      assertRejected(patch8(full, MAPPING, 0), "symbol mapping");
      assertRejected(patch8(full, FAMILY, 2), "code family");
      assertRejected(patch8(full, R_WIDTH, 0), "field widths");
      assertRejected(patch8(full, R_WIDTH, 17), "field widths");
      assertRejected(patch8(full, R_ESCAPE_WIDTH, 200), "field widths");
      assertRejected(patch8(full, R_GROUP_SHIFT, 4), "group shift");
      assertRejected(patch8(full, R_RESERVED, 1), "reserved");
      assertRejected(patch8(full, R_RESERVED + 2, 1), "reserved");
      assertRejected(patch32(full, R_ALPHABET, -1), "alphabet size");
      assertRejected(patch32(full, R_ALPHABET, 1 << 20), "alphabet size");
      assertRejected(patch32(full, R_ALPHABET, 0), "alphabet size");
      assertRejected(patch64(full, R_COUNT, -1), "stored slot count");
      assertRejected(patch64(full, R_COUNT, 1L << 40), "stored slot count");
      assertRejected(patch64(full, R_GROUPS, -1), "group count");
      assertRejected(patch64(full, R_GROUPS, 1L << 40), "group count");
      assertRejected(patch64(full, R_ESCAPES, -1), "escape count");
      assertRejected(patch64(full, R_ESCAPES, 1L << 40), "escape count");
      for (int i = 0; i < 7; i++) {
        assertRejected(patch32(full, R_LENGTHS + 4 * i, -1), "section lengths");
        assertRejected(patch32(full, R_LENGTHS + 4 * i, Integer.MAX_VALUE), "section lengths");
      }
      // consistent but wrong counts: found by the structural pass
      ByteBuffer bb = ByteBuffer.wrap(full).order(ByteOrder.LITTLE_ENDIAN);
      long escapes = bb.getLong(R_ESCAPES);
      if (escapes > 0) {
        assertRejected(patch64(full, R_ESCAPES, escapes - 1), null);
      }
      long count = bb.getLong(R_COUNT);
      assertRejected(patch64(full, R_COUNT, count - 1), null);
      short first = bb.getShort(R_TABLE);
      byte[] dup = full.clone();
      ByteBuffer.wrap(dup).order(ByteOrder.LITTLE_ENDIAN).putShort(R_TABLE + 2, first);
      assertRejected(withCrc(dup), "twice");
    }
  }

  @Test
  void hugeButConsistentRankedLengthsFailAtTheEndOfTheStream() throws IOException {
    // 2^29 slots, all stored, 16-bit fields and as many escapes as allowed: about 2.6 GiB declared,
    // consistently; the surefire heap is far smaller
    byte[] full = bytes(smallRanked());
    int slots = 1 << 29;
    long count = slots + 1L;
    long[] lengths = RankedSectionIO.Lengths.of(count, 2, 0, count, count, 16, 16, 2 * count).values();
    byte[] huge = patch32(full, D, slots);
    huge = patch8(huge, R_WIDTH, 16);
    huge = patch8(huge, R_ESCAPE_WIDTH, 16);
    huge = patch64(huge, R_COUNT, count);
    huge = patch64(huge, R_GROUPS, count);
    huge = patch64(huge, R_ESCAPES, 2 * count);
    for (int i = 0; i < lengths.length; i++) {
      huge = patch32(huge, R_LENGTHS + 4 * i, (int) lengths[i]);
    }
    byte[] h = huge;
    assertThrows(EOFException.class, () -> read(h));
  }

  @Tag("slow")
  @Test
  void hugeButConsistentLengthsFailAtTheEndOfTheStreamWithoutOutOfMemory() throws IOException {
    byte[] full = bytes(small());
    // 2^30 words = 8 GiB declared, consistently; the surefire heap is far smaller.
    byte[] huge = patch64(full, PAYLOAD_BITS, 64L << 30);
    huge = patch32(huge, PAYLOAD_WORDS, 1 << 30);
    byte[] h = huge;
    assertThrows(EOFException.class, () -> read(h));
    // a stream that never ends (zeros after the real bytes): reading stops at the declared length, then
    // fails on the checksum, having allocated only what arrived
    // (2^24 words = 128 MiB declared, to keep the test quick)
    byte[] medium = patch32(patch64(full, PAYLOAD_BITS, 64L << 24), PAYLOAD_WORDS, 1 << 24);
    InputStream endlessMedium = new InputStream() {
      int pos;

      @Override
      public int read() {
        return pos < medium.length ? medium[pos++] & 0xFF : 0;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (pos < medium.length) {
          int n = Math.min(len, medium.length - pos);
          System.arraycopy(medium, pos, b, off, n);
          pos += n;
          return n;
        }
        Arrays.fill(b, off, off + len, (byte) 0);
        return len;
      }
    };
    assertThrows(IOException.class, () -> CompressedModel.read(endlessMedium));
  }

  @Test
  void inconsistentStructureWithAValidChecksumIsRejected() throws IOException {
    byte[] full = bytes(small());
    int count = ByteBuffer.wrap(full).order(ByteOrder.LITTLE_ENDIAN).getInt(COUNT);
    assertRejected(patch64(full, COUNT, count + 1L), "corrupt");
    assertRejected(patch64(full, COUNT, count - 1L), "corrupt");
    byte[] table = bytes(tableMapped());
    short first = ByteBuffer.wrap(table).order(ByteOrder.LITTLE_ENDIAN).getShort(TABLE);
    byte[] dup = table.clone();
    ByteBuffer.wrap(dup).order(ByteOrder.LITTLE_ENDIAN).putShort(TABLE + 2, first);
    assertRejected(withCrc(dup), "twice");
    byte[] range = table.clone();
    ByteBuffer.wrap(range).order(ByteOrder.LITTLE_ENDIAN).putShort(TABLE, (short) 30000);
    assertRejected(withCrc(range), "outside the q2.7 range");
  }

  /**
   * Random damage with the checksum recomputed (a hostile or unlucky file): the reader either rejects it
   * with an IOException or returns a model whose every lookup works.
   */
  @Tag("slow")
  @Test
  void fuzzedFilesWithValidChecksumsNeverBreakTheReaderOrTheLookups() throws IOException {
    Random rnd = new Random(17);
    int loaded = 0;
    for (CompressedModel m : new CompressedModel[] {small(), smallSparse(), tableMapped(), smallGrouped(), smallDirect(),
        smallRanked(), smallRankedGrouped(), smallRankedSparse()}) {
      byte[] full = bytes(m);
      for (int trial = 0; trial < 1500; trial++) {
        byte[] bad = full.clone();
        int edits = 1 + rnd.nextInt(3);
        for (int e = 0; e < edits; e++) {
          int at = rnd.nextInt(bad.length - 4);
          if (rnd.nextBoolean()) {
            bad[at] ^= (byte) (1 << rnd.nextInt(8));
          } else {
            bad[at] = (byte) rnd.nextInt(256);
          }
        }
        CompressedModel back;
        try {
          back = read(withCrc(bad));
        } catch (IOException expected) {
          continue;
        }
        loaded++;
        exercise(back);
      }
    }
    assertTrue(loaded > 0, "some edits (e.g. mantissa bits) give other valid models");
  }

  static void exercise(CompressedModel m) {
    for (long c = 0; c < m.numCoordinates(); c++) {
      double v = m.coefficient((int) c);
      assertTrue(v >= -4 && v < 4);
    }
    int d = m.numSlots();
    int[] slots = new int[d + 1];
    double[] values = new double[d + 1];
    for (int i = 0; i <= d; i++) {
      slots[i] = i;
      values[i] = 1;
    }
    double[] p = m.probabilities(slots, values, d + 1);
    double sum = 0;
    for (double x : p) {
      sum += x;
    }
    assertEquals(1, sum, 1e-9);
    if (m.featureSpace().kind() == FeatureSpaceDescriptor.Kind.SPARSE) {
      int[] ids = m.featureIds();
      for (int i = 0; i < ids.length; i++) {
        assertEquals(i, m.slotOf(ids[i]));
      }
    }
  }
}
