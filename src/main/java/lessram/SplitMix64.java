package lessram;

import java.io.Serializable;

/**
 * A small, fast, seedable pseudo-random generator (SplitMix64, Steele, Lea and Flood 2014). One
 * {@link #nextLong()} costs a few nanoseconds; the same seed gives the same sequence on every JVM.
 * Not thread-safe: each learner owns one.
 */
public final class SplitMix64 implements Serializable {
  private static final long serialVersionUID = 1L;
  /** The 64-bit golden-ratio increment added to the state before each output. */
  public static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  /** Heap bytes of a generator object (64-bit JVM, compressed references). */
  static final long OBJECT_BYTES = 24;

  private long state;

  /** A generator whose sequence is fixed by {@code seed}. */
  public SplitMix64(long seed) {
    this.state = mix(seed);
  }

  private SplitMix64(SplitMix64 other) {
    this.state = other.state;
  }

  /** A generator whose state is exactly {@code state} (no seed mixing). */
  public static SplitMix64 fromState(long state) {
    SplitMix64 g = new SplitMix64(0);
    g.state = state;
    return g;
  }

  /** The raw state: the next draw is {@code mix(state() + GOLDEN_GAMMA)}. */
  public long state() {
    return state;
  }

  /** Sets the raw state, so the following draws repeat those of {@code fromState(state)}. */
  public void setState(long state) {
    this.state = state;
  }

  /** An independent generator in exactly this generator's state. */
  public SplitMix64 copy() {
    return new SplitMix64(this);
  }

  /** 64 uniformly distributed bits. */
  public long nextLong() {
    long z = (state += GOLDEN_GAMMA);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** A uniform double in [0, 1) with 53 random bits. */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** A uniform int in [0, bound). */
  public int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive: " + bound);
    }
    return (int) (((nextLong() >>> 32) * bound) >>> 32);
  }

  /** The Stafford variant 13 finalizer of SplitMix64: a good 64-bit mixing function. */
  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
