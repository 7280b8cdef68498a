package lessram.frozen;

import java.io.IOException;

/**
 * The compressed random-access core: a sorted set of "present" elements of a universe
 * {@code [0, universe)}, each carrying {@code outputs} small integer symbols ({@code outputs} may be 0:
 * then it is a plain rank structure, used for the sparse feature-id map).
 *
 * <h2>Layout</h2>
 * The universe is cut into blocks of {@code S = 2^blockShift} elements. Block {@code b} starts at bit
 * {@code O_b} of one payload bit array, and {@code R_b} present elements precede it. Both sequences are
 * kept in a two-level index: exact anchors every {@code G = 2^superShift} blocks, and per block a
 * fixed-width residual against the straight line between the two surrounding anchors
 * ({@code O_b = A_s + ((A_{s+1} - A_s) * j >> superShift) + bias + residual_b}, {@code s = b >> superShift},
 * {@code j = b mod G}), which needs fewer bits than an offset from the anchor. Inside a block of universe {@code u} with {@code n} present elements:
 * <ol>
 *   <li>positions, in a mode derived from {@code (u, n)} alone (nothing stored): none if {@code n = 0}
 *       or {@code n = u}; a plain bitmap of {@code u} bits; or Elias-Fano with {@code l} low bits
 *       ({@code n + ceil(u / 2^l)} high bits, then {@code n * l} low bits), whichever is smaller, or the
 *       bitmap whenever it is at most {@code (4 + bitmapAllowance) / 4} times the Elias-Fano size (a
 *       faster layout for a few more bits; see {@link #mode(long, long, int)});</li>
 *   <li>the unary parts of the {@code n * outputs} symbols in element order: {@code q} zeros then a one;</li>
 *   <li>the binary parts of the symbols, written backwards from the end of the block (symbol {@code j}'s
 *       bits end where symbol {@code j - 1}'s begin), so that both streams can be located without storing
 *       a split point.</li>
 * </ol>
 * A symbol {@code u} is coded with Golomb-Rice({@code k}) (quotient {@code u >>> k} in unary, {@code k}
 * low bits) or Exp-Golomb({@code k}) (for {@code v = u + 2^k}: {@code bitLength(v) - k - 1} in unary,
 * then {@code v} without its top bit). In both the position of symbol {@code j}'s binary part follows
 * from the position of its unary terminator, so a lookup is: one index read, a select in the position
 * bits, a select of the {@code j}-th one in the unary stream, one read. Work is bounded by the block's
 * size (a few machine words, scanned with popcounts), never by the model's.
 *
 * <p>Immutable; all lookups use locals only, so any number of threads may read concurrently.
 */
final class BlockStore {
  static final int RICE = 0;
  static final int EXP_GOLOMB = 1;
  /**
   * Fixed-width fields with escapes (format version 2): every symbol takes a {@code w}-bit field, in
   * element order right after the positions, so symbol {@code j} is read in O(1) at {@code j * w}. A symbol
   * {@code >= lim = 2^w - 1} stores {@code lim} (all ones) in its field and its excess {@code symbol - lim}
   * as a Golomb-Rice({@code k2}) code after the fields (unary parts forward, binary parts backwards from
   * the block's end, as for the other families); the {@code e}-th escape's code is found by counting the
   * all-ones fields before it. The parameter byte packs {@code w} (1..24) in its low 5 bits and {@code k2}
   * (0..7) in its high 3 bits.
   */
  static final int FIXED = 2;
  static final int MAX_FIXED_WIDTH = 24;
  static final int MAX_ESCAPE_PARAM = 7;
  static final int MAX_BLOCK_SHIFT = 24;
  static final int MAX_SUPER_SHIFT = 12;
  /** Anchors are limited to this, so that interpolation never overflows. */
  static final long MAX_ANCHOR = 1L << 50;
  static final int MAX_PARAM = 24;
  /** Largest bitmap allowance (in quarters of the Elias-Fano size). */
  static final int MAX_BITMAP_ALLOWANCE = 60;

  /** Position modes; a value {@code >= 0} is Elias-Fano with that many low bits. */
  static final int EMPTY = -1;
  static final int ALL = -2;
  static final int BITMAP = -3;
  /**
   * Two-level bitmap (format version 2, {@link #GROUPED} layout): one bit per group of 4 slots (set iff
   * the group holds an element), then a 4-bit mask for each non-empty group. Found with bit tests and
   * popcounts only (no select), at about the Elias-Fano size for densities between 1/8 and 1/4.
   */
  static final int GROUP4 = -4;
  /**
   * The bitmap-allowance value of the grouped layout: a block whose Elias-Fano code would use
   * {@code l = 2} low bits stores a two-level bitmap instead; other blocks are coded as in the compact
   * layout (allowance 0).
   */
  static final int GROUPED = 255;

  final long universe;
  final int outputs;
  final int blockShift;
  final int numBlocks;
  final long count;
  final int superShift;
  final int relOffsetBits;
  final int relRankBits;
  /** Anchors (offset, rank) pairs: {@code numSuperblocks + 2} of them. */
  final long[] superIndex;
  final long[] relIndex;
  final long offsetBias;
  final long rankBias;
  final long payloadBits;
  final long[] payload;
  final int family;
  final int param;
  /** A block uses a bitmap when {@code 4 u <= (4 + bitmapAllowance) * eliasFanoBits}. */
  final int bitmapAllowance;
  final int alphabetSize;
  /**
   * Symbol to coefficient code for an explicit symbol table; null for the zigzag mappings (decoded
   * arithmetically, see {@link #codeOf(long)}) and when {@code outputs == 0}.
   */
  final short[] codeOfSymbol;
  /** For the zigzag mappings: 0, or 1 when symbol 0 stands for code -1 (zero is not in the alphabet). */
  final int zigzagShift;

  private final int entryBits;
  private final long entryMask;
  private final boolean pairedEntries;
  private final long offsetMask;
  private final long lastBlockUniverse;
  private final long blockMask;

