package lessram.compressed;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The versioned binary format of a {@link CompressedModel} (layout in {@code docs/compressed-format.md}). All
 * integers little-endian; a CRC-32C of every preceding byte closes the file.
 *
 * <p>Reading never trusts a length: each is checked against fixed limits and against the values it must
 * equal (derived from the model's shape) before anything is allocated, large arrays are read in bounded
 * chunks (so a lying length fails at the end of the stream, not with an OutOfMemoryError), the checksum is
 * verified, and finally the whole structure is decoded once and every invariant the lookups rely on is
 * checked. Every failure is an {@link IOException} ({@link EOFException} for a file cut short,
 * {@link CompressedFormatException} otherwise). No Java deserialization is involved.
 */
final class CompressedModelIO {
  static final byte[] MAGIC = {'L', 'R', 'A', 'M', 'F', 'Z', 'N', 0};
  /** The first format: compact and fast layouts (bitmap allowances 0..60). */
  static final int VERSION = 1;
  /**
   * Version 2 is version 1 plus one more value of the bitmap-allowance bytes, {@link BlockLayout#GROUPED}
   * (two-level bitmaps), and code family {@link BlockLayout#FIXED} (fixed-width fields with escapes). A
   * model is written as version 1 unless it uses one of them, so version-1 files stay byte-identical.
   */
  static final int VERSION_GROUPED = 2;
  /**
   * Version 3: the coefficient section holds the {@link PositionLayout#RANKED} layout ({@link RankedStore});
   * the header and the feature-id section are as in version 2. Written exactly for that layout.
   */
  static final int VERSION_RANKED = 3;
  static final int FLAG_FEATURE_IDS = 1;
  /** Magic, version and flags: the start of the file, read and written by the shared preamble code. */
  static final Preamble PREAMBLE = Preamble.of("compressed model", MAGIC, ByteOrder.LITTLE_ENDIAN, VERSION,
      VERSION_RANKED, FLAG_FEATURE_IDS);
  static final int HEADER_FIXED_BYTES = 36;
  /** Largest number of 64-bit words in one array. */
  static final long MAX_WORDS = Integer.MAX_VALUE - 16L;
  private static final int CHUNK_WORDS = 1 << 16;
  private static final int CHUNK_BYTES = 1 << 16;

  private CompressedModelIO() {}

  // ---------------------------------------------------------------------------------------------
  // Sizes

  static long serializedBytes(CompressedModel m) {
    FeatureSpaceDescriptor fs = m.featureSpace;
    long bytes = HEADER_FIXED_BYTES + 8L * fs.numParameters() + fs.metadataLength();
    bytes += m.coefficients.sectionBytes();
    if (m.featureIds != null) {
      bytes += BlockSectionIO.idSectionBytes(m.featureIds);
    }
    return bytes + 4;
  }

  /** The version a model is written in: the lowest that can hold its coefficient and feature-id sections. */
  static int versionOf(CoefficientStore coefficients, BlockStore featureIds) {
    int version = coefficients.formatVersion();
    return featureIds == null ? version : Math.max(version, featureIds.formatVersion());
  }

  // ---------------------------------------------------------------------------------------------
  // Writing

  static void write(CompressedModel m, OutputStream out) throws IOException {
    Out w = new Out(out);
    FeatureSpaceDescriptor fs = m.featureSpace;
    PREAMBLE.write(w::u8, versionOf(m.coefficients, m.featureIds), m.featureIds != null ? FLAG_FEATURE_IDS : 0);
    w.i32(m.numOutputs);
    w.i32(m.numSlots);
    w.u8(m.fractionBits);
    w.u8(fs.kind().code());
    w.u8(fs.numParameters());
    w.u8(0);
    w.i64(m.seed);
    w.i32(fs.metadataLength());
    for (int i = 0; i < fs.numParameters(); i++) {
      w.i64(fs.parameter(i));
    }
    w.bytes(fs.metadataUnsafe(), fs.metadataLength());

    m.coefficients.writeSection(w);
    if (m.featureIds != null) {
      BlockSectionIO.writeIds(m.featureIds, w);
    }
    int crc = w.crc();
    w.i32(crc);
    w.flush();
  }

  static void writeSymbolTable(Out w, short[] codeOfSymbol) throws IOException {
    for (short s : codeOfSymbol) {
      w.u16(s & 0xFFFF);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Reading

  static CompressedModel read(InputStream in) throws IOException {
    In r = new In(in);
    Preamble.Header header = PREAMBLE.read(what -> r.u8());
    int version = header.version();
    int flags = header.flags();
    int outputs = r.i32();
    if (outputs < 1 || outputs > CompressedModel.MAX_OUTPUTS) {
      throw bad("number of outputs " + outputs + " outside 1.." + CompressedModel.MAX_OUTPUTS);
    }
    int slots = r.i32();
    if (slots < 0) {
      throw bad("negative number of slots " + slots);
    }
    long coordinates = (slots + 1L) * outputs;
    if (coordinates > CompressedModel.MAX_COORDINATES) {
      throw bad("too many coordinates: " + coordinates);
    }
    int fractionBits = r.u8();
    if (fractionBits < CoarseQuantizer.MIN_FRACTION_BITS || fractionBits > CoarseQuantizer.MAX_FRACTION_BITS) {
      throw bad("fraction bits " + fractionBits + " outside " + CoarseQuantizer.MIN_FRACTION_BITS + ".."
          + CoarseQuantizer.MAX_FRACTION_BITS);
    }
    int kindCode = r.u8();
    FeatureSpaceDescriptor.Kind kind = FeatureSpaceDescriptor.Kind.ofCode(kindCode);
    if (kind == null) {
      throw bad("unknown feature-space kind " + kindCode);
    }
    int numParameters = r.u8();
    if (numParameters > FeatureSpaceDescriptor.MAX_PARAMETERS) {
      throw bad("too many feature-space parameters: " + numParameters);
    }
    expectZero(r.u8(), "reserved header byte");
    long seed = r.i64();
    int metadataLength = r.i32();
    if (metadataLength < 0 || metadataLength > FeatureSpaceDescriptor.MAX_METADATA_BYTES) {
      throw bad("metadata length " + metadataLength + " outside 0.." + FeatureSpaceDescriptor.MAX_METADATA_BYTES);
    }
    long[] parameters = new long[numParameters];
    for (int i = 0; i < numParameters; i++) {
      parameters[i] = r.i64();
    }
    byte[] metadata = r.bytes(metadataLength);
    boolean hasIds = (flags & FLAG_FEATURE_IDS) != 0;
    if (hasIds != (kind == FeatureSpaceDescriptor.Kind.SPARSE)) {
      throw bad("feature-id section " + (hasIds ? "present" : "missing") + " for a " + kind + " feature space");
    }

    // coefficient section
    long universe = slots + 1L;
    CoefficientStore coefficients = version == VERSION_RANKED
        ? RankedSectionIO.read(r, universe, outputs, fractionBits)
        : BlockSectionIO.readCoefficients(r, version, universe, outputs, fractionBits);

    BlockStore ids = hasIds ? BlockSectionIO.readIds(r, version, slots) : null;
    if (versionOf(coefficients, ids) != version) {
      throw bad("format version 2 without the grouped layout or fixed-width values");
    }
    int computed = r.crc();
    int stored = r.i32();
    if (computed != stored) {
      throw bad(String.format("checksum mismatch (stored CRC-32C %08x, computed %08x): the file is corrupted",
          stored, computed));
    }
    FeatureSpaceDescriptor fs = FeatureSpaceDescriptor.of(kind, parameters, metadata);
    try {
      CompressedModel model = new CompressedModel(outputs, slots, fractionBits, seed, fs, coefficients, ids);
      if (ids != null && ids.universe != 1 && ids.rank(ids.universe - 1) != slots - 1) {
        throw bad("feature-id universe " + ids.universe + " is not one past the largest id");
      }
      return model;
    } catch (RuntimeException e) {
      // Defensive net: validation is meant to reject every inconsistency explicitly.
      throw bad("inconsistent structure (" + e + ")");
    }
  }

  static short[] readSymbolTable(In r, int alphabetSize, int fractionBits) throws IOException {
    int numCodes = 1 << (fractionBits + 3);
    int minCode = -(1 << (fractionBits + 2));
    short[] table = new short[alphabetSize];
    boolean[] seen = new boolean[numCodes];
    for (int i = 0; i < alphabetSize; i++) {
      int code = (short) r.u16();
      if (code < minCode || code >= minCode + numCodes) {
        throw bad("symbol table code " + code + " outside the q2." + fractionBits + " range");
      }
      if (seen[code - minCode]) {
        throw bad("symbol table lists code " + code + " twice");
      }
      seen[code - minCode] = true;
      table[i] = (short) code;
    }
    return table;
  }

  static void expectZero(int v, String what) throws CompressedFormatException {
    if (v != 0) {
      throw bad(what + " is " + v + ", must be 0");
    }
  }

  static CompressedFormatException bad(String message) {
    return new CompressedFormatException("invalid compressed model: " + message);
  }

  // ---------------------------------------------------------------------------------------------
  // Little-endian streams with a running CRC-32C

  static final class Out {
    private final OutputStream out;
    private final CRC32C crc = new CRC32C();
    private final byte[] buf = new byte[1 << 16];
    private int len;

    Out(OutputStream out) {
      this.out = out;
    }

    void u8(int v) throws IOException {
      if (len == buf.length) {
        drain();
      }
      buf[len++] = (byte) v;
    }

    void u16(int v) throws IOException {
      u8(v);
      u8(v >>> 8);
    }

    void i32(int v) throws IOException {
      u16(v);
      u16(v >>> 16);
    }

    void i64(long v) throws IOException {
      i32((int) v);
      i32((int) (v >>> 32));
    }

    void bytes(byte[] b, int n) throws IOException {
      for (int i = 0; i < n; i++) {
        u8(b[i]);
      }
    }

    void longs(long[] a, int n) throws IOException {
      for (int i = 0; i < n; i++) {
        if (buf.length - len < 8) {
          drain();
        }
        long v = a[i];
        for (int j = 0; j < 8; j++) {
          buf[len++] = (byte) (v >>> (8 * j));
        }
      }
    }

    void ints(int[] a, int n) throws IOException {
      for (int i = 0; i < n; i++) {
        i32(a[i]);
      }
    }

    private void drain() throws IOException {
      crc.update(buf, 0, len);
      out.write(buf, 0, len);
      len = 0;
    }

    /** The CRC of everything written so far. */
    int crc() throws IOException {
      drain();
      return (int) crc.getValue();
    }

    void flush() throws IOException {
      out.write(buf, 0, len);
      len = 0;
      out.flush();
    }
  }

  static final class In {
    private final InputStream in;
    private final CRC32C crc = new CRC32C();
    private final byte[] eight = new byte[8];
    private long position;

    In(InputStream in) {
      this.in = in;
    }

    private void fill(byte[] b, int off, int n) throws IOException {
      int done = 0;
      while (done < n) {
        int got = in.read(b, off + done, n - done);
        if (got == 0) { // a non-conforming stream: fall back to the blocking single-byte read
          int one = in.read();
          if (one >= 0) {
            b[off + done] = (byte) one;
            got = 1;
          } else {
            got = -1;
          }
        }
        if (got < 0) {
          throw new EOFException("truncated compressed model: the stream ended at byte " + (position + done)
              + " while " + (n - done) + " more bytes were expected");
        }
        done += got;
      }
      crc.update(b, off, n);
      position += n;
    }

    int u8() throws IOException {
      fill(eight, 0, 1);
      return eight[0] & 0xFF;
    }

    int u16() throws IOException {
      fill(eight, 0, 2);
      return (eight[0] & 0xFF) | (eight[1] & 0xFF) << 8;
    }

    int i32() throws IOException {
      fill(eight, 0, 4);
      return (eight[0] & 0xFF) | (eight[1] & 0xFF) << 8 | (eight[2] & 0xFF) << 16 | (eight[3] & 0xFF) << 24;
    }

    long i64() throws IOException {
      long lo = i32() & 0xFFFFFFFFL;
      long hi = i32() & 0xFFFFFFFFL;
      return lo | hi << 32;
    }

    /** {@code n} bytes, in an array that grows as they arrive (a lying length costs what arrives). */
    byte[] bytes(int n) throws IOException {
      byte[] b = new byte[Math.min(n, CHUNK_BYTES)];
      int done = 0;
      while (done < n) {
        if (done == b.length) {
          b = Arrays.copyOf(b, (int) Math.min(n, 2L * done));
        }
        int m = Math.min(n, b.length) - done;
        fill(b, done, m);
        done += m;
      }
      return b;
    }

    /**
     * {@code n} little-endian longs followed by {@code padding} zero words. Large arrays are read in
     * chunks and assembled only once all their bytes have arrived.
     */
    long[] longs(int n, int padding) throws IOException {
      byte[] chunk = new byte[8 * Math.min(n, CHUNK_WORDS)];
      List<long[]> parts = new ArrayList<>();
      int remaining = n;
      while (remaining > 0) {
        int m = Math.min(remaining, CHUNK_WORDS);
        fill(chunk, 0, 8 * m);
        long[] part = new long[m];
        for (int i = 0; i < m; i++) {
          long v = 0;
          for (int j = 7; j >= 0; j--) {
            v = (v << 8) | (chunk[8 * i + j] & 0xFF);
          }
          part[i] = v;
        }
        parts.add(part);
        remaining -= m;
      }
      long[] out = new long[n + padding];
      int at = 0;
      for (long[] part : parts) {
        System.arraycopy(part, 0, out, at, part.length);
        at += part.length;
      }
      return out;
    }

    /** {@code n} little-endian ints, read in chunks (assembled once all their bytes have arrived). */
    int[] ints(int n) throws IOException {
      byte[] chunk = new byte[4 * Math.min(n, CHUNK_WORDS)];
      List<int[]> parts = new ArrayList<>();
      int remaining = n;
      while (remaining > 0) {
        int m = Math.min(remaining, CHUNK_WORDS);
        fill(chunk, 0, 4 * m);
        int[] part = new int[m];
        for (int i = 0; i < m; i++) {
          part[i] = (chunk[4 * i] & 0xFF) | (chunk[4 * i + 1] & 0xFF) << 8 | (chunk[4 * i + 2] & 0xFF) << 16
              | (chunk[4 * i + 3] & 0xFF) << 24;
        }
        parts.add(part);
        remaining -= m;
      }
      int[] out = new int[n];
      int at = 0;
      for (int[] part : parts) {
        System.arraycopy(part, 0, out, at, part.length);
        at += part.length;
      }
      return out;
    }

    int crc() {
      return (int) crc.getValue();
    }
  }
}
