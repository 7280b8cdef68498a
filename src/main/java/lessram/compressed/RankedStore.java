package lessram.compressed;

import java.io.IOException;
import java.util.Locale;

/**
 * The coefficient store of the {@link PositionLayout#RANKED} layout (format version 3): every lookup is a
 * fixed sequence of random accesses, with no block index and no sequential decoding.
 *
 * <h2>Layout</h2>
 * Slots are cut into groups of {@code G = 2^groupShift} (1, 2, 4 or 8) slots.
 * <ol>
 *   <li><b>occupancy</b>: one bit per group, set iff the group holds a stored slot, with a rank directory
 *       (one {@code long} per 256-bit line, see {@link #LINE_SHIFT});</li>
 *   <li><b>masks</b> ({@code G > 1} only): one {@code G}-bit mask per non-empty group, in group order, with
 *       the same kind of rank directory (for {@code G = 1} the occupancy bit is the slot's own bit);</li>
 *   <li><b>fields</b>: the {@code K} symbols of the {@code r}-th stored slot in {@code w}-bit fields at bit
 *       {@code (r K + o) w}. Symbols index a table of the codes in decreasing frequency order. A symbol
 *       {@code >= lim = 2^w - 1} stores {@code lim} (all ones) and its excess {@code symbol - lim} in the
 *       {@code e}-th {@code w2}-bit field of the <b>escape</b> array, {@code e} being the number of all-ones
 *       fields before it: an {@code int} count every 128 fields plus a SWAR count of the all-ones fields
 *       since (the rare path).</li>
 * </ol>
 * A lookup of slot {@code s}: the occupancy word and the group's rank (one directory entry, a shift and a
 * popcount), for {@code G > 1} the group's mask and the rank of its bit (the same again in the masks), then
 * one field read and one table read. No branch depends on whether the slot is stored (the presence bit
 * selects the table entry of the symbol or the entry holding 0), and the only data-dependent branch is the
 * escape test (at most one field in 256 is escaped). {@link RankedStoreBuilder} takes the group size with
 * the fewest bits, and the smallest field width that escapes at most one field in 256;
 * {@link RankedSectionIO} reads and writes the file's section.
 *
 * <p>In memory the fields are kept as the little-endian bytes of the same bit string (the file stores
 * {@code long} words), so that a field is one load: a {@code byte} for 8-bit fields, otherwise one unaligned
 * 64-bit read at the field's byte. The binary models' scoring loop ({@link #dot}) has its own copy of the
 * lookup for one bit per slot and 8-bit fields, with the arrays in locals.
 *
 * <p>Immutable; lookups use locals only, so any number of threads may read concurrently.
 */
final class RankedStore extends CoefficientStore {
  /**
   * log2 of the bits per rank-directory entry. An entry is one {@code long}: the number of set bits
   * before its 256-bit line in the high 32 bits, and in byte {@code k} (k = 0..3) the number of set bits
   * in the line's words before word {@code k} (byte 0 is 0), so that a rank is one entry, one shift and
   * one popcount, without a loop.
   */
  static final int LINE_SHIFT = 8;
  /** log2 of the fields per escape-directory entry. */
  static final int ESCAPE_SHIFT = 7;
  static final int MAX_GROUP_SHIFT = 3;
  static final int MAX_WIDTH = 16;
  /** At most one field in this many may be escaped. */
  static final int MAX_ESCAPE_DIVISOR = 256;

  final int groupShift;
  /** Non-empty groups. */
  final long groups;
  final int width;
  final int escapeWidth;
  /** Escaped fields. */
  final long escapes;
  /** Symbol to coefficient code (decreasing frequency order). */
  final short[] codeOfSymbol;
  final long[] occupancy;
  final long[] occupancyRanks;
  final long[] masks;
  final long[] maskRanks;
  /**
   * The value fields as bytes (little-endian, including the padding words), or null if they do not fit in
   * one byte array; then {@link #fieldLongs} holds them.
   */
  private final byte[] fieldBytes;
  /** The value fields as words when {@link #fieldBytes} is null, else null. */
  private final long[] fieldLongs;
  final int[] escapeRanks;
  final long[] escapeValues;

