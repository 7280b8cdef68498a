package lessram;

import java.io.Serializable;

/**
 * How feature ids map to coefficient slots. Slot {@code numFeatureSlots()} is the bias.
 * <ul>
 *   <li>{@link Kind#DIRECT}: ids {@code 0..dimension-1} index a dense table;</li>
 *   <li>{@link Kind#HASHED}: any int id is hashed to one of {@code 2^bits} slots of a dense table, so
 *       memory is fixed in advance whatever the number of distinct features (collisions share a
 *       coefficient);</li>
 *   <li>{@link Kind#SPARSE}: ids {@code 0..dimension-1}, but only the coordinates that were updated are
 *       stored, in a primitive hash map (collision-free, memory grows with the features seen); an
 *       {@link InclusionRule} may admit new features only probabilistically (feature inclusion).</li>
 * </ul>
 */
public final class FeatureSpace implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The three ways to lay out the coefficient table. */
  public enum Kind { DIRECT, HASHED, SPARSE }

  /** Heap bytes of a feature space object (64-bit JVM, compressed references). */
  static final long OBJECT_BYTES = 32;

  /**
   * Largest number of hashing bits: 2^28 slots plus the bias is the largest table every layout can hold
   * ({@link LearnerConfig} limits a model to {@code Integer.MAX_VALUE / 4} coordinates, so that a 3-byte
   * record table still fits one Java array); 29 or 30 bits could never be built.
   */
  public static final int MAX_HASH_BITS = 28;

  private final Kind kind;
  private final int dimension;
  private final int hashBits;
  private final int mask;
  /** Which new features a sparse space stores; null (every feature) unless selective. */
  private final InclusionRule inclusion;

  private FeatureSpace(Kind kind, int dimension, int hashBits) {
    this(kind, dimension, hashBits, null);
  }

  private FeatureSpace(Kind kind, int dimension, int hashBits, InclusionRule inclusion) {
    this.kind = kind;
    this.dimension = dimension;
    this.hashBits = hashBits;
    this.mask = dimension - 1;
    this.inclusion = inclusion;
  }

  /** Dense table indexed by ids {@code 0..dimension-1}. */
  public static FeatureSpace direct(int dimension) {
    checkDimension(dimension);
    return new FeatureSpace(Kind.DIRECT, dimension, 0);
  }

  /** Dense table of {@code 2^bits} slots indexed by a hash of the id. */
  public static FeatureSpace hashed(int bits) {
    if (bits < 1 || bits > MAX_HASH_BITS) {
      throw new IllegalArgumentException("hashing bits must be 1.." + MAX_HASH_BITS + ", got " + bits);
    }
    return new FeatureSpace(Kind.HASHED, 1 << bits, bits);
  }

  /** Sparse table holding only the updated coordinates of ids {@code 0..dimension-1}. */
  public static FeatureSpace sparse(int dimension) {
    checkDimension(dimension);
    return new FeatureSpace(Kind.SPARSE, dimension, 0);
  }

  /**
   * Sparse table holding only the updated coordinates of ids {@code 0..dimension-1}, of the features that
   * {@code inclusion} admitted ({@link FeatureInclusion}).
   */
  public static FeatureSpace sparse(int dimension, InclusionRule inclusion) {
    checkDimension(dimension);
    if (inclusion == null) {
      throw new IllegalArgumentException("the inclusion rule must be set (InclusionRule.ALL for every feature)");
    }
    return new FeatureSpace(Kind.SPARSE, dimension, 0, inclusion.selective() ? inclusion : null);
  }

  private static void checkDimension(int dimension) {
    if (dimension < 0 || dimension > Integer.MAX_VALUE - 1) {
      throw new IllegalArgumentException("feature dimension must be >= 0, got " + dimension);
    }
  }

  /** The layout. */
  public Kind kind() {
    return kind;
  }

  /** Number of feature slots (excluding the bias): the dimension, or {@code 2^bits} when hashed. */
  public int numFeatureSlots() {
    return dimension;
  }

  /** Which new features are stored: {@link InclusionRule#ALL} unless a sparse space admits selectively. */
  public InclusionRule inclusion() {
    return inclusion == null ? InclusionRule.ALL : inclusion;
  }

  /** Heap bytes of the inclusion rule this space refers to (0 without one; its enum constant not counted). */
  long inclusionBytes() {
    return inclusion == null ? 0 : InclusionRule.OBJECT_BYTES;
  }

  /** The hashing bits (0 unless hashed). */
  public int hashBits() {
    return hashBits;
  }

  /**
   * The slot of feature {@code id}.
   *
   * @throws IllegalArgumentException if the id is outside {@code 0..dimension-1} (not hashed)
   */
  public int slot(int id) {
    if (kind == Kind.HASHED) {
      return hash(id) & mask;
    }
    if (id < 0 || id >= dimension) {
      throw new IllegalArgumentException("feature index " + id + " outside 0.." + (dimension - 1));
    }
    return id;
  }

  /** The bias slot, just past the feature slots. */
  public int biasSlot() {
    return dimension;
  }

  /** MurmurHash3's 32-bit finalizer: a fast, well-mixing hash of a feature id. */
  public static int hash(int id) {
    int h = id;
    h ^= h >>> 16;
    h *= 0x85EBCA6B;
    h ^= h >>> 13;
    h *= 0xC2B2AE35;
    h ^= h >>> 16;
    return h;
  }

  @Override
  public String toString() {
    switch (kind) {
      case HASHED: return "hashed(2^" + hashBits + ")";
      case SPARSE: return "sparse(" + dimension + (inclusion == null ? "" : ", inclusion " + inclusion) + ")";
      default: return "direct(" + dimension + ")";
    }
  }
}
