package lessram;

import static lessram.MixingFixtures.assertSameState;
import static lessram.MixingFixtures.row;
import static lessram.MixingFixtures.session;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Parameter mixing ({@link ParameterMixing}, {@link PartitionCopy}, {@link SessionDelta}): exactness where the
 * merge must be exact, and the paper's guarantees (unbiased rounding of the average, counters that estimate the
 * total) tested statistically: many trials with a fixed seed, the mean within 4 standard errors of its
 * expectation.
 */
class ParameterMixingTest {

  /**
   * Fixed alpha 0.2 (the tests of the rate accounting compute alpha / sqrt(count) by hand); the adaptive
   * default is tested by name ({@link #adaptive}).
   */
  private static Settings settings(Consumer<Settings.Builder> change) {
    Settings.Builder b = Settings.builder(LearningRateSchedule.PER_COORDINATE).alpha(0.2).seed(11);
    change.accept(b);
    return b.build();
  }

  /** The learners' defaults: the adaptive rate (alpha 0). */
  private static Settings adaptive(LearningRateSchedule schedule) {
    return Settings.builder(schedule).seed(11).build();
  }

  /**
   * Trains {@code start} by parameter mixing: row {@code t} belongs to partition {@code t % partitions}, and
   * each round every partition predicts, then trains on its next {@code roundSize} rows.
   */
  static OnlineClassifier mix(OnlineClassifier start, SyntheticData data, int from, int to, int partitions,
      int roundSize, List<SessionDelta> updates) {
    return mix(start, data, from, to, partitions, roundSize, updates, false);
  }

  /** {@link #mix}, with each partition's copy kept and {@link PartitionCopy#prepare}d if {@code reuse}. */
  static OnlineClassifier mix(OnlineClassifier start, SyntheticData data, int from, int to, int partitions,
      int roundSize, List<SessionDelta> updates, boolean reuse) {
    OnlineClassifier model = start;
    int perPartition = (to - from + partitions - 1) / partitions;
    PartitionCopy[] kept = new PartitionCopy[partitions];
    SessionDelta last = null;
    for (int round = 0; round * roundSize < perPartition; round++) {
      List<SessionDelta> deltas = new ArrayList<>();
      for (int p = 0; p < partitions; p++) {
        PartitionCopy copy;
        if (reuse && kept[p] != null) {
          copy = kept[p];
          List<Integer> attributes = new ArrayList<>();
          for (int i = round * roundSize; i < Math.min((round + 1) * roundSize, perPartition); i++) {
            int t = from + i * partitions + p;
            for (int j = 0; t < to && j < data.ids[t].length; j++) {
              attributes.add(data.ids[t][j]);
            }
          }
          copy.prepare(model, p, attributes.stream().mapToInt(Integer::intValue).toArray(), attributes.size());
        } else {
          copy = new PartitionCopy(model, p);
          kept[p] = copy;
        }
        for (int i = round * roundSize; i < Math.min((round + 1) * roundSize, perPartition); i++) {
          int t = from + i * partitions + p;
          if (t < to) {
            copy.predict(row(data, t));
            copy.train(row(data, t));
          }
        }
        deltas.add(SessionDelta.fromBytes(copy.delta(0).toBytes()));
      }
      ParameterMixing.Merged merged = ParameterMixing.merge(model, deltas);
      SessionDelta update = SessionDelta.fromBytes(merged.update().toBytes());
      assertSameState(merged.session(), update.applyTo(model));
      ParameterMixing.Merged inPlace = ParameterMixing.mergeInPlace(model.copy(), deltas,
          ParameterMixing.Rule.EXTRAPOLATED);
      assertSameState(merged.session(), inPlace.session());
      assertArrayEquals(merged.update().toBytes(), inPlace.update().toBytes());
      if (updates != null) {
        updates.add(update);
      }
      last = update;
      model = merged.session();
    }
    return model;
  }

  private static OnlineClassifier sequential(OnlineClassifier start, SyntheticData data, int from, int to) {
    OnlineClassifier s = start.copy();
    for (int t = from; t < to; t++) {
      s.predict(row(data, t));
      s.train(row(data, t));
    }
    return s;
  }

