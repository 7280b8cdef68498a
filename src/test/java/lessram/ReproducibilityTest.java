package lessram;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Randomness is explicit: the same seed gives bit-identical models, different seeds differ, copies are
 * identical and independent, a serialized model predicts and continues identically, and the
 * specialised update path is bit-identical to the generic one.
 */
class ReproducibilityTest {
  private static final SyntheticData DATA = new SyntheticData(500, 15, 2, 6000, 0.6, 5);
  private static final SyntheticData MULTI = new SyntheticData(200, 8, 3, 4000, 0.6, 6);

  /** The configurations every property is checked on: each layout and store kind. */
  static List<LearnerConfig> configs(int dimension, int classes) {
    List<LearnerConfig> list = new ArrayList<>();
    LearnerConfig.Builder b = LearnerConfig.builder().numClasses(classes).seed(77);
    list.add(b.featureSpace(FeatureSpace.direct(dimension)).build()); // q2.13 + morris8, specialised
    list.add(b.featureSpace(FeatureSpace.hashed(8)).build()); // hashed with collisions, specialised
    list.add(b.featureSpace(FeatureSpace.sparse(dimension)).build()); // q2.13 + morris8 in a map
    list.add(b.featureSpace(FeatureSpace.direct(dimension)).storage(CoefficientStorage.NEAREST).build());
    list.add(b.storage(CoefficientStorage.RANDOMIZED).fixedPoint(2, 9).schedule(LearningRateSchedule.GLOBAL).build());
    list.add(b.fixedPoint(2, 13).schedule(LearningRateSchedule.PER_COORDINATE).counterType(CounterType.EXACT)
        .counterBits(32).build()); // 48-bit packed
    list.add(b.storage(CoefficientStorage.FLOAT32).build());
    list.add(b.storage(CoefficientStorage.FLOAT64).build()); // two stores
    list.add(b.featureSpace(FeatureSpace.sparse(dimension)).build()); // float64 + exact in two maps
    list.add(b.storage(CoefficientStorage.FLOAT64).schedule(LearningRateSchedule.GLOBAL)
        .featureSpace(FeatureSpace.direct(dimension)).build());
    return list;
  }

  static void train(LogisticRegression m, SyntheticData d, int from, int to) {
    for (int t = from; t < to; t++) {
      m.learn(d.ids[t], d.values[t], d.nnz, d.labels[t], 1.0);
    }
  }

  /** Raw bits of every coefficient (all slots and outputs) and every counter estimate. */
  static long[] state(LogisticRegression m) {
    long[] s = new long[m.numSlots() * m.numOutputs() * 2];
    int n = 0;
    for (int j = 0; j < m.numSlots(); j++) {
      for (int k = 0; k < m.numOutputs(); k++) {
        s[n++] = Double.doubleToRawLongBits(m.coefficient(j, k));
        s[n++] = Double.doubleToRawLongBits(m.updateCountEstimate(j, k));
      }
    }
    return s;
  }

  static SyntheticData dataFor(LearnerConfig c) {
    return c.numClasses() == 2 ? DATA : MULTI;
  }

  static List<LearnerConfig> allConfigs() {
    List<LearnerConfig> all = new ArrayList<>(configs(DATA.dimension, 2));
    all.addAll(configs(MULTI.dimension, 3));
    return all;
  }

  @Test
  void sameSeedGivesBitIdenticalModels() {
    for (LearnerConfig c : allConfigs()) {
      SyntheticData d = dataFor(c);
      LogisticRegression a = new LogisticRegression(c);
      LogisticRegression b = new LogisticRegression(c);
      train(a, d, 0, d.size());
      train(b, d, 0, d.size());
      assertArrayEquals(state(a), state(b), c.describe());
    }
  }

  @Test
  void differentSeedsDiffer() {
    for (LearnerConfig c : allConfigs()) {
      boolean random = c.storage().isFixedPoint() && c.storage() == CoefficientStorage.RANDOMIZED
          || c.schedule() == LearningRateSchedule.PER_COORDINATE && c.counterType() == CounterType.MORRIS;
      if (!random) {
        continue; // float storage with exact or global rates uses no random bits
      }
      SyntheticData d = dataFor(c);
      LogisticRegression a = new LogisticRegression(c);
      LogisticRegression b = new LogisticRegression(c.toBuilder().seed(c.seed() + 1).build());
      train(a, d, 0, d.size());
      train(b, d, 0, d.size());
      assertFalse(java.util.Arrays.equals(state(a), state(b)), c.describe());
    }
  }

  /** A copy is identical (same further training gives the same model) and independent (the original
   *  does not move when the copy trains). */
  @Test
  void copiesAreIdenticalAndIndependent() {
    for (LearnerConfig c : allConfigs()) {
      SyntheticData d = dataFor(c);
      int half = d.size() / 2;
      LogisticRegression original = new LogisticRegression(c);
      train(original, d, 0, half);
      long[] before = state(original);
      LogisticRegression copy = original.copy();
      assertArrayEquals(before, state(copy), c.describe());
      assertEquals(original.sizeInBytes(), copy.sizeInBytes());
      train(copy, d, half, d.size());
      assertArrayEquals(before, state(original), "training the copy leaves the original: " + c.describe());
      assertEquals(half, original.examplesSeen());
      train(original, d, half, d.size());
      assertArrayEquals(state(original), state(copy), "equal training, equal models: " + c.describe());
      assertEquals(original.examplesSeen(), copy.examplesSeen());
    }
  }

