package lessram.spark.examples;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;
import lessram.spark.LessRamLogisticRegression;
import lessram.spark.StreamingTrainer;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructType;

/**
 * Continuous training from a folder of LIBSVM files as they arrive (Structured Streaming, {@code foreachBatch}):
 * each new file is a micro-batch, trained by parameter mixing; every batch prints its progressive log loss and AUC
 * (its rows predicted before they were trained on), and a snapshot of the model is saved every few batches.
 *
 * <pre>
 * --watch DIR          folder to watch (created if missing)
 * --features D         number of features (vector size; default 4194304, the click stream's)
 * --snapshots DIR      where snapshots go (default DIR/../snapshots), --every N batches (default 5)
 * --partitions P       partitions each micro-batch is trained on (default 2)
 * --checkpoint DIR     the query's checkpoint (default DIR/../checkpoint)
 * --feed FILE --parts K   simulate arrivals: cut FILE into K files and move them into the folder one by one
 * --master M           (default: spark-submit's, else local[2]); --seconds S: stop after S seconds without
 *                      --feed (default: run on)
 * </pre>
 */
public final class StreamingLibSvm {
  private StreamingLibSvm() {
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> o = ClickStreamFit.options(args);
    Path watch = Paths.get(o.getOrDefault("watch", "incoming"));
    Files.createDirectories(watch);
    Path parent = watch.toAbsolutePath().getParent();
    int features = Integer.parseInt(o.getOrDefault("features", Integer.toString(ClickStreamFit.FEATURES)));
    String snapshots = o.getOrDefault("snapshots", parent.resolve("snapshots").toString());
    String checkpoint = o.getOrDefault("checkpoint", parent.resolve("checkpoint").toString());
    int every = Integer.parseInt(o.getOrDefault("every", "5"));
    SparkSession spark = ClickStreamFit.session(o)
        .appName("lessram streaming").config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false").getOrCreate();
    spark.sparkContext().setLogLevel("WARN");

    StructType schema = new StructType().add("label", DataTypes.DoubleType, false).add("features",
        SQLDataTypes.VectorType(), false, new MetadataBuilder().putLong("numFeatures", features).build());
    LessRamLogisticRegression lr = new LessRamLogisticRegression()
        .setNumPartitions(Integer.parseInt(o.getOrDefault("partitions", "2")));
    StreamingTrainer trainer = StreamingTrainer.resume(lr, snapshots, every)
        .onBatch(r -> System.out.println(r));
    Dataset<Row> stream = spark.readStream().format("libsvm").schema(schema).option("maxFilesPerTrigger", 1)
        .load(watch.toString());
    StreamingQuery query = stream.writeStream().foreachBatch((VoidFunction2<Dataset<Row>, Long>) trainer)
        .option("checkpointLocation", checkpoint).trigger(Trigger.ProcessingTime("1 second")).start();
    System.out.println("watching " + watch + " for LIBSVM files (snapshots every " + every + " batches in "
        + snapshots + ")");
    if (o.containsKey("feed")) {
      feed(Paths.get(o.get("feed")), Integer.parseInt(o.getOrDefault("parts", "10")), watch, query);
      query.processAllAvailable();
      query.stop();
    } else if (o.containsKey("seconds")) {
      query.awaitTermination(1000L * Integer.parseInt(o.get("seconds")));
      query.stop();
    } else {
      query.awaitTermination();
    }
    trainer.close();
    if (trainer.model() != null) {
      System.out.printf(Locale.ROOT, "model after batch %d: %d examples trained%n", trainer.lastBatchId(),
          trainer.model().session().model().examplesSeen());
    }
    spark.stop();
  }

  /** Cuts {@code file} into {@code parts} files and moves them into {@code watch} one by one, as they would arrive. */
  private static void feed(Path file, int parts, Path watch, StreamingQuery query) throws Exception {
    long lines;
    try (java.util.stream.Stream<String> s = Files.lines(file, StandardCharsets.US_ASCII)) {
      lines = s.count();
    }
    long perPart = (lines + parts - 1) / parts;
    Path staging = Files.createTempDirectory(watch.toAbsolutePath().getParent(), "feed-");
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
      for (int p = 0; p < parts; p++) {
        Path part = staging.resolve(String.format(Locale.ROOT, "part-%05d.libsvm", p));
        try (BufferedWriter w = Files.newBufferedWriter(part, StandardCharsets.US_ASCII)) {
          String line;
          for (long i = 0; i < perPart && (line = in.readLine()) != null; i++) {
            w.write(line);
            w.write('\n');
          }
        }
        // an atomic move: the stream never sees a half-written file
        Files.move(part, watch.resolve(part.getFileName()), StandardCopyOption.ATOMIC_MOVE);
        query.processAllAvailable();
      }
    }
    Files.deleteIfExists(staging);
  }
}