  @Test
  void onePartitionRoundAfterRoundIsTheSequentialLearner() {
    SyntheticData binary = new SyntheticData(300, 8, 2, 3000, 1.0, 3);
    SyntheticData multi = new SyntheticData(200, 6, 3, 2000, 1.0, 4);
    List<Settings> all = Arrays.asList(
        adaptive(LearningRateSchedule.PER_COORDINATE),
        adaptive(LearningRateSchedule.GLOBAL),
        settings(b -> { }),
        Settings.builder(LearningRateSchedule.GLOBAL).alpha(0.5).seed(5).build(),
        settings(b -> b.storage(CoefficientStorage.FLOAT64).counterType(CounterType.EXACT)),
        settings(b -> b.storage(CoefficientStorage.FLOAT32)),
        settings(b -> b.fractionBits(9).counterBits(6).morrisBase(1.3)),
        settings(b -> b.hashingBits(6)),
        settings(b -> b.sparseMap(true)),
        settings(b -> b.scaling(ScalingMode.MAX_ABS)),
        settings(b -> b.scaling(ScalingMode.STANDARDIZE)));
    for (Settings s : all) {
      for (SyntheticData data : Arrays.asList(binary, multi)) {
        OnlineClassifier start = session(s, data);
        OnlineClassifier expected = sequential(start, data, 0, data.size());
        OnlineClassifier actual = mix(start, data, 0, data.size(), 1, 700, null);
        assertSameState(expected, actual);
      }
    }
  }

  @Test
  void preparedCopiesTrainAsFreshCopies() {
    SyntheticData data = new SyntheticData(3000, 12, 2, 6000, 1.0, 19);
    for (Settings s : Arrays.asList(settings(b -> { }), settings(b -> b.hashingBits(8)),
        Settings.builder(LearningRateSchedule.GLOBAL).alpha(0.5).build(), adaptive(LearningRateSchedule.PER_COORDINATE),
        adaptive(LearningRateSchedule.GLOBAL))) {
      OnlineClassifier start = session(s, data);
      OnlineClassifier fresh = mix(start, data, 0, 6000, 3, 300, null, false);
      OnlineClassifier reused = mix(start, data, 0, 6000, 3, 300, null, true);
      assertSameState(fresh, reused);
    }
    // in place: the update applied to the base's own model
    OnlineClassifier base = session(settings(b -> { }), data);
    List<SessionDelta> updates = new ArrayList<>();
    OnlineClassifier after = mix(base, data, 0, 600, 2, 300, updates);
    OnlineClassifier model = base.copy();
    for (SessionDelta u : updates) {
      model = u.applyInPlace(model);
    }
    assertSameState(after, model);
    // a row with an attribute not declared to prepare is refused
    PartitionCopy copy = new PartitionCopy(base, 0);
    copy.prepare(after, 0, new int[] {data.ids[0][0]}, 1);
    assertThrows(IllegalStateException.class, () -> copy.train(row(data, 1)));
    OnlineClassifier other = session(settings(b -> b.fractionBits(9)), data);
    assertThrows(IllegalArgumentException.class, () -> copy.prepare(other, 0, new int[0], 0));
  }

  @Test
  void updateCountsAreKeptPerFeatureThroughGrowthAndClearing() {
    PartitionCopy.Counts counts = new PartitionCopy.Counts();
    java.util.Map<Integer, Integer> expected = new java.util.HashMap<>();
    SplitMix64 random = new SplitMix64(11);
    // ids trained without declaration (a fresh copy): added as they come, the table growing from 64 slots
    for (int i = 0; i < 200_000; i++) {
      int id = (int) (random.nextLong() >>> 33) % 50_000 * 97;
      int before = counts.increment(id, true);
      assertEquals(expected.getOrDefault(id, 0).intValue(), before);
      expected.merge(id, 1, Integer::sum);
    }
    for (java.util.Map.Entry<Integer, Integer> e : expected.entrySet()) {
      assertEquals(e.getValue().intValue(), counts.get(e.getKey()));
    }
    assertEquals(0, counts.get(-5));
    // declared ids only (a prepared copy): counts start at 0, an undeclared id is refused and not added
    counts.clear(3);
    counts.declare(7);
    counts.declare(Integer.MAX_VALUE - 1);
    counts.declare(7);
    assertEquals(0, counts.get(97));
    assertEquals(-1, counts.increment(97, false));
    assertEquals(0, counts.get(97));
    assertEquals(0, counts.increment(7, false));
    assertEquals(1, counts.increment(7, false));
    assertEquals(0, counts.increment(Integer.MAX_VALUE - 1, false));
    assertEquals(2, counts.get(7));
  }

