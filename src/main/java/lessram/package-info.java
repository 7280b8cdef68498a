/**
 * The LessRAM engine: online logistic regression with memory-lean coefficients, free of MOA and Weka.
 * It implements D. Golovin, D. Sculley, H. B. McMahan, M. Young, "Large-Scale Learning with Less RAM
 * via Randomization", ICML 2013 (arXiv 1303.4664), with notes from H. B. McMahan et al., "Ad Click
 * Prediction: a View from the Trenches", KDD 2013.
 *
 * <h2>The pieces</h2>
 * <ul>
 *   <li>{@link lessram.LogisticRegression}: binary (sigmoid) and multinomial (softmax) online logistic
 *       regression over sparse input with a bias term; predict, then learn, one example at a time. Only
 *       the coordinates of an example's non-zero features are updated.</li>
 *   <li>{@link lessram.LearnerConfig}: the one immutable configuration, validated by its builder; the MOA
 *       and Weka adapters map their options to it.</li>
 *   <li>{@link lessram.FixedPointFormat}: the {@code qn.m} encoding (value {@code k * 2^-m},
 *       {@code n + m + 1} bits, range {@code [-2^n, 2^n - 2^-m]}, clipping outside) with unbiased
 *       randomized rounding and the biased round-to-nearest ablation ({@link lessram.CoefficientStorage}; plain
 *       float32 and float64 storage are the exact controls).</li>
 *   <li>{@link lessram.MorrisCounter}: 8-bit (by default) Morris approximate counts, base 1.1, whose
 *       unbiased estimates drive per-coordinate learning rates {@code alpha / sqrt(tau + 1)}
 *       ({@link lessram.LearningRateSchedule}, {@link lessram.CounterType}); the global rate
 *       {@code alpha / sqrt(t)} is the control.</li>
 *   <li>{@link lessram.FeatureSpace}: direct indexing, feature hashing into {@code 2^bits} slots (memory
 *       fixed in advance) or a collision-free sparse map of the features seen, optionally with
 *       probabilistic feature inclusion ({@link lessram.FeatureInclusion}, {@link lessram.InclusionRule}:
 *       Poisson inclusion or a counting Bloom filter admit a new feature only after some sightings, whose
 *       state is counted in the model's memory).</li>
 *   <li>{@link lessram.InstanceEncoder}: the conversion of host instances to sparse features shared by
 *       the MOA and Weka adapters, built from the header layout ({@code HeaderLayout}), the numeric
 *       scaling and its statistics ({@code ScalingStatistics}) and its persisted form
 *       ({@code EncoderFormat}).</li>
 *   <li>{@link lessram.SplitMix64}: the seedable generator behind every random decision; the same seed
 *       and data give bit-identical models.</li>
 * </ul>
 *
 * <h2>Storage</h2>
 * Each coordinate's coefficient and counter share one fixed-width record (a {@code q2.13} coefficient
 * and an 8-bit Morris counter are 24 bits, 3 bytes, one memory access per update). Byte-aligned widths
 * use primitive arrays, other widths are bit-packed (a {@code q2.9} coefficient costs 12 bits).
 * {@link lessram.LogisticRegression#sizeInBytes()} is computed from the real arrays and checked against
 * JOL in the tests. The per-coordinate update is stated once ({@code UpdateRule}: rate, gradient step,
 * projection and rounding, counter increment); the generic coordinate table runs it through a codec,
 * a counter policy and a record store, and the learners' default layouts have tables of their own that
 * run it on their arrays with the layout's constants, without a branch on options or on the data,
 * bit-identical to the generic table.
 */
package lessram;
