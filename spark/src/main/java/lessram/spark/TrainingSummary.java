package lessram.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * What a distributed fit did, round by round: examples, the progressive log loss of the round (each example
 * predicted by its partition's copy just before the copy trained on it), the bytes exchanged (partitions to
 * driver: the copies' changes; driver to executors: the merged changes, fetched once per executor) and where
 * the time went. The first epoch's predictions are progressive validation of the whole run; later epochs see
 * the data again.
 */
public final class TrainingSummary implements Serializable {
  private static final long serialVersionUID = 1L;

  /** One round. */
  public static final class Round implements Serializable {
    private static final long serialVersionUID = 1L;
    final int epoch;
    final int round;
    final int partitions;
    final int contributors;
    final long examples;
    final double logLoss;
    final long bytesUp;
    final long bytesDown;
    final long touchedUp;
    final long touchedDown;
    final double wallMillis;
    final double modelMillis;
    final double trainMillis;
    final double trainCpuMillis;
    final double deltaMillis;
    final double mergeMillis;
    /** CPU times: the tasks' model preparation and change statements (summed), the driver's decode and merge. */
    final double modelCpuMillis;
    final double deltaCpuMillis;
    final double mergeCpuMillis;

    Round(int epoch, int round, int partitions, int contributors, long examples, double logLoss, long bytesUp,
        long bytesDown, long touchedUp, long touchedDown, double wallMillis, double modelMillis, double trainMillis,
        double trainCpuMillis, double deltaMillis, double mergeMillis, double[] cpuMillis) {
      this.epoch = epoch;
      this.round = round;
      this.partitions = partitions;
      this.contributors = contributors;
      this.examples = examples;
      this.logLoss = logLoss;
      this.bytesUp = bytesUp;
      this.bytesDown = bytesDown;
      this.touchedUp = touchedUp;
      this.touchedDown = touchedDown;
      this.wallMillis = wallMillis;
      this.modelMillis = modelMillis;
      this.trainMillis = trainMillis;
      this.trainCpuMillis = trainCpuMillis;
      this.deltaMillis = deltaMillis;
      this.mergeMillis = mergeMillis;
      this.modelCpuMillis = cpuMillis[0];
      this.deltaCpuMillis = cpuMillis[1];
      this.mergeCpuMillis = cpuMillis[2];
    }

    public int epoch() {
      return epoch;
    }

    public int round() {
      return round;
    }

    /** Partitions that had rows in this round. */
    public int partitions() {
      return partitions;
    }

    public long examples() {
      return examples;
    }

    /** Progressive log loss of the round's labelled examples. */
    public double logLoss() {
      return logLoss;
    }

    /** Bytes of the copies' changes, sent by the partitions to the driver. */
    public long bytesUp() {
      return bytesUp;
    }

    /** Bytes of the merged changes the driver broadcasts (each executor fetches them once). */
    public long bytesDown() {
      return bytesDown;
    }

    /** Coordinates listed in the copies' changes, summed over partitions. */
    public long touchedUp() {
      return touchedUp;
    }

    /** Coordinates the merge changed. */
    public long touchedDown() {
      return touchedDown;
    }

    /** Driver wall time of the round (job, merge, broadcast). */
    public double wallMillis() {
      return wallMillis;
    }

    /** Task time training (predict, train), summed over partitions. */
    public double trainMillis() {
      return trainMillis;
    }

    /** Task CPU time training (the tasks' threads), summed over partitions. */
    public double trainCpuMillis() {
      return trainCpuMillis;
    }

    /** Task time getting the round's model and copying it, summed over partitions. */
    public double modelMillis() {
      return modelMillis;
    }

    /** Task time stating and encoding the copies' changes, summed over partitions. */
    public double deltaMillis() {
      return deltaMillis;
    }

    /** Driver time merging and encoding the merged changes. */
    public double mergeMillis() {
      return mergeMillis;
    }

    /** Task CPU time getting the round's model and preparing the copy, summed over partitions. */
    public double modelCpuMillis() {
      return modelCpuMillis;
    }

    /** Task CPU time stating and encoding the copies' changes, summed over partitions. */
    public double deltaCpuMillis() {
      return deltaCpuMillis;
    }

    /** Driver CPU time decoding the changes, merging them and encoding the merged changes. */
    public double mergeCpuMillis() {
      return mergeCpuMillis;
    }
  }

  private final List<Round> rounds = new ArrayList<>();
  private final List<ProgressiveMetrics> epochs = new ArrayList<>();
  private long numCoordinates;
  private double prepareMillis;
  private double totalMillis;
  private double roundsCpuMillis = Double.NaN;
  /** The rounds' CPU by who spent it ({@link CpuMeter#stop}), ms. */
  private double[] roundsCpu = {Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN};

  void addRound(Round r, ProgressiveMetrics roundMetrics) {
    rounds.add(r);
    while (epochs.size() <= r.epoch) {
      epochs.add(new ProgressiveMetrics());
    }
    epochs.get(r.epoch).add(roundMetrics);
  }

  void setNumCoordinates(long n) {
    numCoordinates = n;
  }

  void setTimes(double prepareMillis, double totalMillis) {
    this.prepareMillis = prepareMillis;
    this.totalMillis = totalMillis;
  }

  /** The rounds, in order. */
  public List<Round> rounds() {
    return Collections.unmodifiableList(rounds);
  }

  private ProgressiveMetrics first() {
    return epochs.isEmpty() ? new ProgressiveMetrics() : epochs.get(0);
  }

  /** Examples in the first epoch. */
  public long examples() {
    return sumLong(r -> r.epoch == 0 ? r.examples : 0);
  }

  /** Labelled examples scored in the first epoch (progressive validation). */
  public long scoredExamples() {
    return first().examples();
  }

  /** Progressive log loss over the first epoch. */
  public double logLoss() {
    return first().logLoss();
  }

  /** Progressive accuracy over the first epoch. */
  public double accuracy() {
    return first().accuracy();
  }

  /** Progressive AUC over the first epoch (two classes; NaN otherwise). */
  public double auc() {
    return first().auc();
  }

  /** Log loss of the predictions of epoch {@code e} (0-based; after the first, on data seen before). */
  public double logLoss(int epoch) {
    return epochs.get(epoch).logLoss();
  }

  /** Bytes sent by the partitions, all rounds. */
  public long bytesUp() {
    return sumLong(r -> r.bytesUp);
  }

  /** Bytes broadcast by the driver, all rounds. */
  public long bytesDown() {
    return sumLong(r -> r.bytesDown);
  }

  /** Coordinates of the model. */
  public long numCoordinates() {
    return numCoordinates;
  }

  /** Bytes of the model's coordinates as dense float32: the yardstick of the exchange. */
  public long denseFloat32Bytes() {
    return 4 * numCoordinates;
  }

  /**
   * The most bytes sent in one round by one partition (on average over the round's partitions) or broadcast by
   * the driver, as a share of {@link #denseFloat32Bytes()}.
   */
  public double largestRoundShare() {
    double m = 0;
    for (Round r : rounds) {
      m = Math.max(m, Math.max((double) r.bytesUp / Math.max(1, r.partitions), r.bytesDown));
    }
    return m / Math.max(1, denseFloat32Bytes());
  }

  /** Bytes per coordinate listed in the partitions' changes. */
  public double bytesPerTouchedCoordinate() {
    long t = sumLong(r -> r.touchedUp);
    return t == 0 ? 0 : (double) bytesUp() / t;
  }

  /** Time reading and caching the input, ms. */
  public double prepareMillis() {
    return prepareMillis;
  }

  /** Wall time of the whole fit, ms. */
  public double totalMillis() {
    return totalMillis;
  }

  /** Wall time of the rounds, ms. */
  public double roundMillis() {
    return sum(r -> r.wallMillis);
  }

  /** Task time training, all rounds and partitions, ms. */
  public double trainMillis() {
    return sum(r -> r.trainMillis);
  }

  /** Task CPU time training, all rounds and partitions, ms. */
  public double trainCpuMillis() {
    return sum(r -> r.trainCpuMillis);
  }

  /** Spark's other threads' CPU during the rounds by pool, ms, largest first. */
  private java.util.LinkedHashMap<String, Double> otherThreads = new java.util.LinkedHashMap<>();

  /** The garbage collectors' collection time during the rounds, ms, as the JVM reports it. */
  private double gcPauseMillis = Double.NaN;

  /** Whether the tasks merged the changes themselves (barrier execution) rather than the driver. */
  private boolean mergedInTasks;

  void setMergedInTasks(boolean b) {
    mergedInTasks = b;
  }

  /**
   * Whether the rounds ran as barrier stages ({@code mixingExecution = barrier}): the tasks exchanged their changes
   * and merged them themselves; then {@link #mergeCpuMillis()} is task time, and {@link #bytesDown()} counts the
   * partitions' changes each task received.
   */
  public boolean mergedInTasks() {
    return mergedInTasks;
  }

  void setRoundsCpu(double[] ms, java.util.Map<String, Double> otherThreads, double gcPauseMillis) {
    this.gcPauseMillis = gcPauseMillis;
    roundsCpuMillis = ms[0];
    roundsCpu = ms.clone();
    this.otherThreads = new java.util.LinkedHashMap<>(otherThreads);
  }

  /**
   * CPU time of the driver's JVM during the rounds, ms (NaN where the JVM does not report it). In local mode
   * the executors run in that JVM, so this is all the work of the rounds: training, Spark's scheduling, the
   * merge, garbage collection; examples per CPU second is the throughput per core.
   */
  public double roundsCpuMillis() {
    return roundsCpuMillis;
  }

  /**
   * CPU time of Spark's task threads during the rounds, ms (local mode: the executors' whole work, training
   * included; NaN where the JVM does not report thread CPU time).
   */
  public double tasksCpuMillis() {
    return roundsCpu[1];
  }

  /** CPU time of the driver's thread during the rounds (scheduling, decoding, merging, broadcasting), ms. */
  public double driverCpuMillis() {
    return roundsCpu[2];
  }

  /** CPU time of Spark's other threads during the rounds (event loops, block manager, RPC), ms. */
  public double sparkThreadsCpuMillis() {
    return roundsCpu[3];
  }

  /** CPU time of the rounds no Java thread accounts for (garbage collection, JIT compilation, the VM), ms. */
  public double vmCpuMillis() {
    return roundsCpu[4];
  }

  /** Task time getting and copying models plus stating changes, all rounds and partitions, ms. */
  public double taskOverheadMillis() {
    return sum(r -> r.modelMillis + r.deltaMillis);
  }

  /** Task CPU time getting the models and preparing the copies, all rounds and partitions, ms. */
  public double modelCpuMillis() {
    return sum(r -> r.modelCpuMillis);
  }

  /** Task CPU time stating and encoding the copies' changes, all rounds and partitions, ms. */
  public double deltaCpuMillis() {
    return sum(r -> r.deltaCpuMillis);
  }

  /**
   * CPU time decoding, merging and encoding the changes, all rounds, ms: the driver's, or with {@link
   * #mergedInTasks()} the tasks' (once per executor JVM and round).
   */
  public double mergeCpuMillis() {
    return sum(r -> r.mergeCpuMillis);
  }

  /**
   * Where the rounds' CPU time went, one line: the tasks (training; the model and copy; the changes; the rest of
   * the task threads' time: Spark's task wrapper), the driver (decoding and merging; the rest: Spark's jobs and
   * broadcasts), Spark's other threads, and what no Java thread accounts for (garbage collection, JIT).
   */
  public String cpuBreakdown() {
    double tasks = tasksCpuMillis();
    double inTasks = trainCpuMillis() + modelCpuMillis() + deltaCpuMillis();
    StringBuilder pools = new StringBuilder();
    for (java.util.Map.Entry<String, Double> e : otherThreads.entrySet()) {
      if (pools.length() < 160 && e.getValue() >= 10) {
        pools.append(pools.length() == 0 ? " (" : ", ").append(e.getKey())
            .append(String.format(Locale.ROOT, " %.2f", e.getValue() / 1000));
      }
    }
    if (pools.length() > 0) {
      pools.append(')');
    }
    if (mergedInTasks) {
      return String.format(Locale.ROOT, "rounds CPU %.2f s: tasks %.2f s (training %.2f, model and copy %.2f, "
          + "changes %.2f, decoding and merging %.2f, Spark's task wrapper and allGather %.2f); driver %.2f s (jobs "
          + "and broadcasts); Spark's other threads %.2f s%s; garbage collection, JIT and VM %.2f s (collections "
          + "took %.2f s)",
          roundsCpuMillis / 1000,
          tasks / 1000, trainCpuMillis() / 1000, modelCpuMillis() / 1000, deltaCpuMillis() / 1000,
          mergeCpuMillis() / 1000, (tasks - inTasks - mergeCpuMillis()) / 1000, driverCpuMillis() / 1000,
          sparkThreadsCpuMillis() / 1000, pools, vmCpuMillis() / 1000, gcPauseMillis / 1000);
    }
    return String.format(Locale.ROOT, "rounds CPU %.2f s: tasks %.2f s (training %.2f, model and copy %.2f, "
        + "changes %.2f, Spark's task wrapper %.2f); driver %.2f s (decoding and merging %.2f, jobs and broadcasts "
        + "%.2f); Spark's other threads %.2f s%s; garbage collection, JIT and VM %.2f s (collections took %.2f s)",
        roundsCpuMillis / 1000,
        tasks / 1000, trainCpuMillis() / 1000, modelCpuMillis() / 1000, deltaCpuMillis() / 1000,
        (tasks - inTasks) / 1000, driverCpuMillis() / 1000, mergeCpuMillis() / 1000,
        (driverCpuMillis() - mergeCpuMillis()) / 1000, sparkThreadsCpuMillis() / 1000, pools, vmCpuMillis() / 1000,
        gcPauseMillis / 1000);
  }

  /** Driver merge time, all rounds, ms. */
  public double mergeMillis() {
    return sum(r -> r.mergeMillis);
  }

  private double sum(java.util.function.ToDoubleFunction<Round> f) {
    double s = 0;
    for (Round r : rounds) {
      s += f.applyAsDouble(r);
    }
    return s;
  }

  private long sumLong(java.util.function.ToLongFunction<Round> f) {
    long s = 0;
    for (Round r : rounds) {
      s += f.applyAsLong(r);
    }
    return s;
  }

  /** One line per round. */
  public String roundTable() {
    StringBuilder b = new StringBuilder(
        "epoch round parts examples  logloss   bytes_up bytes_down touched_up touched_down  wall_ms train_ms model_ms delta_ms merge_ms\n");
    for (Round r : rounds) {
      b.append(String.format(Locale.ROOT, "%5d %5d %5d %8d %8.5f %10d %10d %10d %12d %8.1f %8.1f %8.1f %8.1f %8.1f%n",
          r.epoch, r.round, r.partitions, r.examples, r.logLoss, r.bytesUp, r.bytesDown, r.touchedUp, r.touchedDown,
          r.wallMillis, r.trainMillis, r.modelMillis, r.deltaMillis, r.mergeMillis));
    }
    return b.toString();
  }

  @Override
  public String toString() {
    int n = rounds.size();
    return String.format(Locale.ROOT,
        "%d examples, %d rounds: progressive log loss %.5f, AUC %.5f, accuracy %.4f; exchanged %d bytes up, %d down "
            + "(%.2f bytes per changed coordinate; largest round %.4f of a dense float32 model of %d coordinates); "
            + "%.1f s in all: input %.1f s, rounds %.1f s (tasks: training %.1f s, models and changes %.1f s; "
            + "merging %.1f s)",
        examples(), n, logLoss(), auc(), accuracy(), bytesUp(), bytesDown(), bytesPerTouchedCoordinate(),
        largestRoundShare(), numCoordinates, totalMillis / 1000, prepareMillis / 1000, roundMillis() / 1000,
        trainMillis() / 1000, taskOverheadMillis() / 1000, mergeMillis() / 1000);
  }
}
