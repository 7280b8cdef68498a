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

/** Scratch: grid runs with checkpoints. args: threads, checkpoints (comma), then "stream|learnerCli" jobs. */
public final class GridProbe {
  public static void main(String[] args) throws Exception {
    int threads = Integer.parseInt(args[0]);
    String[] cps = args[1].split(",");
    int[] checkpoints = new int[cps.length];
    for (int i = 0; i < cps.length; i++) {
      checkpoints[i] = Integer.parseInt(cps[i]);
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<String>> results = new ArrayList<>();
    for (int i = 2; i < args.length; i++) {
      String[] p = args[i].split("\\|");
      results.add(pool.submit(() -> run(p[0], p[1], checkpoints)));
    }
    for (Future<String> f : results) {
      System.out.println(f.get());
    }
    pool.shutdown();
  }

  static String run(String streamCli, String learnerCli, int[] checkpoints) throws Exception {
    InstanceStream stream = (InstanceStream) ClassOption.cliStringToObject(streamCli, InstanceStream.class, null);
    ((moa.options.OptionHandler) stream).prepareForUse();
    Classifier learner = (Classifier) ClassOption.cliStringToObject(learnerCli, Classifier.class, null);
    learner.setModelContext(stream.getHeader());
    learner.prepareForUse();
    long correct = 0;
    double logLoss = 0;
    StringBuilder out = new StringBuilder(streamCli + "\t" + learnerCli);
    int n = checkpoints[checkpoints.length - 1];
    int c = 0;
    long t0 = System.nanoTime();
    for (int i = 0; i < n && stream.hasMoreInstances(); i++) {
      Instance inst = stream.nextInstance().getData();
      double[] votes = learner.getVotesForInstance(inst);
      int y = (int) inst.classValue();
      double sum = 0;
      for (double v : votes) {
        sum += v;
      }
      if (moa.core.Utils.maxIndex(votes) == y) {
        correct++;
      }
      double p = sum > 0 && y < votes.length ? votes[y] / sum : 0;
      logLoss -= Math.log(Math.min(Math.max(p, 1e-15), 1 - 1e-15));
      learner.trainOnInstance(inst);
      if (i + 1 == checkpoints[c]) {
        out.append(String.format(Locale.ROOT, "\t%d:%.2f/%.5f", i + 1, 100.0 * correct / (i + 1), logLoss / (i + 1)));
        c++;
      }
    }
    out.append(String.format(Locale.ROOT, "\t%dms", (System.nanoTime() - t0) / 1000000));
    return out.toString();
  }
}
