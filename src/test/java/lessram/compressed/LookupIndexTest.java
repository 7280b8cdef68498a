package lessram.compressed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.openjdk.jol.info.GraphLayout;

/**
 * The ranked store's in-memory {@link LookupIndex}: scores bit-identical to the store without it (stored and
 * absent slots, blocks with more stored slots than fit inline, several superblocks, escaped fields, field
 * widths other than 8, out-of-range slots and values), the automatic choice, and its bytes against JOL.
 */
class LookupIndexTest {

  /** A single-output ranked model of {@code d} slots, {@code density} of them stored, a few outliers. */
  private static CompressedModel model(int d, double density, int fractionBits, int outliers, long seed) {
    Random rnd = new Random(seed);
    double[] beta = new double[d + 1];
    for (int i = 0; i < beta.length; i++) {
      // dense runs here and there: blocks with more stored slots than the record holds inline
      double p = density >= 0.05 && (i >>> 9) % 7 == 3 ? 0.9 : density;
      if (rnd.nextDouble() < p) {
        beta[i] = rnd.nextGaussian() * 0.3;
      }
    }
    for (int j = 0; j < outliers; j++) {
      beta[rnd.nextInt(beta.length)] = (rnd.nextBoolean() ? 1 : -1) * (3.0 + rnd.nextDouble() * 0.9);
    }
    return CompressedModel.builder(CoefficientSource.of(1, d, beta)).fractionBits(fractionBits).seed(seed)
        .positionLayout(PositionLayout.RANKED).build();
  }

  private static void assertSameScores(RankedStore plain, RankedStore indexed, long seed) {
    Random rnd = new Random(seed);
    int d = (int) plain.universe;
    int[] slots = new int[24];
    double[] xs = new double[24];
    for (int t = 0; t < 20000; t++) {
      int nnz = 1 + rnd.nextInt(slots.length);
      for (int i = 0; i < nnz; i++) {
        int r = rnd.nextInt(100);
        slots[i] = r == 0 ? -1 - rnd.nextInt(3) : r == 1 ? d + rnd.nextInt(3) : rnd.nextInt(d);
        xs[i] = r == 2 ? 0 : r == 3 ? Double.NaN : rnd.nextGaussian();
      }
      double a = plain.dot(slots, xs, nnz, d, 0.25, 1.0 / 128);
      double b = indexed.dot(slots, xs, nnz, d, 0.25, 1.0 / 128);
      assertEquals(Double.doubleToRawLongBits(a), Double.doubleToRawLongBits(b), "example " + t);
    }
    // every slot alone
    for (int x = 0; x < d; x++) {
      slots[0] = x;
      xs[0] = 1.5;
      assertEquals(Double.doubleToRawLongBits(plain.dot(slots, xs, 1, d, 0, 1.0 / 128)),
          Double.doubleToRawLongBits(indexed.dot(slots, xs, 1, d, 0, 1.0 / 128)), "slot " + x);
    }
  }

  @Test
  void scoresAreBitIdenticalWithAndWithoutTheIndex() {
    CompressedModel[] models = {
        model((1 << 17) + 37, 0.05, 7, 40, 1), // groups with masks, three superblocks
        model(20000, 0.6, 7, 20, 2), // one bit per slot
        model(50000, 0.1, 4, 0, 3), // narrow fields: more of them inline
        model(30000, 0.3, 11, 60, 4), // wide fields
        CorruptFileTest.smallRankedGrouped()};
    long seed = 10;
    for (CompressedModel m : models) {
      RankedStore plain = CorruptFileTest.ranked(m).withLookupIndex("off");
      RankedStore indexed = plain.withLookupIndex("on");
      assertNull(plain.index);
      assertNotNull(indexed.index);
      assertEquals(LookupIndex.INLINE_BITS / plain.width, indexed.index.inline);
      assertTrue(plain.count < 1000 || indexed.index.inlined < indexed.count, "some fields read from the fields");
      System.out.println("[lookup index] " + plain);
      assertSameScores(plain, indexed, seed++);
      // and through the model's own path, as built (below the automatic threshold: no index)
      assertNull(CorruptFileTest.ranked(m).index, m.toString());
    }
    // the set-ups above cover escaped fields and blocks that overflow the record
    RankedStore first = CorruptFileTest.ranked(models[0]);
    assertTrue(first.escapes > 0);
    assertTrue(first.groupShift > 0);
    assertTrue(CorruptFileTest.ranked(models[1]).groupShift == 0);
    assertTrue(CorruptFileTest.ranked(models[2]).width < 8);
    assertTrue(CorruptFileTest.ranked(models[3]).width > 8);
  }

  /**
   * More than 2^16 stored slots: the records' 16-bit ranks are relative to their superblock of 2^16 slots,
   * so every superblock after the first needs its own base rank.
   */
  @Test
  void everySuperblockHasItsOwnBaseRank() {
    CompressedModel m = model((1 << 17) + 37, 0.7, 7, 0, 11);
    RankedStore plain = CorruptFileTest.ranked(m).withLookupIndex("off");
    assertTrue(plain.count > 1 << 16, "stored slots " + plain.count);
    RankedStore indexed = plain.withLookupIndex("on");
    assertNotNull(indexed.index);
    assertNull(indexed.withLookupIndex("off").index, "an index no longer wanted is dropped");
    int d = (int) plain.universe;
    int[] slots = new int[1];
    double[] xs = {1.0};
    for (int x = 0; x < d; x++) {
      slots[0] = x;
      assertEquals(Double.doubleToRawLongBits(plain.dot(slots, xs, 1, d, 0, 1.0 / 128)),
          Double.doubleToRawLongBits(indexed.dot(slots, xs, 1, d, 0, 1.0 / 128)), "slot " + x);
    }
  }

