package lessram;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Headers, instances and comparisons for the data-parallel training tests. */
final class MixingFixtures {
  private MixingFixtures() {
  }

  /** {@code features} numeric attributes, then a nominal class with {@code classes} labels. */
  static HeaderView header(int features, int classes) {
    return header(features, classes, false);
  }

  /**
   * {@code features} numeric attributes and a nominal class with {@code classes} labels, last, or first if {@code
   * classFirst} (then feature {@code j} is attribute {@code j + 1}).
   */
  static HeaderView header(int features, int classes, boolean classFirst) {
    int classIndex = classFirst ? 0 : features;
    return new HeaderView() {
      @Override
      public int numAttributes() {
        return features + 1;
      }

      @Override
      public int classIndex() {
        return classIndex;
      }

      @Override
      public int arity(int a) {
        return a == classIndex ? classes : InstanceEncoder.NUMERIC;
      }

      @Override
      public String attributeName(int a) {
        return a == classIndex ? "class" : "f" + (a + (classFirst ? 0 : 1));
      }

      @Override
      public String label(int a, int v) {
        return Integer.toString(v);
      }

      @Override
      public String relationName() {
        return "mixing";
      }
    };
  }

  /** Entries {@code (ids[p], values[p])} of a sparse instance, then the class entry at {@code classIndex}. */
  static InstanceView instance(int[] ids, double[] values, int classIndex, double label) {
    return instance(ids, values, classIndex, label, false);
  }

  /**
   * {@link #instance(int[], double[], int, double)}, or if {@code classFirst} the class entry at 0 followed by
   * feature {@code ids[p]} as attribute {@code ids[p] + 1} (a header of {@link #header(int, int, boolean)}).
   */
  static InstanceView instance(int[] ids, double[] values, int classIndex, double label, boolean classFirst) {
    return new InstanceView() {
      @Override
      public int numValues() {
        return ids.length + 1;
      }

      @Override
      public int index(int p) {
        if (classFirst) {
          return p == 0 ? 0 : ids[p - 1] + 1;
        }
        return p < ids.length ? ids[p] : classIndex;
      }

      @Override
      public double value(int p) {
        if (classFirst) {
          return p == 0 ? label : values[p - 1];
        }
        return p < ids.length ? values[p] : label;
      }

      @Override
      public double weight() {
        return 1.0;
      }

      @Override
      public double classValue() {
        return label;
      }
    };
  }

  /** Row {@code t} of synthetic data as an instance. */
  static InstanceView row(SyntheticData data, int t) {
    return instance(data.ids[t], data.values[t], data.dimension, data.labels[t]);
  }

  /** A fresh session for synthetic data with these settings. */
  static OnlineClassifier session(Settings settings, SyntheticData data) {
    return new OnlineClassifier(settings, header(data.dimension, data.classes));
  }

  /** Asserts that two sessions are equal in every stored field. */
  static void assertSameState(OnlineClassifier expected, OnlineClassifier actual) {
    CoordinateTable a = expected.model().table();
    CoordinateTable b = actual.model().table();
    assertEquals(a.size(), b.size());
    for (int c = 0; c < a.size(); c++) {
      if (a.codeField(c) != b.codeField(c) || a.counterField(c) != b.counterField(c)) {
        assertEquals(a.codeField(c) + "/" + a.counterField(c), b.codeField(c) + "/" + b.counterField(c),
            "coordinate " + c);
      }
    }
    assertEquals(expected.model().examplesSeen(), actual.model().examplesSeen(), "examples seen");
    assertEquals(expected.model().examplesSkipped(), actual.model().examplesSkipped(), "examples skipped");
    assertEquals(expected.instancesWithoutClass(), actual.instancesWithoutClass(), "no class");
    assertEquals(expected.model().random().state(), actual.model().random().state(), "generator state");
    // the adaptive rate's statistics and factor, bit for bit
    assertEquals(Double.doubleToRawLongBits(expected.model().squaredGradients()),
        Double.doubleToRawLongBits(actual.model().squaredGradients()), "sum of squared gradients");
    assertEquals(Double.doubleToRawLongBits(expected.model().gradients()),
        Double.doubleToRawLongBits(actual.model().gradients()), "number of gradients");
    assertEquals(Double.doubleToRawLongBits(expected.model().rateFactor()),
        Double.doubleToRawLongBits(actual.model().rateFactor()), "rate factor");
    assertArrayEquals(encoderBytes(expected.encoder()), encoderBytes(actual.encoder()),
        "feature mapping");
  }

  /** The persisted form of a feature mapping (its whole state). */
  static byte[] encoderBytes(InstanceEncoder e) {
    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
    try (java.io.DataOutputStream out = new java.io.DataOutputStream(b)) {
      e.writeTo(out);
    } catch (java.io.IOException ex) {
      throw new java.io.UncheckedIOException(ex);
    }
    return b.toByteArray();
  }
}
