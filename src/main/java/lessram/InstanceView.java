package lessram;

/**
 * A host's instance as the learning session reads it: the stored entries by position (all attributes of a
 * dense instance, the non-zero ones of a sparse instance, in attribute order as the host stores them), the
 * weight and the class value. Each host implements it in a few lines over its own instance type; the
 * session reads every entry once per call and keeps no reference to the view's instance.
 */
public interface InstanceView {
  /** Number of stored entries. */
  int numValues();

  /** The attribute of entry {@code p} ({@code 0 <= p < numValues()}). */
  int index(int p);

  /** The value of entry {@code p}: a number, a nominal label's index, or NaN when missing. */
  double value(int p);

  /** The instance weight. */
  double weight();

  /** The class value (the label's index), NaN when missing. */
  double classValue();
}
