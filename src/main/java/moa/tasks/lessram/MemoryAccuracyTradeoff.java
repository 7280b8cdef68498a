package moa.tasks.lessram;

import com.github.javacliparser.FileOption;
import com.github.javacliparser.FlagOption;
import com.github.javacliparser.FloatOption;
import com.github.javacliparser.IntOption;
import com.github.javacliparser.StringOption;
import com.yahoo.labs.samoa.instances.Instance;
import com.yahoo.labs.samoa.instances.InstancesHeader;
import java.io.File;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import moa.capabilities.Capability;
import moa.capabilities.ImmutableCapabilities;
import moa.classifiers.Classifier;
import moa.core.Example;
import moa.core.Measurement;
import moa.core.ObjectRepository;
import moa.core.SizeOf;
import moa.options.ClassOption;
import moa.streams.ExampleStream;
import moa.tasks.ClassificationMainTask;
import moa.tasks.TaskMonitor;

/**
 * Reproduces the memory-versus-accuracy frontier of Golovin, Sculley, McMahan and Young, "Large-Scale
 * Learning with Less RAM via Randomization" (ICML 2013), Figure 2 and Section 6, on any MOA stream:
 * prequential (test-then-train) evaluation of a grid of learner configurations (see
 * {@link TradeoffConfiguration}), then a CSV and two PNG plots of measured bits per coordinate against the
 * change in log loss and in AucLoss relative to a control.
 *
 * <p>One pass: the stream is read once; each block of {@value #BLOCK} instances is given to every
 * configuration in turn (each predicts an instance, then trains on it, in stream order), so every
 * configuration sees exactly the prequential sequence and the CPU time of each is measured on its own
 * (thread CPU time around its block). The stream must return a fresh instance object per call, as MOA's
 * streams do.
 *
 * <p>MOA's {@code functions.SGD} and {@code bayes.NaiveBayes} cost time (and NaiveBayes memory) in
 * proportion to the number of attributes for every instance: on a stream with 2^22 hashed attributes
 * about 17 ms and 0.5 s per instance here. They therefore run on the first {@code -b} instances only,
 * on a copy of each instance whose features are folded into {@code 2^k} attributes (option {@code -k})
 * when the stream has more; their relative figures compare with the control over the same first
 * instances.
 *
 * <p>Run it with {@code moa.DoTask "lessram.MemoryAccuracyTradeoff ..."} (MOA resolves the name in
 * package {@code moa.tasks}); see {@code examples/tradeoff.sh}.
 */
public class MemoryAccuracyTradeoff extends ClassificationMainTask {
  private static final long serialVersionUID = 1L;

  /** Instances handed to each configuration at a time. */
  static final int BLOCK = 512;

  public ClassOption streamOption = new ClassOption("stream", 's',
      "Stream to evaluate on (any MOA stream; for LIBSVM files lessram.LibSvmFileStream, for ARFF"
          + " ArffFileStream).",
      ExampleStream.class, "lessram.SparseClickStreamGenerator");

  public IntOption instanceLimitOption = new IntOption("instanceLimit", 'i',
      "Instances to test and train on (-1 = until the stream ends).", 1_000_000, -1, Integer.MAX_VALUE);

  public StringOption configurationsOption = new StringOption("configurations", 'c',
      "Comma-separated configuration names (* matches any characters, e.g. *-randomized); empty = all."
          + " The control is always included. Names: " + TradeoffConfiguration.validNames(),
      "");

  public StringOption controlOption = new StringOption("control", 'C',
      "Configuration the relative log loss and AucLoss compare with.", TradeoffConfiguration.DEFAULT_CONTROL);

  public IntOption referenceBudgetOption = new IntOption("referenceBudget", 'b',
      "Instances MOA's reference learners (moa-SGD, moa-NaiveBayes) are run on: their cost per instance"
          + " grows with the number of attributes.",
      20_000, 1, Integer.MAX_VALUE);

  public IntOption referenceFoldBitsOption = new IntOption("referenceFoldBits", 'k',
      "Give MOA's reference learners the features folded into 2^k attributes when the stream has more"
          + " (feature index mod 2^k, values summed); 0 = never fold.",
      14, 0, 24);

  public FloatOption alphaOption = new FloatOption("alpha", 'a',
      "Learning-rate scale alpha for all of this project's learners; 0 = each learner's default.",
      0.0, 0.0, Double.MAX_VALUE);

  public FlagOption formerAlphasOption = new FlagOption("formerAlphas", 'A',
      "Without -a: give this project's learners the fixed alpha that was their default before the adaptive rate"
          + " (0.2 per coordinate, 0.5 global), as the published frontier figures were measured.");