  private final long limit;
  /**
   * Entry {@code s + 1} is the coefficient {@code codeOfSymbol[s] * resolution}, entry 0 is 0 (the value
   * an absent slot's lookup selects, without a branch).
   */
  private final double[] values;
  /** The in-memory lookup index ({@link LookupIndex}), or null. */
  final LookupIndex index;

  RankedStore(long universe, int outputs, int groupShift, long count, long groups, int width, int escapeWidth,
      long escapes, int alphabetSize, short[] codeOfSymbol, long[] occupancy, long[] occupancyRanks, long[] masks,
      long[] maskRanks, long[] fields, int[] escapeRanks, long[] escapeValues, double resolution) {
    super(universe, outputs, count, alphabetSize);
    this.groupShift = groupShift;
    this.groups = groups;
    this.width = width;
    this.escapeWidth = escapeWidth;
    this.escapes = escapes;
    this.codeOfSymbol = codeOfSymbol;
    this.occupancy = occupancy;
    this.occupancyRanks = occupancyRanks;
    this.masks = masks;
    this.maskRanks = maskRanks;
    if (fields.length <= MAX_BYTE_ARRAY / 8) {
      byte[] b = new byte[fields.length * 8];
      for (int i = 0; i < b.length; i++) {
        b[i] = (byte) (fields[i >>> 3] >>> ((i & 7) << 3));
      }
      this.fieldBytes = b;
      this.fieldLongs = null;
    } else {
      this.fieldBytes = null;
      this.fieldLongs = fields;
    }
    this.escapeRanks = escapeRanks;
    this.escapeValues = escapeValues;
    this.limit = (1L << width) - 1;
    this.values = new double[alphabetSize + 1];
    for (int i = 0; i < alphabetSize; i++) {
      values[i + 1] = codeOfSymbol[i] * resolution;
    }
    this.index = null;
  }

  /** The same store sharing {@code s}'s arrays, with the lookup index {@code index} (null for none). */
  private RankedStore(RankedStore s, LookupIndex index) {
    super(s.universe, s.outputs, s.count, s.alphabetSize);
    this.groupShift = s.groupShift;
    this.groups = s.groups;
    this.width = s.width;
    this.escapeWidth = s.escapeWidth;
    this.escapes = s.escapes;
    this.codeOfSymbol = s.codeOfSymbol;
    this.occupancy = s.occupancy;
    this.occupancyRanks = s.occupancyRanks;
    this.masks = s.masks;
    this.maskRanks = s.maskRanks;
    this.fieldBytes = s.fieldBytes;
    this.fieldLongs = s.fieldLongs;
    this.escapeRanks = s.escapeRanks;
    this.escapeValues = s.escapeValues;
    this.limit = s.limit;
    this.values = s.values;
    this.index = index;
  }

  /**
   * This validated store with a {@link LookupIndex} if {@code mode} ({@code auto}, {@code on} or {@code off},
   * see {@link LookupIndex#PROPERTY}) asks for one for its shape (and for {@code auto}, if it
   * {@link LookupIndex#pays pays}), else without.
   */
  RankedStore withLookupIndex(String mode) {
    boolean wanted = fieldBytes != null && LookupIndex.wanted(mode, universe, outputs, width);
    if (wanted && index != null) {
      return this;
    }
    if (!wanted) {
      return index == null ? this : new RankedStore(this, null);
    }
    LookupIndex built = LookupIndex.build(this);
    return mode.equals("auto") && !built.pays(count) ? this : new RankedStore(this, built);
  }

  @Override
  CoefficientStore forLookups() {
    return withLookupIndex(LookupIndex.mode());
  }

  /** Longest byte array allocated for the fields. */
  static final int MAX_BYTE_ARRAY = Integer.MAX_VALUE - 16;

