package moa.classifiers.lessram;

import com.github.javacliparser.FloatOption;
import com.github.javacliparser.IntOption;
import com.github.javacliparser.MultiChoiceOption;
import lessram.LearnerOption;
import lessram.LearningRateSchedule;

/**
 * Online logistic regression with per-coordinate learning rates {@code alpha / sqrt(tau + 1)}, where
 * {@code tau} counts the updates of a coordinate with a Morris approximate counter (8 bits, base 1.1 by
 * default) stored beside its coefficient, and coefficients in fixed-point {@code qn.m} with unbiased
 * randomized rounding: the paper's Algorithm 2, the approximate-count adaptive learner of D. Golovin,
 * D. Sculley, H. B. McMahan, M. Young, "Large-Scale Learning with Less RAM via Randomization", ICML 2013.
 * The default {@code q2.13} coefficient plus an 8-bit counter is 24 bits per coordinate instead of the 64
 * of a float and an exact 32-bit count. Exact counters are available as a control. By default
 * ({@code -a 0}) the rate adapts to the data: the gradients are divided by the root mean square of those
 * seen so far ({@link lessram.LearnerConfig#adaptive()}); {@code -a 0.2} is the fixed default of earlier
 * versions. See
 * {@link AbstractLessRamClassifier} for the shared options and the handling of unusual input.
 */
public class ApproximateCountLogisticRegression extends AbstractLessRamClassifier {
  private static final long serialVersionUID = 1L;

  public MultiChoiceOption counterOption = MoaOptions.choice(LearnerOption.COUNTER);
  public IntOption counterBitsOption = MoaOptions.integer(LearnerOption.COUNTER_BITS);
  public FloatOption morrisBaseOption = MoaOptions.real(LearnerOption.MORRIS_BASE, schedule());

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
}
