package lessram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Coverage-guided fuzzing of the compressed model reader ({@link CompressedPredictor#read}, which reads the
 * compressed model and then the feature mapping in its metadata). Each input is read twice: as it is,
 * and with its last four bytes replaced by the CRC-32C of the others (the file's trailer), so the
 * fuzzer gets past the checksum into the structure checks. Either read must end in an
 * {@link IOException} with a message, or give a predictor whose probabilities are valid; and it
 * must not allocate much more than the bytes it was given justify ("lengths validated before
 * allocating"): at most {@value #ALLOCATION_PER_BYTE} bytes per input byte plus
 * {@value #ALLOCATION_SLACK} bytes.
 *
 * <p>Plain {@code mvn test} runs the seeds in {@code CompressedReaderFuzzTestInputs/readCompressed/}: the
 * committed format fixtures (compressed models without the feature mapping, so they stop at it) and small
 * models compressed by {@code lessram.CompressModel} from MOA learners (numeric, nominal multiclass, hashed,
 * collision-free sparse map), which reach the feature mapping; {@code JAZZER_FUZZ=1 mvn test -Dtest='CompressedReaderFuzzTest#readCompressed'}
 * fuzzes (see the README).
 */
class CompressedReaderFuzzTest {

    /** Allocation allowed per input byte: generous, a valid model expands its codes into arrays. */
    static final long ALLOCATION_PER_BYTE = 1024;
    /** Allocation allowed whatever the input: buffers, strings, the predictor's fixed parts. */
    static final long ALLOCATION_SLACK = 64L << 20;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @FuzzTest(maxDuration = "5m")
    void readCompressed(byte[] data) {
        read(data);
        if (data.length >= 4) {
            byte[] patched = data.clone();
            CRC32C crc = new CRC32C();
            crc.update(patched, 0, patched.length - 4);
            int value = (int) crc.getValue();
            for (int i = 0; i < 4; i++) {
                patched[patched.length - 4 + i] = (byte) (value >>> (8 * i)); // little-endian, as the format
            }
            read(patched);
        }
    }

    private static void read(byte[] data) {
        if (allocation(data) > ALLOCATION_SLACK + ALLOCATION_PER_BYTE * data.length
                && allocation(data) > ALLOCATION_SLACK + ALLOCATION_PER_BYTE * data.length) {
            // measured twice: the first read of a code path also loads (and instruments) classes
            fail("reading " + data.length + " bytes allocated " + allocation(data) + " bytes");
        }
        CompressedPredictor predictor;
        try {
            predictor = CompressedPredictor.read(new ByteArrayInputStream(data));
        } catch (IOException e) {
            assertNotNull(e.getMessage(), "an IOException without a message");
            return;
        }
        int numClasses = predictor.numClasses();
        assertTrue(numClasses >= 2, "classes " + numClasses);
        assertEquals(numClasses, predictor.classLabels().length);
        CompressedPredictor.Encoding encoding = predictor.newEncoding();
        for (double value : new double[] {0.0, 1.0, -3.5}) {
            encoding.begin();
            int attributes = Math.min(predictor.numAttributes(), 1000);
            for (int a = 0; a < attributes; a++) {
                if (a != predictor.classIndex()) {
                    encoding.add(a, value);
                }
            }
            double[] p = encoding.probabilities();
            assertEquals(numClasses, p.length);
            double sum = 0;
            for (double q : p) {
                assertTrue(q >= 0 && q <= 1, Arrays.toString(p));
                sum += q;
            }
            assertEquals(1.0, sum, 1e-9, Arrays.toString(p));
        }
    }

    /** Bytes this thread allocates reading {@code data}, whatever the outcome. */
    private static long allocation(byte[] data) {
        long thread = Thread.currentThread().getId();
        long before = THREADS.getThreadAllocatedBytes(thread);
        try {
            CompressedPredictor.read(new ByteArrayInputStream(data));
        } catch (IOException e) {
            // the outcome is checked by read()
        }
        return THREADS.getThreadAllocatedBytes(thread) - before;
    }
}
