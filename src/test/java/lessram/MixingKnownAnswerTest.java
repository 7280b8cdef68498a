package lessram;

import static lessram.MixingFixtures.assertSameState;
import static lessram.MixingFixtures.header;
import static lessram.MixingFixtures.instance;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Known answers of data-parallel training ({@link ParameterMixing}, {@link PartitionCopy}, {@link SessionDelta})
 * where {@link ParameterMixingTest} checks only exactness or statistics: the counts a round adds up, the merge's
 * formulas on one coordinate with values worked out by hand, float storage, the buffers at their exact sizes and
 * the exchanged bytes of unusual deltas.
 */
class MixingKnownAnswerTest {

  private static Settings.Builder fixed() {
    return Settings.builder(LearningRateSchedule.PER_COORDINATE).alpha(0.2).scaling(ScalingMode.NONE).seed(11);
  }

  /** An instance with a weight and a class value (NaN: no class). */
  private static InstanceView weighted(int[] ids, double[] values, int classIndex, double label, double weight) {
    InstanceView x = instance(ids, values, classIndex, label);
    return new InstanceView() {
      @Override
      public int numValues() {
        return x.numValues();
      }

      @Override
      public int index(int p) {
        return x.index(p);
      }

      @Override
      public double value(int p) {
        return x.value(p);
      }

      @Override
      public double weight() {
        return weight;
      }

      @Override
      public double classValue() {
        return label;
      }
    };
  }

  private static InstanceView row(int classIndex, double label, int... unsorted) {
    int[] ids = unsorted.clone();
    Arrays.sort(ids);
    double[] values = new double[ids.length];
    Arrays.fill(values, 1.0);
    return instance(ids, values, classIndex, label);
  }

  private static InstanceView skipped(int classIndex) {
    return weighted(new int[] {0}, new double[] {1}, classIndex, 1, Double.POSITIVE_INFINITY);
  }

  private static InstanceView noClass(int classIndex) {
    return weighted(new int[] {1}, new double[] {1}, classIndex, Double.NaN, 1);
  }

  // ----------------------------------------------------------------------------------------------
  // counts through a round

  @Test
  void skippedAndClasslessInstancesAddUpOverTheCopies() {
    int f = 6;
    OnlineClassifier base = new OnlineClassifier(fixed().build(), header(f, 2));
    // the base's own history: 2 trained, 1 skipped (infinite weight), 2 without a class
    base.train(row(f, 1, 0, 2));
    base.train(row(f, 0, 1, 3));
    base.train(skipped(f));
    base.train(noClass(f));
    base.train(noClass(f));
    assertEquals(2, base.model().examplesSeen());
    assertEquals(1, base.model().examplesSkipped());
    assertEquals(2, base.instancesWithoutClass());

    // copy 0 trains 2 rows and skips 2; copy 1 only skips 1 and sees 3 without a class (it lists no
    // coordinate); copy 2 trains 1 row and sees 1 without a class
    PartitionCopy c0 = new PartitionCopy(base, 0);
    PartitionCopy c1 = new PartitionCopy(base, 1);
    PartitionCopy c2 = new PartitionCopy(base, 2);
    assertEquals(OnlineClassifier.Outcome.TRAINED, c0.train(row(f, 1, 0, 4)));
    assertEquals(OnlineClassifier.Outcome.SKIPPED, c0.train(skipped(f)));
    assertEquals(OnlineClassifier.Outcome.TRAINED, c0.train(row(f, 0, 5)));
    assertEquals(OnlineClassifier.Outcome.SKIPPED, c0.train(skipped(f)));
    assertEquals(OnlineClassifier.Outcome.SKIPPED, c1.train(skipped(f)));
    for (int i = 0; i < 3; i++) {
      assertEquals(OnlineClassifier.Outcome.NO_CLASS, c1.train(noClass(f)));
    }
    assertEquals(OnlineClassifier.Outcome.TRAINED, c2.train(row(f, 1, 2, 3)));
    assertEquals(OnlineClassifier.Outcome.NO_CLASS, c2.train(noClass(f)));
    assertEquals(OnlineClassifier.Outcome.NO_WEIGHT,
        c2.train(weighted(new int[] {0}, new double[] {1}, f, 1, 0)));

    List<SessionDelta> deltas = new ArrayList<>();
    for (PartitionCopy c : new PartitionCopy[] {c0, c1, c2}) {
      deltas.add(SessionDelta.fromBytes(c.delta(0).toBytes()));
    }
    assertEquals(0, deltas.get(1).touchedCoordinates(), "a copy that trained nothing lists no coordinate");
    assertEquals(3, deltas.get(0).examplesSkipped());
    assertEquals(2 + 3, deltas.get(1).instancesWithoutClass());
    ParameterMixing.Merged m = ParameterMixing.merge(base, deltas);
    assertEquals(3, m.contributors());
    OnlineClassifier merged = m.session();
    assertEquals(2 + 2 + 1, merged.model().examplesSeen());
    assertEquals(1 + 2 + 1, merged.model().examplesSkipped());
    assertEquals(2 + 3 + 1, merged.instancesWithoutClass());
    // the exact update rebuilds the merged counts from the base
    SessionDelta update = SessionDelta.fromBytes(m.update().toBytes());
    assertEquals(6, update.instancesWithoutClass());
    assertSameState(merged, update.applyTo(base));
    assertSameState(merged, update.applyInPlace(base.copy()));
    // the merged generator moved on (the next round's copies draw new streams)
    assertNotEquals(base.model().random().state(), merged.model().random().state());
    assertNotEquals(new PartitionCopy(base, 1).session().model().random().state(),
        new PartitionCopy(merged, 1).session().model().random().state());
    // a copy prepared for the next round starts from the merged counts
    c0.prepare(merged, 0, new int[] {0, 1}, 2);
    assertEquals(6, c0.session().instancesWithoutClass());
    assertEquals(4, c0.session().model().examplesSkipped());
    assertEquals(5, c0.session().model().examplesSeen());
    // a copy that only skipped: its delta alone merges to its counts
    OnlineClassifier onlySkipped = ParameterMixing.merge(base, deltas.subList(1, 2)).session();
    assertEquals(2, onlySkipped.model().examplesSkipped());
    assertEquals(5, onlySkipped.instancesWithoutClass());
  }

