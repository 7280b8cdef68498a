package lessram.compressed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The rank structure alone (no symbols): every position mode and bucket shape against a naive set. */
class BlockStoreTest {
  @Test
  void rankMatchesANaiveSetForManyShapes() throws Exception {
    Random rnd = new Random(31);
    for (int trial = 0; trial < 60; trial++) {
      long universe = 1 + rnd.nextInt(trial < 30 ? 5000 : 1 << 18);
      TreeSet<Integer> set = new TreeSet<>();
      int shape = trial % 4;
      int target = 64 << rnd.nextInt(8);
      if (shape == 0) { // uniform, random density
        double d = rnd.nextDouble() * rnd.nextDouble();
        for (int x = 0; x < universe; x++) {
          if (rnd.nextDouble() < d) {
            set.add(x);
          }
        }
      } else if (shape == 1) { // runs of consecutive elements: crowded Elias-Fano buckets in sparse blocks
        for (int r = 0; r < 1 + universe / 2000; r++) {
          int start = rnd.nextInt((int) universe);
          int len = 1 + rnd.nextInt(80);
          for (int x = start; x < Math.min(universe, start + len); x++) {
            set.add(x);
          }
        }
      } else if (shape == 2) { // full, or full but one
        for (int x = 0; x < universe; x++) {
          set.add(x);
        }
        if (rnd.nextBoolean() && universe > 1) {
          set.remove(rnd.nextInt((int) universe));
        }
      } else { // very sparse
        for (int r = 0; r < 3; r++) {
          set.add(rnd.nextInt((int) universe));
        }
      }
      int[] elements = set.stream().mapToInt(Integer::intValue).toArray();
      int allowance = trial % 3 == 0 ? 4 : 0;
      int shift = BlockStoreBuilder.chooseBlockShift(universe, elements, elements.length, new long[elements.length], target,
          allowance);
      BlockStore s = BlockStoreBuilder.build(universe, 0, elements, elements.length, new int[0], BlockLayout.RICE, 0, 0,
          null, 0, shift, allowance);
      s.validate(null);
      int[] naiveRank = new int[(int) universe];
      Arrays.fill(naiveRank, -1);
      for (int i = 0; i < elements.length; i++) {
        naiveRank[elements[i]] = i;
      }
      for (int x = 0; x < universe; x++) {
        int t = trial;
        int y = x;
        assertEquals(naiveRank[x], s.rank(x), () -> "trial " + t + " x " + y + " " + s);
      }
      assertEquals(-1, s.rank(-1));
      assertEquals(-1, s.rank(universe));
    }
  }
}
