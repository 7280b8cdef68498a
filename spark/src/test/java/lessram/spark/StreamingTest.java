package lessram.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Structured Streaming over a folder of LIBSVM files, trained through foreachBatch with snapshots. */
class StreamingTest {
  private static final int D = 30;

  static StructType libsvmSchema(int numFeatures) {
    return new StructType().add("label", DataTypes.DoubleType, false).add("features", SQLDataTypes.VectorType(), false,
        new MetadataBuilder().putLong("numFeatures", numFeatures).build());
  }

  @Test
  void trainsMicroBatchesWithSnapshotsAndSkipsReplays(@TempDir Path dir) throws Exception {
    List<Row> rows = SparkTests.rows(1500, D, 5, 2, true, 8);
    Path in = Files.createDirectories(dir.resolve("in"));
    for (int f = 0; f < 3; f++) {
      InterchangeTest.writeLibSvm(rows.subList(f * 500, (f + 1) * 500), in.resolve("part-" + f + ".libsvm"));
    }
    LessRamLogisticRegression lr = new LessRamLogisticRegression().setRoundSize(100).setNumPartitions(2);
    String snapshots = dir.resolve("snapshots").toString();
    StreamingTrainer trainer = new StreamingTrainer(lr).snapshots(snapshots, 2);
    Dataset<Row> stream = SparkTests.spark().readStream().format("libsvm").schema(libsvmSchema(D))
        .option("maxFilesPerTrigger", 1).load(in.toString());
    StreamingQuery query = stream.writeStream().foreachBatch((VoidFunction2<Dataset<Row>, Long>) trainer)
        .option("checkpointLocation", dir.resolve("checkpoint").toString()).trigger(Trigger.AvailableNow()).start();
    assertTrue(query.awaitTermination(180_000), "the stream finished");
    List<StreamingTrainer.BatchReport> reports = trainer.reports();
    assertEquals(3, reports.size());
    for (StreamingTrainer.BatchReport r : reports) {
      assertEquals(500, r.examples());
      assertTrue(r.logLoss() > 0 && r.logLoss() < 2, r.toString());
    }
    assertTrue(reports.get(2).logLoss() < reports.get(0).logLoss(), "later batches are predicted better");
    assertEquals(1500, trainer.model().sessionView().model().examplesSeen());
    assertEquals(2, trainer.lastBatchId());

    // the snapshot after the second batch, named by LATEST
    assertEquals("1", new String(Files.readAllBytes(dir.resolve("snapshots").resolve("LATEST")),
        StandardCharsets.UTF_8).trim());
    LessRamLogisticRegressionModel snapshot = LessRamLogisticRegressionModel.load(snapshots + "/batch-1");
    assertEquals(1000, snapshot.sessionView().model().examplesSeen());

    // a replayed batch is not learned again
    Dataset<Row> first = SparkTests.spark().read().format("libsvm").option("numFeatures", D)
        .load(in.resolve("part-0.libsvm").toString());
    trainer.call(first, 1L);
    assertEquals(1500, trainer.model().sessionView().model().examplesSeen());

    // after a restart: on from the snapshot, batches after it trained again
    StreamingTrainer resumed = StreamingTrainer.resume(lr, snapshots, 2);
    assertEquals(1, resumed.lastBatchId());
    resumed.call(first, 1L);
    assertEquals(1000, resumed.model().sessionView().model().examplesSeen());
    resumed.call(first, 2L);
    assertEquals(1500, resumed.model().sessionView().model().examplesSeen());
    resumed.call(first.limit(0), 3L);
    assertEquals(0, resumed.reports().get(resumed.reports().size() - 1).examples());
    assertFalse(Double.isNaN(resumed.reports().get(0).auc()));
    trainer.close();
    resumed.close();
  }
}
