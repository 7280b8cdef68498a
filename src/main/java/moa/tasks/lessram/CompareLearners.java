package moa.tasks.lessram;

import com.github.javacliparser.FlagOption;
import com.github.javacliparser.IntOption;
import com.github.javacliparser.StringOption;
import com.yahoo.labs.samoa.instances.Instance;
import com.yahoo.labs.samoa.instances.InstancesHeader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import moa.capabilities.Capability;
import moa.capabilities.ImmutableCapabilities;
import moa.core.Example;
import moa.core.Measurement;
import moa.core.ObjectRepository;
import moa.evaluation.BasicClassificationPerformanceEvaluator;
import moa.evaluation.preview.LearningCurve;
import moa.options.ClassOption;
import moa.streams.InstanceStream;
import moa.tasks.EvaluatePrequential;
import moa.tasks.ClassificationMainTask;
import moa.tasks.TaskMonitor;

/**
 * Runs MOA's own {@link EvaluatePrequential} (cumulative {@link BasicClassificationPerformanceEvaluator})
 * once per learner on one stream and collects, per learner, the final accuracy, kappa, CPU seconds and the
 * model bytes measured by MOA ({@code measureByteSize}, i.e. the SizeOf agent when the JVM runs with it),
 * plus the number of coefficients and bytes per coefficient; with {@code -a} also the prequential log loss
 * and (binary streams) AUC. Rows are appended to a CSV file ({@code -c}) so that several invocations (one
 * per stream, each with its own instance count and learners) build one table; {@code -t} writes the table
 * of all rows of that CSV as markdown, with a per-stream check of the comparison targets of the
 * LessRAM project (Golovin, Sculley, McMahan, Young, "Large-Scale Learning with Less RAM via
 * Randomization", ICML 2013).
 *
 * <p>Learners ({@code -l}) are MOA CLI strings separated by {@code ;}, each optionally labelled
 * {@code label=cli} (a label holds no {@code =}, no {@code (} and no option), e.g.
 * {@code ours=lessram.ApproximateCountLogisticRegression; MOA SGD=functions.SGD -o LOGLOSS}.
 * MOA's binary-only {@code functions.SGD} is skipped (and said so) on streams with more than two classes.
 * A learner that fails is reported in its row (the other learners still run).
 */
public class CompareLearners extends ClassificationMainTask {
  private static final long serialVersionUID = 1L;

  /** The default learners: LessRAM's two learners and MOA's built-ins at their defaults. */
  public static final String DEFAULT_LEARNERS = String.join("; ",
      "lessram.ApproximateCountLogisticRegression",
      "lessram.RandomizedRoundingLogisticRegression",
      "functions.SGD -o LOGLOSS",
      "functions.SGD -o LOGLOSS -r 0.1",
      "functions.SGD -o LOGLOSS -r 0.01",
      "functions.SGD -o LOGLOSS -r 0.001",
      "functions.SGDMultiClass -o LOGLOSS",
      "functions.SGDMultiClass -o LOGLOSS -r 0.1",
      "functions.SGDMultiClass -o LOGLOSS -r 0.01",
      "functions.SGDMultiClass -o LOGLOSS -r 0.001",
      "functions.Perceptron",
      "bayes.NaiveBayes",
      "trees.HoeffdingTree");

  static final String CSV_HEADER = "stream,learner,instances,accuracy,kappa,cpu_seconds,model_bytes,"
      + "coefficients,log_loss,auc,note";

  public ClassOption streamOption = new ClassOption("stream", 's', "Stream to learn from.",
      InstanceStream.class, "generators.RandomRBFGenerator");

  public StringOption streamLabelOption = new StringOption("streamLabel", 'n',
      "Name of the stream in the table (empty = its CLI string without the package).", "");

  public StringOption learnersOption = new StringOption("learners", 'l',
      "Learners (MOA CLI strings, optionally 'label=cli'), separated by ';'.", DEFAULT_LEARNERS);

