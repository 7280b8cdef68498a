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

import java.util.ArrayList;
import java.util.List;

import lessram.CounterType;
import lessram.LearnerConfig;
import lessram.LearningRateSchedule;
import weka.core.Option;
import weka.core.SelectedTag;
import weka.core.Tag;
import weka.core.Utils;

/**
 <!-- globalinfo-start -->
 * Online logistic regression with per-coordinate learning rates alpha / sqrt(tau_i + 1), where the
 * update count tau_i of each coefficient is kept by a small Morris approximate counter (default 8 bits,
 * base 1.1) stored beside a qn.m fixed-point coefficient updated with unbiased randomized rounding.
 <!-- globalinfo-end -->
 *
 * <p>Golovin, Sculley, McMahan, Young: "Large-Scale Learning with Less RAM via Randomization", ICML 2013
 * (the paper's Algorithm 2 with approximate counts): q2.13 coefficient + 8-bit Morris counter = 24 bits per
 * coordinate. Options: those of {@link RandomizedRoundingLogisticRegression} plus {@code -C -B -E}; they mean
 * the same as the lower-case options of {@code moa.classifiers.lessram.ApproximateCountLogisticRegression}.
 */
public class ApproximateCountLogisticRegression extends AbstractLessRamLogisticRegression {

  private static final long serialVersionUID = 6893057213544870413L;

  /** Default Morris base, as in the paper. */
  public static final double DEFAULT_MORRIS_BASE = 1.1;

  /** Counter width 0 selects the counter type's default (8 bits Morris, 32 bits exact). */
  public static final int DEFAULT_COUNTER_BITS = 0;

  /** Counter types for the GUI (tag id = enum ordinal). */
  public static final Tag[] TAGS_COUNTER = tags(CounterType.values());

  private CounterType m_CounterType = CounterType.MORRIS;
  private int m_CounterBits = DEFAULT_COUNTER_BITS;
  private double m_MorrisBase = DEFAULT_MORRIS_BASE;

  /**
   * Returns a string describing this classifier.
   *
   * @return a description suitable for displaying in the explorer/experimenter gui
   */
  public String globalInfo() {
    return "Online logistic regression with per-coordinate learning rates alpha / sqrt(tau + 1), where "
        + "the update count tau of every coefficient is an approximate Morris counter (default 8 bits, "
        + "base 1.1) stored beside the coefficient, which is kept in fixed point qn.m (default q2.13) "
        + "with unbiased randomized rounding: 24 bits per coordinate instead of 64 (32-bit float plus "
        + "32-bit count). Exact counters are available for comparison. Binary classes use a sigmoid, more "
        + "classes a softmax; nominal attributes are one-hot encoded, numeric ones scaled online, missing "
        + "values are absent features and instances with a missing class are skipped. Trains in one "
        + "online pass and incrementally.\n\nFor more information see:\n\n"
        + getTechnicalInformation().toString();
  }

  @Override
  protected double defaultAlpha() {
    return LearnerConfig.DEFAULT_ALPHA_PER_COORDINATE;
  }

  @Override
  protected String modelTitle() {
    return "Approximate-count logistic regression (per-coordinate learning rates)";
  }

  @Override
  protected boolean hasCounters() {
    return true;
  }

  @Override
  protected void configureSchedule(LearnerConfig.Builder builder) {
    builder.schedule(LearningRateSchedule.PER_COORDINATE)
        .counterType(m_CounterType)
        .counterBits(m_CounterBits)
        .morrisBase(m_MorrisBase);
  }

  @Override
  protected List<Option> scheduleOptions() {
    List<Option> result = new ArrayList<>();
    result.add(new Option("\tCounter of the per-coordinate update counts: morris (approximate)\n"
        + "\tor exact.\n\t(default morris)", "C", 1, "-C <morris|exact>"));
    result.add(new Option("\tCounter bits; 0 = the counter type's default (8 for morris,\n"
        + "\t32 for exact). Morris: 1..16, exact: 1..32.\n\t(default " + DEFAULT_COUNTER_BITS + ")", "B", 1,
        "-B <bits>"));
    result.add(new Option("\tBase b (> 1) of the Morris counters.\n\t(default " + DEFAULT_MORRIS_BASE + ")",
        "E", 1, "-E <base>"));
    return result;
  }

  @Override
  protected void setScheduleOptions(String[] options) throws Exception {
    String s = Utils.getOption('C', options);
    CounterType type = s.isEmpty() ? CounterType.MORRIS : parseChoice('C', s, CounterType::parse);
    s = Utils.getOption('B', options);
    int bits = s.isEmpty() ? DEFAULT_COUNTER_BITS : parseInt('B', s);
    s = Utils.getOption('E', options);
    double base = s.isEmpty() ? DEFAULT_MORRIS_BASE : parseDouble('E', s);
    m_CounterType = type;
    m_CounterBits = bits;
    m_MorrisBase = base;
  }

  @Override
  protected void addScheduleOptions(List<String> options) {
    options.add("-C");
    options.add(m_CounterType.label());
    options.add("-B");
    options.add("" + m_CounterBits);
    options.add("-E");
    options.add("" + m_MorrisBase);
  }

  public String counterTypeTipText() {
    return "Counter of the per-coordinate update counts: morris (approximate, few bits) or exact.";
  }

  public SelectedTag getCounterType() {
    return new SelectedTag(m_CounterType.ordinal(), TAGS_COUNTER);
  }

  public void setCounterType(SelectedTag value) {
    if (value.getTags() == TAGS_COUNTER) {
      m_CounterType = CounterType.values()[value.getSelectedTag().getID()];
    }
  }

  public String counterBitsTipText() {
    return "Counter width in bits; 0 selects the counter type's default (8 for morris, 32 for exact).";
  }

  public int getCounterBits() {
    return m_CounterBits;
  }

  public void setCounterBits(int value) {
    m_CounterBits = value;
  }

  public String morrisBaseTipText() {
    return "Base b (> 1) of the Morris counters: a counter in state C increments with probability b^-C "
        + "and estimates the count (b^C - b) / (b - 1).";
  }

  public double getMorrisBase() {
    return m_MorrisBase;
  }

  public void setMorrisBase(double value) {
    m_MorrisBase = value;
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
