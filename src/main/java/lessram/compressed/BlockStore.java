package lessram.compressed;

import static lessram.compressed.BlockLayout.ALL;
import static lessram.compressed.BlockLayout.BITMAP;
import static lessram.compressed.BlockLayout.EMPTY;
import static lessram.compressed.BlockLayout.EXP_GOLOMB;
import static lessram.compressed.BlockLayout.FIXED;
import static lessram.compressed.BlockLayout.GROUP4;
import static lessram.compressed.BlockLayout.GROUPED;
import static lessram.compressed.BlockLayout.RICE;
import static lessram.compressed.BlockLayout.ceilShift;
import static lessram.compressed.BlockLayout.fieldWidth;
import static lessram.compressed.BlockLayout.escapeParam;
import static lessram.compressed.BlockLayout.fullBlockMode;
import static lessram.compressed.BlockLayout.mode;
import static lessram.compressed.BlockLayout.positionBits;

import java.io.IOException;
import java.util.Locale;

/**
 * The entropy-coded block layouts (format versions 1 and 2): a sorted set of "present" elements of a
 * universe {@code [0, universe)}, each carrying {@code outputs} small integer symbols ({@code outputs} may
 * be 0: then it is a plain rank structure, used for the sparse feature-id map). Built by
 * {@link BlockStoreBuilder}, checked by {@link BlockStoreValidation}, read and written by
 * {@link BlockSectionIO}; the shared arithmetic (position modes, code sizes) is in {@link BlockLayout}.
 *
 * <h2>Layout</h2>
 * The universe is cut into blocks of {@code S = 2^blockShift} elements. Block {@code b} starts at bit
 * {@code O_b} of one payload bit array, and {@code R_b} present elements precede it. Both sequences are
 * kept in a two-level index: exact anchors every {@code G = 2^anchorShift} blocks, and per block a
 * fixed-width residual against the straight line between the two surrounding anchors
 * ({@code O_b = A_s + ((A_{s+1} - A_s) * j >> anchorShift) + bias + residual_b}, {@code s = b >> anchorShift},
 * {@code j = b mod G}), which needs fewer bits than an offset from the anchor. Inside a block of universe
 * {@code u} with {@code n} present elements:
 * <ol>
 *   <li>for the {@link BlockLayout#FIXED} family only, the {@code n * outputs} symbols in {@code w}-bit
 *       fields;</li>
 *   <li>positions, in a mode derived from {@code (u, n)} alone (nothing stored, see
 *       {@link BlockLayout#mode}): none if {@code n = 0} or {@code n = u}; a plain bitmap of {@code u} bits;
 *       a two-level bitmap (grouped layout); or Elias-Fano with {@code l} low bits
 *       ({@code n + ceil(u / 2^l)} high bits, then {@code n * l} low bits);</li>
 *   <li>the unary parts of the symbols (of the escaped ones for FIXED) in element order: {@code q} zeros
 *       then a one;</li>
 *   <li>their binary parts, written backwards from the end of the block (symbol {@code j}'s bits end
 *       where symbol {@code j - 1}'s begin), so that both streams can be located without storing a split
 *       point.</li>
 * </ol>
 * A symbol is coded with Golomb-Rice({@code k}), Exp-Golomb({@code k}) or a fixed-width field with
 * escapes ({@link BlockLayout}). The position of symbol {@code j}'s binary part follows from the position
 * of its unary terminator, so a lookup ({@link #decode}) is: one index read, a search in the position bits,
 * a select of the {@code j}-th one in the unary stream (or one field read), one read. Work is bounded by
 * the block's size (a few machine words, scanned with popcounts), never by the model's.
 *
 * <p>Immutable; all lookups use locals only, so any number of threads may read concurrently.
 */
final class BlockStore extends CoefficientStore {
  final int blockShift;
  final int numBlocks;
  /** log2 of the blocks between two anchors. */
  final int anchorShift;
  final int offsetResidualBits;
  final int rankResidualBits;
  /** Anchors, (offset, rank) pairs: {@code numAnchors(numBlocks, anchorShift)} of them. */
  final long[] anchors;
  /** Per block (and one past the last), the offset residual in the low bits and the rank residual above. */
  final long[] residuals;
  final long offsetBias;
  final long rankBias;
  final long payloadBits;
  final long[] payload;
  /** {@link BlockLayout#RICE}, {@link BlockLayout#EXP_GOLOMB} or {@link BlockLayout#FIXED}. */
  final int family;
  /** The code parameter {@code k} (for FIXED: the field width and the escape parameter, packed). */
  final int param;
  /** A block uses a bitmap when {@code 4 u <= (4 + bitmapAllowance) * eliasFanoBits}. */
  final int bitmapAllowance;
  /**
   * Symbol to coefficient code for an explicit symbol table; null for the zigzag mappings (decoded
   * arithmetically, see {@link #codeOf(long)}) and when {@code outputs == 0}.
   */
  final short[] codeOfSymbol;
  /** For the zigzag mappings: 0, or 1 when symbol 0 stands for code -1 (zero is not in the alphabet). */
  final int zigzagShift;