  public IntOption instancesOption = new IntOption("instances", 'i',
      "Instances per learner (prequential: each is predicted, then trained on).", 100_000, 1,
      Integer.MAX_VALUE);

  public FlagOption lossOption = new FlagOption("logLoss", 'a',
      "Also report prequential log loss and (binary streams) AUC (streaming histogram AUC).");

  public FlagOption distinctOption = new FlagOption("distinctFeatures", 'D',
      "Count the distinct attributes with a non-zero value in the first -i instances (one extra pass).");

  public StringOption csvOption = new StringOption("csvFile", 'c',
      "CSV file the rows are appended to (created with a header if absent; empty = none).", "");

  public StringOption tableOption = new StringOption("tableFile", 't',
      "Markdown file to write the table of all rows of the CSV file to (empty = none).", "");

  @Override
  public String getPurposeString() {
    return "LessRAM: prequential comparison (MOA's EvaluatePrequential, cumulative evaluator) of several"
        + " learners on one stream: accuracy, kappa, CPU seconds, model bytes, bytes per coefficient.";
  }

  @Override
  public Class<?> getTaskResultType() {
    return String.class;
  }

  @Override
  public ImmutableCapabilities defineImmutableCapabilities() {
    return new ImmutableCapabilities(Capability.VIEW_STANDARD, Capability.VIEW_LITE);
  }

  /** One result row. */
  static final class Row {
    final String stream;
    final String learner;
    final long instances;
    final double accuracy;
    final double kappa;
    final double cpuSeconds;
    final double modelBytes;
    final double coefficients;
    final double logLoss;
    final double auc;
    final String note;

    Row(String stream, String learner, long instances, double accuracy, double kappa, double cpuSeconds,
        double modelBytes, double coefficients, double logLoss, double auc, String note) {
      this.stream = stream;
      this.learner = learner;
      this.instances = instances;
      this.accuracy = accuracy;
      this.kappa = kappa;
      this.cpuSeconds = cpuSeconds;
      this.modelBytes = modelBytes;
      this.coefficients = coefficients;
      this.logLoss = logLoss;
      this.auc = auc;
      this.note = note == null ? "" : note;
    }

    double bytesPerCoefficient() {
      return coefficients > 0 && modelBytes > 0 ? modelBytes / coefficients : Double.NaN;
    }

    String toCsv() {
      return String.join(",", csv(stream), csv(learner), Long.toString(instances), num(accuracy), num(kappa),
          num(cpuSeconds), num(modelBytes), num(coefficients), num(logLoss), num(auc), csv(note));
    }

    static Row fromCsv(String line) {
      List<String> f = splitCsv(line);
      if (f.size() != 11) {
        throw new IllegalArgumentException("not a CompareLearners CSV row (" + f.size() + " fields): " + line);
      }
      return new Row(f.get(0), f.get(1), Long.parseLong(f.get(2)), parse(f.get(3)), parse(f.get(4)),
          parse(f.get(5)), parse(f.get(6)), parse(f.get(7)), parse(f.get(8)), parse(f.get(9)), f.get(10));
    }
  }

