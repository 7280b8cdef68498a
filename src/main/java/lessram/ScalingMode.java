package lessram;

/**
 * How an {@link InstanceEncoder} scales numeric attributes before they reach the model. Coefficients in
 * {@code q2.13} live in [-4, 4), so raw values of arbitrary scale (an income in the tens of thousands)
 * need scaling to be learnable with one learning rate.
 */
public enum ScalingMode {
  /**
   * {@link #STANDARDIZE} when the header has at most {@link InstanceEncoder#AUTO_STANDARDIZE_LIMIT}
   * numeric attributes (dense tabular streams), otherwise {@link #NONE} (wide sparse streams such as
   * LIBSVM files, whose values are conventionally pre-scaled and where per-attribute state would cost
   * more memory than the model).
   */
  AUTO("auto"),
  /** Values are used as given. */
  NONE("none"),
  /** {@code x / max|x|} over the training values seen so far: keeps sparsity and signs, bounds to [-1, 1]. */
  MAX_ABS("maxabs"),
  /**
   * {@code (x - mean) / sd} over the training values seen so far (an attribute absent from a sparse
   * instance counts as 0 in the statistics and stays absent), clipped to
   * [-{@link InstanceEncoder#STANDARDIZED_CLIP}, {@link InstanceEncoder#STANDARDIZED_CLIP}].
   */
  STANDARDIZE("standardize");

  private final String label;

  ScalingMode(String label) {
    this.label = label;
  }

  /** The lower-case name used in options. */
  public String label() {
    return label;
  }

  /** Parses a label (case-insensitive), with a clear error listing the choices. */
  public static ScalingMode parse(String s) {
    for (ScalingMode m : values()) {
      if (m.label.equalsIgnoreCase(s.trim()) || m.name().equalsIgnoreCase(s.trim())) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown scaling mode '" + s
        + "'; expected one of auto, none, maxabs, standardize");
  }
}
