package lessram;

import static lessram.MixingFixtures.assertSameState;
import static lessram.SessionKnownAnswerTest.dense;
import static lessram.SessionKnownAnswerTest.header;
import static lessram.SessionKnownAnswerTest.instance;

import org.junit.jupiter.api.Test;

/**
 * Predict-then-train reuse on the two cases the session's other tests miss: a row prediction on the row path
 * of a session whose entry buffers already exist (a fresh copy has none, so its first prediction takes the
 * general path), and sparse instances that omit a class value of 0, whose entries can then differ in every
 * index. Training the second instance after predicting the first must leave the state training it alone does.
 */
class ReuseKnownAnswerTest {

  private static Settings standardized() {
    return Settings.builder(LearningRateSchedule.PER_COORDINATE).scaling(ScalingMode.STANDARDIZE).seed(4).build();
  }

  /** A binary session on 3 numeric attributes and the class last, past the standardization's caching. */
  private static OnlineClassifier rowSession() {
    OnlineClassifier s = new OnlineClassifier(standardized(), header(3, 0, 3, 2, "r"));
    SplitMix64 r = new SplitMix64(5);
    for (int i = 0; i < 1100; i++) {
      double a = r.nextDouble();
      double b = r.nextDouble();
      s.train(dense(new double[] {a, b, r.nextDouble(), a + b > 1 ? 1 : 0}, 3));
    }
    return s;
  }

  /** {@code first} predicted by a session with its buffers in place, then {@code second} trained. */
  private static void assertRowNotReused(OnlineClassifier start, InstanceView first, InstanceView second) {
    OnlineClassifier a = start.copy();
    OnlineClassifier b = start.copy();
    a.encode(first); // allocates the entry buffers; changes no statistics
    a.predict(first); // now the row path
    a.train(second);
    b.train(second);
    assertSameState(b, a);
  }

  @Test
  void aRowPredictionIsNotReusedForAnotherRow() {
    OnlineClassifier s = rowSession();
    InstanceView x = dense(new double[] {0.25, 0.5, 0.75, 1}, 3);
    // every feature value different, the class the same
    assertRowNotReused(s, x, dense(new double[] {0.5, 0.125, 0.375, 1}, 3));
    // one feature value different
    assertRowNotReused(s, x, dense(new double[] {0.25, 0.5, 0.875, 1}, 3));
    // fewer entries: a zero feature left out in sparse form
    assertRowNotReused(s, x, instance(new int[] {0, 1, 3}, new double[] {0.25, 0.5, 1}, 1));
    // fewer entries than the row has features (class 0, not stored in sparse form): only those may be read
    assertRowNotReused(s, x, instance(new int[] {0}, new double[] {0.25}, 0));
    // and the same row is reused: the same state as training it alone
    assertRowNotReused(s, x, x);
  }

  @Test
  void sparseInstancesWithoutTheirClassEntryAreNotConfused() {
    // the class first with 3 labels (the encoded path); a class value of 0 is not stored in sparse form
    OnlineClassifier s = new OnlineClassifier(standardized(), header(3, 0, 0, 3, "class first"));
    SplitMix64 r = new SplitMix64(8);
    for (int i = 0; i < 200; i++) {
      s.train(instance(new int[] {0, 1, 2, 3}, new double[] {i % 3, r.nextDouble(), r.nextDouble(), r.nextDouble()},
          i % 3));
    }
    for (int second = 2; second <= 3; second++) {
      // the same value in another attribute: every index differs, every value is the same
      OnlineClassifier a = s.copy();
      OnlineClassifier b = s.copy();
      InstanceView other = instance(new int[] {second}, new double[] {0.5}, 0);
      a.predict(instance(new int[] {1}, new double[] {0.5}, 0));
      a.train(other);
      b.train(other);
      assertSameState(b, a);
    }
  }

  @Test
  void aWideRowAfterAShortInstanceTakesTheRowPathOnlyWithBuffersForIt() {
    // 20 numeric features, the standardization cached: the row path applies to full rows
    int f = 20;
    OnlineClassifier s = new OnlineClassifier(standardized(), header(f, 0, f, 2, "wide"));
    SplitMix64 r = new SplitMix64(6);
    double[] v = new double[f + 1];
    for (int i = 0; i < 1100; i++) {
      for (int a = 0; a < f; a++) {
        v[a] = r.nextDouble() - a % 2;
      }
      v[f] = v[0] + v[1] > 0 ? 1 : 0;
      s.train(dense(v.clone(), f));
    }
    InstanceView wide = dense(v.clone(), f);
    InstanceView sparse = instance(new int[] {0, 5, f}, new double[] {1, 2, 1}, 1);
    // a copy has no entry buffers: the short instance makes them (16 entries), the wide row needs 21
    OnlineClassifier a = s.copy();
    OnlineClassifier b = s.copy();
    a.train(sparse);
    a.predict(wide);
    a.train(wide);
    b.train(sparse);
    b.train(wide);
    assertSameState(b, a);
  }
}