  /** The value fields as the words of the file (including the two padding words). */
  long[] fieldWords() {
    if (fieldBytes == null) {
      return fieldLongs;
    }
    byte[] b = fieldBytes;
    long[] words = new long[b.length >>> 3];
    for (int i = 0; i < words.length; i++) {
      words[i] = (long) Bits.LONG_LE.get(b, i << 3);
    }
    return words;
  }

  // ---------------------------------------------------------------------------------------------
  // Shape

  /** Groups of {@code 2^g} slots over a universe of {@code u} slots. */
  static long numGroups(long u, int g) {
    return ((u - 1) >>> g) + 1;
  }

  /** Bits of the masks array. */
  static long maskBits(long groups, int g) {
    return g == 0 ? 0 : groups << g;
  }

  /** Entries of the rank directory of a {@code bits}-bit array. */
  static long directoryEntries(long bits) {
    return (bits >>> LINE_SHIFT) + 1;
  }

  /** Entries of the escape directory for {@code fields} fields. */
  static long escapeDirectoryEntries(long fields) {
    return (fields >>> ESCAPE_SHIFT) + 1;
  }

  /** Bits of the position arrays (occupancy, masks and their directories) as stored in the file. */
  static long positionBits(long universe, int g, long groups) {
    long ng = numGroups(universe, g);
    long mb = maskBits(groups, g);
    return 64 * Bits.words(ng) + 64 * directoryEntries(ng) + 64 * Bits.words(mb) + (g == 0 ? 0 : 64 * directoryEntries(mb));
  }

  /** Bits of the coefficient arrays of this layout, as stored in the file. */
  static long arrayBits(long universe, int outputs, int g, long groups, long count, int w, int w2, long escapes) {
    long f = count * outputs;
    return positionBits(universe, g, groups) + 64 * Bits.words(f * w) + 32 * escapeDirectoryEntries(f)
        + 64 * Bits.words(escapes * w2);
  }

  long arrayBits() {
    return arrayBits(universe, outputs, groupShift, groups, count, width, escapeWidth, escapes);
  }

  // ---------------------------------------------------------------------------------------------
  // Lookups (hot path)

  /** Number of set bits of {@code bits} before bit {@code p}, with the directory {@code dir}. */
  private static long rank(long[] dir, long p, long word) {
    long d = dir[(int) (p >>> LINE_SHIFT)];
    return (d >>> 32) + ((d >>> ((p >>> 3) & 24)) & 0xFF) + Long.bitCount(word & ((1L << p) - 1));
  }

  /** Rank of slot {@code x} among the stored slots, or -1 if it is not stored. */
  long rank(long x) {
    long grp = x >>> groupShift;
    long word = occupancy[(int) (grp >>> 6)];
    if ((word >>> grp & 1) == 0) {
      return -1;
    }
    long r = rank(occupancyRanks, grp, word);
    if (groupShift == 0) {
      return r;
    }
    long pos = r << groupShift;
    long mw = masks[(int) (pos >>> 6)];
    int bit = (int) (x & ((1 << groupShift) - 1));
    if ((mw >>> (pos + bit) & 1) == 0) {
      return -1;
    }
    return rank(maskRanks, pos + bit, mw);
  }

  /** The raw content of field {@code j} (all ones for an escaped field). */
  long field(long j) {
    byte[] b = fieldBytes;
    if (b == null) {
      return Bits.read(fieldLongs, j * width, width);
    }
    if (width == 8) {
      return b[(int) j] & 0xFF;
    }
    long pos = j * width; // width <= 16: the field lies within the 57 bits read
    return ((long) Bits.LONG_LE.get(b, (int) (pos >>> 3)) >>> (pos & 7)) & limit;
  }

  /** The symbol in field {@code j}. */
  private long symbol(long j) {
    long f = field(j);
    return f != limit ? f : limit + escapeExcess(j);
  }

  /**
   * The excess of the escaped field {@code j} (its bits are all ones): the {@code e}-th escape field,
   * {@code e} being the number of all-ones fields before {@code j} (a directory entry every 128 fields and
   * a count of those since). The rare path.
   */
  private long escapeExcess(long j) {
    int w = width;
    long first = j & -(1L << ESCAPE_SHIFT);
    long e = escapeRanks[(int) (j >>> ESCAPE_SHIFT)]
        + Bits.countAllOnesFields(fieldLongs, fieldBytes, first * w, j - first, w);
    return Bits.read(escapeValues, e * escapeWidth, escapeWidth);
  }

