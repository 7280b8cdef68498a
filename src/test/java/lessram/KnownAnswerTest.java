package lessram;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lessram.compressed.Logistic;
import org.junit.jupiter.api.Test;

/**
 * Known answers computed by hand (or by an independent formula in the test) for the arithmetic that a
 * comparison of two paths of the engine cannot check: the gradient steps of the binary and the softmax
 * model (bias and instance weight included), the slots of hashed ids, the link functions at extreme
 * scores and the hash function. The models use float64 coefficients with exact counts (no rounding, no
 * random draw in the arithmetic) and an explicit alpha, so the answers do not depend on defaults.
 */
class KnownAnswerTest {
  private static final double ALPHA = 0.5;

  /** float64 coefficients, exact per-coordinate counts: the step is {@code alpha / sqrt(count + 1) * g}. */
  private static LearnerConfig.Builder exact(int classes, FeatureSpace space) {
    return LearnerConfig.builder().numClasses(classes).featureSpace(space).storage(CoefficientStorage.FLOAT64)
        .schedule(LearningRateSchedule.PER_COORDINATE).counterType(CounterType.EXACT).alpha(ALPHA).seed(1);
  }

  /** An independent softmax (no shift): fine for the small scores it is used on. */
  private static double[] plainSoftmax(double... z) {
    double[] p = new double[z.length];
    double s = 0;
    for (int k = 0; k < z.length; k++) {
      p[k] = Math.exp(z[k]);
      s += p[k];
    }
    for (int k = 0; k < z.length; k++) {
      p[k] /= s;
    }
    return p;
  }

  /**
   * Two softmax steps of a fresh K = 3 model on a weighted example with two features: every coefficient,
   * the bias included, moves by {@code -alpha / sqrt(count + 1) * (p_k - y_k) * weight * value}.
   */
  @Test
  void softmaxStepsTrainEveryOutputTheBiasIncludedScaledByWeightAndValue() {
    LogisticRegression m = new LogisticRegression(exact(3, FeatureSpace.direct(4)).build());
    int[] ids = {1, 2};
    double[] values = {3.0, -0.5};
    double weight = 2.5;
    assertTrue(m.learn(ids, values, 2, 2, weight));
    // fresh model: every score 0, p = 1/3; g = p - y = (1/3, 1/3, -2/3); rate alpha / sqrt(1)
    double[] g = {1.0 / 3, 1.0 / 3, -2.0 / 3};
    double[][] expected = new double[5][3];
    for (int k = 0; k < 3; k++) {
      expected[1][k] = -ALPHA * g[k] * weight * 3.0;
      expected[2][k] = -ALPHA * g[k] * weight * -0.5;
      expected[4][k] = -ALPHA * g[k] * weight; // the bias (slot 4)
    }
    assertCoefficients(expected, m);
    assertEquals(-1.25, m.coefficient(1, 0), 1e-15); // -0.5 * 1/3 * 2.5 * 3
    assertEquals(2.0 * 0.5 * 2.5 / 3, m.coefficient(4, 2), 1e-15);

    // the second step reads the scores of the first and halves nothing: rate alpha / sqrt(2)
    int[] ids2 = {1, 3};
    double[] values2 = {1.0, 2.0};
    double[] z = new double[3];
    for (int k = 0; k < 3; k++) {
      z[k] = expected[4][k] + expected[1][k] * 1.0 + expected[3][k] * 2.0;
    }
    double[] p = plainSoftmax(z);
    assertArrayEquals(p, m.probabilities(ids2, values2, 2), 1e-15);
    m.learn(ids2, values2, 2, 0, 0.5);
    double rate2 = ALPHA / Math.sqrt(2);
    for (int k = 0; k < 3; k++) {
      double gk = (p[k] - (k == 0 ? 1 : 0)) * 0.5;
      expected[1][k] -= rate2 * gk * 1.0;
      expected[4][k] -= rate2 * gk;
      expected[3][k] -= ALPHA * gk * 2.0; // first update of slot 3
    }
    assertCoefficients(expected, m);
    assertEquals(2, m.updateCountEstimate(4, 1));
    assertEquals(1, m.updateCountEstimate(3, 1));
  }

