package moa.streams.lessram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.yahoo.labs.samoa.instances.Attribute;
import com.yahoo.labs.samoa.instances.Instance;
import com.yahoo.labs.samoa.instances.InstancesHeader;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import moa.streams.ArffFileStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link SparseArffFileStream} against MOA's own {@link ArffFileStream}, instance by instance. */
class SparseArffFileStreamTest {

    @TempDir
    Path dir;

    private static final String HEADER = "% a comment before the header\n"
            + "@RELATION 'my relation'\n"
            + "\n"
            + "@attribute x numeric\n"
            + "@Attribute 'col two' {a,b,'c d',\"e,f\"}   % trailing comment\n"
            + "@attribute \"three\" real\n"
            + "@attribute class {yes,no}\n"
            + "@data\n";

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, content.getBytes(StandardCharsets.UTF_8));
        return file;
    }

    private Path writeGzip(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    static SparseArffFileStream stream(Path file, String options) {
        SparseArffFileStream stream = new SparseArffFileStream();
        stream.getOptions().setViaCLIString("-f " + file + (options.isEmpty() ? "" : " " + options));
        stream.prepareForUse();
        return stream;
    }

    private static List<Instance> readAll(SparseArffFileStream stream) {
        List<Instance> result = new ArrayList<>();
        while (stream.hasMoreInstances()) {
            result.add(stream.nextInstance().getData());
        }
        return result;
    }

    /** The entries of an instance as "index:value" strings (values as bits, so NaN and -0.0 count). */
    static List<String> entries(Instance instance) {
        List<String> result = new ArrayList<>();
        for (int p = 0; p < instance.numValues(); p++) {
            result.add(instance.index(p) + ":" + instance.valueSparse(p));
        }
        return result;
    }

    static void assertSameInstance(Instance expected, Instance actual, String where) {
        assertEquals(expected.numAttributes(), actual.numAttributes(), where);
        assertEquals(expected.numValues(), actual.numValues(), where + " entries " + entries(actual));
        for (int p = 0; p < expected.numValues(); p++) {
            assertEquals(expected.index(p), actual.index(p), where);
            assertEquals(Double.doubleToLongBits(expected.valueSparse(p)),
                    Double.doubleToLongBits(actual.valueSparse(p)), where + " entry " + p);
        }
        assertEquals(expected.weight(), actual.weight(), where);
        assertEquals(expected.classIndex(), actual.classIndex(), where);
        assertEquals(Double.doubleToLongBits(expected.classValue()), Double.doubleToLongBits(actual.classValue()),
                where);
    }

    static void assertSameHeader(InstancesHeader expected, InstancesHeader actual) {
        assertEquals(expected.getRelationName(), actual.getRelationName());
        assertEquals(expected.numAttributes(), actual.numAttributes());
        assertEquals(expected.classIndex(), actual.classIndex());
        for (int i = 0; i < expected.numAttributes(); i++) {
            Attribute a = expected.attribute(i);
            Attribute b = actual.attribute(i);
            assertEquals(a.name(), b.name(), "attribute " + i);
            assertEquals(a.isNominal(), b.isNominal(), "attribute " + i);
            assertEquals(a.isNumeric(), b.isNumeric(), "attribute " + i);
            assertEquals(a.getAttributeValues(), b.getAttributeValues(), "attribute " + i);
        }
    }

    /**
     * Reads {@code moaFile} with MOA's {@link ArffFileStream} and {@code file} with ours, and checks
     * they give the same instances and, at the end, the same header (taken before reading, so its
     * growth shows too).
     *
     * @return the number of instances
     */
    static int assertSameAsMoa(Path moaFile, Path file, int classIndex) {
        ArffFileStream moa = new ArffFileStream(moaFile.toString(), classIndex);
        SparseArffFileStream ours = stream(file, "-c " + classIndex);
        InstancesHeader moaHeader = moa.getHeader();
        InstancesHeader ourHeader = ours.getHeader();
        int n = 0;
        while (moa.hasMoreInstances()) {
            Instance expected = moa.nextInstance().getData();
            assertTrue(ours.hasMoreInstances(), "ours ends after " + n + " instances");
            Instance actual = ours.nextInstance().getData();
            assertSameInstance(expected, actual, "instance " + n);
            n++;
        }
        assertFalse(ours.hasMoreInstances(), "ours has more than " + n + " instances");
        assertNull(ours.nextInstance());
        assertSameHeader(moaHeader, ourHeader);
        assertSameHeader(moa.getHeader(), ours.getHeader());
        return n;
    }

    private int assertSameAsMoa(String content, int classIndex) throws IOException {
        Path file = write("data.arff", content);
        return assertSameAsMoa(file, file, classIndex);
    }

    @Test
    void denseWithQuotesCommentsBlankLinesAndMissingValues() throws IOException {
        assertEquals(6, assertSameAsMoa(HEADER
                + "1.5,a,2,yes\n"
                + "% a comment line\n"
                + "\n"
                + "-2,'c d',3e-2,no   % trailing comment\n"
                + "?, \"e,f\" ,?,?\n"
                + "  4 , b , -0 , yes\n"
                + "5\t,\ta,\t1E3\t,\tno\n"
                + "6,'c\\ d',.5,'yes'\n", -1));
    }

    @Test
    void numbersAreReadAsDoubleParseDoubleReadsThem() throws IOException {
        assertEquals(10, assertSameAsMoa(HEADER
                + "NaN,a,1,yes\nInfinity,a,-Infinity,yes\n0x1p4,a,2f,yes\n1d,a,'  7 ',yes\n"
                + "123456789012345678901234567890,a,1e-320,yes\n0.1,a,1e308,yes\n1e999,a,-1e999,yes\n"
                + "+3,a,-.25,yes\n007,a,1.,yes\n4.9e-324,a,2.2250738585072014E-308,yes\n", -1));
    }

    @Test
    void sparseLinesKeepTheirEntriesExplicitZerosIncluded() throws IOException {
        assertEquals(6, assertSameAsMoa(HEADER
                + "{0 1.5,1 b,2 7,3 no}\n"
                + "{}\n"
                + "{1 \"c d\"}\n"
                + "{0 0, 2 0}\n"
                + "{3 yes}\n"
                + "{ 2 -4.5e2 , 3 no }   % comment\n", -1));
    }

    @Test
    void denseAndSparseLinesMixed() throws IOException {
        assertEquals(4, assertSameAsMoa(HEADER + "1,a,2,yes\n{0 3}\n4,b,5,no\n{1 a,3 no}\n", -1));
    }

    @Test
    void undeclaredNominalValuesAndClassLabelsGrowTheHeaderAsMoasDo() throws IOException {
        Path file = write("grow.arff", HEADER
                + "1,z,2,yes\n2,a,3,maybe\n{1 w,3 perhaps}\n3,z,4,maybe\n{1 \"new one\"}\n");
        assertEquals(5, assertSameAsMoa(file, file, -1));
        SparseArffFileStream ours = stream(file, "");
        InstancesHeader before = ours.getHeader();
        assertEquals(2, before.numClasses());
        List<Instance> all = readAll(ours);
        assertEquals(2.0, all.get(1).classValue()); // "maybe", appended as the third label
        assertEquals(4, before.numClasses(), "the header taken before reading grows: it shares the attributes");
        assertEquals(Arrays.asList("yes", "no", "maybe", "perhaps"), before.classAttribute().getAttributeValues());
        assertEquals(Arrays.asList("a", "b", "c d", "e,f", "z", "w", "new one"),
                before.attribute(1).getAttributeValues());
        assertEquals(5, ours.getAddedLabelCount());
        StringBuilder sb = new StringBuilder();
        ours.getDescription(sb, 0);
        assertTrue(sb.toString().contains("5 undeclared nominal values added"), sb.toString());
        ours.restart();
        assertEquals(0, ours.getAddedLabelCount(), "a restart reads the header afresh, as MOA's stream does");
        assertEquals(2, ours.getHeader().numClasses());
    }

    @Test
    void headerVariants() throws IOException {
        // no @relation, string/date/integer types read as numeric, @data followed by data on its line
        assertEquals(2, assertSameAsMoa("@attribute s string\n@attribute d date 'yyyy-MM-dd'\n"
                + "@attribute i integer\n@ATTRIBUTE c {0,1}\n@data 1,2,3,1\n4,5,6,0\n", -1));
        // an empty nominal declaration: every value is appended
        assertEquals(2, assertSameAsMoa("@relation r\n@attribute a {}\n@attribute c {x}\n@data\nq,x\nr,x\n", -1));
        // duplicate attribute names and labels
        assertEquals(1, assertSameAsMoa("@relation r\n@attribute a numeric\n@attribute a {p,p,q}\n@data\n1,p\n", -1));
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 1, 2, 4, 0})
    void classIndexOptionAsMoas(int classIndex) throws IOException {
        assertEquals(3, assertSameAsMoa(HEADER + "1,a,2,yes\n{0 3,1 b}\n4,b,5,no\n", classIndex));
    }

    @Test
    void crlfLineEndsAndAByteOrderMarkFreeUtf8File() throws IOException {
        assertEquals(3, assertSameAsMoa(HEADER.replace("\n", "\r\n")
                + "1,a,2,yes\r\n{0 3}\r\n\r\n4,b,5,no", -1));
        assertEquals(2, assertSameAsMoa("@relation 'r\u00e9sum\u00e9'\n@attribute '\u00e4 \u00df' numeric\n"
                + "@attribute c {\u00fcber,'\u65e5\u672c'}\n@data\n1,\u00fcber\n2,'\u65e5\u672c'\n", -1));
    }

    @Test
    void gzipGivesTheSameInstancesAsThePlainFile() throws IOException {
        String content = randomArff(new Random(11), 300, true);
        Path plain = write("r.arff", content);
        Path gzip = writeGzip("r.arff.gz", content);
        assertEquals(300, assertSameAsMoa(plain, gzip, -1));
        Path gzipWithPlainName = writeGzip("disguised.arff", content);
        assertEquals(300, assertSameAsMoa(plain, gzipWithPlainName, -1));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void randomFilesGiveTheSameInstancesAsMoa(long seed) throws IOException {
        Random random = new Random(seed);
        assertEquals(400, assertSameAsMoa(randomArff(random, 400, seed % 2 == 0), random.nextInt(3) - 1));
    }

    @Test
    void wideSparseMailCorpusGivesTheSameInstancesAsMoa() throws IOException {
        Path file = dir.resolve("mail.arff");
        WideSparseArff.write(file, 150, 3000, 5);
        assertEquals(150, assertSameAsMoa(file, file, -1));
    }

    /**
     * A random ARFF file of well-formed lines: numeric and nominal attributes with quoted names and
     * labels, dense and sparse lines, missing values, comments, blank lines, undeclared values.
     */
    static String randomArff(Random random, int instances, boolean mostlySparse) {
        int numAttributes = 2 + random.nextInt(30);
        boolean[] nominal = new boolean[numAttributes];
        List<List<String>> labels = new ArrayList<>();
        StringBuilder sb = new StringBuilder("% random file\n@relation 'random data'\n");
        for (int i = 0; i < numAttributes; i++) {
            nominal[i] = i == numAttributes - 1 || random.nextInt(3) == 0;
            String name = random.nextBoolean() ? "att" + i : "'att " + i + "'";
            List<String> values = new ArrayList<>();
            if (nominal[i]) {
                int k = 1 + random.nextInt(4);
                StringBuilder declared = new StringBuilder();
                for (int v = 0; v < k; v++) {
                    String label = random.nextBoolean() ? "v" + v : "'v " + v + "'";
                    values.add(label);
                    declared.append(v == 0 ? "" : ",").append(label);
                }
                sb.append("@attribute ").append(name).append(" {").append(declared).append("}\n");
            } else {
                sb.append("@attribute ").append(name).append(random.nextBoolean() ? " numeric\n" : " REAL\n");
            }
            labels.add(values);
        }
        sb.append("@data\n");
        for (int n = 0; n < instances; n++) {
            if (random.nextInt(20) == 0) {
                sb.append(random.nextBoolean() ? "\n" : "% comment\n");
            }
            boolean sparse = mostlySparse ? random.nextInt(10) > 0 : random.nextInt(10) == 0;
            StringBuilder line = new StringBuilder(sparse ? "{" : "");
            boolean first = true;
            for (int i = 0; i < numAttributes; i++) {
                if (sparse && random.nextInt(4) > 0) {
                    continue;
                }
                String value;
                if (!sparse && random.nextInt(15) == 0) {
                    value = "?";
                } else if (nominal[i]) {
                    List<String> values = labels.get(i);
                    if (random.nextInt(40) == 0) {
                        value = "new" + random.nextInt(3); // undeclared: appended by both readers
                    } else {
                        value = values.get(random.nextInt(values.size()));
                        if (sparse && value.startsWith("'")) {
                            value = "\"" + value.substring(1, value.length() - 1) + "\"";
                        }
                    }
                } else {
                    switch (random.nextInt(5)) {
                        case 0:
                            value = Integer.toString(random.nextInt(100) - 50);
                            break;
                        case 1:
                            value = Double.toString(random.nextGaussian() * Math.pow(10, random.nextInt(20) - 10));
                            break;
                        case 2:
                            value = "0";
                            break;
                        case 3:
                            value = String.format(java.util.Locale.ROOT, "%.3f", random.nextDouble());
                            break;
                        default:
                            value = Float.toString((float) random.nextGaussian());
                    }
                }
                line.append(first ? "" : random.nextBoolean() ? "," : ", ");
                first = false;
                line.append(sparse ? i + " " + value : value);
            }
            sb.append(line).append(sparse ? "}" : "").append(random.nextInt(10) == 0 ? " % note" : "").append('\n');
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------------------------------
    // where MOA's reader has a bug: Weka's reading

    @Test
    void singleQuotedSparseValueIsReadNotDropped() throws IOException {
        List<Instance> all = readAll(stream(write("q.arff", HEADER + "{1 'c d',3 'no'}\n"), ""));
        assertEquals(Arrays.asList("1:2.0", "3:1.0"), entries(all.get(0)));
    }

    @Test
    void questionMarkInASparseLineIsMissing() throws IOException {
        SparseArffFileStream stream = stream(write("m.arff", HEADER + "{0 ?,1 ?,3 ?}\n"), "");
        Instance instance = readAll(stream).get(0);
        assertEquals(Arrays.asList("0:NaN", "1:NaN", "3:NaN"), entries(instance));
        assertTrue(instance.classIsMissing());
        assertEquals(0, stream.getAddedLabelCount(), "'?' is not a label");
    }

    @Test
    void instanceWeights() throws IOException {
        List<Instance> all = readAll(stream(write("w.arff", HEADER
                + "1,a,2,yes,{3}\n{0 1,3 no},{0.5}\n{0 1} {2}\n4,b,5,no\n"), ""));
        assertEquals(3.0, all.get(0).weight());
        assertEquals(0.5, all.get(1).weight());
        assertEquals(2.0, all.get(2).weight());
        assertEquals(1.0, all.get(3).weight());
        assertEquals(Arrays.asList("0:1.0", "3:1.0"), entries(all.get(1)));
    }

    // ------------------------------------------------------------------------------------------
    // malformed input

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1,a,2                     | only 3 values for the 4 attributes",
        "1,a,2,yes,5               | more values than the 4 attributes",
        "1,{a,2,yes                | unexpected '{'",
        "1,a,2,yes}                | unexpected '}'",
        "abc,a,2,yes               | value 'abc' of numeric attribute 'x' is not a number",
        "{4 1}                     | sparse attribute index '4' is not below the 4 attributes",
        "{-1 1}                    | sparse attribute index '-1' is not a non-negative integer",
        "{x 1}                     | sparse attribute index 'x' is not a non-negative integer",
        "{2 1,0 1}                 | attribute indices must increase: 0 after 2",
        "{2 1,2 1}                 | attribute index 2 appears twice",
        "{2}                       | attribute index 2 without a value",
        "{2 1                      | expected an attribute index or '}', found the end of the line",
        "{'0' 1}                   | expected an attribute index",
        "{2 1} x                   | unexpected 'x' after the closing '}'",
        "1,a,2,yes,{-1}            | instance weight '-1' is not a finite non-negative number",
        "1,a,2,yes,{1 2}           | instance weight not closed by '}'",
        "{0 1},{1} 3               | unexpected '3' after the instance weight",
        "{0 abc}                   | value 'abc' of numeric attribute 'x' is not a number",
    })
    void malformedDataLinesNameFileAndLine(String line, String problem) throws IOException {
        Path file = write("bad.arff", HEADER + "1,a,2,yes\n\n" + line + "\n4,b,5,no\n");
        SparseArffFileStream failing = stream(file, "");
        assertTrue(failing.hasMoreInstances());
        failing.nextInstance();
        ArffFormatException e = assertThrows(ArffFormatException.class, failing::hasMoreInstances);
        assertEquals("bad.arff", e.getFileName());
        assertEquals(11, e.getLineNumber(), e.getMessage());
        assertTrue(e.getProblem().startsWith(problem.trim()), e.getMessage());
        assertTrue(e.getMessage().startsWith("Malformed ARFF line 11 of bad.arff: "), e.getMessage());
        // a further call carries on with the next line
        assertTrue(failing.hasMoreInstances());
        assertEquals(4.0, failing.nextInstance().getData().value(0));
        assertFalse(failing.hasMoreInstances());

        SparseArffFileStream skipping = stream(file, "-m skip");
        assertEquals(2, readAll(skipping).size());
        assertEquals(1, skipping.getSkippedLineCount());
        StringBuilder sb = new StringBuilder();
        skipping.getDescription(sb, 0);
        assertTrue(sb.toString().contains("1 malformed lines skipped"), sb.toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', emptyValue = "", value = {
        "@relation r\\n@attribute a numeric\\n                      | 3 | the header has no @data line",
        "@relation r\\n@data\\n1\\n                                 | 2 | the header declares no attribute",
        "@relation r\\n@attribute a {x,\\ny}\\n@data\\n             | 2 | the labels of nominal attribute 'a' are not closed",
        "@relation r\\n@attribute\\n@data\\n                        | 2 | @attribute without a name",
        "''                                                         | 1 | the header declares no attribute",
    })
    void malformedHeadersNameFileAndLineInEveryMode(String content, int line, String problem) throws IOException {
        Path file = write("head.arff", content.replace("\\n", "\n"));
        for (String options : new String[] {"", "-m skip"}) {
            ArffFormatException e = assertThrows(ArffFormatException.class, () -> stream(file, options));
            assertEquals("head.arff", e.getFileName());
            assertEquals(line, e.getLineNumber(), e.getMessage());
            assertTrue(e.getProblem().startsWith(problem), e.getMessage());
        }
    }

    @Test
    void classIndexBeyondTheAttributesIsRejected() throws IOException {
        Path file = write("c.arff", HEADER + "1,a,2,yes\n");
        ArffFormatException e = assertThrows(ArffFormatException.class, () -> stream(file, "-c 5"));
        assertTrue(e.getProblem().contains("class index 5"), e.getMessage());
    }

    @Test
    void truncatedGzipNamesFileAndLineReached() throws IOException {
        Path full = writeGzip("full.arff.gz", randomArff(new Random(5), 20_000, true));
        byte[] bytes = Files.readAllBytes(full);
        Path cut = dir.resolve("cut.arff.gz");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
        for (String options : new String[] {"", "-m skip"}) {
            SparseArffFileStream stream = stream(cut, options);
            long read = 0;
            ArffFormatException e = null;
            try {
                while (stream.hasMoreInstances()) {
                    stream.nextInstance();
                    read++;
                }
            } catch (ArffFormatException failure) {
                e = failure;
            }
            assertTrue(e != null, "no failure after " + read + " instances");
            assertTrue(read > 1000 && read < 20_000, "read " + read);
            assertEquals("cut.arff.gz", e.getFileName());
            assertTrue(e.getLineNumber() > read, e.getMessage());
            assertTrue(e.getMessage().contains("truncated"), e.getMessage());
            assertInstanceOf(EOFException.class, e.getCause());
            assertFalse(stream.hasMoreInstances(), "the stream ends at the damage");
        }
    }

    @Test
    void optionsAndDescription() throws IOException {
        SparseArffFileStream unprepared = new SparseArffFileStream();
        assertThrows(IllegalArgumentException.class, unprepared::prepareForUse);
        unprepared.arffFileOption.setValue(dir.resolve("missing.arff").toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, unprepared::prepareForUse);
        assertTrue(e.getMessage().contains("missing.arff"), e.getMessage());

        Path file = write("d.arff", HEADER + "1,a,2,yes\n{0 3}\n");
        SparseArffFileStream stream = new SparseArffFileStream(file.toFile());
        assertTrue(stream.isRestartable());
        assertEquals(-1, stream.estimatedRemainingInstances());
        assertEquals(2, readAll(stream).size());
        assertEquals(0, stream.estimatedRemainingInstances());
        assertEquals(2, stream.getInstancesRead());
        StringBuilder sb = new StringBuilder();
        stream.getDescription(sb, 0);
        assertTrue(sb.toString().startsWith("ARFF file stream over d.arff: 4 attributes, 2 instances read"),
                sb.toString());
        stream.restart();
        assertEquals(2, readAll(stream).size());
        SparseArffFileStream copy = (SparseArffFileStream) stream.copy();
        assertEquals(2, readAll(copy).size());
        assertSameHeader(stream.getHeader(), copy.getHeader());
    }
}
