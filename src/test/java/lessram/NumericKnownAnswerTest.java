package lessram;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Locale;
import lessram.compressed.CompressedFormatException;
import org.junit.jupiter.api.Test;

/**
 * Known answers of the engine's small pieces at their documented edges: the rounding of the fixed-point
 * fast path at 24 bits and just above, a float step landing exactly on its limit, the usable-value limit, the
 * record stores' counts, feature spaces and header layouts at their limits and in their messages, encoders
 * without a class (in memory and persisted), the exact and the cached standardization of an attribute of mean
 * 0 or constant at the refresh, a copied encoder's row buffers, feature inclusion of stored features, the
 * counting Bloom filter's cells, and the figures the model and the compressed predictor report.
 */
class NumericKnownAnswerTest {

  private static final int NUMERIC = InstanceEncoder.NUMERIC;

  // ---------------------------------------------------------------------------------------------
  // rounding, steps and limits

  /**
   * Formats up to 24 bits round in {@code int} arithmetic: {@code floor(scaled + u / 2^32)} with one rounded
   * double addition, which can reach the next integer where the exact sum does not (within the documented
   * {@code 2^-28} of a step); wider formats round exactly in 32.32 fixed point. At q2.21 (24 bits) the scaled
   * value {@code 2^22 - 2^-31} with {@code u = 1} rounds up to {@code 2^22}; at q2.22 (25 bits)
   * {@code 2^23 - 2^-30} with {@code u = 3} gives the exact floor {@code 2^23 - 1}. The same through a
   * coefficient's step ({@link WeightCodec}: code 0, gradient -1).
   */
  @Test
  void theIntRoundingPathEndsAtTwentyFourBits() {
    FixedPointFormat q24 = FixedPointFormat.of(2, 21);
    FixedPointFormat q25 = FixedPointFormat.of(2, 22);
    assertEquals(24, q24.totalBits());
    assertEquals(25, q25.totalBits());
    double v24 = Math.scalb(Math.scalb(1.0, 22) - Math.scalb(1.0, -31), -21);
    double v25 = Math.scalb(Math.scalb(1.0, 23) - Math.scalb(1.0, -30), -22);
    assertEquals(1L << 22, q24.roundRandomized(v24, 1));
    assertEquals((1L << 23) - 1, q25.roundRandomized(v25, 3));
    WeightCodec c24 = WeightCodec.of(CoefficientStorage.RANDOMIZED, q24);
    WeightCodec c25 = WeightCodec.of(CoefficientStorage.RANDOMIZED, q25);
    assertEquals(1L << 22, c24.step(0, v24, -1, 1L << 32));
    assertEquals((1L << 23) - 1, c25.step(0, v25, -1, 3L << 32));
  }

  /** A float step that lands exactly on minus the limit keeps it (the value, not the old coefficient). */
  @Test
  void aFloatStepLandingOnTheLimitKeepsIt() {
    assertEquals(-3.0, UpdateRule.value(0.0, 1.0, 3.0, 3.0), 0.0);
    assertEquals(3.0, UpdateRule.value(0.0, 1.0, -3.0, 3.0), 0.0);
    assertEquals(-3.0, UpdateRule.value(1.0, 1.0, 5.0, 3.0), 0.0);
  }