  @Test
  void aRetriedCopyGivesTheSameBytes() {
    SyntheticData data = new SyntheticData(500, 10, 2, 2000, 1.0, 5);
    OnlineClassifier base = sequential(session(settings(b -> { }), data), data, 0, 1000);
    for (int p = 0; p < 3; p++) {
      byte[] first = null;
      for (int attempt = 0; attempt < 2; attempt++) {
        PartitionCopy copy = new PartitionCopy(base, p);
        for (int t = 1000 + p; t < 2000; t += 3) {
          copy.predict(row(data, t));
          copy.train(row(data, t));
        }
        byte[] bytes = copy.delta(0).toBytes();
        if (first == null) {
          first = bytes;
        } else {
          assertArrayEquals(first, bytes, "partition " + p);
        }
      }
    }
    // the partitions draw from different streams
    PartitionCopy a = new PartitionCopy(base, 1);
    PartitionCopy b = new PartitionCopy(base, 2);
    assertNotEquals(a.session().model().random().state(), b.session().model().random().state());
    assertEquals(base.model().random().state(), new PartitionCopy(base, 0).session().model().random().state());
  }

  @Test
  void mixingIsDeterministicAndLearns() {
    SyntheticData data = new SyntheticData(400, 10, 2, 8000, 1.0, 6);
    OnlineClassifier start = session(settings(b -> { }), data);
    OnlineClassifier one = mix(start, data, 0, 8000, 4, 250, null);
    OnlineClassifier two = mix(start, data, 0, 8000, 4, 250, null);
    assertSameState(one, two);
    assertEquals(8000, one.model().examplesSeen());
    OnlineClassifier single = sequential(start, data, 0, 8000);
    double distanceMixed = data.distanceToTruth(one.model());
    double distanceSingle = data.distanceToTruth(single.model());
    assertTrue(distanceMixed < 1.3 * distanceSingle, distanceMixed + " vs " + distanceSingle);
  }

  @Tag("slow")
  @Test
  void theExtrapolationStaysStableOnDenseData() {
    // every copy touches every coordinate in every round: the extrapolation is at its largest
    for (int partitions : new int[] {2, 8}) {
      for (int roundSize : new int[] {50, 1000}) {
        SyntheticData data = new SyntheticData(20, 20, 2, 16_000, 1.0, 22);
        OnlineClassifier start = session(settings(b -> b.scaling(ScalingMode.STANDARDIZE)), data);
        double mixed = data.distanceToTruth(mix(start, data, 0, 16_000, partitions, roundSize, null).model());
        double single = data.distanceToTruth(sequential(start, data, 0, 16_000).model());
        assertTrue(mixed < 1.5 * single, partitions + " partitions, " + roundSize + " rows per round: " + mixed
            + " against " + single);
      }
    }
  }

  @Test
  void deltasListOnlyChangedCoordinatesAndReadBack() {
    SyntheticData data = new SyntheticData(100_000, 20, 2, 3000, 0.5, 7);
    OnlineClassifier base = sequential(session(settings(b -> { }), data), data, 0, 1000);
    PartitionCopy copy = new PartitionCopy(base, 1);
    for (int t = 1000; t < 2000; t++) {
      copy.predict(row(data, t));
      copy.train(row(data, t));
    }
    SessionDelta d = copy.delta(0);
    // the full comparison finds no change outside the trained features' coordinates
    SessionDelta all = SessionDelta.between(base, copy.session(), null, 0);
    java.util.Set<Integer> listed = new java.util.HashSet<>();
    for (int c : d.coordinates()) {
      listed.add(c);
    }
    for (int c : all.coordinates()) {
      assertTrue(listed.contains(c), "changed coordinate " + c + " listed");
    }
    long updates = 0;
    for (long u : d.updates()) {
      updates += u;
    }
    assertEquals(1000 * 20 + 1000, updates, "one update per feature and example, and the bias's");
    assertTrue(d.touchedCoordinates() > 10_000 && d.touchedCoordinates() <= 20_001, "" + d.touchedCoordinates());
    SessionDelta back = SessionDelta.fromBytes(d.toBytes());
    assertArrayEquals(d.coordinates(), back.coordinates());
    assertArrayEquals(d.values(), back.values());
    assertArrayEquals(d.counterSteps(), back.counterSteps());
    assertSameState(copy.session(), back.applyTo(base));
    // a fraction of the 4 bytes a float32 would take per changed coordinate, positions included
    double perCoordinate = (double) d.sizeInBytes() / d.touchedCoordinates();
    assertTrue(perCoordinate < 3.0, "bytes per changed coordinate " + perCoordinate);
    // a coarser grid costs fewer bits
    assertTrue(copy.delta(9).sizeInBytes() < d.sizeInBytes());
    // wrong base, truncated or foreign bytes: clear errors
    assertThrows(IllegalArgumentException.class, () -> back.applyTo(copy.session()));
    byte[] bytes = d.toBytes();
    assertThrows(IllegalArgumentException.class, () -> SessionDelta.fromBytes(Arrays.copyOf(bytes, bytes.length / 2)));
    assertThrows(IllegalArgumentException.class, () -> SessionDelta.fromBytes(new byte[] {1, 2, 3, 4, 5}));
  }