  @Test
  void deltasAgainstAnotherStateAreRefusedByMergeAndApply() {
    int f = 4;
    OnlineClassifier base = new OnlineClassifier(fixed().build(), header(f, 2));
    base.train(row(f, 1, 0, 1));
    OnlineClassifier later = base.copy();
    later.train(row(f, 0, 2));
    PartitionCopy a = new PartitionCopy(base, 0);
    a.train(row(f, 1, 1, 3));
    PartitionCopy b = new PartitionCopy(base, 1);
    b.train(row(f, 0, 0, 2));
    PartitionCopy foreign = new PartitionCopy(later, 1);
    foreign.train(row(f, 0, 0, 2));
    SessionDelta da = a.delta(0);
    SessionDelta db = b.delta(0);
    SessionDelta dForeign = foreign.delta(0);
    // one delta of several made against another state
    assertThrows(IllegalArgumentException.class, () -> ParameterMixing.merge(base, Arrays.asList(da, dForeign)));
    assertThrows(IllegalArgumentException.class, () -> ParameterMixing.merge(base, Arrays.asList(dForeign, db)));
    assertEquals(2, ParameterMixing.merge(base, Arrays.asList(da, db)).contributors());
    // applying an exact delta to another state, copied or in place, changes nothing and throws
    OnlineClassifier target = later.copy();
    assertThrows(IllegalArgumentException.class, () -> da.applyTo(target));
    assertThrows(IllegalArgumentException.class, () -> da.applyInPlace(target));
    assertSameState(later, target);
  }

  @Test
  void aMergeThatChangesNothingReturnsACopy() {
    int f = 3;
    OnlineClassifier base = new OnlineClassifier(fixed().build(), header(f, 2));
    base.train(row(f, 1, 0, 1));
    OnlineClassifier before = base.copy();
    ParameterMixing.Merged m = ParameterMixing.merge(base, Arrays.asList(new PartitionCopy(base, 0).delta(0)));
    assertEquals(0, m.contributors());
    // training the merged session leaves the base as it was
    m.session().train(row(f, 0, 0, 2));
    assertEquals(2, m.session().model().examplesSeen());
    assertSameState(before, base);
  }

  // ----------------------------------------------------------------------------------------------
  // the merge of one coordinate: values by hand

  private static final int C = 2;

  /** A session on a 4-feature header with coordinate {@link #C} set to (field, counter). */
  private static OnlineClassifier baseWith(Settings s, long field, long counter) {
    OnlineClassifier base = new OnlineClassifier(s, header(4, 2));
    base.model().table().setFields(C, field, counter);
    return base;
  }

  /** The delta of a copy of {@code base} with coordinate C at (field, counter), updated {@code updates} times. */
  private static SessionDelta copyDelta(OnlineClassifier base, long field, long counter, long updates, long examples) {
    OnlineClassifier trained = base.copy();
    trained.model().table().setFields(C, field, counter);
    trained.model().setExampleCounts(base.model().examplesSeen() + examples, base.model().examplesSkipped());
    return SessionDelta.between(base, trained, new int[] {C}, new long[] {updates}, 0);
  }

