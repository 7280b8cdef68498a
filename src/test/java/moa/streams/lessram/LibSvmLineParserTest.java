package moa.streams.lessram;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LibSvmLineParserTest {

    private final LibSvmLineParser parser = new LibSvmLineParser();

    private int parse(String line) {
        byte[] bytes = ("xx" + line + "yy").getBytes(StandardCharsets.UTF_8);
        return parser.parse(bytes, 2, bytes.length - 4); // parses a slice, not the whole array
    }

    @Test
    void numbersMatchDoubleParseDoubleExactly() {
        Random random = new Random(42);
        for (int i = 0; i < 100_000; i++) {
            String number = randomDecimal(random);
            double expected = Double.parseDouble(number);
            if (Double.isInfinite(expected)) {
                assertEquals(LibSvmLineParser.MALFORMED, parse("1 7:" + number), number);
                assertEquals(LibSvmLineParser.MALFORMED, parse(number + " 1:1"), number);
                continue;
            }
            assertEquals(LibSvmLineParser.INSTANCE, parse("1 7:" + number), number);
            if (expected == 0.0) {
                assertEquals(0, parser.count(), number);
            } else {
                assertEquals(1, parser.count(), number);
                assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(parser.values()[0]), number);
            }
            assertEquals(LibSvmLineParser.INSTANCE, parse(number + " 1:1"), number);
            assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(parser.label()), number);
        }
    }

    private static String randomDecimal(Random random) {
        StringBuilder sb = new StringBuilder();
        switch (random.nextInt(3)) {
            case 0:
                sb.append('-');
                break;
            case 1:
                sb.append('+');
                break;
            default:
                break;
        }
        int integerDigits = random.nextInt(random.nextBoolean() ? 4 : 22);
        int fractionDigits = random.nextInt(random.nextBoolean() ? 6 : 25);
        if (integerDigits + fractionDigits == 0) {
            integerDigits = 1;
        }
        for (int i = 0; i < integerDigits; i++) {
            sb.append((char) ('0' + random.nextInt(10)));
        }
        if (fractionDigits > 0 || random.nextBoolean()) {
            sb.append('.');
        }
        for (int i = 0; i < fractionDigits; i++) {
            sb.append((char) ('0' + random.nextInt(10)));
        }
        if (random.nextInt(4) == 0) {
            sb.append(random.nextBoolean() ? 'e' : 'E');
            if (random.nextBoolean()) {
                sb.append(random.nextBoolean() ? '-' : '+');
            }
            sb.append(random.nextInt(random.nextBoolean() ? 30 : 320));
        }
        return sb.toString();
    }

    @Test
    void blankAndCommentLines() {
        assertEquals(LibSvmLineParser.BLANK, parse(""));
        assertEquals(LibSvmLineParser.BLANK, parse("   \t "));
        assertEquals(LibSvmLineParser.BLANK, parse("# only a comment 1 2:3"));
        assertEquals(LibSvmLineParser.BLANK, parse("  #"));
    }

    @Test
    void qidAndZeros() {
        assertEquals(LibSvmLineParser.INSTANCE, parse("-1 qid:17 3:0 5:0.0 9:-0 12:2"));
        assertEquals(-1.0, parser.label());
        assertEquals(1, parser.count());
        assertEquals(12, parser.indices()[0]);
        assertEquals(2.0, parser.values()[0]);
        assertEquals(LibSvmLineParser.INSTANCE, parse("1 qid:1"));
        assertEquals(0, parser.count());
    }

    @Test
    void indicesUpToTheLargestInt() {
        assertEquals(LibSvmLineParser.INSTANCE, parse("1 007:1 2147483647:1"));
        assertEquals(7, parser.indices()[0]);
        assertEquals(Integer.MAX_VALUE, parser.indices()[1]);
        assertEquals(LibSvmLineParser.MALFORMED, parse("1 2147483648:1"));
    }

    @Test
    void manyFeaturesGrowTheBuffers() {
        StringBuilder sb = new StringBuilder("1");
        for (int j = 1; j <= 5000; j++) {
            sb.append(' ').append(j).append(':').append(j * 0.5);
        }
        assertEquals(LibSvmLineParser.INSTANCE, parse(sb.toString()));
        assertEquals(5000, parser.count());
        assertEquals(5000, parser.indices()[4999]);
        assertEquals(2500.0, parser.values()[4999]);
    }
}