  @Test
  void damagedBytesAreRefusedWithAClearError() {
    SyntheticData data = new SyntheticData(2000, 10, 2, 600, 1.0, 20);
    OnlineClassifier base = sequential(session(settings(b -> b.scaling(ScalingMode.STANDARDIZE)), data), data, 0, 300);
    PartitionCopy copy = new PartitionCopy(base, 1);
    for (int t = 300; t < 600; t++) {
      copy.train(row(data, t));
    }
    byte[] good = copy.delta(0).toBytes();
    SplitMix64 r = new SplitMix64(21);
    for (int trial = 0; trial < 2000; trial++) {
      byte[] bad = Arrays.copyOf(good, trial % 3 == 0 ? r.nextInt(good.length) : good.length);
      for (int flips = 1 + r.nextInt(4); flips > 0 && bad.length > 0; flips--) {
        bad[r.nextInt(bad.length)] ^= (byte) (1 << r.nextInt(8));
      }
      try {
        SessionDelta.fromBytes(bad);
      } catch (IllegalArgumentException expected) {
        assertTrue(expected.getMessage().contains("session delta"),
            expected.getMessage());
      }
    }
  }

  @Test
  void theMergedCountsAndStatisticsAreTheTotals() {
    SyntheticData data = new SyntheticData(50, 50, 2, 4000, 0.5, 8);
    // dense rows with standardized values: the scaling statistics are merged
    OnlineClassifier start = session(settings(b -> b.scaling(ScalingMode.STANDARDIZE)), data);
    OnlineClassifier mixed = mix(start, data, 0, 4000, 3, 400, null);
    OnlineClassifier single = sequential(start, data, 0, 4000);
    assertEquals(4000, mixed.model().examplesSeen());
    double[][] a = mixed.encoder().scalingStatistics();
    double[][] b = single.encoder().scalingStatistics();
    for (int r = 0; r < 2; r++) {
      for (int i = 0; i < a[r].length; i++) {
        assertEquals(b[r][i], a[r][i], 1e-9 * Math.abs(b[r][i]) + 1e-9);
      }
    }
    assertArrayEquals(single.encoder().trainingCounts(), mixed.encoder().trainingCounts());
    // the global rate's t is the total too
    OnlineClassifier global = mix(session(Settings.builder(LearningRateSchedule.GLOBAL).alpha(0.5).build(), data), data, 0,
        4000, 4, 300, null);
    assertEquals(4000, global.model().examplesSeen());
  }

