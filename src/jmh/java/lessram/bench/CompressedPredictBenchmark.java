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
 * q2.13 (+ 8-bit Morris counter) model hashed into 2^hashBits slots (2^20 by default; 2^22 and 2^24, where
 * the uncompressed table of 12 and 48 MiB outgrows the caches and the compressed one does not) trained on
 * the synthetic stream of {@link Predictors}, and the same model compressed to q2.7 ({@link Compressor}:
 * ranked (the default), direct, compact, fast and direct_fast layouts; {@code compressed-q2.7-ranked-index} and
 * {@code -noindex} force the ranked layout's in-memory lookup index on or off, by default it is on from 2^22
 * slots). Both hash the feature ids to slots
 * inside the measured call. Each call predicts {@value #BATCH} examples, cycling through {@code examples}
 * distinct ones: 4096 touch a few MB of any table (their features stay in the caches between passes);
 * 65536 touch tens of MB of the uncompressed 2^24 table, as a stream of new examples does.
 *
 * <pre>
 * mvn -Pbench package -DskipTests
 * java -jar target/bench/benchmarks.jar CompressedPredictBenchmark -f 2 -wi 4 -i 6 -w 2s -r 2s
 * java -jar target/bench/benchmarks.jar CompressedPredictBenchmark -p predictor=uncompressed-q2.13,compressed-q2.7-ranked \
 *     -p hashBits=22,24 -p examples=4096,65536 -f 2 -wi 4 -i 6 -w 2s -r 2s
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CompressedPredictBenchmark {
  /** The system property choosing the ranked layout's lookup index (auto, on, off). */
  static final String INDEX_PROPERTY = "lessram.compressed.lookupIndex";

  /** Predictions per benchmark call. */
  static final int BATCH = 1 << 12;

  @Param({"uncompressed-q2.13", "compressed-q2.7-ranked", "compressed-q2.7-direct", "compressed-q2.7-compact", "compressed-q2.7-fast",
      "compressed-q2.7-direct_fast"})
  public String predictor;

  @Param({"20", "22", "24"})
  public int hashBits;

  /** Distinct examples the calls cycle through. */
  @Param({"4096"})
  public int examples;

  private Predictors.Predictor model;
  private int[][] ids;
  /** The examples' values: all 1, one array for all (so that only the ids stream through the caches). */
  private double[] values;
  private double[] out;
  private int next;

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
      // an optional fourth part, index or noindex, sets the in-memory lookup index of the ranked layout on or
      // off (system property lessram.compressed.lookupIndex, read when the model is built); default auto
      String indexMode = parts.length > 3 ? (parts[3].equals("noindex") ? "off" : "on") : "auto";
      String before = System.getProperty(INDEX_PROPERTY);
      System.setProperty(INDEX_PROPERTY, indexMode);
      CompressedPredictor compressed;
      try {
        compressed = Compressor.of(trained, encoder).fractionBits(m).seed(1).layout(layout).compress();
      } finally {
        if (before == null) {
          System.clearProperty(INDEX_PROPERTY);
        } else {
          System.setProperty(INDEX_PROPERTY, before);
        }
      }
      int[] slots = new int[Predictors.NNZ];
      model = (i, v, nnz, o) -> compressed.probabilities(i, v, nnz, slots, o);
      System.out.println();
      System.out.println(compressed.sizeReport());
      System.out.printf(java.util.Locale.ROOT, "heap bytes of the compressed predictor (%s): %,d%n", predictor,
          compressed.sizeInBytes());
    }
    ids = new int[examples][];
    double[][] v = new double[examples][];
    new Predictors.Stream(2).fill(ids, v);
    values = v[0];
    out = new double[2];
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void predict(Blackhole bh) {
    Predictors.Predictor m = model;
    double[] o = out;
    int[][] x = ids;
    double[] v = values;
    int t = next;
    for (int k = 0; k < BATCH; k++) {
      m.probabilities(x[t], v, Predictors.NNZ, o);
      bh.consume(o[1]);
      t = t + 1 == x.length ? 0 : t + 1;
    }
    next = t;
  }
}
