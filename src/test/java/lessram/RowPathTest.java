package lessram;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The row path of a predict-then-train step on plain dense rows ({@link LogisticRegression#probabilityRow},
 * then {@link LogisticRegression#learnRow}) against the general path ({@link InstanceEncoder#encode},
 * {@link LogisticRegression#probabilities}, {@link InstanceEncoder#commitTraining}, {@link
 * LogisticRegression#learn}): the same probabilities, models and encoder statistics, bit for bit, with
 * rows that fall back (missing or infinite values, reordered entries) interleaved.
 */
class RowPathTest {

  /** Attributes 0..4 numeric, 5 the class. */
  static final int[] ARITY = {0, 0, 0, 0, 0, 2};
  static final int[] INDICES = {0, 1, 2, 3, 4, 5};
  static final int[] REORDERED = {1, 0, 2, 3, 4, 5};

  static List<LearnerConfig> configs() {
    LearnerConfig.Builder b = LearnerConfig.builder().featureSpace(FeatureSpace.direct(5)).seed(3);
    return List.of(
        b.build(), // q2.13 + Morris 8: the 3-byte table
        b.schedule(LearningRateSchedule.GLOBAL).build(), // 16-bit global rate: the short table
        b.storage(CoefficientStorage.FLOAT64).counterType(CounterType.EXACT).build(), // generic table
        b.featureSpace(FeatureSpace.sparse(5)).storage(CoefficientStorage.RANDOMIZED).build()); // map storage
  }

  /** Row {@code i}: wide and shifted scales, exact zeros after standardization, clipped, missing, infinite. */
  static double[] row(SplitMix64 r, int i, InstanceEncoder e) {
    double[] x = {
        1e4 * r.nextDouble(),
        4 * r.nextDouble() - 2,
        i % 101 == 7 ? Double.NaN : -3 + r.nextDouble(),
        i % 37 == 3 ? 1e9 : r.nextDouble() * r.nextDouble(), // now and then far beyond the clip
        i % 211 == 5 ? Double.POSITIVE_INFINITY : r.nextDouble(),
        r.nextDouble() < 0.3 + 0.4 * (i % 2) ? 1 : 0};
    double[] c = e.center();
    if (c != null && i % 5 == 1) {
      x[1] = c[1]; // standardizes to exactly 0: a feature the general path leaves out
    }
    return x;
  }

  @ParameterizedTest
  @MethodSource("configs")
  void theRowPathTrainsAndPredictsLikeTheGeneralPath(LearnerConfig config) throws IOException {
    LogisticRegression rowModel = new LogisticRegression(config);
    LogisticRegression general = new LogisticRegression(config);
    InstanceEncoder rowEncoder = new InstanceEncoder(ARITY, 5, ScalingMode.STANDARDIZE);
    InstanceEncoder generalEncoder = new InstanceEncoder(ARITY, 5, ScalingMode.STANDARDIZE);
    SplitMix64 r = new SplitMix64(11);
    int rows = 0;
    int zeros = 0;
    for (int i = 0; i < 5000; i++) {
      double[] x = row(r, i, generalEncoder);
      int[] attributes = i % 23 == 4 ? REORDERED : INDICES;
      double[] v = attributes == REORDERED ? new double[] {x[1], x[0], x[2], x[3], x[4], x[5]} : x;
      double weight = i % 41 == 9 ? 0.0 : i % 43 == 2 ? 2.5 : 1.0;
      int label = (int) x[5];

      generalEncoder.encode(attributes, v, 6, false);
      double[] expected = general.probabilities(generalEncoder.ids(), generalEncoder.values(), generalEncoder.size());
      double[] copy = new double[6];
      double[] stats = new double[2];
      double p = rowModel.probabilityRow(rowEncoder, reader(attributes, v), 6, copy, stats);
      if (p >= 0) {
        rows++;
        assertEquals(Double.doubleToRawLongBits(expected[1]), Double.doubleToRawLongBits(p), "row " + i);
        // the features in place, zeros included: the general encoding without the zeros
        int f = rowEncoder.size();
        assertEquals(5, f);
        double[] inPlace = Arrays.copyOf(rowEncoder.values(), f);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, Arrays.copyOf(rowEncoder.ids(), f));
        double[] nonZero = Arrays.stream(inPlace).filter(z -> z != 0).toArray();
        zeros += f - nonZero.length;
        assertArrayEquals(Arrays.copyOf(generalEncoder.values(), generalEncoder.size()), nonZero, 0.0, "row " + i);
        assertArrayEquals(Arrays.copyOf(x, 5), Arrays.copyOf(copy, 5), 0.0, "the raw values copied");
        assertTrue(rowModel.learnRow(rowEncoder, copy, stats, label, weight, p) == (weight > 0));
      } else {
        // not a plain finite dense row (or no cache yet): the caller's general path
        assertTrue(attributes == REORDERED || x[2] != x[2] || Double.isInfinite(x[4])
            || rowEncoder.center() == null, "row " + i);
        rowEncoder.encode(attributes, v, 6, false);
        assertArrayEquals(expected, rowModel.probabilities(rowEncoder.ids(), rowEncoder.values(), rowEncoder.size()),
            0.0);
        rowEncoder.commitTraining(attributes, v, 6);
        rowModel.learn(rowEncoder.ids(), rowEncoder.values(), rowEncoder.size(), label, weight, expected);
      }
      generalEncoder.commitTraining(attributes, v, 6);
      general.learn(generalEncoder.ids(), generalEncoder.values(), generalEncoder.size(), label, weight);
    }
    assertTrue(rows > 3000, "rows on the row path: " + rows);
    assertTrue(zeros > 500, "zero features kept in place: " + zeros);
    assertArrayEquals(ReproducibilityTest.state(general), ReproducibilityTest.state(rowModel));
    assertEquals(general.examplesSeen(), rowModel.examplesSeen());
    assertEquals(general.examplesSkipped(), rowModel.examplesSkipped());
    assertArrayEquals(bytes(generalEncoder), bytes(rowEncoder));
    assertEquals(generalEncoder.missingValues(), rowEncoder.missingValues());
  }

  @Test
  void theRowPathAppliesOnlyToBinaryUnhashedModelsWithACachedStandardization() {
    InstanceEncoder e = trainedEncoder();
    double[] x = {1, 2, 3, 4, 5, 1};
    LearnerConfig.Builder b = LearnerConfig.builder().featureSpace(FeatureSpace.direct(5));
    assertTrue(new LogisticRegression(b.build())
        .probabilityRow(e, reader(INDICES, x), 6, new double[6], new double[2]) >= 0);
    assertEquals(-1, new LogisticRegression(b.featureSpace(FeatureSpace.hashed(4)).build())
        .probabilityRow(e, reader(INDICES, x), 6, new double[6], new double[2]));
    assertEquals(-1, new LogisticRegression(b.featureSpace(FeatureSpace.direct(5)).numClasses(3).build())
        .probabilityRow(e, reader(INDICES, x), 6, new double[6], new double[2]));
    LogisticRegression m = new LogisticRegression(b.numClasses(2).build());
    // a fresh encoder has no cached standardization yet; a row of another width is not this header's
    assertEquals(-1, m.probabilityRow(new InstanceEncoder(ARITY, 5, ScalingMode.STANDARDIZE), reader(INDICES, x), 6,
        new double[6], new double[2]));
    assertEquals(-1, m.probabilityRow(e, reader(INDICES, x), 5, new double[6], new double[2]));
    // other scalings have no row path
    assertEquals(-1, m.probabilityRow(new InstanceEncoder(ARITY, 5, ScalingMode.NONE), reader(INDICES, x), 6,
        new double[6], new double[2]));
    // a model with fewer feature slots than the row's features
    assertEquals(-1, new LogisticRegression(b.featureSpace(FeatureSpace.direct(4)).build())
        .probabilityRow(e, reader(INDICES, x), 6, new double[6], new double[2]));
  }

  @Test
  void learnRowNeedsTheRowJustPredictedAndAValidLabel() {
    InstanceEncoder e = trainedEncoder();
    LogisticRegression m = new LogisticRegression(LearnerConfig.builder().featureSpace(FeatureSpace.direct(5)).build());
    double[] x = {1, 2, 3, 4, 5, 1};
    double[] s = new double[2];
    assertThrows(IllegalStateException.class, () -> m.learnRow(e, x, s, 1, 1.0, 0.5));
    double p = m.probabilityRow(e, reader(INDICES, x), 6, new double[6], s);
    // a buffer too short for the features is a caller's error
    assertThrows(IllegalArgumentException.class, () -> m.probabilityRow(e, reader(INDICES, x), 6, new double[4], s));
    assertThrows(IllegalArgumentException.class,
        () -> m.probabilityRow(e, reader(INDICES, x), 6, new double[6], new double[1]));
    m.probabilityRow(e, reader(INDICES, x), 6, new double[6], s);
    int held = e.heldRow();
    assertEquals(5, held);
    assertThrows(IllegalArgumentException.class, () -> m.learnRow(e, x, s, 2, 1.0, p));
    // the rejected label committed nothing: the row is still held and trains once
    assertEquals(held, e.heldRow());
    assertEquals(0, m.examplesSeen());
    assertTrue(m.learnRow(e, x, s, 1, 1.0, p));
    assertEquals(1, m.examplesSeen());
    assertThrows(IllegalStateException.class, () -> m.learnRow(e, x, s, 1, 1.0, p));
    // a non-finite or negative weight skips the example (counted), the row still counts for the statistics
    m.probabilityRow(e, reader(INDICES, x), 6, new double[6], s);
    assertEquals(false, m.learnRow(e, x, s, 1, Double.NaN, p));
    assertEquals(1, m.examplesSkipped());
    // after the general encoding the encoder holds no row
    e.encode(INDICES, x, 6, false);
    assertThrows(IllegalStateException.class, () -> m.learnRow(e, x, s, 1, 1.0, p));
  }

  /** A view of entries {@code (attributes[p], values[p])} (weight 1, no class value). */
  static InstanceView reader(int[] attributes, double[] values) {
    return new InstanceView() {
      @Override
      public int numValues() {
        return attributes.length;
      }

      @Override
      public int index(int p) {
        return attributes[p];
      }

      @Override
      public double value(int p) {
        return values[p];
      }

      @Override
      public double weight() {
        return 1.0;
      }

      @Override
      public double classValue() {
        return Double.NaN;
      }
    };
  }

  /** An encoder past its first cached standardization. */
  private static InstanceEncoder trainedEncoder() {
    InstanceEncoder e = new InstanceEncoder(ARITY, 5, ScalingMode.STANDARDIZE);
    SplitMix64 r = new SplitMix64(5);
    for (int i = 0; i <= InstanceEncoder.EXACT_STANDARDIZATION_INSTANCES; i++) {
      double[] x = {r.nextDouble(), r.nextDouble(), r.nextDouble(), r.nextDouble(), r.nextDouble(), i % 2};
      e.encode(INDICES, x, 6, true);
    }
    e.encode(INDICES, new double[] {0, 0, 0, 0, 0, 0}, 6, false); // the refresh happens at the next instance
    return e;
  }

  private static byte[] bytes(InstanceEncoder e) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    e.writeTo(new DataOutputStream(out));
    return out.toByteArray();
  }
}