  /** For FIXED: the bits of one element's fields ({@code outputs * w}); else 0. */
  private final int elementFieldBits;
  private final int entryBits;
  private final long entryMask;
  /** Whether the residuals of blocks b and b + 1 lie in one 64-bit window. */
  private final boolean pairedEntries;
  private final long offsetMask;
  private final long lastBlockUniverse;
  private final long blockMask;

  /** Assembles a store from its parts (builder, file reader); {@link #validate} before use. */
  BlockStore(long universe, int outputs, int blockShift, long count, int anchorShift, int offsetResidualBits,
      int rankResidualBits, long[] anchors, long[] residuals, long offsetBias, long rankBias, long payloadBits,
      long[] payload, int family, int param, int alphabetSize, short[] codeOfSymbol, int zigzagShift,
      int bitmapAllowance) {
    super(universe, outputs, count, alphabetSize);
    this.blockShift = blockShift;
    this.numBlocks = BlockLayout.numBlocks(universe, blockShift);
    this.anchorShift = anchorShift;
    this.offsetResidualBits = offsetResidualBits;
    this.rankResidualBits = rankResidualBits;
    this.anchors = anchors;
    this.residuals = residuals;
    this.offsetBias = offsetBias;
    this.rankBias = rankBias;
    this.payloadBits = payloadBits;
    this.payload = payload;
    this.family = family;
    this.param = param;
    this.bitmapAllowance = bitmapAllowance;
    this.codeOfSymbol = outputs == 0 ? null : codeOfSymbol;
    this.zigzagShift = zigzagShift;
    this.elementFieldBits = family == FIXED ? outputs * fieldWidth(param) : 0;
    this.entryBits = offsetResidualBits + rankResidualBits;
    this.entryMask = (1L << entryBits) - 1;
    this.pairedEntries = 2 * entryBits <= 64;
    this.offsetMask = (1L << offsetResidualBits) - 1;
    this.lastBlockUniverse = universe - ((long) (numBlocks - 1) << blockShift);
    this.blockMask = (1L << blockShift) - 1;
  }

  /** The symbol mapping: {@link BlockLayout#MAP_TABLE}, {@code MAP_ZIGZAG} or {@code MAP_ZIGZAG_NONZERO}. */
  int mapping() {
    return codeOfSymbol != null ? BlockLayout.MAP_TABLE
        : zigzagShift == 1 ? BlockLayout.MAP_ZIGZAG_NONZERO : BlockLayout.MAP_ZIGZAG;
  }

  // ---------------------------------------------------------------------------------------------
  // Block geometry and index

