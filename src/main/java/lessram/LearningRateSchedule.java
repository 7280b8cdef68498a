package lessram;

/** The learning-rate schedule of online gradient descent. */
public enum LearningRateSchedule {
  /** {@code eta_t = alpha / sqrt(t)}, t = examples trained so far: the paper's control. */
  GLOBAL("global"),
  /**
   * {@code eta_{t,i} = alpha / sqrt(tau_i + 1)}, {@code tau_i} = number of updates of coordinate i, kept
   * by an exact or a Morris counter stored beside the coefficient.
   */
  PER_COORDINATE("per-coordinate");

  private final String label;

  LearningRateSchedule(String label) {
    this.label = label;
  }

  /** The lower-case name used in options and reports. */
  public String label() {
    return label;
  }
}
