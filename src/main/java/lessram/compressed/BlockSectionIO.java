package lessram.compressed;

import static lessram.compressed.BlockLayout.EXP_GOLOMB;
import static lessram.compressed.BlockLayout.FIXED;
import static lessram.compressed.BlockLayout.GROUPED;
import static lessram.compressed.BlockLayout.MAP_TABLE;
import static lessram.compressed.BlockLayout.MAP_ZIGZAG;
import static lessram.compressed.BlockLayout.MAP_ZIGZAG_NONZERO;
import static lessram.compressed.BlockLayout.MAX_ANCHOR_SHIFT;
import static lessram.compressed.BlockLayout.MAX_BITMAP_ALLOWANCE;
import static lessram.compressed.BlockLayout.MAX_BLOCKS;
import static lessram.compressed.BlockLayout.MAX_BLOCK_SHIFT;
import static lessram.compressed.BlockLayout.MAX_FIXED_WIDTH;
import static lessram.compressed.BlockLayout.MAX_PARAM;
import static lessram.compressed.BlockLayout.RICE;
import static lessram.compressed.BlockLayout.fieldWidth;
import static lessram.compressed.CompressedModelIO.bad;
import static lessram.compressed.CompressedModelIO.expectZero;

import java.io.IOException;

/**
 * The file sections holding a {@link BlockStore}: the coefficient section of format versions 1 and 2
 * and the feature-id section of sparse models (any version). Layout in {@code docs/compressed-format.md};
 * every field is checked against its limits and every array length against the value the shape implies
 * before anything is allocated.
 */
final class BlockSectionIO {
  private BlockSectionIO() {}

  static final int COEFFICIENT_FIXED_BYTES = 56;
  static final int ID_FIXED_BYTES = 52;
  /** Largest feature-id universe (ids are non-negative ints). */
  static final long MAX_ID_UNIVERSE = 1L << 31;

  // ---------------------------------------------------------------------------------------------
  // Sizes

  private static long residualWords(BlockStore s) {
    return Bits.words((long) (s.numBlocks + 1) * (s.offsetResidualBits + s.rankResidualBits));
  }

  /** Bytes of a store's three arrays (anchors, residuals, payload) in the file. */
  private static long arrayBytes(BlockStore s) {
    return 8 * (s.anchors.length + residualWords(s) + Bits.words(s.payloadBits));
  }

  static long coefficientSectionBytes(BlockStore s) {
    short[] t = s.codeOfSymbol;
    long table = t == null ? 0 : 2L * t.length;
    return COEFFICIENT_FIXED_BYTES + table + arrayBytes(s);
  }

  static long idSectionBytes(BlockStore ids) {
    return ID_FIXED_BYTES + arrayBytes(ids);
  }

  // ---------------------------------------------------------------------------------------------
  // Writing

  static void writeCoefficients(BlockStore c, CompressedModelIO.Out w) throws IOException {
    w.u8(c.mapping());
    w.u8(c.family);
    w.u8(c.param);
    writeShape(w, c);
    w.i32(c.alphabetSize);
    w.i64(c.count);
    writeBiasesAndLengths(w, c);
    if (c.codeOfSymbol != null) {
      CompressedModelIO.writeSymbolTable(w, c.codeOfSymbol);
    }
    writeArrays(w, c);
  }

  static void writeIds(BlockStore f, CompressedModelIO.Out w) throws IOException {
    w.i64(f.universe);
    writeShape(w, f);
    w.u8(0);
    w.u16(0);
    writeBiasesAndLengths(w, f);
    writeArrays(w, f);
  }

  /** Block shift, anchor shift, residual widths and bitmap allowance: five bytes. */
  private static void writeShape(CompressedModelIO.Out w, BlockStore s) throws IOException {
    w.u8(s.blockShift);
    w.u8(s.anchorShift);
    w.u8(s.offsetResidualBits);
    w.u8(s.rankResidualBits);
    w.u8(s.bitmapAllowance);
  }

  /** Payload bits and the two biases, then the word counts of the three arrays. */
  private static void writeBiasesAndLengths(CompressedModelIO.Out w, BlockStore s) throws IOException {
    w.i64(s.payloadBits);
    w.i64(s.offsetBias);
    w.i64(s.rankBias);
    w.i32(s.anchors.length);
    w.i32((int) residualWords(s));
    w.i32((int) Bits.words(s.payloadBits));
  }

  private static void writeArrays(CompressedModelIO.Out w, BlockStore s) throws IOException {
    w.longs(s.anchors, s.anchors.length);
    w.longs(s.residuals, (int) residualWords(s));
    w.longs(s.payload, (int) Bits.words(s.payloadBits));
  }

  // ---------------------------------------------------------------------------------------------
  // Reading

  /** The coefficient section of a version-1 or version-2 file (from its symbol-mapping byte on). */
  static BlockStore readCoefficients(CompressedModelIO.In r, int version, long universe, int outputs,
      int fractionBits) throws IOException {
    int mapping = r.u8();
    int family = r.u8();
    int param = r.u8();
    Shape shape = Shape.read(r, version);
    if (mapping > MAP_TABLE) {
      throw bad("unknown symbol mapping " + mapping);
    }
    checkCode(family, param, version);
    int alphabetSize = r.i32();
    int numCodes = 1 << (fractionBits + 3);
    int expectedAlphabet = mapping == MAP_ZIGZAG ? numCodes : mapping == MAP_ZIGZAG_NONZERO ? numCodes - 1 : -1;
    if (expectedAlphabet >= 0 ? alphabetSize != expectedAlphabet : alphabetSize < 1 || alphabetSize > numCodes) {
      throw bad("alphabet size " + alphabetSize + " invalid for symbol mapping " + mapping);
    }
    long count = r.i64();
    shape.readBiases(r);
    if (count < 0 || count > universe) {
      throw bad("stored slot count " + count + " outside 0.." + universe);
    }
    shape.readLengths(r, universe, "coefficient");
    short[] table = mapping == MAP_TABLE ? CompressedModelIO.readSymbolTable(r, alphabetSize, fractionBits) : null;
    return shape.readStore(r, universe, outputs, count, family, param, alphabetSize, table,
        mapping == MAP_ZIGZAG_NONZERO ? 1 : 0);
  }

