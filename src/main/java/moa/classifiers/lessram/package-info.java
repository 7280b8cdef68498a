/**
 * MOA learners of the LessRAM project: online logistic regression with memory-lean coefficients, after
 * D. Golovin, D. Sculley, H. B. McMahan, M. Young, "Large-Scale Learning with Less RAM via
 * Randomization", ICML 2013 (arXiv 1303.4664).
 *
 * <ul>
 *   <li>{@link moa.classifiers.lessram.RandomizedRoundingLogisticRegression}: global learning rate
 *       {@code alpha / sqrt(t)}, coefficients stored in fixed-point {@code qn.m} with unbiased randomized
 *       rounding (the paper's Algorithm 1);</li>
 *   <li>{@link moa.classifiers.lessram.ApproximateCountLogisticRegression}: per-coordinate learning rates
 *       {@code alpha / sqrt(tau + 1)} with the counts {@code tau} kept by 8-bit Morris approximate
 *       counters stored beside each {@code q2.13} coefficient (the paper's Algorithm 2, 24 bits per
 *       coordinate).</li>
 * </ul>
 * Both are thin adapters over the MOA-free engine in package {@code lessram}: they convert instances
 * with {@link lessram.InstanceEncoder} (shared with the Weka learners, so both hosts see identical
 * features) and map their options to one immutable {@link lessram.LearnerConfig}. The shared adapter code
 * is {@link moa.classifiers.lessram.AbstractLessRamClassifier}.
 */
package moa.classifiers.lessram;
