package moa.bench;

import com.yahoo.labs.samoa.instances.Attribute;
import com.yahoo.labs.samoa.instances.Instance;
import com.yahoo.labs.samoa.instances.Instances;
import com.yahoo.labs.samoa.instances.InstancesHeader;
import com.yahoo.labs.samoa.instances.SparseInstance;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import moa.classifiers.Classifier;
import moa.options.ClassOption;
import moa.streams.generators.RandomRBFGenerator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Prequential throughput of MOA learners on in-memory streams: instances per second of one
 * prequential step ({@code getVotesForInstance}, then {@code trainOnInstance}), the loop of MOA's
 * {@code EvaluatePrequential} without stream generation or parsing (the instances are generated once,
 * in the setup, and cycled through).
 *
 * <p>Streams ({@code stream}):
 * <ul>
 *   <li>{@code rbf}: MOA's {@code RandomRBFGenerator} at its defaults (10 numeric attributes, 2 classes,
 *       dense instances);</li>
 *   <li>{@code sparse100k}: 100,000 numeric attributes, 20 non-zeros per instance (distinct uniformly
 *       random indices, value 1) built with the truly sparse {@code SparseInstance(w, values, indices, n)}
 *       constructor, labels from a random sparse logistic ground truth, 2 classes.</li>
 * </ul>
 * Learners ({@code learner}): LessRAM's {@code ApproximateCountLogisticRegression} and
 * {@code RandomizedRoundingLogisticRegression} at their defaults (q2.13), and MOA's {@code functions.SGD}
 * with logistic loss ({@code -o LOGLOSS}; otherwise defaults), whose work per instance is O(attributes).
 * The learners keep training across iterations (steady state over many passes of the stream).
 *
 * <pre>
 * mvn -Pbench -DskipTests package
 * java -cp "target/bench/benchmarks.jar:&lt;MOA class path&gt;" org.openjdk.jmh.Main PrequentialThroughputBenchmark.prequentialStep
 * </pre>
 * {@code predictOnly} and {@code trainOnly} split a step into its two halves (run them with the pattern
 * {@code PrequentialThroughputBenchmark}).
 * (MOA is a provided dependency, so the benchmark jar does not hold it.)
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PrequentialThroughputBenchmark {
  /** Pre-generated instances per stream (cycled through). */
  static final int INSTANCES = 1 << 15;

  /** Attributes of the sparse stream, and its non-zeros per instance. */
  static final int SPARSE_ATTRIBUTES = 100_000;
  static final int SPARSE_NON_ZEROS = 20;

  @Param({"rbf", "sparse100k"})
  public String stream;

  @Param({"ApproximateCountLogisticRegression", "RandomizedRoundingLogisticRegression", "SGD"})
  public String learner;

  private Instance[] data;
  private Classifier classifier;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    InstancesHeader header;
    switch (stream) {
      case "rbf": {
        RandomRBFGenerator g = new RandomRBFGenerator();
        g.prepareForUse();
        header = g.getHeader();
        data = new Instance[INSTANCES];
        for (int i = 0; i < INSTANCES; i++) {
          data[i] = g.nextInstance().getData();
        }
        break;
      }
      case "sparse100k":
        header = sparseHeader(SPARSE_ATTRIBUTES);
        data = sparseInstances(header, INSTANCES, SPARSE_NON_ZEROS, 42);
        break;
      default:
        throw new IllegalArgumentException("unknown stream " + stream);
    }
    classifier = newLearner(learner);
    classifier.setModelContext(header);
    classifier.prepareForUse();
    classifier.resetLearning();
    next = 0;
  }

  /**
   * The learner: {@code SGD} is MOA's {@code functions.SGD -o LOGLOSS}; any other value is a MOA CLI string
   * ({@code lessram.} is prepended to a bare LessRAM class name), so variants can be measured with e.g.
   * {@code -p learner="ApproximateCountLogisticRegression -z none"}.
   */
  static Classifier newLearner(String name) {
    String cli = name.equals("SGD") ? "functions.SGD -o LOGLOSS"
        : (name.startsWith("ApproximateCount") || name.startsWith("RandomizedRounding") ? "lessram." + name : name);
    try {
      return (Classifier) ClassOption.cliStringToObject(cli, Classifier.class, null);
    } catch (Exception e) {
      throw new IllegalArgumentException("cannot create the learner " + cli + ": " + e.getMessage(), e);
    }
  }

  /** A header with {@code d} numeric attributes and a binary nominal class, last. */
  static InstancesHeader sparseHeader(int d) {
    List<Attribute> attributes = new ArrayList<>(d + 1);
    for (int a = 0; a < d; a++) {
      attributes.add(new Attribute("x" + a));
    }
    attributes.add(new Attribute("class", Arrays.asList("0", "1")));
    Instances instances = new Instances("sparse" + d, attributes, 0);
    instances.setClassIndex(d);
    return new InstancesHeader(instances);
  }

  /**
   * {@code n} truly sparse instances: {@code nnz} distinct random attributes with value 1, plus the class
   * entry; labels from a sparse logistic ground truth (a third of the attributes with weights ~ N(0, 1)).
   */
  static Instance[] sparseInstances(InstancesHeader header, int n, int nnz, long seed) {
    int d = header.numAttributes() - 1;
    Random random = new Random(seed);
    double[] truth = new double[d];
    for (int a = 0; a < d; a++) {
      truth[a] = random.nextInt(3) == 0 ? random.nextGaussian() : 0.0;
    }
    Instance[] out = new Instance[n];
    for (int i = 0; i < n; i++) {
      int[] indices = new int[nnz + 1];
      double[] values = new double[nnz + 1];
      int k = 0;
      while (k < nnz) {
        int a = random.nextInt(d);
        boolean seen = false;
        for (int j = 0; j < k; j++) {
          seen |= indices[j] == a;
        }
        if (!seen) {
          indices[k++] = a;
        }
      }
      Arrays.sort(indices, 0, nnz);
      double z = -1.0;
      for (int j = 0; j < nnz; j++) {
        values[j] = 1.0;
        z += truth[indices[j]];
      }
      indices[nnz] = d;
      values[nnz] = random.nextDouble() < 1.0 / (1.0 + Math.exp(-z)) ? 1 : 0;
      SparseInstance inst = new SparseInstance(1.0, values, indices, d + 1);
      inst.setDataset(header);
      out[i] = inst;
    }
    return out;
  }

  /** Prediction alone (the model does not change), for the breakdown of a step. */
  @Benchmark
  public double[] predictOnly() {
    Instance x = data[next];
    next = next + 1 == INSTANCES ? 0 : next + 1;
    return classifier.getVotesForInstance(x);
  }

  /** Training alone, for the breakdown of a step. */
  @Benchmark
  public void trainOnly() {
    Instance x = data[next];
    next = next + 1 == INSTANCES ? 0 : next + 1;
    classifier.trainOnInstance(x);
  }

  /** One prequential step: predict, then train; returns the votes so nothing is optimised away. */
  @Benchmark
  public double[] prequentialStep() {
    Instance x = data[next];
    next = next + 1 == INSTANCES ? 0 : next + 1;
    double[] votes = classifier.getVotesForInstance(x);
    classifier.trainOnInstance(x);
    return votes;
  }
}
