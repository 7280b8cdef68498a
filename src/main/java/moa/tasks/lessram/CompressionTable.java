package moa.tasks.lessram;

import com.github.javacliparser.MultiChoiceOption;
import com.github.javacliparser.IntOption;
import com.github.javacliparser.StringOption;
import com.yahoo.labs.samoa.instances.Instance;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Locale;
import lessram.CompressedPredictor;
import lessram.LogisticRegression;
import lessram.compressed.CompressedModel;
import moa.classifiers.Classifier;
import moa.classifiers.lessram.AbstractLessRamClassifier;
import moa.classifiers.lessram.CompressedLogisticRegression;
import moa.core.ObjectRepository;
import moa.options.ClassOption;
import moa.streams.InstanceStream;
import moa.tasks.ClassificationMainTask;
import moa.tasks.TaskMonitor;

/**
 * Reproduces Table 1 of Golovin et al. (ICML 2013, section 5) with a real coder: trains a LessRAM learner
 * on the first {@code -n} instances of a binary stream, compresses it at each {@code q2.m} of {@code -m},
 * and scores the uncompressed and the compressed models on the next {@code -t} instances (held out). For each
 * grid it reports the realized bits per coefficient (every byte of the coefficient section) over all
 * coefficients and per trained (non-zero before rounding) coefficient, the order-0 entropy bound, the
 * saving against float32, and the change of AUC, AucLoss (1 - AUC, the paper's figure) and log loss
 * against the uncompressed model. AUC is exact (sorted scores, ties counted half).
 *
 * <pre>
 * lessram.CompressionTable -l (lessram.ApproximateCountLogisticRegression -h 20) -s lessram.SparseClickStreamGenerator
 *     -n 1000000 -t 200000 -m 3,5,7,9 -o docs/compression/table1.md
 * </pre>
 */
public class CompressionTable extends ClassificationMainTask {
  private static final long serialVersionUID = 1L;

  /** {@code -l}: the learner. */
  public ClassOption learnerOption = new ClassOption("learner", 'l', "LessRAM learner to train and compress.",
      Classifier.class, "lessram.ApproximateCountLogisticRegression -h 20");

  /** {@code -s}: the stream (binary class). */
  public ClassOption streamOption = new ClassOption("stream", 's', "Binary stream: training then held-out instances.",
      InstanceStream.class, "lessram.SparseClickStreamGenerator");

  /** {@code -n}: training instances. */
  public IntOption trainOption = new IntOption("trainInstances", 'n', "Instances to train on.", 1_000_000, 1,
      Integer.MAX_VALUE);

  /** {@code -t}: held-out instances. */
  public IntOption testOption = new IntOption("testInstances", 't', "Following instances to evaluate on.", 200_000, 1,
      50_000_000);

  /** {@code -m}: the grids. */
  public StringOption gridsOption = new StringOption("fractionBits", 'm', "Comma-separated m of the q2.m grids.",
      "3,5,7,9");

  /** {@code -r}: rounding seed. */
  public IntOption seedOption = new IntOption("randomSeed", 'r', "Seed of the randomized rounding.", 1);

  /** {@code -L}: layout of the compressed code. */
  public MultiChoiceOption layoutOption = CompressModel.newLayoutOption();

  /** {@code -o}: markdown output. */
  public StringOption outputOption = new StringOption("outputFile", 'o', "Markdown file for the table (optional).", "");

  @Override
  public String getPurposeString() {
    return "Table 1 of Golovin et al. (ICML 2013) with a real coder: realized bits per coefficient and AUC/log-loss "
        + "change of compressed q2.m models on held-out data.";
  }

  @Override
  public Class<?> getTaskResultType() {
    return String.class;
  }

