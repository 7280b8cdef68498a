package lessram;

import static lessram.MixingFixtures.assertSameState;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import lessram.compressed.PositionLayout;
import org.junit.jupiter.api.Test;

/**
 * The session ({@link OnlineClassifier}) where the hosts' tests, left out of the engine's, were its only check:
 * predict-then-train reuse on instances made to fool it, wide rows and unusual headers on the row path, the
 * scores, the compressed predictor's names, and the configurations that sessions must share to be merged.
 */
class SessionKnownAnswerTest {

  /** A header of {@code numeric} numeric attributes and one nominal attribute of {@code nominal} values (0: none). */
  static HeaderView header(int numeric, int nominal, int classIndex, int classes, String relation) {
    int n = numeric + (nominal > 0 ? 1 : 0) + 1;
    return new HeaderView() {
      @Override public int numAttributes() {
        return n;
      }

      @Override public int classIndex() {
        return classIndex;
      }

      @Override public int arity(int a) {
        if (a == classIndex) {
          return classes;
        }
        // the nominal attribute is the last non-class one
        int last = classIndex == n - 1 ? n - 2 : n - 1;
        return nominal > 0 && a == last ? nominal : InstanceEncoder.NUMERIC;
      }

      @Override public String attributeName(int a) {
        return a == classIndex ? "class" : "a" + a;
      }

      @Override public String label(int a, int v) {
        return "v" + v;
      }

      @Override public String relationName() {
        return relation;
      }
    };
  }

  static InstanceView instance(int[] indices, double[] values, double classValue) {
    return OnlineClassifierTest.instance(indices, values, 1.0, classValue);
  }

  /** A dense instance of all {@code values} (one per attribute, the class value at {@code classIndex}). */
  static InstanceView dense(double[] values, int classIndex) {
    int[] indices = new int[values.length];
    for (int i = 0; i < indices.length; i++) {
      indices[i] = i;
    }
    return instance(indices, values, values[classIndex]);
  }

  private static Settings standardized() {
    return Settings.builder(LearningRateSchedule.PER_COORDINATE).scaling(ScalingMode.STANDARDIZE).seed(4).build();
  }

  /**
   * Two sessions on one header: one predicts each instance then trains it, the other only trains. After
   * {@code rows} rows of {@code make} both must be in the same state and predict the same.
   */
  private static void predictThenTrainEqualsTrain(HeaderView h, Settings s, int rows,
      java.util.function.BiFunction<SplitMix64, Integer, InstanceView> make) {
    OnlineClassifier both = new OnlineClassifier(s, h);
    OnlineClassifier trainOnly = new OnlineClassifier(s, h);
    SplitMix64 r = new SplitMix64(77);
    for (int i = 0; i < rows; i++) {
      InstanceView x = make.apply(r, i);
      double[] p = both.predict(x);
      assertEquals(1.0, Arrays.stream(p).sum(), 1e-9);
      assertEquals(OnlineClassifier.Outcome.TRAINED, both.train(x), "row " + i);
      trainOnly.train(x);
      if (i % 250 == 249 || i == rows - 1) {
        assertSameState(trainOnly, both);
        assertArrayEquals(trainOnly.copy().predict(x), both.copy().predict(x), "row " + i);
      }
    }
  }

  @Test
  void rowsOfMoreThanSixteenFeaturesTakeTheRowPathAsTheGeneralOne() {
    // binary, 20 numeric features, the class last, standardized, the adaptive rate: the row path once the
    // standardization is cached
    int f = 20;
    HeaderView h = header(f, 0, f, 2, "wide");
    predictThenTrainEqualsTrain(h, standardized(), 1500, (r, i) -> {
      double[] v = new double[f + 1];
      double sum = 0;
      for (int a = 0; a < f; a++) {
        v[a] = r.nextDouble() * (a + 1) - a / 2.0;
        sum += (a % 2 == 0 ? 1 : -1) * v[a] / (a + 1);
      }
      v[f] = sum > 0 ? 1 : 0;
      return dense(v, f);
    });
  }

