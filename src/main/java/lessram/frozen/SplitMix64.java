package lessram.frozen;

/**
 * SplitMix64 (Steele, Lea and Flood, OOPSLA 2014): a tiny, fast, seedable generator. This package keeps
 * its own copy so that frozen models stay reproducible whatever the engine does with its generator: the
 * same seed gives the same draws on every JVM, forever (the format stability test depends on it).
 *
 * <p>Besides the usual sequential stream this class offers a counter-based draw,
 * {@link #uniform(long, long)}, which is a pure function of (seed, index): the rounding of coordinate
 * {@code i} never depends on which other coordinates were rounded before it.
 *
 * <p>Not thread-safe (the sequential state); the static methods are.
 */
final class SplitMix64 {
  static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private long state;

  SplitMix64(long seed) {
    this.state = seed;
  }

  /** The next 64 random bits. */
  long nextLong() {
    return mix(state += GOLDEN_GAMMA);
  }

  /** A uniform double in [0, 1) with 53 random bits. */
  double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** The SplitMix64 output function (Stafford's variant 13 finalizer). */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /**
   * The {@code index}-th output of the SplitMix64 stream seeded with {@code seed}, as a uniform double in
   * [0, 1): {@code new SplitMix64(seed)} advanced {@code index + 1} times gives the same value.
   */
  static double uniform(long seed, long index) {
    return (mix(seed + (index + 1) * GOLDEN_GAMMA) >>> 11) * 0x1.0p-53;
  }
}
