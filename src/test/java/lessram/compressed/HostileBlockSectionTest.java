package lessram.compressed;

import static lessram.compressed.CorruptFileTest.bytes;
import static lessram.compressed.CorruptFileTest.read;
import static lessram.compressed.CorruptFileTest.withCrc;
import static lessram.compressed.HostileRankedSectionTest.bit;
import static lessram.compressed.HostileRankedSectionTest.clearBit;
import static lessram.compressed.HostileRankedSectionTest.setBit;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Damage to a block-layout section (the coefficient section of versions 1 and 2, and every sparse model's
 * feature-id section) with the checksum recomputed: each must be refused with the message of the check it
 * breaks (docs/compressed-format.md, "Reading"). The arrays are located from the sections' declared
 * lengths, as the format lays them out.
 */
class HostileBlockSectionTest {
  /** Start of the coefficient section: the models here have no parameters and no metadata. */
  private static final int C = 36;

  /** A block section at byte {@code at}: its header fields and the byte offsets of its three arrays. */
  static final class Section {
    final int start;
    final int blockShift;
    final int anchorShift;
    final int offsetBits;
    final int rankBits;
    final long payloadBits;
    final int anchorWords;
    final int residualWords;
    final int payloadWords;
    final int anchors;
    final int residuals;
    final int payload;
    final int end;

    /** The coefficient section of a version-1 or 2 file. */
    static Section coefficients(byte[] f) {
      ByteBuffer b = ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN);
      assertEquals(0, b.get(22), "no parameters");
      assertEquals(0, b.getInt(32), "no metadata");
      int mapping = b.get(C);
      int table = mapping == 2 ? 2 * b.getInt(C + 8) : 0;
      return new Section(b, C, C + 3, C + 20, C + 44, C + 56 + table);
    }

