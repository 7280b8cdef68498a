package lessram.spark.examples;

import com.yahoo.labs.samoa.instances.Instance;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lessram.spark.LessRamLogisticRegression;
import lessram.spark.LessRamLogisticRegressionModel;
import lessram.spark.TrainingSummary;
import moa.classifiers.lessram.ApproximateCountLogisticRegression;
import moa.streams.lessram.LibSvmFileStream;
import moa.streams.lessram.SparseClickStreamGenerator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Distributed training on the click-through-like stream ({@code lessram.SparseClickStreamGenerator}, 20 Zipf
 * categorical fields hashed into 2^22 binary features, 15% clicks), written to a LIBSVM file first and read with
 * Spark's {@code libsvm} source. Prints, per run, progressive log loss and AUC (every example predicted by its
 * partition's copy before training on it), the bytes exchanged and where the time went; with {@code --baseline},
 * the single-machine learner on the same data (one partition, one round: the sequential learner, the MOA learner
 * bit for bit); with {@code --moa}, the MOA learner's own prequential speed on the same instances in memory.
 *
 * <pre>
 * --data FILE          LIBSVM file (written first if missing; --n instances, default 1000000)
 * --partitions P       partitions (default 4); --round-sizes R1,R2,... rows per partition and round
 *                      (default: the estimator's default)
 * --master M           Spark master (default: spark-submit's, else local[2]); --baseline; --moa; --rounds
 *                      (per-round table); --write-only (write the data file and stop)
 * --exchange-bits E    grid of the exchanged changes (0: exact); --mixing average|extrapolated
 * --execution E1,...   mixingExecution of the fits, each round size fitted once per entry, in order: jobs,
 *                      barrier (default: the estimator's); with two or more, whether the models are the same
 * --alpha A            a fixed learning-rate scale for the Spark fits (default: the adaptive rate; 0.2 was the
 *                      fixed default of earlier figures)
 * </pre>
 */
public final class ClickStreamFit {
  /** Features of the default click stream (2^22). */
  static final int FEATURES = 1 << 22;

  private ClickStreamFit() {
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> o = options(args);
    String data = o.getOrDefault("data", "click.libsvm");
    int n = Integer.parseInt(o.getOrDefault("n", "1000000"));
    if (!data.contains("://") && !new File(data).exists()) {
      long t = System.nanoTime();
      write(data, n);
      System.out.printf(Locale.ROOT, "wrote %d instances of the click stream to %s (%.1f s)%n", n, data,
          (System.nanoTime() - t) / 1e9);
    }
    if (o.containsKey("write-only")) {
      return;
    }
    SparkSession spark = ClickStreamFit.session(o)
        .appName("lessram click stream").config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false").getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    int partitions = Integer.parseInt(o.getOrDefault("partitions", "4"));
    int cores = spark.sparkContext().defaultParallelism();
    // "rounds CPU s": CPU time of this JVM during the rounds (local mode: driver and executors, all the work);
    // "examples per CPU s": the throughput per core, whatever else runs on the machine
    System.out.printf(Locale.ROOT, "Spark %s, master %s (%d cores), %d partitions%n", spark.version(),
        spark.sparkContext().master(), cores, partitions);
    Dataset<Row> input = spark.read().format("libsvm").option("numFeatures", FEATURES).load(data);
    String header = "| run | partitions | rows/partition/round | rounds | log loss | AUC | bytes/partition/round "
        + "| of dense float32 | bytes/changed coord | input s | rounds s | rounds CPU s | training CPU s "
        + "| examples per CPU s | examples/s |";
    List<String> lines = new ArrayList<>();
    double baselineLoss = Double.NaN;
    if (o.containsKey("baseline")) {
      LessRamLogisticRegressionModel m = estimator(o).setRoundSize(Integer.MAX_VALUE).setNumPartitions(1).fit(input);
      baselineLoss = m.summary().logLoss();
      lines.add(line("single machine", 1, n(m.summary()), m.summary(), cores));
    }
    String sizes = o.getOrDefault("round-sizes", Integer.toString(LessRamLogisticRegression.DEFAULT_ROUND_SIZE));
    String[] executions = o.getOrDefault("execution", "").isEmpty() ? new String[] {""}
        : o.get("execution").split(",");
    for (String size : sizes.split(",")) {
     byte[] previous = null;
     for (String execution : executions) {
      LessRamLogisticRegression lr = estimator(o).setRoundSize(Integer.parseInt(size.trim())).setNumPartitions(partitions);
      if (!execution.isEmpty()) {
        lr.setMixingExecution(execution.trim());
      }
      LessRamLogisticRegressionModel m = lr.fit(input);
      TrainingSummary s = m.summary();
      String l = line("mixing" + (execution.isEmpty() ? "" : " (" + lr.getMixingExecution() + ")"), partitions,
          lr.getRoundSize(), s, cores);
      if (executions.length > 1) {
        // the executions must give the same model: compare the serialized sessions
        byte[] bytes = serialize(m.session());
        if (previous != null) {
          System.out.println("same model as the previous execution: " + java.util.Arrays.equals(previous, bytes));
        }
        previous = bytes;
      }
      if (baselineLoss == baselineLoss) {
        l += String.format(Locale.ROOT, " %+.2f%% log loss", 100 * (s.logLoss() / baselineLoss - 1));
      }
      lines.add(l);
      System.out.println(s);
      System.out.println(s.cpuBreakdown());
      if (o.containsKey("rounds")) {
        System.out.print(s.roundTable());
      }
     }
    }
    System.out.println();
    System.out.println(header);
    for (String l : lines) {
      System.out.println(l);
    }
    spark.stop();
    if (o.containsKey("moa")) {
      moa(data);
    }
  }

  /**
   * A session builder with the example's settings: the master from {@code --master}, else the one spark-submit
   * set, else {@code local[2]}.
   */
  static SparkSession.Builder session(Map<String, String> o) {
    SparkSession.Builder b = SparkSession.builder();
    if (o.containsKey("master")) {
      b.master(o.get("master"));
    } else if (System.getProperty("spark.master") == null) {
      b.master("local[2]");
    }
    return b;
  }

  private static LessRamLogisticRegression estimator(Map<String, String> o) {
    LessRamLogisticRegression lr = new LessRamLogisticRegression();
    if (o.containsKey("exchange-bits")) {
      lr.setExchangeFractionBits(Integer.parseInt(o.get("exchange-bits")));
    }
    if (o.containsKey("mixing")) {
      lr.setMixing(o.get("mixing"));
    }
    if (o.containsKey("alpha")) {
      lr.setAlpha(Double.parseDouble(o.get("alpha")));
    }
    return lr;
  }

  private static byte[] serialize(Object o) throws IOException {
    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(b)) {
      out.writeObject(o);
    }
    return b.toByteArray();
  }

  private static long n(TrainingSummary s) {
    return s.examples();
  }

  private static String line(String run, int partitions, long roundSize, TrainingSummary s, int cores) {
    int rounds = s.rounds().size();
    long upPerPartitionRound = s.bytesUp() / Math.max(1, rounds) / partitions;
    double roundsSeconds = s.roundMillis() / 1000;
    double cpuSeconds = s.roundsCpuMillis() / 1000;
    return String.format(Locale.ROOT, "| %s | %d | %d | %d | %.5f | %.5f | %d | %.4f | %.2f | %.1f | %.1f | %.1f | %.1f "
        + "| %.0f | %.0f |", run, partitions, roundSize, rounds, s.logLoss(), s.auc(), upPerPartitionRound,
        upPerPartitionRound / (double) s.denseFloat32Bytes(), s.bytesPerTouchedCoordinate(), s.prepareMillis() / 1000,
        roundsSeconds, cpuSeconds, s.trainCpuMillis() / 1000, s.examples() / cpuSeconds, s.examples() / roundsSeconds);
  }

  /**
   * The MOA learner's prequential speed on the file's instances, in memory: per CPU second of the thread that runs
   * it (the learner's own work) and per CPU second of the whole process (with the garbage collectors and JIT
   * compilers, as the Spark fits are counted; Spark is stopped by then).
   */
  private static void moa(String data) {
    LibSvmFileStream stream = new LibSvmFileStream();
    stream.fileOption.setValue(data);
    stream.numFeaturesOption.setValue(FEATURES);
    stream.prepareForUse();
    List<Instance> instances = new ArrayList<>();
    while (stream.hasMoreInstances()) {
      instances.add(stream.nextInstance().getData());
    }
    ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    for (int run = 0; run < 3; run++) {
      ApproximateCountLogisticRegression learner = new ApproximateCountLogisticRegression();
      learner.prepareForUse();
      double loss = 0;
      long cpu = bean.getCurrentThreadCpuTime();
      long process = processCpuNanos();
      for (Instance x : instances) {
        double[] v = learner.getVotesForInstance(x);
        double p = Math.min(1 - 1e-15, Math.max(1e-15, v[(int) x.classValue()]));
        loss -= Math.log(p);
        learner.trainOnInstance(x);
      }
      double seconds = (bean.getCurrentThreadCpuTime() - cpu) / 1e9;
      double processSeconds = (processCpuNanos() - process) / 1e9;
      System.out.printf(Locale.ROOT, "MOA ApproximateCountLogisticRegression, prequential in memory, run %d: %d "
          + "instances, log loss %.5f, %.2f s CPU, %.0f examples/s; process CPU %.2f s, %.0f examples per "
          + "process CPU s%n", run + 1, instances.size(), loss / instances.size(), seconds,
          instances.size() / seconds, processSeconds, instances.size() / processSeconds);
    }
  }

  /** CPU time of this JVM process, all threads, ns (0 if the JVM does not tell). */
  private static long processCpuNanos() {
    java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean
        ? ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() : 0;
  }

  /** Writes {@code n} instances of the default click stream as LIBSVM lines (labels 0/1, values 1). */
  static void write(String file, int n) throws IOException {
    SparseClickStreamGenerator g = new SparseClickStreamGenerator();
    g.prepareForUse();
    int classIndex = g.getHeader().classIndex();
    try (BufferedWriter w = Files.newBufferedWriter(Paths.get(file), StandardCharsets.US_ASCII)) {
      StringBuilder b = new StringBuilder();
      for (int t = 0; t < n; t++) {
        Instance x = g.nextInstance().getData();
        b.setLength(0);
        b.append((int) x.classValue());
        for (int p = 0; p < x.numValues(); p++) {
          int a = x.index(p);
          double v = x.valueSparse(p);
          if (a != classIndex && v != 0) {
            b.append(' ').append(a + 1).append(':');
            if (v == 1.0) {
              b.append('1');
            } else {
              b.append(v);
            }
          }
        }
        w.write(b.append('\n').toString());
      }
    }
  }

  static Map<String, String> options(String[] args) {
    Map<String, String> o = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument " + args[i]);
      }
      String key = args[i].substring(2);
      if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
        o.put(key, args[++i]);
      } else {
        o.put(key, "true");
      }
    }
    return o;
  }
}
