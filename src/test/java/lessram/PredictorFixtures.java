package lessram;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import lessram.compressed.CoefficientSource;
import lessram.compressed.CompressedModel;

/**
 * Generates the committed fixtures of the feature mapping and encoder forms under
 * {@code src/test/resources/lessram/}: for each case a {@code predictor-<case>.lrfz} written by
 * {@link Compressor} (the encoder's and the mapping's bytes inside its metadata) and a
 * {@code predictor-<case>.expected} text file of probe instances with the probabilities the loaded file
 * gave. Run once, with the code whose bytes are to be kept, never to "fix" a failing
 * {@link PredictorFormatStabilityTest}:
 * {@code java -cp target/classes:target/test-classes:<test class path> lessram.PredictorFixtures src/test/resources/lessram}.
 */
public final class PredictorFixtures {
  private PredictorFixtures() {}

  /** The cases, each a compressed predictor built deterministically from the public API. */
  static final String[] CASES = {"standardize", "maxabs-hashed-3", "none-class-first-sparse", "exact-only-v1"};

  /** x0 numeric, x1 nominal (3 labels), x2 numeric, class at 3, x4 numeric, x5 ignored. */
  static final int[] MIXED = {0, 3, 0, 2, 0, -1};

  /** Attribute arities of a case. */
  static int[] arity(String name) {
    switch (name) {
      case "maxabs-hashed-3":
        return new int[] {0, 3, 0, 3, 0, -1};
      case "none-class-first-sparse":
        return new int[] {2, 0, 0, 0, 0};
      default:
        return MIXED;
    }
  }

  static int classIndex(String name) {
    return name.equals("none-class-first-sparse") ? 0 : 3;
  }

  /** Instance {@code i} of a case: wide scales, now and then a missing or unseen nominal value. */
  static double[] instance(String name, SplitMix64 r, int i) {
    int[] arity = arity(name);
    double[] x = new double[arity.length];
    for (int a = 0; a < x.length; a++) {
      if (a == classIndex(name)) {
        x[a] = r.nextInt(arity[a]);
      } else if (arity[a] > 0) {
        x[a] = i % 23 == 4 ? arity[a] + 1 : r.nextInt(arity[a]);
      } else {
        x[a] = i % 31 == a ? Double.NaN : (a + 1) * 100 * r.nextDouble() - 50 * a;
      }
    }
    return x;
  }

  static int[] indices(int n) {
    int[] idx = new int[n];
    for (int a = 0; a < n; a++) {
      idx[a] = a;
    }
    return idx;
  }

  /** The compressed predictor of a case, as {@link Compressor} writes it (before any version conversion). */
  static CompressedPredictor build(String name) throws IOException {
    int[] arity = arity(name);
    int ci = classIndex(name);
    int classes = arity[ci];
    ScalingMode scaling = name.startsWith("maxabs") ? ScalingMode.MAX_ABS
        : name.startsWith("none") ? ScalingMode.NONE : ScalingMode.STANDARDIZE;
    InstanceEncoder e = new InstanceEncoder(arity, ci, scaling);
    FeatureSpace space = name.contains("hashed") ? FeatureSpace.hashed(8)
        : name.contains("sparse") ? FeatureSpace.sparse(e.dimension()) : FeatureSpace.direct(e.dimension());
    // alpha 0.5: the engine builder's default when the fixtures were generated
    LogisticRegression m = new LogisticRegression(LearnerConfig.builder().numClasses(classes).featureSpace(space)
        .alpha(0.5).seed(11).build());
    SplitMix64 r = new SplitMix64(name.hashCode());
    int[] idx = indices(arity.length);
    // past the exact standardization and several refreshes of its cache
    for (int i = 0; i < 3000; i++) {
      double[] x = instance(name, r, i);
      if (i % 2 == 0) {
        e.encode(idx, x, x.length, false);
        e.commitTraining(idx, x, x.length);
      } else {
        e.encode(idx, x, x.length, true);
      }
      m.learn(e.ids(), e.values(), e.size(), (int) x[ci], 1.0);
    }
    String[] labels = new String[classes];
    for (int k = 0; k < classes; k++) {
      labels[k] = "c" + k;
    }
    CompressedPredictor p = Compressor.of(m, e).classLabels(labels).producer("fixture " + name).relationName("fixture")
        .classAttributeName("class").fractionBits(7).seed(5).compress();
    if (!name.endsWith("-v1")) {
      return p;
    }
    // the first encoder form: the same bytes without the cache part, version 1 (the mapping ends with it)
    byte[] meta = p.model().featureSpace().metadata();
    int cachePart = 8 + 8 + 1 + (e.center() == null ? 0 : 16 * arity.length);
    byte[] v1 = Arrays.copyOf(meta, meta.length - cachePart);
    int encoderStart = indexOf(v1, "LREN".getBytes(StandardCharsets.US_ASCII));
    v1[encoderStart + 5] = 1;
    int d = e.dimension();
    double[] beta = new double[d + 1];
    for (int s = 0; s <= d; s++) {
      beta[s] = m.coefficient(s, 0);
    }
    CompressedModel compressed = CompressedModel.builder(CoefficientSource.of(1, d, beta)).fractionBits(7).seed(5)
        .featureSpace(p.model().featureSpace().withMetadata(v1)).build();
    return CompressedPredictor.of(compressed);
  }

  static int indexOf(byte[] haystack, byte[] needle) {
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      if (Arrays.equals(Arrays.copyOfRange(haystack, i, i + needle.length), needle)) {
        return i;
      }
    }
    throw new IllegalStateException("not found");
  }

  /** The file bytes of a predictor. */
  static byte[] bytes(CompressedPredictor p) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    p.writeTo(out);
    return out.toByteArray();
  }

  /** The probe instances of a case (other values than the training ones). */
  static double[][] probes(String name) {
    SplitMix64 r = new SplitMix64(7 + name.length());
    double[][] probes = new double[60][];
    for (int i = 0; i < probes.length; i++) {
      probes[i] = instance(name, r, i);
    }
    return probes;
  }

  /** Probabilities of a probe with a predictor's own encoding (every attribute given, the class skipped). */
  static double[] probabilities(CompressedPredictor p, double[] x) {
    CompressedPredictor.Encoding enc = p.newEncoding();
    enc.begin();
    for (int a = 0; a < x.length; a++) {
      enc.add(a, x[a]);
    }
    return enc.probabilities();
  }

  public static void main(String[] args) throws IOException {
    Path dir = Paths.get(args.length > 0 ? args[0] : "src/test/resources/lessram");
    Files.createDirectories(dir);
    for (String name : CASES) {
      byte[] file = bytes(build(name));
      Files.write(dir.resolve("predictor-" + name + ".lrfz"), file);
      CompressedPredictor loaded = CompressedPredictor.read(new java.io.ByteArrayInputStream(file));
      try (PrintStream out = new PrintStream(Files.newOutputStream(dir.resolve("predictor-" + name + ".expected")),
          false, "UTF-8")) {
        for (double[] x : probes(name)) {
          StringBuilder sb = new StringBuilder();
          for (double v : x) {
            sb.append(v).append(' ');
          }
          sb.append("=>");
          for (double q : probabilities(loaded, x)) {
            sb.append(' ').append(q);
          }
          out.println(sb);
        }
      }
      System.out.println(name + ": " + file.length + " bytes");
    }
  }
}