  @Override
  protected Object doMainTask(TaskMonitor monitor, ObjectRepository repository) {
    Object l = getPreparedClassOption(learnerOption);
    if (!(l instanceof AbstractLessRamClassifier)) {
      throw new IllegalArgumentException("CompressionTable: -l must be a LessRAM learner, got " + l.getClass().getName());
    }
    AbstractLessRamClassifier learner = (AbstractLessRamClassifier) l;
    InstanceStream stream = (InstanceStream) getPreparedClassOption(streamOption);
    if (stream.getHeader().numClasses() != 2) {
      throw new IllegalArgumentException("CompressionTable: the stream must have a binary class");
    }
    learner.setModelContext(stream.getHeader());
    learner.prepareForUse();
    int n = trainOption.getValue();
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      if (i % 10000 == 0) {
        monitor.setCurrentActivity("Training", (double) i / n);
        if (monitor.taskShouldAbort()) {
          return null;
        }
      }
      learner.trainOnInstance(stream.nextInstance().getData());
    }
    double trainSeconds = (System.nanoTime() - start) / 1e9;
    // encode the held-out instances once
    int t = testOption.getValue();
    int[] offsets = new int[t + 1];
    int[] labels = new int[t];
    int[] ids = new int[Math.max(16, t * 8)];
    double[] values = new double[ids.length];
    for (int i = 0; i < t; i++) {
      Instance inst = stream.nextInstance().getData();
      int nnz = learner.encodeForPrediction(inst);
      if (offsets[i] + nnz > ids.length) {
        int cap = Math.max(offsets[i] + nnz, 2 * ids.length);
        ids = Arrays.copyOf(ids, cap);
        values = Arrays.copyOf(values, cap);
      }
      System.arraycopy(learner.getEncoder().ids(), 0, ids, offsets[i], nnz);
      System.arraycopy(learner.getEncoder().values(), 0, values, offsets[i], nnz);
      offsets[i + 1] = offsets[i] + nnz;
      labels[i] = (int) inst.classValue();
    }
    LogisticRegression model = learner.getEngineModel();
    long[] trained = new long[1];
    model.forEachNonZeroCoefficient((c, v) -> trained[0]++);
    double[] base = scores(null, model, ids, values, offsets, t);
    double baseAuc = auc(base, labels);
    double baseLoss = logLoss(base, labels);
    long coordinates = model.numCoordinates();

    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "Learner: %s%n", learnerOption.getValueAsCLIString()));
    sb.append(String.format(Locale.ROOT, "Stream: %s; %,d training instances (%.1f s), next %,d held out%n",
        streamOption.getValueAsCLIString(), n, trainSeconds, t));
    sb.append(String.format(Locale.ROOT, "Coefficients: %,d (%s); trained (non-zero before rounding): %,d%n",
        coordinates, model.config().featureSpace(), trained[0]));
    sb.append(String.format(Locale.ROOT, "Compressed code layout: %s; rounding seed %d%n", layoutOption.getChosenLabel(),
        seedOption.getValue()));
    sb.append(String.format(Locale.ROOT, "Uncompressed (q%d.%d, %d bits per coordinate with counter): AUC %.5f, "
        + "log loss %.5f%n%n", model.config().format().integerBits(), model.config().format().fractionBits(),
        model.bitsPerCoordinate(), baseAuc, baseLoss));
    sb.append("| encoding | realized bits/coef (all) | entropy bits/coef (all) | realized bits per trained coef"
        + " | vs float32 | non-zero after rounding | AUC | AUC change | AucLoss change | log loss | log-loss change |\n");
    sb.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
    sb.append(String.format(Locale.ROOT, "| float32 | 32 | - | 32 | 0%% | %,d | %.5f | - | - | %.5f | - |%n",
        trained[0], baseAuc, baseLoss));
    for (String g : gridsOption.getValue().split(",")) {
      int m = Integer.parseInt(g.trim());
      monitor.setCurrentActivity("Compressing q2." + m, -1.0);
      CompressedPredictor p = learner.compress(m, seedOption.getValue(), CompressModel.layoutOf(layoutOption));
      CompressedModel fm = p.model();
      double[] s = scores(p, null, ids, values, offsets, t);
      double a = auc(s, labels);
      double loss = logLoss(s, labels);
      double realized = fm.realizedBitsPerCoefficient();
      sb.append(String.format(Locale.ROOT,
          "| q2.%d | %.3f | %.3f | %.3f | -%.1f%% | %,d | %.5f | %+.3f%% | %+.2f%% | %.5f | %+.3f%% |%n",
          m, realized, fm.entropyBitsPerCoefficient(), 8.0 * fm.coefficientSectionBytes() / Math.max(1, trained[0]),
          100 * (1 - realized / 32), fm.nonZeroCoefficients(), a, 100 * (a - baseAuc) / baseAuc,
          100 * ((1 - a) - (1 - baseAuc)) / (1 - baseAuc), loss, 100 * (loss - baseLoss) / baseLoss));
    }
    String table = sb.toString();
    String out = outputOption.getValue();
    if (!out.isEmpty()) {
      try {
        Files.write(Paths.get(out), table.getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new IllegalArgumentException("CompressionTable: cannot write " + out + ": " + e.getMessage(), e);
      }
    }
    return table;
  }

  /** Probability of class 1 for each held-out example, from the compressed model or the uncompressed one. */
  private static double[] scores(CompressedPredictor p, LogisticRegression model, int[] ids, double[] values,
      int[] offsets, int t) {
    double[] s = new double[t];
    double[] out = new double[2];
    int[] slots = new int[64];
    int[] exIds = new int[64];
    double[] exValues = new double[64];
    for (int i = 0; i < t; i++) {
      int nnz = offsets[i + 1] - offsets[i];
      if (nnz > exIds.length) {
        exIds = new int[nnz];
        exValues = new double[nnz];
        slots = new int[nnz];
      }
      System.arraycopy(ids, offsets[i], exIds, 0, nnz);
      System.arraycopy(values, offsets[i], exValues, 0, nnz);
      if (p != null) {
        p.probabilities(exIds, exValues, nnz, slots, out);
      } else {
        model.probabilities(exIds, exValues, nnz, out);
      }
      s[i] = out[1];
    }
    return s;
  }

  /** Exact AUC: the probability that a positive outscores a negative, ties counted half. */
  static double auc(double[] scores, int[] labels) {
    int n = scores.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (x, y) -> Double.compare(scores[x], scores[y]));
    double rankSumPositives = 0;
    long positives = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
        j++;
      }
      double midRank = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        if (labels[order[k]] == 1) {
          rankSumPositives += midRank;
          positives++;
        }
      }
      i = j + 1;
    }
    long negatives = n - positives;
    if (positives == 0 || negatives == 0) {
      return Double.NaN;
    }
    return (rankSumPositives - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
  }

  /** Mean log loss, probabilities clipped to [1e-15, 1 - 1e-15]. */
  static double logLoss(double[] p1, int[] labels) {
    double sum = 0;
    for (int i = 0; i < p1.length; i++) {
      double p = Math.min(1 - 1e-15, Math.max(1e-15, p1[i]));
      sum -= labels[i] == 1 ? Math.log(p) : Math.log1p(-p);
    }
    return sum / p1.length;
  }
}