  /** Java serialization: identical predictions after the round trip, identical continued training. */
  @Test
  void serializationRoundTrip() throws Exception {
    for (LearnerConfig c : allConfigs()) {
      SyntheticData d = dataFor(c);
      int half = d.size() / 2;
      LogisticRegression m = new LogisticRegression(c);
      train(m, d, 0, half);
      LogisticRegression back = roundTrip(m);
      assertArrayEquals(state(m), state(back), c.describe());
      assertEquals(m.getClass(), back.getClass());
      for (int t = half; t < half + 200; t++) {
        assertArrayEquals(m.probabilities(d.ids[t], d.values[t], d.nnz),
            back.probabilities(d.ids[t], d.values[t], d.nnz), c.describe());
      }
      train(m, d, half, d.size());
      train(back, d, half, d.size());
      assertArrayEquals(state(m), state(back), "continues identically: " + c.describe());
      assertEquals(m.sizeInBytes(), back.sizeInBytes(), c.describe());
    }
  }

  static LogisticRegression roundTrip(LogisticRegression m) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(m);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (LogisticRegression) in.readObject();
    }
  }

  /**
   * Each specialised table is bit-identical to the generic one, for both rounding modes and several
   * formats of its width, with the same random bits; and the engine picks it exactly for its layout.
   */
  @Test
  void specialisedTablesEqualTheGenericTable() {
    SplitMix64 data = new SplitMix64(31);
    for (int[] q : new int[][] {{2, 13}, {0, 15}, {5, 10}}) {
      for (CoefficientStorage mode : new CoefficientStorage[] {CoefficientStorage.RANDOMIZED, CoefficientStorage.NEAREST}) {
        LearnerConfig.Builder b = LearnerConfig.builder().featureSpace(FeatureSpace.direct(999)).storage(mode)
            .fixedPoint(q[0], q[1]);
        // the approximate-count learner's layout (q + Morris 8), with a slow and a nearly exact counter
        // (in columns up to Fixed16Morris8ColumnTable.MAX_SIZE coordinates, in 3-byte records above)
        for (double base : new double[] {1.05, 1.0001}) {
          assertSpecialisedEqualsGeneric(b.morrisBase(base).build(), Fixed16Morris8ColumnTable.class, data, 1000);
          assertSpecialisedEqualsGeneric(b.morrisBase(base).build(), Fixed16Morris8Table.class, data,
              Fixed16Morris8ColumnTable.MAX_SIZE + 1);
        }
        // the randomized-rounding learner's layout (q, global rate)
        assertSpecialisedEqualsGeneric(b.schedule(LearningRateSchedule.GLOBAL).build(), Fixed16GlobalTable.class,
            data, 1000);
      }
    }
    // not specialised: other widths, counters, sparse storage
    LearnerConfig.Builder b = LearnerConfig.builder().featureSpace(FeatureSpace.direct(10));
    assertEquals(GenericTable.class, CoordinateTable.create(b.fixedPoint(2, 9).build(), 11).getClass());
    assertEquals(GenericTable.class, CoordinateTable.create(b.fixedPoint(2, 13).counterBits(7).build(), 11)
        .getClass());
    assertEquals(GenericTable.class, CoordinateTable.create(b.counterBits(8).counterType(CounterType.EXACT)
        .build(), 11).getClass());
    assertEquals(GenericTable.class, CoordinateTable.create(b.counterType(CounterType.MORRIS)
        .featureSpace(FeatureSpace.sparse(10)).build(), 11).getClass());
    assertEquals(GenericTable.class, CoordinateTable.create(b.schedule(LearningRateSchedule.GLOBAL).build(), 11)
        .getClass());
    assertEquals(GenericTable.class, CoordinateTable.create(b.featureSpace(FeatureSpace.hashed(3))
        .storage(CoefficientStorage.FLOAT32).build(), 9).getClass());
    assertEquals(Fixed16GlobalTable.class, CoordinateTable.create(b.storage(CoefficientStorage.NEAREST).build(), 9)
        .getClass());
    assertEquals(Fixed16Morris8ColumnTable.class, CoordinateTable.create(LearnerConfig.builder()
        .featureSpace(FeatureSpace.hashed(3)).build(), 9).getClass());
    // the approximate-count layout in columns up to the limit, in records above it
    LearnerConfig morris = LearnerConfig.builder().featureSpace(FeatureSpace.hashed(17)).build();
    int limit = Fixed16Morris8ColumnTable.MAX_SIZE;
    assertEquals(Fixed16Morris8ColumnTable.class, CoordinateTable.create(morris, limit).getClass());
    assertEquals(Fixed16Morris8Table.class, CoordinateTable.create(morris, limit + 1).getClass());
    assertEquals(Fixed16Morris8Table.class, CoordinateTable.create(morris, 1 << 17).getClass());
    assertThrows(IllegalArgumentException.class, () -> new Fixed16Morris8ColumnTable(morris, limit + 1));
    assertThrows(IllegalArgumentException.class, () -> new Fixed16Morris8ColumnTable(morris, -1));
    assertEquals(0, new Fixed16Morris8ColumnTable(morris, 0).size());
    assertThrows(IllegalArgumentException.class, () -> new Fixed16Morris8ColumnTable(morris.toBuilder()
        .counterBits(7).build(), 10));
  }

  /**
   * The table {@code CoordinateTable.create} makes for {@code c} is of class {@code kind} and gives the
   * generic table's coefficients and counters, bit for bit: single steps (with gradients large enough to
   * reach the bounds, and varying global rates), the per-example loop {@code stepAll} (what the binary
   * learner calls; zeros skipped without a draw, the generator left where {@code nextLong()} would
   * leave it), a few coordinates updated thousands of times (counters far along or saturated), every
   * read-out (coefficients visited, count estimates, saturated counters, sizes), and an independent copy
   * of the same class.
   */
  private static void assertSpecialisedEqualsGeneric(LearnerConfig c, Class<?> kind, SplitMix64 data, int size) {
    CoordinateTable fast = CoordinateTable.create(c, size);
    assertInstanceOf(kind, fast);
    CoordinateTable generic = new GenericTable(c, size);
    String what = c.describe();
    for (int op = 0; op < 200_000; op++) {
      int i = op < 20_000 ? op % 5 : data.nextInt(size);
      double g = (data.nextDouble() - 0.5) * (op % 3 == 0 ? 100 : 1);
      double eta = 0.5 / Math.sqrt(1 + op % 1000);
      long r = data.nextLong();
      fast.step(i, g, eta, r);
      generic.step(i, g, eta, r);
      assertEquals(generic.weight(i), fast.weight(i), what);
      assertEquals(generic.counterField(i), fast.counterField(i), what);
    }
    SplitMix64 fastRandom = new SplitMix64(77);
    SplitMix64 genericRandom = new SplitMix64(77);
    for (int example = 0; example < 5_000; example++) {
      int n = data.nextInt(12);
      int[] slots = new int[n];
      double[] values = new double[n];
      for (int j = 0; j < n; j++) {
        slots[j] = data.nextInt(size);
        values[j] = j % 4 == 3 ? 0.0 : data.nextDouble() * 4 - 2;
      }
      double err = data.nextDouble() - 0.5;
      fast.stepAll(slots, values, n, err, 0.07, fastRandom);
      generic.stepAll(slots, values, n, err, 0.07, genericRandom);
      for (int j = 0; j < n; j++) {
        assertEquals(generic.weight(slots[j]), fast.weight(slots[j]), what);
        assertEquals(generic.counterField(slots[j]), fast.counterField(slots[j]), what);
      }
      assertEquals(genericRandom.nextLong(), fastRandom.nextLong());
    }
    assertSameState(generic, fast, what);
    CoordinateTable copy = fast.copy();
    assertEquals(fast.getClass(), copy.getClass());
    assertSameState(fast, copy, what);
    double before = fast.weight(0);
    double towardsZero = before > 0 ? 1.0 : -1.0;
    copy.step(0, towardsZero, 0.1, 12345);
    generic.step(0, towardsZero, 0.1, 12345);
    assertSameState(generic, copy, what);
    assertNotEquals(before, copy.weight(0), what);
    assertEquals(before, fast.weight(0), what);
  }

  /** Every read-out of two tables agrees: coefficients and counters, visits, estimates and sizes. */
  private static void assertSameState(CoordinateTable expected, CoordinateTable actual, String what) {
    assertEquals(expected.size(), actual.size(), what);
    assertEquals(expected.storedCoordinates(), actual.storedCoordinates(), what);
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.weight(i), actual.weight(i), what);
      assertEquals(expected.counterField(i), actual.counterField(i), what);
      assertEquals(expected.countEstimate(i), actual.countEstimate(i), what);
    }
    assertEquals(expected.saturatedCounters(), actual.saturatedCounters(), what);
    List<String> expectedVisits = new ArrayList<>();
    List<String> actualVisits = new ArrayList<>();
    expected.forEachNonZeroWeight((i, w) -> expectedVisits.add(i + "=" + w));
    actual.forEachNonZeroWeight((i, w) -> actualVisits.add(i + "=" + w));
    assertEquals(expectedVisits, actualVisits, what);
  }

  /** Dense and sparse storage of the same configuration learn exactly the same model. */
  @Test
  void denseAndSparseLearnTheSameModel() {
    LearnerConfig dense = LearnerConfig.builder().featureSpace(FeatureSpace.direct(DATA.dimension)).build();
    LearnerConfig sparse = dense.toBuilder().featureSpace(FeatureSpace.sparse(DATA.dimension)).build();
    LogisticRegression a = new LogisticRegression(dense);
    LogisticRegression b = new LogisticRegression(sparse);
    train(a, DATA, 0, DATA.size());
    train(b, DATA, 0, DATA.size());
    assertArrayEquals(state(a), state(b));
  }
}