  private static long signedCode(OnlineClassifier s) {
    LearnerConfig c = s.config();
    int bits = WeightCodec.of(c.storage(), c.format()).bits();
    long field = s.model().table().codeField(C);
    return (field << (64 - bits)) >> (64 - bits);
  }

  private static long fieldOf(Settings s, long code) {
    LearnerConfig c = new OnlineClassifier(s, header(4, 2)).config();
    return code & SessionDelta.fieldMask(WeightCodec.of(c.storage(), c.format()).bits());
  }

  @Test
  void changesWithoutCountedUpdatesMergeToTheirPlainAverage() {
    Settings exact = fixed().counterType(CounterType.EXACT).build();
    OnlineClassifier base = baseWith(exact, fieldOf(exact, 10), 4);
    // two copies moved the code by +2 and +6 without a counted update (weights 0): the plain mean, +4
    List<SessionDelta> deltas = Arrays.asList(copyDelta(base, fieldOf(exact, 12), 4, 0, 1),
        copyDelta(base, fieldOf(exact, 16), 4, 0, 1));
    for (ParameterMixing.Rule rule : ParameterMixing.Rule.values()) {
      OnlineClassifier m = ParameterMixing.merge(base, deltas, rule).session();
      assertEquals(14, signedCode(m), rule.toString());
      assertEquals(4, m.model().table().counterField(C));
    }
  }

  /** The rate mass of {@code n} updates after {@code count}: {@code 2 alpha (sqrt(count + n + 1/2) - sqrt(count + 1/2))}. */
  private static double mass(double alpha, double count, double n) {
    return 2 * alpha * (Math.sqrt(count + n + 0.5) - Math.sqrt(count + 0.5));
  }

  /** {@code (1 - exp(-h total)) / (1 - exp(-h average))}. */
  private static double factor(double total, double average) {
    double h = ParameterMixing.CURVATURE;
    return (1 - Math.exp(-h * total)) / (1 - Math.exp(-h * average));
  }

  @Test
  void theExtrapolatedStepFollowsTheFormulaUnderPerCoordinateRates() {
    Settings exact = fixed().counterType(CounterType.EXACT).build();
    double alpha = 0.2;
    OnlineClassifier base = baseWith(exact, fieldOf(exact, 0), 10_000);
    // copies: +1000 codes in 10 updates and +3000 codes in 30 updates, after 10000 updates
    List<SessionDelta> deltas = Arrays.asList(copyDelta(base, fieldOf(exact, 1000), 10_010, 10, 10),
        copyDelta(base, fieldOf(exact, 3000), 10_030, 30, 30));
    double average = (10 * 1000 + 30 * 3000) / 40.0;
    double averageMass = (10 * mass(alpha, 10_000, 10) + 30 * mass(alpha, 10_000, 30)) / 40;
    double expected = average * factor(mass(alpha, 10_000, 40), averageMass);
    assertTrue(expected > 1.5 * average && expected < 2 * average, "" + expected);
    OnlineClassifier m = ParameterMixing.merge(base, deltas).session();
    assertEquals(expected, signedCode(m), 1.0, "one of the grid points around the formula's value");
    assertEquals(10_040, m.model().table().counterField(C), "exact counters add the steps");
    // the plain rule: the weighted average
    assertEquals(average, signedCode(ParameterMixing.merge(base, deltas, ParameterMixing.Rule.AVERAGE).session()), 0);
  }

  @Test
  void theExtrapolatedStepFollowsTheFormulaUnderTheGlobalRate() {
    Settings global = Settings.builder(LearningRateSchedule.GLOBAL).alpha(0.5).seed(3).build();
    double alpha = 0.5;
    OnlineClassifier base = baseWith(global, fieldOf(global, 0), 0);
    base.model().setExampleCounts(10_000, 0);
    // copy 1 saw 100 examples and updated the coordinate 10 times (+800 codes); copy 2 saw 300, 60 updates (+1600)
    List<SessionDelta> deltas = Arrays.asList(copyDelta(base, fieldOf(global, 800), 0, 10, 100),
        copyDelta(base, fieldOf(global, 1600), 0, 60, 300));
    double average = (10 * 800 + 60 * 1600) / 70.0;
    // a copy's mass: its updates' share of the rates alpha / sqrt(t) of its examples
    double m1 = 10 / 100.0 * mass(alpha, 10_000, 100);
    double m2 = 60 / 300.0 * mass(alpha, 10_000, 300);
    double averageMass = (10 * m1 + 60 * m2) / 70;
    double total = 70 / 400.0 * mass(alpha, 10_000, 400);
    double expected = average * factor(total, averageMass);
    assertTrue(expected > 1.2 * average, "" + expected);
    OnlineClassifier m = ParameterMixing.merge(base, deltas).session();
    assertEquals(expected, signedCode(m), 1.0);
    assertEquals(10_400, m.model().examplesSeen());
  }

