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

import lessram.CounterType;
import lessram.LearnerOption;
import lessram.LearningRateSchedule;
import weka.core.SelectedTag;
import weka.core.Tag;

/**
 <!-- globalinfo-start -->
 * Online logistic regression with per-coordinate learning rates from small approximate Morris counters and
 * fixed-point coefficients updated with unbiased randomized rounding: 24 bits per coordinate instead of 64
 * (Golovin, Sculley, McMahan and Young, ICML 2013).
 <!-- globalinfo-end -->
 *
 * <p>The paper's Algorithm 2 with approximate counts: q2.13 coefficient + 8-bit Morris counter = 24 bits per
 * coordinate. Options: those of {@link RandomizedRoundingLogisticRegression} plus {@code -C -B -E}; they mean
 * the same as the lower-case options of {@code moa.classifiers.lessram.ApproximateCountLogisticRegression}.
 */
public class ApproximateCountLogisticRegression extends AbstractLessRamLogisticRegression {

  private static final long serialVersionUID = 6893057213544870413L;

  /** Counter types for the GUI (tag id = enum ordinal). */
  public static final Tag[] TAGS_COUNTER = WekaOptions.tags(LearnerOption.COUNTER);

  /**
   * Returns a string describing this classifier (its first sentence is the GUI's short description).
   *
   * @return a description suitable for displaying in the explorer/experimenter gui
   */
  public String globalInfo() {
    return "Online logistic regression with per-coordinate learning rates from small approximate Morris "
        + "counters and fixed-point coefficients updated with unbiased randomized rounding: 24 bits per "
        + "coordinate instead of 64 (Golovin, Sculley, McMahan and Young, ICML 2013). The learning rate of "
        + "a coefficient is alpha / sqrt(tau + 1), where its update count tau is a Morris counter (default 8 "
        + "bits, base 1.1) stored beside the coefficient, which is kept in fixed point qn.m (default q2.13); by "
        + "default (alpha 0) the rate adapts to the data: the gradients are divided by the root mean square "
        + "of those seen so far. "
        + "Exact counters are available for comparison. Binary classes use a sigmoid, more classes a "
        + "softmax; nominal attributes are one-hot encoded, numeric ones scaled online, missing values are "
        + "absent features and instances with a missing class are skipped. Trains in one online pass and "
        + "incrementally.\n\nFor more information see:\n\n" + getTechnicalInformation().toString();
  }

  @Override
  protected LearningRateSchedule schedule() {
    return LearningRateSchedule.PER_COORDINATE;
  }

  @Override
  protected String modelTitle() {
    return "Approximate-count logistic regression (per-coordinate learning rates)";
  }

  public String counterTypeTipText() {
    return LearnerOption.COUNTER.helpWithChoices();
  }

  public SelectedTag getCounterType() {
    return WekaOptions.selected(LearnerOption.COUNTER, m_Settings.counterType(), TAGS_COUNTER);
  }

  public void setCounterType(SelectedTag value) {
    CounterType c = WekaOptions.chosen(value, TAGS_COUNTER, CounterType.values());
    if (c != null) {
      m_Settings.counterType(c);
    }
  }

  public String counterBitsTipText() {
    return LearnerOption.COUNTER_BITS.help();
  }

  public int getCounterBits() {
    return m_Settings.counterBits();
  }

  public void setCounterBits(int value) {
    m_Settings.counterBits(value);
  }

  public String morrisBaseTipText() {
    return LearnerOption.MORRIS_BASE.help();
  }

  public double getMorrisBase() {
    return m_Settings.morrisBase();
  }

  public void setMorrisBase(double value) {
    m_Settings.morrisBase(value);
  }

  /**
   * Runs the classifier from the command line.
   *
   * @param args the options
   */
  public static void main(String[] args) {
    runClassifier(new ApproximateCountLogisticRegression(), args);
  }
}
