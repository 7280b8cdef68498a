package lessram;

import it.unimi.dsi.fastutil.ints.Int2LongMap;
import it.unimi.dsi.fastutil.ints.Int2LongOpenHashMap;

/** Collision-free sparse records of 33..64 bits in a fastutil {@code int -> long} map. */
final class LongMapRecords extends RecordStore {
  private static final long serialVersionUID = 1L;
  private final SizedInt2LongMap map;

  LongMapRecords() {
    this.map = new SizedInt2LongMap();
  }

  private LongMapRecords(LongMapRecords o) {
    this.map = new SizedInt2LongMap(o.map);
  }

  @Override long get(int i) {
    return map.get(i);
  }

  @Override void set(int i, long r) {
    map.put(i, r);
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
    for (Int2LongMap.Entry e : map.int2LongEntrySet()) {
      if (e.getLongValue() != 0) {
        v.accept(e.getIntKey(), e.getLongValue());
      }
    }
  }

  /** Exposes the capacity of fastutil's arrays for exact memory accounting. */
  static final class SizedInt2LongMap extends Int2LongOpenHashMap {
    private static final long serialVersionUID = 1L;

    SizedInt2LongMap() {
      super();
    }

    SizedInt2LongMap(Int2LongOpenHashMap m) {
      super(m);
    }

    long sizeInBytes() {
      return 56 + arrayBytes(key.length, 4) + arrayBytes(value.length, 8);
    }
  }
}
