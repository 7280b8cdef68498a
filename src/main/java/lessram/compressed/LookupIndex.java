package lessram.compressed;

import java.util.Locale;

/**
 * An in-memory lookup index of a single-output {@link RankedStore}, built when a model is built or loaded
 * (the file format does not change): one 16-byte record per block of 64 slots, so that the lookup of a slot
 * reads one record (one cache line) in the common case, instead of the two to four dependent reads of the
 * ranked layout (occupancy word and rank directory, for groups the mask and its directory, then the field).
 *
 * <h2>Layout</h2>
 * Record {@code b} is two {@code long}s of {@link #records}: the occupancy word of slots {@code 64b ..
 * 64b + 63} (bit {@code s & 63} set iff slot {@code s} is stored), then a word holding in its low
 * {@value #REL_BITS} bits the number of stored slots between the start of the slot's superblock of
 * 2^{@value #SUPER_SHIFT} slots and the block, and in the {@code 48 / w} fields of {@code w} bits above
 * them the raw value fields of the block's first stored slots ({@code w} the store's field width). The rank
 * of the first stored slot of each superblock is in {@link #superRanks} (a few KB, cache-resident). A
 * lookup: the record's two words, the in-block rank by a popcount; if it is below {@link #inline} the
 * field is in the record, else it is read from the store's fields at the rank (superblock rank plus the
 * record's relative rank plus the in-block rank). An escaped field stays all ones in the record, as in the
 * fields, and the scoring loop treats it as the store does.
 *
 * <p>Memory: 16 bytes per 64 slots, 2 bits per slot (4 MiB at 2^24 slots), plus 4 bytes per superblock.
 * {@link #wanted} and {@link #pays} decide when a store gets one: by default a binary model of at least 2^22
 * slots of which at least 90% of the stored slots have their field inline (a sparse model: at most about
 * three stored slots per 64 on average with 8-bit fields). Immutable.
 */
final class LookupIndex {
  /** log2 of the slots per record. */
  static final int BLOCK_SHIFT = 6;
  /** log2 of the slots per superblock; a relative rank is below 2^SUPER_SHIFT - 64 and fits REL_BITS. */
  static final int SUPER_SHIFT = 16;
  static final int REL_BITS = 16;
  /** Bits of a record's second word holding inline fields. */
  static final int INLINE_BITS = 64 - REL_BITS;

  /**
   * The system property choosing when a model gets an index: {@code auto} (the default: single-output
   * models of at least {@link #AUTO_MIN_SLOTS} slots), {@code on} (every single-output ranked model) or
   * {@code off}.
   */
  static final String PROPERTY = "lessram.compressed.lookupIndex";
  /**
   * Smallest number of slots that gets an index by default: 2^22, where the uncompressed table (3 bytes a
   * slot, 12 MiB) outgrows the caches and the index (1 MiB) costs a twelfth of it.
   */
  static final long AUTO_MIN_SLOTS = 1L << 22;
  /**
   * Smallest share of the stored slots whose field is inline for {@code auto} to keep an index: in a denser
   * model most lookups would need the record and then the fields, two dependent loads and a branch that
   * is hard to predict, and the index is slower than the ranked lookup (measured: at 2^20 and 2^22 slots,
   * where a block holds 12-37 stored slots on average).
   */
  static final double AUTO_MIN_INLINE_SHARE = 0.9;

  /** Two words per record. */
  final long[] records;
  /** Rank of the first stored slot of each superblock. */
  final int[] superRanks;
  /** Inline fields per record. */
  final int inline;
  /** Stored slots whose field is inline. */
  final long inlined;

  private LookupIndex(long[] records, int[] superRanks, int inline, long inlined) {
    this.records = records;
    this.superRanks = superRanks;
    this.inline = inline;
    this.inlined = inlined;
  }

