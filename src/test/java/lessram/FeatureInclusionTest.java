package lessram;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openjdk.jol.info.ClassLayout;
import org.openjdk.jol.info.GraphLayout;

/**
 * Probabilistic feature inclusion of the sparse map (McMahan et al., KDD 2013, Section 4.1): what a feature
 * that is not admitted does (nothing at prediction, no update and no storage at training, one counted
 * sighting), Poisson inclusion's admission rate (statistically), the counting Bloom filter's exact
 * admission at the sighting after n and its one-sided error, reproducibility from the seed, exact memory
 * accounting against JOL, and the options' checks.
 */
class FeatureInclusionTest {
  private static final int DIMENSION = 1 << 20;

  private static LearnerConfig config(InclusionRule rule, int classes, long seed) {
    return LearnerConfig.builder().numClasses(classes).seed(seed)
        .featureSpace(FeatureSpace.sparse(DIMENSION, rule)).build();
  }

  private static InclusionRule poisson(double p) {
    return InclusionRule.of(FeatureInclusion.POISSON, p, 1, 10);
  }

  private static InclusionRule bloom(int n, int bits) {
    return InclusionRule.of(FeatureInclusion.BLOOM, 0.5, n, bits);
  }

  private static boolean learn(LogisticRegression m, int label, int... ids) {
    double[] values = new double[ids.length];
    Arrays.fill(values, 1.0);
    return m.learn(ids, values, ids.length, label, 1.0);
  }

  private static double p1(LogisticRegression m, int... ids) {
    double[] values = new double[ids.length];
    Arrays.fill(values, 1.0);
    return m.probabilities(ids, values, ids.length)[1];
  }

  /** Raw bits of the bias and the coefficients of slots {@code 0..slots-1}, and the stored count. */
  private static long[] state(LogisticRegression m, int slots) {
    long[] s = new long[(slots + 1) * m.numOutputs() + 2];
    int n = 0;
    for (int k = 0; k < m.numOutputs(); k++) {
      s[n++] = Double.doubleToRawLongBits(m.coefficient(m.biasSlot(), k));
      for (int j = 0; j < slots; j++) {
        s[n++] = Double.doubleToRawLongBits(m.coefficient(j, k));
      }
    }
    s[n++] = m.storedCoordinates();
    s[n] = m.rejectedSightings();
    return s;
  }

  // ---------------------------------------------------------------------------------------------
  // what a feature not admitted does

  /**
   * A counting Bloom filter with n = 3 in a filter far larger than the features (no shared cells): the model
   * is bit for bit the model without inclusion trained on the same examples without each feature's first
   * three sightings. Not admitted, a feature takes no update, no memory and no random draw; from the
   * fourth sighting it is trained as usual. Prediction reads it as absent meanwhile.
   */
  @Test
  void aFeatureNotAdmittedIsAbsentAndUntrainedUntilItsSightingAfterN() {
    // a fixed alpha: the adaptive rate's gradient statistics see every feature of an example, admitted or not
    LogisticRegression with = new LogisticRegression(config(bloom(3, 24), 2, 5).toBuilder().alpha(0.2).build());
    LogisticRegression without = new LogisticRegression(config(InclusionRule.ALL, 2, 5).toBuilder().alpha(0.2).build());
    SplitMix64 r = new SplitMix64(9);
    Map<Integer, Integer> sightings = new HashMap<>();
    long expectedRejected = 0;
    for (int t = 0; t < 3000; t++) {
      int nnz = 1 + r.nextInt(6);
      int[] ids = new int[nnz];
      for (int j = 0; j < nnz; j++) {
        ids[j] = r.nextInt(400) * 7 + j;
      }
      int label = r.nextInt(3) == 0 ? 1 : 0;
      // what the filter will let through: the sightings after the third
      int[] kept = Arrays.stream(ids).filter(id -> sightings.merge(id, 1, Integer::sum) > 3).toArray();
      expectedRejected += nnz - kept.length;
      assertEquals(p1(without, kept), p1(with, ids), "prediction ignores features not admitted, example " + t);
      learn(with, label, ids);
      learn(without, label, kept);
    }
    long[] expected = state(without, 3000);
    long[] actual = state(with, 3000);
    // coefficients and stored coordinates; the last entry is the count of rejected sightings
    assertArrayEquals(Arrays.copyOf(expected, expected.length - 1), Arrays.copyOf(actual, actual.length - 1));
    assertEquals(expectedRejected, with.rejectedSightings());
    assertTrue(expectedRejected > 1000, "many sightings were rejected: " + expectedRejected);
    assertEquals(0, without.rejectedSightings());
  }

