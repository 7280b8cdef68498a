package moa.classifiers.lessram;

import com.yahoo.labs.samoa.instances.Instance;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import moa.classifiers.Classifier;
import moa.options.ClassOption;
import moa.streams.InstanceStream;

/**
 * The experiment behind the default learning-rate scales of the two learners (not a unit test; see the
 * README): prequential (test-then-train) accuracy and mean log loss of each learner over a grid of
 * {@code -a} values on MOA's generators and on the sparse click stream, next to MOA's
 * {@code functions.SGD} / {@code SGDMultiClass} at their defaults and with log loss at learning rates 0.1,
 * 0.01, 0.001 (not on the sparse stream, where MOA's SGD pays O(attributes) per instance).
 *
 * <p>Run (after {@code mvn test-compile}):
 * {@code java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)"
 * moa.classifiers.lessram.AlphaTuning [instances] [sparseInstances] [threads]}
 */
public final class AlphaTuning {
  private AlphaTuning() {
  }

  static final String[] ALPHAS = {"0.01", "0.03", "0.1", "0.2", "0.3", "0.5", "1", "2", "4"};

  /** One stream: MOA CLI string, number of classes. */
  static final String[][] STREAMS = {
      {"generators.RandomRBFGenerator", "2"},
      {"generators.HyperplaneGenerator", "2"},
      {"generators.SEAGenerator", "2"},
      {"generators.AgrawalGenerator", "2"},
      {"generators.LEDGenerator", "10"},
      {"generators.WaveformGenerator", "3"},
      {"generators.RandomRBFGenerator -c 5", "5"},
      {"lessram.SparseClickStreamGenerator", "2"},
      {"lessram.SparseClickStreamGenerator -r 2", "2"},
      {"lessram.SparseClickStreamGenerator -r 3 -z 0.9", "2"},
  };

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int sparseN = args.length > 1 ? Integer.parseInt(args[1]) : 500_000;
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : Runtime.getRuntime().availableProcessors();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<String[]> jobs = new ArrayList<>();
    for (String[] s : STREAMS) {
      boolean binary = s[1].equals("2");
      for (String learner : new String[] {"lessram.RandomizedRoundingLogisticRegression",
          "lessram.ApproximateCountLogisticRegression"}) {
        for (String a : ALPHAS) {
          jobs.add(new String[] {s[0], learner + " -a " + a});
        }
      }
      if (s[0].contains("Sparse")) {
        continue; // MOA's SGD costs O(attributes) per instance: hours on 2^22 attributes
      }
      String sgd = binary ? "functions.SGD -o LOGLOSS" : "functions.SGDMultiClass -o LOGLOSS";
      jobs.add(new String[] {s[0], binary ? "functions.SGD" : "functions.SGDMultiClass"});
      for (String r : new String[] {"0.1", "0.01", "0.001"}) {
        jobs.add(new String[] {s[0], sgd + " -r " + r});
      }
    }
    List<Future<String>> results = new ArrayList<>();
    for (String[] job : jobs) {
      int count = job[0].contains("Sparse") ? sparseN : n;
      results.add(pool.submit(() -> run(job[0], job[1], count)));
    }
    System.out.println("stream\tlearner\tinstances\taccuracy%\tlogloss");
    for (Future<String> f : results) {
      System.out.println(f.get());
    }
    pool.shutdown();
  }

  /**
   * Prequential run: accuracy (%, the predicted class is the largest vote as in MOA's evaluators) and mean
   * log loss (votes normalised to sum 1, probabilities clipped to 1e-15).
   */
  public static String run(String streamCli, String learnerCli, int n) throws Exception {
    InstanceStream stream = (InstanceStream) ClassOption.cliStringToObject(streamCli, InstanceStream.class, null);
    ((moa.options.OptionHandler) stream).prepareForUse();
    Classifier learner = (Classifier) ClassOption.cliStringToObject(learnerCli, Classifier.class, null);
    learner.setModelContext(stream.getHeader());
    learner.prepareForUse();
    long correct = 0;
    double logLoss = 0;
    for (int i = 0; i < n; i++) {
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
    }
    return String.format(Locale.ROOT, "%s\t%s\t%d\t%.2f\t%.4f", streamCli, learnerCli, n,
        100.0 * correct / n, logLoss / n);
  }
}