  @Test
  void theAdaptiveRateScalesTheExtrapolatedStep() {
    Settings adaptive = Settings.builder(LearningRateSchedule.PER_COORDINATE).counterType(CounterType.EXACT).seed(5)
        .build();
    OnlineClassifier base = baseWith(adaptive, fieldOf(adaptive, 0), 100);
    // squared gradients 25 over 100 gradients: the rate's factor is sqrt(100 / 25) = 2
    base.model().setRateStatistics(25, 100);
    double alpha = base.config().rateScale() * 2;
    List<SessionDelta> deltas = Arrays.asList(copyDelta(base, fieldOf(adaptive, 2000), 120, 20, 20),
        copyDelta(base, fieldOf(adaptive, 2000), 120, 20, 20));
    double averageMass = mass(alpha, 100, 20);
    double expected = 2000 * factor(mass(alpha, 100, 40), averageMass);
    OnlineClassifier m = ParameterMixing.merge(base, deltas).session();
    assertEquals(2.0, m.model().rateFactor(), 0);
    assertEquals(expected, signedCode(m), 1.0, "alpha " + alpha);
    // without the factor the step would differ by more than the rounding
    double unscaled = 2000 * factor(mass(alpha / 2, 100, 40), mass(alpha / 2, 100, 20));
    assertTrue(Math.abs(unscaled - expected) > 2, unscaled + " vs " + expected);
  }

  @Test
  void mergedMorrisCountersBracketTheTotal() {
    LearnerConfig config = new OnlineClassifier(fixed().build(), header(4, 2)).config();
    CounterPolicy counter = CounterPolicy.of(config);
    assertTrue(counter instanceof CounterPolicy.Morris);
    MorrisCounter morris = new MorrisCounter(config.counterBits(), config.morrisBase());
    int base = 30;
    // a total a quarter of the way from state 33's estimate to state 34's: 33 or 34, 34 a quarter of the time
    double low = morris.estimate(33);
    double total = low + 0.25 * (morris.estimate(34) - low);
    SplitMix64 random = new SplitMix64(99);
    int trials = 4000;
    int up = 0;
    for (int i = 0; i < trials; i++) {
      long s = ParameterMixing.mergedCounter(counter, base, total, 3, random);
      assertTrue(s == 33 || s == 34, "" + s);
      up += s == 34 ? 1 : 0;
    }
    assertEquals(0.25, (double) up / trials, 4 * Math.sqrt(0.25 * 0.75 / trials));
    // a total equal to an estimate: that state, always
    for (int i = 0; i < 100; i++) {
      assertEquals(33, ParameterMixing.mergedCounter(counter, base, low, 3, random));
    }
    // the base's own estimate: the base state
    assertEquals(base, ParameterMixing.mergedCounter(counter, base, morris.estimate(base), 0, random));
    // beyond the largest estimate: the largest state
    long max = (1L << config.counterBits()) - 1;
    assertEquals(max, ParameterMixing.mergedCounter(counter, base, morris.estimate((int) max) * 2, 500, random));
    // exact counters add the steps, saturating
    LearnerConfig exactConfig = new OnlineClassifier(fixed().counterType(CounterType.EXACT).counterBits(4).build(),
        header(4, 2)).config();
    CounterPolicy exact = CounterPolicy.of(exactConfig);
    assertEquals(9, ParameterMixing.mergedCounter(exact, 4, 0, 5, random));
    assertEquals(15, ParameterMixing.mergedCounter(exact, 4, 0, 50, random));
  }

  /** The raw field of {@code v} in float32 or float64 storage. */
  private static long rawField(CoefficientStorage storage, double v) {
    return storage == CoefficientStorage.FLOAT32 ? Float.floatToRawIntBits((float) v) & 0xFFFFFFFFL
        : Double.doubleToRawLongBits(v);
  }

  @Test
  void floatStorageMergesTheWeightedAverageExactly() {
    for (CoefficientStorage storage : new CoefficientStorage[] {CoefficientStorage.FLOAT32, CoefficientStorage.FLOAT64}) {
      Settings s = fixed().storage(storage).counterType(CounterType.EXACT).build();
      OnlineClassifier probe = new OnlineClassifier(s, header(4, 2));
      WeightCodec codec = WeightCodec.of(probe.config().storage(), probe.config().format());
      OnlineClassifier base = baseWith(s, rawField(storage, 1.0), 4);
      // +1.0 in 1 update and +3.0 in 3 updates: the weighted mean change is +2.5
      List<SessionDelta> deltas = Arrays.asList(copyDelta(base, rawField(storage, 2.0), 5, 1, 1),
          copyDelta(base, rawField(storage, 4.0), 7, 3, 3));
      OnlineClassifier m = ParameterMixing.merge(base, deltas, ParameterMixing.Rule.AVERAGE).session();
      assertEquals(3.5, codec.decode(m.model().table().codeField(C)), 0, storage.toString());
      assertEquals(8, m.model().table().counterField(C));
      // the extrapolated step of two copies' small steps (about twice the average) beyond the format's finite
      // bounds: projected to the largest value, as an update is
      double top = storage == CoefficientStorage.FLOAT32 ? Float.MAX_VALUE : Values.LIMIT;
      OnlineClassifier far = baseWith(s, rawField(storage, 0), 10_000);
      OnlineClassifier huge = ParameterMixing.merge(far, Arrays.asList(
          copyDelta(far, rawField(storage, 0.9 * top), 10_010, 10, 10),
          copyDelta(far, rawField(storage, 0.9 * top), 10_010, 10, 10))).session();
      assertEquals(top, codec.decode(huge.model().table().codeField(C)), 0, storage.toString());
    }
  }

