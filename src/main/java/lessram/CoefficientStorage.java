package lessram;

/** How a coefficient is stored after each update. */
public enum CoefficientStorage implements Choice {
  /** Fixed-point {@code qn.m} with unbiased randomized rounding: the method of the paper. */
  RANDOMIZED("randomized", "qn.m fixed point with unbiased randomized rounding (the paper's method)"),
  /** Fixed-point {@code qn.m} with deterministic round-to-nearest: the biased ablation. */
  NEAREST("nearest", "qn.m fixed point with deterministic round-to-nearest (the biased ablation)"),
  /**
   * Adaptive precision (the paper's variant of section 3): a coordinate's grid follows its learning rate,
   * {@code eps <= gamma * eta}, read from its counter state, with variable-width codes packed in buckets of a
   * fixed bit budget ({@link AdaptivePrecisionTable}); {@code qn.m} bounds the widest range and the finest grid.
   */
  ADAPTIVE("adaptive", "fixed point on a grid that follows each coordinate's learning rate (eps <= gamma * eta), "
      + "variable width within a budget of bits per coordinate (the paper's adaptive precision)"),
  /** Plain 32-bit float storage (a control; the fixed-point format is ignored). */
  FLOAT32("float32", "32-bit float (a control; the fixed-point bits are ignored)"),
  /** Plain 64-bit double storage (the exact control; the fixed-point format is ignored). */
  FLOAT64("float64", "64-bit double (the exact control; the fixed-point bits are ignored)");

  private final String label;
  private final String description;

  CoefficientStorage(String label, String description) {
    this.label = label;
    this.description = description;
  }

  @Override
  public String label() {
    return label;
  }

  @Override
  public String description() {
    return description;
  }

  /** True for the two modes that store fixed-point codes. */
  public boolean isFixedPoint() {
    return this == RANDOMIZED || this == NEAREST;
  }

  /** Parses a label (case-insensitive), with a clear error listing the choices. */
  public static CoefficientStorage parse(String s) {
    return Choice.parse(values(), s, "rounding mode");
  }
}
