package lessram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every record width through every store kind against a reference {@code long[]}, and every fixed-point
 * width 2..32 with counters beside it through the real coordinate update against a reference
 * implementation of the paper's update written out in plain doubles.
 */
class RecordStoreTest {

  @Test
  void storeKindFollowsTheRecordWidth() {
    assertInstanceOf(RecordStore.ByteRecords.class, RecordStore.create(10, 8, false));
    assertInstanceOf(RecordStore.ShortRecords.class, RecordStore.create(10, 16, false));
    assertInstanceOf(RecordStore.TriByteRecords.class, RecordStore.create(10, 24, false));
    assertInstanceOf(RecordStore.IntRecords.class, RecordStore.create(10, 32, false));
    assertInstanceOf(RecordStore.LongRecords.class, RecordStore.create(10, 64, false));
    for (int bits : new int[] {1, 2, 7, 12, 23, 40, 63}) {
      assertInstanceOf(RecordStore.PackedRecords.class, RecordStore.create(10, bits, false));
    }
    assertInstanceOf(IntMapRecords.class, RecordStore.create(10, 24, true));
    assertInstanceOf(IntMapRecords.class, RecordStore.create(10, 32, true));
    assertInstanceOf(LongMapRecords.class, RecordStore.create(10, 33, true));
    assertInstanceOf(LongMapRecords.class, RecordStore.create(10, 64, true));
    assertThrows(IllegalArgumentException.class, () -> RecordStore.create(10, 0, false));
    assertThrows(IllegalArgumentException.class, () -> RecordStore.create(10, 65, false));
  }

  /** Random reads and writes of every width 1..64, dense and sparse, agree with a plain long[]. */
  @Test
  void randomReadWriteMatchesReference() {
    SplitMix64 rnd = new SplitMix64(64);
    int size = 1000;
    for (int bits = 1; bits <= 64; bits++) {
      long mask = bits == 64 ? -1L : (1L << bits) - 1;
      for (boolean sparse : new boolean[] {false, true}) {
        RecordStore store = RecordStore.create(size, bits, sparse);
        long[] ref = new long[size];
        for (int op = 0; op < 20_000; op++) {
          int i = rnd.nextInt(size);
          if (rnd.nextInt(3) == 0) {
            assertEquals(ref[i], store.get(i), "width " + bits + (sparse ? " sparse" : " dense") + " at " + i);
          } else {
            // extreme patterns (all ones, zero, single bits) as well as random ones
            long r;
            switch (rnd.nextInt(4)) {
              case 0: r = mask; break;
              case 1: r = 0; break;
              case 2: r = 1L << rnd.nextInt(bits); break;
              default: r = rnd.nextLong() & mask;
            }
            store.set(i, r);
            ref[i] = r;
          }
        }
        for (int i = 0; i < size; i++) {
          assertEquals(ref[i], store.get(i), "width " + bits + (sparse ? " sparse" : " dense") + " at " + i);
        }
        RecordStore copy = store.copy();
        long[] seen = new long[size];
        copy.forEachNonZero((i, r) -> seen[i] = r);
        for (int i = 0; i < size; i++) {
          assertEquals(ref[i], seen[i], "copy / visitor at " + i);
        }
        copy.set(0, ref[0] ^ 1);
        assertEquals(ref[0], store.get(0), "copy is independent");
      }
    }
  }

  /** The packed store's neighbours survive writes that straddle a 64-bit word boundary. */
  @Test
  void packedWritesDoNotDisturbNeighbours() {
    for (int bits : new int[] {12, 23, 40}) {
      RecordStore store = RecordStore.create(200, bits, false);
      long mask = (1L << bits) - 1;
      for (int i = 0; i < 200; i++) {
        store.set(i, mask);
      }
      for (int i = 0; i < 200; i += 2) {
        store.set(i, 0);
      }
      for (int i = 0; i < 200; i++) {
        assertEquals(i % 2 == 0 ? 0 : mask, store.get(i), "width " + bits + " at " + i);
      }
    }
  }