  // ----------------------------------------------------------------------------------------------
  // scaling statistics

  @Test
  void maxAbsStatisticsMergeByTheirMaximum() {
    int f = 3;
    OnlineClassifier base = new OnlineClassifier(fixed().scaling(ScalingMode.MAX_ABS).build(), header(f, 2));
    base.train(instance(new int[] {0, 1, 2}, new double[] {2, -1, 0.5}, f, 1));
    PartitionCopy a = new PartitionCopy(base, 0);
    PartitionCopy b = new PartitionCopy(base, 1);
    a.train(instance(new int[] {0, 1, 2}, new double[] {-5, 0.5, 0.25}, f, 0));
    b.train(instance(new int[] {0, 1, 2}, new double[] {3, -4, 0.125}, f, 1));
    OnlineClassifier merged = ParameterMixing.merge(base, Arrays.asList(a.delta(0), b.delta(0))).session();
    double[][] stats = merged.encoder().scalingStatistics();
    assertEquals(1, stats.length);
    assertArrayEquals(new double[] {5, 4, 0.5}, Arrays.copyOf(stats[0], 3), 0);
  }

  // ----------------------------------------------------------------------------------------------
  // partition copies

  @Test
  void aCopyPredictsAsItsBaseAndCountsEachFeaturesUpdates() {
    int f = 6;
    OnlineClassifier base = new OnlineClassifier(fixed().build(), header(f, 2));
    base.train(row(f, 1, 0, 1, 2));
    PartitionCopy copy = new PartitionCopy(base, 0);
    InstanceView x = row(f, 1, 0, 3);
    assertArrayEquals(base.copy().predict(x), copy.predict(x), 0);
    // a long row, then a shorter one: each feature counted once per row that has it
    copy.train(row(f, 1, 0, 1, 2, 3, 4, 5));
    copy.train(row(f, 0, 1, 2));
    SessionDelta d = copy.delta(0);
    int[] coordinates = d.coordinates();
    long[] updates = d.updates();
    int biasSlot = base.config().featureSpace().biasSlot();
    long[] expected = new long[biasSlot + 1];
    for (int id : new int[] {0, 1, 2, 3, 4, 5, 1, 2}) {
      expected[base.config().featureSpace().slot(id)]++;
    }
    expected[biasSlot] = 2;
    assertEquals(7, coordinates.length);
    for (int j = 0; j < coordinates.length; j++) {
      assertEquals(expected[coordinates[j]], updates[j], "coordinate " + coordinates[j]);
    }
  }

  @Test
  void idsSharingASlotAddTheirUpdates() {
    int f = 40;
    OnlineClassifier base = new OnlineClassifier(fixed().hashingBits(3).build(), header(f, 2));
    FeatureSpace space = base.config().featureSpace();
    // two ids in one slot, a third in another
    int a = 0;
    int b = -1;
    int other = -1;
    for (int id = 1; id < f && (b < 0 || other < 0); id++) {
      if (space.slot(id) == space.slot(a)) {
        b = b < 0 ? id : b;
      } else if (other < 0) {
        other = id;
      }
    }
    assertTrue(b > 0 && other > 0);
    PartitionCopy copy = new PartitionCopy(base, 0);
    copy.train(row(f, 1, a, b, other));
    copy.train(row(f, 0, a));
    SessionDelta d = copy.delta(0);
    long[] bySlot = new long[space.biasSlot() + 1];
    for (int j = 0; j < d.coordinates().length; j++) {
      bySlot[d.coordinates()[j]] = d.updates()[j];
    }
    assertEquals(3, bySlot[space.slot(a)], "ids " + a + " and " + b + " share a slot");
    assertEquals(1, bySlot[space.slot(other)]);
    assertEquals(2, bySlot[space.biasSlot()]);
    assertEquals(3, d.touchedCoordinates());
  }

