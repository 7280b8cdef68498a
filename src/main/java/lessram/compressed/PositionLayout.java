package lessram.compressed;

/**
 * How a compressed model stores which slots have coefficients, and (for {@link #DIRECT}, {@link #DIRECT_FAST}
 * and {@link #RANKED}) their values: the size/speed trade-off of
 * {@link CompressedModelBuilder#positionLayout(PositionLayout)}. Written to the file, so a model loads with the
 * layout it was built with.
 */
public enum PositionLayout {
  /**
   * Whatever is smallest for each block (a bitmap for dense blocks, Elias-Fano for sparse ones). Finding
   * a slot in an Elias-Fano block costs a select; this is the layout that approaches the entropy bound.
   */
  COMPACT(0),
  /**
   * A bitmap whenever it is at most twice the Elias-Fano size: a slot is then found with one bit test
   * and a popcount. Roughly halves lookup time on models with about 5-30% of slots in use, for 10-25%
   * more bits on such models (nothing on very sparse or dense ones, where both layouts agree).
   */
  FAST(4),
  /**
   * Like {@code COMPACT}, except that blocks with a density between about 1/8 and 1/4 (where Elias-Fano
   * would use 2 low bits) store a two-level bitmap: one bit per group of 4 slots, then a 4-bit mask per
   * non-empty group. A slot is then found with bit tests and popcounts, as in {@code FAST}, for about the
   * Elias-Fano size. Written as format version 2.
   */
  GROUPED(BlockLayout.GROUPED),
  /**
   * {@code GROUPED} positions, and values in fixed-width fields (the width that minimizes the size) with
   * the rare larger values escaped to a Golomb-Rice code: a value is read at a computed position instead
   * of after a select in a stream of unary codes. Lookups measured 1.05-1.5x as fast as {@code COMPACT}
   * for 0-4% more bits (see {@code docs/compressed-format.md}). Written as format version 2.
   */
  DIRECT(BlockLayout.GROUPED),
  /**
   * {@code FAST} positions (plain bitmaps up to twice the Elias-Fano size) with {@code DIRECT}'s
   * fixed-width values: the fastest lookups (measured up to 1.8x as fast as {@code COMPACT} on trained
   * models, 2.35x on uniformly random lookups), for up to 10-27% more bits on models with 10-30% of the
   * slots in use. Written as format version 2.
   */
  DIRECT_FAST(4),
  /**
   * No blocks: an occupancy bit per slot (or per group of 2, 4 or 8 slots, then a mask per non-empty
   * group; whichever is smallest) with a rank directory entry every 256 bits, and the values of the {@code r}-th
   * stored slot in {@code w}-bit fields at {@code r * w} (symbols of a frequency-ordered table, the rare
   * larger ones escaped to a second fixed-width array). A lookup is a fixed sequence of random accesses
   * with no select, no sequential decoding and no branch on whether the slot is stored: the fastest
   * layout (measured about 2x {@code DIRECT}'s predictions per second), for more bits than the
   * entropy-coded layouts (a bit per slot or group instead of an entropy-coded position, fixed-width
   * instead of Golomb-Rice values: 1.33 against 0.93-0.96 bits per coefficient at q2.7 on a 2^24-slot
   * model with 9% of the slots in use). The default; written as format version 3; feature ids (sparse
   * spaces) as in {@code GROUPED}.
   */
  RANKED(BlockLayout.GROUPED);

  private final int allowance;

  PositionLayout(int allowance) {
    this.allowance = allowance;
  }

  /** Whether values use fixed-width fields with escapes. */
  boolean fixedValues() {
    return this == DIRECT || this == DIRECT_FAST;
  }

  /** Whether the coefficients use {@link RankedStore} (format version 3). */
  boolean ranked() {
    return this == RANKED;
  }

  /** The bitmap allowance stored in the file, in quarters of the Elias-Fano size. */
  int allowance() {
    return allowance;
  }
}
