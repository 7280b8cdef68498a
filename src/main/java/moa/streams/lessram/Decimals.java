package moa.streams.lessram;

import java.nio.charset.StandardCharsets;

/**
 * Parses plain decimal numbers from bytes, {@code [+-]? digits [. digits] [(e|E) [+-]? digits]}
 * with at least one mantissa digit, to the same double as {@link Double#parseDouble}.
 *
 * <p>Fast path: a decimal mantissa that fits in 53 bits with a decimal exponent within +-22 is
 * converted with one exactly rounded multiplication or division (both operands are exact doubles,
 * so the result is the correctly rounded value, as {@code parseDouble} gives); other numbers of
 * this syntax go through {@code parseDouble}.
 */
final class Decimals {

    private static final double[] POWERS_OF_TEN = new double[23];

    static {
        double p = 1.0;
        for (int i = 0; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = p;
            p *= 10.0;
        }
    }

    private static final long MAX_EXACT_MANTISSA = 1L << 53;

    private Decimals() {
    }

    /**
     * Parses {@code s[from .. to)}.
     *
     * @return the value (infinite if it overflows), or NaN if the bytes are not a plain decimal
     *     number (the syntax above cannot spell NaN, so NaN is unambiguous)
     */
    static double parse(byte[] s, int from, int to) {
        int p = from;
        boolean negative = false;
        if (p < to && (s[p] == '+' || s[p] == '-')) {
            negative = s[p] == '-';
            p++;
        }
        long mantissa = 0;
        int digits = 0;
        int droppedDigits = 0; // integer digits beyond the exact range, they scale by 10
        boolean exact = true;
        while (p < to && s[p] >= '0' && s[p] <= '9') {
            if (mantissa < MAX_EXACT_MANTISSA / 10) {
                mantissa = mantissa * 10 + (s[p] - '0');
            } else {
                exact = false;
                droppedDigits++;
            }
            digits++;
            p++;
        }
        int fractionDigits = 0;
        if (p < to && s[p] == '.') {
            p++;
            while (p < to && s[p] >= '0' && s[p] <= '9') {
                if (mantissa < MAX_EXACT_MANTISSA / 10) {
                    mantissa = mantissa * 10 + (s[p] - '0');
                    fractionDigits++;
                } else {
                    exact = false;
                }
                digits++;
                p++;
            }
        }
        if (digits == 0) {
            return Double.NaN;
        }
        int exponent = 0;
        if (p < to && (s[p] == 'e' || s[p] == 'E')) {
            p++;
            boolean negativeExponent = false;
            if (p < to && (s[p] == '+' || s[p] == '-')) {
                negativeExponent = s[p] == '-';
                p++;
            }
            int exponentDigits = 0;
            while (p < to && s[p] >= '0' && s[p] <= '9') {
                if (exponent < 100_000) {
                    exponent = exponent * 10 + (s[p] - '0');
                }
                exponentDigits++;
                p++;
            }
            if (exponentDigits == 0) {
                return Double.NaN;
            }
            if (negativeExponent) {
                exponent = -exponent;
            }
        }
        if (p != to) {
            return Double.NaN;
        }
        int scale = exponent - fractionDigits + droppedDigits;
        if (exact && scale >= -22 && scale <= 22) {
            double value = scale >= 0 ? mantissa * POWERS_OF_TEN[scale] : mantissa / POWERS_OF_TEN[-scale];
            return negative ? -value : value;
        }
        return Double.parseDouble(new String(s, from, to - from, StandardCharsets.US_ASCII));
    }
}
