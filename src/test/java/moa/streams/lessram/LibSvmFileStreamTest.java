package moa.streams.lessram;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.yahoo.labs.samoa.instances.Instance;
import com.yahoo.labs.samoa.instances.InstancesHeader;
import com.yahoo.labs.samoa.instances.SparseInstance;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LibSvmFileStreamTest {

    @TempDir
    Path dir;

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

    private static LibSvmFileStream stream(Path file, String options) {
        LibSvmFileStream stream = new LibSvmFileStream();
        stream.getOptions().setViaCLIString("-f " + file + (options.isEmpty() ? "" : " " + options));
        stream.prepareForUse();
        return stream;
    }

    private static List<Instance> readAll(LibSvmFileStream stream) {
        List<Instance> result = new ArrayList<>();
        while (stream.hasMoreInstances()) {
            result.add(stream.nextInstance().getData());
        }
        return result;
    }

    /** The feature entries (class entry excluded) as "index:value" strings. */
    private static List<String> features(Instance instance) {
        List<String> result = new ArrayList<>();
        for (int p = 0; p < instance.numValues(); p++) {
            if (instance.index(p) != instance.classIndex()) {
                result.add(instance.index(p) + ":" + instance.valueSparse(p));
            }
        }
        return result;
    }

    @Test
    void binaryPlusMinusOneLabels() throws IOException {
        Path file = write("a.svm", "+1 1:0.5 3:2\n-1 2:1\n1 3:-4.25\n");
        LibSvmFileStream stream = stream(file, "");
        InstancesHeader header = stream.getHeader();
        assertEquals(3, stream.getNumFeatures());
        assertEquals(4, header.numAttributes());
        assertEquals(3, header.classIndex());
        assertEquals(Arrays.asList("0", "1"), stream.getClassLabels());
        List<Instance> all = readAll(stream);
        assertEquals(3, all.size());
        assertEquals(1.0, all.get(0).classValue());
        assertEquals(Arrays.asList("0:0.5", "2:2.0"), features(all.get(0)));
        assertEquals(0.0, all.get(1).classValue());
        assertEquals(Arrays.asList("1:1.0"), features(all.get(1)));
        assertEquals(1.0, all.get(2).classValue());
        assertEquals(Arrays.asList("2:-4.25"), features(all.get(2)));
        assertEquals(0.0, all.get(0).value(1), "absent features read as 0");
        assertEquals(3, stream.getInstancesRead());
        assertFalse(stream.hasMoreInstances());
        assertNull(stream.nextInstance());
    }

    @Test
    void binaryZeroOneLabels() throws IOException {
        Path file = write("b.svm", "0 1:1\n1 2:1\n0 1:2 2:2\n");
        List<Instance> all = readAll(stream(file, ""));
        assertEquals(3, all.size());
        assertEquals(0.0, all.get(0).classValue());
        assertEquals(1.0, all.get(1).classValue());
        assertEquals(0.0, all.get(2).classValue());
        assertEquals("0", all.get(0).classAttribute().value(0));
        assertEquals(2, all.get(0).numClasses());
    }

    @Test
    void instancesAreTrulySparseWithTheClassLast() throws IOException {
        Path file = write("c.svm", "1 5:1 70:2 900:3\n-1\n1 1:0 2:7\n");
        LibSvmFileStream stream = stream(file, "-d 1000");
        List<Instance> all = readAll(stream);
        for (Instance instance : all) {
            assertInstanceOf(SparseInstance.class, instance);
            assertEquals(1000, instance.classIndex());
            assertEquals(1001, instance.numAttributes());
            assertEquals(1000, instance.index(instance.numValues() - 1), "class entry stored last");
        }
        assertEquals(4, all.get(0).numValues(), "3 non-zeros + class");
        assertEquals(1, all.get(1).numValues(), "no features: class only");
        assertEquals(2, all.get(2).numValues(), "explicit zero dropped");
        assertArrayEquals(new double[] {1, 2, 3}, new double[] {all.get(0).value(4), all.get(0).value(69), all.get(0).value(899)});
        all.get(1).setClassValue(1.0);
        assertEquals(1.0, all.get(1).classValue(), "class entry is stored, so it can be set");
    }

    @Test
    void multiclassLabelsInferredByPreScan() throws IOException {
        Path file = write("m.svm", "3 1:1\n1 2:1\n2.5 1:1\n1 3:1\n");
        LibSvmFileStream stream = stream(file, "-t multiclass");
        assertEquals(Arrays.asList("1", "2.5", "3"), stream.getClassLabels());
        assertEquals(3, stream.getHeader().numClasses());
        assertEquals(4, stream.getKnownInstanceCount());
        List<Instance> all = readAll(stream);
        double[] classes = all.stream().mapToDouble(Instance::classValue).toArray();
        assertArrayEquals(new double[] {2, 0, 1, 0}, classes);
    }

    @Test
    void multiclassLabelsDeclaredKeepTheirOrder() throws IOException {
        Path file = write("m2.svm", "3 1:1\n1 2:1\n2 1:1\n");
        LibSvmFileStream stream = stream(file, "-t multiclass -c 3,1,2,7");
        assertEquals(Arrays.asList("3", "1", "2", "7"), stream.getClassLabels());
        assertEquals(3, stream.getKnownInstanceCount(), "the number of features still needs a pre-scan");
    }

    @Test
    void multiclassUnknownLabelIsMalformed() throws IOException {
        Path file = write("m3.svm", "3 1:1\n5 2:1\n");
        LibSvmFileStream stream = stream(file, "-t multiclass -c 1,2,3 -d 2");
        assertTrue(stream.hasMoreInstances());
        stream.nextInstance();
        LibSvmFormatException e = assertThrows(LibSvmFormatException.class, stream::hasMoreInstances);
        assertEquals(2, e.getLineNumber());
        assertTrue(e.getMessage().contains("label 5 is not one of the classes"), e.getMessage());
    }

    @Test
    void invalidOptionsAreRejected() throws IOException {
        Path file = write("o.svm", "1 1:1\n");
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class, () -> stream(file, "-d 5 -b 4"));
        assertTrue(both.getMessage().contains("not both"));
        assertThrows(IllegalArgumentException.class, () -> stream(file, "-c 1,2"));
        assertThrows(IllegalArgumentException.class, () -> stream(file, "-t multiclass -c 1,x"));
        assertThrows(IllegalArgumentException.class, () -> stream(file, "-t multiclass -c 1,2,1"));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> stream(dir.resolve("missing.svm"), ""));
        assertTrue(missing.getMessage().contains("missing.svm"));
    }

    @Test
    void gzipIsDetectedFromMagicBytesNotFromTheName() throws IOException {
        String content = "+1 1:0.5 3:2\n-1 2:1\n";
        Path plain = write("p.svm", content);
        Path gzip = writeGzip("g.txt", content);
        List<Instance> expected = readAll(stream(plain, ""));
        List<Instance> actual = readAll(stream(gzip, ""));
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(features(expected.get(i)), features(actual.get(i)));
            assertEquals(expected.get(i).classValue(), actual.get(i).classValue());
        }
    }

    @Test
    void commentsQidBlankLinesAndWhitespace() throws IOException {
        String content = "# a header comment\n"
                + "\n"
                + "1 qid:3 1:1 2:0.5   # trailing comment\r\n"
                + "   \t \n"
                + "-1\t4:1 \t\n"
                + "   # indented comment\n"
                + "  +1  2:1e-3   3:-.5 4:+2 5:1.  \n"
                + "-1 1:2"; // no final newline
        LibSvmFileStream stream = stream(write("w.svm", content), "");
        List<Instance> all = readAll(stream);
        assertEquals(4, all.size());
        assertEquals(Arrays.asList("0:1.0", "1:0.5"), features(all.get(0)));
        assertEquals(Arrays.asList("3:1.0"), features(all.get(1)));
        assertEquals(Arrays.asList("1:0.001", "2:-0.5", "3:2.0", "4:1.0"), features(all.get(2)));
        assertEquals(Arrays.asList("0:2.0"), features(all.get(3)));
        assertEquals(0, stream.getSkippedLineCount());
        assertEquals(5, stream.getNumFeatures());
    }

    @Test
    void linesLongerThanTheReadBuffer() throws IOException {
        StringBuilder sb = new StringBuilder();
        int features = 30_000; // ~300 KB per line, several buffer refills
        for (int line = 0; line < 3; line++) {
            sb.append(line % 2 == 0 ? "+1" : "-1");
            for (int j = 1; j <= features; j++) {
                sb.append(' ').append(j).append(':').append(j + line);
            }
            sb.append(line == 1 ? "\r\n" : "\n");
        }
        List<Instance> all = readAll(stream(write("long.svm", sb.toString()), ""));
        assertEquals(3, all.size());
        for (int line = 0; line < 3; line++) {
            Instance instance = all.get(line);
            assertEquals(features + 1, instance.numValues());
            assertEquals(1.0 + line, instance.value(0));
            assertEquals(features + line, instance.value(features - 1));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "bad token              | 1 1:1 abc            | token 'abc' is not of the form index:value",
        "non-numeric value      | 1 2:x                | value 'x' of feature 2 is not a finite number",
        "empty value            | 1 2:                 | value '' of feature 2",
        "empty index            | 1 :3                 | feature index ''",
        "index zero             | 1 0:1                | feature index '0' is not a positive integer",
        "negative index         | 1 -1:1               | feature index '-1' is not a positive integer",
        "index beyond 2^31      | 1 3000000000:1       | feature index '3000000000'",
        "unsorted indices       | 1 3:1 2:1            | feature indices must increase: 2 after 3",
        "duplicate index        | 1 2:1 2:1            | duplicate feature index 2",
        "NaN value              | 1 2:nan              | value 'nan' of feature 2 is not a finite number",
        "NaN value Java style   | 1 2:NaN              | value 'NaN' of feature 2 is not a finite number",
        "infinite value         | 1 2:inf              | value 'inf' of feature 2 is not a finite number",
        "overflowing value      | 1 2:1e999            | value '1e999' of feature 2 is not a finite number",
        "Java float suffix      | 1 2:1f               | value '1f' of feature 2",
        "hexadecimal value      | 1 2:0x10             | value '0x10' of feature 2",
        "missing label          | 1:2 3:4              | missing label",
        "non-numeric label      | abc 1:1              | label 'abc' is not a finite number",
        "non-binary label       | 2 1:1                | label 2 is not binary",
        "multilabel             | 1,2 1:1              | label '1,2' is not a finite number",
        "index above -d         | 1 11:1               | feature index 11 exceeds the number of features 10",
    })
    void malformedLinesFailWithFileAndLineNumber(String name, String badLine, String expected) throws IOException {
        Path file = write("bad.svm", "1 1:1\n# comment\n-1 2:1\n" + badLine + "\n1 3:1\n");
        LibSvmFileStream stream = stream(file, "-d 10"); // declared: no pre-scan, errors come lazily
        assertTrue(stream.hasMoreInstances());
        stream.nextInstance();
        stream.nextInstance();
        LibSvmFormatException e = assertThrows(LibSvmFormatException.class, stream::nextInstance);
        assertEquals(4, e.getLineNumber());
        assertEquals("bad.svm", e.getFileName());
        assertTrue(e.getMessage().startsWith("Malformed LIBSVM line 4 of bad.svm: "), e.getMessage());
        assertTrue(e.getProblem().contains(expected), e.getProblem());
        assertEquals(1, readAll(stream).size(), "after the error, reading carries on with the next line");

        LibSvmFileStream skipping = stream(file, "-d 10 -m skip");
        List<Instance> all = readAll(skipping);
        assertEquals(3, all.size());
        assertEquals(1, skipping.getSkippedLineCount());
    }

    @Test
    void preScanReportsMalformedLinesAtPrepareTime() throws IOException {
        Path file = write("pre.svm", "1 1:1\n1 2:oops\n");
        LibSvmFormatException e = assertThrows(LibSvmFormatException.class, () -> stream(file, ""));
        assertEquals(2, e.getLineNumber());
    }

    @Test
    void skipAndCountIsVisibleInDescription() throws IOException {
        Path file = write("skip.svm", "1 1:1\nfoo\n-1 2:1\n1 3:nan\n1 2:1 1:1\n-1 4:1\n");
        LibSvmFileStream stream = stream(file, "-m skip");
        assertEquals(3, stream.getKnownInstanceCount());
        assertEquals(4, stream.getNumFeatures());
        assertEquals(3, stream.estimatedRemainingInstances());
        List<Instance> all = readAll(stream);
        assertEquals(3, all.size());
        assertEquals(0, stream.estimatedRemainingInstances());
        assertEquals(3, stream.getSkippedLineCount());
        StringBuilder sb = new StringBuilder();
        stream.getDescription(sb, 0);
        assertTrue(sb.toString().contains("3 malformed lines skipped"), sb.toString());
        assertTrue(sb.toString().contains("3 instances read"), sb.toString());
        stream.restart();
        assertEquals(0, stream.getSkippedLineCount());
    }

    @Test
    void restartYieldsTheSameInstances() throws IOException {
        StringBuilder sb = new StringBuilder();
        java.util.Random random = new java.util.Random(7);
        for (int line = 0; line < 500; line++) {
            sb.append(random.nextBoolean() ? "+1" : "-1");
            int index = 0;
            for (int k = 0; k < 10; k++) {
                index += 1 + random.nextInt(50);
                sb.append(' ').append(index).append(':').append(random.nextGaussian());
            }
            sb.append('\n');
        }
        LibSvmFileStream stream = stream(writeGzip("r.svm.gz", sb.toString()), "-b 8");
        List<Instance> first = readAll(stream);
        stream.restart();
        List<Instance> second = readAll(stream);
        LibSvmFileStream copy = (LibSvmFileStream) stream.copy();
        List<Instance> third = readAll(copy);
        assertEquals(500, first.size());
        assertEquals(500, second.size());
        assertEquals(500, third.size());
        for (int i = 0; i < first.size(); i++) {
            assertEquals(features(first.get(i)), features(second.get(i)));
            assertEquals(features(first.get(i)), features(third.get(i)));
            assertEquals(first.get(i).classValue(), second.get(i).classValue());
        }
    }

    @Test
    void hashingMapsIntoRangeAndMergesCollisions() throws IOException {
        int bits = 4;
        int partner = 2;
        while (LibSvmFileStream.hashedIndex(partner, bits) != LibSvmFileStream.hashedIndex(1, bits)) {
            partner++;
        }
        int other = 2;
        while (LibSvmFileStream.hashedIndex(other, bits) == LibSvmFileStream.hashedIndex(1, bits)) {
            other++;
        }
        int a = Math.min(other, partner);
        int b = Math.max(other, partner);
        String content = "1 1:1 " + partner + ":2\n"
                + "-1 1:1 " + partner + ":-1\n"
                + "1 1:1 " + a + ":1 " + b + ":1\n"
                + "1 123456789:1 2000000000:1\n";
        LibSvmFileStream stream = stream(write("h.svm", content), "-b " + bits);
        assertEquals(16, stream.getNumFeatures());
        assertEquals(17, stream.getHeader().numAttributes());
        assertEquals(-1, stream.getKnownInstanceCount(), "hashing needs no pre-scan");
        List<Instance> all = readAll(stream);
        int slot = LibSvmFileStream.hashedIndex(1, bits);
        assertEquals(Arrays.asList(slot + ":3.0"), features(all.get(0)), "colliding values are summed");
        assertEquals(1, all.get(1).numValues(), "a zero sum is dropped");
        assertEquals(2, features(all.get(2)).size(), "1 and its partner share a slot");
        assertEquals(2.0, all.get(2).value(slot));
        for (Instance instance : all) {
            int previous = -1;
            for (int p = 0; p < instance.numValues(); p++) {
                assertTrue(instance.index(p) > previous, "sorted, distinct indices");
                assertTrue(instance.index(p) <= 16);
                previous = instance.index(p);
            }
            assertEquals(16, instance.index(instance.numValues() - 1));
        }
        for (int j = 1; j < 100_000; j++) {
            int h = LibSvmFileStream.hashedIndex(j, 10);
            assertTrue(h >= 0 && h < 1024);
        }
    }

    @Test
    void hashingSpreadsIndicesEvenly() {
        int bits = 8;
        int[] counts = new int[1 << bits];
        int n = 256_000;
        for (int j = 1; j <= n; j++) {
            counts[LibSvmFileStream.hashedIndex(j, bits)]++;
        }
        double expected = (double) n / counts.length;
        double chiSquare = 0;
        for (int c : counts) {
            chiSquare += (c - expected) * (c - expected) / expected;
        }
        // 255 degrees of freedom: the 0.1% critical value is about 330
        assertTrue(chiSquare < 330, "chi-square " + chiSquare);
    }

    @Test
    void estimateFromBytesWithoutPreScan() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            sb.append(i % 2 == 0 ? "1" : "-1").append(" 1:1 2:").append(i).append('\n');
        }
        LibSvmFileStream stream = stream(write("e.svm", sb.toString()), "-d 2");
        assertEquals(-1, stream.getKnownInstanceCount());
        assertEquals(-1, stream.estimatedRemainingInstances());
        for (int i = 0; i < 10_000; i++) {
            stream.nextInstance();
        }
        long estimate = stream.estimatedRemainingInstances();
        assertTrue(estimate >= 0 && estimate < 20_000, "estimate " + estimate);
        assertEquals(10_000, readAll(stream).size());
        assertEquals(0, stream.estimatedRemainingInstances());
    }

    @Test
    void headerMemoryDoesNotGrowWithTheFeatureCount() throws IOException {
        Path file = write("big.svm", "1 1:1\n");
        LibSvmFileStream small = stream(file, "-b 4");
        LibSvmFileStream large = stream(file, "-b 30");
        long smallBytes = SparseHeadersTest.deepSize(small.getHeader());
        long largeBytes = SparseHeadersTest.deepSize(large.getHeader());
        assertEquals(smallBytes, largeBytes);
        assertTrue(largeBytes < 4096, "header bytes " + largeBytes);
        assertEquals((1 << 30) + 1, large.getHeader().numAttributes());
    }

    @Test
    void largestIndexWithoutHashingIsTwoToTheThirtyOneMinusTwo() throws IOException {
        Path file = write("max.svm", "1 2147483646:1\n");
        LibSvmFileStream stream = stream(file, "");
        assertEquals(Integer.MAX_VALUE - 1, stream.getNumFeatures());
        assertEquals(Integer.MAX_VALUE, stream.getHeader().numAttributes());
        Instance instance = stream.nextInstance().getData();
        assertEquals(Arrays.asList("2147483645:1.0"), features(instance));
        assertEquals(1.0, instance.classValue());
    }

    @ParameterizedTest
    @CsvSource({"''", "-d 2147483646"})
    void indexTwoToTheThirtyOneMinusOneIsAMalformedLineWithoutHashing(String options) throws IOException {
        Path file = write("huge.svm", "1 1:1\n-1 3:1 2147483647:1\n");
        LibSvmFormatException e = assertThrows(LibSvmFormatException.class,
                () -> readAll(stream(file, options)));
        assertEquals("huge.svm", e.getFileName());
        assertEquals(2, e.getLineNumber());
        assertTrue(e.getMessage().contains("2147483647"), e.getMessage());
    }

    @Test
    void indexTwoToTheThirtyOneMinusOneIsSkippedAndCounted() throws IOException {
        Path file = write("huge.svm", "1 1:1\n-1 3:1 2147483647:1\n1 5:2\n");
        LibSvmFileStream stream = stream(file, "-m skip");
        assertEquals(5, stream.getNumFeatures());
        List<Instance> all = readAll(stream);
        assertEquals(2, all.size());
        assertEquals(1, stream.getSkippedLineCount());
        assertEquals(Arrays.asList("4:2.0"), features(all.get(1)));
    }

    @Test
    void indexTwoToTheThirtyOneMinusOneIsHashed() throws IOException {
        Path file = write("huge.svm", "1 2147483647:1\n");
        Instance instance = stream(file, "-b 10").nextInstance().getData();
        assertEquals(Arrays.asList(LibSvmFileStream.hashedIndex(Integer.MAX_VALUE, 10) + ":1.0"), features(instance));
    }

    private Path truncatedGzip(String name, int lines) throws IOException {
        StringBuilder sb = new StringBuilder();
        java.util.Random random = new java.util.Random(3);
        for (int line = 0; line < lines; line++) {
            sb.append(random.nextBoolean() ? "1" : "-1");
            for (int j = 1; j <= 30; j++) {
                sb.append(' ').append(j).append(':').append(random.nextInt(1000));
            }
            sb.append('\n');
        }
        Path full = writeGzip(name + ".full", sb.toString());
        byte[] bytes = Files.readAllBytes(full);
        Path file = dir.resolve(name);
        Files.write(file, Arrays.copyOf(bytes, bytes.length * 2 / 3));
        return file;
    }

    @ParameterizedTest
    @CsvSource({"''", "-m skip", "-d 30", "-d 30 -m skip"})
    void truncatedGzipIsAFormatErrorNamingFileAndLine(String options) throws IOException {
        Path file = truncatedGzip("cut.svm.gz", 5000);
        LibSvmFormatException e = assertThrows(LibSvmFormatException.class, () -> readAll(stream(file, options)));
        assertEquals("cut.svm.gz", e.getFileName());
        assertTrue(e.getLineNumber() > 1000 && e.getLineNumber() < 5000, e.getMessage());
        assertTrue(e.getMessage().contains("cut.svm.gz") && e.getMessage().contains("truncated"), e.getMessage());
        assertTrue(e.getCause() instanceof java.io.EOFException);
    }

    @Test
    void streamEndsAfterADamagedGzipFailure() throws IOException {
        Path file = truncatedGzip("cut.svm.gz", 5000);
        LibSvmFileStream stream = stream(file, "-d 30");
        long read = 0;
        LibSvmFormatException e = null;
        try {
            while (stream.hasMoreInstances()) {
                stream.nextInstance();
                read++;
            }
        } catch (LibSvmFormatException failure) {
            e = failure;
        }
        assertTrue(e != null);
        assertEquals(read + 1, e.getLineNumber());
        assertFalse(stream.hasMoreInstances());
        assertNull(stream.nextInstance());
    }

    @Test
    void corruptGzipIsAFormatError() throws IOException {
        Path full = truncatedGzip("c.svm.gz", 3);
        byte[] bytes = Files.readAllBytes(dir.resolve("c.svm.gz.full"));
        for (int i = 20; i < bytes.length - 8; i += 7) {
            bytes[i] ^= 0x5A;
        }
        Path file = dir.resolve("bad.svm.gz");
        Files.write(file, bytes);
        LibSvmFormatException e = assertThrows(LibSvmFormatException.class, () -> readAll(stream(file, "-d 30")));
        assertEquals("bad.svm.gz", e.getFileName());
        assertTrue(e.getMessage().contains("gzip"), e.getMessage());
    }

    @Test
    void labelNames() {
        assertEquals("3", LibSvmFileStream.labelName(3.0));
        assertEquals("-1", LibSvmFileStream.labelName(-1.0));
        assertEquals("2.5", LibSvmFileStream.labelName(2.5));
        assertNotEquals("3.0", LibSvmFileStream.labelName(3.0));
    }
}
