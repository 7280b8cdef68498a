package lessram.compressed;

/**
 * Heap sizes of arrays as a default 64-bit HotSpot lays them out (compressed references, 16-byte array
 * header, 8-byte alignment), for the {@code sizeInBytes()} accounting of this package and of the engine
 * ({@code lessram}); the tests check the results against JOL.
 */
public final class HeapSizes {
  private HeapSizes() {}

  /** Heap bytes of an array of {@code length} elements of {@code elementBytes} bytes each. */
  public static long arrayBytes(long length, int elementBytes) {
    return align(16 + length * elementBytes);
  }

  /** {@code bytes} rounded up to the 8-byte object alignment. */
  public static long align(long bytes) {
    return (bytes + 7) & ~7L;
  }
}