  /** The position mode of block {@code b} holding {@code n} elements. */
  int blockMode(int b, long n) {
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

  /** The universe of block {@code b}: {@code 2^blockShift}, less for the last block. */
  long blockUniverse(int b) {
    return b == numBlocks - 1 ? lastBlockUniverse : 1L << blockShift;
  }

  /** The residual entry of block {@code b} (offset residual low, rank residual high). */
  long entry(int b) {
    return Bits.read(residuals, (long) b * entryBits, entryBits);
  }

  /** The payload bit where block {@code b} starts, given its {@link #entry}. */
  long offset(int b, long e) {
    int a = (b >>> anchorShift) << 1;
    long a0 = anchors[a];
    return a0 + (((anchors[a + 2] - a0) * (b & ((1 << anchorShift) - 1))) >> anchorShift) + offsetBias
        + (e & offsetMask);
  }

  /** The number of present elements before block {@code b}, given its {@link #entry}. */
  long rankBefore(int b, long e) {
    int a = ((b >>> anchorShift) << 1) + 1;
    long a0 = anchors[a];
    return a0 + (((anchors[a + 2] - a0) * (b & ((1 << anchorShift) - 1))) >> anchorShift) + rankBias
        + (e >>> offsetResidualBits);
  }

  /** Where the positions of a block starting at bit {@code ob} with {@code n} elements start (after the fields for FIXED). */
  long positionsStart(long ob, long n) {
    return family == FIXED ? ob + n * elementFieldBits : ob;
  }

  /**
   * Start of the value codes of a block whose positions start at bit {@code ob} (after the fields for
   * FIXED; GROUP4 counts the non-empty groups).
   */
  long valueStart(long ob, int mode, long u, long n) {
    if (mode == GROUP4) {
      long g = ceilShift(u, 2);
      return ob + g + 4 * Bits.rankShort(payload, ob, ob + g);
    }
    return ob + positionBits(mode, u, n);
  }

  // ---------------------------------------------------------------------------------------------
  // Lookups (hot path)

  /**
   * The lookup of this layout, behind every value lookup ({@link #code}, {@link #term},
   * {@link #addScaledCodes}): finds element {@code x} (the index, then the position search) and, if it is
   * present, decodes its symbols from output {@code from} on. With {@code acc} null it returns the code of
   * output {@code from} times {@code scale}; otherwise it adds the code of every output in
   * {@code [from, to)} times {@code scale} to {@code acc[output]} (one pass along the block's codes) and
   * returns the last. Returns 0 if {@code x} is absent.
   */
  private double decode(long x, int from, int to, double scale, double[] acc) {
    // the index: both entries of the block from one window, both interpolated along one segment (block
    // b + 1 interpolates along the same segment as b: at j = 2^g it lands exactly on the next anchor)
    int b = (int) (x >>> blockShift);
    int g = anchorShift;
    int a = (b >>> g) << 1;
    long jj = b & ((1 << g) - 1);
    long[] anchorWords = anchors;
    long a0 = anchorWords[a];
    long dO = anchorWords[a + 2] - a0;
    long dR = anchorWords[a + 3] - anchorWords[a + 1];
    long e0;
    long e1;
    if (pairedEntries) {
      long ee = Bits.window(residuals, (long) b * entryBits);
      e0 = ee & entryMask;
      e1 = (ee >>> entryBits) & entryMask;
    } else {
      e0 = entry(b);
      e1 = entry(b + 1);
    }
    long n = ((dR * (jj + 1)) >> g) - ((dR * jj) >> g) + (e1 >>> offsetResidualBits) - (e0 >>> offsetResidualBits);
    if (n == 0) {
      return 0;
    }
    int mode = blockMode(b, n);
    long u = blockUniverse(b);
    long ob = a0 + ((dO * jj) >> g) + offsetBias + (e0 & offsetMask);
    long ob1 = a0 + ((dO * (jj + 1)) >> g) + offsetBias + (e1 & offsetMask);
    // the position search
    long c = localRank(positionsStart(ob, n), mode, n, x & blockMask, u);
    if (c < 0) {
      return 0;
    }
    // the values: with acc null (one code, a binary model's lookup) the first pass of the loop returns
    long[] p = payload;
    int o = from;
    int k = param;
    int w = fieldWidth(k);
    long lim = (1L << w) - 1;
    long at = 0; // FIXED: the field of the next symbol
    long pos = 0; // Golomb-Rice, Exp-Golomb: the unary part of the next symbol
    long mantissaEnd = 0; // and the end of its binary part (they are written backwards from the block end)
    if (family == FIXED) {
      at = ob + c * elementFieldBits + from * w;
    } else {
      long j = outputs == 1 ? c : c * outputs + from; // no multiplication on the dependent path of one output
      long vu = valueStart(ob, mode, u, n);
      pos = j == 0 ? vu : Bits.afterOnes(p, vu, j);
      mantissaEnd = ob1 - k * j;
      if (family == EXP_GOLOMB) {
        mantissaEnd -= (pos - vu) - j; // minus the unary zeros of the symbols before j
      }
    }
    while (true) {
      long symbol;
      if (family == FIXED) {
        symbol = Bits.read(p, at, w);
        if (symbol == lim) {
          symbol += escapeExcess(ob, ob1, n, c * outputs + o, mode, u);
        }
        at += w;
      } else {
        long q = Bits.runOfZeros(p, pos);
        pos += q + 1;
        if (family == RICE) {
          mantissaEnd -= k;
          symbol = (q << k) | Bits.read(p, mantissaEnd, k);
        } else {
          int width = (int) (k + q);
          mantissaEnd -= width;
          symbol = (1L << width) + Bits.read(p, mantissaEnd, width) - (1L << k);
        }
      }
      double value = codeOf(symbol) * scale;
      if (acc == null) {
        return value;
      }
      acc[o] += value;
      if (++o == to) {
        return value;
      }
    }
  }

  @Override
  int code(long x, int output) {
    return (int) decode(x, output, output + 1, 1.0, null); // code * 1.0 is exact
  }

  @Override
  double term(long x, double v, double resolution) {
    return decode(x, 0, 1, v * resolution, null);
  }

  @Override
  void addScaledCodes(long x, double scale, double[] acc) {
    decode(x, 0, outputs, scale, acc);
  }

  /**
   * The excess of the escaped symbol {@code j} (its field is all ones) of a FIXED block whose fields start
   * at bit {@code ob} and which ends at {@code ob1}: the {@code e}-th escape code, {@code e} being the
   * number of all-ones fields before field {@code j}. The rare path.
   */
  private long escapeExcess(long ob, long ob1, long n, long j, int mode, long u) {
    long[] p = payload;
    int w = fieldWidth(param);
    long e = Bits.countAllOnesFields(p, null, ob, j, w);
    long xs = valueStart(ob + n * outputs * w, mode, u, n); // the escapes' unary codes
    long start = e == 0 ? xs : Bits.afterOnes(p, xs, e);
    long q = Bits.runOfZeros(p, start);
    int k2 = escapeParam(param);
    return (q << k2) | Bits.read(p, ob1 - k2 * (e + 1), k2);
  }

  /** The coefficient code of a symbol: table lookup, or zigzag decoding (0, -1, 1, -2, 2, ...). */
  @Override
  int codeOf(long symbol) {
    short[] t = codeOfSymbol;
    if (t != null) {
      return t[(int) symbol];
    }
    long v = symbol + zigzagShift;
    return (int) ((v >>> 1) ^ -(v & 1));
  }

  /**
   * Rank of element {@code x} among all present elements, or -1 if absent (or outside the universe): the
   * lookup of the feature-id map.
   */
  long rank(long x) {
    if (x < 0 || x >= universe) {
      return -1;
    }
    int b = (int) (x >>> blockShift);
    long e0 = entry(b);
    long r0 = rankBefore(b, e0);
    long n = rankBefore(b + 1, entry(b + 1)) - r0;
    if (n == 0) {
      return -1;
    }
    long c = localRank(positionsStart(offset(b, e0), n), blockMode(b, n), n, x & blockMask, blockUniverse(b));
    return c < 0 ? -1 : r0 + c;
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
    if (run <= Bits.FIELDS[l]) {
      // The bucket's low parts are consecutive l-bit fields, strictly increasing: find a field equal to
      // the target without a loop (SWAR zero-field test on lows XOR target; the lowest flagged field is
      // exact, higher ones may be false alarms and are ignored).
      long x = Bits.window(p, lowBase) ^ (Bits.FIELD_ONES[l] * target);
      long z = (x - Bits.FIELD_ONES[l]) & ~x & Bits.FIELD_HIGHS[l];
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


  /** ceil(2^16 / l): {@code (i * r) >>> 16 == i / l} for {@code 0 <= i < 64}. */
  private static final long[] FIELD_RECIPROCAL = new long[64];

  static {
    for (int l = 1; l < 64; l++) {
      FIELD_RECIPROCAL[l] = ((1L << 16) + l - 1) / l;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Validation, size, file

  @Override
  void validate(Visitor visitor) throws IOException {
    BlockStoreValidation.validate(this, visitor);
  }

  /** Bits of the index (both levels), as stored in a file. */
  long indexBits() {
    return 64L * anchors.length + 128 + (long) (numBlocks + 1) * entryBits;
  }

  /** Instance size of this class (fields and header). */
  static final int OBJECT_BYTES = 160;

  @Override
  void writeSection(CompressedModelIO.Out out) throws IOException {
    BlockSectionIO.writeCoefficients(this, out);
  }

  @Override
  long heapBytes() {
    long bytes = OBJECT_BYTES + HeapSizes.arrayBytes(anchors.length, 8) + HeapSizes.arrayBytes(residuals.length, 8)
        + HeapSizes.arrayBytes(payload.length, 8);
    return codeOfSymbol == null ? bytes : bytes + HeapSizes.arrayBytes(codeOfSymbol.length, 2);
  }

  @Override
  long sectionBytes() {
    return BlockSectionIO.coefficientSectionBytes(this);
  }

  /** Version 2 for the grouped positions or fixed-width values, else 1. */
  @Override
  int formatVersion() {
    return bitmapAllowance == GROUPED || family == FIXED ? CompressedModelIO.VERSION_GROUPED : CompressedModelIO.VERSION;
  }

  @Override
  void appendSizeReport(StringBuilder sb) {
    sb.append(String.format(Locale.ROOT, "  code                   %s, symbols %s (%d)%n",
        BlockLayout.codeName(family, param), BlockLayout.mappingName(mapping()), alphabetSize));
    sb.append(String.format(Locale.ROOT, "  blocks                 %,d of 2^%d slots, %s positions%n", numBlocks,
        blockShift, BlockLayout.allowanceName(bitmapAllowance)));
    sb.append(String.format(Locale.ROOT, "  payload                %,d bits%n", payloadBits));
    sb.append(String.format(Locale.ROOT, "  index                  %,d bits%n", indexBits()));
  }

  @Override
  public String toString() {
    return "BlockStore[universe=" + universe + ", elements=" + count + ", outputs=" + outputs + ", blocks="
        + numBlocks + " x 2^" + blockShift + ", code=" + BlockLayout.codeName(family, param) + ", payload="
        + payloadBits + " bits, index=" + indexBits() + " bits]";
  }
}
