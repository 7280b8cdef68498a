package lessram;

import static lessram.MixingFixtures.header;
import static lessram.MixingFixtures.instance;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Known answers of data-parallel training ({@link PartitionCopy}, {@link SessionDelta}, {@link ParameterMixing})
 * that {@link MixingKnownAnswerTest} leaves open: what a delta says about its base and its trained side, a copy
 * that only predicts, and the largest finite count of gradients on its way through the bytes.
 */
class MixingEdgesKnownAnswerTest {

  private static OnlineClassifier trainedBase() {
    OnlineClassifier base = new OnlineClassifier(Settings.builder(LearningRateSchedule.PER_COORDINATE).seed(2).build(),
        header(2, 2));
    for (int i = 0; i < 20; i++) {
      base.train(instance(new int[] {0, 1}, new double[] {i % 3, i % 5 - 2}, 2, i % 2));
    }
    return base;
  }

  /** A delta names its base's generator state and size, and carries its trained side's generator state. */
  @Test
  void aDeltaNamesItsBaseAndItsTrainedSide() throws IOException {
    OnlineClassifier base = trainedBase();
    PartitionCopy copy = new PartitionCopy(base, 0);
    copy.train(instance(new int[] {0, 1}, new double[] {1, 2}, 2, 1));
    SessionDelta d = copy.delta(0);
    assertEquals(base.model().random().state(), d.baseRandomState());
    assertEquals(base.model().numCoordinates(), d.numCoordinates());
    assertEquals(copy.session().model().random().state(), d.randomState());
    SessionDelta back = SessionDelta.fromBytes(d.toBytes());
    assertEquals(d.baseRandomState(), back.baseRandomState());
    assertEquals(d.numCoordinates(), back.numCoordinates());
    assertEquals(d.randomState(), back.randomState());
  }

  /**
   * A copy that only predicts changes no coefficient and no example count, but its encoder counts the missing
   * value it met: the merge passes that count on, as a single session predicting the same instance counts it.
   */
  @Test
  void aCopyThatOnlyPredictsPassesOnItsCounts() {
    OnlineClassifier base = trainedBase();
    InstanceView missing = instance(new int[] {0, 1}, new double[] {Double.NaN, 1}, 2, 0);
    OnlineClassifier single = base.copy();
    single.predict(missing);
    assertEquals(base.encoder().missingValues() + 1, single.encoder().missingValues());
    PartitionCopy copy = new PartitionCopy(base, 0);
    copy.predict(missing);
    OnlineClassifier merged = ParameterMixing.merge(base, List.of(copy.delta(0))).session();
    assertEquals(single.encoder().missingValues(), merged.encoder().missingValues());
    assertEquals(base.model().examplesSeen(), merged.model().examplesSeen());
  }

  /** The adaptive rate's count of gradients at the largest finite double travels in a delta's bytes. */
  @Test
  void theLargestCountOfGradientsTravels() throws IOException {
    OnlineClassifier base = new OnlineClassifier(Settings.builder(LearningRateSchedule.PER_COORDINATE).seed(2).build(),
        header(2, 2));
    base.model().setRateStatistics(8, Double.MAX_VALUE);
    PartitionCopy copy = new PartitionCopy(base, 0);
    copy.train(instance(new int[] {0, 1}, new double[] {1, 1}, 2, 1));
    SessionDelta d = copy.delta(0);
    assertEquals(Double.MAX_VALUE, d.gradients(), 0.0);
    SessionDelta back = SessionDelta.fromBytes(d.toBytes());
    assertEquals(Double.MAX_VALUE, back.gradients(), 0.0);
    assertTrue(back.applyTo(base).model().gradients() == Double.MAX_VALUE);
  }

  /** A listed coordinate at or past the declared count is refused, the message naming the valid range. */
  @Test
  void aCoordinatePastTheCountNamesTheRange() throws IOException {
    OnlineClassifier base = trainedBase();
    PartitionCopy copy = new PartitionCopy(base, 0);
    copy.train(instance(new int[] {0, 1}, new double[] {1, 2}, 2, 1));
    byte[] bytes = copy.delta(0).toBytes();
    long n = base.model().numCoordinates();
    // magic (4), version, flags, grid (1 each), the base's generator state (8), then the coordinate count (8)
    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes);
    assertEquals(n, b.getLong(15));
    b.putLong(15, 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SessionDelta.fromBytes(bytes));
    assertTrue(e.getMessage().startsWith("session delta: coordinate ") && e.getMessage().endsWith(" outside 0..0"),
        e.getMessage());
  }
}
