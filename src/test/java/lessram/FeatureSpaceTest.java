package lessram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Feature hashing spreads ids over the slots, and a hashed table's memory is fixed in advance. */
class FeatureSpaceTest {

  /**
   * Sequential ids, strided ids and random ids each fill 2^10 slots evenly: the chi-square statistic
   * of the slot counts stays below the 1e-4 upper tail of its distribution (about 1200 for 1023 degrees of
   * freedom), and no slot is empty.
   */
  @Test
  void hashingSpreadsIdsOverSlots() {
    FeatureSpace space = FeatureSpace.hashed(10);
    int slots = 1 << 10;
    int n = 200_000;
    SplitMix64 r = new SplitMix64(12);
    for (int pattern = 0; pattern < 4; pattern++) {
      int[] count = new int[slots];
      for (int i = 0; i < n; i++) {
        int id;
        switch (pattern) {
          case 0: id = i; break;
          case 1: id = i * 1024; break; // ids that all share their low 10 bits
          case 2: id = -i; break;
          default: id = (int) r.nextLong();
        }
        int s = space.slot(id);
        assertTrue(s >= 0 && s < slots);
        count[s]++;
      }
      double expected = (double) n / slots;
      double chi2 = 0;
      for (int c : count) {
        assertTrue(c > 0, "no empty slot");
        chi2 += (c - expected) * (c - expected) / expected;
      }
      System.out.printf("[hashing] pattern %d: chi-square %.1f over %d slots%n", pattern, chi2, slots);
      assertTrue(chi2 < 1200, "pattern " + pattern + ": chi-square " + chi2);
    }
  }

  /** However many distinct ids a hashed model sees, its memory does not change. */
  @Test
  void hashedMemoryIsFixedInAdvance() {
    LearnerConfig c = LearnerConfig.builder().featureSpace(FeatureSpace.hashed(16)).build();
    LogisticRegression few = new LogisticRegression(c);
    LogisticRegression many = new LogisticRegression(c);
    long empty = few.sizeInBytes();
    SplitMix64 r = new SplitMix64(2);
    double[] x = {1, 1, 1, 1};
    for (int t = 0; t < 50_000; t++) {
      few.learn(new int[] {t % 10, 1, 2, 3}, x, 4, t % 2, 1.0);
      many.learn(new int[] {(int) r.nextLong(), (int) r.nextLong(), (int) r.nextLong(), (int) r.nextLong()}, x, 4,
          t % 2, 1.0);
    }
    assertEquals(empty, few.sizeInBytes());
    assertEquals(empty, many.sizeInBytes());
    assertEquals(few.storedCoordinates(), many.storedCoordinates());
    assertEquals((1 << 16) + 1, many.numCoordinates());
  }

  @Test
  void directAndSparseSpacesMapIdsToThemselves() {
    for (FeatureSpace s : new FeatureSpace[] {FeatureSpace.direct(100), FeatureSpace.sparse(100)}) {
      for (int id = 0; id < 100; id++) {
        assertEquals(id, s.slot(id));
      }
      assertEquals(100, s.biasSlot());
      assertThrows(IllegalArgumentException.class, () -> s.slot(100));
      assertThrows(IllegalArgumentException.class, () -> s.slot(-1));
    }
    FeatureSpace h = FeatureSpace.hashed(5);
    assertEquals(32, h.numFeatureSlots());
    assertEquals(32, h.biasSlot());
    assertEquals(5, h.hashBits());
  }
}
