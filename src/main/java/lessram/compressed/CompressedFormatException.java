package lessram.compressed;

import java.io.IOException;

/**
 * A compressed-model file that cannot be loaded: wrong magic, unsupported version, checksum mismatch, or a
 * structure that violates the format (out-of-range or inconsistent lengths, counts or codes). A file cut
 * short raises {@link java.io.EOFException} instead; both are {@link IOException}s.
 */
public class CompressedFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  /** An exception with a message saying what is wrong. */
  public CompressedFormatException(String message) {
    super(message);
  }
}