  @Override
  protected Object doMainTask(TaskMonitor monitor, ObjectRepository repository) {
    String streamCli = streamOption.getValueAsCLIString();
    String label = streamLabelOption.getValue().trim();
    if (label.isEmpty()) {
      label = streamCli.startsWith("generators.") ? streamCli.substring("generators.".length()) : streamCli;
      label = label.startsWith("lessram.") ? label.substring("lessram.".length()) : label;
    }
    int instances = instancesOption.getValue();
    InstanceStream probe = (InstanceStream) getPreparedClassOption(streamOption);
    InstancesHeader header = probe.getHeader();
    int numClasses = header.numClasses();
    if (distinctOption.isSet()) {
      monitor.setCurrentActivity("Counting distinct features...", -1.0);
      label += String.format(Locale.ROOT, ", %,d distinct features", distinctFeatures(probe, instances));
    }
    Map<String, String> learners = parseLearners(learnersOption.getValue());
    List<Row> rows = new ArrayList<>();
    StringBuilder out = new StringBuilder();
    int k = 0;
    for (Map.Entry<String, String> e : learners.entrySet()) {
      k++;
      String learnerCli = e.getValue();
      monitor.setCurrentActivity("Evaluating " + e.getKey() + " on " + label + " (" + k + "/" + learners.size()
          + ")", (k - 1.0) / learners.size());
      if (monitor.taskShouldAbort()) {
        return null;
      }
      Row row;
      if (numClasses > 2 && isBinaryOnly(learnerCli)) {
        row = new Row(label, e.getKey(), 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN, "skipped: binary only, stream has " + numClasses + " classes");
      } else {
        row = evaluate(label, e.getKey(), learnerCli, streamCli, header, instances, lossOption.isSet());
      }
      rows.add(row);
      System.err.println(String.format(Locale.ROOT, "%-45s %-45s acc %7.3f  kappa %7.3f  cpu %7.2f s  %s",
          label, row.learner, row.accuracy, row.kappa, row.cpuSeconds, row.note));
    }
    String csv = csvOption.getValue().trim();
    List<Row> all = rows;
    if (!csv.isEmpty()) {
      all = appendAndReadCsv(Paths.get(csv), rows);
    }
    String table = markdownTable(all);
    String table2 = targetSummary(all);
    out.append(table).append('\n').append(table2);
    String tableFile = tableOption.getValue().trim();
    if (!tableFile.isEmpty()) {
      try {
        Files.write(Paths.get(tableFile), out.toString().getBytes(StandardCharsets.UTF_8));
      } catch (IOException ex) {
        throw new UncheckedIOException("cannot write the table file " + tableFile, ex);
      }
    }
    return out.toString();
  }

  /** Parses {@code -l}: entries separated by ';', each {@code label=cli} or {@code cli}. */
  static Map<String, String> parseLearners(String spec) {
    Map<String, String> learners = new LinkedHashMap<>();
    for (String entry : spec.split(";")) {
      String t = entry.trim();
      if (t.isEmpty()) {
        continue;
      }
      int eq = t.indexOf('=');
      String label;
      String cli;
      // "label=cli": a label may hold spaces but no option ("-x") and no parenthesis
      if (eq > 0 && !t.substring(0, eq).contains(" -") && t.substring(0, eq).indexOf('(') < 0) {
        label = t.substring(0, eq).trim();
        cli = t.substring(eq + 1).trim();
      } else {
        cli = t;
        label = shortName(t);
      }
      if (learners.put(label, cli) != null) {
        throw new IllegalArgumentException("learner label '" + label + "' given twice in -l");
      }
    }
    if (learners.isEmpty()) {
      throw new IllegalArgumentException("option -l learners lists no learner");
    }
    return learners;
  }

  /** A CLI string without package prefixes, e.g. {@code SGD -o LOGLOSS -r 0.1}. */
  static String shortName(String cli) {
    String t = cli.trim();
    int space = t.indexOf(' ');
    String cls = space < 0 ? t : t.substring(0, space);
    String rest = space < 0 ? "" : t.substring(space);
    return cls.substring(cls.lastIndexOf('.') + 1) + rest;
  }

  /** The simple class name of a learner CLI string. */
  static String className(String cli) {
    String t = cli.trim();
    int space = t.indexOf(' ');
    String cls = space < 0 ? t : t.substring(0, space);
    return cls.substring(cls.lastIndexOf('.') + 1);
  }

  static boolean isBinaryOnly(String learnerCli) {
    String c = learnerCli.trim().split("\\s+")[0];
    return c.equals("functions.SGD") || c.equals("moa.classifiers.functions.SGD");
  }

