package lessram.compressed;

import static lessram.compressed.CorruptFileTest.bytes;
import static lessram.compressed.CorruptFileTest.read;
import static lessram.compressed.CorruptFileTest.withCrc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/**
 * Damage to the arrays of a version-3 (ranked) coefficient section with the checksum recomputed, as a
 * hostile file would have it: each must be refused by the structural pass with the message of the
 * check it breaks (docs/compressed-format.md, "Reading": padding, rank and escape directories, symbols
 * outside the alphabet, stored slots past the universe). The arrays are located from the section's
 * declared lengths, as the format lays them out.
 */
class HostileRankedSectionTest {
  /** Start of the coefficient section: the models here have no parameters and no metadata. */
  private static final int C = 36;

  /** Byte offsets of the arrays of a ranked section, from its header. */
  static final class Arrays3 {
    final int width;
    final int escapeWidth;
    final int groupShift;
    final int alphabet;
    final long count;
    final long groups;
    final long escapes;
    final int occupancy;
    final int occupancyRanks;
    final int masks;
    final int maskRanks;
    final int fields;
    final int escapeRanks;
    final int escapeValues;
    final int end;
    final int[] lengths = new int[7];

    Arrays3(byte[] f) {
      ByteBuffer b = ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN);
      assertEquals(3, b.getShort(8), "a version-3 file");
      assertEquals(0, b.get(22), "no parameters");
      assertEquals(0, b.getInt(32), "no metadata");
      width = b.get(C + 2);
      escapeWidth = b.get(C + 3);
      groupShift = b.get(C + 4);
      alphabet = b.getInt(C + 8);
      count = b.getLong(C + 12);
      groups = b.getLong(C + 20);
      escapes = b.getLong(C + 28);
      for (int i = 0; i < 7; i++) {
        lengths[i] = b.getInt(C + 36 + 4 * i);
      }
      int at = C + 64 + 2 * alphabet;
      occupancy = at;
      at += 8 * lengths[0];
      occupancyRanks = at;
      at += 8 * lengths[1];
      masks = at;
      at += 8 * lengths[2];
      maskRanks = at;
      at += 8 * lengths[3];
      fields = at;
      at += 8 * lengths[4];
      escapeRanks = at;
      at += 4 * lengths[5];
      escapeValues = at;
      at += 8 * lengths[6];
      end = at;
    }
  }

  /** Sets bit {@code p} of the little-endian bit array starting at byte {@code start}. */
  static void setBit(byte[] f, int start, long p) {
    f[start + (int) (p >>> 3)] |= (byte) (1 << (p & 7));
  }

  static void clearBit(byte[] f, int start, long p) {
    f[start + (int) (p >>> 3)] &= (byte) ~(1 << (p & 7));
  }

  static boolean bit(byte[] f, int start, long p) {
    return (f[start + (int) (p >>> 3)] >>> (p & 7) & 1) != 0;
  }

  static void assertCorrupt(byte[] f, String message) {
    IOException e = assertThrows(IOException.class, () -> read(withCrc(f)));
    assertEquals("corrupt compressed model: " + message, e.getMessage());
  }

  /** One bit per slot (g = 0), two outputs, escapes (the smallest ranked model of {@link CorruptFileTest}). */
  private static CompressedModel ranked() {
    return CorruptFileTest.smallRanked();
  }

  @Test
  void theSectionIsLaidOutAsTheFormatSays() throws IOException {
    byte[] f = bytes(ranked());
    Arrays3 a = new Arrays3(f);
    assertEquals(f.length - 4, a.end, "the arrays end at the checksum");
    // 400 slots, one bit each: 7 words and two directory lines
    assertEquals(7, a.lengths[0]);
    assertEquals(2, a.lengths[1]);
    assertEquals(0, a.lengths[2]);
    assertEquals(0, a.lengths[3]);
    assertEquals((a.count * 2 * a.width + 63) / 64, a.lengths[4]);
    assertEquals(a.count * 2 / 128 + 1, a.lengths[5]);
    assertEquals((a.escapes * a.escapeWidth + 63) / 64, a.lengths[6]);
    // the occupancy directory: the set bits before the line (0) in the high 32 bits, before word k in byte k
    ByteBuffer b = ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN);
    long expected = 0;
    int before = 0;
    for (int k = 0; k < 4; k++) {
      expected |= (long) before << (8 * k);
      before += Long.bitCount(b.getLong(a.occupancy + 8 * k));
    }
    assertEquals(expected, b.getLong(a.occupancyRanks));
    // 64 slots (D = 63) all stored: one occupancy word, one directory entry
    double[] beta = new double[64];
    for (int i = 0; i < beta.length; i++) {
      beta[i] = (i % 5 + 1) * 0.5;
    }
    Arrays3 full = new Arrays3(bytes(CompressedModel.builder(CoefficientSource.of(1, 63, beta)).fractionBits(2)
        .positionLayout(PositionLayout.RANKED).build()));
    assertEquals(0, full.groupShift);
    assertEquals(64, full.count);
    assertEquals(1, full.lengths[0]);
    assertEquals(1, full.lengths[1]);
  }

  @Test
  void nonZeroPaddingAfterAnArrayIsRefused() throws IOException {
    byte[] f = bytes(ranked());
    Arrays3 a = new Arrays3(f);
    byte[] occ = f.clone();
    setBit(occ, a.occupancy, 400); // 400 slots: bits 400..447 of the last word are padding
    assertCorrupt(occ, "occupancy bits: non-zero bits past the end");
    // 300 fields of 3 bits: 900 bits in 15 words
    byte[] five = bytes(fiveCodes());
    Arrays3 fa = new Arrays3(five);
    assertEquals(15, fa.lengths[4]);
    byte[] fields = five.clone();
    setBit(fields, fa.fields, 900);
    assertCorrupt(fields, "value fields: non-zero bits past the end");
    byte[] last = five.clone();
    setBit(last, fa.fields, 959);
    assertCorrupt(last, "value fields: non-zero bits past the end");
    long escapeBits = a.escapes * a.escapeWidth;
    assertTrue(escapeBits % 64 != 0 && escapeBits > 0);
    byte[] esc = f.clone();
    setBit(esc, a.escapeValues, escapeBits);
    assertCorrupt(esc, "escape fields: non-zero bits past the end");

    byte[] g = bytes(CorruptFileTest.smallRankedGrouped());
    Arrays3 ga = new Arrays3(g);
    long maskBits = ga.groups << ga.groupShift;
    assertTrue(maskBits % 64 != 0, "the last mask word has padding");
    byte[] masks = g.clone();
    setBit(masks, ga.masks, maskBits);
    assertCorrupt(masks, "group masks: non-zero bits past the end");
  }

  @Test
  void aWrongRankDirectoryEntryIsRefused() throws IOException {
    byte[] f = bytes(ranked());
    Arrays3 a = new Arrays3(f);
    byte[] occ = f.clone();
    long entry = ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN).getLong(a.occupancyRanks);
    occ[a.occupancyRanks + 1] ^= 1; // the count before word 1
    long wrong = ByteBuffer.wrap(occ).order(ByteOrder.LITTLE_ENDIAN).getLong(a.occupancyRanks);
    assertCorrupt(occ, "occupancy rank directory entry 0 is " + wrong + ", expected " + entry);

    byte[] g = bytes(CorruptFileTest.smallRankedGrouped());
    Arrays3 ga = new Arrays3(g);
    assertTrue(ga.lengths[3] >= 1);
    byte[] masks = g.clone();
    long maskEntry = ByteBuffer.wrap(g).order(ByteOrder.LITTLE_ENDIAN).getLong(ga.maskRanks);
    masks[ga.maskRanks + 2] ^= 4;
    long maskWrong = ByteBuffer.wrap(masks).order(ByteOrder.LITTLE_ENDIAN).getLong(ga.maskRanks);
    assertCorrupt(masks, "mask rank directory entry 0 is " + maskWrong + ", expected " + maskEntry);
  }

  @Test
  void aWrongEscapeDirectoryEntryIsRefused() throws IOException {
    byte[] f = bytes(ranked());
    Arrays3 a = new Arrays3(f);
    assertTrue(a.lengths[5] >= 3);
    byte[] esc = f.clone();
    esc[a.escapeRanks + 4] ^= 1; // entry 1: the escaped fields among the first 128
    assertCorrupt(esc, "escape directory entry 1 is wrong");
    byte[] first = f.clone();
    first[a.escapeRanks] ^= 1; // entry 0 is always 0
    assertCorrupt(first, "escape directory entry 0 is wrong");
  }

  /**
   * 512 slots, one output: 512 fields, so the escape directory has a closing entry (entry 4, all the
   * escapes); 17 codes at q2.2, 4-bit fields, the two least frequent escaped (at most one field in 256).
   */
  @Test
  void theClosingEscapeDirectoryEntryIsChecked() throws IOException {
    double[] beta = new double[512];
    for (int i = 0; i < beta.length; i++) {
      beta[i] = (i % 15 + 1) * 0.25;
    }
    beta[40] = -1;
    beta[200] = -2;
    CompressedModel m = CompressedModel.builder(CoefficientSource.of(1, 511, beta)).fractionBits(2)
        .positionLayout(PositionLayout.RANKED).build();
    byte[] f = bytes(m);
    Arrays3 a = new Arrays3(f);
    assertEquals(512, a.count);
    assertEquals(4, a.width);
    assertEquals(2, a.escapes);
    assertEquals(5, a.lengths[5]);
    ByteBuffer b = ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN);
    int[] entries = {0, 1, 2, 2, 2};
    for (int i = 0; i < entries.length; i++) {
      assertEquals(entries[i], b.getInt(a.escapeRanks + 4 * i));
    }
    byte[] closing = f.clone();
    closing[a.escapeRanks + 16] = 3;
    assertCorrupt(closing, "escape directory entry 4 is wrong");
    // every value read back
    CompressedModel back = read(f);
    for (int c = 0; c < 512; c++) {
      assertEquals(beta[c], back.coefficient(c));
    }
  }

  /** An escape in the last, partial block of 128 fields: its directory entry counts the escapes before it. */
  @Test
  void anEscapeInTheLastPartialBlockOfFieldsReadsBack() throws IOException {
    double[] beta = new double[600];
    for (int i = 0; i < beta.length; i++) {
      beta[i] = (i % 15 + 1) * 0.25;
    }
    beta[100] = -1;
    beta[580] = -2;
    CompressedModel m = CompressedModel.builder(CoefficientSource.of(1, 599, beta)).fractionBits(2)
        .positionLayout(PositionLayout.RANKED).build();
    byte[] f = bytes(m);
    Arrays3 a = new Arrays3(f);
    assertEquals(4, a.width);
    assertEquals(2, a.escapes);
    ByteBuffer b = ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(5, a.lengths[5]);
    int[] entries = {0, 1, 1, 1, 1};
    for (int i = 0; i < entries.length; i++) {
      assertEquals(entries[i], b.getInt(a.escapeRanks + 4 * i));
    }
    CompressedModel back = read(f);
    for (int c = 0; c < 600; c++) {
      assertEquals(beta[c], m.coefficient(c));
      assertEquals(beta[c], back.coefficient(c));
    }
  }

  /**
   * 18 codes, 4-bit fields (limit 15): the three rarest symbols (15, 16, 17) are escaped with excesses
   * 0, 1, 2 in 2-bit escape fields (3 escapes in 800 fields), so an escape field of 3 names symbol 18, one past the alphabet.
   */
  @Test
  void anEscapeNamingASymbolPastTheAlphabetIsRefused() throws IOException {
    double[] beta = new double[800];
    for (int i = 0; i < beta.length; i++) {
      beta[i] = (i % 15 + 1) * 0.25;
    }
    beta[50] = -1;
    beta[150] = -2;
    beta[250] = -3;
    CompressedModel m = CompressedModel.builder(CoefficientSource.of(1, 799, beta)).fractionBits(2)
        .positionLayout(PositionLayout.RANKED).build();
    byte[] f = bytes(m);
    Arrays3 a = new Arrays3(f);
    assertEquals(18, a.alphabet);
    assertEquals(4, a.width);
    assertEquals(2, a.escapeWidth);
    assertEquals(3, a.escapes);
    byte[] bad = f.clone();
    setBit(bad, a.escapeValues, 0);
    setBit(bad, a.escapeValues, 1);
    assertCorrupt(bad, "symbol 18 outside the alphabet of 18");
  }

  /**
   * The model above (3 escapes declared, the last in field 250): field 251 set to all ones is a fourth escaped
   * field, refused as such where it is met (not later, by the directory entry of field 256 or the final count).
   */
  @Test
  void anEscapedFieldBeyondTheDeclaredCountIsRefused() throws IOException {
    double[] beta = new double[800];
    for (int i = 0; i < beta.length; i++) {
      beta[i] = (i % 15 + 1) * 0.25;
    }
    beta[50] = -1;
    beta[150] = -2;
    beta[250] = -3;
    CompressedModel m = CompressedModel.builder(CoefficientSource.of(1, 799, beta)).fractionBits(2)
        .positionLayout(PositionLayout.RANKED).build();
    byte[] f = bytes(m);
    Arrays3 a = new Arrays3(f);
    assertEquals(4, a.width);
    assertEquals(3, a.escapes);
    assertEquals(800, a.count, "every slot stored: field j is slot j's");
    byte[] bad = f.clone();
    for (int i = 0; i < 4; i++) {
      setBit(bad, a.fields, 251 * 4 + i);
    }
    assertCorrupt(bad, "more escaped fields than the 3 declared");
  }

  /** 300 slots holding 5 codes equally often: 3-bit fields (limit 7), no escapes. */
  private static CompressedModel fiveCodes() {
    double[] beta = new double[300];
    for (int i = 0; i < beta.length; i++) {
      beta[i] = (i % 5 + 1) * 0.5;
    }
    return CompressedModel.builder(CoefficientSource.of(1, 299, beta)).fractionBits(2)
        .positionLayout(PositionLayout.RANKED).build();
  }

  /** 5 codes in 3-bit fields (limit 7, no escapes): a field of 5 is one past the alphabet. */
  @Test
  void aFieldNamingASymbolPastTheAlphabetIsRefused() throws IOException {
    byte[] f = bytes(fiveCodes());
    Arrays3 a = new Arrays3(f);
    assertEquals(5, a.alphabet);
    assertEquals(3, a.width);
    assertEquals(0, a.escapes);
    byte[] bad = f.clone();
    // field 0 := 5 (binary 101)
    clearBit(bad, a.fields, 1);
    setBit(bad, a.fields, 0);
    setBit(bad, a.fields, 2);
    assertCorrupt(bad, "symbol 5 outside the alphabet of 5");
  }

  /**
   * Groups of slots whose universe is not a multiple of the group size: the bias (slot D) is not first in
   * its group, and a mask bit for the slot just past the universe is refused.
   */
  @Test
  void theLastGroupEndsAtTheUniverse() throws IOException {
    int d = 1501;
    double[] beta = SyntheticModels.laplace(1, d, 0.95, 0.1, 9);
    beta[d] = -1.5;
    CompressedModel m = CompressedModel.builder(CoefficientSource.of(1, d, beta)).fractionBits(6).seed(4)
        .positionLayout(PositionLayout.RANKED).build();
    byte[] f = bytes(m);
    Arrays3 a = new Arrays3(f);
    int gs = 1 << a.groupShift;
    assertTrue(a.groupShift > 0);
    assertTrue(d % gs != 0 && (d + 1) % gs != 0, "the bias is inside its group, the universe ends inside it");
    // the bias is found where the masks put it
    CompressedModel back = read(f);
    assertEquals(-1.5, back.bias()[0]);
    assertEquals(-1.5, m.bias()[0]);
    double p = 1 / (1 + Math.exp(1.5));
    assertEquals(p, back.probabilities(new int[0], new double[0], 0)[1], 1e-15);
    // move the bias's mask bit to the slot after it: the last group's mask is the last gs bits of the masks
    long maskStart = (a.groups - 1) << a.groupShift;
    int biasBit = d % gs;
    assertTrue(bit(f, a.masks, maskStart + biasBit));
    byte[] bad = f.clone();
    clearBit(bad, a.masks, maskStart + biasBit);
    setBit(bad, a.masks, maskStart + biasBit + 1);
    assertCorrupt(bad, "stored slot " + (d + 1) + " outside the universe of " + (d + 1));
  }
}