  private BlockStore(long universe, int outputs, int blockShift, long count, int superShift,
      int relOffsetBits, int relRankBits, long[] superIndex, long[] relIndex, long offsetBias, long rankBias,
      long payloadBits, long[] payload, int family, int param, int alphabetSize, short[] codeOfSymbol,
      int zigzagShift, int bitmapAllowance) {
    this.bitmapAllowance = bitmapAllowance;
    this.zigzagShift = zigzagShift;
    this.universe = universe;
    this.outputs = outputs;
    this.blockShift = blockShift;
    this.numBlocks = numBlocks(universe, blockShift);
    this.count = count;
    this.superShift = superShift;
    this.relOffsetBits = relOffsetBits;
    this.relRankBits = relRankBits;
    this.superIndex = superIndex;
    this.relIndex = relIndex;
    this.offsetBias = offsetBias;
    this.rankBias = rankBias;
    this.payloadBits = payloadBits;
    this.payload = payload;
    this.family = family;
    this.param = param;
    this.alphabetSize = alphabetSize;
    this.codeOfSymbol = codeOfSymbol;
    this.entryBits = relOffsetBits + relRankBits;
    this.entryMask = (1L << entryBits) - 1;
    this.pairedEntries = 2 * entryBits <= 64;
    this.offsetMask = (1L << relOffsetBits) - 1;
    this.lastBlockUniverse = universe - ((long) (numBlocks - 1) << blockShift);
    this.blockMask = (1L << blockShift) - 1;
  }

  static int numBlocks(long universe, int blockShift) {
    return (int) (((universe - 1) >>> blockShift) + 1);
  }

  // ---------------------------------------------------------------------------------------------
  // Position modes

  /**
   * The position mode of a block of universe {@code u} holding {@code n} elements: EMPTY if
   * {@code n = 0}, ALL if {@code n = u}; otherwise Elias-Fano with the smallest {@code l >= 0} such that
   * {@code floor(ceil(u / 2^l) / 2) <= n} (this {@code l} minimizes {@code ef = n (l + 1) + ceil(u / 2^l)},
   * which is convex in {@code l}), unless {@code 4 u <= (4 + allowance) ef}, in which case BITMAP (with
   * allowance 0: whenever the bitmap is no larger).
   */
  static int mode(long u, long n, int allowance) {
    if (n == 0) {
      return EMPTY;
    }
    if (n == u) {
      return ALL;
    }
    int l = 0;
    while ((ceilShift(u, l) >>> 1) > n) {
      l++;
    }
    long ef = n * (l + 1) + ceilShift(u, l);
    if (allowance == GROUPED) {
      return l == 2 ? GROUP4 : u <= ef ? BITMAP : l;
    }
    return 4 * u <= (4 + allowance) * ef ? BITMAP : l;
  }

  /** {@link #mode(long, long, int)} for a full block ({@code u = 2^shift}, {@code 0 < n < u}) in O(1). */
  static int fullBlockMode(int shift, long n, int allowance) {
    int l = shift - 1 - (63 - Long.numberOfLeadingZeros(n));
    long ef = n * (l + 1) + (1L << (shift - l));
    if (allowance == GROUPED) {
      return l == 2 ? GROUP4 : (1L << shift) <= ef ? BITMAP : l;
    }
    return (4L << shift) <= (4 + allowance) * ef ? BITMAP : l;
  }

  static long ceilShift(long u, int l) {
    return ((u - 1) >>> l) + 1;
  }

  /** Position bits of a block in a mode other than GROUP4 (whose size depends on the elements). */
  static long positionBits(int mode, long u, long n) {
    if (mode >= 0) {
      return n * (mode + 1) + ceilShift(u, mode);
    }
    return mode == BITMAP ? u : 0;
  }

  /** Position bits of the block holding {@code elements[from..to)} (relative to {@code base}), any mode. */
  static long positionBits(int mode, long u, int[] elements, int from, int to, long base) {
    if (mode != GROUP4) {
      return positionBits(mode, u, to - from);
    }
    long groups = 0;
    long last = -1;
    for (int i = from; i < to; i++) {
      long g = (elements[i] - base) >>> 2;
      if (g != last) {
        groups++;
        last = g;
      }
    }
    return ceilShift(u, 2) + 4 * groups;
  }

  /** Start of the value codes of a block at bit {@code ob} (GROUP4: counts the non-empty groups). */
  private long valueStart(long ob, int mode, long u, long n) {
    if (mode == GROUP4) {
      long g = ceilShift(u, 2);
      return ob + g + 4 * Bits.rankShort(payload, ob, ob + g);
    }
    return ob + positionBits(mode, u, n);
  }

  private int blockMode(int b, long n) {
    if (n == 0) {
      return EMPTY;
    }
    if (b == numBlocks - 1) {
      return mode(lastBlockUniverse, n, bitmapAllowance);
    }
    if (n == (1L << blockShift)) {
      return ALL;
    }
    return fullBlockMode(blockShift, n, bitmapAllowance);
  }

  private long blockUniverse(int b) {
    return b == numBlocks - 1 ? lastBlockUniverse : 1L << blockShift;
  }

  // ---------------------------------------------------------------------------------------------
  // Symbol codes

  /** Bits of symbol {@code u} under (family, k). */
  static long symbolBits(int family, int k, long u) {
    if (family == RICE) {
      return (u >>> k) + 1 + k;
    }
    if (family == FIXED) {
      int w = k & 31;
      int k2 = k >>> 5;
      long lim = (1L << w) - 1;
      return u < lim ? w : w + ((u - lim) >>> k2) + 1 + k2;
    }
    int q = Bits.width(u + (1L << k)) - 1 - k;
    return 2L * q + 1 + k;
  }

  /** Largest unary quotient a valid symbol below {@code alphabetSize} can have. */
  static long maxQuotient(int family, int k, int alphabetSize) {
    long maxU = Math.max(0, alphabetSize - 1);
    if (family == RICE) {
      return maxU >>> k;
    }
    if (family == FIXED) {
      long lim = (1L << (k & 31)) - 1;
      return maxU < lim ? 0 : (maxU - lim) >>> (k >>> 5);
    }
    return Bits.width(maxU + (1L << k)) - 1 - k;
  }

  // ---------------------------------------------------------------------------------------------
  // Lookups (hot path)

  private long entry(int b) {
    return Bits.read(relIndex, (long) b * entryBits, entryBits);
  }