  /** The binary model: one output, gradient {@code (p - y) * weight * value}. */
  @Test
  void binaryStepsAreScaledByWeightAndValue() {
    LogisticRegression m = new LogisticRegression(exact(2, FeatureSpace.direct(3)).build());
    m.learn(new int[] {0, 2}, new double[] {4.0, -0.25}, 2, 1, 3.0);
    // p = 1/2, g = (1/2 - 1) * 3 = -1.5; rate alpha
    assertEquals(ALPHA * 1.5 * 4.0, m.coefficient(0, 0), 0);
    assertEquals(0, m.coefficient(1, 0), 0);
    assertEquals(ALPHA * 1.5 * -0.25, m.coefficient(2, 0), 0);
    assertEquals(ALPHA * 1.5, m.coefficient(3, 0), 0);
    double z = ALPHA * 1.5 * (1 + 4.0 * 2.0);
    double p = 1 / (1 + Math.exp(-z));
    double[] probabilities = m.probabilities(new int[] {0}, new double[] {2.0}, 1);
    assertEquals(1 - p, probabilities[0], 1e-15);
    assertEquals(p, probabilities[1], 1e-15);
    // label 0, weight 0.5: g = p * 0.5 on the bias (second update: rate alpha / sqrt(2))
    m.learn(new int[0], new double[0], 0, 0, 0.5);
    double p2 = 1 / (1 + Math.exp(-ALPHA * 1.5));
    assertEquals(ALPHA * 1.5 - ALPHA / Math.sqrt(2) * p2 * 0.5, m.coefficient(3, 0), 1e-15);
  }

  private static void assertCoefficients(double[][] expected, LogisticRegression m) {
    for (int slot = 0; slot < expected.length; slot++) {
      for (int k = 0; k < expected[slot].length; k++) {
        assertEquals(expected[slot][k], m.coefficient(slot, k), 1e-15, "slot " + slot + ", output " + k);
      }
    }
  }

  /** MurmurHash3's fmix32 at a few ids (values of the reference implementation). */
  @Test
  void theHashIsMurmur3sFinalizer() {
    assertEquals(0, FeatureSpace.hash(0));
    assertEquals(0x514E28B7, FeatureSpace.hash(1));
    assertEquals(0x30F4C306, FeatureSpace.hash(2));
    assertEquals(0x85F0B427, FeatureSpace.hash(3));
    assertEquals(0x087FCD5C, FeatureSpace.hash(42));
    assertEquals(0x81F16F39, FeatureSpace.hash(-1));
    assertEquals(0xF9CC0EA8, FeatureSpace.hash(Integer.MAX_VALUE));
    assertEquals(0xBA60D89A, FeatureSpace.hash(123456789));
    FeatureSpace h10 = FeatureSpace.hashed(10);
    assertEquals(0x514E28B7 & 1023, h10.slot(1));
    assertEquals(154, h10.slot(123456789));
    assertEquals(825, h10.slot(-1));
  }

  /**
   * In a hashed space every id is hashed, the small ones too, in training as in prediction: id 2 of a
   * 2^4-slot space lives in slot {@code hash(2) & 15 = 6}, and ids 1 and 3 share slot 7.
   */
  @Test
  void hashedIdsAreHashedWhenTrainingAsWhenPredicting() {
    for (int classes : new int[] {2, 3}) {
      LogisticRegression m = new LogisticRegression(exact(classes, FeatureSpace.hashed(4)).build());
      int outputs = m.numOutputs();
      m.learn(new int[] {2}, new double[] {1.0}, 1, 1, 1.0);
      assertEquals(6, FeatureSpace.hashed(4).slot(2));
      for (int k = 0; k < outputs; k++) {
        assertEquals(0, m.coefficient(2, k), "output " + k);
        assertNotEquals(0, m.coefficient(6, k), "output " + k);
        assertEquals(m.coefficient(16, k), m.coefficient(6, k), "feature value 1: as the bias");
      }
      // prediction reads the same slot: the score of id 2 is twice the bias's
      double[] p = m.probabilities(new int[] {2}, new double[] {1.0}, 1);
      double[] z = new double[outputs];
      for (int k = 0; k < outputs; k++) {
        z[k] = 2 * m.coefficient(16, k);
      }
      double[] expected = outputs == 1 ? new double[] {1 - sigmoid(z[0]), sigmoid(z[0])} : plainSoftmax(z);
      assertArrayEquals(expected, p, 1e-15, classes + " classes");
      // ids 1 and 3 collide (slot 7): training on one moves the prediction of the other
      m.learn(new int[] {1}, new double[] {1.0}, 1, 0, 1.0);
      assertNotEquals(0, m.coefficient(7, 0));
      assertArrayEquals(m.probabilities(new int[] {1}, new double[] {1.0}, 1),
          m.probabilities(new int[] {3}, new double[] {1.0}, 1), 0);
    }
  }