  public IntOption seedOption = new IntOption("randomSeed", 'r',
      "Seed of this project's learners (randomized rounding, Morris counters).", 1);

  public StringOption learnerOptionsOption = new StringOption("learnerOptions", 'x',
      "Extra options appended to every one of this project's learners, e.g. \"-z none\" or \"-h 20\".", "");

  public FileOption csvFileOption = new FileOption("csvFile", 'd',
      "CSV file to write (one row per configuration); empty = none.", "tradeoff.csv", "csv", true);

  public StringOption plotPrefixOption = new StringOption("plotPrefix", 'p',
      "Plots are written to <prefix>-logloss.png and <prefix>-aucloss.png; empty = the CSV file's path"
          + " without .csv; '-' = no plots.",
      "");

  public StringOption titleOption = new StringOption("title", 't',
      "Name of the data in the plot titles; empty = the stream's command line.", "");

  public IntOption progressSecondsOption = new IntOption("progressSeconds", 'q',
      "Seconds between progress lines on standard output (0 = none; the task monitor is always updated).",
      5, 0, Integer.MAX_VALUE);

  @Override
  public String getPurposeString() {
    return "LessRAM: memory-versus-accuracy frontier (bits per coordinate against log loss and AucLoss) of"
        + " a grid of learner configurations, prequential evaluation in one pass; writes a CSV and PNG"
        + " plots (Golovin et al., ICML 2013, Figure 2).";
  }

  @Override
  public Class<?> getTaskResultType() {
    return TradeoffResult.class;
  }

  @Override
  public ImmutableCapabilities defineImmutableCapabilities() {
    return new ImmutableCapabilities(Capability.VIEW_STANDARD, Capability.VIEW_LITE);
  }

  /** MOA prepares the stream (opens files) before {@link #doMainTask}: name the stream if that fails. */
  @Override
  protected void prepareClassOptions(TaskMonitor monitor, ObjectRepository repository) {
    try {
      super.prepareClassOptions(monitor, repository);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("cannot open the stream '" + streamOption.getValueAsCLIString() + "': "
          + rootMessage(e), e);
    }
  }

