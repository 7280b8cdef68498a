package lessram;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import lessram.compressed.CheckedInput;
import lessram.compressed.CompressedFormatException;
import org.junit.jupiter.api.Test;

/**
 * The persisted feature mapping ({@link EncoderFormat}) against bytes edited field by field: every field out of
 * range is refused with the format's error (not an index exception), and the edge values the format documents
 * as valid read back.
 */
class EncoderBytesTest {

  static byte[] bytes(InstanceEncoder e) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(b)) {
      e.writeTo(out);
    }
    return b.toByteArray();
  }

  static InstanceEncoder read(byte[] bytes) throws IOException {
    return InstanceEncoder.readFrom(new CheckedInput(bytes));
  }

  /** The offset of the attribute count: the first place holding {@code n, classIndex, classArity}. */
  static int fieldsAt(byte[] bytes, HeaderLayout layout) {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    for (int i = 0; i + 12 <= bytes.length; i++) {
      if (b.getInt(i) == layout.numAttributes() && b.getInt(i + 4) == layout.classIndex()
          && b.getInt(i + 8) == layout.classArity()) {
        return i;
      }
    }
    throw new AssertionError("fields not found");
  }

  private static InstanceEncoder trained(int[] arity, int classIndex, ScalingMode mode, int rows) {
    InstanceEncoder e = new InstanceEncoder(arity, classIndex, mode);
    int[] attributes = new int[arity.length];
    double[] values = new double[arity.length];
    for (int a = 0; a < arity.length; a++) {
      attributes[a] = a;
    }
    SplitMix64 r = new SplitMix64(3);
    for (int i = 0; i < rows; i++) {
      for (int a = 0; a < arity.length; a++) {
        values[a] = arity[a] > 0 ? r.nextInt(arity[a]) : r.nextDouble() * 3;
      }
      e.encode(attributes, values, arity.length, true);
    }
    return e;
  }

  @Test
  void aClassIndexOrScalingCodeOutOfRangeIsRefused() throws IOException {
    InstanceEncoder e = trained(new int[] {InstanceEncoder.NUMERIC, InstanceEncoder.NUMERIC, 2}, 2,
        ScalingMode.STANDARDIZE, 20);
    byte[] good = bytes(e);
    int at = fieldsAt(good, e.layout());
    assertArrayEquals(good, bytes(read(good)));
    // the class index equal to the attribute count
    byte[] classIndex = good.clone();
    ByteBuffer.wrap(classIndex).putInt(at + 4, 3);
    CompressedFormatException c = assertThrows(CompressedFormatException.class, () -> read(classIndex));
    assertTrue(c.getMessage().contains("class index 3"), c.getMessage());
    // the scaling code equal to the number of modes
    byte[] scaling = good.clone();
    scaling[at + 12] = (byte) ScalingMode.values().length;
    CompressedFormatException s = assertThrows(CompressedFormatException.class, () -> read(scaling));
    assertTrue(s.getMessage().contains("scaling code"), s.getMessage());
  }

  @Test
  void aClassArityOtherThanTheClassAttributesIsRefused() throws IOException {
    // the class first, a nominal attribute: the arity table is written
    InstanceEncoder e = trained(new int[] {3, InstanceEncoder.NUMERIC, 4}, 0, ScalingMode.NONE, 10);
    byte[] good = bytes(e);
    int at = fieldsAt(good, e.layout());
    InstanceEncoder back = read(good);
    assertEquals(0, back.layout().classIndex());
    assertArrayEquals(good, bytes(back));
    byte[] other = good.clone();
    ByteBuffer.wrap(other).putInt(at + 8, 2);
    CompressedFormatException x = assertThrows(CompressedFormatException.class, () -> read(other));
    assertTrue(x.getMessage().contains("differs"), x.getMessage());
  }

  @Test
  void refreshCountsAtTheirDocumentedEdgesReadBack() throws IOException {
    int[] arity = {InstanceEncoder.NUMERIC, InstanceEncoder.NUMERIC, 2};
    // 1,100 instances: a cache refreshed at 1,024, the next refresh later
    InstanceEncoder e = trained(arity, 2, ScalingMode.STANDARDIZE, 1100);
    byte[] good = bytes(e);
    assertTrue(e.center() != null);
    int n = 3;
    // from the end: refreshedAt, nextRefresh, the cache flag, then (center, inverse deviation) per attribute
    int nextAt = good.length - 16 * n - 1 - 8;
    int refreshedAt = nextAt - 8;
    ByteBuffer b = ByteBuffer.wrap(good);
    long at = b.getLong(refreshedAt);
    long next = b.getLong(nextAt);
    assertTrue(at <= 1100 && next > at, at + ", " + next);
    // saved exactly at a refresh point (at == observed), due at the next instance (next == at): both valid
    byte[] edge = good.clone();
    ByteBuffer.wrap(edge).putLong(refreshedAt, 1100).putLong(nextAt, 1100);
    InstanceEncoder back = read(edge);
    assertArrayEquals(edge, bytes(back));
    // one past either edge is refused
    byte[] late = good.clone();
    ByteBuffer.wrap(late).putLong(refreshedAt, 1101).putLong(nextAt, 1101);
    assertThrows(CompressedFormatException.class, () -> read(late));
    byte[] early = good.clone();
    ByteBuffer.wrap(early).putLong(refreshedAt, 1000).putLong(nextAt, 999);
    assertThrows(CompressedFormatException.class, () -> read(early));
  }
}
