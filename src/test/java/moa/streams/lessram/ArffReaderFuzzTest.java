package moa.streams.lessram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.yahoo.labs.samoa.instances.Attribute;
import com.yahoo.labs.samoa.instances.Instance;
import com.yahoo.labs.samoa.instances.Instances;
import com.yahoo.labs.samoa.instances.InstancesHeader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Coverage-guided fuzzing of the ARFF reader behind {@link SparseArffFileStream}. Any input either
 * reads or fails with an {@link ArffFormatException} naming a line of the input; every instance is
 * consistent with the header (entries in range and increasing, nominal values within the labels,
 * weights finite); a malformed line never stops the reader from carrying on with the next one.
 * When the reader accepts the whole input, MOA's own reader must give the same instances and
 * header (differential check), unless MOA fails on it or the input uses one of the readings where
 * the two are documented to differ (a sparse line together with a quote or a {@code ?}).
 *
 * <p>A second target, {@link #sameAsMoa}, builds ARFF text from the fuzzer's choices (keywords,
 * names, labels and values, quoted or not, separators, comments, line ends, dense and sparse
 * lines) so that most inputs are well-formed, and checks the differential on them.
 *
 * <p>Plain {@code mvn test} runs the seeds in {@code ArffReaderFuzzTestInputs/<method>/};
 * {@code JAZZER_FUZZ=1 mvn test -Dtest='ArffReaderFuzzTest#readArff'} fuzzes (see the README).
 */
class ArffReaderFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void readArff(byte[] data) throws IOException {
        long lines = 1;
        for (byte b : data) {
            if (b == '\n' || b == '\r') {
                lines++;
            }
        }
        ArffReader reader;
        try {
            reader = new ArffReader(new ByteArrayInputStream(data), "fuzz.arff", ArffReader.CLASS_LAST);
        } catch (ArffFormatException e) {
            assertLine(e, lines);
            return;
        }
        InstancesHeader header = reader.header();
        int numAttributes = reader.numAttributes();
        assertEquals(numAttributes, header.numAttributes());
        assertEquals(numAttributes - 1, header.classIndex());
        List<Instance> instances = new ArrayList<>();
        boolean malformed = false;
        for (int calls = 0; ; calls++) {
            assertTrue(calls <= lines, "more instances and errors than lines");
            Instance instance;
            try {
                instance = reader.next();
            } catch (ArffFormatException e) {
                assertLine(e, lines);
                malformed = true;
                continue;
            }
            if (instance == null) {
                break;
            }
            assertConsistent(instance, header);
            instances.add(instance);
        }
        if (!malformed && !documentedDifference(data)) {
            compareWithMoa(data, instances, header);
        }
    }

    private static final String[] ATTRIBUTE = {"@attribute", "@ATTRIBUTE", "@Attribute"};
    private static final String[] TYPES = {"numeric", "REAL", "integer", "string", "date"};
    private static final String[] SEPARATORS = {",", ", ", " ", "\t", " , ", ",,"};
    private static final String[] LINE_ENDS = {"\n", "\r\n", "\r", " % note\n", "\n\n", "\n% comment\n"};
    private static final String[] NUMBERS = {"0", "-0", "1", "2.5", "-3e2", ".5", "7.", "1E-3", "NaN",
        "Infinity", "-Infinity", "0x1p3", "2f", "1e999", "00012", "+4", "9007199254740993", "1e-400"};

    @FuzzTest(maxDuration = "5m")
    void sameAsMoa(FuzzedDataProvider in) throws IOException {
        StringBuilder sb = new StringBuilder();
        boolean sparseQuoteOrQuestion = false;
        if (in.consumeBoolean()) {
            sb.append("@relation ").append(token(in)).append(in.pickValue(LINE_ENDS));
        }
        int numAttributes = in.consumeInt(1, 6);
        List<List<String>> labels = new ArrayList<>();
        for (int i = 0; i < numAttributes; i++) {
            sb.append(in.pickValue(ATTRIBUTE)).append(' ').append(token(in)).append(' ');
            List<String> declared = new ArrayList<>();
            if (in.consumeBoolean()) {
                int k = in.consumeInt(0, 4);
                sb.append('{');
                for (int v = 0; v < k; v++) {
                    String label = token(in);
                    declared.add(label);
                    sb.append(v == 0 ? "" : in.pickValue(SEPARATORS)).append(label);
                }
                sb.append('}');
                labels.add(declared);
            } else {
                sb.append(in.pickValue(TYPES));
                labels.add(null);
            }
            sb.append(in.pickValue(LINE_ENDS));
        }
        sb.append(in.consumeBoolean() ? "@data" : "@DATA").append(in.pickValue(LINE_ENDS));
        int lines = in.consumeInt(0, 8);
        for (int line = 0; line < lines; line++) {
            boolean sparse = in.consumeBoolean();
            StringBuilder text = new StringBuilder(sparse ? "{" : "");
            int index = -1;
            for (int i = 0; i < numAttributes; i++) {
                if (sparse) {
                    index += 1 + in.consumeInt(0, 2);
                    if (index >= numAttributes) {
                        break;
                    }
                }
                int attribute = sparse ? index : i;
                String value = value(in, labels.get(attribute));
                text.append(text.length() <= 1 ? "" : in.pickValue(SEPARATORS));
                text.append(sparse ? index + " " + value : value);
            }
            if (sparse) {
                text.append('}');
                sparseQuoteOrQuestion |= text.indexOf("'") >= 0 || text.indexOf("?") >= 0;
            }
            sb.append(text).append(in.pickValue(LINE_ENDS));
        }
        byte[] data = sb.toString().getBytes(StandardCharsets.UTF_8);
        ArffReader reader;
        try {
            reader = new ArffReader(new java.io.ByteArrayInputStream(data), "fuzz.arff", ArffReader.CLASS_LAST);
        } catch (ArffFormatException e) {
            return;
        }
        List<Instance> instances = new ArrayList<>();
        while (true) {
            Instance instance;
            try {
                instance = reader.next();
            } catch (ArffFormatException e) {
                return; // malformed: compared by readArff's consistency checks only
            }
            if (instance == null) {
                break;
            }
            assertConsistent(instance, reader.header());
            instances.add(instance);
        }
        if (!sparseQuoteOrQuestion) {
            compareWithMoa(data, instances, reader.header());
        }
    }

    /** A name, label or value: a plain word, a quoted string, or raw fuzzer text. */
    private static String token(FuzzedDataProvider in) {
        switch (in.consumeInt(0, 4)) {
            case 0:
                return "w" + in.consumeInt(0, 20);
            case 1:
                return "'" + in.consumeString(6) + "'";
            case 2:
                return "\"" + in.consumeString(6) + "\"";
            case 3:
                return in.consumeAsciiString(4);
            default:
                return in.consumeString(4);
        }
    }

    private static String value(FuzzedDataProvider in, List<String> labels) {
        int choice = in.consumeInt(0, 9);
        if (choice == 0) {
            return "?";
        }
        if (choice == 1) {
            return token(in);
        }
        if (labels != null && !labels.isEmpty() && choice < 7) {
            return in.pickValue(labels);
        }
        return choice == 8 ? Double.toString(in.consumeRegularDouble()) : in.pickValue(NUMBERS);
    }

    private static void assertLine(ArffFormatException e, long lines) {
        assertEquals("fuzz.arff", e.getFileName());
        assertTrue(e.getLineNumber() >= 1 && e.getLineNumber() <= lines, e.getMessage());
        assertTrue(e.getMessage().startsWith("Malformed ARFF line "), e.getMessage());
    }

    private static void assertConsistent(Instance instance, InstancesHeader header) {
        assertSame(header, instance.dataset());
        assertEquals(header.numAttributes(), instance.numAttributes());
        double weight = instance.weight();
        assertTrue(weight >= 0 && !Double.isInfinite(weight), "weight " + weight);
        int previous = -1;
        for (int p = 0; p < instance.numValues(); p++) {
            int index = instance.index(p);
            assertTrue(index > previous && index < header.numAttributes(), "index " + index);
            previous = index;
            Attribute attribute = header.attribute(index);
            double value = instance.valueSparse(p);
            if (attribute.isNominal() && !Double.isNaN(value)) {
                assertTrue(value >= 0 && value < attribute.numValues() && value == Math.rint(value),
                        "nominal value " + value + " of " + attribute.getAttributeValues());
            }
        }
    }

    /** Sparse lines read single-quoted values and {@code ?} as Weka does, where MOA does not. */
    private static boolean documentedDifference(byte[] data) {
        boolean brace = false;
        boolean quoteOrQuestionMark = false;
        for (byte b : data) {
            brace |= b == '{';
            quoteOrQuestionMark |= b == '\'' || b == '?';
        }
        return brace && quoteOrQuestionMark;
    }

    /** MOA's own reader, as its ArffFileStream drives it, on the same bytes. */
    private static void compareWithMoa(byte[] data, List<Instance> instances, InstancesHeader header) {
        Instances moa;
        List<Instance> expected = new ArrayList<>();
        try {
            moa = new Instances(new InputStreamReader(new ByteArrayInputStream(data), StandardCharsets.UTF_8), 1, -1);
            while (moa.readInstance(null)) {
                expected.add(moa.instance(0));
                moa.delete();
            }
        } catch (RuntimeException e) {
            return; // MOA fails where this reader reads Weka's syntax (weights) or errs less: nothing to compare
        }
        assertEquals(expected.size(), instances.size(), "instances");
        for (int i = 0; i < expected.size(); i++) {
            SparseArffFileStreamTest.assertSameInstance(expected.get(i), instances.get(i), "instance " + i);
        }
        SparseArffFileStreamTest.assertSameHeader(new InstancesHeader(moa), header);
        assertFalse(expected.isEmpty() && !instances.isEmpty());
    }
}
