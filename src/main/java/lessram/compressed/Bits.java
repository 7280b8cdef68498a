package lessram.compressed;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Bit-level primitives over {@code long[]} bit arrays (little-endian: bit {@code p} is bit
 * {@code p & 63} of word {@code p >>> 6}). Every array read here carries two padding words at the end so
 * that a 64-bit window starting at any valid bit position can be read without a bounds branch.
 */
final class Bits {
  private Bits() {}

  /**
   * {@code SELECT_IN_BYTE[(r << 8) | b]} is the position of the {@code r}-th (0-based) set bit of byte
   * {@code b} (8 if there is none).
   */
  private static final byte[] SELECT_IN_BYTE = new byte[8 * 256];

  static {
    for (int b = 0; b < 256; b++) {
      for (int r = 0; r < 8; r++) {
        int seen = 0;
        int pos = 8;
        for (int i = 0; i < 8; i++) {
          if ((b >>> i & 1) != 0) {
            if (seen == r) {
              pos = i;
              break;
            }
            seen++;
          }
        }
        SELECT_IN_BYTE[(r << 8) | b] = (byte) pos;
      }
    }
  }

  private static final long ONES_STEP_8 = 0x0101010101010101L;
  private static final long MSBS_STEP_8 = 0x8080808080808080L;

  /** The 64 bits starting at bit {@code pos} (bits past the array's last word read as whatever is there). */
  static long window(long[] a, long pos) {
    int i = (int) (pos >>> 6);
    int s = (int) pos & 63;
    // (x << 1) << (63 - s) is x << (64 - s) for s >= 1 and 0 for s == 0, without a branch.
    return (a[i] >>> s) | ((a[i + 1] << 1) << (63 - s));
  }

  /**
   * The 64 bits starting at bit {@code pos} of the little-endian bytes {@code b} (bit {@code p} is bit
   * {@code p & 7} of byte {@code p >>> 3}); needs 9 bytes from byte {@code pos >>> 3} on.
   */
  static long window(byte[] b, long pos) {
    int i = (int) (pos >>> 3);
    int s = (int) pos & 7;
    // (x << 1) << (63 - s) is x << (64 - s) for s >= 1 and 0 for s == 0, without a branch.
    return ((long) LONG_LE.get(b, i) >>> s) | (((b[i + 8] & 0xFFL) << 1) << (63 - s));
  }

  /** Little-endian 64-bit reads from a byte array at any byte offset. */
  static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /** The {@code width} bits (0..63) starting at bit {@code pos}, as a non-negative long. */
  static long read(long[] a, long pos, int width) {
    return window(a, pos) & ((1L << width) - 1);
  }

  /** The bit at {@code pos}. */
  static int bit(long[] a, long pos) {
    return (int) (a[(int) (pos >>> 6)] >>> (pos & 63)) & 1;
  }

  /**
   * Position of the {@code r}-th (0-based) set bit of {@code x}. Broadword selection (Vigna, "Broadword
   * implementation of rank/select queries", 2008): byte-wise popcounts, a parallel comparison to find the
   * byte, then a table for the bit within the byte. Requires {@code r < Long.bitCount(x)}.
   */
  static int select64(long x, int r) {
    long s = x - ((x >>> 1) & 0x5555555555555555L);
    s = (s & 0x3333333333333333L) + ((s >>> 2) & 0x3333333333333333L);
    s = (s + (s >>> 4)) & 0x0F0F0F0F0F0F0F0FL;
    long cumulative = s * ONES_STEP_8; // byte i = number of set bits in bytes 0..i
    // Byte i gets its high bit set iff cumulative_i <= r; those bytes form a prefix.
    long le = (((r * ONES_STEP_8) | MSBS_STEP_8) - cumulative) & MSBS_STEP_8;
    int shift = Long.bitCount(le) << 3;
    int before = (int) (((cumulative << 8) >>> shift) & 0xFF);
    return shift + SELECT_IN_BYTE[((r - before) << 8) | (int) ((x >>> shift) & 0xFF)];
  }

  /**
   * Position of the {@code r}-th (0-based) set bit at or after bit {@code start}. The caller guarantees
   * that it exists within the array.
   */
  static long selectOne(long[] a, long start, long r) {
    int i = (int) (start >>> 6);
    long w = a[i];
    // Count from the start of the word: add the ones before `start` to the rank.
    long rank = r + Long.bitCount(w & ((1L << (start & 63)) - 1));
    int c = Long.bitCount(w);
    while (rank >= c) {
      rank -= c;
      w = a[++i];
      c = Long.bitCount(w);
    }
    return ((long) i << 6) + select64(w, (int) rank);
  }

