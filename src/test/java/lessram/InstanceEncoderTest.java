package lessram;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The encoder's standardization (cached scaling refreshed on a schedule of the training count), the bulk
 * {@link InstanceEncoder#encode} against per-value {@link InstanceEncoder#add}, exact copies, and version-1
 * persisted encoders, which keep the previous standardization.
 */
class InstanceEncoderTest {

  /** Attributes: 0 numeric, 1 nominal (3 labels), 2 numeric, 3 class (2 labels), 4 numeric. */
  static final int[] ARITY = {0, 3, 0, 2, 0};

  /** A deterministic row with missing, unseen nominal, infinite and large values now and then. */
  static double[] row(SplitMix64 r, int i) {
    return new double[] {
        i % 97 == 5 ? Double.NaN : 50_000 + 20_000 * r.nextDouble(),
        i % 11 == 4 ? 7 : i % 3,
        i % 89 == 7 ? Double.POSITIVE_INFINITY : -5 + r.nextDouble(),
        i % 2,
        i % 13 == 0 ? 0.0 : r.nextDouble() * r.nextDouble()};
  }

  static final int[] INDICES = {0, 1, 2, 3, 4};

  @Test
  void standardizesExactlyFirstThenWithTheStatisticsOfTheLastRefresh() {
    InstanceEncoder e = new InstanceEncoder(ARITY, 3, ScalingMode.STANDARDIZE);
    SplitMix64 r = new SplitMix64(5);
    List<double[]> trained = new ArrayList<>();
    int exact = InstanceEncoder.EXACT_STANDARDIZATION_INSTANCES;
    long refreshedAt = -1; // no cache yet
    long next = exact;
    for (int i = 0; i < exact + 3000; i++) {
      double[] x = row(r, i);
      if (trained.size() >= next) {
        refreshedAt = trained.size();
        next = refreshedAt + Math.max(1, refreshedAt / InstanceEncoder.REFRESH_GROWTH_DIVISOR);
      }
      boolean training = i % 4 != 1;
      e.encode(INDICES, x, 5, false);
      for (int a : new int[] {0, 2, 4}) {
        int id = a == 0 ? 0 : a == 2 ? 4 : 5; // nominal attribute 1 has ids 1..3, the class none
        double expected = refreshedAt < 0 ? exact(trained, x, a)
            : cached(trained.subList(0, (int) refreshedAt), trained, x, a);
        assertEquals(expected, valueOf(e, id), 0.0, "instance " + i + ", attribute " + a);
      }
      if (training) {
        e.commitTraining(INDICES, x, 5);
        if (Double.isFinite(x[2])) {
          trained.add(x); // an instance with an infinite value is not trained on: the statistics skip it
        }
      }
    }
  }

  /** The value of feature {@code id} in the current encoding (0 if absent). */
  static double valueOf(InstanceEncoder e, int id) {
    for (int j = 0; j < e.size(); j++) {
      if (e.ids()[j] == id) {
        return e.values()[j];
      }
    }
    return 0.0;
  }

  /**
   * The cached form: mean and inverse deviation of {@code atRefresh}; where that deviation is zero, the
   * exact form with all of {@code trained}.
   */
  static double cached(List<double[]> atRefresh, List<double[]> trained, double[] x, int a) {
    if (Double.isInfinite(x[a]) || x[a] != x[a]) {
      return exact(trained, x, a);
    }
    double[] s = sums(atRefresh, a);
    double inverse = 1.0 / atRefresh.size();
    double mean = s[0] * inverse;
    double var = s[1] * inverse - mean * mean;
    double inv = var > 1e-12 * (mean * mean + 1e-300) ? 1.0 / Math.sqrt(var) : 0.0;
    if (inv == 0) {
      return exact(trained, x, a);
    }
    return Math.max(-8, Math.min(8, (x[a] - mean) * inv));
  }

  /** Sum and sum of squares of the finite values of attribute {@code a}, in order. */
  static double[] sums(List<double[]> rows, int a) {
    double s1 = 0;
    double s2 = 0;
    for (double[] row : rows) {
      double v = row[a];
      if (v == v && !Double.isInfinite(v)) {
        s1 += v;
        s2 += v * v;
      }
    }
    return new double[] {s1, s2};
  }

  @ParameterizedTest
  @EnumSource(ScalingMode.class)
  void aTrainingEncodingIsAPredictionCommittedAndUnusableInstancesStayOutOfTheStatistics(ScalingMode scaling) {
    InstanceEncoder direct = new InstanceEncoder(ARITY, 3, scaling);
    InstanceEncoder committed = new InstanceEncoder(ARITY, 3, scaling);
    InstanceEncoder clean = new InstanceEncoder(ARITY, 3, scaling);
    SplitMix64 r = new SplitMix64(4);
    for (int i = 0; i < 3000; i++) {
      double[] x = row(r, i);
      if (i % 53 == 1) {
        x[0] = 2e100; // beyond the usable magnitude: never trained on
      }
      boolean usable = Double.isFinite(x[2]) && x[0] != 2e100;
      direct.encode(INDICES, x, 5, true);
      committed.encode(INDICES, x, 5, false);
      assertArrayEquals(Arrays.copyOf(direct.values(), direct.size()),
          Arrays.copyOf(committed.values(), committed.size()), "instance " + i);
      assertEquals(!usable, direct.holdsUnusableValue(), "instance " + i);
      committed.commitTraining(INDICES, x, 5);
      if (usable) {
        clean.encode(INDICES, x, 5, true);
      }
    }
    // the same statistics: every probe encodes alike, and alike without the unusable instances at all
    for (int i = 0; i < 200; i++) {
      double[] probe = row(r, i + 1);
      direct.encode(INDICES, probe, 5, false);
      committed.encode(INDICES, probe, 5, false);
      clean.encode(INDICES, probe, 5, false);
      assertArrayEquals(Arrays.copyOf(direct.values(), direct.size()),
          Arrays.copyOf(committed.values(), committed.size()), "probe " + i);
      assertArrayEquals(Arrays.copyOf(clean.values(), clean.size()),
          Arrays.copyOf(direct.values(), direct.size()), "probe " + i);
    }
  }

  @ParameterizedTest
  @EnumSource(ScalingMode.class)
  void bulkEncodingEqualsPerValueEncodingAndCopiesEncodeAlike(ScalingMode scaling) {
    InstanceEncoder bulk = new InstanceEncoder(ARITY, 3, scaling);
    InstanceEncoder single = new InstanceEncoder(ARITY, 3, scaling);
    SplitMix64 r = new SplitMix64(9);
    for (int i = 0; i < 2000; i++) {
      double[] x = row(r, i);
      boolean training = i % 5 != 2;
      // value by value is a prediction encoding, committed afterwards for training
      bulk.encode(INDICES, x, 5, false);
      single.begin();
      for (int a = 0; a < 5; a++) {
        single.add(a, x[a]);
      }
      assertEquals(single.size(), bulk.size());
      assertArrayEquals(Arrays.copyOf(single.ids(), single.size()), Arrays.copyOf(bulk.ids(), bulk.size()));
      assertArrayEquals(Arrays.copyOf(single.values(), single.size()), Arrays.copyOf(bulk.values(), bulk.size()));
      if (training) {
        bulk.commitTraining(INDICES, x, 5);
        single.commitTraining(INDICES, x, 5);
      }
      if (i % 400 == 399) {
        InstanceEncoder copy = bulk.copy();
        copy.encode(INDICES, x, 5, false);
        bulk.encode(INDICES, x, 5, false);
        single.encode(INDICES, x, 5, false); // counts the same missing and unseen values
        assertArrayEquals(Arrays.copyOf(bulk.values(), bulk.size()), Arrays.copyOf(copy.values(), copy.size()));
      }
    }
    assertEquals(single.missingValues(), bulk.missingValues());
    assertEquals(single.unseenNominalValues(), bulk.unseenNominalValues());
  }

  @Test
  void aVersionOneEncoderKeepsTheStandardizationWithTheInstancesOwnValue() throws IOException {
    InstanceEncoder e = new InstanceEncoder(ARITY, 3, ScalingMode.STANDARDIZE);
    SplitMix64 r = new SplitMix64(3);
    List<double[]> trained = new ArrayList<>();
    for (int i = 0; i < InstanceEncoder.EXACT_STANDARDIZATION_INSTANCES + 100; i++) {
      double[] x = row(r, i);
      e.encode(INDICES, x, 5, true);
      if (Double.isFinite(x[2])) {
        trained.add(x); // an instance with an infinite value is not trained on: the statistics skip it
      }
    }
    e.encode(INDICES, trained.get(0), 5, false); // refreshes the cache
    // version 2 minus its cached standardization (2 counts, a flag, 5 pairs) is the version-1 layout
    byte[] v2 = CompressorTest.persisted(e);
    byte[] v1 = Arrays.copyOf(v2, v2.length - 16 - 1 - 5 * 16);
    v1[5] = 1;
    InstanceEncoder old = CompressorTest.restore(v1);
    // converted on read to a cache that never refreshes, so written back as version 2
    byte[] back = CompressorTest.persisted(old);
    assertEquals(2, back[5]);
    assertArrayEquals(Arrays.copyOfRange(v1, 6, v1.length), Arrays.copyOfRange(back, 6, v1.length));
    java.nio.ByteBuffer tail = java.nio.ByteBuffer.wrap(back, v1.length, back.length - v1.length);
    assertEquals(0, tail.getLong(), "refreshed at");
    assertEquals(Long.MAX_VALUE, tail.getLong(), "next refresh: never");
    assertEquals(0, tail.get(), "no cache");
    assertEquals(0, tail.remaining());
    InstanceEncoder again = CompressorTest.restore(back);
    for (int i = 0; i < 50; i++) {
      double[] x = row(r, 1000 + i);
      old.encode(INDICES, x, 5, false);
      again.encode(INDICES, x, 5, false);
      for (int a : new int[] {0, 2, 4}) {
        int id = a == 0 ? 0 : a == 2 ? 4 : 5;
        double expected = exact(trained, x, a);
        assertEquals(expected, valueOf(old, id), 0.0, "attribute " + a + ", instance " + i);
        assertEquals(expected, valueOf(again, id), 0.0, "written back and read, attribute " + a);
      }
      if (i % 2 == 0) { // trained on: by encoding again, or by committing the prediction
        trained.add(x);
        old.encode(INDICES, x, 5, true);
        again.commitTraining(INDICES, x, 5);
      }
      old.copy().encode(INDICES, x, 5, false);
    }
    assertArrayEquals(CompressorTest.persisted(old), CompressorTest.persisted(again));
  }

  /**
   * An all-numeric header with the class last takes the dense path once the cache covers every
   * attribute; it must encode, count and accumulate exactly like per-value encoding (the general path),
   * including instances that fall back (missing or infinite values, a constant attribute before it
   * varies, sparse or reordered entries) and predict-then-commit steps.
   */
  @Test
  void theDensePathEncodesLikePerValueEncoding() {
    int[] arity = {0, 0, 0, 0, 2};
    InstanceEncoder bulk = new InstanceEncoder(arity, 4, ScalingMode.STANDARDIZE);
    InstanceEncoder single = new InstanceEncoder(arity, 4, ScalingMode.STANDARDIZE);
    SplitMix64 r = new SplitMix64(17);
    int[] sparse = {0, 2, 3, 4};
    int[] reordered = {1, 0, 2, 3, 4};
    int dense = 0;
    for (int i = 0; i < 6000; i++) {
      double[] x = {
          i % 101 == 3 ? Double.NaN : 1e4 * r.nextDouble(),
          i % 211 == 5 ? Double.NEGATIVE_INFINITY : 4 * r.nextDouble() - 2,
          -3 + r.nextDouble(),
          i < 2500 ? 1.0 : r.nextDouble(), // constant at first: no cached deviation until it varies
          i % 2};
      int[] idx = i % 17 == 1 ? sparse : i % 19 == 2 ? reordered : INDICES;
      int n = idx == sparse ? 4 : 5;
      double[] v = idx == sparse ? new double[] {x[0], x[2], x[3], x[4]}
          : idx == reordered ? new double[] {x[1], x[0], x[2], x[3], x[4]} : x;
      boolean training = i % 5 != 2;
      bulk.encode(idx, v, n, false);
      single.begin();
      for (int k = 0; k < n; k++) {
        single.add(idx[k], v[k]);
      }
      assertEquals(single.size(), bulk.size(), "instance " + i);
      assertArrayEquals(Arrays.copyOf(single.ids(), single.size()), Arrays.copyOf(bulk.ids(), bulk.size()));
      assertArrayEquals(Arrays.copyOf(single.values(), single.size()), Arrays.copyOf(bulk.values(), bulk.size()),
          "instance " + i);
      if (training) {
        bulk.commitTraining(idx, v, n);
        single.commitTraining(idx, v, n);
      }
      if (i > 2600 && idx == INDICES && x[0] == x[0] && x[1] - x[1] == 0) {
        dense++;
      }
    }
    assertEquals(single.missingValues(), bulk.missingValues());
    assertEquals(single.unseenNominalValues(), bulk.unseenNominalValues());
    // the statistics agree: a fresh instance encodes alike (and the dense path was exercised)
    double[] probe = {5000, 0.5, -2.5, 0.5, 0};
    bulk.encode(INDICES, probe, 5, false);
    single.begin();
    for (int k = 0; k < 5; k++) {
      single.add(k, probe[k]);
    }
    assertArrayEquals(Arrays.copyOf(single.values(), single.size()), Arrays.copyOf(bulk.values(), bulk.size()));
    org.junit.jupiter.api.Assertions.assertTrue(dense > 2000, "dense instances " + dense);
  }

  /**
   * The exact form (always used by version 1): mean and deviation of the training values plus
   * {@code x[a]}, with a square root and a division.
   */
  static double exact(List<double[]> seen, double[] x, int a) {
    if (Double.isInfinite(x[a])) {
      return x[a];
    }
    if (x[a] != x[a]) {
      return 0;
    }
    double[] s = sums(seen, a);
    double s1 = s[0] + x[a];
    double s2 = s[1] + x[a] * x[a];
    double inverse = 1.0 / (seen.size() + 1.0);
    double mean = s1 * inverse;
    double var = s2 * inverse - mean * mean;
    if (!(var > 1e-12 * (mean * mean + 1e-300))) {
      return 0;
    }
    return Math.max(-8, Math.min(8, (x[a] - mean) / Math.sqrt(var)));
  }
}
