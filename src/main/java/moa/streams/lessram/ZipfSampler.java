package moa.streams.lessram;

import java.io.Serializable;
import lessram.SplitMix64;

/**
 * Samples ranks {@code k in 1..n} with probability proportional to {@code k^-s} (a Zipf, or
 * truncated zeta, distribution).
 *
 * <p>Two exact methods, chosen by {@link #create}: for {@code n <= }{@link #TABLE_LIMIT} an
 * alias table (Walker 1977, Vose 1991), one draw and two array reads per sample; above, the
 * rejection-inversion method of W. Hörmann and G. Derflinger, "Rejection-inversion to generate
 * variates from monotone discrete distributions", ACM TOMACS 6(3), 1996, which needs O(1) memory
 * and accepts more than 90% of its proposals for the exponents used here (most without
 * evaluating a power).
 */
abstract class ZipfSampler implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Largest support given an alias table (12 bytes per rank). */
    static final int TABLE_LIMIT = 1 << 16;

    /** The support size {@code n}. */
    final int n;

    /** The exponent {@code s}. */
    final double exponent;

    ZipfSampler(int n, double exponent) {
        if (n < 1) {
            throw new IllegalArgumentException("Zipf support must be at least 1, got " + n);
        }
        if (!(exponent >= 0) || Double.isInfinite(exponent)) {
            throw new IllegalArgumentException("Zipf exponent must be finite and >= 0, got " + exponent);
        }
        this.n = n;
        this.exponent = exponent;
    }

    /** The fastest exact sampler for this support size. */
    static ZipfSampler create(int n, double exponent) {
        return n <= TABLE_LIMIT ? new AliasTable(n, exponent) : new RejectionInversion(n, exponent);
    }

    /** A rank in {@code 1..n}. */
    abstract int sample(SplitMix64 random);

    /** Bytes held by this sampler's arrays (0 for rejection-inversion). */
    abstract long tableBytes();

    /** Exact alias-method sampler; memory linear in {@code n}. */
    static final class AliasTable extends ZipfSampler {
        private static final long serialVersionUID = 1L;

        /** Probability of keeping column {@code i} rather than taking its alias. */
        private final double[] keep;
        private final int[] alias;

        AliasTable(int n, double exponent) {
            super(n, exponent);
            double[] scaled = new double[n];
            double total = 0;
            for (int k = n; k >= 1; k--) { // smallest terms first, for an accurate sum
                total += Math.pow(k, -exponent);
            }
            for (int i = 0; i < n; i++) {
                scaled[i] = Math.pow(i + 1, -exponent) / total * n;
            }
            keep = new double[n];
            alias = new int[n];
            int[] small = new int[n];
            int[] large = new int[n];
            int smallCount = 0;
            int largeCount = 0;
            for (int i = n - 1; i >= 0; i--) {
                if (scaled[i] < 1.0) {
                    small[smallCount++] = i;
                } else {
                    large[largeCount++] = i;
                }
            }
            while (smallCount > 0 && largeCount > 0) {
                int less = small[--smallCount];
                int more = large[--largeCount];
                keep[less] = scaled[less];
                alias[less] = more;
                scaled[more] = (scaled[more] + scaled[less]) - 1.0;
                if (scaled[more] < 1.0) {
                    small[smallCount++] = more;
                } else {
                    large[largeCount++] = more;
                }
            }
            while (largeCount > 0) {
                int i = large[--largeCount];
                keep[i] = 1.0;
                alias[i] = i;
            }
            while (smallCount > 0) { // rounding leftovers: probability mass ~1
                int i = small[--smallCount];
                keep[i] = 1.0;
                alias[i] = i;
            }
        }

        @Override
        int sample(SplitMix64 random) {
            double u = random.nextDouble() * n;
            int column = (int) u;
            return (u - column < keep[column] ? column : alias[column]) + 1;
        }

        @Override
        long tableBytes() {
            return 12L * n;
        }
    }

    /** Hörmann–Derflinger rejection-inversion; O(1) memory for any {@code n}. */
    static final class RejectionInversion extends ZipfSampler {
        private static final long serialVersionUID = 1L;

        private final double oneMinusExponent;
        /** {@code H(1.5) - h(1)}: the left end of the proposal range. */
        private final double integralLeft;
        /** {@code H(n + 0.5)}: the right end of the proposal range. */
        private final double integralRight;
        /** Accept without evaluating {@code H} when {@code k - x <= squeeze}. */
        private final double squeeze;

        RejectionInversion(int n, double exponent) {
            super(n, exponent);
            oneMinusExponent = 1.0 - exponent;
            integralLeft = integral(1.5) - 1.0;
            integralRight = integral(n + 0.5);
            squeeze = 2.0 - integralInverse(integral(2.5) - density(2.0));
        }

        @Override
        int sample(SplitMix64 random) {
            while (true) {
                double u = integralRight + random.nextDouble() * (integralLeft - integralRight);
                double x = integralInverse(u);
                double rounded = Math.floor(x + 0.5);
                int k = rounded < 1 ? 1 : rounded > n ? n : (int) rounded;
                if (k - x <= squeeze || u >= integral(k + 0.5) - density(k)) {
                    return k;
                }
            }
        }

        @Override
        long tableBytes() {
            return 0;
        }

        /** {@code h(x) = x^-s}. */
        private double density(double x) {
            return Math.exp(-exponent * Math.log(x));
        }

        /** {@code H(x) = (x^(1-s) - 1) / (1 - s)}, or {@code log x} for {@code s = 1}. */
        private double integral(double x) {
            double logX = Math.log(x);
            return expm1OverX(oneMinusExponent * logX) * logX;
        }

        /** The inverse of {@link #integral}. */
        private double integralInverse(double y) {
            double t = y * oneMinusExponent;
            if (t < -1.0) {
                t = -1.0; // rounding at the far right end
            }
            return Math.exp(log1pOverX(t) * y);
        }

        /** {@code log(1 + t) / t}, continuous at 0. */
        static double log1pOverX(double t) {
            if (Math.abs(t) > 1e-3) {
                return Math.log(1.0 + t) / t;
            }
            return 1.0 - t * (0.5 - t * (1.0 / 3.0 - t * 0.25));
        }

        /** {@code (e^t - 1) / t}, continuous at 0. */
        static double expm1OverX(double t) {
            if (Math.abs(t) > 1e-3) {
                return (Math.exp(t) - 1.0) / t;
            }
            return 1.0 + t * (0.5 + t * (1.0 / 6.0 + t * (1.0 / 24.0)));
        }
    }
}
