package moa.classifiers.lessram;

import lessram.LearningRateSchedule;

/**
 * Online logistic regression with a global learning rate {@code alpha / sqrt(t)} ({@code t} = examples
 * trained on) and coefficients stored in fixed-point {@code qn.m} with unbiased randomized rounding: the
 * paper's Algorithm 1 (D. Golovin, D. Sculley, H. B. McMahan, M. Young, "Large-Scale Learning with Less
 * RAM via Randomization", ICML 2013). With the default {@code q2.13} a coefficient takes 16 bits, half of
 * a 32-bit float. The rounding option also offers round-to-nearest, float32 and float64 as controls.
 * Binary classes use one sigmoid output, more classes a softmax. By default ({@code -a 0}) the rate adapts to
 * the data: the gradients are divided by the root mean square of those seen so far
 * ({@link lessram.LearnerConfig#adaptive()}); {@code -a 0.5} is the fixed default of earlier versions. See
 * {@link AbstractLessRamClassifier}
 * for the options and the handling of unusual input.
 */
public class RandomizedRoundingLogisticRegression extends AbstractLessRamClassifier {
  private static final long serialVersionUID = 1L;

  @Override
  public String getPurposeString() {
    return "LessRAM: logistic regression by online gradient descent with a global learning rate and "
        + "qn.m fixed-point coefficients with randomized rounding (Golovin et al., ICML 2013).";
  }

  @Override
  protected LearningRateSchedule schedule() {
    return LearningRateSchedule.GLOBAL;
  }
}