  @Test
  void theAdaptiveRatesStatisticsMergeToTheirSums() {
    SyntheticData data = new SyntheticData(400, 10, 3, 6000, 1.0, 23);
    for (LearningRateSchedule schedule : LearningRateSchedule.values()) {
      OnlineClassifier base = sequential(session(adaptive(schedule), data), data, 0, 1000);
      double baseSquares = base.model().squaredGradients();
      double baseCount = base.model().gradients();
      assertTrue(baseSquares > 0 && baseCount > 0, schedule + ": the default keeps statistics");
      for (int k : new int[] {2, 3, 5}) {
        List<SessionDelta> deltas = new ArrayList<>();
        double squares = baseSquares;
        double count = baseCount;
        for (int p = 0; p < k; p++) {
          PartitionCopy copy = new PartitionCopy(base, p);
          for (int t = 1000 + p; t < 4000; t += k) {
            copy.predict(row(data, t));
            copy.train(row(data, t));
          }
          LogisticRegression m = copy.session().model();
          assertTrue(m.squaredGradients() > baseSquares, "partition " + p + " adds its own gradients");
          squares += m.squaredGradients() - baseSquares;
          count += m.gradients() - baseCount;
          deltas.add(SessionDelta.fromBytes(copy.delta(0).toBytes()));
        }
        LogisticRegression merged = ParameterMixing.merge(base, deltas).session().model();
        String what = schedule + ", " + k + " partitions";
        // base + the partitions' changes in partition order, bit for bit; the factor follows from the sums
        assertEquals(Double.doubleToRawLongBits(squares), Double.doubleToRawLongBits(merged.squaredGradients()), what);
        assertEquals(Double.doubleToRawLongBits(count), Double.doubleToRawLongBits(merged.gradients()), what);
        assertEquals(Math.sqrt(count / squares), merged.rateFactor(), 0, what);
        // the coordinate gradients are counted whole: every row's features, the bias, each stepped output
        assertEquals(Math.rint(count), count, what);
        // the same deltas again (a retried round starts from the same base): the same statistics, not twice
        LogisticRegression again = ParameterMixing.merge(base, deltas).session().model();
        assertEquals(merged.squaredGradients(), again.squaredGradients(), 0, what);
        assertEquals(merged.gradients(), again.gradients(), 0, what);
        // a partition's delta rebuilds its copy's statistics exactly
        PartitionCopy one = new PartitionCopy(base, 0);
        one.train(row(data, 1000));
        assertSameState(one.session(), SessionDelta.fromBytes(one.delta(0).toBytes()).applyTo(base));
      }
      // round after round with 3 partitions: every row's coordinate gradients counted once, as sequentially
      // (up to outputs whose error is exactly 0 in one and not the other; the squares differ more: the copies
      // predict with a model a round behind)
      OnlineClassifier mixed = mix(session(adaptive(schedule), data), data, 0, 6000, 3, 250, null);
      OnlineClassifier single = sequential(session(adaptive(schedule), data), data, 0, 6000);
      assertEquals(single.model().gradients(), mixed.model().gradients(), 0.001 * single.model().gradients(),
          schedule + ": number of gradients");
    }
  }

