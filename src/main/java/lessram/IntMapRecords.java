package lessram;

import it.unimi.dsi.fastutil.ints.Int2IntMap;
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
    this.map = new SizedInt2IntMap(o.map);
  }

  @Override long get(int i) {
    return map.get(i) & 0xFFFFFFFFL;
  }

  @Override void set(int i, long r) {
    map.put(i, (int) r);
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
    for (Int2IntMap.Entry e : map.int2IntEntrySet()) {
      if (e.getIntValue() != 0) {
        v.accept(e.getIntKey(), e.getIntValue() & 0xFFFFFFFFL);
      }
    }
  }

  /** Exposes the capacity of fastutil's arrays for exact memory accounting. */
  static final class SizedInt2IntMap extends Int2IntOpenHashMap {
    private static final long serialVersionUID = 1L;

    SizedInt2IntMap() {
      super();
    }

    SizedInt2IntMap(Int2IntOpenHashMap m) {
      super(m);
    }

    long sizeInBytes() {
      // object (header + 9 fields) and the key and value arrays of n + 1 slots
      return 56 + arrayBytes(key.length, 4) + arrayBytes(value.length, 4);
    }
  }
}