  /** Anchors needed for {@code numBlocks} blocks with superblock shift {@code g}. */
  static int numAnchors(int numBlocks, int g) {
    return ((numBlocks - 1) >>> g) + 3;
  }

  private long offset(int b, long e) {
    int a = (b >>> superShift) << 1;
    long a0 = superIndex[a];
    return a0 + (((superIndex[a + 2] - a0) * (b & ((1 << superShift) - 1))) >> superShift) + offsetBias
        + (e & offsetMask);
  }

  private long rankBefore(int b, long e) {
    int a = ((b >>> superShift) << 1) + 1;
    long a0 = superIndex[a];
    return a0 + (((superIndex[a + 2] - a0) * (b & ((1 << superShift) - 1))) >> superShift) + rankBias
        + (e >>> relOffsetBits);
  }

  /**
   * Local rank of element {@code t} in a block starting at bit {@code ob} with {@code n} elements in
   * mode {@code mode} and universe {@code u}; -1 if absent.
   */
  private long localRank(long ob, int mode, long n, long t, long u) {
    // kept small (each mode in its own method) so that the JIT inlines the dispatch and the common modes
    if (mode == BITMAP) {
      long[] p = payload;
      long at = ob + t;
      if ((p[(int) (at >>> 6)] >>> at & 1) == 0) {
        return -1;
      }
      return Bits.rankShort(p, ob, at);
    }
    if (mode == GROUP4) {
      return groupRank(ob, t, u);
    }
    if (mode == ALL) {
      return t;
    }
    return eliasFanoRank(ob, mode, n, t, u);
  }

  /** {@link #localRank} in a GROUP4 block. */
  private long groupRank(long ob, long t, long u) {
    long[] p = payload;
    {
      long grp = t >>> 2;
      long before;
      if (u <= 256) { // all group bits in one window: one read for the test and the rank
        long gw = Bits.window(p, ob);
        if ((gw >>> grp & 1) == 0) {
          return -1;
        }
        before = Long.bitCount(gw & ((1L << grp) - 1));
      } else {
        long at = ob + grp;
        if ((p[(int) (at >>> 6)] >>> at & 1) == 0) {
          return -1;
        }
        before = Bits.rankShort(p, ob, at);
      }
      long masks = ob + ceilShift(u, 2);
      long mp = masks + 4 * before; // this group's 4-bit mask
      long nib = Bits.window(p, mp);
      int bit = (int) t & 3;
      if ((nib >>> bit & 1) == 0) {
        return -1;
      }
      return Bits.rankShort(p, masks, mp) + Long.bitCount(nib & ((1L << bit) - 1));
    }
  }

  /** {@link #localRank} in an Elias-Fano block with {@code l = mode} low bits. */
  private long eliasFanoRank(long ob, int mode, long n, long t, long u) {
    long[] p = payload;
    int l = mode;
    long h = t >>> l;
    long pos = h == 0 ? ob : Bits.afterZeros(p, ob, h);
    long run = Bits.runOfOnes(p, pos); // elements in bucket h (0 leaves no field to match below)
    long c = pos - ob - h;
    if (l == 0) {
      return run == 0 ? -1 : c; // a bucket is a single element
    }
    long lowBase = ob + n + ceilShift(u, l) + c * l;
    long target = t & ((1L << l) - 1);
    if (run <= FIELDS[l]) {
      // The bucket's low parts are consecutive l-bit fields, strictly increasing: find a field equal to
      // the target without a loop (SWAR zero-field test on lows XOR target; the lowest flagged field is
      // exact, higher ones may be false alarms and are ignored).
      long x = Bits.window(p, lowBase) ^ (FIELD_ONES[l] * target);
      long z = (x - FIELD_ONES[l]) & ~x & FIELD_HIGHS[l];
      z &= run * l == 64 ? -1L : (1L << (run * l)) - 1;
      if (z == 0) {
        return -1;
      }
      return c + ((Long.numberOfTrailingZeros(z) * FIELD_RECIPROCAL[l]) >>> 16);
    }
    for (long i = 0; i < run; i++) {
      long low = Bits.read(p, lowBase, l);
      if (low >= target) {
        return low == target ? c + i : -1;
      }
      lowBase += l;
    }
    return -1;
  }

  /** For field width l (1..63): number of whole l-bit fields in 64 bits. */
  static final int[] FIELDS = new int[64];
  /** A one in the lowest bit of each field. */
  static final long[] FIELD_ONES = new long[64];
  /** A one in the highest bit of each field. */
  static final long[] FIELD_HIGHS = new long[64];
  /** ceil(2^16 / l): {@code (i * r) >>> 16 == i / l} for {@code 0 <= i < 64}. */
  private static final long[] FIELD_RECIPROCAL = new long[64];

  static {
    for (int l = 1; l < 64; l++) {
      FIELDS[l] = 64 / l;
      for (int f = 0; f < 64 / l; f++) {
        FIELD_ONES[l] |= 1L << (f * l);
        FIELD_HIGHS[l] |= 1L << (f * l + l - 1);
      }
      FIELD_RECIPROCAL[l] = ((1L << 16) + l - 1) / l;
    }
  }

  /**
   * Rank of element {@code x} among all present elements, or -1 if absent (or outside the universe).
   */
  long rank(long x) {
    if (x < 0 || x >= universe) {
      return -1;
    }
    int b = (int) (x >>> blockShift);
    long e0 = entry(b);
    long e1 = entry(b + 1);
    long r0 = rankBefore(b, e0);
    long n = rankBefore(b + 1, e1) - r0;
    if (n == 0) {
      return -1;
    }
    long c = localRank(positionsStart(offset(b, e0), n), blockMode(b, n), n, x & blockMask, blockUniverse(b));
    return c < 0 ? -1 : r0 + c;
  }