  @Override
  protected Object doMainTask(TaskMonitor monitor, ObjectRepository repository) {
    long limit = instanceLimitOption.getValue();
    if (limit == 0) {
      throw new IllegalArgumentException("option -i instanceLimit must be at least 1 (or -1 for the whole"
          + " stream), got 0");
    }
    String control = controlOption.getValue().trim();
    List<TradeoffConfiguration> selected = TradeoffConfiguration.select(configurationsOption.getValue(), control);
    File csvFile = csvFileOption.getFile();
    String plotPrefix = plotPrefix(csvFile);
    checkWritable(csvFile);
    if (plotPrefix != null) {
      checkWritable(new File(plotPrefix + "-logloss.png"));
    }

    monitor.setCurrentActivity("Opening the stream...", -1.0);
    String streamCli = streamOption.getValueAsCLIString();
    ExampleStream<?> stream;
    InstancesHeader header;
    try {
      stream = (ExampleStream<?>) getPreparedClassOption(streamOption);
      header = stream.getHeader();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("cannot open the stream '" + streamCli + "': " + rootMessage(e), e);
    }
    if (header == null || header.classIndex() < 0 || !header.classAttribute().isNominal()) {
      throw new IllegalArgumentException("the stream '" + streamCli + "' has no nominal class attribute");
    }
    int numClasses = header.numClasses();
    boolean binary = numClasses == 2;

    monitor.setCurrentActivity("Creating the learners...", -1.0);
    int budget = referenceBudgetOption.getValue();
    int foldBits = referenceFoldBitsOption.getValue();
    AttributeFolder folder = AttributeFolder.needed(header, foldBits) ? new AttributeFolder(header, foldBits) : null;
    List<Runner> runners = new ArrayList<>();
    Runner controlRunner = null;
    boolean anyReference = false;
    for (TradeoffConfiguration c : selected) {
      String cli = c.learnerCli(alpha(c), seedOption.getValue(), learnerOptionsOption.getValue());
      boolean reference = c.family() == TradeoffConfiguration.Family.REFERENCE;
      Runner r = new Runner(c, cli, createLearner(c, cli), binary, numClasses,
          reference ? budget : Long.MAX_VALUE, reference ? folder : null);
      r.learner.setModelContext(reference && folder != null ? folder.header() : header);
      runners.add(r);
      anyReference |= reference;
      if (c.name().equals(control)) {
        controlRunner = r;
      }
    }

    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    boolean cpuClock = threads.isCurrentThreadCpuTimeSupported();
    if (cpuClock && !threads.isThreadCpuTimeEnabled()) {
      threads.setThreadCpuTimeEnabled(true);
    }
    Progress progress = new Progress(monitor, limit, progressSecondsOption.getValue());
    PrequentialMetrics controlAtBudget = null;
    Instance[] block = new Instance[BLOCK];
    long processed = 0;
    long start = System.nanoTime();
    monitor.setCurrentActivity("Evaluating " + runners.size() + " configurations...", limit > 0 ? 0.0 : -1.0);
    while (limit < 0 || processed < limit) {
      long want = BLOCK;
      if (limit > 0) {
        want = Math.min(want, limit - processed);
      }
      if (anyReference && controlAtBudget == null) {
        want = Math.min(want, budget - processed);
      }
      int n = 0;
      while (n < want && stream.hasMoreInstances()) {
        Example<?> e = stream.nextInstance();
        if (e == null) {
          break;
        }
        Instance x = (Instance) e.getData();
        if (n > 0 && x == block[n - 1]) {
          throw new IllegalStateException("the stream '" + streamCli + "' returned the same instance object"
              + " twice; this task needs a fresh instance per call");
        }
        block[n++] = x;
      }
      if (n == 0) {
        break;
      }
      for (Runner r : runners) {
        if (r.active()) {
          long t0 = cpuClock ? threads.getCurrentThreadCpuTime() : System.nanoTime();
          r.process(block, n);
          r.cpuNanos += (cpuClock ? threads.getCurrentThreadCpuTime() : System.nanoTime()) - t0;
        }
      }
      processed += n;
      if (anyReference && controlAtBudget == null && processed >= budget) {
        controlAtBudget = controlRunner.metrics.copy();
        for (Runner r : runners) {
          if (r.budget <= processed) {
            r.finish(header);
          }
        }
        progress.note(String.format(Locale.ROOT, "reference learners done after %,d instances", processed));
      }
      if (monitor.taskShouldAbort()) {
        return null;
      }
      progress.update(processed, stream.estimatedRemainingInstances(), anyReference && controlAtBudget == null
          ? String.format(Locale.ROOT, " (MOA's reference learners run until instance %,d: slow until then)", budget)
          : "");
      java.util.Arrays.fill(block, 0, n, null);
    }
    double wallSeconds = (System.nanoTime() - start) / 1e9;
    if (processed == 0) {
      throw new IllegalArgumentException("the stream '" + streamCli + "' produced no instances");
    }
    if (controlAtBudget == null) {
      controlAtBudget = controlRunner.metrics.copy();
    }
    progress.done(processed, wallSeconds);

    monitor.setCurrentActivity("Measuring the models...", -1.0);
    boolean agent = SizeOf.fullSizeOf(new int[1]) > 0;
    List<TradeoffResult.Row> rows = new ArrayList<>();
    for (Runner r : runners) {
      r.finish(header);
      PrequentialMetrics against = r.seen == controlRunner.seen ? controlRunner.metrics : controlAtBudget;
      rows.add(r.row(against));
    }
    String referenceNote = anyReference ? referenceNote(budget, folder, foldBits, processed) : "";
    TradeoffResult result = new TradeoffResult(streamCli, control, processed, wallSeconds, agent,
        referenceNote, rows);

    monitor.setCurrentActivity("Writing the results...", -1.0);
    try {
      if (csvFile != null) {
        writeCsv(result, csvFile);
      }
      if (plotPrefix != null) {
        String title = titleOption.getValue().trim().isEmpty() ? streamCli : titleOption.getValue().trim();
        TradeoffPlotter plotter = new TradeoffPlotter(result, title);
        plotter.writeLogLossPlot(new File(plotPrefix + "-logloss.png"));
        if (binary) {
          plotter.writeAucLossPlot(new File(plotPrefix + "-aucloss.png"));
        }
      }
    } catch (IOException e) {
      throw new RuntimeException("failed to write the results: " + e.getMessage(), e);
    }
    return result;
  }

  private static String referenceNote(int budget, AttributeFolder folder, int foldBits, long processed) {
    return String.format(Locale.ROOT, "MOA's reference learners ran on the first %,d instances%s", Math.min(budget,
        processed), folder == null ? "" : ", features folded into 2^" + foldBits + " attributes");
  }