  /** The bias is always trained, and a feature seen n times or fewer is never stored. */
  @Test
  void onlyTheBiasLearnsWhileNoFeatureIsAdmitted() {
    LogisticRegression m = new LogisticRegression(config(bloom(15, 16), 2, 1));
    for (int t = 0; t < 15; t++) {
      assertTrue(learn(m, 1, 1, 2, 3));
    }
    assertEquals(1, m.storedCoordinates(), "only the bias");
    assertEquals(45, m.rejectedSightings());
    assertTrue(m.coefficient(m.biasSlot(), 0) > 0);
    assertEquals(0.0, m.coefficient(1, 0));
    learn(m, 1, 1, 2, 3);
    assertEquals(4, m.storedCoordinates(), "the 16th sighting admits all three");
    assertEquals(45, m.rejectedSightings());
  }

  /** The multinomial model admits a feature (all its outputs) once per sighting, not once per output. */
  @Test
  void multinomialModelsAdmitWholeFeatures() {
    LogisticRegression m = new LogisticRegression(config(bloom(2, 20), 3, 3));
    for (int t = 0; t < 2; t++) {
      learn(m, t % 3, 10, 20);
      assertEquals(3, m.storedCoordinates(), "only the three bias outputs");
    }
    assertEquals(4, m.rejectedSightings(), "two features, two sightings each");
    learn(m, 2, 10, 20);
    assertEquals(9, m.storedCoordinates(), "two features of three outputs each, and the bias");
    for (int k = 0; k < 3; k++) {
      assertNotEquals(0.0, m.coefficient(10, k));
    }
    // from the sparse multinomial data, as in the other tests
    SyntheticData d = new SyntheticData(3000, 10, 3, 3000, 0.6, 4);
    LogisticRegression p = new LogisticRegression(config(poisson(0.3), 3, 4));
    ReproducibilityTest.train(p, d, 0, d.labels.length);
    assertTrue(p.rejectedSightings() > 0);
    assertEquals(0, (p.storedCoordinates() - 3) % 3, "features are stored with all their outputs");
  }

  // ---------------------------------------------------------------------------------------------
  // Poisson inclusion

  /**
   * Each sighting of a feature not stored admits it with probability p: over 20,000 features seen once, the
   * admitted fraction is p within 5 standard deviations (p = 0.1, 0.3, 0.7), and over 20,000 features seen
   * three times in a row it is 1 - (1 - p)^3; the rejected sightings are the rest.
   */
  @Test
  void poissonInclusionAdmitsWithProbabilityP() {
    int features = 20_000;
    for (double p : new double[] {0.1, 0.3, 0.7}) {
      for (int times : new int[] {1, 3}) {
        LogisticRegression m = new LogisticRegression(config(poisson(p), 2, 11));
        for (int f = 0; f < features; f++) {
          for (int k = 0; k < times; k++) {
            learn(m, f & 1, f);
          }
        }
        long admitted = m.storedCoordinates() - 1;
        double expected = 1 - Math.pow(1 - p, times);
        double sd = Math.sqrt(expected * (1 - expected) / features);
        assertEquals(expected, (double) admitted / features, 5 * sd, "p=" + p + ", " + times + " sightings");
        // a feature admitted at sighting k was rejected k - 1 times; the others times times
        assertTrue(m.rejectedSightings() >= (long) (features - admitted) * times);
        assertTrue(m.rejectedSightings() <= (long) features * times - admitted);
      }
    }
  }

  /** p = 1 admits every feature: bit for bit the sparse map without inclusion (no draw is taken). */
  @Test
  void poissonWithProbabilityOneIsTheSparseMap() {
    SyntheticData d = new SyntheticData(5000, 12, 2, 3000, 0.6, 8);
    LogisticRegression all = new LogisticRegression(config(InclusionRule.ALL, 2, 6));
    LogisticRegression one = new LogisticRegression(config(poisson(1.0), 2, 6));
    ReproducibilityTest.train(all, d, 0, 3000);
    ReproducibilityTest.train(one, d, 0, 3000);
    assertArrayEquals(state(all, 5000), state(one, 5000));
    assertEquals(0, one.rejectedSightings());
  }

  // ---------------------------------------------------------------------------------------------
  // the counting Bloom filter

  /**
   * Collisions only make a feature be admitted earlier, never later: in a filter of 64 cells, every one of
   * 2,000 features is admitted at its sighting after n at the latest, and the filter's count of a feature
   * never falls below its sightings (up to n).
   */
  @Test
  void aSmallFilterAdmitsEarlierNeverLater() {
    for (int n : new int[] {1, 2, 5}) {
      InclusionFilter.CountingBloom filter = new InclusionFilter.CountingBloom(n, 6, 3);
      int early = 0;
      for (int f = 0; f < 2000; f++) {
        int key = f * 31;
        int admittedAt = -1;
        for (int s = 1; s <= n + 1 && admittedAt < 0; s++) {
          if (filter.admit(key)) {
            admittedAt = s;
          } else {
            assertTrue(filter.estimate(key) >= s, "the count is never below the sightings");
          }
        }
        assertTrue(admittedAt > 0, "feature " + f + " admitted at its sighting " + (n + 1) + " at the latest");
        early += admittedAt <= n ? 1 : 0;
      }
      assertTrue(early > 1000, "a filter of 64 cells admits most features early: " + early);
    }
  }