  @Test
  void chosenAutomaticallyFromTwoToThe22Slots() throws IOException {
    assertTrue(LookupIndex.wanted("auto", LookupIndex.AUTO_MIN_SLOTS, 1, 8));
    assertFalse(LookupIndex.wanted("auto", LookupIndex.AUTO_MIN_SLOTS - 1, 1, 8));
    assertFalse(LookupIndex.wanted("auto", LookupIndex.AUTO_MIN_SLOTS, 2, 8));
    assertTrue(LookupIndex.wanted("on", 100, 1, 8));
    assertFalse(LookupIndex.wanted("on", 100, 3, 8));
    assertFalse(LookupIndex.wanted("off", LookupIndex.AUTO_MIN_SLOTS, 1, 8));
    // auto keeps an index only if at least 90% of the stored slots have their field inline
    RankedStore dense = CorruptFileTest.ranked(model(20000, 0.6, 7, 0, 7)).withLookupIndex("on");
    assertTrue(dense.index.inlined < 0.5 * dense.count);
    assertFalse(dense.index.pays(dense.count));
    RankedStore sparse = CorruptFileTest.ranked(model(60000, 0.02, 7, 0, 8)).withLookupIndex("on");
    assertTrue(sparse.index.pays(sparse.count), sparse.index.inlined + " of " + sparse.count);
    // a model of 2^22 slots gets one when built and when read back; the file is the same as without it
    int d = (int) LookupIndex.AUTO_MIN_SLOTS - 1; // plus the bias slot
    double[] beta = new double[d + 1];
    Random rnd = new Random(5);
    for (int i = 0; i < 20000; i++) {
      beta[rnd.nextInt(beta.length)] = rnd.nextGaussian();
    }
    CompressedModel m = CompressedModel.builder(CoefficientSource.of(1, d, beta)).fractionBits(7)
        .positionLayout(PositionLayout.RANKED).build();
    RankedStore s = CorruptFileTest.ranked(m);
    assertNotNull(s.index);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    m.writeTo(out);
    CompressedModel back = CompressedModel.read(new ByteArrayInputStream(out.toByteArray()));
    assertNotNull(CorruptFileTest.ranked(back).index);
    assertEquals(m.serializedSizeInBytes(), out.size());
    assertEquals(m.sizeInBytes() - s.index.heapBytes(), m.sizeInBytes() - LookupIndex.heapBytes(s.universe));
    assertTrue(m.sizeReport().contains("lookup index"), m.sizeReport());
    assertEquals(GraphLayout.parseInstance(m).totalSize() - GraphLayout.parseInstance(m.featureSpace().kind()).totalSize(),
        m.sizeInBytes());
    assertSameScores(s.withLookupIndex("off"), s, 6);
  }

  /**
   * The system property decides for every model built or read: {@code on} gives a small model (below the
   * automatic 2^22 slots) an index, {@code off} gives none.
   */
  @Test
  void thePropertyTurnsTheIndexOnAndOff() throws IOException {
    String before = System.getProperty(LookupIndex.PROPERTY);
    try {
      System.setProperty(LookupIndex.PROPERTY, "on");
      CompressedModel on = model(20000, 0.02, 7, 0, 8);
      assertNotNull(CorruptFileTest.ranked(on).index);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      on.writeTo(out);
      System.setProperty(LookupIndex.PROPERTY, "off");
      assertNull(CorruptFileTest.ranked(CompressedModel.read(new ByteArrayInputStream(out.toByteArray()))).index);
      assertNull(CorruptFileTest.ranked(model(20000, 0.02, 7, 0, 8)).index);
    } finally {
      if (before == null) {
        System.clearProperty(LookupIndex.PROPERTY);
      } else {
        System.setProperty(LookupIndex.PROPERTY, before);
      }
    }
  }

  @Test
  void badPropertyValueIsReported() {
    String before = System.getProperty(LookupIndex.PROPERTY);
    System.setProperty(LookupIndex.PROPERTY, "sometimes");
    try {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, LookupIndex::mode);
      assertTrue(e.getMessage().contains(LookupIndex.PROPERTY), e.getMessage());
    } finally {
      if (before == null) {
        System.clearProperty(LookupIndex.PROPERTY);
      } else {
        System.setProperty(LookupIndex.PROPERTY, before);
      }
    }
  }

  @Test
  void heapBytesMatchJol() {
    RankedStore s = CorruptFileTest.ranked(model((1 << 17) + 37, 0.05, 7, 40, 1)).withLookupIndex("on");
    assertSame(s, s.withLookupIndex("on"));
    assertEquals(GraphLayout.parseInstance(s.index).totalSize(), s.index.heapBytes());
    assertEquals(GraphLayout.parseInstance(s.index).totalSize(), LookupIndex.heapBytes(s.universe));
    assertEquals(GraphLayout.parseInstance(s).totalSize(), s.heapBytes());
  }
}