  @Override
  int code(long x, int output) {
    long r = rank(x);
    return r < 0 ? 0 : codeOfSymbol[(int) symbol(r * outputs + output)];
  }

  /** For a single-output store: the coefficient (code times resolution) of slot {@code x}, 0 if not stored. */
  double value(long x) {
    // Without a branch on whether x is stored (often unpredictable): the rank and the field are computed
    // either way (for an absent slot they belong to the next stored slot, or are padding zeros), and the
    // presence bit selects entry symbol + 1 of the table or its entry 0 (which holds 0) at the end.
    int g = groupShift;
    long grp = x >>> g;
    long word = occupancy[(int) (grp >>> 6)];
    long present = word >>> grp & 1;
    long r = rank(occupancyRanks, grp, word);
    if (g != 0) {
      long pos = (r << g) + (x & ((1 << g) - 1));
      long mw = masks[(int) (pos >>> 6)];
      present &= mw >>> pos;
      r = rank(maskRanks, pos, mw);
    }
    long f = field(r);
    if (f == limit) {
      f += escapeExcess(r);
    }
    return values[(int) ((f + 1) & -present)];
  }

  @Override
  double term(long x, double v, double resolution) {
    return value(x) * v;
  }

  /**
   * {@inheritDoc} The loop of {@link #value} with the arrays in locals and no call, one version for one bit
   * per slot and one for groups with masks, whatever the field width (a field is one unaligned 64-bit read,
   * a byte for 8-bit fields). An escaped field (all ones, at most one in 256) is read as the symbol
   * {@code lim} and flagged; then the example is scored again by the general loop, in the same order, so the
   * result is the same as the general loop's. (The flag can also be raised by the all-ones field of the
   * stored slot after an absent one: the general loop then gives the same result too.)
   */
  @Override
  double dot(int[] slots, double[] xs, int nnz, int d, double s, double resolution) {
    byte[] fb = fieldBytes;
    if (fb == null) {
      return dotByTerms(slots, xs, nnz, d, s, resolution);
    }
    double r = index != null ? dotIndexed(slots, xs, nnz, d, s)
        : groupShift == 0 ? (width == 8 ? dotBitsBytes(slots, xs, nnz, d, s) : dotBits(slots, xs, nnz, d, s))
        : dotGroups(slots, xs, nnz, d, s);
    // r is NaN only when an escaped field was flagged
    return r == r ? r : dotByTerms(slots, xs, nnz, d, s, resolution);
  }

  /**
   * {@link #dot} with the {@link LookupIndex}: the slot's record (occupancy word and the word with the relative
   * rank and the inline fields), the in-block rank by a popcount, the field from the record if it is among
   * the first {@link LookupIndex#inline} of the block (or the slot is absent), else from the fields. NaN if a
   * field of a stored slot was escaped.
   */
  private double dotIndexed(int[] slots, double[] xs, int nnz, int d, double s) {
    long[] rec = index.records;
    int[] sup = index.superRanks;
    int inl = index.inline;
    byte[] fb = fieldBytes;
    double[] vals = values;
    int w = width;
    long lim = limit;
    long escaped = 0;
    for (int i = 0; i < nnz; i++) {
      int slot = slots[i];
      double x = xs[i];
      if (contributes(slot, d, x)) {
        int b = (slot >>> LookupIndex.BLOCK_SHIFT) << 1;
        long occ = rec[b];
        long meta = rec[b + 1];
        int k = Long.bitCount(occ & ((1L << slot) - 1));
        long present = occ >>> slot & 1;
        long f;
        if (k < inl || present == 0) {
          f = (meta >>> (LookupIndex.REL_BITS + k * w)) & lim;
        } else {
          long r = sup[slot >>> LookupIndex.SUPER_SHIFT] + (meta & ((1L << LookupIndex.REL_BITS) - 1)) + k;
          long pos = r * w;
          f = ((long) Bits.LONG_LE.get(fb, (int) (pos >>> 3)) >>> (pos & 7)) & lim;
        }
        long e = (f + 1) & -present;
        escaped |= e;
        s += vals[(int) e] * x;
      }
    }
    return (escaped >>> w) == 0 ? s : Double.NaN;
  }

