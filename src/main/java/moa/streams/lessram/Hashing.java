package moa.streams.lessram;

import lessram.SplitMix64;

/**
 * Stateless 64-bit mixing functions used to derive features, weights and hashed indices
 * deterministically from a seed, without storing anything per feature.
 */
final class Hashing {

    /** The 64-bit golden-ratio increment of SplitMix64. */
    static final long GOLDEN = SplitMix64.GOLDEN_GAMMA;

    private Hashing() {
    }

    /**
     * The SplitMix64 / MurmurHash3 64-bit finaliser: a bijection on longs whose output bits all
     * depend on all input bits.
     */
    static long mix64(long z) {
        return SplitMix64.mix(z);
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