  /** The code of symbol {@code output} of element {@code x}, or 0 if {@code x} is absent. */
  int code(long x, int output) {
    int b = (int) (x >>> blockShift);
    long e0 = entry(b);
    long e1 = entry(b + 1);
    long n = rankBefore(b + 1, e1) - rankBefore(b, e0);
    if (n == 0) {
      return 0;
    }
    int mode = blockMode(b, n);
    long u = blockUniverse(b);
    long ob = offset(b, e0);
    long c = localRank(positionsStart(ob, n), mode, n, x & blockMask, u);
    if (c < 0) {
      return 0;
    }
    long[] p = payload;
    long j = c * outputs + output;
    if (family == FIXED) {
      return codeOf(fixedSymbol(ob, offset(b + 1, e1), n, j, mode, u));
    }
    long vu = valueStart(ob, mode, u, n);
    long start = j == 0 ? vu : Bits.afterOnes(p, vu, j);
    long q = Bits.runOfZeros(p, start);
    long end = start + q; // the terminating one
    long ob1 = offset(b + 1, e1);
    int k = param;
    long symbol;
    if (family == RICE) {
      symbol = (q << k) | Bits.read(p, ob1 - k * (j + 1), k);
    } else {
      long zerosThrough = (end + 1 - vu) - (j + 1);
      int width = (int) (k + q);
      symbol = (1L << width) + Bits.read(p, ob1 - (k * (j + 1) + zerosThrough), width) - (1L << k);
    }
    return codeOf(symbol);
  }

  /** Where a block's positions start: after the fields for FIXED, else at the block's start. */
  private long positionsStart(long ob, long n) {
    return family == FIXED ? ob + n * outputs * (param & 31) : ob;
  }

  /**
   * FIXED family: symbol {@code j} of a block starting at bit {@code ob} (its fields), ending at bit
   * {@code ob1}, with {@code n} elements in position mode {@code mode} and universe {@code u}.
   */
  private long fixedSymbol(long ob, long ob1, long n, long j, int mode, long u) {
    int w = param & 31;
    long lim = (1L << w) - 1;
    long f = Bits.read(payload, ob + j * w, w);
    return f != lim ? f : lim + escapeExcess(ob, ob1, n, j, mode, u);
  }

  /** The excess of the escaped symbol {@code j} (its field is all ones): the rare path of FIXED. */
  private long escapeExcess(long ob, long ob1, long n, long j, int mode, long u) {
    long[] p = payload;
    int w = param & 31;
    // e = number of all-ones fields before field j, a whole window of fields at a time
    long e = 0;
    int per = FIELDS[w];
    long highs = FIELD_HIGHS[w];
    long lows = FIELD_ONES[w] * ((1L << (w - 1)) - 1); // each field's bits below its top bit
    long pos = ob;
    for (long left = j; left > 0; ) {
      long take = Math.min(left, per);
      long x = ~Bits.window(p, pos); // an all-ones field becomes a zero field
      long zero = ~(((x & lows) + lows) | x) & highs; // exact: the top bit of every zero field
      e += Long.bitCount(zero & (take * w == 64 ? -1L : (1L << (take * w)) - 1));
      pos += take * w;
      left -= take;
    }
    long xs = valueStart(ob + n * outputs * w, mode, u, n); // the escapes' unary codes
    long start = e == 0 ? xs : Bits.afterOnes(p, xs, e);
    long q = Bits.runOfZeros(p, start);
    int k2 = param >>> 5;
    return (q << k2) | Bits.read(p, ob1 - k2 * (e + 1), k2);
  }

  /** The coefficient code of a symbol: table lookup, or zigzag decoding (0, -1, 1, -2, 2, ...). */
  int codeOf(long symbol) {
    short[] t = codeOfSymbol;
    if (t != null) {
      return t[(int) symbol];
    }
    long v = symbol + zigzagShift;
    return (int) ((v >>> 1) ^ -(v & 1));
  }

  /**
   * For a single-output store: the code of element {@code x} times {@code scale} (0 if absent). The hot
   * path of binary logistic prediction.
   */
  double scaledCode(long x, double scale) {
    int b = (int) (x >>> blockShift);
    int g = superShift;
    int a = (b >>> g) << 1;
    long jj = b & ((1 << g) - 1);
    long[] anchors = superIndex;
    long a0 = anchors[a];
    long dO = anchors[a + 2] - a0;
    long dR = anchors[a + 3] - anchors[a + 1];
    long e0;
    long e1;
    if (pairedEntries) { // both entries in one window
      long ee = Bits.window(relIndex, (long) b * entryBits);
      e0 = ee & entryMask;
      e1 = (ee >>> entryBits) & entryMask;
    } else {
      e0 = entry(b);
      e1 = entry(b + 1);
    }
    // block b+1 interpolates along the same segment (at j = 2^g it lands exactly on the next anchor)
    long n = ((dR * (jj + 1)) >> g) - ((dR * jj) >> g) + (e1 >>> relOffsetBits) - (e0 >>> relOffsetBits);
    if (n == 0) {
      return 0;
    }
    int mode = blockMode(b, n);
    long u = blockUniverse(b);
    long ob = a0 + ((dO * jj) >> g) + offsetBias + (e0 & offsetMask);
    long ob1 = a0 + ((dO * (jj + 1)) >> g) + offsetBias + (e1 & offsetMask);
    if (family == FIXED) {
      int w = param & 31;
      long c = localRank(ob + n * w, mode, n, x & blockMask, u);
      if (c < 0) {
        return 0;
      }
      long lim = (1L << w) - 1;
      long f = Bits.read(payload, ob + c * w, w);
      if (f == lim) {
        f += escapeExcess(ob, ob1, n, c, mode, u);
      }
      return codeOf(f) * scale;
    }
    long c = localRank(ob, mode, n, x & blockMask, u);
    if (c < 0) {
      return 0;
    }
    long[] p = payload;
    long vu = valueStart(ob, mode, u, n);
    long start = c == 0 ? vu : Bits.afterOnes(p, vu, c);
    long q = Bits.runOfZeros(p, start);
    long end = start + q;
    int k = param;
    long symbol;
    if (family == RICE) {
      symbol = (q << k) | Bits.read(p, ob1 - k * (c + 1), k);
    } else {
      long zerosThrough = (end + 1 - vu) - (c + 1);
      int width = (int) (k + q);
      symbol = (1L << width) + Bits.read(p, ob1 - (k * (c + 1) + zerosThrough), width) - (1L << k);
    }
    return codeOf(symbol) * scale;
  }