  /** {@link #dot} for one bit per slot and 8-bit fields: NaN if a field was escaped. */
  private double dotBitsBytes(int[] slots, double[] xs, int nnz, int d, double s) {
    long[] occ = occupancy;
    long[] dir = occupancyRanks;
    byte[] fb = fieldBytes;
    double[] vals = values;
    int escaped = 0;
    for (int i = 0; i < nnz; i++) {
      int slot = slots[i];
      double x = xs[i];
      if (contributes(slot, d, x)) {
        long word = occ[slot >>> 6];
        long e = dir[slot >>> LINE_SHIFT];
        long r = (e >>> 32) + ((e >>> ((slot >>> 3) & 24)) & 0xFF) + Long.bitCount(word & ((1L << slot) - 1));
        int f = fb[(int) r] & 0xFF;
        escaped |= f + 1;
        s += vals[(f + 1) & -(int) (word >>> slot & 1)] * x;
      }
    }
    return (escaped & 0x100) == 0 ? s : Double.NaN;
  }

  /** {@link #dot} for one bit per slot and fields of any width: NaN if a field was escaped. */
  private double dotBits(int[] slots, double[] xs, int nnz, int d, double s) {
    long[] occ = occupancy;
    long[] dir = occupancyRanks;
    byte[] fb = fieldBytes;
    double[] vals = values;
    int w = width;
    long lim = limit;
    long escaped = 0;
    for (int i = 0; i < nnz; i++) {
      int slot = slots[i];
      double x = xs[i];
      if (contributes(slot, d, x)) {
        long word = occ[slot >>> 6];
        long e = dir[slot >>> LINE_SHIFT];
        long r = (e >>> 32) + ((e >>> ((slot >>> 3) & 24)) & 0xFF) + Long.bitCount(word & ((1L << slot) - 1));
        long pos = r * w;
        long f = ((long) Bits.LONG_LE.get(fb, (int) (pos >>> 3)) >>> (pos & 7)) & lim;
        escaped |= f + 1;
        s += vals[(int) ((f + 1) & -(word >>> slot & 1))] * x;
      }
    }
    return (escaped >>> w) == 0 ? s : Double.NaN;
  }

  /** {@link #dot} for groups of 2, 4 or 8 slots with masks, fields of any width: NaN if a field was escaped. */
  private double dotGroups(int[] slots, double[] xs, int nnz, int d, double s) {
    long[] occ = occupancy;
    long[] dir = occupancyRanks;
    long[] msk = masks;
    long[] mdir = maskRanks;
    byte[] fb = fieldBytes;
    double[] vals = values;
    int g = groupShift;
    int inGroup = (1 << g) - 1;
    int w = width;
    long lim = limit;
    long escaped = 0;
    for (int i = 0; i < nnz; i++) {
      int slot = slots[i];
      double x = xs[i];
      if (contributes(slot, d, x)) {
        int grp = slot >>> g;
        long word = occ[grp >>> 6];
        long e = dir[grp >>> LINE_SHIFT];
        long r = (e >>> 32) + ((e >>> ((grp >>> 3) & 24)) & 0xFF) + Long.bitCount(word & ((1L << grp) - 1));
        // an absent group's rank points at the next group's mask: its bits are read and discarded
        long bit = (r << g) + (slot & inGroup);
        long mw = msk[(int) (bit >>> 6)];
        long present = word >>> grp & mw >>> bit & 1;
        long m = mdir[(int) (bit >>> LINE_SHIFT)];
        long rank = (m >>> 32) + ((m >>> ((bit >>> 3) & 24)) & 0xFF) + Long.bitCount(mw & ((1L << bit) - 1));
        long pos = rank * w;
        long f = ((long) Bits.LONG_LE.get(fb, (int) (pos >>> 3)) >>> (pos & 7)) & lim;
        escaped |= f + 1;
        s += vals[(int) ((f + 1) & -present)] * x;
      }
    }
    return (escaped >>> w) == 0 ? s : Double.NaN;
  }

