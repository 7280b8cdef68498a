package lessram;

/**
 * Benchmark-only access to the engine's per-coordinate update, {@link CoordinateTable#step} and
 * {@link CoordinateTable#stepAll}, which are package-private in the engine. Lives under {@code src/jmh}
 * and is never part of the main jar.
 */
public final class BenchAccess {
  private final CoordinateTable table;

  private BenchAccess(CoordinateTable table) {
    this.table = table;
  }

  /** The update path the engine uses for a configuration (specialised where a specialisation exists). */
  public static final String ENGINE = "engine";
  /** The engine's generic update path (any codec, counter and store). */
  public static final String GENERIC = "generic";
  /** The engine's tables before they were split by layout (commit fa07913; a benchmark-only copy). */
  public static final String BEFORE = "before";

  /** A fresh coordinate table of {@code size} coordinates laid out as {@code config} says, on a path. */
  public static BenchAccess table(LearnerConfig config, int size, String path) {
    switch (path) {
      case ENGINE: return new BenchAccess(CoordinateTable.create(config, size));
      case GENERIC: return new BenchAccess(new GenericTable(config, size));
      case BEFORE: return new BenchAccess(LegacyCoordinateTable.create(config, size));
      default: throw new IllegalArgumentException("unknown update path " + path);
    }
  }

  /** The table class in use. */
  public String implementation() {
    return table.getClass().getSimpleName();
  }

  /** The real per-feature update: read, rate, step, project, round, count, write. */
  public void step(int coordinate, double gradient, double globalEta, long random) {
    table.step(coordinate, gradient, globalEta, random);
  }

  /**
   * The binary learner's updates of one example: a step on {@code slot[j]} with gradient
   * {@code err * values[j]} for each non-zero value, one draw of {@code random} each.
   */
  public void stepAll(int[] slot, double[] values, int nnz, double err, double globalEta, SplitMix64 random) {
    table.stepAll(slot, values, nnz, err, globalEta, random);
  }

  /** The coefficient of a coordinate. */
  public double weight(int coordinate) {
    return table.weight(coordinate);
  }

  /** Exact heap bytes of the table. */
  public long sizeInBytes() {
    return table.sizeInBytes();
  }
}
