package moa.streams.lessram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lessram.SplitMix64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Goodness of fit of both Zipf samplers against the exact probabilities (fixed seeds). */
class ZipfSamplerTest {

    /** Chi-square statistic of {@code draws} samples over ranks 1..n, the last bin pooling the tail. */
    private static double chiSquare(ZipfSampler sampler, int bins, int draws, long seed) {
        int n = sampler.n;
        double s = sampler.exponent;
        double total = 0;
        for (int k = n; k >= 1; k--) {
            total += Math.pow(k, -s);
        }
        double[] expected = new double[bins];
        for (int k = 1; k <= n; k++) {
            expected[Math.min(k, bins) - 1] += Math.pow(k, -s) / total * draws;
        }
        long[] observed = new long[bins];
        SplitMix64 random = new SplitMix64(seed);
        for (int i = 0; i < draws; i++) {
            int k = sampler.sample(random);
            assertTrue(k >= 1 && k <= n, "rank " + k);
            observed[Math.min(k, bins) - 1]++;
        }
        double chi = 0;
        for (int b = 0; b < bins; b++) {
            chi += (observed[b] - expected[b]) * (observed[b] - expected[b]) / expected[b];
        }
        return chi;
    }

    // 49 degrees of freedom: the 0.1% critical value is 85.4
    private static final double CRITICAL_49 = 85.4;

    @ParameterizedTest(name = "s = {0}")
    @ValueSource(doubles = {0.0, 0.5, 1.0, 1.1, 2.0})
    void aliasTableMatchesZipf(double s) {
        double chi = chiSquare(new ZipfSampler.AliasTable(50, s), 50, 200_000, 11);
        assertTrue(chi < CRITICAL_49, "chi-square " + chi);
    }

    @ParameterizedTest(name = "s = {0}")
    @ValueSource(doubles = {0.0, 0.5, 0.999, 1.0, 1.1, 2.0, 4.0})
    void rejectionInversionMatchesZipf(double s) {
        double chi = chiSquare(new ZipfSampler.RejectionInversion(50, s), 50, 200_000, 12);
        assertTrue(chi < CRITICAL_49, "chi-square " + chi);
    }

    @Test
    void rejectionInversionOnALargeSupport() {
        // ranks 1..49 and the pooled tail of a million values
        double chi = chiSquare(new ZipfSampler.RejectionInversion(1_000_000, 1.1), 50, 300_000, 13);
        assertTrue(chi < CRITICAL_49, "chi-square " + chi);
    }

    @Test
    void choosesTheMethodBySupportSize() {
        assertInstanceOf(ZipfSampler.AliasTable.class, ZipfSampler.create(ZipfSampler.TABLE_LIMIT, 1.1));
        assertInstanceOf(ZipfSampler.RejectionInversion.class, ZipfSampler.create(ZipfSampler.TABLE_LIMIT + 1, 1.1));
        assertEquals(12L * 1000, ZipfSampler.create(1000, 1.1).tableBytes());
    }

    @Test
    void supportOfOne() {
        SplitMix64 random = new SplitMix64(1);
        for (int i = 0; i < 1000; i++) {
            assertEquals(1, new ZipfSampler.AliasTable(1, 1.1).sample(random));
            assertEquals(1, new ZipfSampler.RejectionInversion(1, 1.1).sample(random));
        }
    }

    @Test
    void seriesHelpersAreContinuousAtZero() {
        for (double t : new double[] {-1e-3, -1e-4, 1e-4, 1e-3}) {
            double above = t * 1.000001;
            assertEquals(ZipfSampler.RejectionInversion.log1pOverX(above), ZipfSampler.RejectionInversion.log1pOverX(t), 1e-9);
            assertEquals(Math.log1p(t) / t, ZipfSampler.RejectionInversion.log1pOverX(t), 1e-12);
            assertEquals(Math.expm1(t) / t, ZipfSampler.RejectionInversion.expm1OverX(t), 1e-12);
        }
        assertEquals(1.0, ZipfSampler.RejectionInversion.log1pOverX(0.0));
        assertEquals(1.0, ZipfSampler.RejectionInversion.expm1OverX(0.0));
    }
}
