package lessram.compressed;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;

/**
 * A reader of the big-endian layout {@link java.io.DataOutput} writes, over bytes that are all in memory
 * (a compressed file's metadata section), that knows how many bytes remain. The readers of the persisted
 * forms stored there (the feature mapping, the instance encoder) check every length against those bytes
 * with {@link #count} before they allocate anything for it, so a lying length costs nothing; every read
 * that would pass the end throws an {@link EOFException} that says what was being read.
 *
 * <p>Also a {@link Preamble.ByteSource}. Not thread-safe; the bytes are not copied.
 */
public final class CheckedInput implements Preamble.ByteSource {
  private final byte[] bytes;
  private int position;

  /** A reader of all of {@code bytes} (not copied). */
  public CheckedInput(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Bytes read so far. */
  public int position() {
    return position;
  }

  /** Bytes not read yet. */
  public int remaining() {
    return bytes.length - position;
  }

  /**
   * Checks that {@code n} more bytes remain.
   *
   * @throws EOFException if they do not, naming {@code what} they were to hold
   */
  public void require(long n, String what) throws EOFException {
    if (n > remaining()) {
      throw new EOFException(what + " needs " + n + " bytes at byte " + position + " but only " + remaining()
          + " remain");
    }
  }

  /**
   * Checks a count read from the input against the bytes that remain, before anything is allocated for
   * it: {@code count} entries of at least {@code bytesEach} bytes each must fit.
   *
   * @return {@code count}, as an int
   * @throws EOFException if they do not fit, saying how many were declared and how many bytes remain
   */
  public int count(long count, int bytesEach, String what) throws EOFException {
    if (count < 0 || bytesEach < 1) {
      throw new IllegalArgumentException("count " + count + " of " + bytesEach + "-byte entries");
    }
    if (count > remaining() / bytesEach) {
      throw new EOFException(count + " " + what + " need at least " + count * bytesEach + " bytes at byte "
          + position + " but only " + remaining() + " remain");
    }
    return (int) count;
  }

  @Override
  public int u8(String what) throws EOFException {
    require(1, what);
    return bytes[position++] & 0xFF;
  }

  /** An unsigned 16-bit value. */
  public int u16(String what) throws EOFException {
    return (int) bigEndian(2, what);
  }

  /** A 32-bit value. */
  public int i32(String what) throws EOFException {
    return (int) bigEndian(4, what);
  }

  /** A 64-bit value. */
  public long i64(String what) throws EOFException {
    return bigEndian(8, what);
  }

  /** The next {@code n} bytes as an unsigned big-endian number. */
  private long bigEndian(int n, String what) throws EOFException {
    require(n, what);
    long v = 0;
    for (int i = 0; i < n; i++) {
      v = v << 8 | (bytes[position + i] & 0xFF);
    }
    position += n;
    return v;
  }

  /** A double ({@link Double#longBitsToDouble} of a 64-bit value). */
  public double f64(String what) throws EOFException {
    return Double.longBitsToDouble(i64(what));
  }

  /** A 0 or 1 byte. */
  public boolean bool(String what) throws IOException {
    int b = u8(what);
    if (b > 1) {
      throw new CompressedFormatException(what + " is " + b + ", must be 0 or 1");
    }
    return b == 1;
  }

  /**
   * A string as {@link java.io.DataOutput#writeUTF} writes it (a 16-bit length, then modified UTF-8), its
   * length checked before it is decoded.
   */
  public String utf(String what) throws IOException {
    int length = u16(what + " length");
    require(length, what);
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, position - 2, length + 2));
    String s;
    try {
      s = in.readUTF();
    } catch (IOException e) {
      throw new CompressedFormatException(what + " is not valid modified UTF-8 (" + e.getMessage() + ")");
    }
    position += length;
    return s;
  }
}