  private static long distinctFeatures(InstanceStream stream, int instances) {
    BitSet seen = new BitSet();
    stream.restart();
    for (int n = 0; n < instances && stream.hasMoreInstances(); n++) {
      Instance inst = stream.nextInstance().getData();
      int cls = inst.classIndex();
      for (int p = 0, nv = inst.numValues(); p < nv; p++) {
        int a = inst.index(p);
        if (a != cls && inst.valueSparse(p) != 0) {
          seen.set(a);
        }
      }
    }
    return seen.cardinality();
  }

  private static Row evaluate(String streamLabel, String label, String learnerCli, String streamCli,
      InstancesHeader header, int instances, boolean withLoss) {
    EvaluatePrequential task = new EvaluatePrequential();
    try {
      task.learnerOption.setValueViaCLIString(learnerCli);
      task.streamOption.setValueViaCLIString(streamCli);
      task.evaluatorOption.setValueViaCLIString(withLoss ? LossEvaluator.class.getName()
          : BasicClassificationPerformanceEvaluator.class.getName());
      task.instanceLimitOption.setValue(instances);
      task.sampleFrequencyOption.setValue(instances);
      task.prepareForUse();
      Object result = task.doTask();
      if (!(result instanceof LearningCurve) || ((LearningCurve) result).numEntries() == 0) {
        return failed(streamLabel, label, "no result from EvaluatePrequential");
      }
      LearningCurve curve = (LearningCurve) result;
      int last = curve.numEntries() - 1;
      Map<String, Double> m = new LinkedHashMap<>();
      for (int i = 0; i < curve.getMeasurementNameCount(); i++) {
        if (i < curve.getEntryMeasurementCount(last)) {
          m.put(curve.getMeasurementName(i), curve.getMeasurement(last, i));
        }
      }
      double coefficients = m.containsKey("coefficients (coordinates)") ? m.get("coefficients (coordinates)")
          : builtInCoefficients(learnerCli, header);
      return new Row(streamLabel, label, Math.round(get(m, "learning evaluation instances")),
          get(m, "classifications correct (percent)"), get(m, "Kappa Statistic (percent)"),
          get(m, "evaluation time (cpu seconds)"), get(m, "model serialized size (bytes)"), coefficients,
          get(m, LossEvaluator.LOG_LOSS), get(m, LossEvaluator.AUC), "");
    } catch (RuntimeException | Error ex) {
      Throwable t = ex;
      while (t.getCause() != null) {
        t = t.getCause();
      }
      return failed(streamLabel, label, "failed: " + t.getClass().getSimpleName() + ": " + t.getMessage());
    }
  }

  private static Row failed(String stream, String label, String why) {
    return new Row(stream, label, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
        Double.NaN, why);
  }

  private static double get(Map<String, Double> m, String name) {
    Double v = m.get(name);
    return v == null ? Double.NaN : v;
  }

  /**
   * Coefficients of MOA's linear learners, from their data structures: {@code SGD} one weight per
   * attribute (the class slot holds the bias); {@code SGDMultiClass} and {@code Perceptron} that per class.
   * NaN for learners without a coefficient vector (trees, Naive Bayes).
   */
  static double builtInCoefficients(String learnerCli, InstancesHeader header) {
    String c = className(learnerCli);
    double perOutput = header.numAttributes();
    switch (c) {
      case "SGD":
        return perOutput;
      case "SGDMultiClass":
      case "Perceptron":
        return perOutput * header.numClasses();
      default:
        return Double.NaN;
    }
  }

  private List<Row> appendAndReadCsv(Path file, List<Row> rows) {
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      StringBuilder sb = new StringBuilder();
      if (!Files.exists(file) || Files.size(file) == 0) {
        sb.append(CSV_HEADER).append('\n');
      }
      for (Row r : rows) {
        sb.append(r.toCsv()).append('\n');
      }
      Files.write(file, sb.toString().getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      return readCsv(file);
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot append to the CSV file " + file, ex);
    }
  }