  /**
   * Position of the {@code r}-th (0-based) zero bit at or after bit {@code start}. The caller guarantees
   * that it exists within the array.
   */
  static long selectZero(long[] a, long start, long r) {
    int i = (int) (start >>> 6);
    long w = ~a[i];
    long rank = r + Long.bitCount(w & ((1L << (start & 63)) - 1));
    int c = Long.bitCount(w);
    while (rank >= c) {
      rank -= c;
      w = ~a[++i];
      c = Long.bitCount(w);
    }
    return ((long) i << 6) + select64(w, (int) rank);
  }

  /**
   * Position just after the {@code j}-th ({@code j >= 1}) one at or after {@code start}. The three
   * aligned words from {@code start}'s word on are examined without data-dependent branches (the
   * ternaries compile to conditional moves), which covers every lookup in a block of typical size; only
   * longer distances fall back to a word scan.
   */
  static long afterOnes(long[] a, long start, long j) {
    int i = (int) (start >>> 6);
    long w0 = a[i];
    long w1 = a[i + 1];
    long w2 = a[i + 2];
    long r = j - 1 + Long.bitCount(w0 & ((1L << start) - 1)); // rank counted from the word's start
    long c0 = Long.bitCount(w0);
    long c1 = c0 + Long.bitCount(w1);
    long c2 = c1 + Long.bitCount(w2);
    if (r >= c2) {
      return selectOne(a, (long) (i + 3) << 6, r - c2) + 1;
    }
    return pick(i, r, w0, w1, w2, c0, c1);
  }

  /** Position just after the {@code j}-th ({@code j >= 1}) zero at or after {@code start}. */
  static long afterZeros(long[] a, long start, long j) {
    int i = (int) (start >>> 6);
    long w0 = ~a[i];
    long w1 = ~a[i + 1];
    long w2 = ~a[i + 2];
    long r = j - 1 + Long.bitCount(w0 & ((1L << start) - 1));
    long c0 = Long.bitCount(w0);
    long c1 = c0 + Long.bitCount(w1);
    long c2 = c1 + Long.bitCount(w2);
    if (r >= c2) {
      return selectZero(a, (long) (i + 3) << 6, r - c2) + 1;
    }
    return pick(i, r, w0, w1, w2, c0, c1);
  }

  /**
   * Position after the {@code r}-th (0-based) set bit of the 192-bit string {@code w0 w1 w2} starting at
   * word {@code i}, given the cumulative counts {@code c0 = pop(w0)}, {@code c1 = c0 + pop(w1)} and
   * {@code r < c0 + pop(w1) + pop(w2)}: the word is chosen with masks, not branches (which the data
   * would make unpredictable).
   */
  private static long pick(int i, long r, long w0, long w1, long w2, long c0, long c1) {
    long m0 = (r - c0) >> 63; // all ones if the bit is in w0
    long m1 = (r - c1) >> 63; // all ones if it is in w0 or w1
    long in1 = m1 & ~m0;
    long w = (w0 & m0) | (w1 & in1) | (w2 & ~m1);
    long before = (c0 & in1) | (c1 & ~m1);
    long word = i + (1 & in1) + (2 & ~m1);
    return (word << 6) + select64(w, (int) (r - before)) + 1;
  }

  /**
   * Number of set bits in {@code [start, end)} when {@code end - start} is small: up to three whole
   * words between the two ends are summed with masks instead of a loop.
   */
  static long rankShort(long[] a, long start, long end) {
    int i0 = (int) (start >>> 6);
    int i1 = (int) (end >>> 6);
    long c = Long.bitCount(a[i1] & ((1L << end) - 1)) - Long.bitCount(a[i0] & ((1L << start) - 1));
    int words = i1 - i0; // whole words a[i0 .. i1) to add
    if (words > 3) {
      for (int k = i0 + 3; k < i1; k++) {
        c += Long.bitCount(a[k]);
      }
    }
    c += Long.bitCount(a[i0] & ((0L - words) >> 63));
    c += Long.bitCount(a[i0 + 1] & ((1L - words) >> 63));
    c += Long.bitCount(a[i0 + 2] & ((2L - words) >> 63));
    return c;
  }

  /** Number of consecutive ones starting at {@code start}. */
  static long runOfOnes(long[] a, long start) {
    long run = Long.numberOfTrailingZeros(~window(a, start));
    if (run < 64) {
      return run;
    }
    long pos = start + 64;
    long w;
    while ((w = ~window(a, pos)) == 0) {
      pos += 64;
      run += 64;
    }
    return run + Long.numberOfTrailingZeros(w);
  }

  /** Number of consecutive zeros starting at {@code start}. */
  static long runOfZeros(long[] a, long start) {
    long run = Long.numberOfTrailingZeros(window(a, start));
    if (run < 64) {
      return run;
    }
    long pos = start + 64;
    long w;
    while ((w = window(a, pos)) == 0) {
      pos += 64;
      run += 64;
    }
    return run + Long.numberOfTrailingZeros(w);
  }

