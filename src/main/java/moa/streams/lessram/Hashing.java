package moa.streams.lessram;

/**
 * Stateless 64-bit mixing functions used to derive features, weights and hashed indices
 * deterministically from a seed, without storing anything per feature.
 */
final class Hashing {

    /** The 64-bit golden-ratio increment of SplitMix64. */
    static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private Hashing() {
    }

    /**
     * The SplitMix64 / MurmurHash3 64-bit finaliser: a bijection on longs whose output bits all
     * depend on all input bits.
     */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Hash of a pair: order matters, {@code combine(a, b) != combine(b, a)} in general. */
    static long combine(long seedHash, long value) {
        return mix64(seedHash + GOLDEN + value * 0xD6E8FEB86659FD93L);
    }

    /** Uniform double in [0, 1) from the top 53 bits of a hash. */
    static double unitDouble(long hash) {
        return (hash >>> 11) * 0x1.0p-53;
    }
}
