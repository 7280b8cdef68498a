package lessram;

import java.io.Serializable;

/**
 * The mutable state of probabilistic feature inclusion (McMahan et al., "Ad Click Prediction: a View from
 * the Trenches", KDD 2013, Section 4.1) in a sparse coordinate table: asked only for a feature that is not
 * stored yet, at a training sighting, it says whether the feature is admitted now (then the table stores and
 * trains it, and never asks again) or not (the sighting is counted in {@link #rejected()}). Prediction never
 * asks: a feature not admitted has no stored coefficient and reads as 0. Seeded from the learner's seed, so
 * the same seed and data admit the same features; {@link #copy()} continues identically.
 */
abstract class InclusionFilter implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Training sightings of features that were not admitted. */
  long rejected;

  /**
   * A training sighting of feature {@code key} (its first coordinate), which is not stored: true if it is
   * admitted now, else false and the sighting is counted.
   */
  abstract boolean admit(int key);

  /** Training sightings that did not admit their feature. */
  final long rejected() {
    return rejected;
  }

  /** Exact heap bytes of this filter (object and arrays; 64-bit JVM, compressed references). */
  abstract long sizeInBytes();

  /** A deep, independent copy in exactly this state. */
  abstract InclusionFilter copy();

  /** Salt of the Poisson generator's seed, so that it does not repeat the learner's own draws. */
  private static final long POISSON_SALT = 0x5851F42D4C957F2DL;
  /** Salt of the Bloom filter's hash. */
  private static final long BLOOM_SALT = 0x14057B7EF767814FL;

  /** Poisson inclusion: each sighting admits with probability p, from a generator of its own. */
  static final class Poisson extends InclusionFilter {
    private static final long serialVersionUID = 1L;
    /** Heap bytes: this object and its generator. */
    static final long BYTES = 32 + SplitMix64.OBJECT_BYTES;

    private final SplitMix64 random;
    /** A sighting is admitted when the top 53 bits of a draw are below this ({@code p * 2^53}). */
    private final long threshold;

    Poisson(double probability, long seed) {
      this.random = new SplitMix64(seed ^ POISSON_SALT);
      this.threshold = (long) (probability * 0x1p53);
    }

    private Poisson(Poisson o) {
      this.random = o.random.copy();
      this.threshold = o.threshold;
      this.rejected = o.rejected;
    }

    @Override
    boolean admit(int key) {
      if ((random.nextLong() >>> 11) < threshold) {
        return true;
      }
      rejected++;
      return false;
    }

    @Override
    long sizeInBytes() {
      return BYTES;
    }

    @Override
    Poisson copy() {
      return new Poisson(this);
    }
  }

  /**
   * A counting Bloom filter of {@code 2^bits} 4-bit cells (16 to a {@code long}) with {@value #HASHES} cells
   * per feature, chosen by a seeded hash of the feature (double hashing). A feature's count is the smallest
   * of its cells; a sighting of a feature whose count is below n increments only its cells that hold that
   * smallest value (conservative update), so counts are over-estimated only by collisions, and a feature is
   * admitted at the latest at its (n+1)-th sighting, earlier only when its cells are shared.
   */
  static final class CountingBloom extends InclusionFilter {
    private static final long serialVersionUID = 1L;
    /** Largest value of a cell (4 bits). */
    static final int MAX_CELL = 15;
    /** Cells per feature. */
    static final int HASHES = 2;
    /** Heap bytes of the object without its array. */
    static final long OBJECT_BYTES = 40;

    private final long[] cells;
    private final int mask;
    private final int threshold;
    private final long salt;

    CountingBloom(int threshold, int bits, long seed) {
      this.cells = new long[1 << (bits - 4)];
      this.mask = (int) ((1L << bits) - 1);
      this.threshold = threshold;
      this.salt = SplitMix64.mix(seed ^ BLOOM_SALT);
    }

    private CountingBloom(CountingBloom o) {
      this.cells = o.cells.clone();
      this.mask = o.mask;
      this.threshold = o.threshold;
      this.salt = o.salt;
      this.rejected = o.rejected;
    }

    /** Heap bytes of a filter of {@code 2^bits} cells. */
    static long bytes(int bits) {
      return OBJECT_BYTES + RecordStore.arrayBytes(1L << (bits - 4), 8);
    }

    @Override
    boolean admit(int key) {
      long h = SplitMix64.mix(salt + key * SplitMix64.GOLDEN_GAMMA);
      int h1 = (int) h;
      // odd, so the HASHES cells of a key are distinct
      int h2 = (int) (h >>> 32) | 1;
      long[] c = cells;
      int min = MAX_CELL;
      for (int i = 0; i < HASHES; i++) {
        int cell = (h1 + i * h2) & mask;
        min = Math.min(min, (int) (c[cell >>> 4] >>> ((cell & 15) << 2)) & MAX_CELL);
      }
      if (min >= threshold) {
        return true;
      }
      for (int i = 0; i < HASHES; i++) {
        int cell = (h1 + i * h2) & mask;
        int shift = (cell & 15) << 2;
        if (((int) (c[cell >>> 4] >>> shift) & MAX_CELL) == min) {
          c[cell >>> 4] += 1L << shift;
        }
      }
      rejected++;
      return false;
    }

    /** The filter's count of feature {@code key} (the smallest of its cells), for tests. */
    int estimate(int key) {
      long h = SplitMix64.mix(salt + key * SplitMix64.GOLDEN_GAMMA);
      int h1 = (int) h;
      int h2 = (int) (h >>> 32) | 1;
      int min = MAX_CELL;
      for (int i = 0; i < HASHES; i++) {
        int cell = (h1 + i * h2) & mask;
        min = Math.min(min, (int) (cells[cell >>> 4] >>> ((cell & 15) << 2)) & MAX_CELL);
      }
      return min;
    }

    @Override
    long sizeInBytes() {
      return OBJECT_BYTES + RecordStore.arrayBytes(cells.length, 8);
    }

    @Override
    CountingBloom copy() {
      return new CountingBloom(this);
    }
  }
}