  static List<Row> readCsv(Path file) throws IOException {
    List<Row> all = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!line.isEmpty() && !line.equals(CSV_HEADER)) {
        all.add(Row.fromCsv(line));
      }
    }
    return all;
  }

  /** The markdown table of the rows, in their order. Log loss / AUC columns appear if any row has them. */
  static String markdownTable(List<Row> rows) {
    boolean loss = rows.stream().anyMatch(r -> !Double.isNaN(r.logLoss));
    StringBuilder sb = new StringBuilder();
    sb.append("| stream | learner | instances | accuracy % | kappa % | CPU s | model bytes | coefficients | bytes/coef |");
    sb.append(loss ? " log loss | AUC |\n" : "\n");
    sb.append("|---|---|---:|---:|---:|---:|---:|---:|---:|").append(loss ? "---:|---:|\n" : "\n");
    String previous = null;
    for (Row r : rows) {
      String stream = r.stream.equals(previous) ? "" : r.stream;
      previous = r.stream;
      if (!r.note.isEmpty() && Double.isNaN(r.accuracy)) {
        sb.append("| ").append(stream).append(" | ").append(r.learner).append(" | ").append(r.note)
            .append(" | | | | | | |").append(loss ? " | |\n" : "\n");
        continue;
      }
      sb.append(String.format(Locale.ROOT, "| %s | %s | %,d | %.2f | %.2f | %.2f | %s | %s | %s |", stream,
          r.learner, r.instances, r.accuracy, r.kappa, r.cpuSeconds, intOrDash(r.modelBytes),
          intOrDash(r.coefficients), Double.isNaN(r.bytesPerCoefficient()) ? "–"
              : String.format(Locale.ROOT, "%.3f", r.bytesPerCoefficient())));
      if (loss) {
        sb.append(' ').append(Double.isNaN(r.logLoss) ? "–" : String.format(Locale.ROOT, "%.4f", r.logLoss))
            .append(" | ").append(Double.isNaN(r.auc) ? "–" : String.format(Locale.ROOT, "%.4f", r.auc))
            .append(" |");
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  /**
   * Per stream: the accuracy of LessRAM's learners at their defaults against MOA's linear learners
   * (functions.SGD / SGDMultiClass with logistic loss at the default rate, and the best of all rows of
   * SGD, SGDMultiClass and Perceptron), with the project's targets: at least as accurate as the default
   * SGD and within 0.5 points of the best linear built-in.
   */
  static String targetSummary(List<Row> rows) {
    Map<String, List<Row>> byStream = new LinkedHashMap<>();
    for (Row r : rows) {
      byStream.computeIfAbsent(r.stream, s -> new ArrayList<>()).add(r);
    }
    StringBuilder sb = new StringBuilder();
    sb.append("| stream | learner (defaults) | accuracy % | MOA SGD default (logistic) | ≥ default? "
        + "| best linear built-in | within 0.5? |\n|---|---|---:|---:|:-:|---:|:-:|\n");
    for (Map.Entry<String, List<Row>> e : byStream.entrySet()) {
      Row sgdDefault = null;
      Row bestLinear = null;
      for (Row r : e.getValue()) {
        if (Double.isNaN(r.accuracy)) {
          continue;
        }
        String c = className(r.learner);
        boolean linear = c.equals("SGD") || c.equals("SGDMultiClass") || c.equals("Perceptron");
        if ((c.equals("SGD") || c.equals("SGDMultiClass")) && !r.learner.contains("-r ")) {
          if (sgdDefault == null || (c.equals("SGD") && !className(sgdDefault.learner).equals("SGD"))) {
            sgdDefault = r; // functions.SGD where it runs (binary), SGDMultiClass otherwise
          }
        }
        if (linear && (bestLinear == null || r.accuracy > bestLinear.accuracy)) {
          bestLinear = r;
        }
      }
      for (Row r : e.getValue()) {
        String c = className(r.learner);
        boolean ours = (c.equals("ApproximateCountLogisticRegression")
            || c.equals("RandomizedRoundingLogisticRegression")) && r.learner.trim().indexOf(' ') < 0;
        if (!ours || Double.isNaN(r.accuracy)) {
          continue;
        }
        sb.append(String.format(Locale.ROOT, "| %s | %s | %.2f | %s | %s | %s | %s |\n", e.getKey(), c, r.accuracy,
            sgdDefault == null ? "–" : String.format(Locale.ROOT, "%.2f (%s)", sgdDefault.accuracy,
                sgdDefault.learner),
            sgdDefault == null ? "–" : (r.accuracy >= sgdDefault.accuracy ? "yes" : "**no**"),
            bestLinear == null ? "–" : String.format(Locale.ROOT, "%.2f (%s)", bestLinear.accuracy,
                bestLinear.learner),
            bestLinear == null ? "–" : (r.accuracy >= bestLinear.accuracy - 0.5 ? "yes" : "**no**")));
      }
    }
    return sb.toString();
  }

  private static String intOrDash(double v) {
    return Double.isNaN(v) || v < 0 ? "–" : String.format(Locale.ROOT, "%,d", Math.round(v));
  }

  private static String num(double v) {
    return Double.isNaN(v) ? "" : Double.toString(v);
  }

  private static double parse(String s) {
    return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
  }

  private static String csv(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"").replace('\n', ' ') + '"';
  }

  static List<String> splitCsv(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (quoted) {
        if (ch == '"') {
          if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            cur.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          cur.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == ',') {
        fields.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(ch);
      }
    }
    fields.add(cur.toString());
    return fields;
  }

  /**
   * MOA's cumulative {@link BasicClassificationPerformanceEvaluator} (same accuracy and kappa) plus the
   * prequential log loss and, on binary streams, the AUC ({@link PrequentialMetrics}: the votes are
   * normalised to probabilities; no votes count as uniform).
   */
  public static class LossEvaluator extends BasicClassificationPerformanceEvaluator {
    private static final long serialVersionUID = 1L;

    static final String LOG_LOSS = "log loss (prequential)";
    static final String AUC = "AUC (prequential)";

    private PrequentialMetrics metrics;

    @Override
    public void reset() {
      super.reset();
      metrics = null;
    }

    @Override
    public void reset(int numClasses) {
      super.reset(numClasses);
      metrics = null;
    }

    @Override
    public void addResult(Example<Instance> example, double[] classVotes) {
      super.addResult(example, classVotes);
      Instance inst = example.getData();
      if (inst.weight() <= 0 || inst.classIsMissing()) {
        return;
      }
      int classes = inst.numClasses();
      if (metrics == null) {
        metrics = new PrequentialMetrics(classes == 2);
      }
      int label = (int) inst.classValue();
      double sum = 0;
      int argmax = 0;
      for (int c = 0; c < classVotes.length && c < classes; c++) {
        double v = classVotes[c];
        if (v > 0 && Double.isFinite(v)) {
          sum += v;
        }
        if (c > 0 && v > classVotes[argmax]) {
          argmax = c;
        }
      }
      if (classes == 2) {
        double p1 = sum > 0 ? (classVotes.length > 1 && classVotes[1] > 0 ? classVotes[1] / sum : 0) : 0.5;
        metrics.addBinary(label, p1);
      } else {
        double pTrue = sum > 0 ? (label < classVotes.length && classVotes[label] > 0 ? classVotes[label] / sum : 0)
            : 1.0 / classes;
        metrics.addGeneral(pTrue, argmax == label && sum > 0);
      }
    }

    @Override
    public Measurement[] getPerformanceMeasurements() {
      Measurement[] base = super.getPerformanceMeasurements();
      PrequentialMetrics m = metrics;
      List<Measurement> all = new ArrayList<>(List.of(base));
      all.add(new Measurement(LOG_LOSS, m == null ? Double.NaN : m.logLoss()));
      all.add(new Measurement(AUC, m == null || !m.isBinary() ? Double.NaN : m.auc()));
      return all.toArray(new Measurement[0]);
    }
  }
}
