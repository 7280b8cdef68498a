package lessram;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Huge finite values (issue 16, defect 2): a value or weight above {@link Values#LIMIT} is treated like an
 * infinite one (the example is skipped and counted, prediction ignores it, the scaling statistics never see
 * it), and coefficients stored as floats are kept finite, so no finite input can make a vote NaN, reset a
 * model, or break the standardization of an attribute.
 */
class HugeValuesTest {
  private static final String[] SETUPS = {
      "percoord q2.13 none", "global q2.13 none", "percoord float32 none", "percoord float64 none",
      "percoord q2.13 standardize", "global float64 standardize", "percoord float32 maxabs"};

  /** Three numeric attributes and a nominal class of {@code classes} labels (last). */
  static HeaderView header(int classes) {
    return new HeaderView() {
      @Override public int numAttributes() {
        return 4;
      }

      @Override public int classIndex() {
        return 3;
      }

      @Override public int arity(int a) {
        return a == 3 ? classes : InstanceEncoder.NUMERIC;
      }

      @Override public String attributeName(int a) {
        return a == 3 ? "class" : "x" + a;
      }

      @Override public String label(int a, int v) {
        return "c" + v;
      }

      @Override public String relationName() {
        return "huge";
      }
    };
  }

  /** A dense instance {@code (x0, x1, x2, label)} with a weight. */
  static InstanceView row(double x0, double x1, double x2, double label, double weight) {
    double[] v = {x0, x1, x2, label};
    return new InstanceView() {
      @Override public int numValues() {
        return 4;
      }

      @Override public int index(int p) {
        return p;
      }

      @Override public double value(int p) {
        return v[p];
      }

      @Override public double weight() {
        return weight;
      }

      @Override public double classValue() {
        return label;
      }
    };
  }

  static OnlineClassifier session(String setup, int classes) {
    String[] p = setup.split(" ");
    Settings s = Settings.builder(p[0].equals("global") ? LearningRateSchedule.GLOBAL
        : LearningRateSchedule.PER_COORDINATE)
        .storage(p[1].startsWith("q") ? CoefficientStorage.RANDOMIZED : CoefficientStorage.parse(p[1]))
        .scaling(ScalingMode.parse(p[2])).seed(5).build();
    return new OnlineClassifier(s, header(classes));
  }

  /** Trains on 400 ordinary instances of a linear problem. */
  static void trainOrdinary(OnlineClassifier c, int classes) {
    SplitMix64 r = new SplitMix64(3);
    for (int i = 0; i < 400; i++) {
      double a = r.nextDouble() * 4 - 2;
      double b = r.nextDouble() * 4 - 2;
      int label = classes == 2 ? (a + b > 0 ? 1 : 0) : (int) Math.floor((a + 2) / 4 * classes);
      c.predict(row(a, b, 1, label, 1));
      c.train(row(a, b, 1, label, 1));
    }
  }

  static double[][] probe(OnlineClassifier c) {
    double[][] votes = new double[5][];
    for (int i = 0; i < votes.length; i++) {
      votes[i] = c.predict(row(i - 2, 2 - i, 1, 0, 1));
    }
    return votes;
  }

  static void assertValid(double[][] votes, String what) {
    for (double[] v : votes) {
      double sum = 0;
      for (double p : v) {
        assertTrue(p >= 0 && p <= 1, what + ": " + p);
        sum += p;
      }
      assertEquals(1.0, sum, 1e-9, what);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"2", "3"})
  void valuesBeyondTheLimitAreSkippedAndCountedAndChangeNothing(String k) {
    int classes = Integer.parseInt(k);
    for (String setup : SETUPS) {
      OnlineClassifier c = session(setup, classes);
      trainOrdinary(c, classes);
      double[][] before = probe(c);
      long skipped = c.model().examplesSkipped();
      double[] hostile = {Double.MAX_VALUE, -Double.MAX_VALUE, 1.3e154, 2e100, -1e101};
      for (double h : hostile) {
        double[] p = c.predict(row(h, 1, 1, 1, 1));
        assertValid(new double[][] {p}, setup + " prediction with " + h);
        assertEquals(OnlineClassifier.Outcome.SKIPPED, c.train(row(h, 1, 1, 1, 1)), setup);
        // a negative weight is no weight at all (ignored, not counted); a huge positive one is unusable
        assertEquals(OnlineClassifier.Outcome.SKIPPED, c.train(row(1, 1, 1, 1, Math.abs(h))), setup + " weight " + h);
      }
      assertEquals(skipped + 2 * hostile.length, c.model().examplesSkipped(), setup);
      double[][] after = probe(c);
      for (int i = 0; i < before.length; i++) {
        assertArrayEquals(before[i], after[i], setup + ": the model and the scaling are untouched");
      }
      // the attribute still scales after a value whose square would overflow the statistics
      c.train(row(0.5, 1, 1, 1, 1));
      int n = c.encode(row(1.5, 1, 1, 1, 1));
      assertTrue(n >= 1 && c.encoder().values()[0] != 0, setup + ": attribute 0 still encodes");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"2", "3"})
  void largeUsableValuesKeepEveryCoefficientAndVoteFinite(String k) {
    int classes = Integer.parseInt(k);
    for (String setup : SETUPS) {
      OnlineClassifier c = session(setup, classes);
      trainOrdinary(c, classes);
      // 7e39 overflowed float32 coefficients to Infinity; 1e99 x 1e99 products overflowed scores
      for (double big : new double[] {7e39, -7e39, 1e99, -1e99, 1e100}) {
        for (int i = 0; i < 3; i++) {
          c.predict(row(big, big, 1, i % classes, 1));
          c.train(row(big, big, 1, i % classes, 1));
        }
        assertValid(probe(c), setup + " after " + big);
        assertValid(new double[][] {c.predict(row(big, -big, big, 0, 1))}, setup + " on " + big);
      }
      c.model().forEachNonZeroCoefficient((i, w) -> assertTrue(Double.isFinite(w), setup + ": coefficient " + w));
      double bias = c.model().coefficient(c.model().biasSlot(), 0);
      assertTrue(Double.isFinite(bias), setup);
      // and the model keeps learning ordinary data afterwards
      trainOrdinary(c, classes);
      assertValid(probe(c), setup + " relearned");
      assertNotEquals(0.5, probe(c)[0][0], setup);
    }
  }
}