  @Test
  void buffersFilledExactlyWorkRoundAfterRound() {
    // 64 features: a fresh copy trains exactly 64 ids, a prepared one declares exactly 64
    int f = 64;
    OnlineClassifier base = new OnlineClassifier(fixed().build(), header(f, 2));
    int[] all = new int[f];
    for (int i = 0; i < f; i++) {
      all[i] = i;
    }
    InstanceView x = row(f, 1, all);
    InstanceView y = row(f, 0, all);
    PartitionCopy copy = new PartitionCopy(base, 1);
    copy.train(x);
    SessionDelta first = copy.delta(0);
    assertEquals(f + 1, first.touchedCoordinates());
    assertSameState(copy.session(), first.applyTo(base));
    OnlineClassifier next = ParameterMixing.merge(base, Arrays.asList(first)).session();
    for (int round = 0; round < 2; round++) {
      copy.prepare(next, 1, all, f);
      PartitionCopy fresh = new PartitionCopy(next, 1);
      copy.train(y);
      fresh.train(y);
      assertArrayEquals(fresh.delta(0).toBytes(), copy.delta(0).toBytes(), "round " + round);
      next = ParameterMixing.merge(next, Arrays.asList(copy.delta(0))).session();
    }
  }

  @Test
  void preparedCopiesOfSparseRowsInAnyDeclaredOrderTrainAsFreshCopies() {
    // a wide space with rows of few features: a word of the copy's bit set holds one declared id at a time
    int f = 5000;
    OnlineClassifier base = new OnlineClassifier(fixed().build(), header(f, 2));
    PartitionCopy copy = new PartitionCopy(base, 2);
    int[][] rounds = {{3000, 130, 7}, {7, 3000, 4100}, {4100, 130, 2}, {2, 7, 130, 3000}};
    OnlineClassifier model = base;
    for (int r = 0; r < rounds.length; r++) {
      int[] ids = rounds[r];
      if (r > 0) {
        copy.prepare(model, 2, ids, ids.length);
      }
      PartitionCopy fresh = new PartitionCopy(model, 2);
      int[] sorted = ids.clone();
      Arrays.sort(sorted);
      InstanceView x = row(f, r % 2, sorted);
      copy.train(x);
      fresh.train(x);
      SessionDelta expected = fresh.delta(0);
      assertArrayEquals(expected.toBytes(), copy.delta(0).toBytes(), "round " + r);
      // the next round starts from a model the rows changed
      model = ParameterMixing.merge(model, Arrays.asList(expected, new PartitionCopy(model, 0).delta(0))).session();
      assertSameState(fresh.session(), model);
    }
  }

  @Test
  void preparedCopiesOfAMulticlassModelTrainAsFreshCopies() {
    SyntheticData data = new SyntheticData(400, 6, 3, 1800, 1.0, 31);
    for (Settings s : Arrays.asList(fixed().build(), fixed().hashingBits(6).build())) {
      OnlineClassifier start = MixingFixtures.session(s, data);
      OnlineClassifier fresh = ParameterMixingTest.mix(start, data, 0, 1800, 3, 200, null, false);
      OnlineClassifier reused = ParameterMixingTest.mix(start, data, 0, 1800, 3, 200, null, true);
      assertSameState(fresh, reused);
      assertEquals(1800, reused.model().examplesSeen());
    }
  }

  // ----------------------------------------------------------------------------------------------
  // the exchanged bytes

  /** A delta of a 300-feature model whose coordinates {@code coords} change by {@code changes} codes. */
  private static SessionDelta handMade(OnlineClassifier base, int[] coords, long[] changes, long[] steps) {
    OnlineClassifier trained = base.copy();
    CoordinateTable t = trained.model().table();
    LearnerConfig c = base.config();
    long mask = SessionDelta.fieldMask(WeightCodec.of(c.storage(), c.format()).bits());
    for (int j = 0; j < coords.length; j++) {
      t.setFields(coords[j], (t.codeField(coords[j]) + changes[j]) & mask, t.counterField(coords[j]) + steps[j]);
    }
    return SessionDelta.between(base, trained, null, 0);
  }

  private static void assertRoundTrip(OnlineClassifier base, SessionDelta d, String what) {
    SessionDelta back = SessionDelta.fromBytes(d.toBytes());
    assertArrayEquals(d.coordinates(), back.coordinates(), what);
    assertArrayEquals(d.values(), back.values(), what);
    assertArrayEquals(d.counterSteps(), back.counterSteps(), what);
    assertSameState(d.applyTo(base), back.applyTo(base));
  }

