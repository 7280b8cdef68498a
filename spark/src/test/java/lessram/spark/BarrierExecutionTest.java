package lessram.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * {@code mixingExecution = barrier} (one barrier stage per epoch, the tasks merging the changes themselves) against
 * the job-per-round schedule on the same data: the same model bit for bit, the same progressive figures and bytes
 * sent, with more partitions than the session's two slots (a task then trains several partitions), several
 * epochs, and a continued fit (failing tasks: {@link UnusualInputTest}).
 */
class BarrierExecutionTest {

  private static LessRamLogisticRegressionModel fit(LessRamLogisticRegression lr, String execution,
      Dataset<Row> data) {
    return lr.copy(new org.apache.spark.ml.param.ParamMap()).setMixingExecution(execution).fit(data);
  }

  /** Asserts the same model, serialized bit for bit, and the same round figures. */
  private static void assertSameFit(LessRamLogisticRegressionModel jobs, LessRamLogisticRegressionModel barrier) {
    EstimatorTest.assertSameModel(jobs.sessionView(), barrier.sessionView());
    assertArrayEquals(ExecutorModels.serialize(jobs.sessionView()), ExecutorModels.serialize(barrier.sessionView()),
        "the serialized models");
    TrainingSummary a = jobs.summary();
    TrainingSummary b = barrier.summary();
    assertEquals(a.rounds().size(), b.rounds().size());
    for (int i = 0; i < a.rounds().size(); i++) {
      TrainingSummary.Round x = a.rounds().get(i);
      TrainingSummary.Round y = b.rounds().get(i);
      assertEquals(x.examples(), y.examples(), "examples of round " + i);
      assertEquals(x.partitions(), y.partitions(), "partitions of round " + i);
      assertEquals(x.logLoss(), y.logLoss(), 0.0, "log loss of round " + i);
      assertEquals(x.bytesUp(), y.bytesUp(), "bytes up in round " + i);
    }
    assertEquals(a.logLoss(), b.logLoss(), 0.0);
    assertEquals(a.auc(), b.auc(), 0.0);
    assertEquals(a.bytesUp(), b.bytesUp());
    assertTrue(b.mergedInTasks() && !a.mergedInTasks());
    assertTrue(b.mergeCpuMillis() > 0 && b.trainCpuMillis() > 0, b.cpuBreakdown());
    assertTrue(b.cpuBreakdown().contains("decoding and merging"), b.cpuBreakdown());
  }

  @Test
  void barrierStagesGiveTheModelOfJobPerRound() {
    List<Row> rows = SparkTests.rows(3000, 120, 8, 2, true, 21);
    LessRamLogisticRegression lr = new LessRamLogisticRegression().setRoundSize(150).setSeed(5);
    // 4 and 3 partitions on 2 slots: tasks train two partitions (or one and two); 2: one each
    for (int partitions : new int[] {4, 3, 2}) {
      Dataset<Row> data = SparkTests.slices(rows, partitions);
      LessRamLogisticRegressionModel j = fit(lr, "jobs", data);
      LessRamLogisticRegressionModel b = fit(lr, "barrier", data);
      assertSameFit(j, b);
    }
  }

  @Test
  void theBarrierTimerDoesNotKeepTheJvmAlive() {
    List<Row> rows = SparkTests.rows(400, 20, 3, 2, true, 24);
    fit(new LessRamLogisticRegression().setRoundSize(100), "barrier", SparkTests.slices(rows, 2));
    int timers = 0;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("Barrier task timer") && t.isAlive()) {
        timers++;
        assertTrue(t.isDaemon(), "a daemon: " + t);
      }
    }
    assertTrue(timers <= 1, "one timer thread at most: " + timers);
  }

  @Test
  void severalEpochsMulticlassAndFixedRate() {
    List<Row> rows = SparkTests.rows(1800, 30, 5, 3, false, 22);
    LessRamLogisticRegression lr = new LessRamLogisticRegression().setRoundSize(100).setNumEpochs(3).setAlpha(0.2)
        .setExchangeFractionBits(8);
    Dataset<Row> data = SparkTests.slices(rows, 5);
    LessRamLogisticRegressionModel jobs = fit(lr, "jobs", data);
    LessRamLogisticRegressionModel barrier = fit(lr, "barrier", data);
    assertSameFit(jobs, barrier);
    assertEquals(3 * 1800, barrier.sessionView().model().examplesSeen());
  }

  @Test
  void continuingAFitGivesTheSameModel() {
    List<Row> rows = SparkTests.rows(1200, 40, 5, 2, true, 23);
    LessRamLogisticRegression lr = new LessRamLogisticRegression().setRoundSize(100);
    Dataset<Row> data = SparkTests.slices(rows, 4);
    LessRamLogisticRegressionModel start = lr.fit(data);
    LessRamLogisticRegressionModel jobs = lr.copy(new org.apache.spark.ml.param.ParamMap())
        .setMixingExecution("jobs").fit(data, start);
    LessRamLogisticRegressionModel barrier = lr.copy(new org.apache.spark.ml.param.ParamMap())
        .setMixingExecution("barrier").fit(data, start);
    assertSameFit(jobs, barrier);
  }

  @Test
  void streamMicroBatchesGiveTheSameModel() throws Exception {
    List<Row> rows = SparkTests.rows(900, 30, 5, 2, true, 25);
    StreamingTrainer jobs = new StreamingTrainer(new LessRamLogisticRegression().setRoundSize(60)
        .setMixingExecution("jobs"));
    StreamingTrainer barrier = new StreamingTrainer(new LessRamLogisticRegression().setRoundSize(60)
        .setMixingExecution("barrier"));
    for (int b = 0; b < 3; b++) {
      Dataset<Row> batch = SparkTests.slices(rows.subList(b * 300, (b + 1) * 300), 3);
      jobs.call(batch, (long) b);
      barrier.call(batch, (long) b);
      assertArrayEquals(ExecutorModels.serialize(jobs.model().sessionView()),
          ExecutorModels.serialize(barrier.model().sessionView()), "the models after batch " + b);
    }
    assertEquals(900, barrier.model().sessionView().model().examplesSeen());
    jobs.close();
    barrier.close();
  }
}
