package lessram.compressed;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Compresses a {@link CoefficientSource}: rounds every coefficient to {@code q2.m} with unbiased randomized
 * rounding (a pure function of the seed and the coordinate, see {@link CoarseQuantizer}), then builds the
 * random-access structure of the chosen {@link PositionLayout} with its smallest code: for the default
 * {@code RANKED} the group size and field width ({@link RankedStoreBuilder}), for the block layouts the
 * symbol mapping, the code family and parameter, and the block size ({@link BlockStoreBuilder}). Obtain
 * one from {@link CompressedModel#builder(CoefficientSource)}.
 */
public final class CompressedModelBuilder {
  /** Default target for the mean size of a non-empty block, in bits. */
  public static final int DEFAULT_TARGET_BLOCK_BITS = 1024;

  private final CoefficientSource source;
  private int fractionBits = 7;
  private long seed = 0x5EEDL;
  private FeatureSpaceDescriptor featureSpace = FeatureSpaceDescriptor.direct();
  private int[] sparseFeatureIds;
  private int targetBlockBits = DEFAULT_TARGET_BLOCK_BITS;
  private PositionLayout positionLayout = PositionLayout.RANKED;

  CompressedModelBuilder(CoefficientSource source) {
    if (source == null) {
      throw new IllegalArgumentException("source is required");
    }
    this.source = source;
  }

  /** The {@code m} of {@code q2.m} (1..13; default 7). */
  public CompressedModelBuilder fractionBits(int m) {
    new CoarseQuantizer(m); // validates
    this.fractionBits = m;
    return this;
  }

  /** Seed of the randomized rounding (default fixed): the same seed gives the same model. */
  public CompressedModelBuilder seed(long s) {
    this.seed = s;
    return this;
  }

  /** The feature-space descriptor to store (default {@link FeatureSpaceDescriptor#direct()}). */
  public CompressedModelBuilder featureSpace(FeatureSpaceDescriptor descriptor) {
    if (descriptor == null) {
      throw new IllegalArgumentException("descriptor is required");
    }
    this.featureSpace = descriptor;
    return this;
  }

  /**
   * For a {@link FeatureSpaceDescriptor.Kind#SPARSE} space: the strictly increasing, non-negative ids
   * of the features that have slots; slot {@code i} belongs to {@code ids[i]}, so there must be exactly
   * {@code numSlots()} of them (copied).
   */
  public CompressedModelBuilder sparseFeatureIds(int[] ids) {
    this.sparseFeatureIds = ids == null ? null : ids.clone();
    return this;
  }

  /**
   * Mean size of a non-empty block the layout aims for (default 1024 bits, at least 64). Smaller blocks
   * make lookups scan less and the index larger.
   */
  public CompressedModelBuilder targetBlockBits(int bits) {
    if (bits < 64) {
      throw new IllegalArgumentException("target block bits must be >= 64, got " + bits);
    }
    this.targetBlockBits = bits;
    return this;
  }

  /** Size/speed trade-off of the layout (default {@link PositionLayout#RANKED}). */
  public CompressedModelBuilder positionLayout(PositionLayout layout) {
    if (layout == null) {
      throw new IllegalArgumentException("layout is required");
    }
    this.positionLayout = layout;
    return this;
  }

  /**
   * Rounds, codes and indexes the coefficients.
   *
   * @throws IllegalArgumentException for an invalid shape, a NaN coefficient, or sparse ids that do not
   *     match the feature space
   */
  public CompressedModel build() {
    int k = source.numOutputs();
    int d = source.numSlots();
    if (k < 1 || k > CompressedModel.MAX_OUTPUTS) {
      throw new IllegalArgumentException("numOutputs must be 1.." + CompressedModel.MAX_OUTPUTS + ", got " + k);
    }
    if (d < 0) {
      throw new IllegalArgumentException("numSlots must be >= 0, got " + d);
    }
    long n = (d + 1L) * k;
    if (n > CompressedModel.MAX_COORDINATES) {
      throw new IllegalArgumentException("too many coordinates: " + n);
    }
    boolean sparse = featureSpace.kind() == FeatureSpaceDescriptor.Kind.SPARSE;
    if (sparse != (sparseFeatureIds != null)) {
      throw new IllegalArgumentException(sparse ? "a sparse feature space needs sparseFeatureIds"
          : "sparseFeatureIds given for a " + featureSpace.kind() + " feature space");
    }
    CoarseQuantizer quantizer = new CoarseQuantizer(fractionBits);
    int minCode = quantizer.minCode();
    int numCodes = quantizer.numCodes();

    // 1. round
    int coords = (int) n;
    short[] codes = new short[coords];
    for (int c = 0; c < coords; c++) {
      double x = source.coefficient(c);
      if (x != x) {
        throw new IllegalArgumentException("coefficient " + c + " is NaN");
      }
      codes[c] = (short) quantizer.randomizedCode(x, seed, c);
    }

    // 2. present slots and code histogram of their values
    int slots = d + 1;
    int[] elements = new int[slots];
    int present = 0;
    long[] codeCounts = new long[numCodes];
    for (int s = 0; s < slots; s++) {
      boolean any = false;
      for (int o = 0; o < k; o++) {
        if (codes[s * k + o] != 0) {
          any = true;
          break;
        }
      }
      if (any) {
        elements[present++] = s;
        for (int o = 0; o < k; o++) {
          codeCounts[codes[s * k + o] - minCode]++;
        }
      }
    }

    // 3. choose the symbol mapping and the code
    CoefficientStore store;
    if (positionLayout.ranked()) {
      // symbols index a table of the codes in decreasing frequency order
      Choice table = Choice.evaluate(BlockLayout.MAP_TABLE, codeCounts, minCode, true);
      long[] symbolCounts = new long[table.alphabetSize];
      for (int i = 0; i < numCodes; i++) {
        if (codeCounts[i] > 0) {
          symbolCounts[table.symbolOfCode[i]] += codeCounts[i];
        }
      }
      int[] symbols = new int[present * k];
      for (int i = 0; i < present; i++) {
        for (int o = 0; o < k; o++) {
          symbols[i * k + o] = table.symbolOfCode[codes[elements[i] * k + o] - minCode];
        }
      }
      store = RankedStoreBuilder.build(slots, k, elements, present, symbols, table.table, symbolCounts,
          Math.scalb(1.0, -fractionBits));
    } else {
      store = buildBlocks(k, codes, elements, present, codeCounts, minCode, slots);
    }

    // 4. sparse ids
    BlockStore ids = null;
    if (sparse) {
      int[] fid = sparseFeatureIds;
      if (fid.length != d) {
        throw new IllegalArgumentException("expected " + d + " sparse feature ids (one per slot), got " + fid.length);
      }
      for (int i = 0; i < fid.length; i++) {
        if (fid[i] < 0 || (i > 0 && fid[i] <= fid[i - 1])) {
          throw new IllegalArgumentException("sparse feature ids must be non-negative and strictly increasing (at " + i + ")");
        }
      }
      long universe = fid.length == 0 ? 1 : fid[fid.length - 1] + 1L;
      ids = BlockStoreBuilder.buildIdSet(universe, fid, targetBlockBits, positionLayout.allowance());
    }
    try {
      return new CompressedModel(k, d, fractionBits, seed, featureSpace, store, ids);
    } catch (IOException e) {
      throw new UncheckedIOException("internal error: the freshly built model does not validate", e);
    }
  }

  /** The block layouts (format versions 1 and 2): mapping, code and block size chosen by size. */
  private BlockStore buildBlocks(int k, short[] codes, int[] elements, int present, long[] codeCounts, int minCode,
      int slots) {
    Choice best = null;
    for (int mapping = BlockLayout.MAP_ZIGZAG; mapping <= BlockLayout.MAP_TABLE; mapping++) {
      if (mapping == BlockLayout.MAP_ZIGZAG_NONZERO && codeCounts[-minCode] != 0) {
        continue;
      }
      Choice c = Choice.evaluate(mapping, codeCounts, minCode, positionLayout.fixedValues());
      if (best == null || c.totalBits < best.totalBits) {
        best = c;
      }
    }
    int[] symbols = new int[present * k];
    long[] valueBits = new long[present];
    for (int i = 0; i < present; i++) {
      int s = elements[i];
      long vb = 0;
      for (int o = 0; o < k; o++) {
        int sym = best.symbolOfCode[codes[s * k + o] - minCode];
        symbols[i * k + o] = sym;
        vb += BlockLayout.symbolBits(best.family, best.param, sym);
      }
      valueBits[i] = vb;
    }
    int allowance = positionLayout.allowance();
    int blockShift = BlockStoreBuilder.chooseBlockShift(slots, elements, present, valueBits, targetBlockBits, allowance);
    return BlockStoreBuilder.build(slots, k, elements, present, symbols, best.family, best.param,
        best.alphabetSize, best.mapping == BlockLayout.MAP_TABLE ? best.table : null,
        best.mapping == BlockLayout.MAP_ZIGZAG_NONZERO ? 1 : 0, blockShift, allowance);
  }

  /** A symbol mapping with its best code and total size. */
  static final class Choice {
    int mapping;
    int family;
    int param;
    int alphabetSize;
    int[] symbolOfCode;
    short[] table;
    long totalBits;

    static Choice evaluate(int mapping, long[] codeCounts, int minCode, boolean fixedValues) {
      Choice c = new Choice();
      c.mapping = mapping;
      int numCodes = codeCounts.length;
      c.symbolOfCode = new int[numCodes];
      long tableBits = 0;
      if (mapping == BlockLayout.MAP_TABLE) {
        // symbols by decreasing frequency, ties by zigzag order; only codes that occur
        Integer[] order = new Integer[numCodes];
        int used = 0;
        for (int i = 0; i < numCodes; i++) {
          if (codeCounts[i] > 0) {
            order[used++] = i;
          }
        }
        Integer[] occurring = java.util.Arrays.copyOf(order, used);
        java.util.Arrays.sort(occurring, (a, b) -> {
          int cmp = Long.compare(codeCounts[b], codeCounts[a]);
          return cmp != 0 ? cmp : Integer.compare(zigzag(a + minCode), zigzag(b + minCode));
        });
        c.alphabetSize = used;
        c.table = new short[used];
        java.util.Arrays.fill(c.symbolOfCode, -1);
        for (int s = 0; s < used; s++) {
          int code = occurring[s] + minCode;
          c.table[s] = (short) code;
          c.symbolOfCode[occurring[s]] = s;
        }
        tableBits = 16L * used;
      } else {
        int shift = mapping == BlockLayout.MAP_ZIGZAG_NONZERO ? 1 : 0;
        c.alphabetSize = numCodes - shift;
        for (int i = 0; i < numCodes; i++) {
          c.symbolOfCode[i] = zigzag(i + minCode) - shift;
        }
      }
      long[] symbolCounts = new long[Math.max(1, c.alphabetSize)];
      for (int i = 0; i < numCodes; i++) {
        if (codeCounts[i] > 0) {
          symbolCounts[c.symbolOfCode[i]] += codeCounts[i];
        }
      }
      c.totalBits = Long.MAX_VALUE;
      if (fixedValues) {
        // fixed-width fields (w = 1..24) with Golomb-Rice(k2) escapes (k2 = 0..7), packed as w | k2 << 5
        int maxWidth = Math.min(BlockLayout.MAX_FIXED_WIDTH, Math.max(1, Integer.SIZE - Integer.numberOfLeadingZeros(c.alphabetSize)));
        for (int w = 1; w <= maxWidth; w++) {
          for (int k2 = 0; k2 <= BlockLayout.MAX_ESCAPE_PARAM; k2++) {
            int p = w | k2 << 5;
            long bits = tableBits;
            for (int u = 0; u < symbolCounts.length; u++) {
              if (symbolCounts[u] > 0) {
                bits += symbolCounts[u] * BlockLayout.symbolBits(BlockLayout.FIXED, p, u);
              }
            }
            if (bits < c.totalBits) {
              c.totalBits = bits;
              c.family = BlockLayout.FIXED;
              c.param = p;
            }
          }
        }
        return c;
      }
      for (int family = BlockLayout.RICE; family <= BlockLayout.EXP_GOLOMB; family++) {
        for (int p = 0; p <= 16; p++) {
          long bits = tableBits;
          for (int u = 0; u < symbolCounts.length; u++) {
            if (symbolCounts[u] > 0) {
              bits += symbolCounts[u] * BlockLayout.symbolBits(family, p, u);
            }
          }
          if (bits < c.totalBits) {
            c.totalBits = bits;
            c.family = family;
            c.param = p;
          }
        }
      }
      return c;
    }
  }

  /** 0, -1, 1, -2, 2, ... to 0, 1, 2, 3, 4, ... */
  static int zigzag(int code) {
    return code >= 0 ? 2 * code : -2 * code - 1;
  }
}