    /** The feature-id section at byte {@code at}. */
    static Section ids(byte[] f, int at) {
      ByteBuffer b = ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN);
      return new Section(b, at, at + 8, at + 16, at + 40, at + 52);
    }

    private Section(ByteBuffer b, int start, int shape, int payloadBitsAt, int countsAt, int arrays) {
      this.start = start;
      blockShift = b.get(shape);
      anchorShift = b.get(shape + 1);
      offsetBits = b.get(shape + 2);
      rankBits = b.get(shape + 3);
      payloadBits = b.getLong(payloadBitsAt);
      anchorWords = b.getInt(countsAt);
      residualWords = b.getInt(countsAt + 4);
      payloadWords = b.getInt(countsAt + 8);
      anchors = arrays;
      residuals = anchors + 8 * anchorWords;
      payload = residuals + 8 * residualWords;
      end = payload + 8 * payloadWords;
    }

    int entryBits() {
      return offsetBits + rankBits;
    }
  }

  static void assertInvalid(byte[] f, String message) {
    IOException e = assertThrows(IOException.class, () -> read(withCrc(f)));
    assertEquals(message, e.getMessage());
  }

  /** Two outputs, Golomb-Rice codes, compact positions (format version 1). */
  private static CompressedModel compact() {
    return CorruptFileTest.small();
  }

  /** A sparse model without metadata: ranked coefficients, then the ids in a block section. */
  private static CompressedModel sparse() {
    int[] ids = new int[90];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = i * i * 5 + (i % 4);
    }
    return CompressedModel.builder(CoefficientSource.of(1, 90, SyntheticModels.laplace(1, 90, 0.5, 0.2, 10)))
        .featureSpace(FeatureSpaceDescriptor.sparse()).sparseFeatureIds(ids).fractionBits(5).targetBlockBits(64)
        .positionLayout(PositionLayout.RANKED).build();
  }

  /** Where the feature-id section of {@link #sparse()}'s file starts: after the ranked coefficient section. */
  private static int idSection(byte[] f) {
    return new HostileRankedSectionTest.Arrays3(f).end;
  }

  @Test
  void theSectionIsLaidOutAsTheFormatSays() throws IOException {
    byte[] f = bytes(compact());
    Section s = Section.coefficients(f);
    assertEquals(f.length - 4, s.end, "the arrays end at the checksum");
    long blocks = (300L >>> s.blockShift) + 1; // 301 slots
    assertEquals(2 * (((blocks - 1) >>> s.anchorShift) + 3), s.anchorWords);
    assertEquals(((blocks + 1) * s.entryBits() + 63) / 64, s.residualWords);
    assertEquals((s.payloadBits + 63) / 64, s.payloadWords);
    byte[] sp = bytes(sparse());
    Section ids = Section.ids(sp, idSection(sp));
    assertEquals(sp.length - 4, ids.end);
    assertEquals(89L * 89 * 5 + 1 + 1, ByteBuffer.wrap(sp).order(ByteOrder.LITTLE_ENDIAN).getLong(ids.start),
        "the id universe is the largest id + 1");
  }

  @Test
  void nonZeroPaddingAfterTheIndexOrThePayloadIsRefused() throws IOException {
    byte[] f = bytes(compact());
    Section s = Section.coefficients(f);
    long indexBits = (((300L >>> s.blockShift) + 1) + 1) * s.entryBits();
    assertTrue(indexBits % 64 != 0, "the last index word has padding");
    byte[] index = f.clone();
    setBit(index, s.residuals, indexBits);
    assertInvalid(index, "corrupt compressed model: block index: non-zero bits past the end");
    assertTrue(s.payloadBits % 64 != 0, "the last payload word has padding");
    byte[] payload = f.clone();
    setBit(payload, s.payload, s.payloadBits);
    assertInvalid(payload, "corrupt compressed model: payload: non-zero bits past the end");
  }

  /** The size report's feature-id line: the id section's payload and index bits, from its header. */
  @Test
  void theSizeReportStatesTheFeatureIdMap() throws IOException {
    CompressedModel m = sparse();
    byte[] f = bytes(m);
    Section ids = Section.ids(f, idSection(f));
    long universe = ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN).getLong(ids.start);
    long blocks = ((universe - 1) >>> ids.blockShift) + 1;
    long bits = ids.payloadBits + 64L * ids.anchorWords + 128 + (blocks + 1) * ids.entryBits();
    String line = String.format(Locale.ROOT, "  feature-id map         %,d bits (%.2f bits/id)", bits, bits / 90.0);
    assertTrue(m.sizeReport().contains(line + System.lineSeparator()), line + " in\n" + m.sizeReport());
  }

  /** The feature ids are validated when the file is read, not when they are first asked for. */
  @Test
  void aDamagedFeatureIdSectionIsRefusedWhenRead() throws IOException {
    byte[] f = bytes(sparse());
    Section ids = Section.ids(f, idSection(f));
    assertTrue(ids.payloadBits % 64 != 0);
    byte[] payload = f.clone();
    setBit(payload, ids.payload, ids.payloadBits);
    assertInvalid(payload, "corrupt compressed model: payload: non-zero bits past the end");
    // the reserved bytes after the bitmap allowance
    byte[] reserved = f.clone();
    reserved[ids.start + 13] = 1;
    assertInvalid(reserved, "invalid compressed model: reserved feature-id byte is 1, must be 0");
    reserved = f.clone();
    reserved[ids.start + 15] = 2;
    assertInvalid(reserved, "invalid compressed model: reserved feature-id bytes is 512, must be 0");
  }

  /** The id universe must be exactly one past the largest id. */
  @Test
  void anIdUniverseBeyondTheLargestIdIsRefused() throws IOException {
    byte[] f = bytes(sparse());
    int at = idSection(f);
    long universe = ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN).getLong(at);
    byte[] wider = f.clone();
    ByteBuffer.wrap(wider).order(ByteOrder.LITTLE_ENDIAN).putLong(at, universe + 1);
    assertInvalid(wider, "invalid compressed model: feature-id universe " + (universe + 1)
        + " is not one past the largest id");
  }

  /** Ids exactly 0..n-1 (universe n, as many as the slots) and no id at all (universe 1) read back. */
  @Test
  void idUniversesAtTheirBoundsReadBack() throws IOException {
    CompressedModel dense = CompressedModel.builder(CoefficientSource.of(1, 3, new double[] {0.5, -1, 1.5, 2}))
        .featureSpace(FeatureSpaceDescriptor.sparse()).sparseFeatureIds(new int[] {0, 1, 2}).fractionBits(2).build();
    byte[] f = bytes(dense);
    assertEquals(3, ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN).getLong(idSection(f)));
    CompressedModel back = read(f);
    assertEquals(1, back.slotOf(1));
    assertEquals(-1, back.slotOf(3));
    assertEquals(-1.0, back.coefficient(1));
    CompressedModel none = CompressedModel.builder(CoefficientSource.of(1, 0, new double[] {0.5}))
        .featureSpace(FeatureSpaceDescriptor.sparse()).sparseFeatureIds(new int[0]).fractionBits(2).build();
    byte[] g = bytes(none);
    assertEquals(1, ByteBuffer.wrap(g).order(ByteOrder.LITTLE_ENDIAN).getLong(idSection(g)));
    assertEquals(0.5, read(g).bias()[0]);
  }

  /**
   * An anchor block (every 2^g-th) must start exactly at its anchor: a residual that moves it is refused
   * as such, before the blocks around it are decoded.
   */
  @Test
  void anAnchorThatDisagreesWithItsBlockIsRefused() throws IOException {
    // dense regions next to empty ones: irregular blocks, so the index keeps an anchor every few blocks
    CompressedModel m = CompressedModel.builder(CoefficientSource.of(1, 20000, CompressedModelTest.clustered(20000)))
        .fractionBits(7).targetBlockBits(64).positionLayout(PositionLayout.COMPACT).build();
    byte[] f = bytes(m);
    Section s = Section.coefficients(f);
    long blocks = (20000L >>> s.blockShift) + 1;
    assertTrue(s.anchorShift >= 1 && blocks > 2L << s.anchorShift, "several anchors: g " + s.anchorShift);
    assertTrue(s.offsetBits >= 1);
    int b = 1 << s.anchorShift; // the block of anchor 1
    byte[] bad = f.clone();
    long bit = (long) b * s.entryBits(); // lowest bit of its offset residual
    bad[s.residuals + (int) (bit >>> 3)] ^= (byte) (1 << (bit & 7));
    assertInvalid(bad, "corrupt compressed model: anchor 1 disagrees with its block");
  }

  /**
   * Index entries are up to 63 bits wide (docs/compressed-format.md); the builder's are narrower than 32 bits
   * in every test model, where a lookup reads a block's entry and the next one in one 64-bit window. The same
   * section rewritten with wider offset residuals (same residual values, 63-bit entries, the widest the reader
   * accepts) must read back with every code and prediction unchanged: a lookup then reads the two entries apart.
   */
  @Test
  void indexEntriesOf63BitsReadBack() throws IOException {
    CompressedModel m = compact();
    byte[] f = bytes(m);
    Section s = Section.coefficients(f);
    int blocks = (300 >>> s.blockShift) + 1;
    int eb = s.entryBits();
    int wider = 63 - s.rankBits;
    int eb2 = wider + s.rankBits;
    assertTrue(eb < 32 && wider > s.offsetBits, "entry bits " + eb);
    long[] entries = new long[blocks + 1];
    for (int b = 0; b <= blocks; b++) {
      long e = 0;
      for (int i = 0; i < eb; i++) {
        long p = (long) b * eb + i;
        e |= (long) ((f[s.residuals + (int) (p >>> 3)] >>> (p & 7)) & 1) << i;
      }
      entries[b] = (e & ((1L << s.offsetBits) - 1)) | ((e >>> s.offsetBits) << wider);
    }
    int words = (int) (((blocks + 1L) * eb2 + 63) / 64);
    byte[] residuals = new byte[8 * words];
    for (int b = 0; b <= blocks; b++) {
      for (int i = 0; i < eb2; i++) {
        if ((entries[b] >>> i & 1) != 0) {
          setBit(residuals, 0, (long) b * eb2 + i);
        }
      }
    }
    byte[] g = new byte[s.residuals + residuals.length + (f.length - s.payload)];
    System.arraycopy(f, 0, g, 0, s.residuals);
    System.arraycopy(residuals, 0, g, s.residuals, residuals.length);
    System.arraycopy(f, s.payload, g, s.residuals + residuals.length, f.length - s.payload);
    g[C + 5] = (byte) wider;
    ByteBuffer.wrap(g).order(ByteOrder.LITTLE_ENDIAN).putInt(C + 48, words);
    CompressedModel back = read(withCrc(g));
    assertEquals(wider, Section.coefficients(bytes(back)).offsetBits, "written back as read");
    for (int c = 0; c < m.numCoordinates(); c++) {
      assertEquals(m.code(c), back.code(c), "coordinate " + c);
    }
    Random rnd = new Random(2);
    for (int e = 0; e < 300; e++) {
      int[] slots = {rnd.nextInt(300), rnd.nextInt(300), rnd.nextInt(300)};
      double[] values = {1, -0.5, 2};
      assertArrayEquals(m.probabilities(slots, values, 3),
          back.probabilities(slots, values, 3));
    }
  }

  /**
   * 1,001 slots and the bias, 10% stored, Golomb-Rice(5) values, blocks of 64 slots: Elias-Fano blocks with
   * several elements in one bucket, and a last block of 42 slots holding two elements (Elias-Fano, 4 low
   * bits), the last of them the bias at position 41.
   */
  private static CompressedModel elias() {
    double[] beta = SyntheticModels.laplace(1, 1001, 0.9, 0.3, 4);
    beta[1001] = 0.5;
    return CompressedModel.builder(CoefficientSource.of(1, 1001, beta)).fractionBits(6).targetBlockBits(128)
        .positionLayout(PositionLayout.COMPACT).build();
  }

  /** The stored slots of a store, in order. */
  private static long[] elements(BlockStore s) throws IOException {
    long[] xs = new long[(int) s.count];
    s.validate((x, rank, symbols) -> xs[(int) rank] = x);
    return xs;
  }

  /** Writes the {@code width} low bits of {@code v} at payload bit {@code p} of the file. */
  private static void putPayloadBits(byte[] f, Section s, long p, long v, int width) {
    for (int i = 0; i < width; i++) {
      if ((v >>> i & 1) != 0) {
        setBit(f, s.payload, p + i);
      } else {
        clearBit(f, s.payload, p + i);
      }
    }
  }

  /**
   * Positions inside a block must be strictly increasing: two elements of one Elias-Fano bucket given the
   * same low bits (the same slot twice) are refused.
   */
  @Test
  void twoEqualPositionsInAnEliasFanoBlockAreRefused() throws IOException {
    CompressedModel m = elias();
    BlockStore st = (BlockStore) m.coefficients;
    long[] xs = elements(st);
    byte[] f = bytes(m);
    Section s = Section.coefficients(f);
    for (int b = 0; b < st.numBlocks; b++) {
      long r0 = st.rankBefore(b, st.entry(b));
      long n = st.rankBefore(b + 1, st.entry(b + 1)) - r0;
      int l = st.blockMode(b, n);
      if (l < 1) {
        continue;
      }
      long base = (long) b << st.blockShift;
      for (long c = 0; c + 1 < n; c++) {
        long t0 = xs[(int) (r0 + c)] - base;
        long t1 = xs[(int) (r0 + c + 1)] - base;
        if (t0 >>> l == t1 >>> l) { // one bucket: give the second element the first one's low bits
          long lows = st.offset(b, st.entry(b)) + n + BlockLayout.ceilShift(st.blockUniverse(b), l);
          byte[] bad = f.clone();
          putPayloadBits(bad, s, lows + (c + 1) * l, t0, l);
          assertInvalid(bad, "corrupt compressed model: block " + b + ": elements not strictly increasing inside the block");
          return;
        }
      }
    }
    throw new AssertionError("no Elias-Fano bucket with two elements");
  }

  /**
   * A position must lie inside its block: the last block's last element (the bias, at position 41 of 42)
   * moved to position 42 by its low bits (the same bucket) is refused.
   */
  @Test
  void aPositionAtTheBlocksUniverseIsRefused() throws IOException {
    CompressedModel m = elias();
    BlockStore st = (BlockStore) m.coefficients;
    int b = st.numBlocks - 1;
    long u = st.blockUniverse(b);
    long r0 = st.rankBefore(b, st.entry(b));
    long n = st.rankBefore(b + 1, st.entry(b + 1)) - r0;
    int l = st.blockMode(b, n);
    assertEquals(42, u);
    assertEquals(2, n);
    assertEquals(4, l, "Elias-Fano, 4 low bits");
    assertEquals(1001, elements(st)[(int) (st.count - 1)], "the bias is the last element");
    assertEquals((u - 1) >>> l, u >>> l, "positions 41 and 42 share a bucket");
    byte[] f = bytes(m);
    Section s = Section.coefficients(f);
    long lows = st.offset(b, st.entry(b)) + n + BlockLayout.ceilShift(u, l);
    byte[] bad = f.clone();
    putPayloadBits(bad, s, lows + (n - 1) * l, u, l);
    assertInvalid(bad, "corrupt compressed model: block " + b + ": elements not strictly increasing inside the block");
  }

  /**
   * A block's codes must fill it exactly (unary parts forward, binary parts backwards from its end): one
   * unary zero taken out of a symbol (a quotient of 2 or more, so the symbol stays non-zero) and the unary
   * parts after it moved up by one bit leave one unused bit before the binary parts.
   */
  @Test
  void anUnusedBitInsideABlockIsRefused() throws IOException {
    CompressedModel m = elias();
    BlockStore st = (BlockStore) m.coefficients;
    assertEquals(BlockLayout.RICE, st.family);
    int k = st.param;
    int[] quotients = new int[(int) st.count];
    st.validate((x, rank, symbols) -> quotients[(int) rank] = symbols[0] >>> k);
    byte[] f = bytes(m);
    Section s = Section.coefficients(f);
    for (int b = 0; b < st.numBlocks; b++) {
      long r0 = st.rankBefore(b, st.entry(b));
      long n = st.rankBefore(b + 1, st.entry(b + 1)) - r0;
      if (n == 0) {
        continue;
      }
      long ob = st.offset(b, st.entry(b));
      long vu = st.valueStart(ob, st.blockMode(b, n), st.blockUniverse(b), n);
      long end = vu;
      long cut = -1;
      for (long c = 0; c < n; c++) {
        int q = quotients[(int) (r0 + c)];
        if (q >= 2 && cut < 0) {
          cut = end; // a zero of this symbol's unary part
        }
        end += q + 1;
      }
      if (cut < 0) {
        continue;
      }
      byte[] bad = f.clone();
      for (long p = cut; p < end - 1; p++) {
        putPayloadBits(bad, s, p, bit(f, s.payload, p + 1) ? 1 : 0, 1);
      }
      putPayloadBits(bad, s, end - 1, 0, 1);
      assertInvalid(bad, "corrupt compressed model: block " + b + ": 1 unused bits inside the block");
      return;
    }
    throw new AssertionError("no symbol with a quotient of 2 or more");
  }

  /** A block-layout model whose values use the frequency table must write the table (and read back). */
  @Test
  void aTableMappedBlockModelReadsBack() throws IOException {
    CompressedModel m = CorruptFileTest.tableMapped();
    byte[] f = bytes(m);
    Section.coefficients(f); // no parameters, no metadata: the coefficient section runs from byte 36 to the checksum
    assertEquals(f.length, m.serializedSizeInBytes(), "the table counted in the file size");
    assertEquals(f.length - C - 4, m.coefficientSectionBytes());
    CompressedModel back = read(f);
    for (int c = 0; c < m.numCoordinates(); c++) {
      assertEquals(m.code(c), back.code(c));
    }
    assertEquals(1.5, back.coefficient(1));
    assertEquals(-2.25, back.coefficient(2));
  }

  /**
   * 262,144 slots all holding 0.125 (and the bias): a frequency table of one symbol, 1-bit Golomb-Rice codes,
   * blocks of 64 slots all full (64 bits each) and 4,097 blocks whose index is exact everywhere, so the
   * fewest anchors win: anchor shift 12, the largest. Both read back, and so does the same file declaring a
   * bitmap allowance of 60, the largest (every block is full, so no block's mode depends on it).
   */
  @Test
  void limitsOfTheBlockSectionHeaderReadBack() throws IOException {
    int d = 1 << 18;
    double[] beta = new double[d + 1];
    Arrays.fill(beta, 0.125);
    CompressedModel m = CompressedModel.builder(CoefficientSource.of(1, d, beta)).fractionBits(3).targetBlockBits(64)
        .positionLayout(PositionLayout.COMPACT).build();
    byte[] f = bytes(m);
    ByteBuffer b = ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(2, b.get(C), "table mapping");
    assertEquals(1, b.getInt(C + 8), "one symbol");
    Section s = Section.coefficients(f);
    assertEquals(6, s.blockShift);
    assertEquals(12, s.anchorShift);
    assertEquals(0, s.entryBits());
    assertEquals(0, b.get(C + 7), "compact: bitmap allowance 0");
    byte[] wide = f.clone();
    wide[C + 7] = 60;
    for (byte[] file : new byte[][] {f, withCrc(wide)}) {
      CompressedModel back = read(file);
      for (int c : new int[] {0, 1, 4095, 4096, d - 1, d}) {
        assertEquals(0.125, back.coefficient(c));
      }
      assertEquals(d + 1, back.nonZeroCoefficients());
    }
  }

  /**
   * Two outputs at q2.2 (32 codes), every code occurring, the frequent ones far out in the zigzag order: the
   * frequency table, which then lists every code (the largest alphabet the reader accepts), pays for itself.
   */
  @Test
  void aTableOfEveryCodeReadsBack() throws IOException {
    Random rnd = new Random(8);
    int d = 3000;
    double[] beta = new double[2 * (d + 1)];
    for (int i = 0; i < beta.length; i++) {
      int code;
      do { // zigzag symbol z drawn with probability (z + 1) / 528
        int r = rnd.nextInt(528);
        int z = 0;
        while (r >= z + 1) {
          r -= z + 1;
          z++;
        }
        code = (z & 1) == 0 ? z / 2 : -(z + 1) / 2;
      } while (code == 0 && i % 2 == 0); // output 0 never 0: every slot stored, its output 1 may be
      beta[i] = code / 4.0;
    }
    CompressedModel m = CompressedModel.builder(CoefficientSource.of(2, d, beta)).fractionBits(2)
        .positionLayout(PositionLayout.COMPACT).build();
    byte[] f = bytes(m);
    ByteBuffer b = ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(2, b.get(C), "table mapping");
    assertEquals(32, b.getInt(C + 8), "every code");
    CompressedModel back = read(f);
    for (int c = 0; c < beta.length; c++) {
      assertEquals(beta[c], back.coefficient(c), "coordinate " + c);
    }
  }

  /**
   * Fixed fields over a frequency table of 12 codes used equally often (far out in the zigzag order, so the
   * table pays): 4-bit fields (limit 15) and no escapes, so the field values 12 to 14 name no symbol; the
   * first field set to 12 is refused.
   */
  @Test
  void aFixedFieldPastATablesAlphabetIsRefused() throws IOException {
    double[] beta = new double[3001];
    for (int i = 0; i < beta.length; i++) {
      beta[i] = (-32 + i % 12) / 8.0;
    }
    CompressedModel m = CompressedModel.builder(CoefficientSource.of(1, 3000, beta)).fractionBits(3)
        .positionLayout(PositionLayout.DIRECT).build();
    byte[] f = bytes(m);
    ByteBuffer b = ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(2, b.get(C), "table mapping");
    assertEquals(2, b.get(C + 1), "fixed fields");
    assertEquals(4, b.get(C + 2), "4 bits, no escape parameter");
    assertEquals(12, b.getInt(C + 8), "12 symbols");
    Section s = Section.coefficients(f);
    byte[] bad = f.clone();
    putPayloadBits(bad, s, 0, 12, 4); // block 0 starts at bit 0 with its fields
    assertInvalid(bad, "corrupt compressed model: block 0: symbol 12 outside the alphabet of 12");
  }

  /** No stored slot, and every slot stored: both are legal counts of a block-layout section. */
  @Test
  void emptyAndFullBlockSectionsReadBack() throws IOException {
    for (PositionLayout layout : new PositionLayout[] {PositionLayout.COMPACT, PositionLayout.DIRECT}) {
      CompressedModel zero = CompressedModel.builder(CoefficientSource.of(1, 50, new double[51])).fractionBits(3)
          .positionLayout(layout).build();
      byte[] z = bytes(zero);
      assertEquals(0, ByteBuffer.wrap(z).order(ByteOrder.LITTLE_ENDIAN).getLong(C + 12), "no stored slot");
      assertEquals(0.0, read(z).coefficient(50));
      double[] beta = new double[51];
      for (int i = 0; i < beta.length; i++) {
        beta[i] = (i % 7 - 3.5) * 0.25;
      }
      CompressedModel full = CompressedModel.builder(CoefficientSource.of(1, 50, beta)).fractionBits(3)
          .positionLayout(layout).build();
      byte[] b = bytes(full);
      assertEquals(51, ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong(C + 12), "every slot stored");
      CompressedModel back = read(b);
      for (int c = 0; c <= 50; c++) {
        assertEquals(beta[c], back.coefficient(c));
      }
    }
  }

  /**
   * One block of 41 slots, all stored, values in a table of 5 symbols coded Golomb-Rice(1): slot 0 holds the
   * rarest code, symbol 4 (quotient 2, the largest the alphabet allows, remainder 0). Its remainder is the
   * block's last bit (remainders are written backwards from the block's end); set to 1 it names symbol 5,
   * one past the alphabet, which the quotient bound alone does not catch.
   */
  @Test
  void aGolombRiceSymbolPastTheAlphabetIsRefused() throws IOException {
    double[] beta = new double[41];
    double[] frequent = {1.0, -1.0, 1.5, -1.5};
    for (int i = 1; i < beta.length; i++) {
      beta[i] = frequent[i % 4];
    }
    beta[0] = 2.5;
    CompressedModel m = CompressedModel.builder(CoefficientSource.of(1, 40, beta)).fractionBits(3)
        .positionLayout(PositionLayout.COMPACT).build();
    byte[] f = bytes(m);
    ByteBuffer b = ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(2, b.get(C), "table mapping");
    assertEquals(0, b.get(C + 1), "Golomb-Rice");
    assertEquals(1, b.get(C + 2), "k = 1");
    assertEquals(5, b.getInt(C + 8), "5 symbols");
    assertEquals(20, b.getShort(C + 56 + 8), "the rarest code, 2.5 at q2.3, is symbol 4");
    Section s = Section.coefficients(f);
    assertEquals(1, (40 >>> s.blockShift) + 1, "one block");
    CompressedModel back = read(f);
    assertEquals(2.5, back.coefficient(0));
    byte[] bad = f.clone();
    setBit(bad, s.payload, s.payloadBits - 1);
    assertInvalid(bad, "corrupt compressed model: block 0: symbol 5 outside the alphabet of 5");
  }
}
