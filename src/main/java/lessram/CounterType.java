package lessram;

/** How the per-coordinate update count {@code tau_i} of the adaptive learning rate is kept. */
public enum CounterType implements Choice {
  /** An exact saturating integer counter (32 bits by default). */
  EXACT("exact", "exact saturating counter (control)"),
  /** A Morris approximate counter (8 bits, base 1.1 by default). */
  MORRIS("morris", "Morris approximate counter (the paper's method)");

  private final String label;
  private final String description;

  CounterType(String label, String description) {
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
  public static CounterType parse(String s) {
    return Choice.parse(values(), s, "counter type");
  }
}
