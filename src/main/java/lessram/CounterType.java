package lessram;

/** How the per-coordinate update count {@code tau_i} of the adaptive learning rate is kept. */
public enum CounterType {
  /** An exact saturating integer counter (32 bits by default). */
  EXACT("exact"),
  /** A Morris approximate counter (8 bits, base 1.1 by default). */
  MORRIS("morris");

  private final String label;

  CounterType(String label) {
    this.label = label;
  }

  /** The lower-case name used in options and reports. */
  public String label() {
    return label;
  }

  /** Parses a label (case-insensitive), with a clear error listing the choices. */
  public static CounterType parse(String s) {
    for (CounterType c : values()) {
      if (c.label.equalsIgnoreCase(s.trim()) || c.name().equalsIgnoreCase(s.trim())) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown counter type '" + s + "'; expected morris or exact");
  }
}
