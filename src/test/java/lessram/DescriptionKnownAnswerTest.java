package lessram;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * What the session reports to people and hosts, checked in the engine: the model description (the largest
 * coefficients, ranked against a sort of every coefficient, and the features' names), the statistics the
 * hosts show, the header check and the host's instance view.
 */
class DescriptionKnownAnswerTest {

  /**
   * The class first ("no", "yes", or three labels), then {@code a1} numeric, {@code colour} nominal (red,
   * green, blue) and {@code a3} numeric: features a1, colour=red, colour=green, colour=blue, a3.
   */
  static HeaderView header(int classes) {
    return new HeaderView() {
      @Override public int numAttributes() {
        return 4;
      }

      @Override public int classIndex() {
        return 0;
      }

      @Override public int arity(int a) {
        return a == 0 ? classes : a == 2 ? 3 : InstanceEncoder.NUMERIC;
      }

      @Override public String attributeName(int a) {
        return new String[] {"class", "a1", "colour", "a3"}[a];
      }

      @Override public String label(int a, int v) {
        return a == 0 ? (classes == 2 ? new String[] {"no", "yes"} : new String[] {"c0", "c1", "c2"})[v]
            : new String[] {"red", "green", "blue"}[v];
      }

      @Override public String relationName() {
        return "colours";
      }
    };
  }

  /** The names of the five features in the encoder's layout. */
  static final String[] NAMES = {"a1", "colour=red", "colour=green", "colour=blue", "a3"};
  /** The same without a header. */
  static final String[] NUMBERED = {"attribute 1", "attribute 2=label 0", "attribute 2=label 1",
      "attribute 2=label 2", "attribute 3"};

  static InstanceView row(double cls, double a1, double colour, double a3) {
    return SessionKnownAnswerTest.dense(new double[] {cls, a1, colour, a3}, 0);
  }

  /** A session trained on rows where a1 and a3 are equal (so their coefficients tie) and the colours differ. */
  static OnlineClassifier trained(Settings s, int classes) {
    OnlineClassifier session = new OnlineClassifier(s, header(classes));
    double[][] rows = {{1, 2, 0, 2}, {0, -1, 1, -1}, {1, 0.5, 0, 0.5}, {0, 1, 2, 1}, {1, 3, 0, 3}, {0, -2, 1, -2}};
    for (int r = 0; r < 24; r++) {
      double[] x = rows[r % rows.length];
      double cls = classes == 2 ? x[0] : r % classes;
      assertSame(OnlineClassifier.Outcome.TRAINED, session.train(row(cls, x[1], x[2], x[3])));
    }
    return session;
  }

  static Settings floats(LearningRateSchedule schedule) {
    return Settings.builder(schedule).storage(CoefficientStorage.FLOAT64).alpha(0.5).scaling(ScalingMode.NONE)
        .seed(2).build();
  }

  /** Every non-zero feature coefficient's coordinate, largest |value| first, ties the lower coordinate first. */
  static List<Integer> ranked(LogisticRegression m) {
    List<Integer> all = new ArrayList<>();
    int outputs = m.numOutputs();
    for (int slot = 0; slot < m.numSlots(); slot++) {
      for (int k = 0; k < outputs; k++) {
        if (slot != m.biasSlot() && m.coefficient(slot, k) != 0) {
          all.add(slot * outputs + k);
        }
      }
    }
    all.sort(Comparator.comparingDouble((Integer c) -> -Math.abs(m.coefficient(c / outputs, c % outputs)))
        .thenComparingInt(c -> c));
    return all;
  }

  static String line(double v, String label, String name) {
    return String.format(Locale.ROOT, "  %10.5f  ", v) + (label == null ? "" : "[" + label + "] ") + name + "\n";
  }

  /** The listing {@code describe} must end with, from the sort above and the names of the slots. */
  static String expectedListing(OnlineClassifier session, int shown, String[] slotNames, String hashed) {
    LogisticRegression m = session.model();
    int outputs = m.numOutputs();
    String[] labels = session.classLabels();
    StringBuilder b = new StringBuilder("\n");
    b.append(outputs == 1 ? "Coefficients of the log-odds of class '" + labels[1] + "'"
        : "Coefficients of the class scores").append(hashed).append(", largest |value| first:\n");
    List<Integer> order = ranked(m);
    for (int i = 0; i < Math.min(shown, order.size()); i++) {
      int c = order.get(i);
      b.append(line(m.coefficient(c / outputs, c % outputs), outputs == 1 ? null : labels[c % outputs],
          slotNames[c / outputs]));
    }
    if (shown == 0 || order.isEmpty()) {
      b.append("  (all feature coefficients are zero)\n");
    }
    for (int k = 0; k < outputs; k++) {
      b.append(line(m.coefficient(m.biasSlot(), k), outputs == 1 ? null : labels[k], "(bias)"));
    }
    return b.toString();
  }

  @Test
  void theLargestCoefficientsAreListedWithTheirFeaturesNames() {
    // a direct table visits its coefficients in coordinate order, the sparse map in its hash order
    Settings sparse = Settings.builder(LearningRateSchedule.GLOBAL).storage(CoefficientStorage.FLOAT64).alpha(0.5)
        .scaling(ScalingMode.NONE).sparseMap(true).seed(2).build();
    for (Settings s : new Settings[] {floats(LearningRateSchedule.GLOBAL), sparse}) {
      OnlineClassifier session = trained(s, 2);
      LogisticRegression m = session.model();
      List<Integer> order = ranked(m);
      assertEquals(5, order.size(), "every feature learned something");
      // a1 and a3 tie: the lower coordinate ranks first, right before the other
      int a1 = order.indexOf(0);
      assertEquals(4, (int) order.get(a1 + 1));
      assertEquals(m.coefficient(0, 0), m.coefficient(4, 0));
      for (int shown = 0; shown <= 6; shown++) {
        String d = session.describe(header(2), shown);
        assertTrue(d.endsWith(expectedListing(session, shown, NAMES, "")), shown + ":\n" + d);
        CoefficientRanking r = CoefficientRanking.of(m, shown);
        assertEquals(Math.min(shown, 5), r.size());
        assertEquals(6, r.nonZero(), "the five features and the bias");
        for (int i = 0; i < r.size(); i++) {
          assertEquals((int) order.get(i), r.coordinate(i));
          assertEquals(m.coefficient(order.get(i), 0), r.value(i));
        }
      }
      assertTrue(session.describe(null, 6).endsWith(expectedListing(session, 6, NUMBERED, "")));
    }
  }

  @Test
  void aMultiClassModelListsEachClasssCoefficientsAndBiases() {
    OnlineClassifier session = trained(floats(LearningRateSchedule.PER_COORDINATE), 3);
    assertEquals(3, session.model().numOutputs());
    for (int shown : new int[] {1, 4, 7, 20}) {
      String d = session.describe(header(3), shown);
      assertTrue(d.endsWith(expectedListing(session, shown, NAMES, "")), shown + ":\n" + d);
    }
    assertTrue(session.describe(header(3), 2).contains("] (bias)\n"));
  }

  @Test
  void hashedSlotsAreNamedByTheFeaturesHashedIntoThem() {
    for (int bits : new int[] {1, 2, 3}) {
      Settings s = Settings.builder(LearningRateSchedule.GLOBAL).storage(CoefficientStorage.FLOAT64).alpha(0.5)
          .scaling(ScalingMode.NONE).hashingBits(bits).build();
      OnlineClassifier session = trained(s, 2);
      FeatureSpace space = session.config().featureSpace();
      String[] slotNames = new String[1 << bits];
      for (int slot = 0; slot < slotNames.length; slot++) {
        StringBuilder b = new StringBuilder("slot " + slot);
        int named = 0;
        for (int id = 0; id < NAMES.length; id++) {
          if (space.slot(id) == slot && named < FeatureNames.NAMES_PER_SLOT) {
            b.append(named++ == 0 ? ": " : ", ").append(NAMES[id]);
          }
        }
        slotNames[slot] = b.toString();
      }
      if (bits == 1) {
        assertTrue(slotNames[0].split(", ").length == 3 || slotNames[1].split(", ").length == 3,
            "five features in two slots: one slot names three of them");
      }
      String d = session.describe(header(2), 10);
      assertTrue(d.endsWith(expectedListing(session, 10, slotNames,
          " (hashed slots: colliding features share a value)")), bits + ":\n" + d);
      FeatureNames names = new FeatureNames(header(2), session.encoder(), space);
      assertTrue(names.hashed());
      assertArrayEquals(slotNames, names.of(java.util.stream.IntStream.range(0, slotNames.length).toArray()));
    }
  }

  @Test
  void directAndSparseSlotsAreNamedInTheEncodersLayout() {
    for (Settings s : new Settings[] {floats(LearningRateSchedule.GLOBAL),
        Settings.builder(LearningRateSchedule.GLOBAL).sparseMap(true).build()}) {
      OnlineClassifier session = new OnlineClassifier(s, header(2));
      FeatureNames names = new FeatureNames(header(2), session.encoder(), session.config().featureSpace());
      assertFalse(names.hashed());
      assertArrayEquals(NAMES, names.of(new int[] {0, 1, 2, 3, 4}));
      assertArrayEquals(new String[] {"a3", "colour=green", "a1", "a3", "feature 7"}, names.of(new int[] {4, 2, 0, 4, 7}),
          "any order, repeats, and an id past the features");
      FeatureNames numbered = new FeatureNames(null, session.encoder(), session.config().featureSpace());
      assertArrayEquals(NUMBERED, numbered.of(new int[] {0, 1, 2, 3, 4}));
      assertArrayEquals(new String[0], names.of(new int[0]));
    }
  }

  @Test
  void theDescriptionStatesCountsMemoryCountersAndInclusion() {
    OnlineClassifier global = trained(floats(LearningRateSchedule.GLOBAL), 2);
    String g = global.describe(header(2), 3);
    LogisticRegression m = global.model();
    assertTrue(g.startsWith("Configuration: " + global.config().describe() + "\n"), g);
    assertTrue(g.contains("Model memory: " + global.sizeInBytes() + " bytes = " + m.coordinateBytes() + " for the "
        + m.storedCoordinates() + " stored coordinates ("), g);
    assertTrue(g.contains(" bytes per stored coordinate) + " + (global.sizeInBytes() - m.coordinateBytes())
        + " fixed (tables, buffers, configuration, feature mapping)\n"), g);
    assertFalse(g.contains("Saturated counters"), "no counters with the global rate");
    assertFalse(g.contains("Feature inclusion"), g);

    OnlineClassifier perCoordinate = trained(floats(LearningRateSchedule.PER_COORDINATE), 2);
    assertTrue(perCoordinate.describe(header(2), 3).contains("\nSaturated counters: 0\n"));

    Settings poisson = Settings.builder(LearningRateSchedule.GLOBAL).sparseMap(true)
        .featureInclusion(FeatureInclusion.POISSON).inclusionProbability(0.25).build();
    OnlineClassifier selective = trained(poisson, 2);
    String p = selective.describe(header(2), 3);
    assertTrue(selective.model().rejectedSightings() > 0);
    assertTrue(p.contains(" fixed (tables, buffers, configuration, feature mapping, inclusion filter)\n"), p);
    assertTrue(p.contains("\nFeature inclusion: poisson(p=0.25), filter "
        + selective.config().featureSpace().inclusion().filterBytes() + " bytes (in the model memory); training "
        + "sightings not admitted: " + selective.model().rejectedSightings() + "\n"), p);
  }

  @Test
  void theStatisticsHostsShow() {
    Settings s = Settings.builder(LearningRateSchedule.PER_COORDINATE).storage(CoefficientStorage.FLOAT64)
        .counterType(CounterType.EXACT).counterBits(1).alpha(0.5).scaling(ScalingMode.NONE).build();
    OnlineClassifier session = trained(s, 2);
    session.train(row(Double.NaN, 1, 0, 1));                   // no class
    session.train(row(2, 1, 0, 1));                            // a class label the header does not have
    session.train(row(1, Double.NaN, 0, 1));                   // a missing value
    session.train(row(1, 1, 5, 1));                            // a colour the header does not have
    session.train(row(1, Double.POSITIVE_INFINITY, 0, 1));     // an unusable value
    LogisticRegression m = session.model();
    assertEquals(6, OnlineClassifier.Statistic.COORDINATES.of(session), "5 features and the bias");
    assertEquals(6, OnlineClassifier.Statistic.STORED_COORDINATES.of(session));
    assertEquals(session.sizeInBytes(), OnlineClassifier.Statistic.MODEL_BYTES.of(session));
    assertTrue(m.coordinateBytes() > 0);
    assertEquals(m.coordinateBytes(), OnlineClassifier.Statistic.COORDINATE_BYTES.of(session));
    assertEquals(session.sizeInBytes() - m.coordinateBytes(), OnlineClassifier.Statistic.FIXED_BYTES.of(session));
    assertEquals(65, OnlineClassifier.Statistic.BITS_PER_COORDINATE.of(session), "a double and a 1-bit counter");
    assertEquals(m.bytesPerStoredCoordinate(), OnlineClassifier.Statistic.BYTES_PER_STORED_COORDINATE.of(session));
    assertTrue(m.bytesPerStoredCoordinate() > 0);
    assertEquals(6, OnlineClassifier.Statistic.SATURATED_COUNTERS.of(session), "every 1-bit counter is full");
    assertEquals(26, OnlineClassifier.Statistic.EXAMPLES_SEEN.of(session), "24 rows, the missing value and the new colour");
    assertEquals(1, OnlineClassifier.Statistic.EXAMPLES_SKIPPED.of(session));
    assertEquals(1, OnlineClassifier.Statistic.NO_CLASS.of(session));
    assertEquals(1, OnlineClassifier.Statistic.UNKNOWN_CLASS.of(session));
    assertEquals(1, OnlineClassifier.Statistic.MISSING_VALUES.of(session));
    assertEquals(1, OnlineClassifier.Statistic.UNSEEN_NOMINAL_VALUES.of(session));
    for (OnlineClassifier.Statistic st : OnlineClassifier.Statistic.values()) {
      assertEquals(0, st.of(null), st.label());
    }

    Settings poisson = Settings.builder(LearningRateSchedule.GLOBAL).sparseMap(true)
        .featureInclusion(FeatureInclusion.POISSON).inclusionProbability(0.25).build();
    OnlineClassifier selective = trained(poisson, 2);
    assertTrue(selective.model().rejectedSightings() > 0);
    assertEquals(selective.model().rejectedSightings(), OnlineClassifier.Statistic.REJECTED_SIGHTINGS.of(selective));
    assertTrue(OnlineClassifier.Statistic.REJECTED_SIGHTINGS.appliesTo(poisson));
    assertFalse(OnlineClassifier.Statistic.REJECTED_SIGHTINGS.appliesTo(s));
    assertFalse(OnlineClassifier.Statistic.REJECTED_SIGHTINGS.appliesTo(null));
    assertTrue(OnlineClassifier.Statistic.EXAMPLES_SEEN.appliesTo(s));
    assertTrue(OnlineClassifier.Statistic.EXAMPLES_SEEN.appliesTo(null));
    assertEquals("examples seen", OnlineClassifier.Statistic.EXAMPLES_SEEN.label());
    assertEquals("feature sightings not admitted", OnlineClassifier.Statistic.REJECTED_SIGHTINGS.label());
  }

  @Test
  void theHeaderCheckAcceptsTheSameHeaderAndNamesADifference() {
    OnlineClassifier session = new OnlineClassifier(floats(LearningRateSchedule.GLOBAL), header(2));
    assertNull(session.headerDifference(header(2)));
    assertNull(session.headerDifference(header(3)), "a new class label is an unknown class, not a new header");
    assertEquals("attribute 2 changed from nominal with 3 labels to numeric",
        session.headerDifference(SessionKnownAnswerTest.header(3, 0, 0, 2, "r")));
  }

  @Test
  void aDirectTableTooLargeForTheHeaderSuggestsHashingOrTheSparseMap() {
    // within the encoder's feature limit (2^28), beyond the model's coordinates (2^29) with three outputs
    HeaderView wide = SessionKnownAnswerTest.header(0, 200_000_000, 1, 3, "wide");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new OnlineClassifier(Settings.builder(LearningRateSchedule.GLOBAL).build(), wide));
    assertTrue(e.getMessage().startsWith("cannot build a model for this header: model too large"), e.getMessage());
    assertTrue(e.getMessage().endsWith(" (hash the features or use the sparse map)"), e.getMessage());
  }

  /** A host's view over rows of doubles (the class value first). */
  static final class RowView extends HostInstanceView<double[]> {
    @Override public int numValues() {
      return instance.length;
    }

    @Override public int index(int p) {
      return p;
    }

    @Override public double value(int p) {
      return instance[p];
    }

    @Override public double weight() {
      return 1;
    }

    @Override public double classValue() {
      return instance[0];
    }
  }

  @Test
  void aHostsInstanceViewPassesEachCallToTheSessionAndLetsGo() {
    OnlineClassifier viaView = new OnlineClassifier(floats(LearningRateSchedule.GLOBAL), header(2));
    OnlineClassifier direct = new OnlineClassifier(floats(LearningRateSchedule.GLOBAL), header(2));
    RowView view = new RowView();
    double[] x = {1, 2, 1, -1};
    assertArrayEquals(direct.predict(row(1, 2, 1, -1)), view.predict(viaView, x));
    assertNull(view.instance);
    assertSame(OnlineClassifier.Outcome.TRAINED, view.train(viaView, x));
    assertSame(OnlineClassifier.Outcome.TRAINED, direct.train(row(1, 2, 1, -1)));
    assertNull(view.instance);
    assertEquals(3, view.encode(viaView, x), "a1, colour=green, a3");
    assertArrayEquals(direct.predict(row(1, 2, 1, -1)), view.predict(viaView, x));
    assertEquals(OnlineClassifier.Outcome.NO_CLASS, view.train(viaView, new double[] {Double.NaN, 1, 1, 1}));
  }

  @Test
  void hashedSlotsAreSearchedUpToTheLimitOfFeatures() {
    for (int dimension : new int[] {FeatureNames.MAX_SEARCHED_FEATURES, FeatureNames.MAX_SEARCHED_FEATURES + 1}) {
      // one nominal attribute of that many labels, then the class (no table is built)
      HeaderView h = SessionKnownAnswerTest.header(0, dimension, 1, 2, "many");
      InstanceEncoder encoder = new InstanceEncoder(h.arities(), 1, ScalingMode.NONE);
      assertEquals(dimension, encoder.dimension());
      FeatureNames names = new FeatureNames(h, encoder, FeatureSpace.hashed(4));
      String[] slot3 = names.of(new int[] {3});
      if (dimension == FeatureNames.MAX_SEARCHED_FEATURES) {
        String[] named = slot3[0].substring("slot 3: ".length()).split(", ");
        assertEquals(FeatureNames.NAMES_PER_SLOT, named.length, slot3[0]);
        for (String n : named) {
          assertTrue(n.startsWith("a0=v"), slot3[0]);
        }
      } else {
        assertArrayEquals(new String[] {"slot 3"}, slot3, "too many features to search: the number only");
      }
    }
  }
}