  /**
   * Adds {@code scale * code(x, k)} to {@code acc[k]} for every output {@code k}; nothing if {@code x}
   * is absent.
   */
  void addScaledCodes(long x, double scale, double[] acc) {
    int b = (int) (x >>> blockShift);
    int g = superShift;
    int a = (b >>> g) << 1;
    long jj = b & ((1 << g) - 1);
    long[] anchors = superIndex;
    long a0 = anchors[a];
    long dO = anchors[a + 2] - a0;
    long dR = anchors[a + 3] - anchors[a + 1];
    long e0;
    long e1;
    if (pairedEntries) { // both entries in one window
      long ee = Bits.window(relIndex, (long) b * entryBits);
      e0 = ee & entryMask;
      e1 = (ee >>> entryBits) & entryMask;
    } else {
      e0 = entry(b);
      e1 = entry(b + 1);
    }
    // block b+1 interpolates along the same segment (at j = 2^g it lands exactly on the next anchor)
    long n = ((dR * (jj + 1)) >> g) - ((dR * jj) >> g) + (e1 >>> relOffsetBits) - (e0 >>> relOffsetBits);
    if (n == 0) {
      return;
    }
    int mode = blockMode(b, n);
    long u = blockUniverse(b);
    long ob = a0 + ((dO * jj) >> g) + offsetBias + (e0 & offsetMask);
    long c = localRank(positionsStart(ob, n), mode, n, x & blockMask, u);
    if (c < 0) {
      return;
    }
    long[] p = payload;
    int kOut = outputs;
    long j = c * kOut;
    long ob1 = a0 + ((dO * (jj + 1)) >> g) + offsetBias + (e1 & offsetMask);
    if (family == FIXED) {
      for (int o = 0; o < kOut; o++) {
        acc[o] += codeOf(fixedSymbol(ob, ob1, n, j + o, mode, u)) * scale;
      }
      return;
    }
    long vu = valueStart(ob, mode, u, n);
    long pos = j == 0 ? vu : Bits.afterOnes(p, vu, j);
    int k = param;
    long mantissaEnd = ob1 - k * j; // binary parts are written backwards from the block end
    if (family == EXP_GOLOMB) {
      mantissaEnd -= (pos - vu) - j; // minus the unary zeros of the symbols before j
    }
    for (int o = 0; o < kOut; o++) {
      long q = Bits.runOfZeros(p, pos);
      pos += q + 1;
      long symbol;
      if (family == RICE) {
        mantissaEnd -= k;
        symbol = (q << k) | Bits.read(p, mantissaEnd, k);
      } else {
        int width = (int) (k + q);
        mantissaEnd -= width;
        symbol = (1L << width) + Bits.read(p, mantissaEnd, width) - (1L << k);
      }
      acc[o] += codeOf(symbol) * scale;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Full decoding (validation, statistics, tests)

  /** Receives every present element and, for each, its symbols in output order. */
  interface Visitor {
    /** Element {@code x} (the {@code rank}-th present one) with its symbols {@code symbols[0..outputs)}. */
    void element(long x, long rank, int[] symbols) throws IOException;
  }

  /**
   * Decodes the whole structure, checking every invariant that the lookups rely on, so that a store
   * which passes never makes a lookup read outside its arrays or decode an out-of-range symbol. Called
   * on every store built or loaded.
   *
   * @throws IOException describing the first violated invariant
   */
  void validate(Visitor visitor) throws IOException {
    if (superIndex.length != 2 * numAnchors(numBlocks, superShift)) {
      throw corrupt("superblock index has " + superIndex.length + " words");
    }
    for (long a : superIndex) {
      if (a < 0 || a > MAX_ANCHOR) {
        throw corrupt("superblock anchor " + a + " out of range");
      }
    }
    int na = superIndex.length;
    if (superIndex[na - 1] != superIndex[na - 3] || superIndex[na - 2] != superIndex[na - 4]) {
      throw corrupt("the closing superblock anchor is not a copy of the last one");
    }
    if (Math.abs(offsetBias) > MAX_ANCHOR || Math.abs(rankBias) > MAX_ANCHOR) {
      throw corrupt("index bias out of range");
    }
    long relBits = (long) (numBlocks + 1) * entryBits;
    checkTail(relIndex, relBits, "block index");
    checkTail(payload, payloadBits, "payload");
    int[] symbols = new int[outputs];
    long prevOffset = 0;
    long prevRank = 0;
    long e = entry(0);
    if (offset(0, e) != 0 || rankBefore(0, e) != 0) {
      throw corrupt("block index does not start at 0");
    }
    for (int b = 0; b <= numBlocks; b++) {
      if ((b & ((1 << superShift) - 1)) == 0) {
        long eb = entry(b);
        int a = (b >>> superShift) << 1;
        if (offset(b, eb) != superIndex[a] || rankBefore(b, eb) != superIndex[a + 1]) {
          throw corrupt("superblock anchor " + (b >>> superShift) + " disagrees with its block");
        }
      }
      if (b == 0) {
        continue;
      }
      long eb = entry(b);
      long ob = offset(b, eb);
      long rb = rankBefore(b, eb);
      if (ob < prevOffset || rb < prevRank || ob > payloadBits || rb > count) {
        throw corrupt("block index not monotone at block " + b);
      }
      decodeBlock(b - 1, prevOffset, ob, prevRank, rb - prevRank, symbols, visitor);
      prevOffset = ob;
      prevRank = rb;
    }
    if (prevOffset != payloadBits || prevRank != count) {
      throw corrupt("block index ends at bit " + prevOffset + " / element " + prevRank + ", expected "
          + payloadBits + " / " + count);
    }
  }

  private void decodeBlock(int b, long ob, long ob1, long rankBase, long n, int[] symbols, Visitor v)
      throws IOException {
    long u = blockUniverse(b);
    if (n > u) {
      throw corrupt("block " + b + " claims " + n + " elements in a universe of " + u);
    }
    int mode = blockMode(b, n);
    long size = ob1 - ob;
    if (mode == EMPTY) {
      if (size != 0) {
        throw corrupt("empty block " + b + " has " + size + " bits");
      }
      return;
    }
    long[] p = payload;
    int w = param & 31;
    long lim = (1L << w) - 1;
    long fields = n * outputs;
    long fieldPos = ob; // FIXED: the fields come first, then the positions
    if (family == FIXED) {
      if (size < fields * w) {
        throw corrupt("block " + b + " too short for its fields: " + size + " bits");
      }
      ob += fields * w;
      size -= fields * w;
    }
    long groupBits = ceilShift(u, 2);
    long groups = 0;
    if (mode == GROUP4) {
      if (size < groupBits) {
        throw corrupt("block " + b + " too short for its group bitmap: " + size + " bits");
      }
      groups = Bits.rank(p, ob, groupBits);
    }
    long pb = mode == GROUP4 ? groupBits + 4 * groups : positionBits(mode, u, n);
    long valueBitsMin = family == FIXED ? 0 : fields; // at least the unary terminators
    long vu = ob + pb;
    if (outputs == 0) {
      if (size != pb) {
        throw corrupt("block " + b + " has " + size + " bits, expected " + pb);
      }
    } else if (size < pb + valueBitsMin) {
      throw corrupt("block " + b + " too short: " + size + " bits");
    }
    if (mode == GROUP4 && (size < pb || Bits.rank(p, ob + groupBits, 4 * groups) != n)) {
      throw corrupt("block " + b + ": two-level bitmap holds the wrong number of elements");
    }
    long base = (long) b << blockShift;
    long mantissaEnd = ob1;
    long pos = vu;
    long qMax = maxQuotient(family, param, alphabetSize);
    int k = family == FIXED ? param >>> 5 : param;
    long prev = -1;
    long c;
    // Elias-Fano cursor
    long hpos = ob;
    long bucket = 0;
    long lowBase = mode >= 0 ? ob + n + ceilShift(u, mode) : 0;
    if (mode >= 0 && Bits.rank(p, ob, n + ceilShift(u, mode)) != n) {
      throw corrupt("block " + b + ": Elias-Fano high bits hold the wrong number of elements");
    }
    if (mode == BITMAP && Bits.rank(p, ob, u) != n) {
      throw corrupt("block " + b + ": bitmap holds the wrong number of elements");
    }
    long bitmapPos = 0;
    long group = -1;
    long groupIndex = -1;
    long groupMask = 0;
    for (c = 0; c < n; c++) {
      long t;
      if (mode == ALL) {
        t = c;
      } else if (mode == GROUP4) {
        if (groupMask == 0) {
          do { // bounded: the masks of the flagged groups hold n elements
            group++;
          } while (Bits.bit(p, ob + group) == 0);
          groupIndex++;
          groupMask = Bits.read(p, ob + groupBits + 4 * groupIndex, 4);
          if (groupMask == 0) {
            throw corrupt("block " + b + ": empty group " + group + " flagged in the two-level bitmap");
          }
        }
        t = 4 * group + Long.numberOfTrailingZeros(groupMask);
        groupMask &= groupMask - 1;
      } else if (mode == BITMAP) {
        while (Bits.bit(p, ob + bitmapPos) == 0) {
          bitmapPos++;
        }
        t = bitmapPos++;
      } else {
        while (Bits.bit(p, hpos) == 0) {
          hpos++;
          bucket++;
        }
        hpos++;
        t = (bucket << mode) | Bits.read(p, lowBase + c * mode, mode);
      }
      if (t <= prev || t >= u) {
        throw corrupt("block " + b + ": elements not strictly increasing inside the block");
      }
      prev = t;
      boolean anyNonZero = outputs == 0;
      for (int o = 0; o < outputs; o++) {
        long field = 0;
        if (family == FIXED) {
          field = Bits.read(p, fieldPos, w);
          fieldPos += w;
          if (field != lim) {
            if (field >= alphabetSize) {
              throw corrupt("block " + b + ": symbol " + field + " outside the alphabet of " + alphabetSize);
            }
            symbols[o] = (int) field;
            if (codeOf(field) != 0) {
              anyNonZero = true;
            }
            continue;
          }
        }
        long q = 0;
        while (true) {
          if (pos >= mantissaEnd) {
            throw corrupt("block " + b + ": unary code runs past the block");
          }
          if (Bits.bit(p, pos) != 0) {
            break;
          }
          q++;
          pos++;
          if (q > qMax) {
            throw corrupt("block " + b + ": symbol out of range");
          }
        }
        pos++;
        long symbol;
        if (family != EXP_GOLOMB) {
          mantissaEnd -= k;
          if (mantissaEnd < pos) {
            throw corrupt("block " + b + ": codes overlap");
          }
          symbol = field + ((q << k) | Bits.read(p, mantissaEnd, k));
        } else {
          int width = (int) (param + q);
          mantissaEnd -= width;
          if (mantissaEnd < pos) {
            throw corrupt("block " + b + ": codes overlap");
          }
          symbol = (1L << width) + Bits.read(p, mantissaEnd, width) - (1L << param);
        }
        if (symbol < 0 || symbol >= alphabetSize) {
          throw corrupt("block " + b + ": symbol " + symbol + " outside the alphabet of " + alphabetSize);
        }
        symbols[o] = (int) symbol;
        if (codeOf(symbol) != 0) {
          anyNonZero = true;
        }
      }
      if (!anyNonZero) {
        throw corrupt("block " + b + ": a stored element has only zero coefficients");
      }
      if (v != null) {
        v.element(base + t, rankBase + c, symbols);
      }
    }
    if (mode == GROUP4 && (groupMask != 0 || groupIndex != groups - 1)) {
      throw corrupt("block " + b + ": empty group flagged in the two-level bitmap");
    }
    if (outputs > 0 && pos != mantissaEnd) {
      throw corrupt("block " + b + ": " + (mantissaEnd - pos) + " unused bits inside the block");
    }
  }

  private static void checkTail(long[] a, long bits, String what) throws IOException {
    long words = Bits.paddedWords(bits);
    if (a.length != words) {
      throw corrupt(what + " has " + a.length + " words, expected " + words);
    }
    int i = (int) (bits >>> 6);
    if ((bits & 63) != 0 && (a[i] >>> (bits & 63)) != 0) {
      throw corrupt(what + ": non-zero bits past the end");
    }
    for (int j = (bits & 63) != 0 ? i + 1 : i; j < a.length; j++) {
      if (a[j] != 0) {
        throw corrupt(what + ": non-zero bits past the end");
      }
    }
  }

  static FrozenFormatException corrupt(String message) {
    return new FrozenFormatException("corrupt frozen model: " + message);
  }

  // ---------------------------------------------------------------------------------------------
  // Construction

  /** Per-symbol size function shared by the block-size choice and the writer. */
  static long elementValueBits(int family, int k, int[] symbols, int from, int outputs) {
    long bits = 0;
    for (int o = 0; o < outputs; o++) {
      bits += symbolBits(family, k, symbols[from + o]);
    }
    return bits;
  }

  /**
   * The block shift to use: the largest {@code shift <= MAX_BLOCK_SHIFT} whose non-empty blocks hold on
   * average at most {@code targetBlockBits} bits (at least 0). Larger blocks mean a smaller index but
   * longer scans per lookup.
   */
  static int chooseBlockShift(long universe, int[] elements, int n, long[] valueBits, long targetBlockBits,
      int allowance) {
    int minShift = 0;
    while ((((universe - 1) >>> minShift) + 1) > FrozenModelIO.MAX_BLOCKS) {
      minShift++;
    }
    int best = minShift;
    for (int shift = minShift; shift <= MAX_BLOCK_SHIFT; shift++) {
      long nonEmpty = 0;
      long bits = 0;
      int i = 0;
      int nb = numBlocks(universe, shift);
      while (i < n) {
        long blk = ((long) elements[i]) >>> shift;
        int j = i;
        long vb = 0;
        while (j < n && (((long) elements[j]) >>> shift) == blk) {
          vb += valueBits[j];
          j++;
        }
        long u = blk == nb - 1 ? universe - (blk << shift) : 1L << shift;
        bits += positionBits(mode(u, j - i, allowance), u, elements, i, j, blk << shift) + vb;
        nonEmpty++;
        i = j;
      }
      if (shift > minShift && nonEmpty > 0 && bits > targetBlockBits * nonEmpty) {
        break;
      }
      best = shift;
      if ((1L << shift) >= universe) {
        break;
      }
    }
    return best;
  }

  /**
   * Builds a store.
   *
   * @param universe the universe size (>= 1)
   * @param outputs symbols per element (>= 0)
   * @param elements the present elements, strictly increasing, in {@code [0, universe)} (first n used)
   * @param n number of present elements
   * @param symbols {@code n * outputs} symbols, element-major
   * @param family RICE or EXP_GOLOMB
   * @param k the code parameter
   * @param alphabetSize symbols are below this
   * @param codeOfSymbol symbol to coefficient code for a table mapping, else null
   * @param zigzagShift for zigzag mappings, 1 if symbol 0 stands for code -1, else 0
   * @param blockShift log2 of the block size
   */
  static BlockStore build(long universe, int outputs, int[] elements, int n, int[] symbols, int family,
      int k, int alphabetSize, short[] codeOfSymbol, int zigzagShift, int blockShift, int allowance) {
    int nb = numBlocks(universe, blockShift);
    long[] offsets = new long[nb + 1];
    long[] ranks = new long[nb + 1];
    // pass 1: sizes
    int i = 0;
    long bits = 0;
    for (int b = 0; b < nb; b++) {
      offsets[b] = bits;
      ranks[b] = i;
      long limit = (long) (b + 1) << blockShift;
      int j = i;
      long vb = 0;
      while (j < n && elements[j] < limit) {
        vb += elementValueBits(family, k, symbols, j * outputs, outputs);
        j++;
      }
      long u = b == nb - 1 ? universe - ((long) b << blockShift) : 1L << blockShift;
      bits += positionBits(mode(u, j - i, allowance), u, elements, i, j, (long) b << blockShift) + vb;
      i = j;
    }
    offsets[nb] = bits;
    ranks[nb] = i;
    if (i != n) {
      throw new IllegalArgumentException("elements outside the universe or not sorted");
    }
    // pass 2: write
    Bits.Writer w = new Bits.Writer(bits);
    i = 0;
    for (int b = 0; b < nb; b++) {
      int cnt = (int) (ranks[b + 1] - ranks[b]);
      if (cnt == 0) {
        continue;
      }
      long u = b == nb - 1 ? universe - ((long) b << blockShift) : 1L << blockShift;
      int mode = mode(u, cnt, allowance);
      long fieldPos = offsets[b];
      int fw = k & 31;
      long ob = family == FIXED ? fieldPos + (long) cnt * outputs * fw : fieldPos; // FIXED: fields first
      long base = (long) b << blockShift;
      long z = mode >= 0 ? ceilShift(u, mode) : 0;
      long groupBits = ceilShift(u, 2);
      long groupIndex = -1;
      long lastGroup = -1;
      for (int c = 0; c < cnt; c++) {
        long t = elements[i + c] - base;
        if (mode == GROUP4) {
          if ((t >>> 2) != lastGroup) {
            lastGroup = t >>> 2;
            groupIndex++;
            w.set(ob + lastGroup);
          }
          w.set(ob + groupBits + 4 * groupIndex + (t & 3));
        } else if (mode == BITMAP) {
          w.set(ob + t);
        } else if (mode >= 0) {
          w.set(ob + (t >>> mode) + c);
          w.put(ob + cnt + z + (long) c * mode, t, mode);
        }
      }
      long pos = ob + positionBits(mode, u, elements, i, i + cnt, base);
      long mantissaEnd = offsets[b + 1];
      long lim = (1L << fw) - 1;
      int k2 = k >>> 5;
      for (int j = i * outputs; j < (i + cnt) * outputs; j++) {
        long s = symbols[j];
        if (family == FIXED) {
          w.put(fieldPos, Math.min(s, lim), fw);
          fieldPos += fw;
          if (s >= lim) {
            pos += (s - lim) >>> k2;
            w.set(pos++);
            mantissaEnd -= k2;
            w.put(mantissaEnd, s - lim, k2);
          }
        } else if (family == RICE) {
          pos += s >>> k;
          w.set(pos++);
          mantissaEnd -= k;
          w.put(mantissaEnd, s, k);
        } else {
          long v = s + (1L << k);
          int q = Bits.width(v) - 1 - k;
          pos += q;
          w.set(pos++);
          mantissaEnd -= k + q;
          w.put(mantissaEnd, v, k + q); // the top bit of v falls outside the width
        }
      }
      if (pos != mantissaEnd) {
        throw new AssertionError("block layout mismatch");
      }
      i += cnt;
    }
    long[] payload = w.toArray(bits);
    // index: choose the superblock shift giving the smallest index
    Index best = null;
    for (int g = 0; g <= MAX_SUPER_SHIFT; g++) {
      Index idx = Index.of(offsets, ranks, nb, g);
      if (idx != null && (best == null || idx.totalBits < best.totalBits)) {
        best = idx;
      }
      if ((1L << g) > nb) {
        break;
      }
    }
    if (best == null) {
      throw new IllegalStateException("model too large to index");
    }
    return new BlockStore(universe, outputs, blockShift, n, best.g, best.offsetBits, best.rankBits,
        best.anchors, best.packed, best.offsetBias, best.rankBias, bits, payload, family, k, alphabetSize,
        outputs == 0 ? null : codeOfSymbol, zigzagShift, allowance);
  }

  /** A two-level index candidate for one superblock shift. */
  private static final class Index {
    int g;
    long[] anchors;
    long[] packed;
    long offsetBias;
    long rankBias;
    int offsetBits;
    int rankBits;
    long totalBits;

    static Index of(long[] offsets, long[] ranks, int nb, int g) {
      int na = numAnchors(nb, g);
      long[] anchors = new long[2 * na];
      int big = 1 << g;
      for (int a = 0; a < na - 1; a++) {
        long blk = (long) a << g;
        if (blk <= nb) {
          anchors[2 * a] = offsets[(int) blk];
          anchors[2 * a + 1] = ranks[(int) blk];
        } else { // the last superblock is partial: extrapolate its closing anchor along its slope
          int first = (a - 1) << g;
          long span = nb - first;
          anchors[2 * a] = anchors[2 * a - 2] + ceilDiv((offsets[nb] - offsets[first]) * big, span);
          anchors[2 * a + 1] = anchors[2 * a - 1] + ceilDiv((ranks[nb] - ranks[first]) * big, span);
        }
      }
      anchors[2 * na - 2] = anchors[2 * na - 4];
      anchors[2 * na - 1] = anchors[2 * na - 3];
      for (long v : anchors) {
        if (v > MAX_ANCHOR) {
          return null;
        }
      }
      long[] resO = new long[nb + 1];
      long[] resR = new long[nb + 1];
      long minO = Long.MAX_VALUE;
      long maxO = Long.MIN_VALUE;
      long minR = Long.MAX_VALUE;
      long maxR = Long.MIN_VALUE;
      for (int b = 0; b <= nb; b++) {
        int a = (b >>> g) << 1;
        int j = b & (big - 1);
        resO[b] = offsets[b] - (anchors[a] + (((anchors[a + 2] - anchors[a]) * j) >> g));
        resR[b] = ranks[b] - (anchors[a + 1] + (((anchors[a + 3] - anchors[a + 1]) * j) >> g));
        minO = Math.min(minO, resO[b]);
        maxO = Math.max(maxO, resO[b]);
        minR = Math.min(minR, resR[b]);
        maxR = Math.max(maxR, resR[b]);
      }
      Index idx = new Index();
      idx.g = g;
      idx.anchors = anchors;
      idx.offsetBias = minO;
      idx.rankBias = minR;
      idx.offsetBits = Bits.width(maxO - minO);
      idx.rankBits = Bits.width(maxR - minR);
      int eb = idx.offsetBits + idx.rankBits;
      if (eb > 63) {
        return null;
      }
      idx.totalBits = 64L * anchors.length + (long) (nb + 1) * eb;
      Bits.Writer w = new Bits.Writer((long) (nb + 1) * eb);
      for (int b = 0; b <= nb; b++) {
        w.put((long) b * eb, (resO[b] - minO) | ((resR[b] - minR) << idx.offsetBits), eb);
      }
      idx.packed = w.toArray((long) (nb + 1) * eb);
      return idx;
    }

    private static long ceilDiv(long a, long b) {
      return (a + b - 1) / b;
    }
  }

  /** Reassembles a store from its parts (file reader); call {@link #validate} before use. */
  static BlockStore of(long universe, int outputs, int blockShift, long count, int superShift,
      int relOffsetBits, int relRankBits, long[] superIndex, long[] relIndex, long offsetBias, long rankBias,
      long payloadBits, long[] payload, int family, int param, int alphabetSize, short[] codeOfSymbol,
      int zigzagShift, int bitmapAllowance) {
    return new BlockStore(universe, outputs, blockShift, count, superShift, relOffsetBits, relRankBits,
        superIndex, relIndex, offsetBias, rankBias, payloadBits, payload, family, param, alphabetSize,
        codeOfSymbol, zigzagShift, bitmapAllowance);
  }

  /** Bits of the index (both levels), as stored in a file. */
  long indexBits() {
    return 64L * superIndex.length + 128 + (long) (numBlocks + 1) * entryBits;
  }

  /** Instance size of this class (fields and header). */
  static final int OBJECT_BYTES = 152;

  /** Heap bytes of this store: the object, its arrays and its symbol table. */
  long heapBytes() {
    long bytes = OBJECT_BYTES + FrozenModel.arrayBytes(superIndex.length, 8) + FrozenModel.arrayBytes(relIndex.length, 8)
        + FrozenModel.arrayBytes(payload.length, 8);
    return codeOfSymbol == null ? bytes : bytes + FrozenModel.arrayBytes(codeOfSymbol.length, 2);
  }

  @Override
  public String toString() {
    return "BlockStore[universe=" + universe + ", elements=" + count + ", outputs=" + outputs
        + ", blocks=" + numBlocks + " x 2^" + blockShift + ", code=" + codeName(family, param) + ", payload=" + payloadBits + " bits, index="
        + indexBits() + " bits]";
  }

  /** "Golomb-Rice k=3", "Exp-Golomb k=2" or "fixed 5 bits, escapes Golomb-Rice k=2". */
  static String codeName(int family, int param) {
    if (family == FIXED) {
      return "fixed " + (param & 31) + " bits, escapes Golomb-Rice k=" + (param >>> 5);
    }
    return (family == RICE ? "Golomb-Rice k=" : "Exp-Golomb k=") + param;
  }
}