  /** Number of set bits in {@code [start, start + length)}. */
  static long rank(long[] a, long start, long length) {
    if (length == 0) {
      return 0;
    }
    long end = start + length;
    int i = (int) (start >>> 6);
    int last = (int) ((end - 1) >>> 6);
    long firstMask = -1L << (start & 63);
    long lastMask = -1L >>> (63 - ((end - 1) & 63));
    if (i == last) {
      return Long.bitCount(a[i] & firstMask & lastMask);
    }
    long count = Long.bitCount(a[i] & firstMask);
    for (int j = i + 1; j < last; j++) {
      count += Long.bitCount(a[j]);
    }
    return count + Long.bitCount(a[last] & lastMask);
  }

  // ---------------------------------------------------------------------------------------------
  // Fixed-width fields packed in a word (SWAR)

  /** For field width w (1..63): number of whole w-bit fields in 64 bits. */
  static final int[] FIELDS = new int[64];
  /** For field width w: a one in the lowest bit of each whole field of a word. */
  static final long[] FIELD_ONES = new long[64];
  /** For field width w: a one in the highest bit of each whole field of a word. */
  static final long[] FIELD_HIGHS = new long[64];

  static {
    for (int w = 1; w < 64; w++) {
      FIELDS[w] = 64 / w;
      for (int f = 0; f < 64 / w; f++) {
        FIELD_ONES[w] |= 1L << (f * w);
        FIELD_HIGHS[w] |= 1L << (f * w + w - 1);
      }
    }
  }

  /**
   * Number of all-ones {@code w}-bit fields among the {@code count} consecutive fields that start at bit
   * {@code pos}, a word of fields at a time (exact, no per-field loop). The fields are read from
   * {@code bytes} if it is not null, else from {@code words}. The rare path of fixed-width values with
   * escapes, where an all-ones field marks an escaped value.
   */
  static long countAllOnesFields(long[] words, byte[] bytes, long pos, long count, int w) {
    long e = 0;
    int per = FIELDS[w];
    long highs = FIELD_HIGHS[w];
    long lows = FIELD_ONES[w] * ((1L << (w - 1)) - 1); // each field's bits below its top bit
    for (long left = count; left > 0; ) {
      long take = Math.min(left, per);
      long x = ~(bytes != null ? window(bytes, pos) : window(words, pos)); // all-ones fields become zero fields
      long zero = ~(((x & lows) + lows) | x) & highs; // exact: the top bit of every zero field
      e += Long.bitCount(zero & (take * w == 64 ? -1L : (1L << (take * w)) - 1));
      pos += take * w;
      left -= take;
    }
    return e;
  }

  /** Number of bits needed to write {@code v >= 0} (0 for 0). */
  static int width(long v) {
    return 64 - Long.numberOfLeadingZeros(v);
  }

  /** Words holding {@code bits} bits. */
  static long words(long bits) {
    return (bits + 63) >>> 6;
  }

  /**
   * Words holding {@code bits} bits plus two padding words, so that a window may start at any position up
   * to and including {@code bits}.
   */
  static long paddedWords(long bits) {
    return ((bits + 63) >>> 6) + 2;
  }

  /** A growable bit array writer; positions may be written in any order (bits are OR-ed in). */
  static final class Writer {
    private long[] words;

    Writer(long capacityBits) {
      words = new long[(int) Math.max(2, paddedWords(capacityBits))];
    }

    /** Writes the low {@code width} (0..64) bits of {@code value} at bit {@code pos}. */
    void put(long pos, long value, int width) {
      if (width == 0) {
        return;
      }
      long end = pos + width;
      ensure(end);
      if (width < 64) {
        value &= (1L << width) - 1;
      }
      int i = (int) (pos >>> 6);
      int s = (int) pos & 63;
      words[i] |= value << s;
      if (s != 0 && s + width > 64) {
        words[i + 1] |= value >>> (64 - s);
      }
    }

    /** Sets the bit at {@code pos}. */
    void set(long pos) {
      ensure(pos + 1);
      words[(int) (pos >>> 6)] |= 1L << (pos & 63);
    }

    private void ensure(long endBits) {
      long need = paddedWords(endBits);
      if (need > words.length) {
        long n = Math.max(need, Math.min((long) Integer.MAX_VALUE - 16, 2L * words.length));
        if (n > Integer.MAX_VALUE - 16) {
          throw new IllegalStateException("bit array too large: " + endBits + " bits");
        }
        words = java.util.Arrays.copyOf(words, (int) n);
      }
    }

    /** The words holding the first {@code bits} bits plus the zero padding words. */
    long[] toArray(long bits) {
      long n = paddedWords(bits);
      return java.util.Arrays.copyOf(words, (int) n);
    }
  }
}
