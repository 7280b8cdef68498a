package lessram.compressed;

import static lessram.compressed.CompressedModelIO.bad;
import static lessram.compressed.CompressedModelIO.expectZero;

import java.io.IOException;
import java.util.Arrays;

/**
 * The coefficient section of format version 3, holding a {@link RankedStore}. Layout in
 * {@code docs/compressed-format.md}; every field is checked against its limits and the seven array lengths
 * against the values the shape implies before anything is allocated.
 */
final class RankedSectionIO {
  private RankedSectionIO() {}

  /** The code family byte of this layout in the file. */
  static final int FAMILY = 3;
  static final int FIXED_BYTES = 64;

  static long sectionBytes(RankedStore r) {
    return FIXED_BYTES + 2L * r.alphabetSize + r.arrayBits() / 8;
  }

  /** The array lengths of a ranked coefficient section, all implied by its shape. */
  static final class Lengths {
    long occupancyWords;
    long occupancyRanks;
    long maskWords;
    long maskRanks;
    long fieldWords;
    long escapeRanks;
    long escapeWords;

    static Lengths of(long universe, int outputs, int g, long groups, long count, int w, int w2, long escapes) {
      Lengths l = new Lengths();
      long ng = RankedStore.numGroups(universe, g);
      long mb = RankedStore.maskBits(groups, g);
      long nf = count * outputs;
      l.occupancyWords = Bits.words(ng);
      l.occupancyRanks = RankedStore.directoryEntries(ng);
      l.maskWords = Bits.words(mb);
      l.maskRanks = g == 0 ? 0 : RankedStore.directoryEntries(mb);
      l.fieldWords = Bits.words(nf * w);
      l.escapeRanks = RankedStore.escapeDirectoryEntries(nf);
      l.escapeWords = Bits.words(escapes * w2);
      return l;
    }

    long[] values() {
      return new long[] {occupancyWords, occupancyRanks, maskWords, maskRanks, fieldWords, escapeRanks,
          escapeWords};
    }
  }

  static void write(RankedStore r, CompressedModelIO.Out w) throws IOException {
    w.u8(BlockLayout.MAP_TABLE);
    w.u8(FAMILY);
    w.u8(r.width);
    w.u8(r.escapeWidth);
    w.u8(r.groupShift);
    w.u8(0);
    w.u16(0);
    w.i32(r.alphabetSize);
    w.i64(r.count);
    w.i64(r.groups);
    w.i64(r.escapes);
    Lengths l = Lengths.of(r.universe, r.outputs, r.groupShift, r.groups, r.count, r.width, r.escapeWidth,
        r.escapes);
    for (long v : l.values()) {
      w.i32((int) v);
    }
    CompressedModelIO.writeSymbolTable(w, r.codeOfSymbol);
    w.longs(r.occupancy, (int) l.occupancyWords);
    w.longs(r.occupancyRanks, (int) l.occupancyRanks);
    w.longs(r.masks, (int) l.maskWords);
    w.longs(r.maskRanks, (int) l.maskRanks);
    w.longs(r.fieldWords(), (int) l.fieldWords);
    w.ints(r.escapeRanks, (int) l.escapeRanks);
    w.longs(r.escapeValues, (int) l.escapeWords);
  }

  static RankedStore read(CompressedModelIO.In r, long universe, int outputs, int fractionBits) throws IOException {
    int mapping = r.u8();
    int family = r.u8();
    int w = r.u8();
    int w2 = r.u8();
    int g = r.u8();
    expectZero(r.u8(), "reserved coefficient byte");
    expectZero(r.u16(), "reserved coefficient bytes");
    if (mapping != BlockLayout.MAP_TABLE) {
      throw bad("symbol mapping " + mapping + " in a version-3 file (only the table, 2)");
    }
    if (family != FAMILY) {
      throw bad("code family " + family + " in a version-3 file (only " + FAMILY + ")");
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
    Lengths l = Lengths.of(universe, outputs, g, groups, count, w, w2, escapes);
    long[] expected = l.values();
    long[] declared = new long[expected.length];
    boolean ok = true;
    for (int i = 0; i < expected.length; i++) {
      declared[i] = r.i32();
      ok &= declared[i] == expected[i] && expected[i] <= CompressedModelIO.MAX_WORDS;
    }
    if (!ok) {
      throw bad("coefficient section lengths " + Arrays.toString(declared) + ", expected "
          + Arrays.toString(expected));
    }
    short[] table = CompressedModelIO.readSymbolTable(r, alphabetSize, fractionBits);
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
}