  /** Whether {@code auto} keeps this index of a store of {@code count} stored slots. */
  boolean pays(long count) {
    return inlined >= AUTO_MIN_INLINE_SHARE * count;
  }

  /** The index setting: the system property {@link #PROPERTY}, {@code auto} if unset. */
  static String mode() {
    String m = System.getProperty(PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
    if (!m.equals("auto") && !m.equals("on") && !m.equals("off")) {
      throw new IllegalArgumentException("system property " + PROPERTY + " must be auto, on or off, got '"
          + System.getProperty(PROPERTY) + "'");
    }
    return m;
  }

  /**
   * Whether a store of this shape gets an index under {@code mode} ({@code auto}, {@code on}, {@code off});
   * for {@code auto} the index must then also {@link #pays pay}.
   */
  static boolean wanted(String mode, long universe, int outputs, int width) {
    boolean possible = outputs == 1 && width <= 16 && universe <= Integer.MAX_VALUE;
    switch (mode) {
      case "on": return possible;
      case "off": return false;
      default: return possible && universe >= AUTO_MIN_SLOTS;
    }
  }

  /** Records for {@code universe} slots. */
  static long numRecords(long universe) {
    return ((universe - 1) >>> BLOCK_SHIFT) + 1;
  }

  /** Heap bytes of the index of a store of {@code universe} slots (object and arrays). */
  static long heapBytes(long universe) {
    return OBJECT_BYTES + HeapSizes.arrayBytes(2 * numRecords(universe), 8)
        + HeapSizes.arrayBytes(((universe - 1) >>> SUPER_SHIFT) + 1, 4);
  }

  /** Instance size of this class (header, two references, an int, a long). */
  static final int OBJECT_BYTES = 32;

  /** The index of a validated store. */
  static LookupIndex build(RankedStore s) {
    long universe = s.universe;
    int n = (int) numRecords(universe);
    long[] rec = new long[2 * n];
    // occupancy per slot, from the groups and their masks
    int g = s.groupShift;
    int gs = 1 << g;
    long groupRank = 0;
    long ng = RankedStore.numGroups(universe, g);
    for (int wi = 0; (long) wi << 6 < ng; wi++) {
      long word = s.occupancy[wi];
      while (word != 0) {
        long grp = ((long) wi << 6) + Long.numberOfTrailingZeros(word);
        word &= word - 1;
        int mask = g == 0 ? 1 : (int) Bits.read(s.masks, groupRank << g, gs);
        groupRank++;
        for (int bit = 0; bit < gs; bit++) {
          if ((mask >>> bit & 1) != 0) {
            long x = (grp << g) + bit;
            rec[(int) (x >>> BLOCK_SHIFT) << 1] |= 1L << x;
          }
        }
      }
    }
    int w = s.width;
    int inline = INLINE_BITS / w;
    int[] sup = new int[(int) (((universe - 1) >>> SUPER_SHIFT) + 1)];
    long r = 0;
    long inlined = 0;
    int blocksPerSuper = 1 << (SUPER_SHIFT - BLOCK_SHIFT);
    for (int b = 0; b < n; b++) {
      if (b % blocksPerSuper == 0) {
        sup[b / blocksPerSuper] = (int) r;
      }
      long meta = r - sup[b / blocksPerSuper];
      int k = Long.bitCount(rec[2 * b]);
      for (int j = 0; j < Math.min(k, inline); j++) {
        meta |= s.field(r + j) << (REL_BITS + j * w);
      }
      rec[2 * b + 1] = meta;
      r += k;
      inlined += Math.min(k, inline);
    }
    if (r != s.count) {
      throw new IllegalStateException("lookup index counted " + r + " stored slots, the store " + s.count);
    }
    return new LookupIndex(rec, sup, inline, inlined);
  }

  long heapBytes() {
    return OBJECT_BYTES + HeapSizes.arrayBytes(records.length, 8) + HeapSizes.arrayBytes(superRanks.length, 4);
  }
}
