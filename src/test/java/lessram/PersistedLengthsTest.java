package lessram;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import lessram.compressed.CoefficientSource;
import lessram.compressed.FeatureSpaceDescriptor;
import lessram.compressed.CompressedModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile lengths in the persisted forms (the feature mapping inside a compressed file, the encoder inside it,
 * the compressed file itself): a small file with a valid checksum whose lengths promise far more than it holds
 * fails with an {@link IOException} that says what is wrong, and the reading thread allocates little
 * (every length is checked against the bytes that remain before anything is allocated).
 */
class PersistedLengthsTest {
  /** What reading one hostile file may allocate on its thread. */
  static final long ALLOCATION_LIMIT = 4L << 20;
  static final int HUGE = 1 << 26;
  static final int STANDARDIZE = ScalingMode.STANDARDIZE.ordinal();

  /** The feature mapping's start: its magic and version, producer, relation, class name, labels. */
  static DataOutputStream mapping(ByteArrayOutputStream bytes, int labels) throws IOException {
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(0x4C524648); // "LRFH"
    out.writeShort(1);
    out.writeUTF("test");
    out.writeUTF("relation");
    out.writeUTF("class");
    out.writeInt(labels);
    for (int i = 0; i < Math.min(labels, 2); i++) {
      out.writeUTF(Integer.toString(i));
    }
    return out;
  }

  /** An encoder's start: magic, version 2, attributes, class index and arity, scaling, arity-table flag. */
  static void encoderHeader(DataOutputStream out, int n, int classIndex, int scaling, boolean arityTable)
      throws IOException {
    out.writeInt(0x4C52454E); // "LREN"
    out.writeShort(2);
    out.writeInt(n);
    out.writeInt(classIndex);
    out.writeInt(2);
    out.writeByte(scaling);
    out.writeBoolean(arityTable);
  }

  /** The encoder's counts: training instances, no missing or unseen values. */
  static void counts(DataOutputStream out, long trained) throws IOException {
    out.writeLong(trained);
    out.writeLong(0);
    out.writeLong(0);
  }

  /** A binary direct compressed model of {@code slots} features carrying {@code metadata} (valid checksum). */
  static byte[] compressedFile(byte[] metadata, int slots) throws IOException {
    double[] coefficients = new double[slots + 1];
    Arrays.fill(coefficients, 0.25);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CompressedModel.builder(CoefficientSource.of(1, slots, coefficients))
        .featureSpace(FeatureSpaceDescriptor.direct().withMetadata(metadata)).build().writeTo(out);
    return out.toByteArray();
  }

