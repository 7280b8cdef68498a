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

import lessram.LearningRateSchedule;

/**
 <!-- globalinfo-start -->
 * Online logistic regression whose coefficients are stored in a few bits of fixed point and updated with
 * unbiased randomized rounding, with a global learning rate (Golovin, Sculley, McMahan and Young, ICML 2013).
 <!-- globalinfo-end -->
 *
 * <p>The paper's Algorithm 1. Binary classes use one sigmoid output, more classes a softmax. Options:
 * {@code -I -F -M -A -H -P -Z -S} (see {@link #listOptions()}); they mean the same as the lower-case
 * options of {@code moa.classifiers.lessram.RandomizedRoundingLogisticRegression}.
 */
public class RandomizedRoundingLogisticRegression extends AbstractLessRamLogisticRegression {

  private static final long serialVersionUID = -3170539960420851437L;

  /**
   * Returns a string describing this classifier (its first sentence is the GUI's short description).
   *
   * @return a description suitable for displaying in the explorer/experimenter gui
   */
  public String globalInfo() {
    return "Online logistic regression whose coefficients are stored in a few bits of fixed point and "
        + "updated with unbiased randomized rounding, with a global learning rate (Golovin, Sculley, McMahan "
        + "and Young, ICML 2013). Every coefficient is kept in the fixed-point format qn.m (default q2.13, 16 "
        + "bits instead of a 32-bit float) and written back after each gradient step with randomized "
        + "rounding, so small steps are kept in expectation. Learning rate alpha / sqrt(t); by default (alpha 0) "
        + "the rate adapts to the data: its gradients are divided by the root mean square of those seen so "
        + "far. Binary classes "
        + "use a sigmoid, more classes a softmax; nominal attributes are one-hot encoded, numeric ones "
        + "scaled online, missing values are absent features and instances with a missing class are "
        + "skipped. Trains in one online pass and incrementally.\n\nFor more information see:\n\n"
        + getTechnicalInformation().toString();
  }

  @Override
  protected LearningRateSchedule schedule() {
    return LearningRateSchedule.GLOBAL;
  }

  @Override
  protected String modelTitle() {
    return "Randomized-rounding logistic regression (global learning rate)";
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
