package lessram.bench;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import lessram.BenchAccess;
import lessram.FeatureSpace;
import lessram.LearnerConfig;
import lessram.SplitMix64;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Nanoseconds per feature update through the engine's real per-coordinate path
 * ({@code CoordinateTable.step}: read the record, learning rate from the counter, gradient step,
 * projection, rounding, counter increment, write, plus the one random draw the learner makes per
 * update) at uniformly random coordinates of tables of 2^16, 2^20 and 2^24 coordinates.
 *
 * <p>Each invocation performs {@value #UPDATES} updates over a pre-generated index sequence that is
 * long enough that the large tables cannot stay in cache: {@code update} one {@code step} at a time,
 * {@code updateExample} in examples of {@value #NNZ} features through {@code stepAll}, the binary
 * learner's per-example loop (one draw per update inside the loop). Bytes per coordinate of each layout
 * are printed at tear-down (from {@code sizeInBytes()}, which the unit tests check against JOL).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class UpdateBenchmark {
  static final int UPDATES = 1 << 20;
  /** Features per example of {@code updateExample}. */
  static final int NNZ = 20;
  static final int EXAMPLES = UPDATES / NNZ;
  private static final int GRADIENTS = 1 << 10;

  @Param({"16", "20", "24"})
  public int log2Coordinates;

  @Param({Layouts.FLOAT64_GLOBAL, Layouts.FLOAT32_EXACT32, Layouts.Q2_13_MORRIS8_RANDOMIZED,
      Layouts.Q2_13_MORRIS8_NEAREST})
  public String layout;

  /**
   * Which update implementation: the engine's ({@code engine}), its generic path ({@code generic}) or
   * the tables before they were split by layout ({@code before}, a copy of commit fa07913's); run with
   * {@code -p path=before,engine} to compare them in one run.
   */
  @Param({BenchAccess.ENGINE})
  public String path;

  private BenchAccess table;
  private SplitMix64 random;
  private int[] index;
  private double[] gradient;
  private int[][] exampleSlots;
  private double[] ones;
  private int coordinates;

  @Setup(Level.Trial)
  public void setUp() {
    LearnerConfig config = Layouts.config(layout, FeatureSpace.hashed(log2Coordinates));
    coordinates = 1 << log2Coordinates;
    table = BenchAccess.table(config, coordinates, path);
    random = new SplitMix64(config.seed());
    SplitMix64 data = new SplitMix64(7);
    index = new int[UPDATES];
    for (int j = 0; j < UPDATES; j++) {
      index[j] = data.nextInt(coordinates);
    }
    gradient = new double[GRADIENTS];
    for (int j = 0; j < GRADIENTS; j++) {
      // zero-mean gradients of varying size (p - y) * x, so coefficients random-walk inside the range
      gradient[j] = (data.nextDouble() - 0.5) * 1.5;
    }
    exampleSlots = new int[EXAMPLES][];
    for (int t = 0; t < EXAMPLES; t++) {
      exampleSlots[t] = Arrays.copyOfRange(index, t * NNZ, (t + 1) * NNZ);
    }
    ones = new double[NNZ];
    Arrays.fill(ones, 1.0);
  }

  @Benchmark
  @OperationsPerInvocation(UPDATES)
  public void update() {
    BenchAccess t = table;
    SplitMix64 r = random;
    int[] idx = index;
    double[] g = gradient;
    for (int j = 0; j < UPDATES; j++) {
      t.step(idx[j], g[j & (GRADIENTS - 1)], 0.01, r.nextLong());
    }
  }

  @Benchmark
  @OperationsPerInvocation(EXAMPLES * NNZ)
  public void updateExample() {
    BenchAccess t = table;
    SplitMix64 r = random;
    int[][] slots = exampleSlots;
    double[] v = ones;
    double[] g = gradient;
    for (int e = 0; e < EXAMPLES; e++) {
      t.stepAll(slots[e], v, NNZ, g[e & (GRADIENTS - 1)], 0.01, r);
    }
  }

  @TearDown(Level.Trial)
  public void report() {
    System.out.printf("%n[layout %s, 2^%d coordinates, path %s (%s): %.4f bytes/coordinate]%n", layout,
        log2Coordinates, path, table.implementation(), (double) table.sizeInBytes() / coordinates);
  }
}
