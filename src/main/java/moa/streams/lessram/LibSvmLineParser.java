package moa.streams.lessram;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Parses one LIBSVM/svmlight line, {@code <label> [qid:<q>] <index>:<value> ... [# comment]},
 * from bytes, with strict checks:
 * <ul>
 *   <li>the label and every value must be finite decimal numbers ({@code 1}, {@code -0.5},
 *       {@code 3e-2}); {@code nan}, {@code inf}, hexadecimal and Java suffixes such as
 *       {@code 1f} are malformed;</li>
 *   <li>indices are positive decimal integers below 2<sup>31</sup>, strictly increasing along
 *       the line (the LIBSVM tools' own rule): a repeated or decreasing index is malformed;</li>
 *   <li>{@code qid:} tokens are ignored, as is everything from {@code #} to the end of the
 *       line; a line with nothing else is blank, not malformed;</li>
 *   <li>features with value zero are checked and then dropped (a sparse instance stores
 *       non-zeros only).</li>
 * </ul>
 * Numbers are read by {@link Decimals}, to the same double as {@link Double#parseDouble}.
 */
final class LibSvmLineParser {

    /** {@link #parse} result: an instance was parsed. */
    static final int INSTANCE = 0;
    /** {@link #parse} result: empty or comment-only line. */
    static final int BLANK = 1;
    /** {@link #parse} result: malformed line, see {@link #error()}. */
    static final int MALFORMED = 2;

    private double label;
    private int count;
    private int[] indices = new int[64];
    private double[] values = new double[64];
    private String error;

    /** Scratch result of {@link #parseNumber}. */
    private double number;

    /**
     * Parses {@code line[from .. from + length)}.
     *
     * @return {@link #INSTANCE}, {@link #BLANK} or {@link #MALFORMED}
     */
    int parse(byte[] line, int from, int length) {
        count = 0;
        error = null;
        int end = from + length;
        for (int i = from; i < end; i++) {
            if (line[i] == '#') {
                end = i;
                break;
            }
        }
        int p = skipSpace(line, from, end);
        if (p == end) {
            return BLANK;
        }
        int tokenEnd = tokenEnd(line, p, end);
        if (indexOf(line, p, tokenEnd, (byte) ':') >= 0) {
            return fail("missing label: the line starts with the feature '" + text(line, p, tokenEnd) + "'");
        }
        if (!parseNumber(line, p, tokenEnd)) {
            return fail("label '" + text(line, p, tokenEnd) + "' is not a finite number");
        }
        label = number;
        long previousIndex = 0;
        p = skipSpace(line, tokenEnd, end);
        while (p < end) {
            tokenEnd = tokenEnd(line, p, end);
            if (startsWithQid(line, p, tokenEnd)) {
                p = skipSpace(line, tokenEnd, end);
                continue;
            }
            int colon = indexOf(line, p, tokenEnd, (byte) ':');
            if (colon < 0) {
                return fail("token '" + text(line, p, tokenEnd) + "' is not of the form index:value");
            }
            long index = parseIndex(line, p, colon);
            if (index < 0) {
                return fail("feature index '" + text(line, p, colon)
                        + "' is not a positive integer below 2^31 (indices are 1-based)");
            }
            if (index <= previousIndex) {
                return fail(index == previousIndex
                        ? "duplicate feature index " + index
                        : "feature indices must increase: " + index + " after " + previousIndex);
            }
            previousIndex = index;
            if (!parseNumber(line, colon + 1, tokenEnd)) {
                return fail("value '" + text(line, colon + 1, tokenEnd) + "' of feature " + index
                        + " is not a finite number");
            }
            if (number != 0.0) {
                if (count == indices.length) {
                    indices = Arrays.copyOf(indices, count * 2);
                    values = Arrays.copyOf(values, count * 2);
                }
                indices[count] = (int) index;
                values[count] = number;
                count++;
            }
            p = skipSpace(line, tokenEnd, end);
        }
        return INSTANCE;
    }

    private int fail(String message) {
        error = message;
        count = 0;
        return MALFORMED;
    }

    /** The label of the last parsed instance. */
    double label() {
        return label;
    }

    /** Number of non-zero features of the last parsed instance. */
    int count() {
        return count;
    }

    /** 1-based, strictly increasing feature indices; valid up to {@link #count()}. */
    int[] indices() {
        return indices;
    }

    /** Non-zero values matching {@link #indices()}. */
    double[] values() {
        return values;
    }

    /** What was wrong with the last line, or {@code null}. */
    String error() {
        return error;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == 0x0B || b == '\f';
    }

    private static int skipSpace(byte[] line, int p, int end) {
        while (p < end && isSpace(line[p])) {
            p++;
        }
        return p;
    }

    private static int tokenEnd(byte[] line, int p, int end) {
        while (p < end && !isSpace(line[p])) {
            p++;
        }
        return p;
    }

    private static int indexOf(byte[] line, int from, int to, byte target) {
        for (int i = from; i < to; i++) {
            if (line[i] == target) {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWithQid(byte[] line, int p, int end) {
        return end - p >= 4 && line[p] == 'q' && line[p + 1] == 'i' && line[p + 2] == 'd'
                && line[p + 3] == ':';
    }

    /** A positive decimal integer below 2^31 (leading zeros allowed), or -1. */
    private static long parseIndex(byte[] line, int from, int to) {
        if (from == to) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            int digit = line[i] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
            if (value > Integer.MAX_VALUE) {
                return -1;
            }
        }
        return value == 0 ? -1 : value;
    }

    /**
     * Parses a finite plain decimal number (see {@link Decimals}) into {@link #number}.
     *
     * @return {@code false} if the syntax is wrong or the value is not finite
     */
    private boolean parseNumber(byte[] s, int from, int to) {
        double value = Decimals.parse(s, from, to);
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return false;
        }
        number = value;
        return true;
    }

    /** A token for an error message, shortened if long. */
    private static String text(byte[] line, int from, int to) {
        int max = 40;
        String t = new String(line, from, Math.min(to - from, max), StandardCharsets.UTF_8);
        return to - from > max ? t + "..." : t;
    }
}
