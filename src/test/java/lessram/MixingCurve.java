package lessram;

import com.yahoo.labs.samoa.instances.Instance;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import moa.streams.lessram.SparseClickStreamGenerator;
import moa.tasks.lessram.PrequentialMetrics;

/**
 * Parameter mixing on the click stream without Spark: the engine's {@link PartitionCopy}s and {@link
 * ParameterMixing} run in one thread, partition {@code p} taking every {@code P}-th instance (as Spark's
 * round-robin repartitioning does), each instance predicted before its copy trains on it. Prints the
 * progressive log loss and AUC per round size, against the sequential learner (round size 0), with the same
 * results as the Spark module's fit on the same data. A tool, not a test:
 * <pre>
 * mvn test-compile
 * java -Xmx4g -cp "target/classes:target/test-classes:$(cat target/test-classpath.txt)" lessram.MixingCurve \
 *     1000000 4 0,2500,4000,10000 [average|extrapolated]
 * </pre>
 */
public final class MixingCurve {
  private MixingCurve() {
  }

  /** The first {@code n} instances of the default click stream: feature ids (all values 1) and labels. */
  static final class Click {
    final int features;
    final int[][] ids;
    final double[] labels;

    Click(int n) {
      SparseClickStreamGenerator g = new SparseClickStreamGenerator();
      g.prepareForUse();
      features = g.getHeader().numAttributes() - 1;
      ids = new int[n][];
      labels = new double[n];
      for (int t = 0; t < n; t++) {
        Instance x = g.nextInstance().getData();
        int[] f = new int[x.numValues()];
        int k = 0;
        for (int p = 0; p < x.numValues(); p++) {
          if (x.index(p) != features) {
            f[k++] = x.index(p);
          }
        }
        ids[t] = Arrays.copyOf(f, k);
        labels[t] = x.classValue();
      }
    }
  }

  public static void main(String[] args) {
    int n = Integer.parseInt(args[0]);
    int partitions = Integer.parseInt(args[1]);
    ParameterMixing.Rule rule = args.length > 3 ? ParameterMixing.Rule.valueOf(args[3].toUpperCase(Locale.ROOT))
        : ParameterMixing.Rule.EXTRAPOLATED;
    Click click = new Click(n);
    int d = click.features;
    int[][] ids = click.ids;
    double[] labels = click.labels;
    OnlineClassifier start = new OnlineClassifier(Settings.builder(LearningRateSchedule.PER_COORDINATE).build(),
        MixingFixtures.header(d, 2));
    for (String size : args[2].split(",")) {
      int roundSize = Integer.parseInt(size.trim());
      int parts = roundSize == 0 ? 1 : partitions;
      int perPartition = (n + parts - 1) / parts;
      int round = roundSize == 0 ? perPartition : roundSize;
      OnlineClassifier model = start;
      PrequentialMetrics metrics = new PrequentialMetrics(true);
      int rounds = 0;
      for (int done = 0; done < perPartition; done += round, rounds++) {
        List<SessionDelta> deltas = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
          PartitionCopy copy = new PartitionCopy(model, p);
          for (int i = done; i < Math.min(perPartition, done + round); i++) {
            int t = i * parts + p;
            if (t >= n) {
              break;
            }
            double[] ones = new double[ids[t].length];
            Arrays.fill(ones, 1.0);
            InstanceView x = MixingFixtures.instance(ids[t], ones, d, labels[t]);
            metrics.addBinary((int) labels[t], copy.predict(x)[1]);
            copy.train(x);
          }
          deltas.add(copy.delta(0));
        }
        model = ParameterMixing.mergeInPlace(model == start ? start.copy() : model, deltas, rule).session();
      }
      System.out.printf(Locale.ROOT, "%s, %d partitions, %d rows per partition and round, %d rounds: log loss %.5f,"
          + " AUC %.5f%n", rule, parts, roundSize, rounds, metrics.logLoss(), metrics.auc());
    }
  }
}
