package lessram.compressed;

import static lessram.compressed.BlockLayout.ALL;
import static lessram.compressed.BlockLayout.BITMAP;
import static lessram.compressed.BlockLayout.EMPTY;
import static lessram.compressed.BlockLayout.EXP_GOLOMB;
import static lessram.compressed.BlockLayout.FIXED;
import static lessram.compressed.BlockLayout.GROUP4;
import static lessram.compressed.BlockLayout.MAX_ANCHOR;
import static lessram.compressed.BlockLayout.ceilShift;
import static lessram.compressed.BlockLayout.escapeParam;
import static lessram.compressed.BlockLayout.fieldWidth;
import static lessram.compressed.BlockLayout.maxQuotient;
import static lessram.compressed.BlockLayout.numAnchors;
import static lessram.compressed.BlockLayout.positionBits;
import static lessram.compressed.CoefficientStore.checkTail;
import static lessram.compressed.CoefficientStore.corrupt;

import java.io.IOException;

/**
 * The full decoding of a {@link BlockStore}, element by element, with every check the lookups rely on:
 * run on every store built or loaded ({@link BlockStore#validate}), and the only way to list a store's
 * elements (model statistics, the sparse feature ids).
 */
final class BlockStoreValidation {
  private BlockStoreValidation() {}

  /**
   * Decodes the whole store, checking every invariant that the lookups rely on (index monotone and
   * ending at the payload's end, positions strictly increasing inside their block, codes in range and
   * exactly filling their block, padding zero), and hands every element with its symbols to
   * {@code visitor} (if not null).
   *
   * @throws IOException describing the first violated invariant
   */
  static void validate(BlockStore s, CoefficientStore.Visitor visitor) throws IOException {
    if (s.anchors.length != 2 * numAnchors(s.numBlocks, s.anchorShift)) {
      throw corrupt("anchor index has " + s.anchors.length + " words");
    }
    for (long a : s.anchors) {
      if (a < 0 || a > MAX_ANCHOR) {
        throw corrupt("anchor " + a + " out of range");
      }
    }
    int na = s.anchors.length;
    if (s.anchors[na - 1] != s.anchors[na - 3] || s.anchors[na - 2] != s.anchors[na - 4]) {
      throw corrupt("the closing anchor is not a copy of the last one");
    }
    if (Math.abs(s.offsetBias) > MAX_ANCHOR || Math.abs(s.rankBias) > MAX_ANCHOR) {
      throw corrupt("index bias out of range");
    }
    long relBits = (long) (s.numBlocks + 1) * (s.offsetResidualBits + s.rankResidualBits);
    checkTail(s.residuals, relBits, "block index");
    checkTail(s.payload, s.payloadBits, "payload");
    int[] symbols = new int[s.outputs];
    long prevOffset = 0;
    long prevRank = 0;
    long e = s.entry(0);
    if (s.offset(0, e) != 0 || s.rankBefore(0, e) != 0) {
      throw corrupt("block index does not start at 0");
    }
    for (int b = 0; b <= s.numBlocks; b++) {
      if ((b & ((1 << s.anchorShift) - 1)) == 0) {
        long eb = s.entry(b);
        int a = (b >>> s.anchorShift) << 1;
        if (s.offset(b, eb) != s.anchors[a] || s.rankBefore(b, eb) != s.anchors[a + 1]) {
          throw corrupt("anchor " + (b >>> s.anchorShift) + " disagrees with its block");
        }
      }
      if (b == 0) {
        continue;
      }
      long eb = s.entry(b);
      long ob = s.offset(b, eb);
      long rb = s.rankBefore(b, eb);
      if (ob < prevOffset || rb < prevRank || ob > s.payloadBits || rb > s.count) {
        throw corrupt("block index not monotone at block " + b);
      }
      decodeBlock(s, b - 1, prevOffset, ob, prevRank, rb - prevRank, symbols, visitor);
      prevOffset = ob;
      prevRank = rb;
    }
    if (prevOffset != s.payloadBits || prevRank != s.count) {
      throw corrupt("block index ends at bit " + prevOffset + " / element " + prevRank + ", expected "
          + s.payloadBits + " / " + s.count);
    }
  }

  private static void decodeBlock(BlockStore s, int b, long ob, long ob1, long rankBase, long n, int[] symbols,
      CoefficientStore.Visitor v)
      throws IOException {
    long u = s.blockUniverse(b);
    if (n > u) {
      throw corrupt("block " + b + " claims " + n + " elements in a universe of " + u);
    }
    int mode = s.blockMode(b, n);
    long size = ob1 - ob;
    if (mode == EMPTY) {
      if (size != 0) {
        throw corrupt("empty block " + b + " has " + size + " bits");
      }
      return;
    }
    long[] p = s.payload;
    int w = fieldWidth(s.param);
    long lim = (1L << w) - 1;
    long fields = n * s.outputs;
    long fieldPos = ob; // FIXED: the fields come first, then the positions
    if (s.family == FIXED) {
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
    long valueBitsMin = s.family == FIXED ? 0 : fields; // at least the unary terminators
    long vu = ob + pb;
    if (s.outputs == 0) {
      if (size != pb) {
        throw corrupt("block " + b + " has " + size + " bits, expected " + pb);
      }
    } else if (size < pb + valueBitsMin) {
      throw corrupt("block " + b + " too short: " + size + " bits");
    }
    if (mode == GROUP4 && (size < pb || Bits.rank(p, ob + groupBits, 4 * groups) != n)) {
      throw corrupt("block " + b + ": two-level bitmap holds the wrong number of elements");
    }
    long base = (long) b << s.blockShift;
    long mantissaEnd = ob1;
    long pos = vu;
    long qMax = maxQuotient(s.family, s.param, s.alphabetSize);
    int k = s.family == FIXED ? escapeParam(s.param) : s.param;
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
      boolean anyNonZero = s.outputs == 0;
      for (int o = 0; o < s.outputs; o++) {
        long field = 0;
        if (s.family == FIXED) {
          field = Bits.read(p, fieldPos, w);
          fieldPos += w;
          if (field != lim) {
            if (field >= s.alphabetSize) {
              throw corrupt("block " + b + ": symbol " + field + " outside the alphabet of " + s.alphabetSize);
            }
            symbols[o] = (int) field;
            if (s.codeOf(field) != 0) {
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
        if (s.family != EXP_GOLOMB) {
          mantissaEnd -= k;
          if (mantissaEnd < pos) {
            throw corrupt("block " + b + ": codes overlap");
          }
          symbol = field + ((q << k) | Bits.read(p, mantissaEnd, k));
        } else {
          int width = (int) (s.param + q);
          mantissaEnd -= width;
          if (mantissaEnd < pos) {
            throw corrupt("block " + b + ": codes overlap");
          }
          symbol = (1L << width) + Bits.read(p, mantissaEnd, width) - (1L << s.param);
        }
        if (symbol < 0 || symbol >= s.alphabetSize) {
          throw corrupt("block " + b + ": symbol " + symbol + " outside the alphabet of " + s.alphabetSize);
        }
        symbols[o] = (int) symbol;
        if (s.codeOf(symbol) != 0) {
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
    if (s.outputs > 0 && pos != mantissaEnd) {
      throw corrupt("block " + b + ": " + (mantissaEnd - pos) + " unused bits inside the block");
    }
  }
}
