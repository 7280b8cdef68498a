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

  /** The {@code 64} bits from bit {@code pos} of a little-endian bit stream, one bit at a time. */
  private static long naiveWindow(long[] a, long pos) {
    long x = 0;
    for (int i = 63; i >= 0; i--) {
      x = x << 1 | Bits.bit(a, pos + i);
    }
    return x;
  }

  @Test
  void byteWindowsAndAllOnesFieldCountsAtUnalignedPositions() {
    Random rnd = new Random(4);
    byte[] b = new byte[72];
    for (int i = 0; i < b.length; i++) {
      b[i] = rnd.nextBoolean() ? (byte) 0xFF : (byte) rnd.nextInt(256);
    }
    long[] a = new long[b.length / 8 + 1];
    for (int i = 0; i < b.length; i++) {
      a[i >>> 3] |= (b[i] & 0xFFL) << (8 * (i & 7));
    }
    for (long pos = 0; pos <= 8 * (b.length - 9); pos++) {
      long expected = naiveWindow(a, pos);
      assertEquals(expected, Bits.window(b, pos), "bit " + pos);
      assertEquals(expected, Bits.window(a, pos), "bit " + pos);
    }
    for (int w : new int[] {1, 2, 3, 4, 5, 8, 16}) {
      for (long pos = 0; pos < 70; pos++) {
        for (long count = 0; pos + count * w + 64 <= 8 * (b.length - 9); count += 1 + count / 3) {
          long naive = 0;
          for (long f = 0; f < count; f++) {
            boolean ones = true;
            for (int i = 0; i < w; i++) {
              ones &= Bits.bit(a, pos + f * w + i) == 1;
            }
            naive += ones ? 1 : 0;
          }
          assertEquals(naive, Bits.countAllOnesFields(a, null, pos, count, w), "w " + w + " pos " + pos + " count " + count);
          assertEquals(naive, Bits.countAllOnesFields(null, b, pos, count, w), "w " + w + " pos " + pos + " count " + count);
        }
      }
    }
  }

  @Test
  void runsLongerThanAWord() {
    for (int start : new int[] {0, 1, 37, 64}) {
      for (int len : new int[] {64, 65, 127, 128, 200}) {
        long[] ones = new long[8];
        long[] zeros = new long[8];
        java.util.Arrays.fill(zeros, -1L);
        for (int p = start; p < start + len; p++) {
          ones[p >>> 6] |= 1L << (p & 63);
          zeros[p >>> 6] &= ~(1L << (p & 63));
        }
        assertEquals(len, Bits.runOfOnes(ones, start), "start " + start + " len " + len);
        assertEquals(len, Bits.runOfZeros(zeros, start), "start " + start + " len " + len);
      }
    }
  }

  @Test
  void theWriterTakesWholeWordsAtAnyPosition() {
    for (int pos : new int[] {0, 5, 64, 100}) {
      Bits.Writer w = new Bits.Writer(0);
      w.put(pos, 0x8123456789ABCDEFL, 64);
      long[] a = w.toArray(pos + 64);
      assertEquals(Bits.paddedWords(pos + 64), a.length);
      assertEquals(0x8123456789ABCDEFL, Bits.window(a, pos), "pos " + pos);
      assertEquals(0, Bits.read(a, 0, pos));
      assertEquals(0, Bits.read(a, pos + 64, 63));
      Bits.Writer one = new Bits.Writer(1);
      one.set(pos + 200);
      long[] c = one.toArray(pos + 201);
      assertEquals(1, Bits.rank(c, 0, pos + 201));
      assertEquals(1, Bits.bit(c, pos + 200));
    }
  }
}
