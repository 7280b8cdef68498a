package lessram.frozen;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The versioned binary format of a {@link FrozenModel} (layout in {@code docs/frozen-format.md}). All
 * integers little-endian; a CRC-32C of every preceding byte closes the file.
 *
 * <p>Reading never trusts a length: each is checked against fixed limits and against the values it must
 * equal (derived from the model's shape) before anything is allocated, large arrays are read in bounded
 * chunks (so a lying length fails at the end of the stream, not with an OutOfMemoryError), the checksum is
 * verified, and finally the whole structure is decoded once and every invariant the lookups rely on is
 * checked. Every failure is an {@link IOException} ({@link EOFException} for a file cut short,
 * {@link FrozenFormatException} otherwise). No Java deserialization is involved.
 */
final class FrozenModelIO {
  static final byte[] MAGIC = {'L', 'R', 'A', 'M', 'F', 'Z', 'N', 0};
  /** The first format: compact and fast layouts (bitmap allowances 0..60). */
  static final int VERSION = 1;
  /**
   * Version 2 is version 1 plus one more value of the bitmap-allowance bytes, {@link BlockStore#GROUPED}
   * (two-level bitmaps), and code family {@link BlockStore#FIXED} (fixed-width fields with escapes). A
   * model is written as version 1 unless it uses one of them, so version-1 files stay byte-identical.
   */
  static final int VERSION_GROUPED = 2;
  /**
   * Version 3: the coefficient section holds the {@link PositionLayout#RANKED} layout ({@link RankedStore});
   * the header and the feature-id section are as in version 2. Written exactly for that layout.
   */
  static final int VERSION_RANKED = 3;
  static final int RANKED_FIXED_BYTES = 64;
  static final int FLAG_FEATURE_IDS = 1;
  /** Magic, version and flags: the start of the file, read and written by the shared preamble code. */
  static final Preamble PREAMBLE = Preamble.of("frozen model", MAGIC, ByteOrder.LITTLE_ENDIAN, VERSION,
      VERSION_RANKED, FLAG_FEATURE_IDS);
  static final int HEADER_FIXED_BYTES = 36;
  static final int COEFFICIENT_FIXED_BYTES = 56;
  static final int ID_FIXED_BYTES = 52;
  /** Largest number of 64-bit words in one array. */
  static final long MAX_WORDS = Integer.MAX_VALUE - 16L;
  /** Largest number of blocks in one store. */
  static final long MAX_BLOCKS = 1L << 30;
  /** Largest feature-id universe (ids are non-negative ints). */
  static final long MAX_ID_UNIVERSE = 1L << 31;
  private static final int CHUNK_WORDS = 1 << 16;
  private static final int CHUNK_BYTES = 1 << 16;

  private FrozenModelIO() {}

  // ---------------------------------------------------------------------------------------------
  // Sizes

  static long words(long bits) {
    return (bits + 63) >>> 6;
  }

  private static long storeArrayBytes(BlockStore s) {
    return 8 * (s.superIndex.length + words((long) (s.numBlocks + 1) * (s.relOffsetBits + s.relRankBits))
        + words(s.payloadBits));
  }

  static long coefficientSectionBytes(FrozenModel m) {
    if (m.ranked != null) {
      return RANKED_FIXED_BYTES + 2L * m.ranked.alphabetSize + m.ranked.arrayBits() / 8;
    }
    short[] t = m.coefficients.codeOfSymbol;
    long table = t == null ? 0 : 2L * t.length;
    return COEFFICIENT_FIXED_BYTES + table + storeArrayBytes(m.coefficients);
  }

  static long serializedBytes(FrozenModel m) {
    FeatureSpaceDescriptor fs = m.featureSpace;
    long bytes = HEADER_FIXED_BYTES + 8L * fs.numParameters() + fs.metadataLength();
    bytes += coefficientSectionBytes(m);
    if (m.featureIds != null) {
      bytes += ID_FIXED_BYTES + storeArrayBytes(m.featureIds);
    }
    return bytes + 4;
  }

  // ---------------------------------------------------------------------------------------------
  // Writing

  static void write(FrozenModel m, OutputStream out) throws IOException {
    Out w = new Out(out);
    FeatureSpaceDescriptor fs = m.featureSpace;
    boolean grouped = m.ranked == null && (m.coefficients.bitmapAllowance == BlockStore.GROUPED
        || m.coefficients.family == BlockStore.FIXED
        || (m.featureIds != null && m.featureIds.bitmapAllowance == BlockStore.GROUPED));
    PREAMBLE.write(w::u8, m.ranked != null ? VERSION_RANKED : grouped ? VERSION_GROUPED : VERSION,
        m.featureIds != null ? FLAG_FEATURE_IDS : 0);
    w.i32(m.numOutputs);
    w.i32(m.numSlots);
    w.u8(m.fractionBits);
    w.u8(fs.kind().code());
    w.u8(fs.numParameters());
    w.u8(0);
    w.i64(m.seed);
    w.i32(fs.metadataLength());
    for (int i = 0; i < fs.numParameters(); i++) {
      w.i64(fs.parameter(i));
    }
    w.bytes(fs.metadataUnsafe(), fs.metadataLength());

    if (m.ranked != null) {
      writeRanked(w, m.ranked);
    } else {
      writeBlocks(w, m);
    }

    if (m.featureIds != null) {
      BlockStore f = m.featureIds;
      w.i64(f.universe);
      w.u8(f.blockShift);
      w.u8(f.superShift);
      w.u8(f.relOffsetBits);
      w.u8(f.relRankBits);
      w.u8(f.bitmapAllowance);
      w.u8(0);
      w.u16(0);
      w.i64(f.payloadBits);
      w.i64(f.offsetBias);
      w.i64(f.rankBias);
      writeStoreLengths(w, f);
      writeStoreArrays(w, f);
    }
    int crc = w.crc();
    w.i32(crc);
    w.flush();
  }

  private static void writeRanked(Out w, RankedStore r) throws IOException {
    w.u8(FrozenModel.MAP_TABLE);
    w.u8(RankedStore.FAMILY);
    w.u8(r.width);
    w.u8(r.escapeWidth);
    w.u8(r.groupShift);
    w.u8(0);
    w.u16(0);
    w.i32(r.alphabetSize);
    w.i64(r.count);
    w.i64(r.groups);
    w.i64(r.escapes);
    RankedLengths l = RankedLengths.of(r.universe, r.outputs, r.groupShift, r.groups, r.count, r.width,
        r.escapeWidth, r.escapes);
    for (long v : l.values()) {
      w.i32((int) v);
    }
    for (short s : r.codeOfSymbol) {
      w.u16(s & 0xFFFF);
    }
    w.longs(r.occupancy, (int) l.occupancyWords);
    w.longs(r.occupancyRanks, (int) l.occupancyRanks);
    w.longs(r.masks, (int) l.maskWords);
    w.longs(r.maskRanks, (int) l.maskRanks);
    w.longs(r.fieldWords(), (int) l.fieldWords);
    w.ints(r.escapeRanks, (int) l.escapeRanks);
    w.longs(r.escapeValues, (int) l.escapeWords);
  }

  /** The array lengths of a ranked coefficient section, all implied by its shape. */
  static final class RankedLengths {
    long occupancyWords;
    long occupancyRanks;
    long maskWords;
    long maskRanks;
    long fieldWords;
    long escapeRanks;
    long escapeWords;

    static RankedLengths of(long universe, int outputs, int g, long groups, long count, int w, int w2,
        long escapes) {
      RankedLengths l = new RankedLengths();
      long ng = RankedStore.numGroups(universe, g);
      long mb = RankedStore.maskBits(groups, g);
      long nf = count * outputs;
      l.occupancyWords = words(ng);
      l.occupancyRanks = RankedStore.directoryEntries(ng);
      l.maskWords = words(mb);
      l.maskRanks = g == 0 ? 0 : RankedStore.directoryEntries(mb);
      l.fieldWords = words(nf * w);
      l.escapeRanks = RankedStore.escapeDirectoryEntries(nf);
      l.escapeWords = words(escapes * w2);
      return l;
    }

    long[] values() {
      return new long[] {occupancyWords, occupancyRanks, maskWords, maskRanks, fieldWords, escapeRanks,
          escapeWords};
    }
  }

  private static void writeBlocks(Out w, FrozenModel m) throws IOException {
    BlockStore c = m.coefficients;
    w.u8(m.mapping);
    w.u8(c.family);
    w.u8(c.param);
    w.u8(c.blockShift);
    w.u8(c.superShift);
    w.u8(c.relOffsetBits);
    w.u8(c.relRankBits);
    w.u8(c.bitmapAllowance);
    w.i32(c.alphabetSize);
    w.i64(c.count);
    w.i64(c.payloadBits);
    w.i64(c.offsetBias);
    w.i64(c.rankBias);
    writeStoreLengths(w, c);
    if (c.codeOfSymbol != null) {
      for (short s : c.codeOfSymbol) {
        w.u16(s & 0xFFFF);
      }
    }
    writeStoreArrays(w, c);
  }

  private static void writeStoreLengths(Out w, BlockStore s) throws IOException {
    w.i32(s.superIndex.length);
    w.i32((int) words((long) (s.numBlocks + 1) * (s.relOffsetBits + s.relRankBits)));
    w.i32((int) words(s.payloadBits));
  }

  private static void writeStoreArrays(Out w, BlockStore s) throws IOException {
    w.longs(s.superIndex, s.superIndex.length);
    w.longs(s.relIndex, (int) words((long) (s.numBlocks + 1) * (s.relOffsetBits + s.relRankBits)));
    w.longs(s.payload, (int) words(s.payloadBits));
  }

  // ---------------------------------------------------------------------------------------------
  // Reading

  static FrozenModel read(InputStream in) throws IOException {
    In r = new In(in);
    Preamble.Header header = PREAMBLE.read(what -> r.u8());
    int version = header.version();
    int flags = header.flags();
    int outputs = r.i32();
    if (outputs < 1 || outputs > FrozenModel.MAX_OUTPUTS) {
      throw bad("number of outputs " + outputs + " outside 1.." + FrozenModel.MAX_OUTPUTS);
    }
    int slots = r.i32();
    if (slots < 0) {
      throw bad("negative number of slots " + slots);
    }
    long coordinates = (slots + 1L) * outputs;
    if (coordinates > FrozenModel.MAX_COORDINATES) {
      throw bad("too many coordinates: " + coordinates);
    }
    int fractionBits = r.u8();
    if (fractionBits < CoarseQuantizer.MIN_FRACTION_BITS || fractionBits > CoarseQuantizer.MAX_FRACTION_BITS) {
      throw bad("fraction bits " + fractionBits + " outside " + CoarseQuantizer.MIN_FRACTION_BITS + ".."
          + CoarseQuantizer.MAX_FRACTION_BITS);
    }
    int kindCode = r.u8();
    FeatureSpaceDescriptor.Kind kind = FeatureSpaceDescriptor.Kind.ofCode(kindCode);
    if (kind == null) {
      throw bad("unknown feature-space kind " + kindCode);
    }
    int numParameters = r.u8();
    if (numParameters > FeatureSpaceDescriptor.MAX_PARAMETERS) {
      throw bad("too many feature-space parameters: " + numParameters);
    }
    expectZero(r.u8(), "reserved header byte");
    long seed = r.i64();
    int metadataLength = r.i32();
    if (metadataLength < 0 || metadataLength > FeatureSpaceDescriptor.MAX_METADATA_BYTES) {
      throw bad("metadata length " + metadataLength + " outside 0.." + FeatureSpaceDescriptor.MAX_METADATA_BYTES);
    }
    long[] parameters = new long[numParameters];
    for (int i = 0; i < numParameters; i++) {
      parameters[i] = r.i64();
    }
    byte[] metadata = r.bytes(metadataLength);
    boolean hasIds = (flags & FLAG_FEATURE_IDS) != 0;
    if (hasIds != (kind == FeatureSpaceDescriptor.Kind.SPARSE)) {
      throw bad("feature-id section " + (hasIds ? "present" : "missing") + " for a " + kind + " feature space");
    }

    // coefficient section
    long universe = slots + 1L;
    BlockStore coefficients = null;
    RankedStore ranked = null;
    int mapping;
    if (version == VERSION_RANKED) {
      ranked = readRanked(r, universe, outputs, fractionBits);
      mapping = FrozenModel.MAP_TABLE;
    } else {
      mapping = r.u8();
      coefficients = readBlocks(r, version, mapping, universe, outputs, fractionBits);
    }

    BlockStore ids = null;
    if (hasIds) {
      long idUniverse = r.i64();
      int idBlockShift = r.u8();
      int idSuperShift = r.u8();
      int idOffsetBits = r.u8();
      int idRankBits = r.u8();
      int idAllowance = checkAllowance(r.u8(), version);
      expectZero(r.u8(), "reserved feature-id byte");
      expectZero(r.u16(), "reserved feature-id bytes");
      long idPayloadBits = r.i64();
      long idOffsetBias = r.i64();
      long idRankBias = r.i64();
      if (idUniverse < 1 || idUniverse > MAX_ID_UNIVERSE || idUniverse < slots
          || (slots == 0 && idUniverse != 1)) {
        throw bad("feature-id universe " + idUniverse + " invalid for " + slots + " ids");
      }
      Lengths il = readLengths(r, idUniverse, idBlockShift, idSuperShift, idOffsetBits, idRankBits,
          idPayloadBits, "feature-id");
      long[][] idArrays = readArrays(r, il);
      ids = BlockStore.of(idUniverse, 0, idBlockShift, slots, idSuperShift, idOffsetBits, idRankBits,
          idArrays[0], idArrays[1], idOffsetBias, idRankBias, idPayloadBits, idArrays[2], BlockStore.RICE, 0, 0,
          null, 0, idAllowance);
    }
    boolean grouped = coefficients != null && (coefficients.bitmapAllowance == BlockStore.GROUPED
        || coefficients.family == BlockStore.FIXED || (ids != null && ids.bitmapAllowance == BlockStore.GROUPED));
    if (version != VERSION_RANKED && (version == VERSION_GROUPED) != grouped) {
      throw bad("format version 2 without the grouped layout or fixed-width values");
    }
    int computed = r.crc();
    int stored = r.i32();
    if (computed != stored) {
      throw bad(String.format("checksum mismatch (stored CRC-32C %08x, computed %08x): the file is corrupted",
          stored, computed));
    }
    FeatureSpaceDescriptor fs = FeatureSpaceDescriptor.of(kind, parameters, metadata);
    try {
      FrozenModel model = new FrozenModel(outputs, slots, fractionBits, seed, fs, mapping, coefficients, ranked,
          ids);
      if (ids != null && ids.universe != 1 && ids.rank(ids.universe - 1) != slots - 1) {
        throw bad("feature-id universe " + ids.universe + " is not one past the largest id");
      }
      return model;
    } catch (RuntimeException e) {
      // Defensive net: validation is meant to reject every inconsistency explicitly.
      throw bad("inconsistent structure (" + e + ")");
    }
  }

  private static BlockStore readBlocks(In r, int version, int mapping, long universe, int outputs,
      int fractionBits) throws IOException {
    int family = r.u8();
    int param = r.u8();
    int blockShift = r.u8();
    int superShift = r.u8();
    int relOffsetBits = r.u8();
    int relRankBits = r.u8();
    int allowance = checkAllowance(r.u8(), version);
    if (mapping > FrozenModel.MAP_TABLE) {
      throw bad("unknown symbol mapping " + mapping);
    }
    checkCode(family, param, version);
    int alphabetSize = r.i32();
    int numCodes = 1 << (fractionBits + 3);
    int minCode = -(1 << (fractionBits + 2));
    int expectedAlphabet = mapping == FrozenModel.MAP_ZIGZAG ? numCodes
        : mapping == FrozenModel.MAP_ZIGZAG_NONZERO ? numCodes - 1 : -1;
    if (expectedAlphabet >= 0 ? alphabetSize != expectedAlphabet : alphabetSize < 1 || alphabetSize > numCodes) {
      throw bad("alphabet size " + alphabetSize + " invalid for symbol mapping " + mapping);
    }
    long count = r.i64();
    long payloadBits = r.i64();
    long offsetBias = r.i64();
    long rankBias = r.i64();
    if (count < 0 || count > universe) {
      throw bad("stored slot count " + count + " outside 0.." + universe);
    }
    Lengths cl = readLengths(r, universe, blockShift, superShift, relOffsetBits, relRankBits, payloadBits,
        "coefficient");
    short[] table = mapping == FrozenModel.MAP_TABLE ? readTable(r, alphabetSize, fractionBits, numCodes, minCode)
        : null;
    long[][] arrays = readArrays(r, cl);
    return BlockStore.of(universe, outputs, blockShift, count, superShift, relOffsetBits,
        relRankBits, arrays[0], arrays[1], offsetBias, rankBias, payloadBits, arrays[2], family, param,
        alphabetSize, table, mapping == FrozenModel.MAP_ZIGZAG_NONZERO ? 1 : 0, allowance);
  }
  private static RankedStore readRanked(In r, long universe, int outputs, int fractionBits) throws IOException {
    int mapping = r.u8();
    int family = r.u8();
    int w = r.u8();
    int w2 = r.u8();
    int g = r.u8();
    expectZero(r.u8(), "reserved coefficient byte");
    expectZero(r.u16(), "reserved coefficient bytes");
    if (mapping != FrozenModel.MAP_TABLE) {
      throw bad("symbol mapping " + mapping + " in a version-3 file (only the table, 2)");
    }
    if (family != RankedStore.FAMILY) {
      throw bad("code family " + family + " in a version-3 file (only " + RankedStore.FAMILY + ")");
    }
    if (w < 1 || w > RankedStore.MAX_WIDTH || w2 > RankedStore.MAX_WIDTH) {
      throw bad("field widths " + w + "/" + w2 + " outside 1.." + RankedStore.MAX_WIDTH + "/0.."
          + RankedStore.MAX_WIDTH);
    }
    if (g > RankedStore.MAX_GROUP_SHIFT) {
      throw bad("group shift " + g + " above " + RankedStore.MAX_GROUP_SHIFT);
    }
    int alphabetSize = r.i32();
    int numCodes = 1 << (fractionBits + 3);
    int minCode = -(1 << (fractionBits + 2));
    long count = r.i64();
    long groups = r.i64();
    long escapes = r.i64();
    if (count < 0 || count > universe) {
      throw bad("stored slot count " + count + " outside 0.." + universe);
    }
    if (alphabetSize < 0 || alphabetSize > numCodes || (alphabetSize == 0) != (count == 0)) {
      throw bad("alphabet size " + alphabetSize + " invalid for " + count + " stored slots");
    }
    long ng = RankedStore.numGroups(universe, g);
    if (groups < 0 || groups > ng || groups > count || (g == 0 ? groups != count : count > groups << g)) {
      throw bad("non-empty group count " + groups + " invalid for " + count + " stored slots in groups of "
          + (1 << g));
    }
    long nf = count * outputs;
    if (escapes < 0 || escapes > nf) {
      throw bad("escape count " + escapes + " outside 0.." + nf);
    }
    RankedLengths l = RankedLengths.of(universe, outputs, g, groups, count, w, w2, escapes);
    long[] expected = l.values();
    long[] declared = new long[expected.length];
    boolean ok = true;
    for (int i = 0; i < expected.length; i++) {
      declared[i] = r.i32();
      ok &= declared[i] == expected[i] && expected[i] <= MAX_WORDS;
    }
    if (!ok) {
      throw bad("coefficient section lengths " + java.util.Arrays.toString(declared) + ", expected "
          + java.util.Arrays.toString(expected));
    }
    short[] table = readTable(r, alphabetSize, fractionBits, numCodes, minCode);
    long[] occupancy = r.longs((int) l.occupancyWords, 2);
    long[] occupancyRanks = r.longs((int) l.occupancyRanks, 0);
    long[] masks = r.longs((int) l.maskWords, 2);
    long[] maskRanks = r.longs((int) l.maskRanks, 0);
    long[] fields = r.longs((int) l.fieldWords, 2);
    int[] escapeRanks = r.ints((int) l.escapeRanks);
    long[] escapeValues = r.longs((int) l.escapeWords, 2);
    return new RankedStore(universe, outputs, g, count, groups, w, w2, escapes, alphabetSize, table, occupancy,
        occupancyRanks, masks, maskRanks, fields, escapeRanks, escapeValues, Math.scalb(1.0, -fractionBits));
  }

  private static short[] readTable(In r, int alphabetSize, int fractionBits, int numCodes, int minCode)
      throws IOException {
    short[] table = new short[alphabetSize];
    boolean[] seen = new boolean[numCodes];
    for (int i = 0; i < alphabetSize; i++) {
      int code = (short) r.u16();
      if (code < minCode || code >= minCode + numCodes) {
        throw bad("symbol table code " + code + " outside the q2." + fractionBits + " range");
      }
      if (seen[code - minCode]) {
        throw bad("symbol table lists code " + code + " twice");
      }
      seen[code - minCode] = true;
      table[i] = (short) code;
    }
    return table;
  }

  private static int checkAllowance(int allowance, int version) throws FrozenFormatException {
    if (allowance == BlockStore.GROUPED && version >= VERSION_GROUPED) {
      return allowance;
    }
    if (allowance > BlockStore.MAX_BITMAP_ALLOWANCE) {
      throw bad("bitmap allowance " + allowance + " above " + BlockStore.MAX_BITMAP_ALLOWANCE);
    }
    return allowance;
  }

  private static void checkCode(int family, int param, int version) throws FrozenFormatException {
    if (family == BlockStore.FIXED && version >= VERSION_GROUPED) {
      int w = param & 31;
      if (w < 1 || w > BlockStore.MAX_FIXED_WIDTH) {
        throw bad("fixed field width " + w + " outside 1.." + BlockStore.MAX_FIXED_WIDTH);
      }
      return;
    }
    if (family != BlockStore.RICE && family != BlockStore.EXP_GOLOMB) {
      throw bad("unknown symbol code family " + family);
    }
    if (param > BlockStore.MAX_PARAM) {
      throw bad("code parameter " + param + " above " + BlockStore.MAX_PARAM);
    }
  }

  /** Declared word counts of a store's three arrays, checked against the values they must have. */
  private static final class Lengths {
    int superWords;
    int relWords;
    int payloadWords;
  }

  private static Lengths readLengths(In r, long universe, int blockShift, int superShift, int relOffsetBits,
      int relRankBits, long payloadBits, String what) throws IOException {
    if (blockShift > BlockStore.MAX_BLOCK_SHIFT || superShift > BlockStore.MAX_SUPER_SHIFT) {
      throw bad(what + " block shifts " + blockShift + "/" + superShift + " out of range");
    }
    if (relOffsetBits + relRankBits > 63) {
      throw bad(what + " index entry width " + (relOffsetBits + relRankBits) + " above 63");
    }
    long numBlocks = ((universe - 1) >>> blockShift) + 1;
    if (numBlocks > MAX_BLOCKS) {
      throw bad(what + " section has too many blocks: " + numBlocks);
    }
    if (payloadBits < 0 || words(payloadBits) > MAX_WORDS) {
      throw bad(what + " payload length " + payloadBits + " bits out of range");
    }
    long superWords = 2 * (((numBlocks - 1) >>> superShift) + 3);
    long relWords = words((numBlocks + 1) * (relOffsetBits + relRankBits));
    long payloadWords = words(payloadBits);
    Lengths l = new Lengths();
    l.superWords = r.i32();
    l.relWords = r.i32();
    l.payloadWords = r.i32();
    if (l.superWords != superWords || l.relWords != relWords || l.payloadWords != payloadWords) {
      throw bad(what + " section lengths " + l.superWords + "/" + l.relWords + "/" + l.payloadWords
          + " words, expected " + superWords + "/" + relWords + "/" + payloadWords);
    }
    return l;
  }

  private static long[][] readArrays(In r, Lengths l) throws IOException {
    long[] sup = r.longs(l.superWords, 0);
    long[] rel = r.longs(l.relWords, 2);
    long[] payload = r.longs(l.payloadWords, 2);
    return new long[][] {sup, rel, payload};
  }

  private static void expectZero(int v, String what) throws FrozenFormatException {
    if (v != 0) {
      throw bad(what + " is " + v + ", must be 0");
    }
  }

  static FrozenFormatException bad(String message) {
    return new FrozenFormatException("invalid frozen model: " + message);
  }

  // ---------------------------------------------------------------------------------------------
  // Little-endian streams with a running CRC-32C

  private static final class Out {
    private final OutputStream out;
    private final CRC32C crc = new CRC32C();
    private final byte[] buf = new byte[1 << 16];
    private int len;

    Out(OutputStream out) {
      this.out = out;
    }

    void u8(int v) throws IOException {
      if (len == buf.length) {
        drain();
      }
      buf[len++] = (byte) v;
    }

    void u16(int v) throws IOException {
      u8(v);
      u8(v >>> 8);
    }

    void i32(int v) throws IOException {
      u16(v);
      u16(v >>> 16);
    }

    void i64(long v) throws IOException {
      i32((int) v);
      i32((int) (v >>> 32));
    }

    void bytes(byte[] b, int n) throws IOException {
      for (int i = 0; i < n; i++) {
        u8(b[i]);
      }
    }

    void longs(long[] a, int n) throws IOException {
      for (int i = 0; i < n; i++) {
        if (buf.length - len < 8) {
          drain();
        }
        long v = a[i];
        for (int j = 0; j < 8; j++) {
          buf[len++] = (byte) (v >>> (8 * j));
        }
      }
    }

    void ints(int[] a, int n) throws IOException {
      for (int i = 0; i < n; i++) {
        i32(a[i]);
      }
    }

    private void drain() throws IOException {
      crc.update(buf, 0, len);
      out.write(buf, 0, len);
      len = 0;
    }

    /** The CRC of everything written so far. */
    int crc() throws IOException {
      drain();
      return (int) crc.getValue();
    }

    void flush() throws IOException {
      out.write(buf, 0, len);
      len = 0;
      out.flush();
    }
  }

  private static final class In {
    private final InputStream in;
    private final CRC32C crc = new CRC32C();
    private final byte[] eight = new byte[8];
    private long position;

    In(InputStream in) {
      this.in = in;
    }

    private void fill(byte[] b, int off, int n) throws IOException {
      int done = 0;
      while (done < n) {
        int got = in.read(b, off + done, n - done);
        if (got == 0) { // a non-conforming stream: fall back to the blocking single-byte read
          int one = in.read();
          if (one >= 0) {
            b[off + done] = (byte) one;
            got = 1;
          } else {
            got = -1;
          }
        }
        if (got < 0) {
          throw new EOFException("truncated frozen model: the stream ended at byte " + (position + done)
              + " while " + (n - done) + " more bytes were expected");
        }
        done += got;
      }
      crc.update(b, off, n);
      position += n;
    }

    int u8() throws IOException {
      fill(eight, 0, 1);
      return eight[0] & 0xFF;
    }

    int u16() throws IOException {
      fill(eight, 0, 2);
      return (eight[0] & 0xFF) | (eight[1] & 0xFF) << 8;
    }

    int i32() throws IOException {
      fill(eight, 0, 4);
      return (eight[0] & 0xFF) | (eight[1] & 0xFF) << 8 | (eight[2] & 0xFF) << 16 | (eight[3] & 0xFF) << 24;
    }

    long i64() throws IOException {
      long lo = i32() & 0xFFFFFFFFL;
      long hi = i32() & 0xFFFFFFFFL;
      return lo | hi << 32;
    }

    /** {@code n} bytes, in an array that grows as they arrive (a lying length costs what arrives). */
    byte[] bytes(int n) throws IOException {
      byte[] b = new byte[Math.min(n, CHUNK_BYTES)];
      int done = 0;
      while (done < n) {
        if (done == b.length) {
          b = Arrays.copyOf(b, (int) Math.min(n, 2L * done));
        }
        int m = Math.min(n, b.length) - done;
        fill(b, done, m);
        done += m;
      }
      return b;
    }

    /**
     * {@code n} little-endian longs followed by {@code padding} zero words. Large arrays are read in
     * chunks and assembled only once all their bytes have arrived.
     */
    long[] longs(int n, int padding) throws IOException {
      byte[] chunk = new byte[8 * Math.min(n, CHUNK_WORDS)];
      List<long[]> parts = new ArrayList<>();
      int remaining = n;
      while (remaining > 0) {
        int m = Math.min(remaining, CHUNK_WORDS);
        fill(chunk, 0, 8 * m);
        long[] part = new long[m];
        for (int i = 0; i < m; i++) {
          long v = 0;
          for (int j = 7; j >= 0; j--) {
            v = (v << 8) | (chunk[8 * i + j] & 0xFF);
          }
          part[i] = v;
        }
        parts.add(part);
        remaining -= m;
      }
      long[] out = new long[n + padding];
      int at = 0;
      for (long[] part : parts) {
        System.arraycopy(part, 0, out, at, part.length);
        at += part.length;
      }
      return out;
    }

    /** {@code n} little-endian ints, read in chunks (assembled once all their bytes have arrived). */
    int[] ints(int n) throws IOException {
      byte[] chunk = new byte[4 * Math.min(n, CHUNK_WORDS)];
      List<int[]> parts = new ArrayList<>();
      int remaining = n;
      while (remaining > 0) {
        int m = Math.min(remaining, CHUNK_WORDS);
        fill(chunk, 0, 4 * m);
        int[] part = new int[m];
        for (int i = 0; i < m; i++) {
          part[i] = (chunk[4 * i] & 0xFF) | (chunk[4 * i + 1] & 0xFF) << 8 | (chunk[4 * i + 2] & 0xFF) << 16
              | (chunk[4 * i + 3] & 0xFF) << 24;
        }
        parts.add(part);
        remaining -= m;
      }
      int[] out = new int[n];
      int at = 0;
      for (int[] part : parts) {
        System.arraycopy(part, 0, out, at, part.length);
        at += part.length;
      }
      return out;
    }

    int crc() {
      return (int) crc.getValue();
    }
  }
}