  @Test
  void aNumericHeaderWithTheClassFirstReadsNoClassAsAFeature() {
    HeaderView h = header(4, 0, 0, 2, "class first");
    predictThenTrainEqualsTrain(h, standardized(), 1300, (r, i) -> {
      double[] v = {0, r.nextDouble(), 3 * r.nextDouble(), r.nextDouble() - 2, r.nextDouble()};
      v[0] = v[1] + v[4] > 1 ? 1 : 0;
      return dense(v, 0);
    });
  }

  @Test
  void aHeaderWithANominalAttributeKeepsTheGeneralPath() {
    HeaderView h = header(3, 3, 4, 2, "nominal");
    predictThenTrainEqualsTrain(h, standardized(), 1300, (r, i) -> {
      double[] v = {r.nextDouble(), r.nextDouble() * 2, r.nextDouble() - 1, r.nextInt(3), 0};
      v[4] = v[0] + (v[3] == 2 ? 1 : 0) > 1 ? 1 : 0;
      return dense(v, 4);
    });
  }

  /** A session of {@code classes} on 3 numeric attributes and the class, trained on {@code rows} rows. */
  private static OnlineClassifier trained(int classes, int rows) {
    OnlineClassifier s = new OnlineClassifier(standardized(), header(3, 0, 3, classes, "r"));
    SplitMix64 r = new SplitMix64(5);
    for (int i = 0; i < rows; i++) {
      double a = r.nextDouble();
      double b = r.nextDouble();
      s.train(dense(new double[] {a, b, r.nextDouble(), (int) ((a + b) / 2 * classes)}, 3));
    }
    return s;
  }

  /** {@code first} predicted, then {@code second} trained, must leave the state training {@code second} alone does. */
  private static void assertNotReused(OnlineClassifier start, InstanceView first, InstanceView second) {
    OnlineClassifier a = start.copy();
    OnlineClassifier b = start.copy();
    a.predict(first);
    a.train(second);
    b.train(second);
    assertSameState(b, a);
  }

  @Test
  void aPredictionIsNotReusedForAnInstanceThatDiffersEverywhere() {
    for (int classes : new int[] {2, 3}) {
      // binary: the row path (standardization cached after 1024 rows); 3 classes: the encoded path
      OnlineClassifier s = trained(classes, 1100);
      InstanceView x = dense(new double[] {0.25, 0.5, 0.75, 1}, 3);
      // the same indices, every value different (the class too)
      assertNotReused(s, x, dense(new double[] {0.5, 0.125, 0.375, 0}, 3));
      // fewer entries (a feature left out in sparse form), the rest equal
      assertNotReused(s, x, instance(new int[] {0, 1, 3}, new double[] {0.25, 0.5, 1}, 1));
      // the same instance trained twice after one prediction: the second time not from the stale prediction
      OnlineClassifier twice = s.copy();
      OnlineClassifier alone = s.copy();
      twice.predict(x);
      twice.train(x);
      twice.train(x);
      alone.train(x);
      alone.train(x);
      assertSameState(alone, twice);
    }
  }

  @Test
  void withTheClassFirstAnInstanceExtendingThePredictedOneIsNotReused() {
    OnlineClassifier s = new OnlineClassifier(standardized(), header(3, 0, 0, 3, "class first"));
    SplitMix64 r = new SplitMix64(8);
    for (int i = 0; i < 200; i++) {
      s.train(instance(new int[] {0, 1, 2, 3}, new double[] {i % 3, r.nextDouble(), r.nextDouble(), r.nextDouble()},
          i % 3));
    }
    assertNotReused(s, instance(new int[] {0, 1}, new double[] {2, 0.5}, 2),
        instance(new int[] {0, 1, 2}, new double[] {2, 0.5, 0.75}, 2));
  }

  @Test
  void marginsGiveThePredictedProbabilities() {
    for (int classes : new int[] {2, 3, 4}) {
      OnlineClassifier s = trained(classes, 600);
      InstanceView x = instance(new int[] {0, 2, 3}, new double[] {0.9, 0.1, 0}, 0);
      double[] margins = s.margins(x);
      assertEquals(classes == 2 ? 1 : classes, margins.length);
      double[] p = OnlineClassifier.probabilities(margins);
      double[] predicted = s.predict(x);
      assertEquals(classes, p.length);
      for (int k = 0; k < classes; k++) {
        assertEquals(Double.doubleToRawLongBits(predicted[k]), Double.doubleToRawLongBits(p[k]), classes + "/" + k);
      }
      // the scores differ by class (a trained model), so the softmax of them is not uniform
      assertTrue(Math.abs(p[0] - p[classes - 1]) > 1e-3, Arrays.toString(p));
    }
    // a fresh model scores 0 everywhere
    OnlineClassifier fresh = new OnlineClassifier(standardized(), header(3, 0, 3, 3, "r"));
    assertArrayEquals(new double[] {0, 0, 0}, fresh.margins(instance(new int[] {0, 3}, new double[] {1, 0}, 0)), 0);
  }

