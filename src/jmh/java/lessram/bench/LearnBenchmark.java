package lessram.bench;

import java.util.concurrent.TimeUnit;
import lessram.FeatureSpace;
import lessram.LogisticRegression;
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
 * Nanoseconds per training example (20 non-zero features, hashed into 2^20 slots) through the whole
 * public {@code LogisticRegression.learn}: id checks, hashing, prediction, gradient and the 21
 * coordinate updates. Divide by 21 for a per-coordinate figure that includes the prediction.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LearnBenchmark {
  static final int EXAMPLES = 1 << 14;

  @Param({Layouts.FLOAT64_GLOBAL, Layouts.FLOAT32_EXACT32, Layouts.Q2_13_MORRIS8_RANDOMIZED})
  public String layout;

  @Param({"20"})
  public int hashBits;

  private LogisticRegression model;
  private int[][] ids;
  private double[][] values;
  private int[] labels;

  @Setup(Level.Trial)
  public void setUp() {
    model = new LogisticRegression(Layouts.config(layout, FeatureSpace.hashed(hashBits)));
    Predictors.Stream s = new Predictors.Stream(3);
    ids = new int[EXAMPLES][];
    values = new double[EXAMPLES][];
    labels = new int[EXAMPLES];
    for (int t = 0; t < EXAMPLES; t++) {
      s.next();
      ids[t] = s.ids.clone();
      values[t] = s.values.clone();
      labels[t] = s.label;
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
