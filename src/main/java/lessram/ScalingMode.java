package lessram;

/**
 * How an {@link InstanceEncoder} scales numeric attributes before they reach the model. Coefficients in
 * {@code q2.13} live in [-4, 4), so raw values of arbitrary scale (an income in the tens of thousands)
 * need scaling to be learnable with one learning rate.
 */
public enum ScalingMode implements Choice {
  /**
   * {@link #STANDARDIZE} when the header has at most {@link InstanceEncoder#AUTO_STANDARDIZE_LIMIT}
   * numeric attributes (dense tabular streams), otherwise {@link #NONE} (wide sparse streams such as
   * LIBSVM files, whose values are conventionally pre-scaled and where per-attribute state would cost
   * more memory than the model).
   */
  AUTO("auto", "standardize when the header has at most " + InstanceEncoder.AUTO_STANDARDIZE_LIMIT
      + " numeric attributes, none otherwise"),
  /** Values are used as given. */
  NONE("none", "use values as given"),
  /** {@code x / max|x|} over the training values seen so far: keeps sparsity and signs, bounds to [-1, 1]. */
  MAX_ABS("maxabs", "divide by the largest absolute value seen (keeps sparsity)"),
  /**
   * {@code (x - mean) / sd} over the training values seen so far (an attribute absent from a sparse
   * instance counts as 0 in the statistics and stays absent), clipped to
   * [-{@link InstanceEncoder#STANDARDIZED_CLIP}, {@link InstanceEncoder#STANDARDIZED_CLIP}].
   */
  STANDARDIZE("standardize", "subtract the mean, divide by the standard deviation, clip to +-"
      + InstanceEncoder.STANDARDIZED_CLIP + " (exact, the value itself included, for the first "
      + InstanceEncoder.EXACT_STANDARDIZATION_INSTANCES + " training instances; then mean and deviation "
      + "cached, refreshed when the count has grown by 1/" + InstanceEncoder.REFRESH_GROWTH_DIVISOR + ")");

  private final String label;
  private final String description;

  ScalingMode(String label, String description) {
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

  /** Parses a label (case-insensitive), with a clear error listing the choices. */
  public static ScalingMode parse(String s) {
    return Choice.parse(values(), s, "scaling mode");
  }
}
