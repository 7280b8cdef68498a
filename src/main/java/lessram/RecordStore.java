package lessram;

import java.io.Serializable;
import lessram.compressed.HeapSizes;

/**
 * A table of fixed-width records, one per coordinate, each record holding a coefficient field and,
 * beside it, an optional counter field (so one coordinate costs one memory access). A record that was
 * never written reads as 0. The implementation is chosen once from the record width:
 * 8, 16, 32 and 64 bits use {@code byte[]}, {@code short[]}, {@code int[]} and {@code long[]};
 * 24 bits use a {@code byte[]} with a 3-byte stride; every other width is bit-packed in a
 * {@code long[]} (a 12-bit record costs 12 bits). The sparse variant keeps only written records in a
 * primitive hash map.
 */
abstract class RecordStore implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The record of coordinate {@code i} (0 if never written). */
  abstract long get(int i);

  /** Writes the record of coordinate {@code i}; {@code record} fits in the record width. */
  abstract void set(int i, long record);

  /** True if coordinate {@code i} occupies memory: always for arrays, once written for maps. */
  boolean contains(int i) {
    return true;
  }

  /** Bytes held by this store: object headers and arrays, as laid out by a 64-bit JVM. */
  abstract long sizeInBytes();

  /** Number of records that occupy memory (capacity for arrays, live entries for maps). */
  abstract long storedRecords();

  /** A deep, independent copy. */
  abstract RecordStore copy();

  /** Visits every record that is stored and non-zero (in coordinate order for arrays). */
  abstract void forEachNonZero(RecordVisitor visitor);

  /** Receives one coordinate and its record. */
  interface RecordVisitor {
    void accept(int coordinate, long record);
  }

  /** A store for {@code size} coordinates of {@code recordBits} bits each, dense or sparse. */
  static RecordStore create(int size, int recordBits, boolean sparse) {
    if (recordBits < 1 || recordBits > 64) {
      throw new IllegalArgumentException("record width must be 1..64 bits, got " + recordBits);
    }
    if (sparse) {
      return recordBits <= 32 ? new IntMapRecords() : new LongMapRecords();
    }
    switch (recordBits) {
      case 8: return new ByteRecords(size);
      case 16: return new ShortRecords(size);
      case 24: return new TriByteRecords(size);
      case 32: return new IntRecords(size);
      case 64: return new LongRecords(size);
      default: return new PackedRecords(size, recordBits);
    }
  }

  /** Size of an array object with {@code length} elements of {@code elementBytes}, 8-byte aligned. */
  static long arrayBytes(long length, int elementBytes) {
    return HeapSizes.arrayBytes(length, elementBytes);
  }

  /** Compressed-oops object header plus one reference field, aligned. */
  static final long SMALL_OBJECT_BYTES = 16;

  static final class ByteRecords extends RecordStore {
    private static final long serialVersionUID = 1L;
    private final byte[] a;

    ByteRecords(int size) {
      a = new byte[size];
    }

    private ByteRecords(byte[] a) {
      this.a = a;
    }

    @Override long get(int i) {
      return a[i] & 0xFFL;
    }

    @Override void set(int i, long r) {
      a[i] = (byte) r;
    }

    @Override long sizeInBytes() {
      return SMALL_OBJECT_BYTES + arrayBytes(a.length, 1);
    }

    @Override long storedRecords() {
      return a.length;
    }

    @Override RecordStore copy() {
      return new ByteRecords(a.clone());
    }

    @Override void forEachNonZero(RecordVisitor v) {
      for (int i = 0; i < a.length; i++) {
        if (a[i] != 0) {
          v.accept(i, a[i] & 0xFFL);
        }
      }
    }
  }

  static final class ShortRecords extends RecordStore {
    private static final long serialVersionUID = 1L;
    private final short[] a;

    ShortRecords(int size) {
      a = new short[size];
    }

    private ShortRecords(short[] a) {
      this.a = a;
    }

    @Override long get(int i) {
      return a[i] & 0xFFFFL;
    }

    @Override void set(int i, long r) {
      a[i] = (short) r;
    }

    @Override long sizeInBytes() {
      return SMALL_OBJECT_BYTES + arrayBytes(a.length, 2);
    }

    @Override long storedRecords() {
      return a.length;
    }

    @Override RecordStore copy() {
      return new ShortRecords(a.clone());
    }

    @Override void forEachNonZero(RecordVisitor v) {
      for (int i = 0; i < a.length; i++) {
        if (a[i] != 0) {
          v.accept(i, a[i] & 0xFFFFL);
        }
      }
    }
  }

  /** 24-bit records, 3 bytes each, little-endian (for example a 16-bit code beside an 8-bit counter). */
  static final class TriByteRecords extends RecordStore {
    private static final long serialVersionUID = 1L;
    private final byte[] a;
    private final int size;

    TriByteRecords(int size) {
      if ((long) size * 3 > Integer.MAX_VALUE - 16) {
        throw new IllegalArgumentException("too many coordinates for a 24-bit table: " + size);
      }
      this.size = size;
      a = new byte[size * 3];
    }

    private TriByteRecords(byte[] a, int size) {
      this.a = a;
      this.size = size;
    }

    @Override long get(int i) {
      int p = i * 3;
      return (a[p] & 0xFFL) | (a[p + 1] & 0xFFL) << 8 | (a[p + 2] & 0xFFL) << 16;
    }

    @Override void set(int i, long r) {
      int p = i * 3;
      a[p] = (byte) r;
      a[p + 1] = (byte) (r >>> 8);
      a[p + 2] = (byte) (r >>> 16);
    }

    @Override long sizeInBytes() {
      return 24 + arrayBytes(a.length, 1);
    }

    @Override long storedRecords() {
      return size;
    }

    @Override RecordStore copy() {
      return new TriByteRecords(a.clone(), size);
    }

    @Override void forEachNonZero(RecordVisitor v) {
      for (int i = 0; i < size; i++) {
        long r = get(i);
        if (r != 0) {
          v.accept(i, r);
        }
      }
    }
  }

  static final class IntRecords extends RecordStore {
    private static final long serialVersionUID = 1L;
    private final int[] a;

    IntRecords(int size) {
      a = new int[size];
    }

    private IntRecords(int[] a) {
      this.a = a;
    }

    @Override long get(int i) {
      return a[i] & 0xFFFFFFFFL;
    }

    @Override void set(int i, long r) {
      a[i] = (int) r;
    }

    @Override long sizeInBytes() {
      return SMALL_OBJECT_BYTES + arrayBytes(a.length, 4);
    }

    @Override long storedRecords() {
      return a.length;
    }

    @Override RecordStore copy() {
      return new IntRecords(a.clone());
    }

    @Override void forEachNonZero(RecordVisitor v) {
      for (int i = 0; i < a.length; i++) {
        if (a[i] != 0) {
          v.accept(i, a[i] & 0xFFFFFFFFL);
        }
      }
    }
  }

  static final class LongRecords extends RecordStore {
    private static final long serialVersionUID = 1L;
    private final long[] a;

    LongRecords(int size) {
      a = new long[size];
    }

    private LongRecords(long[] a) {
      this.a = a;
    }

    @Override long get(int i) {
      return a[i];
    }

    @Override void set(int i, long r) {
      a[i] = r;
    }

    @Override long sizeInBytes() {
      return SMALL_OBJECT_BYTES + arrayBytes(a.length, 8);
    }

    @Override long storedRecords() {
      return a.length;
    }

    @Override RecordStore copy() {
      return new LongRecords(a.clone());
    }

    @Override void forEachNonZero(RecordVisitor v) {
      for (int i = 0; i < a.length; i++) {
        if (a[i] != 0) {
          v.accept(i, a[i]);
        }
      }
    }
  }

  /** Records of any width 1..63 bits packed back to back in a {@code long[]}. */
  static final class PackedRecords extends RecordStore {
    private static final long serialVersionUID = 1L;
    private final long[] words;
    private final int bits;
    private final long mask;
    private final int size;

    PackedRecords(int size, int bits) {
      long totalBits = (long) size * bits;
      long nWords = (totalBits + 63) >>> 6;
      if (nWords > Integer.MAX_VALUE - 16) {
        throw new IllegalArgumentException("too many coordinates for a packed table: " + size);
      }
      this.words = new long[(int) nWords];
      this.bits = bits;
      this.mask = bits == 64 ? -1L : (1L << bits) - 1;
      this.size = size;
    }

    private PackedRecords(PackedRecords o) {
      this.words = o.words.clone();
      this.bits = o.bits;
      this.mask = o.mask;
      this.size = o.size;
    }

    @Override long get(int i) {
      long bitPos = (long) i * bits;
      int w = (int) (bitPos >>> 6);
      int off = (int) (bitPos & 63);
      long v = words[w] >>> off;
      if (off + bits > 64) {
        v |= words[w + 1] << (64 - off);
      }
      return v & mask;
    }

    @Override void set(int i, long r) {
      long bitPos = (long) i * bits;
      int w = (int) (bitPos >>> 6);
      int off = (int) (bitPos & 63);
      words[w] = (words[w] & ~(mask << off)) | ((r & mask) << off);
      if (off + bits > 64) {
        int spill = 64 - off;
        words[w + 1] = (words[w + 1] & ~(mask >>> spill)) | ((r & mask) >>> spill);
      }
    }

    @Override long sizeInBytes() {
      return 32 + arrayBytes(words.length, 8);
    }

    @Override long storedRecords() {
      return size;
    }

    @Override RecordStore copy() {
      return new PackedRecords(this);
    }

    @Override void forEachNonZero(RecordVisitor v) {
      for (int i = 0; i < size; i++) {
        long r = get(i);
        if (r != 0) {
          v.accept(i, r);
        }
      }
    }
  }
}
