package moa.classifiers.lessram;

import com.yahoo.labs.samoa.instances.Instance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import moa.classifiers.Classifier;
import moa.options.ClassOption;
import moa.streams.InstanceStream;
import moa.streams.lessram.RateDataSets;

/**
 * The experiment behind the default learning rate of the two learners (not a unit test; see
 * {@code docs/learning-rates.md}): prequential (test-then-train) accuracy and mean log loss of each learner
 * at its default (the adaptive rate, no options) and over the grid of fixed {@code -a} values
 * {@link #ALPHAS}, on every stream of {@code examples/compare.sh} (MOA's six generators and the sparse
 * click stream, {@code instances} each; the click stream with 2^24 attributes, {@code sparseInstances})
 * and on the two LIBSVM data sets of {@link RateDataSets} (numeric features of scales 10^-3 to 10^6, and
 * raw word counts of a Zipf vocabulary; {@code fileInstances} each, written to a temporary directory).
 * Prints one row per run, then per stream and learner the default against the grid's best log loss
 * (relative difference) and that alpha's accuracy (difference in points), as a Markdown table.
 *
 * <p>Run (after {@code mvn test-compile}):
 * {@code java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)"
 * moa.classifiers.lessram.AlphaTuning [instances [sparseInstances [fileInstances [threads]]]]}
 */
public final class AlphaTuning {
  private AlphaTuning() {
  }

  static final String[] ALPHAS = {"0.01", "0.02", "0.05", "0.1", "0.2", "0.5", "1", "2", "5"};
  static final String[] LEARNERS = {"lessram.ApproximateCountLogisticRegression",
      "lessram.RandomizedRoundingLogisticRegression"};

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int sparseN = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    int fileN = args.length > 2 ? Integer.parseInt(args[2]) : 200_000;
    int threads = args.length > 3 ? Integer.parseInt(args[3]) : Runtime.getRuntime().availableProcessors();
    Path dir = Files.createTempDirectory("lessram-rates");
    Path numeric = dir.resolve("numeric.svm");
    Path text = dir.resolve("text.svm");
    RateDataSets.writeNumeric(numeric, fileN, 1);
    RateDataSets.writeText(text, fileN, 1);
    Map<String, Integer> streams = new LinkedHashMap<>();
    for (String g : new String[] {"RandomRBFGenerator", "HyperplaneGenerator", "SEAGenerator", "AgrawalGenerator",
        "LEDGenerator", "WaveformGenerator"}) {
      streams.put("generators." + g, n);
    }
    streams.put("lessram.SparseClickStreamGenerator -b 12", n);
    streams.put("lessram.SparseClickStreamGenerator -C 10000000 -b 24", sparseN);
    streams.put("lessram.LibSvmFileStream -f " + numeric, fileN);
    streams.put("lessram.LibSvmFileStream -f " + text, fileN);

    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<String[]> jobs = new ArrayList<>();
    List<Future<double[]>> results = new ArrayList<>();
    for (Map.Entry<String, Integer> s : streams.entrySet()) {
      for (String learner : LEARNERS) {
        List<String> options = new ArrayList<>();
        options.add("");
        for (String a : ALPHAS) {
          options.add(" -a " + a);
        }
        for (String o : options) {
          jobs.add(new String[] {s.getKey(), learner + o});
          results.add(pool.submit(() -> run(s.getKey(), learner + o, s.getValue())));
        }
      }
    }
    System.out.println("stream\tlearner\tinstances\taccuracy%\tlogloss");
    double[][] r = new double[jobs.size()][];
    for (int i = 0; i < jobs.size(); i++) {
      r[i] = results.get(i).get();
      System.out.printf(Locale.ROOT, "%s\t%s\t%d\t%.2f\t%.5f%n", jobs.get(i)[0], jobs.get(i)[1], (long) r[i][2],
          r[i][0], r[i][1]);
    }
    pool.shutdown();
    System.out.println();
    StringBuilder head = new StringBuilder("| stream | learner | default |");
    StringBuilder rule = new StringBuilder("|---|---|---|");
    for (String a : ALPHAS) {
      head.append(" a=").append(a).append(" |");
      rule.append("---|");
    }
    System.out.println(head.append(" default vs best: log loss, accuracy |"));
    System.out.println(rule.append("---|"));
    int per = ALPHAS.length + 1;
    for (int i = 0; i < jobs.size(); i += per) {
      int best = i + 1;
      for (int k = i + 2; k < i + per; k++) {
        if (r[k][1] < r[best][1]) {
          best = k;
        }
      }
      String stream = jobs.get(i)[0].replaceAll(" -f .*/", " ");
      StringBuilder row = new StringBuilder("| " + stream + " | " + jobs.get(i)[1].replace("lessram.", "")
          .replace("LogisticRegression", "") + " |");
      for (int k = i; k < i + per; k++) {
        String cell = String.format(Locale.ROOT, "%.4f / %.2f", r[k][1], r[k][0]);
        row.append(' ').append(k == best ? "**" + cell + "**" : cell).append(" |");
      }
      double rel = 100 * (r[i][1] / r[best][1] - 1);
      double points = r[i][0] - r[best][0];
      row.append(String.format(Locale.ROOT, " %+.2f%%, %+.2f %s |", rel, points,
          rel <= 0.5 && points >= -0.3 ? "ok" : "**missed**"));
      System.out.println(row);
    }
  }

  /**
   * Prequential run: accuracy (%, the predicted class is the largest vote as in MOA's evaluators), mean log
   * loss (votes normalised to sum 1, probabilities clipped to 1e-15) and the number of instances.
   */
  public static double[] run(String streamCli, String learnerCli, int n) throws Exception {
    return prequential(streamCli, learnerCli, new int[] {n})[0];
  }

  /**
   * {@link #run} with checkpoints: the figures after each of the (increasing) instance counts
   * {@code checkpoints}, the last of which is the run's length (or the stream's, if shorter).
   */
  public static double[][] prequential(String streamCli, String learnerCli, int[] checkpoints) throws Exception {
    InstanceStream stream = (InstanceStream) ClassOption.cliStringToObject(streamCli, InstanceStream.class, null);
    ((moa.options.OptionHandler) stream).prepareForUse();
    Classifier learner = (Classifier) ClassOption.cliStringToObject(learnerCli, Classifier.class, null);
    learner.setModelContext(stream.getHeader());
    learner.prepareForUse();
    double[][] result = new double[checkpoints.length][];
    long correct = 0;
    double logLoss = 0;
    int n = checkpoints[checkpoints.length - 1];
    int c = 0;
    int i = 0;
    while (i < n && stream.hasMoreInstances()) {
      Instance inst = stream.nextInstance().getData();
      double[] votes = learner.getVotesForInstance(inst);
      int y = (int) inst.classValue();
      double sum = 0;
      for (double v : votes) {
        sum += v;
      }
      if (moa.core.Utils.maxIndex(votes) == y) { // MOA's evaluators' rule
        correct++;
      }
      double p = sum > 0 && y < votes.length ? votes[y] / sum : 0;
      logLoss -= Math.log(Math.max(p, 1e-15));
      learner.trainOnInstance(inst);
      i++;
      if (i == checkpoints[c]) {
        result[c++] = new double[] {100.0 * correct / i, logLoss / i, i};
      }
    }
    while (c < checkpoints.length) {
      result[c++] = new double[] {100.0 * correct / i, logLoss / i, i};
    }
    return result;
  }
}
