package lessram.compressed;

/**
 * The arithmetic of the block layouts ({@link BlockStore}; format versions 1 and 2), shared by the
 * builder, the lookups, the validation and the file reader: the values of the file's symbol-mapping,
 * code-family and bitmap-allowance bytes, the position mode a block's {@code (u, n)} implies, and the
 * sizes of positions and symbol codes. All of it is derived, never stored per block.
 */
final class BlockLayout {
  private BlockLayout() {}

  // ---------------------------------------------------------------------------------------------
  // Symbol mappings (the file's symbol-mapping byte)

  /** Symbols are zigzag codes: {@code 0, -1, 1, -2, 2, ...}. */
  static final int MAP_ZIGZAG = 0;
  /** Zigzag without 0 (no stored value is 0): symbol {@code s} is zigzag code {@code s + 1}. */
  static final int MAP_ZIGZAG_NONZERO = 1;
  /** An explicit table of codes in decreasing frequency order (the only mapping of the ranked layout). */
  static final int MAP_TABLE = 2;

  /** "frequency table", "zigzag" or "zigzag without 0". */
  static String mappingName(int mapping) {
    return mapping == MAP_TABLE ? "frequency table" : mapping == MAP_ZIGZAG ? "zigzag" : "zigzag without 0";
  }

  // ---------------------------------------------------------------------------------------------
  // Code families (the file's code-family byte) and limits

  /** Golomb-Rice({@code k}): quotient {@code u >>> k} in unary, then {@code k} low bits. */
  static final int RICE = 0;
  /** Exp-Golomb({@code k}): for {@code v = u + 2^k}, {@code bitLength(v) - k - 1} in unary, then {@code v} without its top bit. */
  static final int EXP_GOLOMB = 1;
  /**
   * Fixed-width fields with escapes (format version 2): every symbol takes a {@code w}-bit field, in
   * element order before the positions, so symbol {@code j} is read in O(1) at {@code j * w}. A symbol
   * {@code >= lim = 2^w - 1} stores {@code lim} (all ones) in its field and its excess {@code symbol - lim}
   * as a Golomb-Rice({@code k2}) code after the positions (unary parts forward, binary parts backwards from
   * the block's end, as for the other families); the {@code e}-th escape's code is found by counting the
   * all-ones fields before it. The parameter byte packs {@code w} (1..24) in its low 5 bits and {@code k2}
   * (0..7) in its high 3 bits.
   */
  static final int FIXED = 2;
  static final int MAX_FIXED_WIDTH = 24;
  static final int MAX_ESCAPE_PARAM = 7;
  static final int MAX_BLOCK_SHIFT = 24;
  static final int MAX_ANCHOR_SHIFT = 12;
  /** Anchors are limited to this, so that interpolation never overflows. */
  static final long MAX_ANCHOR = 1L << 50;
  static final int MAX_PARAM = 24;
  /** Largest number of blocks in one store. */
  static final long MAX_BLOCKS = 1L << 30;
  /** Largest bitmap allowance (in quarters of the Elias-Fano size). */
  static final int MAX_BITMAP_ALLOWANCE = 60;

  /** The field width {@code w} of a FIXED parameter byte. */
  static int fieldWidth(int param) {
    return param & 31;
  }

  /** The escape Golomb-Rice parameter {@code k2} of a FIXED parameter byte. */
  static int escapeParam(int param) {
    return param >>> 5;
  }

  /** "Golomb-Rice k=3", "Exp-Golomb k=2" or "fixed 5 bits, escapes Golomb-Rice k=2". */
  static String codeName(int family, int param) {
    if (family == FIXED) {
      return "fixed " + fieldWidth(param) + " bits, escapes Golomb-Rice k=" + escapeParam(param);
    }
    return (family == RICE ? "Golomb-Rice k=" : "Exp-Golomb k=") + param;
  }

  // ---------------------------------------------------------------------------------------------
  // Position modes

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

  /** "compact", "fast", "grouped" or "bitmap allowance a". */
  static String allowanceName(int allowance) {
    return allowance == 0 ? "compact" : allowance == 4 ? "fast" : allowance == GROUPED ? "grouped"
        : "bitmap allowance " + allowance;
  }

  /**
   * The position mode of a block of universe {@code u} holding {@code n} elements: EMPTY if
   * {@code n = 0}, ALL if {@code n = u}; otherwise Elias-Fano with the smallest {@code l >= 0} such that
   * {@code floor(ceil(u / 2^l) / 2) <= n} (this {@code l} minimizes {@code ef = n (l + 1) + ceil(u / 2^l)},
   * which is convex in {@code l}), unless {@code 4 u <= (4 + allowance) ef}, in which case BITMAP (with
   * allowance 0: whenever the bitmap is no larger). With the GROUPED allowance, GROUP4 where {@code l}
   * would be 2, else the smaller of BITMAP and Elias-Fano.
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

  // ---------------------------------------------------------------------------------------------
  // Blocks and index

  static int numBlocks(long universe, int blockShift) {
    return (int) (((universe - 1) >>> blockShift) + 1);
  }

  /** Anchors needed for {@code numBlocks} blocks with superblock shift {@code g}. */
  static int numAnchors(int numBlocks, int g) {
    return ((numBlocks - 1) >>> g) + 3;
  }

  // ---------------------------------------------------------------------------------------------
  // Symbol codes

  /** Bits of symbol {@code u} under (family, k). */
  static long symbolBits(int family, int k, long u) {
    if (family == RICE) {
      return (u >>> k) + 1 + k;
    }
    if (family == FIXED) {
      int w = fieldWidth(k);
      int k2 = escapeParam(k);
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
      long lim = (1L << fieldWidth(k)) - 1;
      return maxU < lim ? 0 : (maxU - lim) >>> escapeParam(k);
    }
    return Bits.width(maxU + (1L << k)) - 1 - k;
  }

  /** Bits of the {@code outputs} symbols of one element, {@code symbols[from..from + outputs)}. */
  static long elementValueBits(int family, int k, int[] symbols, int from, int outputs) {
    long bits = 0;
    for (int o = 0; o < outputs; o++) {
      bits += symbolBits(family, k, symbols[from + o]);
    }
    return bits;
  }
}
