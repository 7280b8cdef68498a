package lessram;

import java.util.Locale;

/**
 * A value of an enumerated learner option ({@link CoefficientStorage}, {@link CounterType}, {@link ScalingMode}):
 * the lower-case label users type and a one-line description that option help texts show.
 */
public interface Choice {
  /** The lower-case name used in options and reports. */
  String label();

  /** One line saying what the choice does, for option help texts. */
  String description();

  /**
   * The constant of {@code choices} whose label or Java name is {@code text} (case-insensitive, trimmed).
   *
   * @param what what the choices are, for the message (for example "rounding mode")
   * @throws IllegalArgumentException listing the labels when nothing matches
   */
  static <E extends Enum<E> & Choice> E parse(E[] choices, String text, String what) {
    String t = text == null ? "" : text.trim();
    StringBuilder labels = new StringBuilder();
    for (E c : choices) {
      if (c.label().equalsIgnoreCase(t) || c.name().equalsIgnoreCase(t)) {
        return c;
      }
      labels.append(labels.length() == 0 ? "" : ", ").append(c.label());
    }
    throw new IllegalArgumentException("unknown " + what + " '" + text + "'; expected one of " + labels);
  }

  /** The label of an enum constant: its {@link Choice#label()}, else its lower-case name. */
  static String labelOf(Enum<?> value) {
    return value instanceof Choice ? ((Choice) value).label() : value.name().toLowerCase(Locale.ROOT);
  }
}
