package lessram.bench;

import java.util.concurrent.TimeUnit;
import lessram.FeatureSpace;
import lessram.Compressor;
import lessram.CompressedPredictor;
import lessram.InstanceEncoder;
import lessram.LogisticRegression;
import lessram.ScalingMode;
import lessram.compressed.PositionLayout;
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
 * Predictions per second, side by side on the same examples (20 non-zero features each): the uncompressed
 * q2.13 (+ 8-bit Morris counter) model hashed into 2^20 slots (1,048,577 coefficients) trained on the
 * synthetic stream of {@link Predictors}, and the same model compressed to q2.7 ({@link Compressor}: ranked
 * (the default), direct, compact, fast and direct_fast layouts). Both hash the feature ids to slots inside
 * the measured call.
 *
 * <pre>
 * mvn -Pbench package -DskipTests
 * java -jar target/bench/benchmarks.jar CompressedPredictBenchmark -f 2 -wi 4 -i 6 -w 2s -r 2s
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CompressedPredictBenchmark {
  static final int EXAMPLES = 1 << 12;

  @Param({"uncompressed-q2.13", "compressed-q2.7-ranked", "compressed-q2.7-direct", "compressed-q2.7-compact", "compressed-q2.7-fast",
      "compressed-q2.7-direct_fast"})
  public String predictor;

  @Param({"20"})
  public int hashBits;

  private Predictors.Predictor model;
  private int[][] ids;
  private double[][] values;
  private double[] out;

  @Setup(Level.Trial)
  public void setUp() {
    LogisticRegression trained = Predictors.trained(Layouts.config(Layouts.Q2_13_MORRIS8_RANDOMIZED,
        FeatureSpace.hashed(hashBits)));
    if (predictor.equals("uncompressed-q2.13")) {
      model = trained::probabilities;
    } else {
      // one binary class attribute: the examples are already encoded feature ids
      InstanceEncoder encoder = new InstanceEncoder(new int[] {InstanceEncoder.NUMERIC, 2}, 1, ScalingMode.NONE);
      String[] parts = predictor.split("-");
      int m = Integer.parseInt(parts[1].substring("q2.".length()));
      PositionLayout layout = PositionLayout.valueOf(parts[2].toUpperCase(java.util.Locale.ROOT));
      CompressedPredictor compressed = Compressor.of(trained, encoder).fractionBits(m).seed(1).layout(layout).compress();
      int[] slots = new int[Predictors.NNZ];
      model = (i, v, nnz, o) -> compressed.probabilities(i, v, nnz, slots, o);
      System.out.println();
      System.out.println(compressed.sizeReport());
    }
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