  @Override
  void addScaledCodes(long x, double scale, double[] acc) {
    long r = rank(x);
    if (r < 0) {
      return;
    }
    int k = outputs;
    long j = r * k;
    for (int o = 0; o < k; o++) {
      acc[o] += codeOfSymbol[(int) symbol(j + o)] * scale;
    }
  }

  @Override
  int codeOf(long symbol) {
    return codeOfSymbol[(int) symbol];
  }

  // ---------------------------------------------------------------------------------------------
  // Validation

  /**
   * {@inheritDoc} Here: array lengths, padding, directories, mask and field contents, escape counts, no
   * stored slot with only zero codes.
   */
  @Override
  void validate(Visitor visitor) throws IOException {
    long ng = numGroups(universe, groupShift);
    long mb = maskBits(groups, groupShift);
    long nf = count * outputs;
    checkTail(occupancy, ng, "occupancy bits");
    checkTail(masks, mb, "group masks");
    checkTail(fieldWords(), nf * width, "value fields");
    checkTail(escapeValues, escapes * escapeWidth, "escape fields");
    checkDirectory(occupancy, ng, occupancyRanks, "occupancy");
    if (groupShift != 0) {
      checkDirectory(masks, mb, maskRanks, "mask");
    } else if (maskRanks.length != 0) {
      throw corrupt("mask rank directory present without masks");
    }
    if (Bits.rank(occupancy, 0, ng) != groups) {
      throw corrupt("occupancy holds " + Bits.rank(occupancy, 0, ng) + " groups, expected " + groups);
    }
    if (groupShift == 0 ? groups != count : Bits.rank(masks, 0, mb) != count) {
      throw corrupt("the masks hold a number of slots other than " + count);
    }
    // fields and escapes
    if (escapeRanks.length != escapeDirectoryEntries(nf)) {
      throw corrupt("escape directory has " + escapeRanks.length + " entries");
    }
    long e = 0;
    for (long j = 0; j < nf; j++) {
      if ((j & ((1L << ESCAPE_SHIFT) - 1)) == 0 && escapeRanks[(int) (j >>> ESCAPE_SHIFT)] != e) {
        throw corrupt("escape directory entry " + (j >>> ESCAPE_SHIFT) + " is wrong");
      }
      long f = field(j);
      if (f == limit) {
        if (e >= escapes) {
          throw corrupt("more escaped fields than the " + escapes + " declared");
        }
        f += Bits.read(escapeValues, e * escapeWidth, escapeWidth);
        e++;
      }
      if (f >= alphabetSize) {
        throw corrupt("symbol " + f + " outside the alphabet of " + alphabetSize);
      }
    }
    if ((nf & ((1L << ESCAPE_SHIFT) - 1)) == 0 && escapeRanks[(int) (nf >>> ESCAPE_SHIFT)] != e) {
      throw corrupt("escape directory entry " + (nf >>> ESCAPE_SHIFT) + " is wrong");
    }
    if (e != escapes) {
      throw corrupt(e + " escaped fields, " + escapes + " declared");
    }
    // slots
    int[] symbols = new int[outputs];
    int gs = 1 << groupShift;
    long rank = 0;
    long groupRank = 0;
    for (long grp = 0; grp < ng; grp++) {
      if (Bits.bit(occupancy, grp) == 0) {
        continue;
      }
      int mask = groupShift == 0 ? 1 : (int) Bits.read(masks, groupRank << groupShift, gs);
      if (mask == 0) {
        throw corrupt("empty group " + grp + " flagged as occupied");
      }
      groupRank++;
      for (int bit = 0; bit < gs; bit++) {
        if ((mask >>> bit & 1) == 0) {
          continue;
        }
        long x = (grp << groupShift) + bit;
        if (x >= universe) {
          throw corrupt("stored slot " + x + " outside the universe of " + universe);
        }
        boolean any = false;
        for (int o = 0; o < outputs; o++) {
          symbols[o] = (int) symbol(rank * outputs + o);
          any |= codeOfSymbol[symbols[o]] != 0;
        }
        if (!any) {
          throw corrupt("stored slot " + x + " has only zero coefficients");
        }
        if (visitor != null) {
          visitor.element(x, rank, symbols);
        }
        rank++;
      }
    }
  }

