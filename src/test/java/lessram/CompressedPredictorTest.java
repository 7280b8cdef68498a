package lessram;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import lessram.compressed.CompressedFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compressed predictor's own surface: prediction of a host's instance, the header identity it
 * checks, files and the length-prefixed form embedded in Java serialization, its reports.
 */
class CompressedPredictorTest {
  private static final int N = InstanceEncoder.NUMERIC;
  /** x0 numeric, x1 nominal (3 labels), x2 numeric, class (2 labels) at index 3. */
  private static final int[] ARITY = {N, 3, N, 2};
  private static final String[] LABELS = {"no", "yes"};

  /** A header for {@link HeaderView}: the arities and, for nominal attributes, labels v0, v1, ... */
  static HeaderView header(int[] arity, int classIndex, String[] classLabels) {
    return new HeaderView() {
      @Override public int numAttributes() {
        return arity.length;
      }

      @Override public int classIndex() {
        return classIndex;
      }

      @Override public int arity(int a) {
        return arity[a];
      }

      @Override public String attributeName(int a) {
        return "x" + a;
      }

      @Override public String label(int a, int v) {
        return a == classIndex ? classLabels[v] : "v" + v;
      }

      @Override public String relationName() {
        return "r";
      }
    };
  }

  /** A dense instance: every attribute's value at its index. */
  static InstanceView instance(double... values) {
    return new InstanceView() {
      @Override public int numValues() {
        return values.length;
      }

      @Override public int index(int p) {
        return p;
      }

      @Override public double value(int p) {
        return values[p];
      }

      @Override public double weight() {
        return 1;
      }

      @Override public double classValue() {
        return values[3];
      }
    };
  }

  static CompressedPredictor predictor(FeatureSpace space, InstanceEncoder enc) {
    LogisticRegression m = new LogisticRegression(LearnerConfig.builder().featureSpace(space).alpha(0.3).seed(2).build());
    SplitMix64 r = new SplitMix64(6);
    for (int i = 0; i < 2000; i++) {
      double x0 = 4 * r.nextDouble();
      enc.encode(new int[] {0, 1, 2, 3}, new double[] {x0, i % 3, r.nextDouble(), 0}, 4, true);
      m.learn(enc.ids(), enc.values(), enc.size(), x0 + (i % 3) > 3 ? 1 : 0, 1.0);
    }
    return Compressor.of(m, enc).classLabels(LABELS).classAttributeName("cls").relationName("rel")
        .producer("the producer").fractionBits(7).seed(3).compress();
  }

  @Test
  void aHostInstanceIsPredictedLikeItsEncodedFeatures() {
    for (FeatureSpace space : new FeatureSpace[] {FeatureSpace.direct(5), FeatureSpace.hashed(6)}) {
      InstanceEncoder enc = new InstanceEncoder(ARITY, 3, ScalingMode.STANDARDIZE);
      CompressedPredictor p = predictor(space, enc);
      SplitMix64 r = new SplitMix64(9);
      for (int i = 0; i < 50; i++) {
        double[] x = {4 * r.nextDouble(), i % 4, r.nextDouble(), i % 2};
        enc.encode(new int[] {0, 1, 2, 3}, x, 4, false);
        double[] byIds = p.probabilities(enc.ids(), enc.values(), enc.size());
        double[] byInstance = p.probabilities(instance(x));
        assertArrayEquals(byIds, byInstance, 0, space + " instance " + i);
        assertEquals(1.0, byInstance[0] + byInstance[1], 1e-15);
        // the compressed model's own slots, computed here
        double z = p.model().coefficient(p.model().numSlots(), 0);
        for (int j = 0; j < enc.size(); j++) {
          z += p.model().coefficient(space.slot(enc.ids()[j]), 0) * enc.values()[j];
        }
        assertEquals(1 / (1 + Math.exp(-z)), byInstance[1], 1e-12);
      }
      assertThrows(IllegalArgumentException.class,
          () -> p.probabilities(new int[] {0, 1}, new double[] {1, 1}, 2, new int[1], new double[2]));
      assertThrows(IllegalArgumentException.class,
          () -> p.probabilities(new int[] {0, 1}, new double[] {1, 1}, -1, new int[2], new double[2]));
      assertThrows(IllegalArgumentException.class,
          () -> p.probabilities(new int[] {0, 1}, new double[] {1}, 2, new int[2], new double[2]));
      assertThrows(IllegalArgumentException.class,
          () -> p.probabilities(new int[] {0}, new double[] {1, 1}, 2, new int[2], new double[2]));
      // a buffer grows for a larger instance
      CompressedPredictor.Encoding e = p.newEncoding();
      assertTrue(e.slotsFor(100).length >= 100);
      e.begin();
      e.add(0, 1.5);
      e.add(1, 2);
      assertEquals(2, e.size());
      assertEquals(3, e.ids()[1], "x1 = label 2: feature 1 + 2");
      assertEquals(1.0, e.values()[1]);
    }
  }