  /** The feature-id section: the sorted ids of a sparse model's {@code slots} slots. */
  static BlockStore readIds(CompressedModelIO.In r, int version, int slots) throws IOException {
    long universe = r.i64();
    Shape shape = Shape.read(r, version);
    expectZero(r.u8(), "reserved feature-id byte");
    expectZero(r.u16(), "reserved feature-id bytes");
    shape.readBiases(r);
    if (universe < 1 || universe > MAX_ID_UNIVERSE || universe < slots || (slots == 0 && universe != 1)) {
      throw bad("feature-id universe " + universe + " invalid for " + slots + " ids");
    }
    shape.readLengths(r, universe, "feature-id");
    return shape.readStore(r, universe, 0, slots, RICE, 0, 0, null, 0);
  }

  /**
   * The fields a coefficient and a feature-id section share, read in three steps (shape, biases, array
   * lengths), each checked against its limits before the arrays are allocated.
   */
  private static final class Shape {
    int blockShift;
    int anchorShift;
    int offsetResidualBits;
    int rankResidualBits;
    int allowance;
    long payloadBits;
    long offsetBias;
    long rankBias;
    int anchorWords;
    int residualWords;
    int payloadWords;

    static Shape read(CompressedModelIO.In r, int version) throws IOException {
      Shape s = new Shape();
      s.blockShift = r.u8();
      s.anchorShift = r.u8();
      s.offsetResidualBits = r.u8();
      s.rankResidualBits = r.u8();
      s.allowance = checkAllowance(r.u8(), version);
      return s;
    }

    void readBiases(CompressedModelIO.In r) throws IOException {
      payloadBits = r.i64();
      offsetBias = r.i64();
      rankBias = r.i64();
    }

    /** Reads the three word counts and checks them against the values they must have. */
    void readLengths(CompressedModelIO.In r, long universe, String what) throws IOException {
      if (blockShift > MAX_BLOCK_SHIFT || anchorShift > MAX_ANCHOR_SHIFT) {
        throw bad(what + " block shifts " + blockShift + "/" + anchorShift + " out of range");
      }
      int entryBits = offsetResidualBits + rankResidualBits;
      if (entryBits > 63) {
        throw bad(what + " index entry width " + entryBits + " above 63");
      }
      long numBlocks = ((universe - 1) >>> blockShift) + 1;
      if (numBlocks > MAX_BLOCKS) {
        throw bad(what + " section has too many blocks: " + numBlocks);
      }
      if (payloadBits < 0 || Bits.words(payloadBits) > CompressedModelIO.MAX_WORDS) {
        throw bad(what + " payload length " + payloadBits + " bits out of range");
      }
      long expectedAnchors = 2 * (((numBlocks - 1) >>> anchorShift) + 3);
      long expectedResiduals = Bits.words((numBlocks + 1) * entryBits);
      long expectedPayload = Bits.words(payloadBits);
      anchorWords = r.i32();
      residualWords = r.i32();
      payloadWords = r.i32();
      if (anchorWords != expectedAnchors || residualWords != expectedResiduals || payloadWords != expectedPayload) {
        throw bad(what + " section lengths " + anchorWords + "/" + residualWords + "/" + payloadWords
            + " words, expected " + expectedAnchors + "/" + expectedResiduals + "/" + expectedPayload);
      }
    }

    /** Reads the three arrays and assembles the store (to be validated). */
    BlockStore readStore(CompressedModelIO.In r, long universe, int outputs, long count, int family, int param,
        int alphabetSize, short[] table, int zigzagShift) throws IOException {
      long[] anchors = r.longs(anchorWords, 0);
      long[] residuals = r.longs(residualWords, 2);
      long[] payload = r.longs(payloadWords, 2);
      return new BlockStore(universe, outputs, blockShift, count, anchorShift, offsetResidualBits,
          rankResidualBits, anchors, residuals, offsetBias, rankBias, payloadBits, payload, family, param,
          alphabetSize, table, zigzagShift, allowance);
    }
  }

  private static int checkAllowance(int allowance, int version) throws CompressedFormatException {
    if (allowance == GROUPED && version >= CompressedModelIO.VERSION_GROUPED) {
      return allowance;
    }
    if (allowance > MAX_BITMAP_ALLOWANCE) {
      throw bad("bitmap allowance " + allowance + " above " + MAX_BITMAP_ALLOWANCE);
    }
    return allowance;
  }

  private static void checkCode(int family, int param, int version) throws CompressedFormatException {
    if (family == FIXED && version >= CompressedModelIO.VERSION_GROUPED) {
      int w = fieldWidth(param);
      if (w < 1 || w > MAX_FIXED_WIDTH) {
        throw bad("fixed field width " + w + " outside 1.." + MAX_FIXED_WIDTH);
      }
      return;
    }
    if (family != RICE && family != EXP_GOLOMB) {
      throw bad("unknown symbol code family " + family);
    }
    if (param > MAX_PARAM) {
      throw bad("code parameter " + param + " above " + MAX_PARAM);
    }
  }
}
