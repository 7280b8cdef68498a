package lessram.compressed;

import java.io.IOException;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Locale;

/**
 * The start that every persisted form of LessRAM shares, as in Apache DataSketches' sketch preambles:
 * magic bytes, a 16-bit format version and, for forms that have them, 16-bit flags, in the form's byte
 * order. One instance describes one form (its name, magic, byte order, the versions this code reads and
 * the flags it knows); {@link #write} writes the start of that form and {@link #read} checks it, with the
 * same messages for every form. The reader of a form then reads the current version's body and converts
 * the older versions this preamble accepts into the current representation, so no live object carries a
 * version.
 *
 * <p>The forms:
 * <ul>
 *   <li>the compressed model file: magic {@code "LRAMFZN\0"}, little-endian, versions 1 to 3, flags;</li>
 *   <li>the feature mapping in a compressed file's metadata ({@code lessram.CompressedPredictor}): {@code "LRFH"},
 *       big-endian, version 1, no flags;</li>
 *   <li>the instance encoder inside it ({@code lessram.InstanceEncoder}): {@code "LREN"}, big-endian,
 *       versions 1 and 2, no flags.</li>
 * </ul>
 * The bytes are those each form has always had: this class only gives them one reader and one writer.
 */
public final class Preamble {
  /** {@link #of}'s {@code knownFlags} for a form without a flags field. */
  public static final int NO_FLAGS = -1;

  /** The byte source a preamble is read from. */
  @FunctionalInterface
  public interface ByteSource {
    /**
     * The next byte (0..255).
     *
     * @param what what the byte belongs to, for the message if the input ends here
     * @throws java.io.EOFException if the input has ended
     */
    int u8(String what) throws IOException;
  }

  /** The byte sink a preamble is written to. */
  @FunctionalInterface
  public interface ByteSink {
    /** Writes the low 8 bits of {@code b}. */
    void u8(int b) throws IOException;
  }

  /** The version and flags found by {@link #read}. */
  public static final class Header {
    private final int version;
    private final int flags;

    Header(int version, int flags) {
      this.version = version;
      this.flags = flags;
    }

    /** The format version, between the preamble's oldest and current versions. */
    public int version() {
      return version;
    }

    /** The flags (only known ones; 0 for a form without flags). */
    public int flags() {
      return flags;
    }
  }

  private final String name;
  private final byte[] magic;
  private final boolean bigEndian;
  private final int oldestVersion;
  private final int currentVersion;
  private final int knownFlags;

  private Preamble(String name, byte[] magic, boolean bigEndian, int oldestVersion, int currentVersion,
      int knownFlags) {
    this.name = name;
    this.magic = magic;
    this.bigEndian = bigEndian;
    this.oldestVersion = oldestVersion;
    this.currentVersion = currentVersion;
    this.knownFlags = knownFlags;
  }

  /**
   * The preamble of one form.
   *
   * @param name the form's name in messages ("compressed model", "instance encoder" ...)
   * @param magic the magic bytes the form starts with
   * @param order byte order of the version and flags
   * @param oldestVersion the oldest version this code reads (and converts)
   * @param currentVersion the newest version, the one written unless a caller writes an older one
   * @param knownFlags the flag bits this code knows, or {@link #NO_FLAGS} for a form without flags
   */
  public static Preamble of(String name, byte[] magic, ByteOrder order, int oldestVersion, int currentVersion,
      int knownFlags) {
    if (magic.length == 0 || oldestVersion < 0 || oldestVersion > currentVersion || currentVersion > 0xFFFF
        || knownFlags < NO_FLAGS || knownFlags > 0xFFFF) {
      throw new IllegalArgumentException("invalid preamble of " + name);
    }
    return new Preamble(name, magic.clone(), order == ByteOrder.BIG_ENDIAN, oldestVersion, currentVersion,
        knownFlags);
  }

  /** The newest version (the one a form is written in unless an older one suffices). */
  public int currentVersion() {
    return currentVersion;
  }

  /** Bytes of the preamble: magic, version and flags if the form has them. */
  public int sizeInFile() {
    return magic.length + (knownFlags == NO_FLAGS ? 2 : 4);
  }

  /**
   * Writes the preamble.
   *
   * @throws IllegalArgumentException for a version this code does not read or unknown flags
   */
  public void write(ByteSink out, int version, int flags) throws IOException {
    if (version < oldestVersion || version > currentVersion) {
      throw new IllegalArgumentException(name + " version " + version + " outside " + versions());
    }
    if (knownFlags == NO_FLAGS ? flags != 0 : (flags & ~knownFlags) != 0) {
      throw new IllegalArgumentException("unknown " + name + " flags 0x" + Integer.toHexString(flags));
    }
    for (byte b : magic) {
      out.u8(b);
    }
    u16(out, version);
    if (knownFlags != NO_FLAGS) {
      u16(out, flags);
    }
  }

  /**
   * Reads and checks the preamble: the magic, a version this code reads, only known flags.
   *
   * @throws CompressedFormatException if one of them is wrong, saying which and what was expected
   * @throws java.io.EOFException if the input ends inside the preamble
   */
  public Header read(ByteSource in) throws IOException {
    byte[] found = new byte[magic.length];
    for (int i = 0; i < found.length; i++) {
      found[i] = (byte) in.u8(name + " magic");
    }
    if (!Arrays.equals(found, magic)) {
      throw new CompressedFormatException("bad magic " + hex(found) + " (expected " + hex(magic) + "): not a LessRAM "
          + name);
    }
    int version = u16(in, name + " version");
    if (version < oldestVersion || version > currentVersion) {
      throw new CompressedFormatException("unsupported " + name + " format version " + version + " (this reader reads "
          + versions() + ")");
    }
    int flags = 0;
    if (knownFlags != NO_FLAGS) {
      flags = u16(in, name + " flags");
      if ((flags & ~knownFlags) != 0) {
        throw new CompressedFormatException("unknown " + name + " flags 0x" + Integer.toHexString(flags & ~knownFlags)
            + " in version " + version);
      }
    }
    return new Header(version, flags);
  }

  private String versions() {
    return oldestVersion == currentVersion ? "version " + currentVersion
        : "versions " + oldestVersion + " to " + currentVersion;
  }

  private void u16(ByteSink out, int v) throws IOException {
    out.u8(bigEndian ? v >>> 8 : v);
    out.u8(bigEndian ? v : v >>> 8);
  }

  private int u16(ByteSource in, String what) throws IOException {
    int first = in.u8(what);
    int second = in.u8(what);
    return bigEndian ? first << 8 | second : second << 8 | first;
  }

  private static String hex(byte[] bytes) {
    StringBuilder sb = new StringBuilder();
    for (byte b : bytes) {
      sb.append(sb.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%02x", b & 0xFF));
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return "Preamble[" + name + ", " + versions() + "]";
  }
}
