package lessram;

import it.unimi.dsi.fastutil.ints.Int2LongOpenHashMap;

/** Collision-free sparse records of 33..64 bits in a fastutil {@code int -> long} map. */
final class LongMapRecords extends RecordStore {
  private static final long serialVersionUID = 1L;
  private final SizedInt2LongMap map;

  LongMapRecords() {
    this.map = new SizedInt2LongMap();
  }

  private LongMapRecords(LongMapRecords o) {
    // an exact copy (same capacity and order) that reads the arrays, not the entry set, of the original
    this.map = (SizedInt2LongMap) o.map.clone();
  }

  @Override long get(int i) {
    return map.get(i);
  }

  @Override void set(int i, long r) {
    map.put(i, r);
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
    return new LongMapRecords(this);
  }

  @Override void forEachNonZero(RecordVisitor v) {
    map.forEachNonZero(v);
  }

  /** Exposes the capacity of fastutil's arrays for exact memory accounting. */
  static final class SizedInt2LongMap extends Int2LongOpenHashMap {
    private static final long serialVersionUID = 1L;

    SizedInt2LongMap() {
      super();
    }

    /**
     * Visits the stored non-zero records in the map's own iteration order (the null key first, then
     * slots downwards), reading its arrays: no entry-set object is created, so the map's size stays
     * what {@link #sizeInBytes} counts.
     */
    void forEachNonZero(RecordVisitor v) {
      if (containsNullKey && value[n] != 0) {
        v.accept(0, value[n]);
      }
      for (int pos = n; pos-- != 0;) {
        if (key[pos] != 0 && value[pos] != 0) {
          v.accept(key[pos], value[pos]);
        }
      }
    }

    /** The map object (header and fields, 64-bit JVM, compressed references) and its two arrays. */
    long sizeInBytes() {
      return 72 + arrayBytes(key.length, 4) + arrayBytes(value.length, 8);
    }
  }
}
