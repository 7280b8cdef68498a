package lessram.compressed;

/**
 * Builds a {@link RankedStore}: the group size with the fewest position bits, the field width with the
 * fewest bits among those that escape at most one field in {@link RankedStore#MAX_ESCAPE_DIVISOR}, then
 * the occupancy, masks, rank directories, fields and escapes.
 */
final class RankedStoreBuilder {
  private RankedStoreBuilder() {}

  /** Groups of {@code 2^g} slots holding at least one of the {@code n} sorted {@code elements}. */
  static long countGroups(int[] elements, int n, int g) {
    long groups = 0;
    long last = -1;
    for (int i = 0; i < n; i++) {
      long grp = elements[i] >>> g;
      if (grp != last) {
        groups++;
        last = grp;
      }
    }
    return groups;
  }

  /**
   * The field width {@code w} (1..16) and escape width for symbol counts {@code counts} (symbols in
   * decreasing frequency): the smallest total of fields and escapes among the widths that escape at most
   * one field in {@link RankedStore#MAX_ESCAPE_DIVISOR} (w = 16 always does: at most one symbol escapes). Returns
   * {@code w | w2 << 8}.
   */
  static int chooseWidths(long[] counts, int alphabetSize, long numFields) {
    long best = Long.MAX_VALUE;
    int choice = 1;
    for (int w = 1; w <= RankedStore.MAX_WIDTH; w++) {
      long lim = (1L << w) - 1;
      long esc = 0;
      for (int s = (int) Math.min(lim, alphabetSize); s < alphabetSize; s++) {
        esc += counts[s];
      }
      int w2 = alphabetSize - 1 >= lim ? Bits.width(alphabetSize - 1 - lim) : 0;
      if (w2 > RankedStore.MAX_WIDTH || esc > numFields / RankedStore.MAX_ESCAPE_DIVISOR) {
        continue; // escapes are the slow path (a mispredicted branch): at most 1/256 of the fields
      }
      long bits = 64 * Bits.words(numFields * w) + 64 * Bits.words(esc * w2);
      if (bits < best) {
        best = bits;
        choice = w | w2 << 8;
      }
    }
    return choice;
  }

  /**
   * Builds a store.
   *
   * @param universe slots (>= 1)
   * @param outputs symbols per slot (>= 1)
   * @param elements the stored slots, strictly increasing (first n used)
   * @param n number of stored slots
   * @param symbols {@code n * outputs} symbols, slot-major, indexes into {@code table}
   * @param table symbol to code, in decreasing frequency order
   * @param symbolCounts occurrences of each symbol
   */
  static RankedStore build(long universe, int outputs, int[] elements, int n, int[] symbols, short[] table,
      long[] symbolCounts, double resolution) {
    int g = 0;
    long bestBits = Long.MAX_VALUE;
    for (int s = 0; s <= RankedStore.MAX_GROUP_SHIFT; s++) {
      long bits = RankedStore.positionBits(universe, s, countGroups(elements, n, s));
      if (bits < bestBits) {
        bestBits = bits;
        g = s;
      }
    }
    long nf = (long) n * outputs;
    int a = table.length;
    int widths = chooseWidths(symbolCounts, a, nf);
    int w = widths & 0xFF;
    int w2 = widths >>> 8;
    long lim = (1L << w) - 1;
    long ng = RankedStore.numGroups(universe, g);
    long groups = countGroups(elements, n, g);
    long mb = RankedStore.maskBits(groups, g);
    Bits.Writer occ = new Bits.Writer(ng);
    Bits.Writer msk = new Bits.Writer(mb);
    long gi = -1;
    long last = -1;
    for (int i = 0; i < n; i++) {
      long grp = elements[i] >>> g;
      if (grp != last) {
        last = grp;
        gi++;
        occ.set(grp);
      }
      if (g != 0) {
        msk.set((gi << g) + (elements[i] & ((1 << g) - 1)));
      }
    }
    long escapes = 0;
    for (long j = 0; j < nf; j++) {
      if (symbols[(int) j] >= lim) {
        escapes++;
      }
    }
    Bits.Writer fw = new Bits.Writer(nf * w);
    Bits.Writer ew = new Bits.Writer(escapes * w2);
    int[] escapeRanks = new int[(int) RankedStore.escapeDirectoryEntries(nf)];
    long e = 0;
    for (long j = 0; j < nf; j++) {
      if ((j & ((1L << RankedStore.ESCAPE_SHIFT) - 1)) == 0) {
        escapeRanks[(int) (j >>> RankedStore.ESCAPE_SHIFT)] = (int) e;
      }
      long s = symbols[(int) j];
      fw.put(j * w, Math.min(s, lim), w);
      if (s >= lim) {
        ew.put(e * w2, s - lim, w2);
        e++;
      }
    }
    if ((nf & ((1L << RankedStore.ESCAPE_SHIFT) - 1)) == 0) {
      escapeRanks[(int) (nf >>> RankedStore.ESCAPE_SHIFT)] = (int) e;
    }
    long[] occupancy = occ.toArray(ng);
    long[] masks = msk.toArray(mb);
    return new RankedStore(universe, outputs, g, n, groups, w, w2, escapes, a, table, occupancy,
        RankedStore.directory(occupancy, ng), masks, g == 0 ? new long[0] : RankedStore.directory(masks, mb), fw.toArray(nf * w),
        escapeRanks, ew.toArray(escapes * w2), resolution);
  }
}
