package moa.classifiers.lessram;

import com.github.javacliparser.FloatOption;
import com.github.javacliparser.IntOption;
import com.github.javacliparser.MultiChoiceOption;
import lessram.CounterType;
import lessram.LearnerConfig;
import lessram.LearningRateSchedule;

/**
 * Online logistic regression with per-coordinate learning rates {@code alpha / sqrt(tau + 1)}, where
 * {@code tau} counts the updates of a coordinate with a Morris approximate counter (8 bits, base 1.1 by
 * default) stored beside its coefficient, and coefficients in fixed-point {@code qn.m} with unbiased
 * randomized rounding: the paper's Algorithm 2, the approximate-count adaptive learner of D. Golovin,
 * D. Sculley, H. B. McMahan, M. Young, "Large-Scale Learning with Less RAM via Randomization", ICML 2013.
 * The default {@code q2.13} coefficient plus an 8-bit counter is 24 bits per coordinate instead of the 64
 * of a float and an exact 32-bit count. Exact counters are available as a control. See
 * {@link AbstractLessRamClassifier} for the shared options and the handling of unusual input.
 */
public class ApproximateCountLogisticRegression extends AbstractLessRamClassifier {
  private static final long serialVersionUID = 1L;

  private static final String[] COUNTER_LABELS = {"morris", "exact"};
  private static final CounterType[] COUNTER_TYPES = {CounterType.MORRIS, CounterType.EXACT};

  public MultiChoiceOption counterOption = new MultiChoiceOption("counter", 'c',
      "How the per-coordinate update counts are kept.", COUNTER_LABELS,
      new String[] {
          "Morris approximate counter (the paper's method)",
          "exact saturating counter (control)"},
      0);

  public IntOption counterBitsOption = new IntOption("counterBits", 'b',
      "Bits per counter; 0 = the counter type's default (8 for morris, 32 for exact). "
          + "Morris: 1..16, exact: 1..32.",
      0, 0, 32);

  public FloatOption morrisBaseOption = new FloatOption("morrisBase", 'e',
      "Base b > 1 of the Morris counters: a counter in state C advances with probability b^-C.",
      1.1, 1.0, Double.MAX_VALUE);

  /** Creates the learner with the default options. */
  public ApproximateCountLogisticRegression() {
    super(LearnerConfig.DEFAULT_ALPHA_PER_COORDINATE,
        "Learning-rate scale alpha of the per-coordinate rate alpha / sqrt(tau + 1), "
            + "tau = (estimated) updates of the coordinate.");
  }

  @Override
  public String getPurposeString() {
    return "LessRAM: logistic regression by online gradient descent with per-coordinate learning rates "
        + "from Morris approximate counters and qn.m fixed-point coefficients with randomized rounding "
        + "(Golovin et al., ICML 2013).";
  }

  @Override
  protected LearningRateSchedule schedule() {
    return LearningRateSchedule.PER_COORDINATE;
  }

  @Override
  protected void configureCounters(LearnerConfig.Builder builder) {
    CounterType type = COUNTER_TYPES[counterOption.getChosenIndex()];
    int bits = counterBitsOption.getValue();
    int maxBits = type == CounterType.EXACT ? 32 : 16;
    if (bits < 0 || bits > maxBits) {
      throw new IllegalArgumentException(name() + ": option -b counterBits must be 0 (default) or 1.."
          + maxBits + " for " + type.label() + " counters, got " + bits);
    }
    double base = morrisBaseOption.getValue();
    if (!(base > 1.0) || Double.isInfinite(base)) {
      throw new IllegalArgumentException(name() + ": option -e morrisBase must be a finite number > 1, got "
          + base);
    }
    builder.counterType(type).counterBits(bits).morrisBase(base);
  }
}
