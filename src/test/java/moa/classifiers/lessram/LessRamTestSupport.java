package moa.classifiers.lessram;

import com.yahoo.labs.samoa.instances.Attribute;
import com.yahoo.labs.samoa.instances.DenseInstance;
import com.yahoo.labs.samoa.instances.Instance;
import com.yahoo.labs.samoa.instances.Instances;
import com.yahoo.labs.samoa.instances.InstancesHeader;
import com.yahoo.labs.samoa.instances.SparseInstance;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import moa.classifiers.Classifier;
import moa.core.Measurement;
import moa.options.ClassOption;
import moa.options.OptionHandler;
import moa.streams.InstanceStream;

/** Shared fixtures of the MOA learner tests: learner setups, seeded streams, serialization helpers. */
final class LessRamTestSupport {
  private LessRamTestSupport() {
  }

  static final String RR = "lessram.RandomizedRoundingLogisticRegression";
  static final String AC = "lessram.ApproximateCountLogisticRegression";

  /** Binary numeric stream (10 numeric attributes). */
  static final String BINARY = "generators.RandomRBFGenerator -r 3 -i 5";
  /** Multiclass stream with nominal (binary-valued) attributes: 10 classes, 24 attributes. */
  static final String MULTICLASS = "generators.LEDGenerator -i 4";
  /** Multiclass numeric stream: 3 classes, 21 attributes. */
  static final String WAVEFORM = "generators.WaveformGenerator -i 4";
  /** Binary stream mixing numeric and nominal attributes. */
  static final String MIXED = "generators.AgrawalGenerator -i 6";

  /** One learner configuration the shared checks run on. */
  static final class Setup {
    final String name;
    final String cli;
    /** True if training draws random numbers (randomized rounding or Morris counters). */
    final boolean randomized;

    Setup(String name, String cli, boolean randomized) {
      this.name = name;
      this.cli = cli;
      this.randomized = randomized;
    }

    /** The same setup with extra options. */
    String with(String options) {
      return cli + " " + options;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** The learner setups of the contract suite. */
  static List<Setup> setups() {
    return Arrays.asList(
        new Setup("rr-default", RR, true),
        new Setup("rr-nearest", RR + " -m nearest", false),
        new Setup("rr-float64", RR + " -m float64", false),
        new Setup("ac-default", AC, true),
        new Setup("ac-nearest", AC + " -m nearest", true),
        new Setup("ac-float32", AC + " -m float32", true),
        new Setup("ac-exact", AC + " -c exact", true),
        new Setup("ac-exact-float64", AC + " -c exact -m float64", false),
        new Setup("ac-hashed", AC + " -h 6", true),
        new Setup("ac-sparse-map", AC + " -p", true),
        new Setup("ac-q4.5-maxabs", AC + " -i 4 -f 5 -z maxabs -b 6 -e 1.3", true));
  }

  /** A learner from a MOA command-line string (not prepared). */
  static AbstractLessRamClassifier learner(String cli) {
    try {
      return (AbstractLessRamClassifier) ClassOption.cliStringToObject(cli, Classifier.class, null);
    } catch (Exception e) {
      throw new IllegalArgumentException(cli, e);
    }
  }

  /** A prepared learner (options read, reset done) with the stream's header as model context. */
  static AbstractLessRamClassifier prepared(String cli, InstancesHeader header) {
    AbstractLessRamClassifier learner = learner(cli);
    learner.setModelContext(header);
    learner.prepareForUse();
    return learner;
  }

  /** A prepared MOA stream from a command-line string. */
  static InstanceStream stream(String cli) {
    try {
      InstanceStream s = (InstanceStream) ClassOption.cliStringToObject(cli, InstanceStream.class, null);
      ((OptionHandler) s).prepareForUse();
      return s;
    } catch (Exception e) {
      throw new IllegalArgumentException(cli, e);
    }
  }

  /** The first {@code n} instances of a stream. */
  static List<Instance> instances(String streamCli, int n) {
    InstanceStream s = stream(streamCli);
    List<Instance> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(s.nextInstance().getData());
    }
    return out;
  }

  /** Prequential pass: the votes on each instance before training on it. */
  static double[][] prequential(Classifier learner, List<Instance> data) {
    double[][] votes = new double[data.size()][];
    for (int i = 0; i < data.size(); i++) {
      votes[i] = learner.getVotesForInstance(data.get(i));
      learner.trainOnInstance(data.get(i));
    }
    return votes;
  }