  private static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }

  /** The link functions at scores far beyond exp's range: exact limits, no NaN, sum 1. */
  @Test
  void linkFunctionsAtHugeScores() {
    double[] z = {1000, 999, -1000, 5};
    Logistic.softmax(z, 3);
    double e = Math.exp(-1);
    assertEquals(1 / (1 + e), z[0], 1e-15);
    assertEquals(e / (1 + e), z[1], 1e-15);
    assertEquals(0, z[2], 0);
    assertEquals(5, z[3], 0, "entries past n untouched");
    double[] equalHuge = {1e300, 1e300};
    Logistic.softmax(equalHuge, 2);
    assertArrayEquals(new double[] {0.5, 0.5}, equalHuge, 0);
    double[] negative = {-1e300, -1e300 + 1e285, -1e300};
    Logistic.softmax(negative, 3);
    assertArrayEquals(new double[] {0, 1, 0}, negative, 0);
    double[] small = {Math.log(1), Math.log(2), Math.log(5)};
    Logistic.softmax(small, 3);
    assertArrayEquals(new double[] {0.125, 0.25, 0.625}, small, 1e-15);

    assertEquals(1.0, Logistic.sigmoid(800), 0);
    assertEquals(0.0, Logistic.sigmoid(-800), 0);
    assertEquals(0.5, Logistic.sigmoid(0), 0);
    assertEquals(1 / (1 + Math.exp(-2)), Logistic.sigmoid(2), 1e-16);
    assertEquals(1 / (1 + Math.exp(3)), Logistic.sigmoid(-3), 1e-16);
    assertEquals(Math.exp(-700), Logistic.sigmoid(-700), 1e-15 * Math.exp(-700));

    // the model at huge scores: one trained coefficient times a value of 1e6
    LogisticRegression m = new LogisticRegression(exact(3, FeatureSpace.direct(2)).build());
    m.learn(new int[] {0}, new double[] {1.0}, 1, 1, 1.0);
    double[] p = m.probabilities(new int[] {0}, new double[] {1e6}, 1);
    assertArrayEquals(new double[] {0, 1, 0}, p, 0);
    double[] q = m.probabilities(new int[] {0}, new double[] {-1e6}, 1);
    assertEquals(1.0, q[0] + q[2], 1e-15);
    assertEquals(0.5, q[0], 1e-15);
    assertEquals(0, q[1], 0);
  }
  // ----------------------------------------------------------------------------------------------
  // numeric scaling

  private static final int N = InstanceEncoder.NUMERIC;

  /** The features of the instance just encoded, as {id, value} pairs in order. */
  private static double[][] features(InstanceEncoder e) {
    double[][] f = new double[e.size()][];
    for (int i = 0; i < e.size(); i++) {
      f[i] = new double[] {e.ids()[i], e.values()[i]};
    }
    return f;
  }

  private static void assertFeatures(double[][] expected, InstanceEncoder e, String what) {
    double[][] actual = features(e);
    assertEquals(expected.length, actual.length, what + ": " + java.util.Arrays.deepToString(actual));
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i][0], actual[i][0], 0, what + ": id of feature " + i);
      assertEquals(expected[i][1], actual[i][1], 1e-12, what + ": value of feature " + i);
    }
  }

  /** Encodes value by value ({@code begin}, {@code add}) for prediction. */
  private static void addAll(InstanceEncoder e, int[] attributes, double[] values) {
    e.begin();
    for (int i = 0; i < attributes.length; i++) {
      e.add(attributes[i], values[i]);
    }
  }

  /** NONE passes values on as they are (zeros stay absent); a nominal value is a one-hot feature. */
  @Test
  void noScalingKeepsValues() {
    InstanceEncoder e = new InstanceEncoder(new int[] {N, N, 3, 2}, 3, ScalingMode.NONE);
    for (int round = 0; round < 3; round++) {
      e.encode(new int[] {0, 1, 2, 3}, new double[] {123.5, -7, 2, 1}, 4, true);
      assertFeatures(new double[][] {{0, 123.5}, {1, -7}, {4, 1}}, e, "round " + round);
    }
    e.encode(new int[] {0, 1}, new double[] {0, -1e-300}, 2, false);
    assertFeatures(new double[][] {{1, -1e-300}}, e, "zero absent");
    addAll(e, new int[] {1, 0}, new double[] {-1e6, 5e7});
    assertFeatures(new double[][] {{1, -1e6}, {0, 5e7}}, e, "value by value");
  }

  /**
   * MAX_ABS divides by the largest |x| of the training values so far and of the value itself: trained on
   * (2, -4) and (-3, 1), attribute 0 divides by 3 and attribute 1 by 4; a larger value gives +-1.
   */
  @Test
  void maxAbsScalingDividesByTheLargestMagnitudeSeen() {
    InstanceEncoder e = new InstanceEncoder(new int[] {N, N, 2}, 2, ScalingMode.MAX_ABS);
    e.encode(new int[] {0, 1}, new double[] {5, -0.5}, 2, false);
    assertFeatures(new double[][] {{0, 1}, {1, -1}}, e, "before training, the value itself");
    e.encode(new int[] {0, 1, 2}, new double[] {2, -4, 0}, 3, true);
    addAll(e, new int[] {0, 1, 2}, new double[] {-3, 1, 1});
    e.commitTraining(new int[] {0, 1, 2}, new double[] {-3, 1, 1}, 3);
    e.encode(new int[] {0, 1}, new double[] {1.5, -1}, 2, false);
    assertFeatures(new double[][] {{0, 0.5}, {1, -0.25}}, e, "within the range");
    e.encode(new int[] {0, 1}, new double[] {-6, 8}, 2, false);
    assertFeatures(new double[][] {{0, -1}, {1, 1}}, e, "beyond the range");
    addAll(e, new int[] {1, 0}, new double[] {2, 0.75});
    assertFeatures(new double[][] {{1, 0.5}, {0, 0.25}}, e, "value by value");
  }

  /**
   * STANDARDIZE, exact form (the first training instances): the mean and deviation of the training
   * values together with the value itself. Trained on 1, 2, 3 (and a constant 5): 4 gives
   * {@code (4 - 2.5) / sqrt(1.25)}, the constant attribute 0 unless the value differs.
   */
  @Test
  void exactStandardizationKnownAnswers() {
    InstanceEncoder e = new InstanceEncoder(new int[] {N, N, 2}, 2, ScalingMode.STANDARDIZE);
    for (int x = 1; x <= 3; x++) {
      e.encode(new int[] {0, 1, 2}, new double[] {x, 5, 0}, 3, true);
    }
    e.encode(new int[] {0, 1}, new double[] {4, 5}, 2, false);
    assertFeatures(new double[][] {{0, 1.5 / Math.sqrt(1.25)}}, e, "bulk");
    addAll(e, new int[] {0, 1}, new double[] {-2, 6});
    // attribute 0: values 1, 2, 3, -2: mean 1, variance 18 / 4 - 1 = 3.5; attribute 1: 5, 5, 5, 6
    assertFeatures(new double[][] {{0, -3 / Math.sqrt(3.5)}, {1, 0.75 / Math.sqrt(0.1875)}}, e, "value by value");
  }

  /**
   * STANDARDIZE, cached form (after {@value InstanceEncoder#EXACT_STANDARDIZATION_INSTANCES} training
   * instances): trained on (1, 10) and (3, 30) alternately, the attributes have means 2 and 20 and
   * deviations 1 and 10. Outliers on either side are clipped to +-{@value InstanceEncoder#STANDARDIZED_CLIP}
   * on every path: per value, bulk, the dense path of an all-numeric header and the learner's row path.
   */
  @Test
  void cachedStandardizationKnownAnswersAndClippingOnBothSides() {
    for (boolean plain : new boolean[] {true, false}) {
      // plain: x0, x1, class; otherwise a nominal attribute between them (no dense path)
      int[] arity = plain ? new int[] {N, N, 2} : new int[] {N, 3, N, 2};
      int x1 = plain ? 1 : 2;
      int ci = arity.length - 1;
      int[] attributes = plain ? new int[] {0, 1, 2} : new int[] {0, 1, 2, 3};
      InstanceEncoder e = new InstanceEncoder(arity, ci, ScalingMode.STANDARDIZE);
      for (int i = 0; i < InstanceEncoder.EXACT_STANDARDIZATION_INSTANCES; i++) {
        double[] v = new double[arity.length];
        v[0] = i % 2 == 0 ? 1 : 3;
        v[x1] = i % 2 == 0 ? 10 : 30;
        e.encode(attributes, v, v.length, true);
      }
      String what = plain ? "plain header" : "header with a nominal attribute";
      int id1 = plain ? 1 : 4;
      double[][] cases = {{2.5, 5, 0.5, -1.5}, {-1e6, 1e6, -8, 8}, {1e6, -1e9, 8, -8}, {-5, 100, -7, 8},
          {2, 20, 0, 0}};
      for (double[] c : cases) {
        double[] v = new double[arity.length];
        v[0] = c[0];
        v[x1] = c[1];
        if (!plain) {
          v[1] = Double.NaN; // missing nominal value
        }
        double[][] expected = c[2] == 0 ? new double[0][] : new double[][] {{0, c[2]}, {id1, c[3]}};
        e.encode(attributes, v, v.length, false);
        assertFeatures(expected, e, what + ", bulk, " + c[0] + ", " + c[1]);
        addAll(e, attributes, v);
        assertFeatures(expected, e, what + ", value by value, " + c[0] + ", " + c[1]);
      }
    }
  }

  /** The exact form clips too, once enough instances make a value more than 8 deviations away possible. */
  @Test
  void exactStandardizationClipsANegativeOutlier() {
    InstanceEncoder e = new InstanceEncoder(new int[] {N, 2}, 1, ScalingMode.STANDARDIZE);
    for (int i = 0; i < 200; i++) {
      e.encode(new int[] {0}, new double[] {i % 2 == 0 ? 1 : 3}, 1, true);
    }
    e.encode(new int[] {0}, new double[] {-1e6}, 1, false);
    assertFeatures(new double[][] {{0, -8}}, e, "negative outlier");
    e.encode(new int[] {0}, new double[] {1e6}, 1, false);
    assertFeatures(new double[][] {{0, 8}}, e, "positive outlier");
    e.encode(new int[] {0}, new double[] {2.5}, 1, false);
    // mean (400 + 2.5) / 201, variance (1000 + 6.25) / 201 - mean^2
    double mean = 402.5 / 201;
    assertFeatures(new double[][] {{0, (2.5 - mean) / Math.sqrt(1006.25 / 201 - mean * mean)}}, e, "near the mean");
  }
  // ----------------------------------------------------------------------------------------------
  // compressed predictions against the live model

  /**
   * A compressed model predicts what the live model does. At q2.13, the learner's own grid, rounding moves
   * no coefficient, so the coefficients are the model's and the probabilities agree to rounding error of
   * the summation; at q2.7 every coefficient moves by less than 2^-7, so a score by less than
   * {@code 2^-7 (1 + sum |x|)} and a probability (sigmoid or softmax: slope at most 1/2 per score) by at
   * most that. Both are also checked against the sigmoid and softmax of the compressed coefficients
   * computed here.
   */
  @Test
  void compressedProbabilitiesAreTheLiveModels() {
    for (int classes : new int[] {2, 3}) {
      int[] arity = {N, 3, N, classes};
      for (FeatureSpace space : new FeatureSpace[] {FeatureSpace.direct(5), FeatureSpace.hashed(3)}) {
        InstanceEncoder enc = new InstanceEncoder(arity, 3, ScalingMode.STANDARDIZE);
        LogisticRegression m = new LogisticRegression(LearnerConfig.builder().numClasses(classes).featureSpace(space)
            .alpha(0.3).seed(4).build());
        SplitMix64 r = new SplitMix64(8);
        int[] attributes = {0, 1, 2};
        for (int i = 0; i < 3000; i++) {
          double x0 = 10 * r.nextDouble();
          double x2 = r.nextDouble() - 0.5;
          int label = x0 + 4 * x2 > 5 ? classes - 1 : (i % 5 == 0 ? 0 : classes / 2 - (classes == 2 ? 1 : 0));
          enc.encode(attributes, new double[] {x0, i % 3, x2}, 3, true);
          m.learn(enc.ids(), enc.values(), enc.size(), label, 1.0);
        }
        for (int bits : new int[] {13, 7}) {
          CompressedPredictor p = Compressor.of(m, enc).fractionBits(bits).seed(2).compress();
          double eps = Math.scalb(1.0, -bits);
          lessram.compressed.CompressedModel cm = p.model();
          int outputs = m.numOutputs();
          int slots = m.numSlots() - 1;
          for (int slot = 0; slot <= slots; slot++) {
            for (int k = 0; k < outputs; k++) {
              double live = m.coefficient(slot, k);
              double c = cm.coefficient(slot, k);
              if (bits == 13) {
                assertEquals(live, c, 0, "q2.13 keeps the coefficient of slot " + slot);
              } else {
                assertTrue(Math.abs(live - c) < eps, "slot " + slot + ": " + live + " vs " + c);
              }
            }
          }
          String what = classes + " classes, " + space + ", q2." + bits;
          for (int i = 0; i < 100; i++) {
            double[] x = {20 * r.nextDouble() - 5, i % 4 == 3 ? Double.NaN : i % 3, 2 * r.nextDouble() - 1};
            enc.encode(attributes, x, 3, false);
            int n = enc.size();
            double[] live = m.probabilities(enc.ids(), enc.values(), n);
            double[] compressed = p.probabilities(enc.ids(), enc.values(), n);
            // the scores of the compressed coefficients, and their link computed here
            double[] z = new double[outputs];
            double spread = 1;
            for (int k = 0; k < outputs; k++) {
              z[k] = cm.coefficient(slots, k);
              for (int j = 0; j < n; j++) {
                z[k] += cm.coefficient(space.slot(enc.ids()[j]), k) * enc.values()[j];
              }
            }
            for (int j = 0; j < n; j++) {
              spread += Math.abs(enc.values()[j]);
            }
            double[] expected = outputs == 1 ? new double[] {1 - sigmoid(z[0]), sigmoid(z[0])} : plainSoftmax(z);
            assertArrayEquals(expected, compressed, 1e-12, what);
            assertArrayEquals(live, compressed, bits == 13 ? 1e-12 : eps * spread, what);
            // the predictor's own encoding of the same values gives the same
            CompressedPredictor.Encoding e = p.newEncoding();
            e.begin();
            for (int a = 0; a < 3; a++) {
              e.add(attributes[a], x[a]);
            }
            assertArrayEquals(compressed, e.probabilities(), 0, what);
          }
        }
      }
    }
  }
  // ----------------------------------------------------------------------------------------------
  // the encoder's paths at their edges

  /** Trains {@code e} on enough instances for the cached standardization (values 1 and 3 alternately). */
  private static void trainPastTheExactForm(InstanceEncoder e, int[] attributes, int classPosition) {
    for (int i = 0; i <= InstanceEncoder.EXACT_STANDARDIZATION_INSTANCES; i++) {
      double[] v = new double[attributes.length];
      java.util.Arrays.fill(v, i % 2 == 0 ? 1 : 3);
      if (classPosition >= 0) {
        v[classPosition] = 0;
      }
      e.encode(attributes, v, v.length, true);
    }
  }

  private static int[] range(int n) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    return a;
  }

  /** AUTO standardizes up to 1000 numeric attributes, uses values as given above. */
  @Test
  void autoScalingSwitchesAboveAThousandNumericAttributes() {
    for (int numeric : new int[] {1000, 1001}) {
      int[] arity = new int[numeric + 1];
      arity[numeric] = 2;
      InstanceEncoder e = new InstanceEncoder(arity, numeric, ScalingMode.AUTO);
      assertEquals(numeric == 1000 ? ScalingMode.STANDARDIZE : ScalingMode.NONE, e.scaling());
      assertEquals(numeric + 1, e.numAttributes());
      assertEquals(numeric, e.dimension());
    }
  }

  /**
   * Attribute indices outside the header, the class, and nominal values outside the labels contribute
   * nothing, on every path (value by value, bulk before and after the cache); wide instances grow the
   * buffers; the bulk paths return the number of features.
   */
  @Test
  void everyPathSkipsWhatIsNotAFeatureAndGrowsItsBuffers() {
    InstanceEncoder e = new InstanceEncoder(new int[] {N, 3, N, 2}, 3, ScalingMode.STANDARDIZE);
    assertEquals("attribute 4", assertThrows(IndexOutOfBoundsException.class, () -> e.arity(4)).getMessage());
    assertEquals("attribute -1", assertThrows(IndexOutOfBoundsException.class, () -> e.arity(-1)).getMessage());
    assertEquals(InstanceEncoder.NUMERIC, e.arity(0));
    assertEquals(3, e.arity(1));
    assertEquals(2, e.arity(3));
    for (int i = 0; i < 4; i++) {
      e.encode(new int[] {0, 2, 3}, new double[] {i % 2 == 0 ? 1 : 3, i % 2 == 0 ? 1 : 3, 0}, 3, true);
    }
    for (int round = 0; round < 2; round++) {
      // the first round with the exact form, the second after the cache exists
      int[] attributes = {-1, 0, 1, 3, 4, 2};
      double[] values = {5, 1, 3, 1, 7, 5};
      long unseen = e.unseenNominalValues();
      assertEquals(2, e.encode(attributes, values, 6, false), "round " + round);
      assertEquals(unseen + 1, e.unseenNominalValues(), "label 3 of a 3-label attribute is unseen");
      assertEquals(2, e.size());
      assertEquals(0, e.ids()[0]);
      assertEquals(4, e.ids()[1]);
      addAll(e, attributes, values);
      assertEquals(2, e.size());
      assertEquals(4, e.ids()[1]);
      if (round == 0) {
        trainPastTheExactForm(e, new int[] {0, 2, 3}, 2);
      }
    }
    // 40 numeric attributes and the class: more features than the first buffers hold
    int[] arity = new int[41];
    arity[40] = 2;
    InstanceEncoder wide = new InstanceEncoder(arity, 40, ScalingMode.STANDARDIZE);
    trainPastTheExactForm(wide, range(41), 40);
    double[] x = new double[41];
    for (int a = 0; a < 40; a++) {
      x[a] = a % 2 == 0 ? 2.5 : 2; // 2 is the mean: standardized to 0, absent
    }
    assertEquals(20, wide.encode(range(41), x, 41, false), "dense path");
    for (int j = 0; j < 20; j++) {
      assertEquals(2 * j, wide.ids()[j]);
      assertEquals(0.5, wide.values()[j], 1e-12);
    }
    // a copy starts with the small first buffers: the dense path grows them
    InstanceEncoder wideCopy = wide.copy();
    assertEquals(20, wideCopy.encode(range(41), x, 41, false), "dense path of a copy");
    assertEquals(38, wideCopy.ids()[19]);
    InstanceEncoder mixed = new InstanceEncoder(java.util.Arrays.copyOf(arity, 42), 40, ScalingMode.STANDARDIZE);
    trainPastTheExactForm(mixed, range(41), 40);
    assertEquals(20, mixed.encode(range(41), x, 41, false), "cached path (a nominal attribute: not plain)");
    assertEquals(38, mixed.ids()[19]);
    assertEquals(0.5, mixed.values()[19], 1e-12);
    InstanceEncoder mixedCopy = mixed.copy();
    assertEquals(20, mixedCopy.encode(range(41), x, 41, false), "cached path of a copy");
    assertEquals(38, mixedCopy.ids()[19]);
  }

  /** An all-numeric header with the class in the middle: the attributes after it move down by one id. */
  @Test
  void numericAttributesAfterTheClassMoveDownOneId() {
    InstanceEncoder e = new InstanceEncoder(new int[] {N, 2, N, N}, 1, ScalingMode.STANDARDIZE);
    trainPastTheExactForm(e, new int[] {0, 1, 2, 3}, 1);
    assertEquals(3, e.encode(new int[] {0, 1, 2, 3}, new double[] {3, 1, 1, 4}, 4, false));
    assertArrayEquals(new int[] {0, 1, 2}, java.util.Arrays.copyOf(e.ids(), 3));
    assertArrayEquals(new double[] {1, -1, 2}, java.util.Arrays.copyOf(e.values(), 3), 1e-12);
    e.encode(new int[] {0, 2, 3}, new double[] {Double.POSITIVE_INFINITY, 1, 1}, 3, false);
    assertTrue(e.holdsUnusableValue());
    assertEquals(0, e.ids()[0]);
    assertEquals(Double.POSITIVE_INFINITY, e.values()[0]);
  }

  /**
   * The dense path takes only an instance with every attribute in order and finite values: a permuted
   * or non-finite instance is encoded by the general path, with the same features as value by value.
   */
  @Test
  void theDensePathTakesOnlyPlainInstances() {
    InstanceEncoder e = new InstanceEncoder(new int[] {N, N, N, 2}, 3, ScalingMode.STANDARDIZE);
    trainPastTheExactForm(e, new int[] {0, 1, 2, 3}, 3);
    double[][] cases = {{2.5, 3, 1, 0}, {1, Double.POSITIVE_INFINITY, 3, 0}, {2, 2, 4, 1}};
    // in order; two attributes swapped; rotations (no attribute in its place but the class); the class
    // first; an attribute twice in place of the class
    int[][] orders = {{0, 1, 2, 3}, {1, 0, 2, 3}, {0, 2, 1, 3}, {1, 2, 0, 3}, {2, 0, 1, 3}, {3, 0, 1, 2},
        {0, 1, 2, 2}};
    for (double[] c : cases) {
      for (int[] order : orders) {
        double[] v = new double[4];
        for (int k = 0; k < 4; k++) {
          v[k] = c[order[k]];
        }
        int m = e.encode(order, v, 4, false);
        double[][] bulk = features(e);
        boolean unusable = e.holdsUnusableValue();
        addAll(e, order, v);
        assertEquals(m, e.size());
        assertArrayEquals(features(e), bulk, java.util.Arrays.toString(order) + " " + java.util.Arrays.toString(c));
        assertEquals(Double.isInfinite(c[1]), unusable);
      }
    }
    e.encode(new int[] {0, 1, 2, 3}, new double[] {2.5, 3, 1, 0}, 4, false);
    assertFeatures(new double[][] {{0, 0.5}, {1, 1}, {2, -1}}, e, "dense");
  }

  /**
   * A float coefficient's step is projected onto [-limit, limit] on both sides (float64 keeps Values.LIMIT,
   * float32 its largest finite value); a NaN step leaves the coefficient as it was.
   */
  @Test
  void floatCoefficientStepsAreProjectedOnBothSides() {
    double limit = Values.LIMIT;
    assertEquals(-limit, UpdateRule.value(0.5, 1, 3 * limit, limit));
    assertEquals(limit, UpdateRule.value(-0.5, 1, -3 * limit, limit));
    assertEquals(-Float.MAX_VALUE, UpdateRule.value(-1, 2, 1e39, Float.MAX_VALUE));
    assertEquals(Float.MAX_VALUE, UpdateRule.value(1, 2, -1e39, Float.MAX_VALUE));
    assertEquals(-0.25, UpdateRule.value(0.75, 0.5, 2, limit));
    assertEquals(0.75, UpdateRule.value(0.75, 0.5, Double.NaN, limit));
  }
}
