package lessram.compressed;

/**
 * The trained linear model to compress: {@code numOutputs()} outputs ({@code K}: 1 for binary logistic
 * regression, the number of classes for softmax) over feature slots {@code 0..numSlots()-1} plus a bias
 * slot {@code numSlots()}. The coefficient of (slot {@code s}, output {@code k}) is at coordinate
 * {@code s * K + k}; there are {@code (numSlots() + 1) * K} coordinates.
 */
public interface CoefficientSource {
  /** {@code K >= 1}. */
  int numOutputs();

  /** {@code D >= 0}: feature slots, excluding the bias. */
  int numSlots();

  /** The coefficient at {@code coordinate} in {@code [0, (D + 1) * K)}. */
  double coefficient(int coordinate);

  /**
   * A source over an array of {@code (numSlots + 1) * numOutputs} coefficients (not copied: do not
   * change it while compressing).
   */
  static CoefficientSource of(int numOutputs, int numSlots, double[] coefficients) {
    if (numOutputs < 1 || numSlots < 0) {
      throw new IllegalArgumentException("need numOutputs >= 1 and numSlots >= 0");
    }
    if ((long) (numSlots + 1L) * numOutputs != coefficients.length) {
      throw new IllegalArgumentException("expected " + (numSlots + 1L) * numOutputs + " coefficients, got "
          + coefficients.length);
    }
    return new CoefficientSource() {
      @Override
      public int numOutputs() {
        return numOutputs;
      }

      @Override
      public int numSlots() {
        return numSlots;
      }

      @Override
      public double coefficient(int coordinate) {
        return coefficients[coordinate];
      }
    };
  }
}
