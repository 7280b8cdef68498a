/**
 * Prediction-time compression of trained linear models (Golovin, Sculley, McMahan, Young, "Large-Scale
 * Learning with Less RAM via Randomization", ICML 2013, section 5).
 *
 * <p>A model that only predicts needs far fewer bits per coefficient than one that learns: every
 * coefficient is rounded, without bias, to a coarse {@code q2.m} grid ({@link
 * lessram.compressed.CoarseQuantizer}, {@code m = 3..9} in the paper), after which most coefficients are 0 and
 * most others take a few small values. The paper reports the entropy of those codes (about 1.5 bits per
 * coefficient at {@code q2.7}, 95% below float32) as the limit a code can reach; this package ships a
 * real code with random access:
 * <ul>
 *   <li>{@link lessram.compressed.CompressedModel}: immutable and predict-only (sigmoid for one output, softmax
 *       for several); each prediction decodes only the example's coefficients: in the default
 *       {@link lessram.compressed.PositionLayout#RANKED} layout with an occupancy bit, a rank-directory entry,
 *       a popcount and one fixed-width field, in the entropy-coded block layouts from an index read plus
 *       a search inside one small block (Elias-Fano or bitmap positions, Golomb-Rice, Exp-Golomb or
 *       fixed-width symbols);</li>
 *   <li>{@link lessram.compressed.CompressedModelBuilder}: rounds a {@link lessram.compressed.CoefficientSource} with
 *       a seed and picks the smallest code;</li>
 *   <li>a versioned, CRC-32C checked binary file ({@code CompressedModel.writeTo / read}) whose reader
 *       rejects truncated, damaged or hostile input with an {@link java.io.IOException} and never uses
 *       Java deserialization. The byte layout and measured sizes are in {@code docs/compressed-format.md} of the
 *       project.</li>
 * </ul>
 * This package depends on the JDK only, and the dependency between it and the engine goes one way: the
 * engine builds on it ({@code lessram.Compressor} and {@code lessram.CompressedPredictor} compress and wrap
 * models; the learner takes its link functions from {@link lessram.compressed.Logistic} and its array sizes
 * from {@link lessram.compressed.HeapSizes}), never the reverse.
 */
package lessram.compressed;