  /** Without collisions, the count of a feature is its number of sightings (conservative update). */
  @Test
  void aLargeFilterCountsExactly() {
    InclusionFilter.CountingBloom filter = new InclusionFilter.CountingBloom(15, 22, 8);
    for (int f = 0; f < 100; f++) {
      for (int s = 0; s < f % 15; s++) {
        assertFalse(filter.admit(f));
      }
    }
    for (int f = 0; f < 100; f++) {
      assertEquals(f % 15, filter.estimate(f), "feature " + f);
    }
    assertEquals(sumOfModulo(), filter.rejected());
  }

  private static long sumOfModulo() {
    long s = 0;
    for (int f = 0; f < 100; f++) {
      s += f % 15;
    }
    return s;
  }

  // ---------------------------------------------------------------------------------------------
  // reproducibility

  /**
   * The same seed admits the same features and gives the same model; another seed another set (Poisson: the
   * draws; Bloom: the filter's hash); a copy and a deserialized model continue identically.
   */
  @Test
  void reproducibleFromTheSeedAcrossCopiesAndSerialization() throws Exception {
    SyntheticData d = new SyntheticData(20_000, 10, 2, 4000, 0.6, 12);
    for (InclusionRule rule : new InclusionRule[] {poisson(0.4), bloom(1, 8)}) {
      LogisticRegression a = new LogisticRegression(config(rule, 2, 21));
      LogisticRegression b = new LogisticRegression(config(rule, 2, 21));
      LogisticRegression other = new LogisticRegression(config(rule, 2, 22));
      ReproducibilityTest.train(a, d, 0, 2000);
      ReproducibilityTest.train(b, d, 0, 2000);
      ReproducibilityTest.train(other, d, 0, 2000);
      assertArrayEquals(state(a, 20_000), state(b, 20_000), rule.toString());
      assertFalse(Arrays.equals(state(a, 20_000), state(other, 20_000)), rule + ": another seed");

      LogisticRegression copy = a.copy();
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
        out.writeObject(a);
      }
      LogisticRegression read;
      try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
        read = assertInstanceOf(LogisticRegression.class, in.readObject());
      }
      ReproducibilityTest.train(a, d, 2000, 4000);
      ReproducibilityTest.train(copy, d, 2000, 4000);
      ReproducibilityTest.train(read, d, 2000, 4000);
      assertArrayEquals(state(a, 20_000), state(copy, 20_000), rule + ": copy");
      assertArrayEquals(state(a, 20_000), state(read, 20_000), rule + ": deserialized");
      assertTrue(a.rejectedSightings() > 0);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // memory

  /** The object sizes the accounting assumes are this JVM's, and a model's bytes match JOL exactly. */
  @Test
  void memoryIsAccountedExactly() {
    assertEquals(InclusionRule.OBJECT_BYTES, ClassLayout.parseClass(InclusionRule.class).instanceSize());
    assertEquals(InclusionFilter.CountingBloom.OBJECT_BYTES,
        ClassLayout.parseClass(InclusionFilter.CountingBloom.class).instanceSize());
    assertEquals(InclusionFilter.Poisson.BYTES - SplitMix64.OBJECT_BYTES,
        ClassLayout.parseClass(InclusionFilter.Poisson.class).instanceSize());
    assertEquals(FeatureSpace.OBJECT_BYTES, ClassLayout.parseClass(FeatureSpace.class).instanceSize());
    assertEquals(GenericTable.OBJECT_BYTES, ClassLayout.parseClass(GenericTable.class).instanceSize());
    SyntheticData d = new SyntheticData(50_000, 10, 2, 5000, 0.6, 13);
    for (InclusionRule rule : new InclusionRule[] {InclusionRule.ALL, poisson(0.3), bloom(1, 14), bloom(3, 18)}) {
      for (CoefficientStorage storage : new CoefficientStorage[] {CoefficientStorage.RANDOMIZED,
          CoefficientStorage.FLOAT64}) {
        LearnerConfig c = config(rule, 2, 1).toBuilder().storage(storage).build();
        LogisticRegression m = new LogisticRegression(c);
        ReproducibilityTest.train(m, d, 0, 5000);
        InclusionFilter filter = rule.newFilter(1);
        assertEquals(filter == null ? 0 : filter.sizeInBytes(), rule.filterBytes());
        if (filter != null) {
          assertEquals(GraphLayout.parseInstance(filter).totalSize(), filter.sizeInBytes(), rule.toString());
        }
        // JOL counts the shared enum constants, which the accounting leaves out
        long enums = jol(c.storage()) + jol(c.schedule()) + jol(c.counterType()) + jol(c.featureSpace().kind())
            + (rule.selective() ? jol(rule.policy()) : 0);
        assertEquals(GraphLayout.parseInstance(m).totalSize() - enums, m.sizeInBytes(), rule + " " + storage);
      }
    }
  }

