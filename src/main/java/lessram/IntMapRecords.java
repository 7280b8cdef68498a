package lessram;

import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;

/**
 * Collision-free sparse records of at most 32 bits: only coordinates that were written occupy memory,
 * in a fastutil open-addressing {@code int -> int} map (two parallel primitive arrays, no boxing).
 * Its real cost per stored coordinate is 8 bytes divided by the load factor (0.75 when full, less right
 * after a resize); {@link #sizeInBytes()} reads it from the map's actual arrays.
 */
final class IntMapRecords extends RecordStore {
  private static final long serialVersionUID = 1L;
  private final SizedInt2IntMap map;

  IntMapRecords() {
    this.map = new SizedInt2IntMap();
  }

  private IntMapRecords(IntMapRecords o) {
    // an exact copy (same capacity and order) that reads the arrays, not the entry set, of the original
    this.map = (SizedInt2IntMap) o.map.clone();
  }

  @Override long get(int i) {
    return map.get(i) & 0xFFFFFFFFL;
  }

  @Override void set(int i, long r) {
    map.put(i, (int) r);
  }

  @Override boolean contains(int i) {
    return map.containsKey(i);
  }

  @Override long sizeInBytes() {
    return SMALL_OBJECT_BYTES + map.sizeInBytes();
  }

  @Override long storedRecords() {
    return map.size();
  }

  @Override RecordStore copy() {
    return new IntMapRecords(this);
  }

  @Override void forEachNonZero(RecordVisitor v) {
    map.forEachNonZero(v);
  }

  /** Exposes the capacity of fastutil's arrays for exact memory accounting. */
  static final class SizedInt2IntMap extends Int2IntOpenHashMap {
    private static final long serialVersionUID = 1L;

    SizedInt2IntMap() {
      super();
    }

    /**
     * Visits the stored non-zero records in the map's own iteration order (the null key first, then
     * slots downwards), reading its arrays: no entry-set object is created, so the map's size stays
     * what {@link #sizeInBytes} counts.
     */
    void forEachNonZero(RecordVisitor v) {
      if (containsNullKey && value[n] != 0) {
        v.accept(0, value[n] & 0xFFFFFFFFL);
      }
      for (int pos = n; pos-- != 0;) {
        if (key[pos] != 0 && value[pos] != 0) {
          v.accept(key[pos], value[pos] & 0xFFFFFFFFL);
        }
      }
    }

    /** The map object (header and fields, 64-bit JVM, compressed references) and its two arrays. */
    long sizeInBytes() {
      return 64 + arrayBytes(key.length, 4) + arrayBytes(value.length, 4);
    }
  }
}