  private String plotPrefix(File csvFile) {
    String prefix = plotPrefixOption.getValue().trim();
    if (prefix.equals("-")) {
      return null;
    }
    if (!prefix.isEmpty()) {
      return prefix;
    }
    if (csvFile == null) {
      return null;
    }
    String path = csvFile.getPath();
    return path.toLowerCase(Locale.ROOT).endsWith(".csv") ? path.substring(0, path.length() - 4) : path;
  }

  /** Fails early, before the long run, if an output file cannot be written. */
  private static void checkWritable(File file) {
    if (file == null) {
      return;
    }
    File dir = file.getAbsoluteFile().getParentFile();
    if (dir != null && !dir.isDirectory() && !dir.mkdirs()) {
      throw new IllegalArgumentException("cannot create the output directory " + dir);
    }
    if (file.isDirectory() || (file.exists() && !file.canWrite()) || (dir != null && !dir.canWrite())) {
      throw new IllegalArgumentException("cannot write the output file " + file);
    }
  }

  private static void writeCsv(TradeoffResult result, File file) throws IOException {
    try (Writer w = new OutputStreamWriter(Files.newOutputStream(file.toPath()), StandardCharsets.UTF_8)) {
      result.writeCsv(w);
    }
  }

  /** The alpha given to a configuration: {@code -a}, else with {@code -F} its former fixed default, else 0. */
  private double alpha(TradeoffConfiguration c) {
    double a = alphaOption.getValue();
    return a == 0 && formerAlphasOption.isSet() ? c.formerDefaultAlpha() : a;
  }

  private static Classifier createLearner(TradeoffConfiguration c, String cli) {
    try {
      Classifier learner = (Classifier) ClassOption.cliStringToObject(cli, Classifier.class, null);
      learner.prepareForUse();
      return learner;
    } catch (Exception e) {
      throw new IllegalArgumentException("cannot create the learner of configuration " + c.name() + " ('"
          + cli + "'): " + rootMessage(e), e);
    }
  }

