package lessram.compressed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Known answers for the preamble every persisted form starts with (docs/compressed-format.md): the
 * model file's {@code "LRAMFZN\0"}, little-endian, versions 1 to 3 with flags; the feature mapping's
 * {@code "LRFH"} and the instance encoder's {@code "LREN"}, big-endian, without flags.
 */
class PreambleTest {
  private static final byte[] LRFH = "LRFH".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] LREN = "LREN".getBytes(StandardCharsets.US_ASCII);

  /** The feature mapping's preamble as the format describes it. */
  private static Preamble mapping() {
    return Preamble.of("feature mapping", LRFH, ByteOrder.BIG_ENDIAN, 1, 1, Preamble.NO_FLAGS);
  }

  /** The instance encoder's preamble as the format describes it (version 1 read and converted). */
  private static Preamble encoder() {
    return Preamble.of("instance encoder", LREN, ByteOrder.BIG_ENDIAN, 1, 2, Preamble.NO_FLAGS);
  }

  private static byte[] written(Preamble p, int version, int flags) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    p.write(out::write, version, flags);
    return out.toByteArray();
  }

  private static Preamble.Header read(Preamble p, int... bytes) throws IOException {
    int[] at = {0};
    return p.read(what -> {
      if (at[0] == bytes.length) {
        throw new EOFException(what);
      }
      return bytes[at[0]++];
    });
  }

  private static byte[] bytes(int... b) {
    byte[] out = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      out[i] = (byte) b[i];
    }
    return out;
  }

  @Test
  void theModelFileStartsWithMagicThenLittleEndianVersionAndFlags() throws IOException {
    Preamble p = CompressedModelIO.PREAMBLE;
    assertEquals(3, p.currentVersion());
    assertEquals(12, p.sizeInFile());
    assertArrayEquals(bytes(0x4C, 0x52, 0x41, 0x4D, 0x46, 0x5A, 0x4E, 0x00, 3, 0, 1, 0), written(p, 3, 1));
    assertArrayEquals(bytes(0x4C, 0x52, 0x41, 0x4D, 0x46, 0x5A, 0x4E, 0x00, 1, 0, 0, 0), written(p, 1, 0));
    Preamble.Header h = read(p, 0x4C, 0x52, 0x41, 0x4D, 0x46, 0x5A, 0x4E, 0x00, 2, 0, 1, 0);
    assertEquals(2, h.version());
    assertEquals(1, h.flags());
    // the version's high byte second: 0x0102 is not a version this reader reads
    CompressedFormatException e = assertThrows(CompressedFormatException.class,
        () -> read(p, 0x4C, 0x52, 0x41, 0x4D, 0x46, 0x5A, 0x4E, 0x00, 2, 1, 0, 0));
    assertEquals("unsupported compressed model format version 258 (this reader reads versions 1 to 3)", e.getMessage());
    e = assertThrows(CompressedFormatException.class,
        () -> read(p, 0x4C, 0x52, 0x41, 0x4D, 0x46, 0x5A, 0x4E, 0x00, 1, 0, 0, 1));
    assertEquals("unknown compressed model flags 0x100 in version 1", e.getMessage());
    e = assertThrows(CompressedFormatException.class,
        () -> read(p, 0x4C, 0x52, 0x41, 0x4D, 0x46, 0x5A, 0x4E, 0x00, 1, 0, 3, 0));
    assertEquals("unknown compressed model flags 0x2 in version 1", e.getMessage());
    assertEquals("Preamble[compressed model, versions 1 to 3]", p.toString());
  }

  @Test
  void theMappingAndEncoderFormsAreBigEndianWithoutFlags() throws IOException {
    Preamble m = mapping();
    assertEquals(1, m.currentVersion());
    assertEquals(6, m.sizeInFile());
    assertArrayEquals(bytes(0x4C, 0x52, 0x46, 0x48, 0, 1), written(m, 1, 0));
    Preamble.Header h = read(m, 0x4C, 0x52, 0x46, 0x48, 0, 1);
    assertEquals(1, h.version());
    assertEquals(0, h.flags());
    assertEquals("Preamble[feature mapping, version 1]", m.toString());
    CompressedFormatException e = assertThrows(CompressedFormatException.class,
        () -> read(m, 0x4C, 0x52, 0x46, 0x48, 1, 0));
    assertEquals("unsupported feature mapping format version 256 (this reader reads version 1)", e.getMessage());

    Preamble enc = encoder();
    assertArrayEquals(bytes(0x4C, 0x52, 0x45, 0x4E, 0, 2), written(enc, 2, 0));
    assertArrayEquals(bytes(0x4C, 0x52, 0x45, 0x4E, 0, 1), written(enc, 1, 0));
    assertEquals(2, read(enc, 0x4C, 0x52, 0x45, 0x4E, 0, 2).version());
    // a form whose versions use both bytes
    Preamble wide = Preamble.of("wide form", LREN, ByteOrder.BIG_ENDIAN, 0x0102, 0xFFFF, Preamble.NO_FLAGS);
    assertArrayEquals(bytes(0x4C, 0x52, 0x45, 0x4E, 0x12, 0x34), written(wide, 0x1234, 0));
    assertEquals(0x1234, read(wide, 0x4C, 0x52, 0x45, 0x4E, 0x12, 0x34).version());
    assertEquals(0xFFFF, read(wide, 0x4C, 0x52, 0x45, 0x4E, 0xFF, 0xFF).version());
    Preamble wideLe = Preamble.of("wide form", LREN, ByteOrder.LITTLE_ENDIAN, 0x0102, 0xFFFF, 0xFFFF);
    assertArrayEquals(bytes(0x4C, 0x52, 0x45, 0x4E, 0x34, 0x12, 0xCD, 0xAB), written(wideLe, 0x1234, 0xABCD));
    Preamble.Header w = read(wideLe, 0x4C, 0x52, 0x45, 0x4E, 0x34, 0x12, 0xCD, 0xAB);
    assertEquals(0x1234, w.version());
    assertEquals(0xABCD, w.flags());
  }

  @Test
  void aWrongMagicIsReportedInHex() {
    CompressedFormatException e = assertThrows(CompressedFormatException.class,
        () -> read(mapping(), 0x4C, 0x52, 0x45, 0x4E, 0, 1));
    assertEquals("bad magic 4c 52 45 4e (expected 4c 52 46 48): not a LessRAM feature mapping", e.getMessage());
    e = assertThrows(CompressedFormatException.class,
        () -> read(CompressedModelIO.PREAMBLE, 0x4C, 0x52, 0x41, 0x4D, 0x46, 0x5A, 0x4E, 0xFF, 1, 0, 0, 0));
    assertEquals("bad magic 4c 52 41 4d 46 5a 4e ff (expected 4c 52 41 4d 46 5a 4e 00): not a LessRAM compressed model",
        e.getMessage());
    EOFException eof = assertThrows(EOFException.class, () -> read(mapping(), 0x4C, 0x52, 0x46, 0x48, 0));
    assertEquals("feature mapping version", eof.getMessage());
  }

  @Test
  void writingRefusesVersionsAndFlagsTheFormDoesNotHave() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> written(encoder(), 3, 0));
    assertEquals("instance encoder version 3 outside versions 1 to 2", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> written(encoder(), 0, 0));
    assertEquals("instance encoder version 0 outside versions 1 to 2", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> written(mapping(), 1, 1));
    assertEquals("unknown feature mapping flags 0x1", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> written(CompressedModelIO.PREAMBLE, 3, 2));
    assertEquals("unknown compressed model flags 0x2", e.getMessage());
  }

  @Test
  void ofAcceptsItsLimitsAndRefusesJustPastThem() throws IOException {
    byte[] one = {7};
    // accepted: one magic byte, version 0 to 0, versions up to 0xFFFF, no flags (-1) and all 16 flags
    assertEquals(3, Preamble.of("a", one, ByteOrder.BIG_ENDIAN, 0, 0, Preamble.NO_FLAGS).sizeInFile());
    assertArrayEquals(bytes(7, 0, 0), written(Preamble.of("a", one, ByteOrder.BIG_ENDIAN, 0, 0, Preamble.NO_FLAGS), 0, 0));
    assertEquals(0xFFFF, Preamble.of("a", one, ByteOrder.BIG_ENDIAN, 0xFFFF, 0xFFFF, 0).currentVersion());
    assertEquals(5, Preamble.of("a", one, ByteOrder.BIG_ENDIAN, 5, 5, 0xFFFF).sizeInFile());
    assertEquals(5, Preamble.of("a", one, ByteOrder.BIG_ENDIAN, 5, 5, 0).sizeInFile());
    // refused
    assertInvalid(new byte[0], 1, 1, Preamble.NO_FLAGS);
    assertInvalid(one, -1, 1, Preamble.NO_FLAGS);
    assertInvalid(one, 2, 1, Preamble.NO_FLAGS);
    assertInvalid(one, 1, 0x10000, Preamble.NO_FLAGS);
    assertInvalid(one, 1, 1, -2);
    assertInvalid(one, 1, 1, 0x10000);
  }

  private static void assertInvalid(byte[] magic, int oldest, int current, int flags) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Preamble.of("x", magic, ByteOrder.LITTLE_ENDIAN, oldest, current, flags));
    assertEquals("invalid preamble of x", e.getMessage());
  }
}