  @Test
  void theHeaderIdentityIsChecked() {
    CompressedPredictor p = predictor(FeatureSpace.direct(5), new InstanceEncoder(ARITY, 3, ScalingMode.STANDARDIZE));
    assertNull(p.headerDifference(header(ARITY, 3, LABELS)));
    assertNull(p.headerDifference(ARITY, 3, null));
    // labels that grew at the end are accepted, for the class and for a nominal attribute
    assertNull(p.headerDifference(header(new int[] {N, 4, N, 3}, 3, new String[] {"no", "yes", "maybe"})));
    String renamed = p.headerDifference(header(ARITY, 3, new String[] {"yes", "no"}));
    assertEquals("class labels changed from [no, yes] to [yes, no]", renamed);
    assertTrue(p.headerDifference(ARITY, 3, new String[] {"no"}).startsWith("class labels changed"));
    assertTrue(p.headerDifference(header(new int[] {N, 3, N, 2, N}, 3, LABELS)) != null, "an extra attribute");
    assertTrue(p.headerDifference(header(new int[] {N, 3, 3, 2}, 3, LABELS)) != null, "a numeric became nominal");
    assertEquals(4, p.numAttributes());
    assertEquals(3, p.classIndex());
    assertEquals(2, p.numClasses());
    String[] labels = p.classLabels();
    labels[0] = "changed";
    assertArrayEquals(LABELS, p.classLabels(), "a copy");
    assertEquals("cls", p.classAttributeName());
    assertEquals("rel", p.relationName());
    assertEquals("the producer", p.producer());
    InstanceEncoder copy = p.encoder();
    assertNotSame(copy, p.encoder());
    assertEquals(5, copy.dimension());
  }

  @Test
  void filesAndEmbeddedFormsRoundTrip(@TempDir Path dir) throws IOException, ClassNotFoundException {
    CompressedPredictor p = predictor(FeatureSpace.hashed(6), new InstanceEncoder(ARITY, 3, ScalingMode.MAX_ABS));
    Path file = dir.resolve("m.lrfz");
    p.write(file);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    p.writeTo(bytes);
    assertArrayEquals(bytes.toByteArray(), Files.readAllBytes(file));
    CompressedPredictor back = CompressedPredictor.read(file);
    double[] x = {1.5, 1, 0.25, 0};
    assertArrayEquals(p.probabilities(instance(x)), back.probabilities(instance(x)), 0);
    assertEquals(p.toString(), back.toString());
    // a file with a byte after the model
    Path longer = dir.resolve("longer.lrfz");
    byte[] extra = java.util.Arrays.copyOf(bytes.toByteArray(), bytes.size() + 1);
    Files.write(longer, extra);
    CompressedFormatException e = assertThrows(CompressedFormatException.class, () -> CompressedPredictor.read(longer));
    assertTrue(e.getMessage().contains("trailing bytes"), e.getMessage());

    ByteArrayOutputStream serialized = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(serialized)) {
      CompressedPredictor.writeEmbedded(out, p);
      CompressedPredictor.writeEmbedded(out, null);
      out.writeInt(-2);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(serialized.toByteArray()))) {
      CompressedPredictor embedded = CompressedPredictor.readEmbedded(in);
      assertArrayEquals(p.probabilities(instance(x)), embedded.probabilities(instance(x)), 0);
      assertNull(CompressedPredictor.readEmbedded(in));
      IOException negative = assertThrows(IOException.class, () -> CompressedPredictor.readEmbedded(in));
      assertEquals("invalid compressed model length -2", negative.getMessage());
      EOFException end = assertThrows(EOFException.class, () -> CompressedPredictor.readEmbedded(in));
      assertTrue(end.getMessage().contains("before the compressed model's length"), end.getMessage());
    }
  }

  @Test
  void reportsNameTheModel() {
    for (FeatureSpace space : new FeatureSpace[] {FeatureSpace.direct(5), FeatureSpace.hashed(6)}) {
      CompressedPredictor p = predictor(space, new InstanceEncoder(ARITY, 3, ScalingMode.NONE));
      long n = p.model().numCoordinates();
      String report = p.sizeReport();
      assertTrue(report.startsWith("compressed q2.7 model of the producer\n"), report);
      assertTrue(report.contains("classes                2 [no, yes] (attribute 'cls')"), report);
      assertTrue(report.contains(space.kind() == FeatureSpace.Kind.HASHED ? "hashed(2^6), 64 slots, 1 outputs"
          : "direct, 5 slots, 1 outputs"), report);
      assertTrue(report.contains(String.format(java.util.Locale.ROOT, "bytes before (float32) %,d", 4 * n)), report);
      assertTrue(report.contains("coefficients           " + n + " ("), report);
      double saving = 100 * (1 - p.realizedBitsPerCoefficient() / 32);
      // 5 coefficients cost more than float32 would; 65 of them, mostly zero, less
      assertEquals(space.kind() == FeatureSpace.Kind.HASHED, saving > 0, report);
      assertTrue(report.contains(String.format(java.util.Locale.ROOT, "(realized is %.2f%% %s)", Math.abs(saving),
          saving > 0 ? "smaller" : "larger: fixed costs dominate a model this small")), report);
      assertEquals(String.format(java.util.Locale.ROOT, "CompressedPredictor[q2.7, 2 classes, the producer, %.3f "
          + "bits/coefficient]", p.realizedBitsPerCoefficient()), p.toString());
      assertEquals(p.model().realizedBitsPerCoefficient(), p.realizedBitsPerCoefficient());
      assertEquals(p.model().entropyBitsPerCoefficient(), p.entropyBitsPerCoefficient());
      assertEquals(p.model().sizeInBytes() + p.encoder().sizeInBytes(), p.sizeInBytes());
    }
  }
}