  @Test
  void deltasOfEverySizeReadBack() {
    OnlineClassifier base = new OnlineClassifier(fixed().counterType(CounterType.EXACT).build(), header(300, 2));
    SplitMix64 r = new SplitMix64(41);
    for (int n = 0; n <= 300; n++) {
      int[] coords = new int[n];
      long[] changes = new long[n];
      long[] steps = new long[n];
      for (int j = 0; j < n; j++) {
        coords[j] = j;
        changes[j] = 1 + r.nextInt(1 + (n % 7 == 0 ? 5000 : 30));
        steps[j] = r.nextInt(3);
      }
      assertRoundTrip(base, handMade(base, coords, changes, steps), n + " coordinates");
    }
  }

  @Test
  void longUnaryCodesAndEscapesReadBack() {
    OnlineClassifier base = new OnlineClassifier(fixed().counterType(CounterType.EXACT).build(), header(300, 2));
    // 30 consecutive coordinates, then a gap of exactly 40 (the Rice escape at parameter 0); changes of +1
    // and one of +20 (zigzag 40); counter steps 0 and one of 2
    int[] coords = new int[31];
    long[] changes = new long[31];
    long[] steps = new long[31];
    for (int j = 0; j < 30; j++) {
      coords[j] = j;
      changes[j] = 1;
    }
    coords[30] = 29 + 41;
    changes[30] = 1;
    changes[5] = 20;
    steps[7] = 2;
    SessionDelta d = handMade(base, coords, changes, steps);
    assertArrayEquals(coords, d.coordinates());
    assertRoundTrip(base, d, "escapes");
    // quotients of 2 to 39 (values a few times their mean)
    int[] few = {0, 3, 9, 27, 81, 243};
    assertRoundTrip(base, handMade(base, few, new long[] {1, 2, 1, 30, 1, 3}, new long[] {0, 0, 9, 0, 1, 0}),
        "long unary codes");
  }

  @Test
  void aDeltaOfAFormatWithoutFractionBitsReadsBack() {
    OnlineClassifier base = new OnlineClassifier(fixed().integerBits(8).fractionBits(0)
        .counterType(CounterType.EXACT).build(), header(20, 2));
    assertEquals(0, base.config().format().fractionBits());
    SessionDelta d = handMade(base, new int[] {1, 4, 9}, new long[] {3, -2, 100}, new long[] {1, 1, 2});
    assertEquals(0, d.gridBits());
    assertTrue(d.isExact());
    SessionDelta back = SessionDelta.fromBytes(d.toBytes());
    assertEquals(0, back.gridBits());
    assertRoundTrip(base, d, "q8.0");
  }

  @Test
  void aCoarseDeltaReadsBackAsCoarse() {
    SyntheticData data = new SyntheticData(200, 8, 2, 400, 1.0, 43);
    OnlineClassifier base = MixingFixtures.session(fixed().build(), data);
    PartitionCopy copy = new PartitionCopy(base, 0);
    for (int t = 0; t < 400; t++) {
      copy.train(MixingFixtures.row(data, t));
    }
    SessionDelta coarse = SessionDelta.fromBytes(copy.delta(6).toBytes());
    assertFalse(coarse.isExact());
    assertEquals(6, coarse.gridBits());
    assertThrows(IllegalArgumentException.class, () -> coarse.applyTo(base));
    assertTrue(SessionDelta.fromBytes(copy.delta(0).toBytes()).isExact());
  }