  /** The votes on each instance, without training. */
  static double[][] votes(Classifier learner, List<Instance> data) {
    double[][] votes = new double[data.size()][];
    for (int i = 0; i < data.size(); i++) {
      votes[i] = learner.getVotesForInstance(data.get(i));
    }
    return votes;
  }

  static void train(Classifier learner, List<Instance> data) {
    for (Instance inst : data) {
      learner.trainOnInstance(inst);
    }
  }

  /** The value of a named model measurement (from the learner's own list, without MOA's agent figures). */
  static double measurement(AbstractLessRamClassifier learner, String name) {
    for (Measurement m : learner.getModelMeasurementsImpl()) {
      if (m.getName().equals(name)) {
        return m.getValue();
      }
    }
    throw new AssertionError("no measurement '" + name + "'");
  }

  static byte[] serialize(Object o) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
        out.writeObject(o);
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @SuppressWarnings("unchecked")
  static <T> T deserialize(byte[] bytes) {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      return (T) in.readObject();
    } catch (IOException | ClassNotFoundException e) {
      throw new AssertionError(e);
    }
  }

  /** A header of {@code numeric} numeric attributes, then nominal attributes of the given sizes, then a class. */
  static InstancesHeader header(String name, int numeric, int[] nominalSizes, int classes) {
    List<Attribute> atts = new ArrayList<>();
    for (int i = 0; i < numeric; i++) {
      atts.add(new Attribute("x" + i));
    }
    for (int j = 0; j < nominalSizes.length; j++) {
      atts.add(new Attribute("n" + j, labels("v", nominalSizes[j])));
    }
    atts.add(new Attribute("class", labels("c", classes)));
    InstancesHeader h = new InstancesHeader(new Instances(name, atts, 0));
    h.setClassIndex(atts.size() - 1);
    return h;
  }

  static List<String> labels(String prefix, int n) {
    List<String> l = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      l.add(prefix + i);
    }
    return l;
  }

  /**
   * A seeded sparse binary stream: {@code dim} numeric attributes and a class, {@code nnz} non-zeros per
   * instance (values in (0, 1], the first attributes more frequent), labels from a fixed sparse logistic
   * model. Truly sparse instances ({@link SparseInstance} with index arrays).
   */
  static List<Instance> sparseInstances(long seed, int n, int dim, int nnz) {
    InstancesHeader h = header("sparse", dim, new int[0], 2);
    Random r = new Random(seed);
    double[] truth = new double[dim];
    for (int j = 0; j < dim; j++) {
      truth[j] = j % 3 == 0 ? r.nextGaussian() * 2 : 0;
    }
    List<Instance> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int[] idx = new int[nnz + 1];
      double[] val = new double[nnz + 1];
      int k = 0;
      double z = -0.5;
      java.util.TreeMap<Integer, Double> chosen = new java.util.TreeMap<>();
      while (chosen.size() < nnz) {
        int j = (int) (dim * Math.pow(r.nextDouble(), 2)); // skewed towards small indices
        chosen.putIfAbsent(j, 1.0 - r.nextDouble());
      }
      for (java.util.Map.Entry<Integer, Double> e : chosen.entrySet()) {
        idx[k] = e.getKey();
        val[k] = e.getValue();
        z += truth[e.getKey()] * e.getValue();
        k++;
      }
      idx[k] = dim; // class
      val[k] = r.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
      Instance inst = new SparseInstance(1.0, val, idx, dim + 1);
      inst.setDataset(h);
      out.add(inst);
    }
    return out;
  }

  /** The same instance stored densely (absent values as 0). */
  static Instance dense(Instance sparse) {
    Instance d = new DenseInstance(sparse.weight(), sparse.toDoubleArray());
    d.setDataset(sparse.dataset());
    return d;
  }

  /** Asserts a probability vector: right length, entries in [0, 1], sum 1. */
  static void assertProbabilities(double[] votes, int classes, String context) {
    if (votes.length != classes) {
      throw new AssertionError(context + ": " + votes.length + " votes for " + classes + " classes");
    }
    double sum = 0;
    for (double v : votes) {
      if (!(v >= 0 && v <= 1)) {
        throw new AssertionError(context + ": vote " + v + " outside [0, 1] in " + Arrays.toString(votes));
      }
      sum += v;
    }
    if (Math.abs(sum - 1) > 1e-9) {
      throw new AssertionError(context + ": votes sum to " + sum + ": " + Arrays.toString(votes));
    }
  }
}