  /** {@link Values#LIMIT} itself is usable, the next double is not; {@code nextInt(0)} is refused. */
  @Test
  void theEdgesOfUsableValuesAndBounds() {
    assertTrue(Values.usable(Values.LIMIT));
    assertTrue(Values.usable(-Values.LIMIT));
    assertFalse(Values.usable(Math.nextUp(Values.LIMIT)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SplitMix64(1).nextInt(0));
    assertEquals("bound must be positive: 0", e.getMessage());
    assertEquals(1.5, new MorrisCounter(8, 1.5, 0).base(), 0.0);
  }

  // ---------------------------------------------------------------------------------------------
  // stores and tables

  /**
   * Dense stores hold every coordinate (their stored count is their size, {@code contains} is always true);
   * a map holds the coordinates written; a 24-bit store or table too large for an array is refused. A 16-bit
   * global table's coordinates take one {@code short} each.
   */
  @Test
  void storesCountWhatTheyHold() {
    for (int bits : new int[] {8, 12, 16, 24, 32, 40, 64}) {
      RecordStore dense = RecordStore.create(100, bits, false);
      assertEquals(100, dense.storedRecords(), bits + " bits");
      assertTrue(dense.contains(7), bits + " bits");
      RecordStore map = RecordStore.create(100, bits, true);
      assertEquals(0, map.storedRecords(), bits + " bits, sparse");
      assertFalse(map.contains(7));
      map.set(7, 1);
      assertTrue(map.contains(7));
      assertEquals(1, map.storedRecords(), bits + " bits, sparse");
    }
    // too many for an array: refused before anything is allocated (800 million 3-byte records overflow an int)
    assertThrows(IllegalArgumentException.class, () -> RecordStore.create(800_000_000, 24, false));
    assertThrows(IllegalArgumentException.class,
        () -> new Fixed16Morris8Table(LearnerConfig.builder().build(), 800_000_000));
    LearnerConfig global = LearnerConfig.builder().schedule(LearningRateSchedule.GLOBAL)
        .featureSpace(FeatureSpace.direct(99)).build();
    assertTrue(Fixed16GlobalTable.applies(global));
    LogisticRegression m = new LogisticRegression(global);
    assertEquals(RecordStore.arrayBytes(100, 2), m.coordinateBytes());
  }

  /**
   * The statistics a model reports: bits per coordinate (a q2.13 coefficient and an 8-bit Morris counter: 24),
   * bytes per stored coordinate (the coordinate bytes over the stored coordinates).
   */
  @Test
  void aModelReportsItsBitsAndBytesPerCoordinate() {
    // float64 coefficients and 8-bit Morris counters: 72 bits, kept in two stores
    LogisticRegression wide = new LogisticRegression(LearnerConfig.builder().featureSpace(FeatureSpace.direct(99))
        .storage(CoefficientStorage.FLOAT64).build());
    assertEquals(72, wide.bitsPerCoordinate());
    assertEquals(RecordStore.create(100, 64, false).sizeInBytes() + RecordStore.create(100, 8, false).sizeInBytes(),
        wide.coordinateBytes());
    LogisticRegression m = new LogisticRegression(LearnerConfig.builder().featureSpace(FeatureSpace.direct(99)).build());
    assertEquals(24, m.bitsPerCoordinate());
    assertEquals(100, m.storedCoordinates());
    // a small table: the states and the codes in two arrays
    long columns = RecordStore.arrayBytes(100, 1) + RecordStore.arrayBytes(100, 2);
    assertEquals(columns, m.coordinateBytes());
    assertEquals(columns / 100.0, m.bytesPerStoredCoordinate(), 0.0);
    // above the column table's limit: one array of 3-byte records
    int n = Fixed16Morris8ColumnTable.MAX_SIZE + 1;
    LogisticRegression large = new LogisticRegression(LearnerConfig.builder().featureSpace(FeatureSpace.direct(n - 1))
        .build());
    assertEquals(RecordStore.arrayBytes(3L * n, 1), large.coordinateBytes());
    assertEquals(RecordStore.arrayBytes(3L * n, 1) / (double) n, large.bytesPerStoredCoordinate(), 0.0);
  }

  /**
   * The model's guards: a label outside the classes names the range; an example predicted exactly (error 0,
   * nothing to step) is still trained; the largest finite rate statistics are accepted.
   */
  @Test
  void theModelsEdges() {
    LogisticRegression m = new LogisticRegression(LearnerConfig.builder().featureSpace(FeatureSpace.direct(4))
        .alpha(0.5).build());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> m.learn(new int[] {1}, new double[] {1}, 1, 2, 1.0));
    assertEquals("class label 2 outside 0..1", e.getMessage());
    assertTrue(m.learn(new int[] {1}, new double[] {1}, 1, 1, 1.0, new double[] {0.0, 1.0}));
    assertEquals(0.0, m.coefficient(1, 0), 0.0);
    m.setRateStatistics(1.0, Double.MAX_VALUE);
    m.setRateStatistics(Double.MAX_VALUE, Double.MAX_VALUE);
    assertThrows(IllegalArgumentException.class, () -> m.setRateStatistics(1.0, Double.POSITIVE_INFINITY));
  }