  static String rootMessage(Throwable t) {
    StringBuilder sb = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      String m = c.getMessage();
      if (m != null && !m.isEmpty() && sb.indexOf(m) < 0) {
        if (sb.length() > 0) {
          sb.append(": ");
        }
        sb.append(m);
      }
    }
    return sb.length() == 0 ? t.getClass().getName() : sb.toString();
  }

  /** Probability of class {@code cls} from MOA votes (normalised; uniform when there are none). */
  static double probability(double[] votes, int cls, int numClasses) {
    double sum = 0;
    for (int k = 0; k < votes.length && k < numClasses; k++) {
      double v = votes[k];
      if (v > 0 && !Double.isInfinite(v)) {
        sum += v;
      }
    }
    if (!(sum > 0)) {
      return 1.0 / numClasses;
    }
    double v = cls < votes.length ? votes[cls] : 0;
    return v > 0 && !Double.isInfinite(v) ? v / sum : 0;
  }

  /** Index of the largest vote (the first on ties, as MOA), 0 without votes. */
  static int argMax(double[] votes, int numClasses) {
    int best = 0;
    for (int k = 1; k < votes.length && k < numClasses; k++) {
      if (votes[k] > votes[best]) {
        best = k;
      }
    }
    return best;
  }

  /** One configuration in the run: its learner, scores and costs. */
  private static final class Runner {
    final TradeoffConfiguration configuration;
    final String cli;
    Classifier learner;
    final PrequentialMetrics metrics;
    final int numClasses;
    final long budget;
    final AttributeFolder folder;
    long seen;
    long cpuNanos;
    boolean finished;
    double payloadBits = Double.NaN;
    long coordinates = -1;
    long storedCoordinates = -1;
    long modelBytes = -1;
    long sizeOfBytes = -1;
    double bytesPerCoordinate = Double.NaN;

    Runner(TradeoffConfiguration configuration, String cli, Classifier learner, boolean binary, int numClasses,
        long budget, AttributeFolder folder) {
      this.configuration = configuration;
      this.cli = cli;
      this.learner = learner;
      this.metrics = new PrequentialMetrics(binary);
      this.numClasses = numClasses;
      this.budget = budget;
      this.folder = folder;
    }

    boolean active() {
      return !finished && seen < budget;
    }

    void process(Instance[] block, int n) {
      Classifier l = learner;
      boolean binary = metrics.isBinary();
      for (int i = 0; i < n; i++) {
        Instance x = folder == null ? block[i] : folder.fold(block[i]);
        double[] votes = l.getVotesForInstance(x);
        if (!x.classIsMissing()) {
          int label = (int) x.classValue();
          if (binary) {
            metrics.addBinary(label, probability(votes, 1, 2));
          } else {
            metrics.addGeneral(probability(votes, label, numClasses), argMax(votes, numClasses) == label);
          }
        }
        l.trainOnInstance(x);
      }
      seen += n;
    }

    /** Measures the model, then releases the learner. */
    void finish(InstancesHeader header) {
      if (finished) {
        return;
      }
      finished = true;
      Measurement[] ms = learner.getModelMeasurements();
      double reportedBytes = measurement(ms, "model bytes");
      long whole = SizeOf.fullSizeOf(learner);
      // The header is the stream's, not the model's (the folded header of 2^k attributes is large).
      long headerBytes = SizeOf.fullSizeOf(folder != null ? folder.header() : header);
      sizeOfBytes = whole > 0 && headerBytes > 0 ? Math.max(0, whole - headerBytes) : whole;
      if (!Double.isNaN(reportedBytes)) {
        // This project's learners report exact bytes, coordinates and payload bits.
        modelBytes = (long) reportedBytes;
        // all addressed coordinates, so that a sparse map's memory compares with a dense table's
        double stored = measurement(ms, "stored coordinates");
        coordinates = (long) measurement(ms, "coefficients (coordinates)");
        storedCoordinates = Double.isNaN(stored) ? coordinates : (long) stored;
        payloadBits = measurement(ms, "bits per coordinate");
      } else {
        // MOA's learners: the SizeOf agent's figure over features + bias.
        modelBytes = sizeOfBytes;
        coordinates = folder != null ? folder.header().numAttributes() : header.numAttributes();
      }
      bytesPerCoordinate = modelBytes > 0 && coordinates > 0 ? (double) modelBytes / coordinates : Double.NaN;
      learner = null;
    }

    TradeoffResult.Row row(PrequentialMetrics control) {
      return new TradeoffResult.Row(configuration.name(), configuration.family(), configuration.fractionBits(),
          cli, seen, payloadBits, coordinates, modelBytes, sizeOfBytes, bytesPerCoordinate, metrics,
          cpuNanos / 1e9, control, storedCoordinates);
    }

    private static double measurement(Measurement[] ms, String name) {
      if (ms != null) {
        for (Measurement m : ms) {
          if (m != null && name.equals(m.getName())) {
            return m.getValue();
          }
        }
      }
      return Double.NaN;
    }
  }

  /**
   * Progress on the task monitor and, every few seconds, on standard output: instances done, the rate
   * over the last interval (the reference learners make the first instances slow) and the ETA.
   */
  private static final class Progress {
    private static final long MIN_WINDOW_NANOS = 2_000_000_000L;
    private final TaskMonitor monitor;
    private final long limit;
    private final long intervalNanos;
    private long lastPrint = System.nanoTime();
    private long markTime = lastPrint;
    private long markProcessed;
    private double rate;

    Progress(TaskMonitor monitor, long limit, int seconds) {
      this.monitor = monitor;
      this.limit = limit;
      this.intervalNanos = seconds * 1_000_000_000L;
    }

    void update(long processed, long streamRemaining, String phase) {
      long remaining = limit > 0 ? limit - processed : -1;
      if (streamRemaining >= 0 && (remaining < 0 || streamRemaining < remaining)) {
        remaining = streamRemaining;
      }
      long now = System.nanoTime();
      if (now - markTime >= MIN_WINDOW_NANOS) {
        rate = (processed - markProcessed) / ((now - markTime) / 1e9);
        markTime = now;
        markProcessed = processed;
      }
      String line = String.format(Locale.ROOT, "%,d instances%s%s%s", processed,
          limit > 0 ? String.format(Locale.ROOT, " of %,d (%.1f%%)", limit, 100.0 * processed / limit) : "",
          rate > 0 ? String.format(Locale.ROOT, ", %,.0f instances/s", rate) : "",
          remaining >= 0 && rate > 0 ? String.format(Locale.ROOT, ", ETA %.0f s", remaining / rate) : "")
          + phase;
      monitor.setCurrentActivityDescription(line);
      monitor.setCurrentActivityFractionComplete(remaining < 0 ? -1.0 : (double) processed / (processed + remaining));
      if (intervalNanos > 0 && now - lastPrint >= intervalNanos) {
        lastPrint = now;
        System.out.println("tradeoff: " + line);
      }
    }

    void note(String message) {
      if (intervalNanos > 0) {
        System.out.println("tradeoff: " + message);
      }
    }

    void done(long processed, double elapsed) {
      note(String.format(Locale.ROOT, "%,d instances in %.1f s (%,.0f instances/s)", processed, elapsed,
          elapsed > 0 ? processed / elapsed : 0));
    }
  }
}
