package moa.streams.lessram;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Coverage-guided fuzzing of the LIBSVM line parser against a slow reference written from the
 * documented rules (string splitting, a regular expression and {@link Double#parseDouble}): both
 * must classify every line alike and, for an instance, give the same label, indices and values,
 * bit for bit.
 *
 * <p>Plain {@code mvn test} runs the seeds in {@code LibSvmLineParserFuzzTestInputs/parseLine/};
 * {@code JAZZER_FUZZ=1 mvn test -Dtest='LibSvmLineParserFuzzTest#parseLine'} fuzzes (see the README).
 */
class LibSvmLineParserFuzzTest {

    private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");

    private final LibSvmLineParser parser = new LibSvmLineParser();

    @FuzzTest(maxDuration = "5m")
    void parseLine(byte[] data) {
        // parse a slice, to check the parser honours the bounds
        byte[] padded = new byte[data.length + 4];
        Arrays.fill(padded, (byte) '9');
        System.arraycopy(data, 0, padded, 2, data.length);
        int result = parser.parse(padded, 2, data.length);
        Reference expected = Reference.parse(data);
        assertEquals(expected.result, result, () -> "line '" + printable(data) + "': " + parser.error());
        if (result == LibSvmLineParser.MALFORMED) {
            assertNotNull(parser.error());
            assertEquals(0, parser.count());
            return;
        }
        assertNull(parser.error());
        if (result == LibSvmLineParser.BLANK) {
            return;
        }
        assertEquals(Double.doubleToLongBits(expected.label), Double.doubleToLongBits(parser.label()));
        int n = parser.count();
        assertArrayEquals(expected.indices(), Arrays.copyOf(parser.indices(), n), () -> printable(data));
        long[] actualBits = new long[n];
        for (int i = 0; i < n; i++) {
            actualBits[i] = Double.doubleToLongBits(parser.values()[i]);
        }
        assertArrayEquals(expected.valueBits(), actualBits, () -> printable(data));
    }

    private static String printable(byte[] data) {
        return new String(data, StandardCharsets.ISO_8859_1).replace("\n", "\\n").replace("\r", "\\r");
    }

    /** The documented rules, implemented the slow and obvious way. */
    private static final class Reference {
        int result;
        double label;
        final List<Integer> indices = new ArrayList<>();
        final List<Double> values = new ArrayList<>();

        static Reference parse(byte[] data) {
            Reference r = new Reference();
            String line = new String(data, StandardCharsets.ISO_8859_1);
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            List<String> tokens = new ArrayList<>();
            for (String token : line.split("[ \\t\\r\\u000B\\f]+")) {
                if (!token.isEmpty()) {
                    tokens.add(token);
                }
            }
            if (tokens.isEmpty()) {
                r.result = LibSvmLineParser.BLANK;
                return r;
            }
            r.result = LibSvmLineParser.MALFORMED;
            Double label = finite(tokens.get(0));
            if (label == null || tokens.get(0).contains(":")) {
                return r;
            }
            r.label = label;
            long previous = 0;
            for (String token : tokens.subList(1, tokens.size())) {
                if (token.startsWith("qid:")) {
                    continue;
                }
                int colon = token.indexOf(':');
                if (colon < 0 || !token.substring(0, colon).matches("[0-9]+")) {
                    return r;
                }
                String digits = token.substring(0, colon).replaceFirst("^0+(?=.)", "");
                if (digits.length() > 10 || Long.parseLong(digits) > Integer.MAX_VALUE || Long.parseLong(digits) == 0) {
                    return r;
                }
                long index = Long.parseLong(digits);
                if (index <= previous) {
                    return r;
                }
                previous = index;
                Double value = finite(token.substring(colon + 1));
                if (value == null) {
                    return r;
                }
                if (value != 0.0) {
                    r.indices.add((int) index);
                    r.values.add(value);
                }
            }
            r.result = LibSvmLineParser.INSTANCE;
            return r;
        }

        /** A finite plain decimal number, or null. */
        private static Double finite(String token) {
            if (!DECIMAL.matcher(token).matches()) {
                return null;
            }
            double value = Double.parseDouble(token);
            return Double.isInfinite(value) ? null : value;
        }

        int[] indices() {
            return indices.stream().mapToInt(Integer::intValue).toArray();
        }

        long[] valueBits() {
            return values.stream().mapToLong(Double::doubleToLongBits).toArray();
        }
    }
}