  @Test
  void aBitStreamShorterThanItsCodesIsRefused() {
    OnlineClassifier base = new OnlineClassifier(fixed().counterType(CounterType.EXACT).build(), header(300, 2));
    SplitMix64 r = new SplitMix64(45);
    byte[] empty = handMade(base, new int[0], new long[0], new long[0]).toBytes();
    for (int n = 1; n <= 40; n++) {
      int[] coords = new int[n];
      long[] changes = new long[n];
      long[] steps = new long[n];
      for (int j = 0; j < n; j++) {
        coords[j] = 3 * j + r.nextInt(3);
        changes[j] = 1 + r.nextInt(50);
        steps[j] = r.nextInt(2);
      }
      byte[] bytes = handMade(base, coords, changes, steps).toBytes();
      // the bit stream is the last bytes, after the header (that of a delta listing nothing), the count of
      // coordinates (1 byte), the 4 Rice parameters and the stream's length (1 byte below 128)
      int header = empty.length - 6;
      int length = bytes.length - header - 6;
      assertTrue(length > 0 && length < 128);
      assertEquals(length, bytes[header + 5] & 0xFF);
      byte[] shorter = Arrays.copyOf(bytes, bytes.length - 1);
      shorter[header + 5] = (byte) (length - 1);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SessionDelta.fromBytes(shorter),
          n + " coordinates");
      assertTrue(e.getMessage().contains("session delta"), e.getMessage());
    }
  }

  @Test
  void saturatedRateStatisticsTravel() {
    OnlineClassifier base = new OnlineClassifier(Settings.builder(LearningRateSchedule.PER_COORDINATE).seed(2).build(),
        header(4, 2));
    // the adaptive rate saturates its sum at the largest double; a merge may pass exactly that on
    base.model().setRateStatistics(Double.MAX_VALUE, 8);
    assertEquals(Double.MAX_VALUE, base.model().squaredGradients(), 0);
    PartitionCopy copy = new PartitionCopy(base, 0);
    copy.train(row(4, 1, 0, 1));
    SessionDelta back = SessionDelta.fromBytes(copy.delta(0).toBytes());
    assertEquals(Double.MAX_VALUE, back.squaredGradients(), 0);
    assertSameState(copy.session(), back.applyTo(base));
  }

  @Test
  void theMergedStandardizationIsTheOneARefreshGives() {
    for (int perCopy : new int[] {300, 511, 512, 700}) {
      OnlineClassifier base = new OnlineClassifier(fixed().scaling(ScalingMode.STANDARDIZE).build(), header(2, 2));
      double[] sum = new double[2];
      double[] squares = new double[2];
      List<SessionDelta> deltas = new ArrayList<>();
      for (int p = 0; p < 2; p++) {
        PartitionCopy copy = new PartitionCopy(base, p);
        for (int i = 0; i < perCopy; i++) {
          double[] v = {(i * 7 + p) % 11 - 3, Math.sqrt(i + 1) * (p + 1)};
          for (int a = 0; a < 2; a++) {
            sum[a] += v[a];
            squares[a] += v[a] * v[a];
          }
          copy.train(instance(new int[] {0, 1}, v, 2, i % 2));
        }
        deltas.add(copy.delta(0));
      }
      InstanceEncoder merged = ParameterMixing.merge(base, deltas).session().encoder();
      int n = 2 * perCopy;
      if (n < InstanceEncoder.EXACT_STANDARDIZATION_INSTANCES) {
        assertEquals(null, merged.center(), n + " instances: exact standardization, no cache");
        continue;
      }
      // from 1,024 instances: the cache of the merged statistics, as a refresh computes it
      double[] center = merged.center();
      double[] inverse = merged.inverseDeviation();
      for (int a = 0; a < 2; a++) {
        double mean = sum[a] / n;
        double deviation = Math.sqrt(squares[a] / n - mean * mean);
        assertEquals(mean, center[a], 1e-9 * Math.max(1, Math.abs(mean)), n + " instances, attribute " + a);
        assertEquals(1 / deviation, inverse[a], 2e-3 / deviation, n + " instances, attribute " + a);
      }
    }
  }

  @Test
  void aMulticlassCopyCountsTheUpdatesOfEveryOutput() {
    int f = 5;
    OnlineClassifier base = new OnlineClassifier(fixed().build(), header(f, 3));
    for (PartitionCopy copy : new PartitionCopy[] {new PartitionCopy(base, 1), preparedFor(base, 4, 0, 1, 2, 3, 4)}) {
      copy.train(row(f, 2, 0, 3));
      copy.train(row(f, 0, 3));
      copy.train(row(f, 1, 3, 4));
      SessionDelta d = copy.delta(0);
      // features 0, 3, 4 and the bias, 3 outputs each: coordinate slot * 3 + output, ascending
      int bias = base.config().featureSpace().biasSlot();
      assertArrayEquals(new int[] {0, 1, 2, 9, 10, 11, 12, 13, 14, 3 * bias, 3 * bias + 1, 3 * bias + 2},
          d.coordinates());
      assertArrayEquals(new long[] {1, 1, 1, 3, 3, 3, 1, 1, 1, 3, 3, 3}, d.updates());
      assertSameState(copy.session(), d.applyTo(base));
    }
  }

  /** A copy trained one round on {@code base}'s first row, then prepared for {@code base} and the attributes. */
  private static PartitionCopy preparedFor(OnlineClassifier base, int partition, int... attributes) {
    PartitionCopy copy = new PartitionCopy(base, partition);
    copy.train(row(base.numAttributes() - 1, 1, 1, 2));
    copy.prepare(base, partition, attributes, attributes.length);
    return copy;
  }

  @Test
  void aCoordinateAtTheDeclaredCountIsRefused() {
    OnlineClassifier base = new OnlineClassifier(fixed().counterType(CounterType.EXACT).build(), header(10, 2));
    int last = (int) base.model().numCoordinates() - 1;
    byte[] bytes = handMade(base, new int[] {3, last}, new long[] {1, 2}, new long[] {1, 1}).toBytes();
    // magic (4), version, flags, grid (1 each), the base's generator state (8), then the coordinate count (8)
    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes);
    assertEquals(last + 1, b.getLong(15));
    b.putLong(15, last);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SessionDelta.fromBytes(bytes));
    assertTrue(e.getMessage().contains("coordinate " + last + " outside"), e.getMessage());
  }
}