  @Test
  void theRateStatisticsTravelInTheDeltaAndAreChecked() {
    SyntheticData data = new SyntheticData(300, 8, 2, 600, 1.0, 24);
    OnlineClassifier base = sequential(session(adaptive(LearningRateSchedule.PER_COORDINATE), data), data, 0, 300);
    PartitionCopy copy = new PartitionCopy(base, 0);
    for (int t = 300; t < 600; t++) {
      copy.train(row(data, t));
    }
    SessionDelta d = copy.delta(0);
    byte[] bytes = d.toBytes();
    // two doubles, counted in the exchanged size; left out when both are 0 (a fixed alpha)
    OnlineClassifier fixedBase = sequential(session(settings(b -> { }), data), data, 0, 300);
    PartitionCopy fixedCopy = new PartitionCopy(fixedBase, 0);
    for (int t = 300; t < 600; t++) {
      fixedCopy.train(row(data, t));
    }
    assertEquals(0, fixedCopy.session().model().squaredGradients(), 0);
    assertEquals(bytes.length, d.sizeInBytes());
    assertTrue((bytes[5] & 8) != 0, "flag: statistics present");
    assertEquals(0, fixedCopy.delta(0).toBytes()[5] & 8, "flag: no statistics with a fixed alpha");
    SessionDelta back = SessionDelta.fromBytes(bytes);
    assertEquals(d.squaredGradients(), back.squaredGradients(), 0);
    assertEquals(d.gradients(), back.gradients(), 0);
    // the statistics sit after magic, version, flags, grid, base state, size, 3 varints and the state
    int at = -1;
    long sq = Double.doubleToRawLongBits(d.squaredGradients());
    for (int i = 0; i + 8 <= bytes.length && at < 0; i++) {
      long v = 0;
      for (int j = 0; j < 8; j++) {
        v = (v << 8) | (bytes[i + j] & 0xFF);
      }
      at = v == sq ? i : -1;
    }
    assertTrue(at > 0);
    for (double bad : new double[] {-1, Double.NaN, Double.POSITIVE_INFINITY}) {
      byte[] damaged = bytes.clone();
      long v = Double.doubleToRawLongBits(bad);
      for (int j = 0; j < 8; j++) {
        damaged[at + j] = (byte) (v >>> (56 - 8 * j));
      }
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SessionDelta.fromBytes(damaged));
      assertTrue(e.getMessage().contains("rate statistics"), e.getMessage());
    }
    // the format is versioned: an earlier version (without the statistics) is refused by name
    byte[] old = bytes.clone();
    old[4] = 1;
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SessionDelta.fromBytes(old));
    assertTrue(e.getMessage().contains("version 1"), e.getMessage());
  }

  @Test
  void emptyPartitionsAndEmptyRoundsChangeNothing() {
    SyntheticData data = new SyntheticData(100, 5, 2, 100, 1.0, 9);
    OnlineClassifier base = sequential(session(settings(b -> { }), data), data, 0, 50);
    List<SessionDelta> empty = Arrays.asList(new PartitionCopy(base, 0).delta(0), new PartitionCopy(base, 1).delta(0));
    ParameterMixing.Merged m = ParameterMixing.merge(base, empty);
    assertEquals(0, m.contributors());
    assertSameState(base, m.session());
    assertEquals(0, m.update().touchedCoordinates());
    assertSameState(base, ParameterMixing.merge(base, Collections.emptyList()).session());
    // partition 1 alone: the merged model is that copy
    PartitionCopy only = new PartitionCopy(base, 1);
    for (int t = 50; t < 100; t++) {
      only.train(row(data, t));
    }
    ParameterMixing.Merged one = ParameterMixing.merge(base,
        Arrays.asList(new PartitionCopy(base, 0).delta(0), only.delta(0), new PartitionCopy(base, 2).delta(0)));
    assertEquals(1, one.contributors());
    assertSameState(only.session(), one.session());
  }

  // ----------------------------------------------------------------------------------------------
  // the merge rule, coordinate by coordinate

  /** A base with one coordinate set, and copies with that coordinate changed to (code, counter) each. */
  private static ParameterMixing.Merged mergeOne(Settings s, long baseCode, long baseCounter, long[][] copies,
      long baseState) {
    return mergeOne(s, ParameterMixing.Rule.AVERAGE, baseCode, baseCounter, copies, baseState);
  }

  private static ParameterMixing.Merged mergeOne(Settings s, ParameterMixing.Rule rule, long baseCode,
      long baseCounter, long[][] copies, long baseState) {
    OnlineClassifier base = new OnlineClassifier(s, MixingFixtures.header(4, 2));
    int c = 2;
    base.model().table().setFields(c, baseCode & SessionDelta.fieldMask(fieldBits(s)),
        baseCounter);
    base.model().random().setState(baseState);
    List<SessionDelta> deltas = new ArrayList<>();
    for (long[] copy : copies) {
      OnlineClassifier trained = base.copy();
      CoordinateTable t = trained.model().table();
      t.setFields(c, copy[0] & SessionDelta.fieldMask(fieldBits(s)), copy[1]);
      // {code, counter} or {code, counter, grid bits} or {code, counter, grid bits, updates in the round}
      long[] updates = copy.length > 3 ? new long[] {copy[3]} : null;
      deltas.add(SessionDelta.between(base, trained, new int[] {c}, updates, copy.length > 2 ? (int) copy[2] : 0));
    }
    return ParameterMixing.merge(base, deltas, rule);
  }

  private static int fieldBits(Settings s) {
    LearnerConfig c = new OnlineClassifier(s, MixingFixtures.header(4, 2)).config();
    return WeightCodec.of(c.storage(), c.format()).bits();
  }

  private static long code(ParameterMixing.Merged m) {
    CoordinateTable t = m.session().model().table();
    int bits = fieldBits(m.session().settings());
    return (t.codeField(2) << (64 - bits)) >> (64 - bits);
  }

  @Test
  void theAverageIsWeightedByUpdateCountsAndRoundedWithoutBias() {
    Settings exact = settings(b -> b.counterType(CounterType.EXACT));
    // copy 1: +1 code in 1 update, copy 2: +2 codes in 2 updates: weighted mean +5/3 codes
    int trials = 20_000;
    double sum = 0;
    SplitMix64 seeds = new SplitMix64(12);
    for (int i = 0; i < trials; i++) {
      ParameterMixing.Merged m = mergeOne(exact, 10, 4, new long[][] {{11, 5}, {12, 6}}, seeds.nextLong());
      long k = code(m);
      assertTrue(k == 11 || k == 12, "between the grid points around the mean: " + k);
      assertEquals(7, m.session().model().table().counterField(2), "exact counters add their steps");
      sum += k;
    }
    double mean = sum / trials;
    double expected = 10 + 5.0 / 3;
    double standardError = Math.sqrt((2.0 / 3) * (1.0 / 3) / trials);
    assertEquals(expected, mean, 4 * standardError, "mean of the merged code");
    // a value on the grid stays there, whatever the draws
    assertEquals(13, code(mergeOne(exact, 10, 4, new long[][] {{13, 5}, {13, 7}}, 1)));
    // a copy that did not touch the coordinate does not dilute another's step
    assertEquals(-30, code(mergeOne(exact, 10, 4, new long[][] {{-30, 5}, {10, 4}}, 2)));
  }

  @Tag("slow")
  @Test
  void mergedMorrisCountersTakeTheCopiesCountedUpdates() {
    Settings morris = settings(b -> { });
    MorrisCounter counter = new MorrisCounter(8, 1.1);
    // a frequent coordinate (state 100: estimate about 3.6e5); 4 copies updated it 900, 1100, 1000, 1000 times,
    // and, as is likely at that state, no copy's counter moved
    int base = 100;
    long[][] copies = {{0, base, 0, 900}, {0, base, 0, 1100}, {0, base, 0, 1000}, {0, base, 0, 1000}};
    int trials = 20_000;
    SplitMix64 seeds = new SplitMix64(18);
    double sum = 0;
    for (int i = 0; i < trials; i++) {
      ParameterMixing.Merged m = mergeOne(morris, 0, base, copies, seeds.nextLong());
      int state = (int) m.session().model().table().counterField(2);
      assertTrue(state == base || state == base + 1, "" + state);
      sum += counter.estimate(state) - counter.estimate(base);
    }
    double gap = counter.estimate(base + 1) - counter.estimate(base);
    double p = 4000 / gap;
    assertEquals(4000, sum / trials, 4 * gap * Math.sqrt(p * (1 - p) / trials), "the merged estimate's mean");
  }

  @Tag("slow")
  @Test
  void mergedMorrisCountersEstimateTheTotalNumberOfUpdates() {
    Settings morris = settings(b -> { });
    MorrisCounter counter = new MorrisCounter(8, 1.1);
    int base = 30;
    int copies = 4;
    int updatesPerCopy = 40;
    int trials = 20_000;
    SplitMix64 r = new SplitMix64(13);
    double sum = 0;
    double sumSquares = 0;
    for (int i = 0; i < trials; i++) {
      long[][] states = new long[copies][];
      for (int k = 0; k < copies; k++) {
        int s = base;
        for (int u = 0; u < updatesPerCopy; u++) {
          s = counter.increment(s, r.nextLong());
        }
        states[k] = new long[] {0, s};
      }
      ParameterMixing.Merged m = mergeOne(morris, 0, base, states, r.nextLong());
      double estimate = counter.estimate((int) m.session().model().table().counterField(2)) - counter.estimate(base);
      sum += estimate;
      sumSquares += estimate * estimate;
    }
    double mean = sum / trials;
    double sd = Math.sqrt(sumSquares / trials - mean * mean);
    double expected = copies * updatesPerCopy;
    assertEquals(expected, mean, 4 * sd / Math.sqrt(trials), "mean merged count estimate (sd " + sd + ")");
    // the state a copy would reach alone after 160 updates is far above what any one copy reaches
    assertTrue(mean > 3 * updatesPerCopy);
  }

  @Tag("slow")
  @Test
  void morrisWeightsComeFromTheEstimates() {
    Settings morris = settings(b -> { });
    MorrisCounter counter = new MorrisCounter(8, 1.1);
    // copy 1: +8 codes, state 10 -> 14; copy 2: -4 codes, state 10 -> 11
    double u1 = counter.estimate(14) - counter.estimate(10);
    double u2 = counter.estimate(11) - counter.estimate(10);
    double expected = (u1 * 8 - u2 * 4) / (u1 + u2);
    int trials = 20_000;
    double sum = 0;
    SplitMix64 seeds = new SplitMix64(14);
    for (int i = 0; i < trials; i++) {
      sum += code(mergeOne(morris, 0, 10, new long[][] {{8, 14}, {-4, 11}}, seeds.nextLong()));
    }
    double frac = expected - Math.floor(expected);
    assertEquals(expected, sum / trials, 4 * Math.sqrt(frac * (1 - frac) / trials));
    // no counter moved: the changes are averaged with equal weights
    Settings global = Settings.builder(LearningRateSchedule.GLOBAL).alpha(0.5).build();
    assertEquals(3, code(mergeOne(global, 0, 0, new long[][] {{2, 0}, {4, 0}}, 3)));
  }

  @Tag("slow")
  @Test
  void theExtrapolatedRuleTakesTheAverageToTheTotalCount() {
    Settings exact = settings(b -> b.counterType(CounterType.EXACT));
    double alpha = exact.config(2, 4).rateScale();
    // 4 copies, 10 updates each after 10000: small steps, the merged step is nearly their sum
    long[][] copies = {{20, 10_010}, {20, 10_010}, {20, 10_010}, {20, 10_010}};
    double mass = 2 * alpha * (Math.sqrt(10_010.5) - Math.sqrt(10_000.5));
    double total = 2 * alpha * (Math.sqrt(10_040.5) - Math.sqrt(10_000.5));
    double h = ParameterMixing.CURVATURE;
    double factor = Math.expm1(-h * total) / Math.expm1(-h * mass);
    assertTrue(factor > 3.8 && factor < 4, "" + factor);
    int trials = 20_000;
    double sum = 0;
    SplitMix64 seeds = new SplitMix64(17);
    for (int i = 0; i < trials; i++) {
      ParameterMixing.Merged m = mergeOne(exact, ParameterMixing.Rule.EXTRAPOLATED, 0, 10_000, copies,
          seeds.nextLong());
      sum += code(m);
      assertEquals(10_040, m.session().model().table().counterField(2));
    }
    double expected = 20 * factor;
    double frac = expected - Math.floor(expected);
    assertEquals(expected, sum / trials, 4 * Math.sqrt(frac * (1 - frac) / trials));
    // large steps from a fresh coordinate (100 updates each): far from the sum, near the plain average
    long[][] fresh = {{800, 100}, {800, 100}, {800, 100}, {800, 100}};
    long k = code(mergeOne(exact, ParameterMixing.Rule.EXTRAPOLATED, 0, 0, fresh, 1));
    double freshFactor = Math.expm1(-h * 2 * alpha * (Math.sqrt(400.5) - Math.sqrt(0.5)))
        / Math.expm1(-h * 2 * alpha * (Math.sqrt(100.5) - Math.sqrt(0.5)));
    assertTrue(freshFactor < 1.25, "" + freshFactor);
    assertEquals(800 * freshFactor, k, 1.0);
    // one copy: its own step
    assertEquals(-30, code(mergeOne(exact, ParameterMixing.Rule.EXTRAPOLATED, 10, 4, new long[][] {{-30, 5}, {10, 4}},
        2)));
  }

  @Test
  void aCoarserExchangeGridRoundsWithoutBias() {
    Settings exact = settings(b -> b.counterType(CounterType.EXACT));
    // one copy moves the code by +7 at 13 fraction bits, sent on a grid 8 times coarser: 0 or 8, mean 7
    int trials = 20_000;
    double sum = 0;
    SplitMix64 seeds = new SplitMix64(15);
    for (int i = 0; i < trials; i++) {
      // two copies, so the general (rounding) merge runs; the second one does not touch the coordinate
      ParameterMixing.Merged m = mergeOne(exact, 0, 0, new long[][] {{7, 1, 10}, {0, 0, 10}}, seeds.nextLong());
      long k = code(m);
      assertTrue(k == 0 || k == 8, "" + k);
      sum += k;
    }
    assertEquals(7, sum / trials, 4 * Math.sqrt(7.0 / 8 * (1.0 / 8) * 64 / trials));
  }

  @Test
  void aDeltaAgainstAnotherStateIsRefused() {
    SyntheticData data = new SyntheticData(100, 5, 2, 200, 1.0, 16);
    OnlineClassifier base = sequential(session(settings(b -> { }), data), data, 0, 100);
    PartitionCopy copy = new PartitionCopy(base, 0);
    copy.train(row(data, 150));
    SessionDelta d = copy.delta(0);
    OnlineClassifier later = sequential(base, data, 100, 101);
    assertThrows(IllegalArgumentException.class, () -> ParameterMixing.merge(later, Arrays.asList(d)));
  }
}