  // ---------------------------------------------------------------------------------------------
  // feature spaces and header layouts

  @Test
  void featureSpacesAtTheirEdges() {
    assertThrows(IllegalArgumentException.class, () -> FeatureSpace.sparse(-1, InclusionRule.ALL));
    assertThrows(IllegalArgumentException.class, () -> FeatureSpace.sparse(-1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FeatureSpace.direct(5).slot(5));
    assertEquals("feature index 5 outside 0..4", e.getMessage());
    assertEquals("hashed(2^10)", FeatureSpace.hashed(10).toString());
    assertEquals("direct(5)", FeatureSpace.direct(5).toString());
    assertEquals("sparse(5)", FeatureSpace.sparse(5).toString());
  }

  /**
   * A class index equal to the attribute count means no class (as any index outside the header); the largest
   * dimension is {@code Integer.MAX_VALUE / 8} features; a header's differences are named.
   */
  @Test
  void headerLayoutsAtTheirEdgesAndTheirDifferences() {
    HeaderLayout none = HeaderLayout.of(new int[] {NUMERIC, NUMERIC}, 2);
    assertEquals(2, none.dimension());
    assertTrue(none.isPlain());
    assertEquals(InstanceEncoder.IGNORED, none.classArity());
    int max = Integer.MAX_VALUE / 8;
    assertEquals(max, HeaderLayout.of(new int[] {max, 2}, 1).dimension());
    assertThrows(IllegalArgumentException.class, () -> HeaderLayout.of(new int[] {max, 1, 2}, 2));
    HeaderLayout l = HeaderLayout.of(new int[] {NUMERIC, 3, 2}, 2);
    assertNull(l.difference(new int[] {NUMERIC, 3, 2}, 2, false));
    assertNull(l.difference(new int[] {NUMERIC, 4, 2}, 2, true));
    assertEquals("class index changed from 2 to 1", l.difference(new int[] {NUMERIC, 3, 2}, 1, false));
    assertEquals("number of attributes changed from 3 to 2", l.difference(new int[] {NUMERIC, 3}, 2, false));
    assertEquals("attribute 0 changed from numeric to nominal with 3 labels",
        l.difference(new int[] {3, 3, 2}, 2, false));
    assertEquals("attribute 1 changed from nominal with 3 labels to an ignored type",
        l.difference(new int[] {NUMERIC, InstanceEncoder.IGNORED, 2}, 2, false));
    assertEquals("attribute 1 changed from nominal with 3 labels to numeric",
        l.difference(new int[] {NUMERIC, NUMERIC, 2}, 2, false));
  }

  // ---------------------------------------------------------------------------------------------
  // encoders

  private static InstanceEncoder trainedWithoutClass(int attributes, int rows) {
    InstanceEncoder e = new InstanceEncoder(new int[attributes], -1, ScalingMode.STANDARDIZE);
    int[] idx = new int[attributes];
    double[] x = new double[attributes];
    for (int a = 0; a < attributes; a++) {
      idx[a] = a;
    }
    for (int i = 0; i < rows; i++) {
      for (int a = 0; a < attributes; a++) {
        x[a] = (i * 7 + a * 3) % 11 - 4;
      }
      e.encode(idx, x, attributes, true);
    }
    return e;
  }

  /**
   * An encoder without a class (class index -1): every attribute a feature, through the dense path once the
   * cache exists (arrays exactly as long as the instance); with no attribute at all, an empty encoding. Both
   * read back from their bytes; a class index at the attribute count and a class arity without a class are
   * refused with the format's messages.
   */
  @Test
  void encodersWithoutAClassEncodeAndReadBack() throws IOException {
    InstanceEncoder e = trainedWithoutClass(2, 1100);
    assertTrue(e.center() != null, "the cache was made");
    int n = e.encode(new int[] {0, 1}, new double[] {1.5, -2}, 2, false);
    assertEquals(2, n);
    assertArrayEquals(new int[] {0, 1}, Arrays.copyOf(e.ids(), 2));
    InstanceEncoder general = trainedWithoutClass(2, 1100);
    general.begin();
    general.add(0, 1.5);
    general.add(1, -2);
    assertArrayEquals(Arrays.copyOf(general.values(), 2), Arrays.copyOf(e.values(), 2));
    byte[] good = EncoderBytesTest.bytes(e);
    InstanceEncoder back = EncoderBytesTest.read(good);
    assertEquals(-1, back.layout().classIndex());
    assertArrayEquals(good, EncoderBytesTest.bytes(back));
    int at = EncoderBytesTest.fieldsAt(good, e.layout());
    byte[] classIndex = good.clone();
    ByteBuffer.wrap(classIndex).putInt(at + 4, 2);
    CompressedFormatException c = assertThrows(CompressedFormatException.class, () -> EncoderBytesTest.read(classIndex));
    assertTrue(c.getMessage().contains("class index 2 outside -1..1"), c.getMessage());
    byte[] arity = good.clone();
    ByteBuffer.wrap(arity).putInt(at + 8, 3);
    CompressedFormatException a = assertThrows(CompressedFormatException.class, () -> EncoderBytesTest.read(arity));
    assertTrue(a.getMessage().contains("class arity 3 without a class"), a.getMessage());

    InstanceEncoder empty = trainedWithoutClass(0, 1100);
    assertEquals(0, empty.encode(new int[0], new double[0], 0, false));
    byte[] nothing = EncoderBytesTest.bytes(empty);
    assertArrayEquals(nothing, EncoderBytesTest.bytes(EncoderBytesTest.read(nothing)));
  }

  /**
   * A persisted encoder one byte shorter than its fields need (standardized, version 2: three counts, two refresh
   * counts and a flag, 16 bytes per attribute) is refused before anything is read for its attributes, with the
   * message naming what it holds.
   */
  @Test
  void aTruncatedEncoderIsRefusedByItsLengthCheck() throws IOException {
    InstanceEncoder e = new InstanceEncoder(new int[] {NUMERIC, NUMERIC, 2}, 2, ScalingMode.STANDARDIZE);
    byte[] good = EncoderBytesTest.bytes(e);
    int at = EncoderBytesTest.fieldsAt(good, e.layout());
    int needed = 24 + 17 + 16 * 3;
    // n, class index, class arity, the scaling code and the arity flag come before
    byte[] cut = Arrays.copyOf(good, at + 14 + needed - 1);
    EOFException x = assertThrows(EOFException.class, () -> EncoderBytesTest.read(cut));
    assertTrue(x.getMessage().startsWith("an instance encoder of 3 attributes (arity table absent, scaling "
        + ScalingMode.STANDARDIZE.label() + ") needs " + needed + " bytes"), x.getMessage());
  }

  private static InstanceEncoder standardized(int[] arity, int classIndex) {
    return new InstanceEncoder(arity, classIndex, ScalingMode.STANDARDIZE);
  }

  /**
   * An attribute of mean exactly 0: the exact standardization of -1 after 1, 1, -1 (mean 0, deviation 1) is -1;
   * after 1,024 values alternating +-1 the cached one of 0.5 is 0.5.
   */
  @Test
  void anAttributeOfMeanZeroIsStandardized() {
    InstanceEncoder e = standardized(new int[] {NUMERIC, 2}, 1);
    int[] idx = {0, 1};
    for (double v : new double[] {1, 1, -1}) {
      e.encode(idx, new double[] {v, 0}, 2, true);
    }
    assertEquals(1, e.encode(idx, new double[] {-1, 0}, 2, false));
    assertEquals(-1.0, e.values()[0], 0.0);
    InstanceEncoder c = standardized(new int[] {NUMERIC, 2}, 1);
    for (int i = 0; i < InstanceEncoder.EXACT_STANDARDIZATION_INSTANCES; i++) {
      c.encode(idx, new double[] {i % 2 == 0 ? 1 : -1, 0}, 2, true);
    }
    assertEquals(1, c.encode(idx, new double[] {0.5, 0}, 2, false));
    assertEquals(0.0, c.center()[0], 0.0);
    assertEquals(1.0, c.inverseDeviation()[0], 0.0);
    assertEquals(0.5, c.values()[0], 0.0);
  }

  /**
   * An attribute constant until the refresh has no cached deviation: a new value of it is standardized exactly
   * (with itself counted), not cached to 0, and the instance keeps the general path.
   */
  @Test
  void anAttributeConstantAtTheRefreshIsStandardizedExactly() {
    InstanceEncoder e = standardized(new int[] {NUMERIC, NUMERIC, 2}, 2);
    int[] idx = {0, 1, 2};
    int n = InstanceEncoder.EXACT_STANDARDIZATION_INSTANCES;
    for (int i = 0; i < n; i++) {
      e.encode(idx, new double[] {5, i % 3, 0}, 3, true);
    }
    e.encode(idx, new double[] {7, 1, 0}, 3, false);
    assertEquals(0.0, e.inverseDeviation()[0], 0.0, "constant at the refresh");
    double mean = (5.0 * n + 7) / (n + 1);
    double var = (25.0 * n + 49) / (n + 1) - mean * mean;
    double z = Math.min(InstanceEncoder.STANDARDIZED_CLIP, (7 - mean) / Math.sqrt(var));
    assertEquals(0, e.ids()[0]);
    assertEquals(z, e.values()[0], 1e-9);
  }

  /**
   * An infinite value of a nominal attribute on the cached path is an unseen value: counted when encoded, and
   * once more when that encoding is committed for training.
   */
  @Test
  void anInfiniteNominalValueOnTheCachedPathIsUnseen() {
    InstanceEncoder e = standardized(new int[] {NUMERIC, 3, 2}, 2);
    int[] idx = {0, 1, 2};
    for (int i = 0; i < 1100; i++) {
      e.encode(idx, new double[] {i % 5, i % 3, 0}, 3, true);
    }
    assertTrue(e.center() != null);
    long before = e.unseenNominalValues();
    double[] x = {1, Double.POSITIVE_INFINITY, 0};
    e.encode(idx, x, 3, false);
    assertEquals(before + 1, e.unseenNominalValues());
    e.commitTraining(idx, x, 3);
    assertEquals(before + 2, e.unseenNominalValues());
  }

  /**
   * A copy of an encoder with a cache, asked for a row of 20 features first (before any instance went through
   * it), holds the ids 0..19 in buffers longer than its first 16 entries.
   */
  @Test
  void aCopiedEncoderGrowsItsRowBuffers() {
    int f = 20;
    int[] arity = new int[f + 1];
    arity[f] = 2;
    InstanceEncoder e = standardized(arity, f);
    int[] idx = new int[f + 1];
    double[] x = new double[f + 1];
    for (int a = 0; a <= f; a++) {
      idx[a] = a;
    }
    for (int i = 0; i < 1100; i++) {
      for (int a = 0; a < f; a++) {
        x[a] = (i + a) % 7 + 0.1 * a;
      }
      e.encode(idx, x, f + 1, true);
    }
    InstanceEncoder copy = e.copy();
    assertEquals(f, copy.beginRow(f + 1));
    for (int a = 0; a < f; a++) {
      assertEquals(a, copy.ids()[a]);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // feature inclusion

  /**
   * A stored feature is updated without asking the filter again (Poisson inclusion would reject some of its
   * later sightings otherwise); in a multinomial model a feature is stored when any of its own outputs is, not a
   * neighbour's.
   */
  @Test
  void storedFeaturesSkipTheFilterAndNeighboursDoNotCount() {
    LogisticRegression p = new LogisticRegression(LearnerConfig.builder().seed(3).alpha(0.2)
        .featureSpace(FeatureSpace.sparse(1000, InclusionRule.of(FeatureInclusion.POISSON, 0.5, 1, 10))).build());
    int[] ten = {10};
    double[] one = {1};
    int t = 0;
    while (p.storedCoordinates() < 2) {
      p.learn(ten, one, 1, t++ % 2, 1.0);
      assertTrue(t < 60, "admitted");
    }
    long rejected = p.rejectedSightings();
    for (int k = 0; k < 60; k++) {
      double before = p.coefficient(10, 0);
      p.learn(ten, one, 1, k % 2, 1.0);
      assertTrue(p.coefficient(10, 0) != before, "sighting " + k + " of the stored feature trains it");
    }
    assertEquals(rejected, p.rejectedSightings());

    LogisticRegression m = new LogisticRegression(LearnerConfig.builder().numClasses(3).seed(3)
        .featureSpace(FeatureSpace.sparse(1000, InclusionRule.of(FeatureInclusion.BLOOM, 0.5, 3, 20))).build());
    for (int k = 0; k < 4; k++) {
      m.learn(ten, one, 1, k % 3, 1.0);
    }
    assertEquals(6, m.storedCoordinates(), "the bias and feature 10, three outputs each");
    m.learn(new int[] {11}, one, 1, 0, 1.0);
    assertEquals(6, m.storedCoordinates(), "feature 11 (slots 33..35, beside 10's 30..32) is not admitted yet");
    assertEquals(4, m.rejectedSightings());
  }

  /**
   * The counting Bloom filter raises the two cells of a rejected feature (conservative update: both hold its
   * count) and no third one: after five sightings of one feature the cells add up to 10 and its estimate is 5.
   */
  @Test
  void aRejectedSightingRaisesTheFeaturesTwoCells() throws Exception {
    InclusionFilter.CountingBloom f = new InclusionFilter.CountingBloom(100, 10, 7);
    for (int k = 0; k < 5; k++) {
      assertFalse(f.admit(42));
    }
    Field cells = InclusionFilter.CountingBloom.class.getDeclaredField("cells");
    cells.setAccessible(true);
    long sum = 0;
    for (long w : (long[]) cells.get(f)) {
      for (int s = 0; s < 64; s += 4) {
        sum += (w >>> s) & 15;
      }
    }
    assertEquals(10, sum);
    assertEquals(5, f.estimate(42));
  }

  // ---------------------------------------------------------------------------------------------
  // the compressed predictor's report and limits

  private static CompressedPredictor compressed(Compressor c) throws IOException {
    return c.classLabels(new String[] {"a", "b"}).producer("test").relationName("r").classAttributeName("class")
        .seed(5).compress();
  }

  private static Compressor trainedCompressor() {
    InstanceEncoder e = new InstanceEncoder(new int[] {NUMERIC, NUMERIC, NUMERIC, 2}, 3, ScalingMode.STANDARDIZE);
    LogisticRegression m = new LogisticRegression(LearnerConfig.builder().featureSpace(FeatureSpace.direct(3))
        .alpha(0.5).seed(2).build());
    SplitMix64 r = new SplitMix64(4);
    int[] idx = {0, 1, 2, 3};
    for (int i = 0; i < 400; i++) {
      double[] x = {r.nextDouble(), r.nextDouble() * 2, r.nextDouble() - 0.5, 0};
      x[3] = x[0] + x[1] > 1.2 ? 1 : 0;
      e.encode(idx, x, 4, true);
      m.learn(e.ids(), e.values(), e.size(), (int) x[3], 1.0);
    }
    return Compressor.of(m, e);
  }

  /** The size report's bits per non-zero coefficient are the coefficient section's bits over their count. */
  @Test
  void theSizeReportGivesTheBitsPerNonZeroCoefficient() throws IOException {
    CompressedPredictor p = compressed(trainedCompressor().fractionBits(7));
    long nz = p.model().nonZeroCoefficients();
    assertTrue(nz > 0);
    // the figure with the blank before it: "3200.000 bits" (the section's bits times nz) must not match "200.000 bits"
    String line = String.format(Locale.ROOT, " %.3f bits per non-zero coefficient",
        8.0 * p.model().coefficientSectionBytes() / nz);
    assertTrue(p.sizeReport().contains(line), p.sizeReport());
  }

  /** A header that differs from the model's is described: an attribute's type, then the class labels. */
  @Test
  void thePredictorNamesHowAHeaderDiffers() throws IOException {
    CompressedPredictor p = compressed(trainedCompressor());
    assertNull(p.headerDifference(new int[] {NUMERIC, NUMERIC, NUMERIC, 2}, 3, new String[] {"a", "b"}));
    assertEquals("attribute 0 changed from numeric to nominal with 3 labels",
        p.headerDifference(new int[] {3, NUMERIC, NUMERIC, 2}, 3, null));
    assertEquals("class labels changed from [a, b] to [a, c]",
        p.headerDifference(new int[] {NUMERIC, NUMERIC, NUMERIC, 2}, 3, new String[] {"a", "c"}));
  }

  /** q2.1, the coarsest format, compresses. */
  @Test
  void theCoarsestFormatCompresses() throws IOException {
    CompressedPredictor p = compressed(trainedCompressor().fractionBits(1));
    assertEquals(1, p.model().fractionBits());
    assertThrows(IllegalArgumentException.class, () -> trainedCompressor().fractionBits(0));
  }

  /**
   * The row path ({@link LogisticRegression#probabilityRow}) with a buffer of exactly the row's features, as
   * documented: the probability of the general path; a label outside the classes is then refused by
   * {@link LogisticRegression#learnRow} with the range named, and the row can still be learned.
   */
  @Test
  void theRowPathTakesABufferOfExactlyItsFeatures() {
    InstanceEncoder e = standardized(new int[] {NUMERIC, NUMERIC, NUMERIC, 2}, 3);
    int[] idx = {0, 1, 2, 3};
    for (int i = 0; i < 1100; i++) {
      e.encode(idx, new double[] {i % 5, i % 7 - 3, (i % 11) * 0.5, 0}, 4, true);
    }
    LogisticRegression m = new LogisticRegression(LearnerConfig.builder().featureSpace(FeatureSpace.direct(3))
        .alpha(0.5).seed(1).build());
    for (int i = 0; i < 50; i++) {
      m.learn(new int[] {0, 1, 2}, new double[] {i % 3 - 1, 0.5, i % 2}, 3, i % 2, 1.0);
    }
    double[] x = {1, 2, 0.5, 1};
    InstanceEncoder general = e.copy();
    general.encode(idx, x, 4, false);
    double expected = m.probabilities(general.ids(), general.values(), general.size())[1];
    double[] rowValues = new double[3];
    double[] rowStatistics = new double[2];
    double p = m.probabilityRow(e, MixingFixtures.instance(new int[] {0, 1, 2}, new double[] {1, 2, 0.5}, 3, 1), 4,
        rowValues, rowStatistics);
    assertEquals(expected, p, 0.0);
    assertArrayEquals(new double[] {1, 2, 0.5}, rowValues, 0.0);
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> m.learnRow(e, rowValues, rowStatistics, 2, 1.0, p));
    assertEquals("class label 2 outside 0..1", bad.getMessage());
    assertTrue(m.learnRow(e, rowValues, rowStatistics, 1, 1.0, p));
  }

  /** Metadata of exactly {@link lessram.compressed.FeatureSpaceDescriptor#MAX_METADATA_BYTES} fits a file. */
  @Test
  void metadataOfExactlyTheLimitCompresses() throws IOException {
    int classes = 18;
    InstanceEncoder e = new InstanceEncoder(new int[] {NUMERIC, classes}, 1, ScalingMode.NONE);
    LogisticRegression m = new LogisticRegression(LearnerConfig.builder().numClasses(classes)
        .featureSpace(FeatureSpace.direct(1)).alpha(0.5).build());
    m.learn(new int[] {0}, new double[] {1}, 1, 3, 1.0);
    String[] labels = new String[classes];
    char[] fill = new char[60_000];
    Arrays.fill(fill, 'x');
    for (int k = 0; k < classes; k++) {
      labels[k] = k + new String(fill);
    }
    int limit = lessram.compressed.FeatureSpaceDescriptor.MAX_METADATA_BYTES;
    int length = CompressedPredictor.metadata(e, "p", "r", "class", labels).length;
    labels[classes - 1] = labels[classes - 1].substring(0, labels[classes - 1].length() - (length - limit));
    assertEquals(limit, CompressedPredictor.metadata(e, "p", "r", "class", labels).length);
    CompressedPredictor p = Compressor.of(m, e).classLabels(labels).producer("p").relationName("r")
        .classAttributeName("class").seed(1).compress();
    assertEquals(classes, p.numClasses());
    labels[0] = labels[0] + "y";
    assertThrows(IllegalArgumentException.class, () -> Compressor.of(m, e).classLabels(labels).producer("p")
        .relationName("r").classAttributeName("class").seed(1).compress());
  }

  /** Formats are values: equal when both parts are, with equal hash codes, and distinct formats hash apart. */
  @Test
  void formatsAreValues() {
    java.util.Set<Integer> hashes = new java.util.HashSet<>();
    int formats = 0;
    for (int n = 0; n <= 31; n++) {
      for (int m = 0; n + m + 1 <= FixedPointFormat.MAX_TOTAL_BITS; m++) {
        if (n + m + 1 < 2) {
          continue;
        }
        FixedPointFormat f = FixedPointFormat.of(n, m);
        assertEquals(f, FixedPointFormat.of(n, m));
        assertEquals(f.hashCode(), FixedPointFormat.of(n, m).hashCode());
        assertFalse(f.equals(n > 0 ? FixedPointFormat.of(n - 1, m + 1) : FixedPointFormat.of(1, m - 1)));
        assertFalse(f.equals(n + "." + m));
        hashes.add(f.hashCode());
        formats++;
      }
    }
    assertFalse(FixedPointFormat.of(2, 13).equals(FixedPointFormat.of(3, 13)));
    assertFalse(FixedPointFormat.of(2, 13).equals(FixedPointFormat.of(2, 12)));
    assertEquals(formats, hashes.size(), "distinct formats, distinct hash codes");
  }

  /**
   * Attribute indices outside the header are ignored: not encoded, not in the scaling statistics, no feature
   * range (as the class's); a standardized value of exactly minus the clip stays minus the clip.
   */
  @Test
  void indicesOutsideTheHeaderAreIgnoredAndTheClipIsKept() {
    InstanceEncoder e = standardized(new int[] {NUMERIC, NUMERIC, 2}, 2);
    InstanceEncoder plain = standardized(new int[] {NUMERIC, NUMERIC, 2}, 2);
    for (int i = 0; i < 20; i++) {
      int m = e.encode(new int[] {0, 1, 3}, new double[] {i % 3 + 1, i % 4 + 1, 5}, 3, true);
      assertEquals(plain.encode(new int[] {0, 1}, new double[] {i % 3 + 1, i % 4 + 1}, 2, true), m);
      assertArrayEquals(Arrays.copyOf(plain.values(), m), Arrays.copyOf(e.values(), m), 0.0);
    }
    assertArrayEquals(plain.scalingStatistics()[0], e.scalingStatistics()[0], 0.0);
    assertArrayEquals(plain.scalingStatistics()[1], e.scalingStatistics()[1], 0.0);
    assertEquals(0, e.featureRange(3));
    assertEquals(0, e.featureRange(-1));
    assertEquals(0, e.featureRange(2));
    assertEquals(1L << 32 | 1, e.featureRange(1));
    double clip = InstanceEncoder.STANDARDIZED_CLIP;
    assertEquals(-clip, ScalingStatistics.clipStandardized(-clip), 0.0);
    assertEquals(clip, ScalingStatistics.clipStandardized(clip), 0.0);
    assertEquals(-clip, ScalingStatistics.clipStandardized(-2 * clip), 0.0);
    assertEquals(0.0, ScalingStatistics.clipStandardized(Double.NaN), 0.0);
  }

  /**
   * A persisted encoder due to refresh at 0 instances (valid: the refresh comes at the next instance) refreshes
   * to an empty cache, which saves and reads back.
   */
  @Test
  void aRefreshAtNoInstanceSavesAndReadsBack() throws IOException {
    InstanceEncoder e = standardized(new int[] {NUMERIC, NUMERIC, 2}, 2);
    byte[] good = EncoderBytesTest.bytes(e);
    // from the end: refreshedAt, nextRefresh, the cache flag (no cache yet)
    int nextAt = good.length - 1 - 8;
    ByteBuffer.wrap(good).putLong(nextAt - 8, 0).putLong(nextAt, 0);
    InstanceEncoder due = EncoderBytesTest.read(good);
    due.encode(new int[] {0, 1}, new double[] {1, 2}, 2, false);
    assertTrue(due.center() != null, "refreshed");
    assertArrayEquals(new double[] {0, 0, 0}, due.center(), 0.0);
    byte[] again = EncoderBytesTest.bytes(due);
    assertArrayEquals(again, EncoderBytesTest.bytes(EncoderBytesTest.read(again)));
  }
}
