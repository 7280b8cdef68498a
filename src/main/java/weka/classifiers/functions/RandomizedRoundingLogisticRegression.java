/*
 *   This program is free software: you can redistribute it and/or modify
 *   it under the terms of the GNU General Public License as published by
 *   the Free Software Foundation, either version 3 of the License, or
 *   (at your option) any later version.
 *
 *   This program is distributed in the hope that it will be useful,
 *   but WITHOUT ANY WARRANTY; without even the implied warranty of
 *   MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 *   GNU General Public License for more details.
 *
 *   You should have received a copy of the GNU General Public License
 *   along with this program.  If not, see <http://www.gnu.org/licenses/>.
 */

package weka.classifiers.functions;

import lessram.LearnerConfig;
import lessram.LearningRateSchedule;

/**
 <!-- globalinfo-start -->
 * Online logistic regression whose coefficients are stored in a few bits of fixed point (qn.m, default
 * q2.13 = 16 bits) and updated with unbiased randomized rounding, with the global learning rate
 * alpha / sqrt(t).
 <!-- globalinfo-end -->
 *
 * <p>Golovin, Sculley, McMahan, Young: "Large-Scale Learning with Less RAM via Randomization", ICML 2013
 * (the paper's Algorithm 1). Binary classes use one sigmoid output, more classes a softmax. Options:
 * {@code -I -F -M -A -H -P -Z -S} (see {@link #listOptions()}); they mean the same as the lower-case
 * options of {@code moa.classifiers.lessram.RandomizedRoundingLogisticRegression}.
 */
public class RandomizedRoundingLogisticRegression extends AbstractLessRamLogisticRegression {

  private static final long serialVersionUID = -3170539960420851437L;

  /**
   * Returns a string describing this classifier.
   *
   * @return a description suitable for displaying in the explorer/experimenter gui
   */
  public String globalInfo() {
    return "Online logistic regression with memory-lean coefficients: every coefficient is stored in the "
        + "fixed-point format qn.m (default q2.13, 16 bits instead of a 32-bit float) and written back "
        + "after each gradient step with unbiased randomized rounding, so small steps are kept in "
        + "expectation. Global learning rate alpha / sqrt(t). Binary classes use a sigmoid, more classes "
        + "a softmax; nominal attributes are one-hot encoded, numeric ones scaled online, missing values "
        + "are absent features and instances with a missing class are skipped. Trains in one online pass "
        + "and incrementally.\n\nFor more information see:\n\n" + getTechnicalInformation().toString();
  }

  @Override
  protected double defaultAlpha() {
    return LearnerConfig.DEFAULT_ALPHA_GLOBAL;
  }

  @Override
  protected String modelTitle() {
    return "Randomized-rounding logistic regression (global learning rate)";
  }

  @Override
  protected void configureSchedule(LearnerConfig.Builder builder) {
    builder.schedule(LearningRateSchedule.GLOBAL);
  }

  /**
   * Runs the classifier from the command line.
   *
   * @param args the options
   */
  public static void main(String[] args) {
    runClassifier(new RandomizedRoundingLogisticRegression(), args);
  }
}
