/**
 * MOA streams for large sparse data: the workload of Golovin, Sculley, McMahan and Young,
 * "Large-Scale Learning with Less RAM via Randomization" (ICML 2013).
 *
 * <ul>
 *   <li>{@link moa.streams.lessram.LibSvmFileStream} reads LIBSVM/svmlight files (plain or
 *       gzip) line by line, with optional feature hashing and a fail or skip-and-count policy
 *       for malformed lines.</li>
 *   <li>{@link moa.streams.lessram.SparseArffFileStream} reads ARFF files (sparse or dense, plain
 *       or gzip) with the header and instances of MOA's {@code ArffFileStream}, at a cost
 *       proportional to each line's entries instead of the number of attributes.</li>
 *   <li>{@link moa.streams.lessram.SparseClickStreamGenerator} generates click-through-like
 *       data: Zipf-distributed categorical fields hashed to binary features, a sparse logistic
 *       ground truth and optional drift.</li>
 * </ul>
 * The LIBSVM stream and the generator produce truly sparse {@code SparseInstance}s with the class
 * as the last attribute, and a header whose memory does not grow with the number of features (a
 * few hundred bytes for 2<sup>22</sup> features, where one attribute object per feature would take
 * hundreds of megabytes). From the MOA command line they are {@code lessram.LibSvmFileStream},
 * {@code lessram.SparseArffFileStream} and {@code lessram.SparseClickStreamGenerator}, e.g.
 * {@code -s (lessram.SparseClickStreamGenerator -b 20)}.
 */
package moa.streams.lessram;
