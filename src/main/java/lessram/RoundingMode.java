package lessram;

/** How a coefficient is stored after each update. */
public enum RoundingMode {
  /** Fixed-point {@code qn.m} with unbiased randomized rounding: the method of the paper. */
  RANDOMIZED("randomized"),
  /** Fixed-point {@code qn.m} with deterministic round-to-nearest: the biased ablation. */
  NEAREST("nearest"),
  /** Plain 32-bit float storage (a control; the fixed-point format is ignored). */
  FLOAT32("float32"),
  /** Plain 64-bit double storage (the exact control; the fixed-point format is ignored). */
  FLOAT64("float64");

  private final String label;

  RoundingMode(String label) {
    this.label = label;
  }

  /** The lower-case name used in options and reports. */
  public String label() {
    return label;
  }

  /** True for the two modes that store fixed-point codes. */
  public boolean isFixedPoint() {
    return this == RANDOMIZED || this == NEAREST;
  }

  /** Parses a label (case-insensitive), with a clear error listing the choices. */
  public static RoundingMode parse(String s) {
    for (RoundingMode r : values()) {
      if (r.label.equalsIgnoreCase(s.trim()) || r.name().equalsIgnoreCase(s.trim())) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown rounding mode '" + s
        + "'; expected one of randomized, nearest, float32, float64");
  }
}
