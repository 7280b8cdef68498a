package moa.classifiers.lessram;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Prequential runs of MOA learner configurations side by side in one JVM, with the accuracy and log loss
 * ({@link AlphaTuning#prequential}) at checkpoints: {@code threads checkpoints(comma-separated)
 * "stream|learnerCli"...}.
 */
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
    long t0 = System.nanoTime();
    double[][] r = AlphaTuning.prequential(streamCli, learnerCli, checkpoints);
    StringBuilder out = new StringBuilder(streamCli + "\t" + learnerCli);
    for (double[] x : r) {
      out.append(String.format(Locale.ROOT, "\t%d:%.2f/%.5f", (long) x[2], x[0], x[1]));
    }
    out.append(String.format(Locale.ROOT, "\t%dms", (System.nanoTime() - t0) / 1000000));
    return out.toString();
  }
}