  @Test
  void theCompressedPredictorKeepsTheHeadersNames() {
    OnlineClassifier named = new OnlineClassifier(standardized(), header(3, 0, 3, 2, "the relation"));
    CompressedPredictor p = named.compress(8, 1, PositionLayout.COMPACT, "test");
    assertEquals("the relation", p.relationName());
    assertEquals("class", p.classAttributeName());
    assertArrayEquals(new String[] {"v0", "v1"}, p.classLabels());
    OnlineClassifier unnamed = new OnlineClassifier(standardized(), header(3, 0, 3, 2, null));
    assertEquals("", unnamed.compress(8, 1, PositionLayout.COMPACT, "test").relationName());
  }

  @Test
  void theSessionsSizeIsItsModelsAndMappings() {
    OnlineClassifier s = trained(3, 50);
    assertEquals(s.model().sizeInBytes() + s.encoder().sizeInBytes(), s.sizeInBytes());
    assertTrue(s.encoder().sizeInBytes() > 0 && s.model().sizeInBytes() > 0);
  }

  @Test
  void aClassIndexEqualToTheAttributeCountIsRefused() {
    HeaderView h = header(3, 0, 3, 2, "r");
    HeaderView bad = new HeaderView() {
      @Override public int numAttributes() {
        return 3;
      }

      @Override public int classIndex() {
        return 3;
      }

      @Override public int arity(int a) {
        return h.arity(a);
      }

      @Override public String attributeName(int a) {
        return h.attributeName(a);
      }

      @Override public String label(int a, int v) {
        return h.label(a, v);
      }

      @Override public String relationName() {
        return "r";
      }
    };
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new OnlineClassifier(standardized(), bad));
    assertTrue(e.getMessage().contains("no class attribute"), e.getMessage());
  }

  // ----------------------------------------------------------------------------------------------
  // configurations

  @Test
  void sessionsThatDifferInOneSettingAreNotMerged() {
    HeaderView h = MixingFixtures.header(5, 2);
    Settings base = Settings.builder(LearningRateSchedule.PER_COORDINATE).alpha(0.2).seed(1).build();
    OnlineClassifier a = new OnlineClassifier(base, h);
    List<Consumer<Settings.Builder>> changes = Arrays.asList(
        b -> b.fractionBits(9),
        b -> b.integerBits(3),
        b -> b.storage(CoefficientStorage.NEAREST),
        b -> b.counterBits(6),
        b -> b.morrisBase(1.3),
        b -> b.counterType(CounterType.EXACT),
        b -> b.alpha(0.3),
        b -> b.alpha(0),
        b -> b.seed(2));
    for (Consumer<Settings.Builder> change : changes) {
      Settings.Builder b = base.toBuilder();
      change.accept(b);
      OnlineClassifier other = new OnlineClassifier(b.build(), h);
      String what = other.config().describe();
      assertEquals(a.model().numCoordinates(), other.model().numCoordinates(), what);
      assertTrue(!what.equals(a.config().describe()), what);
      assertThrows(IllegalArgumentException.class, () -> SessionDelta.between(a, other, null, 0), what);
      PartitionCopy copy = new PartitionCopy(a, 0);
      assertThrows(IllegalArgumentException.class, () -> copy.prepare(other, 0, new int[0], 0), what);
    }
    // exact counters of two widths, and the global rate against per-coordinate rates
    OnlineClassifier exact4 = new OnlineClassifier(base.toBuilder().counterType(CounterType.EXACT).counterBits(4)
        .build(), h);
    OnlineClassifier exact6 = new OnlineClassifier(base.toBuilder().counterType(CounterType.EXACT).counterBits(6)
        .build(), h);
    assertThrows(IllegalArgumentException.class, () -> SessionDelta.between(exact4, exact6, null, 0));
    OnlineClassifier global = new OnlineClassifier(Settings.builder(LearningRateSchedule.GLOBAL).alpha(0.2).seed(1)
        .build(), h);
    assertThrows(IllegalArgumentException.class, () -> SessionDelta.between(a, global, null, 0));
    // float32 against float64 storage
    OnlineClassifier f32 = new OnlineClassifier(base.toBuilder().storage(CoefficientStorage.FLOAT32).build(), h);
    OnlineClassifier f64 = new OnlineClassifier(base.toBuilder().storage(CoefficientStorage.FLOAT64).build(), h);
    assertThrows(IllegalArgumentException.class, () -> SessionDelta.between(f32, f64, null, 0));
    // the description names what differs
    assertTrue(a.config().describe().contains("alpha=0.2"), a.config().describe());
    OnlineClassifier adaptive = new OnlineClassifier(base.toBuilder().alpha(0).build(), h);
    assertTrue(adaptive.config().describe().contains("adaptive alpha="), adaptive.config().describe());
    assertTrue(a.config().describe().contains("base 1.1"), a.config().describe());
    assertTrue(a.config().describe().startsWith("q2.13 "), a.config().describe());
  }

  @Test
  void anInvalidFormatNamesTheOptionAtFault() {
    LearnerOption.InvalidOptionException negative = assertThrows(LearnerOption.InvalidOptionException.class,
        () -> LearnerConfig.builder().featureSpace(FeatureSpace.direct(5)).fixedPoint(2, -1).build());
    assertEquals(Arrays.asList(LearnerOption.FRACTION_BITS, LearnerOption.INTEGER_BITS), negative.options());
    LearnerOption.InvalidOptionException wide = assertThrows(LearnerOption.InvalidOptionException.class,
        () -> LearnerConfig.builder().featureSpace(FeatureSpace.direct(5)).fixedPoint(20, 13).build());
    assertEquals(Arrays.asList(LearnerOption.INTEGER_BITS, LearnerOption.FRACTION_BITS), wide.options());
    // no fraction bits and too many integer bits: the integer bits are at fault
    LearnerOption.InvalidOptionException integer = assertThrows(LearnerOption.InvalidOptionException.class,
        () -> LearnerConfig.builder().featureSpace(FeatureSpace.direct(5)).fixedPoint(32, 0).build());
    assertEquals(Arrays.asList(LearnerOption.INTEGER_BITS, LearnerOption.FRACTION_BITS), integer.options());
    // the widest adaptive budget is legal
    LearnerConfig widest = LearnerConfig.builder().featureSpace(FeatureSpace.direct(5)).storage(CoefficientStorage.ADAPTIVE).coordinateBits(64).build();
    assertEquals(64, widest.bitsPerCoordinate());
  }

  @Test
  void anAttributeConstantAtTheRefreshKeepsTheGeneralPath() {
    // attribute 2 is constant for the first 1100 rows (inverse deviation 0 in the cached standardization),
    // then varies: its new values must count as the general path's exact standardization counts them
    HeaderView h = header(3, 0, 3, 2, "constant");
    predictThenTrainEqualsTrain(h, standardized(), 1500, (r, i) -> {
      double a = r.nextDouble();
      double b = r.nextDouble();
      double c = i < 1100 ? 0.5 : r.nextDouble() * 4;
      return dense(new double[] {a, b, c, a + c / 4 > 0.9 ? 1 : 0}, 3);
    });
  }

  @Test
  void anAttributeOfMeanZeroIsStandardizedNotDropped() {
    // values -1 and +1 equally often: mean exactly 0, deviation 1, so 0.5 standardizes to about 0.5
    InstanceEncoder e = new InstanceEncoder(new int[] {InstanceEncoder.NUMERIC, InstanceEncoder.NUMERIC, 2}, 2,
        ScalingMode.STANDARDIZE);
    int[] attributes = {0, 1, 2};
    for (int i = 0; i < 2000; i++) {
      e.encode(attributes, new double[] {i % 2 == 0 ? 1 : -1, 3 + (i % 4), i % 2}, 3, true);
      if (i == 9 || i == 1999) {
        // exact standardization (before the cache) and the cached one
        int n = e.encode(new int[] {0, 1, 2}, new double[] {0.5, 4, 0}, 3, false);
        int at = -1;
        for (int j = 0; j < n; j++) {
          at = e.ids()[j] == 0 ? j : at;
        }
        assertTrue(at >= 0, "row " + i + ": attribute 0 encoded");
        assertEquals(0.5, e.values()[at], 0.03, "row " + i);
      }
    }
  }

  @Test
  void aSparseSpaceOfNegativeDimensionIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> FeatureSpace.sparse(-1));
    assertThrows(IllegalArgumentException.class, () -> FeatureSpace.direct(-1));
    assertEquals(0, FeatureSpace.sparse(0).numFeatureSlots());
  }

  @Test
  void aSessionWithOnlyAClassLearnsItsBias() {
    // no feature: a bias-only model, predicted and trained on the row path once the standardization is cached
    HeaderView h = header(0, 0, 0, 2, "class only");
    predictThenTrainEqualsTrain(h, standardized(), 1200, (r, i) -> dense(new double[] {i % 4 == 0 ? 0 : 1}, 0));
  }

  @Test
  void unusableValuesOnTheCachedPathAreCountedOrSkipped() {
    // class first, numeric attributes: once the standardization is cached, an infinite value of the last
    // attribute makes the model skip and count the example
    OnlineClassifier s = new OnlineClassifier(standardized(), header(3, 0, 0, 2, "r"));
    SplitMix64 r = new SplitMix64(12);
    for (int i = 0; i < 1100; i++) {
      s.train(dense(new double[] {i % 2, r.nextDouble(), r.nextDouble(), r.nextDouble()}, 0));
    }
    OnlineClassifier.Outcome o = s.train(dense(new double[] {1, 0.5, 0.5, Double.POSITIVE_INFINITY}, 0));
    assertEquals(OnlineClassifier.Outcome.SKIPPED, o);
    assertEquals(1, s.model().examplesSkipped());
    assertEquals(1100, s.model().examplesSeen());
    // a nominal attribute's infinite value is an unseen value: counted, and the rest of the example trains
    InstanceEncoder e = new InstanceEncoder(new int[] {InstanceEncoder.NUMERIC, 3, 2}, 2, ScalingMode.STANDARDIZE);
    int[] attributes = {0, 1, 2};
    for (int i = 0; i < 1100; i++) {
      e.encode(attributes, new double[] {r.nextDouble(), i % 3, i % 2}, 3, true);
    }
    assertEquals(0, e.unseenNominalValues());
    int n = e.encode(attributes, new double[] {0.25, Double.POSITIVE_INFINITY, 1}, 3, true);
    assertEquals(1, e.unseenNominalValues());
    assertEquals(1, n, "only the numeric feature");
    e.encode(attributes, new double[] {0.25, Double.NEGATIVE_INFINITY, 1}, 3, true);
    assertEquals(2, e.unseenNominalValues());
  }

  @Test
  void adaptiveStorageOfFourBitsUnderTheGlobalRateLearns() {
    Settings s = Settings.builder(LearningRateSchedule.GLOBAL).storage(CoefficientStorage.ADAPTIVE).coordinateBits(4)
        .scaling(ScalingMode.NONE).seed(6).build();
    OnlineClassifier session = new OnlineClassifier(s, header(40, 0, 40, 2, "r"));
    SplitMix64 r = new SplitMix64(13);
    for (int i = 0; i < 3000; i++) {
      double[] v = new double[41];
      int label = i % 2;
      v[0] = label == 1 ? 1 : -1;
      for (int a = 1; a < 40; a++) {
        v[a] = r.nextDouble() < 0.2 ? 1 : 0;
      }
      v[40] = label;
      session.train(dense(v, 40));
    }
    // feature 0 carries the label: its coefficient is positive, the model predicts it
    assertTrue(session.model().coefficient(0, 0) > 0, "" + session.model().coefficient(0, 0));
    double[] v = new double[41];
    v[0] = 1;
    v[40] = 1;
    assertTrue(session.predict(dense(v, 40))[1] > 0.5);
  }

  @Test
  void aOneBitHashedModelCompressesAndReadsBack() throws java.io.IOException {
    Settings s = Settings.builder(LearningRateSchedule.PER_COORDINATE).hashingBits(1).alpha(0.2).seed(3).build();
    OnlineClassifier session = new OnlineClassifier(s, header(3, 0, 3, 2, "r"));
    SplitMix64 r = new SplitMix64(2);
    for (int i = 0; i < 300; i++) {
      double a = r.nextDouble();
      session.train(dense(new double[] {a, r.nextDouble(), r.nextDouble(), a > 0.5 ? 1 : 0}, 3));
    }
    CompressedPredictor p = session.compress(13, 1, PositionLayout.COMPACT, "test");
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    p.writeTo(bytes);
    CompressedPredictor back = CompressedPredictor.read(new java.io.ByteArrayInputStream(bytes.toByteArray()));
    InstanceView x = dense(new double[] {0.9, 0.2, 0.4, 0}, 3);
    assertArrayEquals(p.probabilities(x), back.probabilities(x), 0);
    assertEquals(session.predict(x)[1], back.probabilities(x)[1], 0.01);
  }

  @Test
  void changedClassLabelsOfAClassFirstHeaderAreReported() {
    OnlineClassifier session = new OnlineClassifier(standardized(), header(2, 0, 0, 2, "r"));
    CompressedPredictor p = session.compress(8, 1, PositionLayout.COMPACT, "test");
    HeaderView same = header(2, 0, 0, 2, "r");
    assertEquals(null, p.headerDifference(same));
    HeaderView renamed = new HeaderView() {
      @Override public int numAttributes() {
        return same.numAttributes();
      }

      @Override public int classIndex() {
        return 0;
      }

      @Override public int arity(int a) {
        return same.arity(a);
      }

      @Override public String attributeName(int a) {
        return same.attributeName(a);
      }

      @Override public String label(int a, int v) {
        return "w" + v;
      }

      @Override public String relationName() {
        return "r";
      }
    };
    String d = p.headerDifference(renamed);
    assertTrue(d != null && d.contains("class labels changed"), d);
  }

  @Test
  void theClassFirstOrLastLearnsTheSameModel() {
    // the same rows under two headers, the class first or last: the same feature ids, the same model, bit
    // for bit, on both sides of the cached standardization
    OnlineClassifier first = new OnlineClassifier(standardized(), header(4, 0, 0, 2, "r"));
    OnlineClassifier last = new OnlineClassifier(standardized(), header(4, 0, 4, 2, "r"));
    SplitMix64 r = new SplitMix64(15);
    for (int i = 0; i < 1300; i++) {
      double[] v = {r.nextDouble(), 3 * r.nextDouble(), r.nextDouble() - 2, r.nextDouble()};
      double label = v[0] + v[3] > 1 ? 1 : 0;
      InstanceView a = dense(new double[] {label, v[0], v[1], v[2], v[3]}, 0);
      InstanceView b = dense(new double[] {v[0], v[1], v[2], v[3], label}, 4);
      assertArrayEquals(last.predict(b), first.predict(a), 0, "row " + i);
      first.train(a);
      last.train(b);
    }
    for (int slot = 0; slot < last.model().numSlots(); slot++) {
      assertEquals(last.model().coefficient(slot, 0), first.model().coefficient(slot, 0), 0, "slot " + slot);
    }
  }

  @Test
  void aLongInstanceAfterShortOnesGrowsTheEntryBuffers() {
    int f = 20;
    OnlineClassifier s = new OnlineClassifier(standardized(), header(f, 0, f, 2, "r"));
    OnlineClassifier alone = new OnlineClassifier(standardized(), header(f, 0, f, 2, "r"));
    InstanceView sparse = instance(new int[] {0, 5, f}, new double[] {1, 2, 1}, 1);
    double[] v = new double[f + 1];
    for (int a = 0; a < f; a++) {
      v[a] = a % 3 - 1;
    }
    v[f] = 0;
    InstanceView wide = dense(v, f);
    s.train(sparse);
    s.predict(wide);
    s.train(wide);
    alone.train(sparse);
    alone.train(wide);
    assertSameState(alone, s);
  }
}
