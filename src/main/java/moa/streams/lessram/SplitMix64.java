package moa.streams.lessram;

import java.io.Serializable;

/**
 * SplitMix64 (Steele, Lea, Flood 2014): a tiny, fast, seedable generator whose sequence is fixed
 * by its specification, so streams are identical across JVMs and Java versions.
 */
final class SplitMix64 implements Serializable {

    private static final long serialVersionUID = 1L;

    private long state;

    SplitMix64(long seed) {
        this.state = seed;
    }

    /** Sets the state so that the following draws repeat those after {@code new SplitMix64(seed)}. */
    void reseed(long seed) {
        this.state = seed;
    }

    long nextLong() {
        state += Hashing.GOLDEN;
        return Hashing.mix64(state);
    }

    /** Uniform in [0, 1), 53 random bits. */
    double nextDouble() {
        return Hashing.unitDouble(nextLong());
    }
}