  static long allocatedBytes() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getThreadAllocatedBytes(Thread.currentThread().getId());
  }

  /** Reads {@code file} as a compressed predictor: it must fail with a message holding each of {@code words}. */
  static void rejected(byte[] file, String... words) {
    rejected(ALLOCATION_LIMIT, file, words);
  }

  static void rejected(long limit, byte[] file, String... words) {
    long before = allocatedBytes();
    IOException e = assertThrows(IOException.class, () -> CompressedPredictor.read(new ByteArrayInputStream(file)));
    long allocated = allocatedBytes() - before;
    String message = e.getMessage();
    System.out.println("[rejected] " + file.length + " bytes: " + message);
    assertNotNull(message);
    assertFalse(message.contains("null"), message);
    for (String w : words) {
      assertTrue(message.contains(w), "'" + w + "' missing from: " + message);
    }
    assertTrue(allocated < limit, "allocated " + allocated + " bytes for a " + file.length
        + "-byte file (" + message + ")");
  }

  /** Loads the classes involved and checks that the thread allocation counter works. */
  @BeforeAll
  static void warmUp() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    encoderHeader(mapping(bytes, 2), 3, 2, STANDARDIZE, false);
    byte[] file = compressedFile(bytes.toByteArray(), 2);
    for (int i = 0; i < 3; i++) {
      assertThrows(IOException.class, () -> CompressedPredictor.read(new ByteArrayInputStream(file)));
    }
    long before = allocatedBytes();
    byte[] probe = new byte[1 << 20];
    assertTrue(allocatedBytes() - before >= probe.length, "thread allocation is measured");
  }

  /** The file of the report: 2^26 standardized attributes declared, then the mapping ends. */
  @Test
  void manyStandardizedAttributesWithoutTheirStatistics() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    encoderHeader(mapping(bytes, 2), HUGE, HUGE - 1, STANDARDIZE, false);
    byte[] file = compressedFile(bytes.toByteArray(), 1);
    rejected(file, "feature mapping", Integer.toString(HUGE), "remain");
  }

  @Test
  void manyMaxAbsAttributesWithoutTheirStatistics() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = mapping(bytes, 2);
    encoderHeader(out, HUGE, HUGE - 1, ScalingMode.MAX_ABS.ordinal(), false);
    counts(out, 10);
    rejected(compressedFile(bytes.toByteArray(), 1), Integer.toString(HUGE), "remain");
  }

  @Test
  void anArityTableLongerThanTheMapping() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = mapping(bytes, 2);
    encoderHeader(out, HUGE, 0, ScalingMode.NONE.ordinal(), true);
    out.writeInt(2);
    out.writeInt(3);
    rejected(compressedFile(bytes.toByteArray(), 1), "arity", "remain");
  }

  /** No per-attribute bytes are needed here, so none may be allocated per attribute either. */
  @Test
  void manyUnscaledNumericAttributesWithTheClassFirst() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = mapping(bytes, 2);
    encoderHeader(out, HUGE, 0, ScalingMode.NONE.ordinal(), false);
    counts(out, 10);
    rejected(compressedFile(bytes.toByteArray(), 1), Integer.toString(HUGE - 1), "slots");
  }

  @Test
  void aCachedStandardizationCutShort() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = mapping(bytes, 2);
    encoderHeader(out, 3, 2, STANDARDIZE, false);
    counts(out, 2000);
    for (int a = 0; a < 3; a++) {
      out.writeDouble(a == 2 ? 0 : 2000);
      out.writeDouble(a == 2 ? 0 : 4000);
    }
    out.writeLong(1024);
    out.writeLong(2048);
    out.writeBoolean(true);
    out.writeDouble(1.0);
    rejected(compressedFile(bytes.toByteArray(), 2), "cached", "remain");
  }

  @Test
  void moreClassLabelsThanBytes() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    mapping(bytes, Integer.MAX_VALUE);
    rejected(compressedFile(bytes.toByteArray(), 1), "label");
  }

  @Test
  void aStringLongerThanTheMapping() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(0x4C524648);
    out.writeShort(1);
    out.writeShort(65535); // the producer's length
    out.writeBytes("abc");
    rejected(compressedFile(bytes.toByteArray(), 1), "producer", "remain");
  }

  @Test
  void anEmptyMappingSaysSo() throws IOException {
    rejected(compressedFile(new byte[0], 1), "feature mapping");
  }

  /** A compressed file embedded in a Java serialization stream (the adapters' form) behind a lying length. */
  @Test
  void anEmbeddedFileShorterThanItsLength() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
      out.writeInt(Integer.MAX_VALUE);
      out.write(new byte[100]);
    }
    long before = allocatedBytes();
    IOException e = assertThrows(IOException.class, () -> CompressedPredictor.readEmbedded(
        new java.io.ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))));
    long allocated = allocatedBytes() - before;
    assertTrue(e.getMessage().contains("100 of its " + Integer.MAX_VALUE + " bytes"), e.getMessage());
    assertTrue(allocated < ALLOCATION_LIMIT, "allocated " + allocated);
  }

  /** The compressed file's own metadata (up to 1 MiB) is read as its bytes arrive, not allocated at once. */
  @Test
  void aCompressedFileCutInsideItsMetadata() throws IOException {
    byte[] file = compressedFile(new byte[FeatureSpaceDescriptor.MAX_METADATA_BYTES], 1);
    rejected(256 << 10, Arrays.copyOf(file, 100), "ended");
  }
}