  /** Dense stores cost their payload bits: 3 bytes per 24-bit record, 12 bits per 12-bit record. */
  @Test
  void payloadCostsItsBits() {
    int size = 1 << 16;
    assertEquals(24 + RecordStore.arrayBytes(size * 3L, 1), RecordStore.create(size, 24, false).sizeInBytes());
    assertEquals(32 + RecordStore.arrayBytes(size * 12L / 64, 8), RecordStore.create(size, 12, false).sizeInBytes());
    assertEquals(16 + RecordStore.arrayBytes(size, 2), RecordStore.create(size, 16, false).sizeInBytes());
  }

  /**
   * Every fixed-point width 2..32 (several integer/fraction splits), with no counter, an 8-bit or a
   * 16-bit Morris counter or an exact 32-bit counter beside it, dense and sparse: random coordinate
   * updates through {@link CoordinateTable#step} agree exactly with the paper's update done by hand.
   */
  @Tag("slow")
  @Test
  void everyFormatRoundTripsWithCountersBeside() {
    SplitMix64 data = new SplitMix64(2024);
    int size = 300;
    for (int total = 2; total <= 32; total++) {
      for (int n : new int[] {0, Math.min(2, total - 1), total - 1}) {
        int m = total - 1 - n;
        for (int counter = 0; counter < 4; counter++) {
          for (boolean sparse : new boolean[] {false, true}) {
            LearnerConfig.Builder b = LearnerConfig.builder().fixedPoint(n, m).alpha(0.7)
                .featureSpace(sparse ? FeatureSpace.sparse(size - 1) : FeatureSpace.direct(size - 1));
            switch (counter) {
              case 0: b.schedule(LearningRateSchedule.GLOBAL); break;
              case 1: b.counterType(CounterType.MORRIS).counterBits(8).morrisBase(1.3); break;
              case 2: b.counterType(CounterType.MORRIS).counterBits(16); break;
              default: b.counterType(CounterType.EXACT).counterBits(32);
            }
            checkAgainstReference(b.build(), size, data);
          }
        }
      }
    }
  }

  private static void checkAgainstReference(LearnerConfig config, int size, SplitMix64 data) {
    CoordinateTable table = new GenericTable(config, size);
    FixedPointFormat f = config.format();
    MorrisCounter morris = config.counterType() == CounterType.MORRIS
        ? new MorrisCounter(config.counterBits(), config.morrisBase()) : null;
    boolean global = config.schedule() == LearningRateSchedule.GLOBAL;
    double[] w = new double[size];
    long[] c = new long[size];
    double range = f.maxValue() - f.minValue();
    String what = config.describe() + " (" + config.bitsPerCoordinate() + "-bit records)";
    for (int op = 0; op < 3000; op++) {
      int i = data.nextInt(size);
      // gradients large enough to hit both clipping ends, and tiny ones
      double g = (data.nextDouble() - 0.5) * (data.nextInt(2) == 0 ? range : range * 1e-3);
      double globalEta = 0.3;
      long r = data.nextLong();
      table.step(i, g, globalEta, r);
      double eta;
      if (global) {
        eta = globalEta;
      } else if (morris != null) {
        eta = config.rateScale() / Math.sqrt(morris.estimate((int) c[i]) + 1);
      } else {
        eta = config.rateScale() / Math.sqrt(c[i] + 1.0);
      }
      w[i] = f.decode(f.roundRandomized(w[i] - eta * g, r >>> 32));
      if (!global) {
        c[i] = morris != null ? morris.increment((int) c[i], r) : c[i] + 1;
      }
      int at = i;
      assertEquals(w[i], table.weight(i), () -> what + " weight at " + at);
      assertEquals(c[i], table.counterField(i), () -> what + " counter at " + at);
    }
    for (int i = 0; i < size; i++) {
      int at = i;
      assertEquals(w[i], table.weight(i), () -> what + " weight at " + at);
      assertEquals(c[i], table.counterField(i), () -> what + " counter at " + at);
      assertEquals(global ? 0.0 : morris != null ? morris.estimate((int) c[i]) : c[i], table.countEstimate(i));
    }
  }
}
