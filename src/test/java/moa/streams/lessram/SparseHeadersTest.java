package moa.streams.lessram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.yahoo.labs.samoa.instances.InstancesHeader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.openjdk.jol.info.GraphLayout;

class SparseHeadersTest {

    /** Bytes reachable from {@code root}, measured by JOL. */
    static long deepSize(Object root) {
        return GraphLayout.parseInstance(root).totalSize();
    }

    @Test
    void behavesLikeADenseHeaderForLearners() {
        int d = 1 << 22;
        InstancesHeader header = SparseHeaders.create("r", d, "class", Arrays.asList("a", "b", "c"));
        assertEquals(d + 1, header.numAttributes());
        assertEquals(d, header.classIndex());
        assertEquals(3, header.numClasses());
        assertTrue(header.classAttribute().isNominal());
        assertEquals("b", header.classAttribute().value(1));
        assertSame(header.classAttribute(), header.attribute(d));
        for (int j : new int[] {0, 1, 12345, d - 1}) {
            assertTrue(header.attribute(j).isNumeric(), "attribute " + j);
            assertFalse(header.attribute(j).isNominal());
        }
        assertEquals(d, header.numInputAttributes());
        assertEquals(1, header.numOutputAttributes());
        assertTrue(header.inputAttribute(d - 1).isNumeric());
        assertSame(header.classAttribute(), header.outputAttribute(0));
        assertEquals("r", header.getRelationName());
        assertSame(header.classAttribute(), header.attribute("class"));
    }

    @Test
    void survivesMoaCopyAndJavaSerialization() throws IOException, ClassNotFoundException {
        int d = 1 << 20;
        InstancesHeader header = SparseHeaders.create("r", d, "class", Arrays.asList("0", "1"));
        InstancesHeader copy = new InstancesHeader(header);
        assertEquals(InstancesHeader.class, copy.getClass());
        assertEquals(d + 1, copy.numAttributes());
        assertEquals(d, copy.classIndex());
        assertEquals(2, copy.numClasses());
        assertTrue(copy.attribute(7).isNumeric());

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(header);
        }
        assertTrue(bytes.size() < 4096, "serialized bytes " + bytes.size());
        InstancesHeader read;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            read = (InstancesHeader) in.readObject();
        }
        assertEquals(d + 1, read.numAttributes());
        assertEquals(2, read.numClasses());
        assertTrue(read.attribute(d - 1).isNumeric());
    }

    @Test
    void memoryDoesNotGrowWithTheNumberOfFeatures() {
        InstancesHeader small = SparseHeaders.create("r", 16, "class", Arrays.asList("0", "1"));
        InstancesHeader large = SparseHeaders.create("r", 1 << 30, "class", Arrays.asList("0", "1"));
        long smallBytes = deepSize(small);
        long largeBytes = deepSize(large);
        assertEquals(smallBytes, largeBytes);
        assertTrue(largeBytes < 2048, "header bytes " + largeBytes);
    }
}
