package lessram.compressed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.EOFException;
import org.junit.jupiter.api.Test;

/** The metadata reader checks every declared count against the bytes that remain, before anything is allocated. */
class CheckedInputTest {
  @Test
  void aCountMustFitInTheBytesThatRemain() throws EOFException {
    CheckedInput in = new CheckedInput(new byte[] {0, 0, 0, 7, 1, 2, 3, 4, 5});
    assertEquals(7, in.i32("count"));
    assertEquals(4, in.position());
    assertEquals(5, in.remaining());
    // counts the remaining 5 bytes can hold
    assertEquals(0, in.count(0, 1, "labels"));
    assertEquals(0, in.count(0, 8, "labels"));
    assertEquals(5, in.count(5, 1, "labels"));
    assertEquals(1, in.count(1, 5, "labels"));
    assertEquals(2, in.count(2, 2, "labels"));
    // and those it cannot: 3 entries of 2 bytes, 2 of 3, 6 of 1
    EOFException e = assertThrows(EOFException.class, () -> in.count(3, 2, "labels"));
    assertEquals("3 labels need at least 6 bytes at byte 4 but only 5 remain", e.getMessage());
    e = assertThrows(EOFException.class, () -> in.count(2, 3, "attributes"));
    assertEquals("2 attributes need at least 6 bytes at byte 4 but only 5 remain", e.getMessage());
    e = assertThrows(EOFException.class, () -> in.count(6, 1, "labels"));
    assertEquals("6 labels need at least 6 bytes at byte 4 but only 5 remain", e.getMessage());
    assertEquals(4, in.position(), "a checked count reads nothing");
    // a count that does not make sense is the caller's error
    assertThrows(IllegalArgumentException.class, () -> in.count(-1, 1, "labels"));
    assertThrows(IllegalArgumentException.class, () -> in.count(1, 0, "labels"));
  }
}
