package lessram;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lessram.OnlineClassifier.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The learning session on its own (the hosts' tests drive it through MOA and Weka): predict-then-train
 * reuses the prediction only for the very instance predicted, and what a session skips it counts.
 */
class OnlineClassifierTest {
  /** Entries {@code (indices[p], values[p])} with a weight and a class value. */
  static InstanceView instance(int[] indices, double[] values, double weight, double classValue) {
    return new InstanceView() {
      @Override public int numValues() {
        return indices.length;
      }

      @Override public int index(int p) {
        return indices[p];
      }

      @Override public double value(int p) {
        return values[p];
      }

      @Override public double weight() {
        return weight;
      }

      @Override public double classValue() {
        return classValue;
      }
    };
  }

  static OnlineClassifier session(int classes) {
    Settings s = Settings.builder(LearningRateSchedule.PER_COORDINATE).seed(9).build();
    return new OnlineClassifier(s, HugeValuesTest.header(classes));
  }

  /**
   * Three sessions see the same training instances: one trains only, one predicts each instance first
   * (the prediction is reused), one predicts a slightly different instance first (a value, an index or the
   * number of entries differs: the prediction must not be reused). All three end in the same state, on
   * the dense row path (binary, after the cache of the standardization exists) and the encoded path.
   */
  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void aPredictionIsReusedOnlyForTheInstancePredicted(int classes) {
    OnlineClassifier alone = session(classes);
    OnlineClassifier reused = session(classes);
    OnlineClassifier other = session(classes);
    SplitMix64 r = new SplitMix64(21);
    for (int i = 0; i < 1300; i++) {
      double a = r.nextDouble() * 4 - 2;
      double b = r.nextDouble() * 4 - 2;
      double c = i % 7 == 0 ? 0 : r.nextDouble();
      int label = classes == 2 ? (a + b > 0 ? 1 : 0) : (int) Math.floor((a + 2) / 4 * classes);
      double weight = i % 3 == 0 ? 2.5 : 1;
      boolean sparse = i % 5 == 4;
      InstanceView x = sparse ? instance(new int[] {0, 2, 3}, new double[] {a, c, label}, weight, label)
          : instance(new int[] {0, 1, 2, 3}, new double[] {a, b, c, label}, weight, label);
      InstanceView y;
      switch (i % 4) {
        case 0: // the first value differs
          y = sparse ? instance(new int[] {0, 2, 3}, new double[] {a + 0.25, c, label}, weight, label)
              : instance(new int[] {0, 1, 2, 3}, new double[] {a + 0.25, b, c, label}, weight, label);
          break;
        case 1: // a later value differs
          y = sparse ? instance(new int[] {0, 2, 3}, new double[] {a, c + 1, label}, weight, label)
              : instance(new int[] {0, 1, 2, 3}, new double[] {a, b, c + 1, label}, weight, label);
          break;
        case 2: // an index differs, same values
          y = sparse ? instance(new int[] {1, 2, 3}, new double[] {a, c, label}, weight, label)
              : instance(new int[] {0, 2, 1, 3}, new double[] {a, b, c, label}, weight, label);
          break;
        default: // one entry fewer
          y = sparse ? instance(new int[] {0, 3}, new double[] {a, label}, weight, label)
              : instance(new int[] {0, 1, 3}, new double[] {a, b, label}, weight, label);
      }
      assertEquals(Outcome.TRAINED, alone.train(x));
      double[] p = reused.predict(x);
      assertEquals(classes, p.length);
      assertEquals(1.0, p[0] + p[1] + (classes > 2 ? p[2] : 0), 1e-12);
      assertEquals(Outcome.TRAINED, reused.train(x));
      other.predict(y);
      assertEquals(Outcome.TRAINED, other.train(x));
      if (i % 100 == 99) {
        MixingFixtures.assertSameState(alone, reused);
        MixingFixtures.assertSameState(alone, other);
      }
    }
    // the last prediction of the reusing session equals a prediction of the session that only trained
    InstanceView probe = instance(new int[] {0, 1, 2, 3}, new double[] {0.5, -1, 0.25, 0}, 1, 0);
    assertArrayEquals(alone.predict(probe), reused.predict(probe));
    assertEquals(1300, alone.model().examplesSeen());
  }

  /**
   * Predicting into one array, row after row, gives the votes of predicting into a new array each time (the
   * array's old contents play no part) and leaves the session in the same state; an array of the wrong length is
   * refused.
   */
  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void predictingIntoAnArrayIsPredicting(int classes) {
    OnlineClassifier fresh = session(classes);
    OnlineClassifier into = session(classes);
    double[] votes = new double[classes];
    SplitMix64 r = new SplitMix64(5);
    for (int i = 0; i < 600; i++) {
      double a = r.nextDouble() * 4 - 2;
      double b = r.nextDouble() * 4 - 2;
      int label = classes == 2 ? (a + b > 0 ? 1 : 0) : (int) Math.floor((a + 2) / 4 * classes);
      InstanceView x = i % 5 == 4 ? instance(new int[] {0, 3}, new double[] {a, label}, 1, label)
          : instance(new int[] {0, 1, 2, 3}, new double[] {a, b, 0.5, label}, 1, label);
      double[] expected = fresh.predict(x);
      java.util.Arrays.fill(votes, 7.0);
      assertTrue(votes == into.predict(x, votes));
      assertArrayEquals(expected, votes);
      assertEquals(Outcome.TRAINED, fresh.train(x));
      assertEquals(Outcome.TRAINED, into.train(x));
    }
    MixingFixtures.assertSameState(fresh, into);
    assertThrows(IllegalArgumentException.class, () -> into.predict(instance(new int[] {0, 3}, new double[] {1, 0},
        1, 0), new double[classes + 1]));
  }

  /** Zero, negative and NaN weights, a missing class and class values that are not a label are counted, not learned. */
  @Test
  void skippedInstancesAreCountedAndNotLearned() {
    OnlineClassifier s = session(3);
    int[] all = {0, 1, 2, 3};
    assertEquals(Outcome.NO_WEIGHT, s.train(instance(all, new double[] {1, 1, 1, 0}, 0, 0)));
    assertEquals(Outcome.NO_WEIGHT, s.train(instance(all, new double[] {1, 1, 1, 0}, -1, 0)));
    assertEquals(Outcome.NO_WEIGHT, s.train(instance(all, new double[] {1, 1, 1, 0}, Double.NaN, 0)));
    assertEquals(Outcome.NO_CLASS, s.train(instance(all, new double[] {1, 1, 1, Double.NaN}, 1, Double.NaN)));
    for (double unknown : new double[] {3, -1, 1.5, 1e10}) {
      assertEquals(Outcome.UNKNOWN_CLASS, s.train(instance(all, new double[] {1, 1, 1, unknown}, 1, unknown)));
    }
    assertEquals(1, s.instancesWithoutClass());
    assertEquals(4, s.instancesWithUnknownClass());
    assertEquals(0, s.model().examplesSeen());
    assertEquals(0, s.model().examplesSkipped());
    assertEquals(Outcome.TRAINED, s.train(instance(all, new double[] {1, 1, 1, 2}, 0.5, 2)));
    assertEquals(Outcome.TRAINED, s.train(instance(all, new double[] {1, 1, 1, 0}, 1, 0)));
    assertEquals(Outcome.SKIPPED, s.train(instance(all, new double[] {1, 1, 1, 0}, Double.POSITIVE_INFINITY, 0)));
    assertEquals(2, s.model().examplesSeen());
    assertEquals(1, s.model().examplesSkipped());
  }

  /** The header needs a nominal class of at least two labels; the labels are the header's. */
  @Test
  void theHeaderNeedsANominalClass() {
    Settings settings = Settings.builder(LearningRateSchedule.GLOBAL).build();
    HeaderView h = HugeValuesTest.header(3);
    OnlineClassifier s = new OnlineClassifier(settings, h);
    assertArrayEquals(new String[] {"c0", "c1", "c2"}, s.classLabels());
    assertEquals(3, s.numClasses());
    assertEquals(4, s.numAttributes());
    for (int classIndex : new int[] {-1, 4}) {
      HeaderView bad = new HeaderView() {
        @Override public int numAttributes() {
          return 4;
        }

        @Override public int classIndex() {
          return classIndex;
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
          return null;
        }
      };
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> new OnlineClassifier(settings, bad));
      assertTrue(e.getMessage().contains("no class"), e.getMessage());
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new OnlineClassifier(settings, HugeValuesTest.header(1)));
    assertTrue(e.getMessage().contains("at least 2 labels"), e.getMessage());
  }
}