  private static long jol(Object o) {
    return GraphLayout.parseInstance(o).totalSize();
  }

  /** The filter's bytes are in the model's: Bloom with 2^20 cells costs 512 KiB more than the map alone. */
  @Test
  void theFilterIsPartOfTheModelMemory() {
    LogisticRegression all = new LogisticRegression(config(InclusionRule.ALL, 2, 1));
    LogisticRegression bloom = new LogisticRegression(config(bloom(1, 20), 2, 1));
    assertEquals(all.sizeInBytes() + InclusionRule.OBJECT_BYTES + InclusionFilter.CountingBloom.OBJECT_BYTES
        + 16 + (1 << 19), bloom.sizeInBytes());
  }

  // ---------------------------------------------------------------------------------------------
  // options

  @Test
  void optionsOutOfRangeNameTheOption() {
    Object[][] cases = {
        {LearnerOption.INCLUSION_PROBABILITY, "0"}, {LearnerOption.INCLUSION_PROBABILITY, "1.5"},
        {LearnerOption.INCLUSION_PROBABILITY, "NaN"}, {LearnerOption.INCLUSION_PROBABILITY, "-0.1"},
        {LearnerOption.INCLUSION_COUNT, "0"}, {LearnerOption.INCLUSION_COUNT, "16"},
        {LearnerOption.INCLUSION_FILTER_BITS, "5"}, {LearnerOption.INCLUSION_FILTER_BITS, "32"},
        {LearnerOption.FEATURE_INCLUSION, "sometimes"}, {LearnerOption.INCLUSION_COUNT, "two"},
    };
    for (LearningRateSchedule schedule : LearningRateSchedule.values()) {
      for (Object[] c : cases) {
        LearnerOption option = (LearnerOption) c[0];
        LearnerOption.InvalidOptionException e = assertThrows(LearnerOption.InvalidOptionException.class,
            () -> Settings.builder(schedule).sparseMap(true).featureInclusion(FeatureInclusion.BLOOM)
                .set(option, (String) c[1]).build(), option + " " + c[1]);
        assertEquals(option, e.option(), e.getMessage());
        assertTrue(e.getMessage().contains((String) c[1]), e.getMessage());
      }
    }
    // inclusion without the sparse map names both options
    LearnerOption.InvalidOptionException e = assertThrows(LearnerOption.InvalidOptionException.class,
        () -> Settings.builder(LearningRateSchedule.PER_COORDINATE).featureInclusion(FeatureInclusion.POISSON)
            .build());
    assertEquals(Arrays.asList(LearnerOption.FEATURE_INCLUSION, LearnerOption.SPARSE_MAP), e.options());
    // parameters of the policy not chosen are still checked; the defaults are valid
    assertThrows(LearnerOption.InvalidOptionException.class, () -> Settings.builder(LearningRateSchedule.GLOBAL)
        .inclusionProbability(2).build());
    Settings s = Settings.builder(LearningRateSchedule.GLOBAL).sparseMap(true).featureInclusion(FeatureInclusion.BLOOM)
        .inclusionCount(15).inclusionFilterBits(6).build();
    assertEquals(bloom(15, 6), s.inclusion());
    assertEquals("bloom", s.get(LearnerOption.FEATURE_INCLUSION));
    assertEquals(s.toBuilder().build().inclusion(), s.inclusion());
    assertEquals(InclusionRule.ALL, Settings.builder(LearningRateSchedule.GLOBAL).build().inclusion());
  }

  /** The configuration says which features are stored, and describes itself. */
  @Test
  void configurationDescribesTheInclusion() {
    LearnerConfig c = Settings.builder(LearningRateSchedule.PER_COORDINATE).sparseMap(true)
        .featureInclusion(FeatureInclusion.POISSON).inclusionProbability(0.25).build().config(2, 100);
    assertEquals(poisson(0.25).policy(), c.featureSpace().inclusion().policy());
    assertTrue(c.describe().contains("sparse(100, inclusion poisson(p=0.25))"), c.describe());
    LearnerConfig all = Settings.builder(LearningRateSchedule.PER_COORDINATE).sparseMap(true).build().config(2, 100);
    assertEquals(InclusionRule.ALL, all.featureSpace().inclusion());
    assertTrue(all.describe().contains("sparse(100)"), all.describe());
  }
}
