package lessram.frozen;

/**
 * How a frozen model stores which slots of a block have coefficients: the size/speed trade-off of
 * {@link FrozenModelBuilder#positionLayout(PositionLayout)}. Written to the file, so a model loads with the
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
  FAST(4);

  private final int allowance;

  PositionLayout(int allowance) {
    this.allowance = allowance;
  }

  /** The bitmap allowance stored in the file, in quarters of the Elias-Fano size. */
  int allowance() {
    return allowance;
  }
}
