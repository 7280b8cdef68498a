package lessram.bench;

import java.util.concurrent.TimeUnit;
import lessram.FeatureSpace;
import lessram.LogisticRegression;
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

/**
 * Nanoseconds per training example (20 non-zero features with uniformly random ids, hashed into 2^16,
 * 2^20 or 2^24 slots) through the whole public {@code LogisticRegression.learn}: id checks, hashing,
 * prediction, gradient and the 21 coordinate updates. Divide by 21 for a per-coordinate figure that
 * includes the prediction. The {@value #EXAMPLES} pre-generated examples touch about 1.3 million
 * coordinates per invocation, more cache lines than the last-level cache holds.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LearnBenchmark {
  static final int EXAMPLES = 1 << 16;

  @Param({Layouts.FLOAT64_GLOBAL, Layouts.FLOAT32_EXACT32, Layouts.Q2_13_MORRIS8_RANDOMIZED,
      Layouts.Q2_13_MORRIS8_NEAREST, Layouts.ADAPTIVE16_MORRIS8, Layouts.ADAPTIVE12_MORRIS6})
  public String layout;

  @Param({"16", "20", "24"})
  public int hashBits;

  private LogisticRegression model;
  private int[][] ids;
  private double[][] values;
  private int[] labels;

  @Setup(Level.Trial)
  public void setUp() {
    model = new LogisticRegression(Layouts.config(layout, FeatureSpace.hashed(hashBits)));
    SplitMix64 random = new SplitMix64(3);
    ids = new int[EXAMPLES][Predictors.NNZ];
    values = new double[EXAMPLES][Predictors.NNZ];
    labels = new int[EXAMPLES];
    for (int t = 0; t < EXAMPLES; t++) {
      for (int f = 0; f < Predictors.NNZ; f++) {
        ids[t][f] = (int) random.nextLong();
        values[t][f] = 1.0;
      }
      labels[t] = random.nextInt(2);
    }
  }

  @Benchmark
  @OperationsPerInvocation(EXAMPLES)
  public void learn() {
    LogisticRegression m = model;
    for (int t = 0; t < EXAMPLES; t++) {
      m.learn(ids[t], values[t], Predictors.NNZ, labels[t], 1.0);
    }
  }
}
