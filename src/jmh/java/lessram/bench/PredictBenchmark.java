package lessram.bench;

import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Nanoseconds per prediction (class probabilities of one example with 20 non-zero features) from a
 * model hashed into 2^20 slots and trained on 200k synthetic examples. Add predictors (for example a
 * compressed compressed model) in {@link Predictors#of} and to the {@code predictor} parameter.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PredictBenchmark {
  static final int EXAMPLES = 1 << 12;

  @Param({Layouts.Q2_13_MORRIS8_RANDOMIZED, Layouts.FLOAT32_EXACT32, Layouts.FLOAT64_GLOBAL})
  public String predictor;

  @Param({"20"})
  public int hashBits;

  private Predictors.Predictor model;
  private int[][] ids;
  private double[][] values;
  private double[] out;

  @Setup(Level.Trial)
  public void setUp() {
    model = Predictors.of(predictor, hashBits);
    ids = new int[EXAMPLES][];
    values = new double[EXAMPLES][];
    new Predictors.Stream(2).fill(ids, values);
    out = new double[2];
  }

  @Benchmark
  @OperationsPerInvocation(EXAMPLES)
  public void predict(Blackhole bh) {
    Predictors.Predictor m = model;
    double[] o = out;
    for (int t = 0; t < EXAMPLES; t++) {
      m.probabilities(ids[t], values[t], Predictors.NNZ, o);
      bh.consume(o[1]);
    }
  }
}
