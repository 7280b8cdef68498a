package lessram.compressed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BitsTest {
  @Test
  void select64MatchesNaive() {
    Random rnd = new Random(1);
    for (int i = 0; i < 20_000; i++) {
      long x = rnd.nextLong() & rnd.nextLong() & (i % 3 == 0 ? rnd.nextLong() : -1L);
      if (i % 7 == 0) {
        x = 1L << rnd.nextInt(64) | (i % 2 == 0 ? Long.MIN_VALUE : 0);
      }
      int pc = Long.bitCount(x);
      for (int r = 0; r < pc; r++) {
        assertEquals(naiveSelect(x, r), Bits.select64(x, r), "x=" + Long.toHexString(x) + " r=" + r);
      }
    }
    assertEquals(63, Bits.select64(-1L, 63));
  }

  private static int naiveSelect(long x, int r) {
    for (int i = 0; i < 64; i++) {
      if ((x >>> i & 1) != 0 && r-- == 0) {
        return i;
      }
    }
    return -1;
  }

  @Test
  void selectsRanksAndRunsMatchNaive() {
    Random rnd = new Random(2);
    long[] a = new long[40];
    for (int i = 0; i < 38; i++) {
      a[i] = i % 5 == 0 ? 0 : i % 5 == 1 ? -1L : rnd.nextLong();
    }
    int bits = 38 * 64;
    for (int trial = 0; trial < 3000; trial++) {
      long start = rnd.nextInt(bits - 1);
      long ones = 0;
      long zeros = 0;
      for (long p = start; p < bits; p++) {
        if (Bits.bit(a, p) == 1) {
          ones++;
          assertEquals(p, Bits.selectOne(a, start, ones - 1));
          assertEquals(p + 1, Bits.afterOnes(a, start, ones));
        } else {
          zeros++;
          assertEquals(p, Bits.selectZero(a, start, zeros - 1));
          assertEquals(p + 1, Bits.afterZeros(a, start, zeros));
        }
        if (p - start > 300) {
          break;
        }
      }
      long len = rnd.nextInt((int) Math.min(400, bits - start));
      long naive = 0;
      for (long p = start; p < start + len; p++) {
        naive += Bits.bit(a, p);
      }
      assertEquals(naive, Bits.rank(a, start, len));
      assertEquals(naive, Bits.rankShort(a, start, start + len));
      long run1 = 0;
      while (start + run1 < bits && Bits.bit(a, start + run1) == 1) {
        run1++;
      }
      if (start + run1 < bits) {
        assertEquals(run1, Bits.runOfOnes(a, start));
      }
      long run0 = 0;
      while (start + run0 < bits && Bits.bit(a, start + run0) == 0) {
        run0++;
      }
      if (start + run0 < bits) {
        assertEquals(run0, Bits.runOfZeros(a, start));
      }
      int w = rnd.nextInt(64);
      long expect = 0;
      for (int i = w - 1; i >= 0; i--) {
        expect = expect << 1 | Bits.bit(a, start + i);
      }
      assertEquals(expect, Bits.read(a, start, w));
    }
  }

  @Test
  void writerRoundTrips() {
    Random rnd = new Random(3);
    Bits.Writer w = new Bits.Writer(10);
    long[] pos = new long[500];
    long[] val = new long[500];
    int[] wid = new int[500];
    long p = 0;
    for (int i = 0; i < 500; i++) {
      wid[i] = rnd.nextInt(64);
      val[i] = rnd.nextLong() & ((1L << wid[i]) - 1);
      pos[i] = p;
      w.put(p, val[i], wid[i]);
      p += wid[i];
    }
    long[] a = w.toArray(p);
    assertEquals(Bits.paddedWords(p), a.length);
    for (int i = 0; i < 500; i++) {
      assertEquals(val[i], Bits.read(a, pos[i], wid[i]));
    }
  }

  @Test
  void fullBlockModeMatchesTheGeneralRule() {
    for (int shift = 1; shift <= 12; shift++) {
      long u = 1L << shift;
      for (long n = 1; n < u; n++) {
        for (int allowance : new int[] {0, 4, 60}) {
          assertEquals(BlockLayout.mode(u, n, allowance), BlockLayout.fullBlockMode(shift, n, allowance),
              "shift " + shift + " n " + n + " allowance " + allowance);
        }
      }
    }
    // the chosen l minimizes the Elias-Fano size
    for (long u = 1; u < 300; u++) {
      for (long n = 1; n < u; n++) {
        int mode = BlockLayout.mode(u, n, 0);
        long best = Long.MAX_VALUE;
        for (int l = 0; l < 12; l++) {
          best = Math.min(best, BlockLayout.positionBits(l, u, n));
        }
        assertEquals(Math.min(best, u), BlockLayout.positionBits(mode, u, n), "u " + u + " n " + n);
      }
    }
  }
}