  private static void checkDirectory(long[] bits, long length, long[] dir, String what) throws IOException {
    if (dir.length != directoryEntries(length)) {
      throw corrupt(what + " rank directory has " + dir.length + " entries");
    }
    long[] expected = directory(bits, length);
    for (int i = 0; i < dir.length; i++) {
      if (dir[i] != expected[i]) {
        throw corrupt(what + " rank directory entry " + i + " is " + dir[i] + ", expected " + expected[i]);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Rank directories

  /** The rank directory of the first {@code length} bits of {@code bits}. */
  static long[] directory(long[] bits, long length) {
    long[] dir = new long[(int) directoryEntries(length)];
    long r = 0;
    int wordsPerLine = 1 << (LINE_SHIFT - 6);
    for (int line = 0; line < dir.length; line++) {
      long d = r << 32;
      long inLine = 0;
      for (int k = 0; k < wordsPerLine; k++) {
        d |= inLine << (8 * k);
        int i = line * wordsPerLine + k;
        inLine += i < bits.length ? Long.bitCount(bits[i]) : 0;
      }
      dir[line] = d;
      r += inLine;
    }
    return dir;
  }

  /** Instance size of this class (fields and header). */
  static final int OBJECT_BYTES = 120;

  @Override
  long heapBytes() {
    return OBJECT_BYTES + HeapSizes.arrayBytes(occupancy.length, 8) + HeapSizes.arrayBytes(occupancyRanks.length, 8)
        + HeapSizes.arrayBytes(masks.length, 8) + HeapSizes.arrayBytes(maskRanks.length, 8)
        + (fieldBytes != null ? HeapSizes.arrayBytes(fieldBytes.length, 1) : HeapSizes.arrayBytes(fieldLongs.length, 8))
        + HeapSizes.arrayBytes(escapeRanks.length, 4)
        + HeapSizes.arrayBytes(escapeValues.length, 8) + HeapSizes.arrayBytes(codeOfSymbol.length, 2)
        + HeapSizes.arrayBytes(values.length, 8) + (index != null ? index.heapBytes() : 0);
  }

  @Override
  long sectionBytes() {
    return RankedSectionIO.sectionBytes(this);
  }

  @Override
  int formatVersion() {
    return CompressedModelIO.VERSION_RANKED;
  }

  @Override
  void writeSection(CompressedModelIO.Out out) throws IOException {
    RankedSectionIO.write(this, out);
  }

  @Override
  void appendSizeReport(StringBuilder sb) {
    sb.append(String.format(Locale.ROOT, "  code                   fixed %d bits, escapes %,d x %d bits, frequency table (%d)%n",
        width, escapes, escapeWidth, alphabetSize));
    sb.append(String.format(Locale.ROOT, "  positions              ranked: %s%n", groupShift == 0 ? "one bit per slot"
        : "one bit per group of " + (1 << groupShift) + " slots + masks"));
    sb.append(String.format(Locale.ROOT, "  arrays                 %,d bits%n", arrayBits()));
    if (index != null) {
      sb.append(String.format(Locale.ROOT, "  lookup index           %,d bytes in memory (one record per 64 slots, %d fields inline)%n",
          index.heapBytes(), index.inline));
    }
  }

  @Override
  public String toString() {
    return "RankedStore[universe=" + universe + ", stored=" + count + ", outputs=" + outputs + ", groups of "
        + (1 << groupShift) + ", fields " + width + " bits, escapes " + escapes + " x " + escapeWidth + " bits]";
  }
}
