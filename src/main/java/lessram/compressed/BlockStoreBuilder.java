package lessram.compressed;

import static lessram.compressed.BlockLayout.BITMAP;
import static lessram.compressed.BlockLayout.FIXED;
import static lessram.compressed.BlockLayout.GROUP4;
import static lessram.compressed.BlockLayout.MAX_ANCHOR;
import static lessram.compressed.BlockLayout.MAX_BLOCK_SHIFT;
import static lessram.compressed.BlockLayout.MAX_ANCHOR_SHIFT;
import static lessram.compressed.BlockLayout.RICE;
import static lessram.compressed.BlockLayout.ceilShift;
import static lessram.compressed.BlockLayout.elementValueBits;
import static lessram.compressed.BlockLayout.escapeParam;
import static lessram.compressed.BlockLayout.fieldWidth;
import static lessram.compressed.BlockLayout.mode;
import static lessram.compressed.BlockLayout.numAnchors;
import static lessram.compressed.BlockLayout.numBlocks;
import static lessram.compressed.BlockLayout.positionBits;

/** Builds a {@link BlockStore}: the block size, the blocks' bits and the two-level index of smallest size. */
final class BlockStoreBuilder {
  private BlockStoreBuilder() {}

  /**
   * The block shift to use: the largest {@code shift <= MAX_BLOCK_SHIFT} whose non-empty blocks hold on
   * average at most {@code targetBlockBits} bits (at least 0). Larger blocks mean a smaller index but
   * longer scans per lookup.
   */
  static int chooseBlockShift(long universe, int[] elements, int n, long[] valueBits, long targetBlockBits,
      int allowance) {
    int minShift = 0;
    while ((((universe - 1) >>> minShift) + 1) > BlockLayout.MAX_BLOCKS) {
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
   * The sparse feature-id map: the sorted ids {@code ids} as a store without values, blocks of about
   * {@code targetBlockBits} bits.
   */
  static BlockStore buildIdSet(long universe, int[] ids, long targetBlockBits, int allowance) {
    int shift = chooseBlockShift(universe, ids, ids.length, new long[ids.length], targetBlockBits, allowance);
    return build(universe, 0, ids, ids.length, new int[0], RICE, 0, 0, null, 0, shift, allowance);
  }

  /**
   * Builds a store.
   *
   * @param universe the universe size (>= 1)
   * @param outputs symbols per element (>= 0)
   * @param elements the present elements, strictly increasing, in {@code [0, universe)} (first n used)
   * @param n number of present elements
   * @param symbols {@code n * outputs} symbols, element-major
   * @param family RICE, EXP_GOLOMB or FIXED
   * @param k the code parameter
   * @param alphabetSize symbols are below this
   * @param codeOfSymbol symbol to coefficient code for a table mapping, else null
   * @param zigzagShift for zigzag mappings, 1 if symbol 0 stands for code -1, else 0
   * @param blockShift log2 of the block size
   * @param allowance the bitmap allowance (see {@link BlockLayout#mode})
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
      int fw = fieldWidth(k);
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
      int k2 = escapeParam(k);
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
    // index: choose the anchor shift giving the smallest index
    Index best = null;
    for (int g = 0; g <= MAX_ANCHOR_SHIFT; g++) {
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
        codeOfSymbol, zigzagShift, allowance);
  }

  /** A two-level index candidate for one anchor shift. */
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
        } else { // the last anchor segment is partial: extrapolate its closing anchor along its slope
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
}
