package lessram;

import com.yahoo.labs.samoa.instances.Instance;
import java.util.*;
import moa.streams.lessram.SparseClickStreamGenerator;

public class MixExperiment {
  public static void main(String[] a) {
    int n = Integer.parseInt(a[0]);
    int partitions = Integer.parseInt(a[1]);
    int first = a.length > 3 ? Integer.parseInt(a[3]) : 0;
    SparseClickStreamGenerator g = new SparseClickStreamGenerator();
    g.prepareForUse();
    int d = g.getHeader().numAttributes() - 1;
    int[][] ids = new int[n][]; double[] labels = new double[n];
    for (int t = 0; t < n; t++) {
      Instance x = g.nextInstance().getData();
      int m = x.numValues();
      int[] f = new int[m - 1]; int k = 0;
      for (int p = 0; p < m; p++) if (x.index(p) != d) f[k++] = x.index(p);
      ids[t] = Arrays.copyOf(f, k); labels[t] = x.classValue();
    }
    Settings s = Settings.builder(LearningRateSchedule.PER_COORDINATE).build();
    OnlineClassifier start = new OnlineClassifier(s, MixingFixtures.header(d, 2));
    for (String rs : a[2].split(",")) {
      int round = Integer.parseInt(rs);
      int parts = round == 0 ? 1 : partitions;
      if (round == 0) round = n;
      OnlineClassifier model = start;
      double loss = 0; int rounds = 0;
      int per = (n + parts - 1) / parts;
      int done = 0;
      while (done < per) {
        int size = first > 0 ? Math.min(round, first << Math.min(20, rounds)) : round;
        List<SessionDelta> deltas = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
          PartitionCopy c = new PartitionCopy(model, p);
          for (int i = done; i < Math.min(per, done + size); i++) {
            int t = i * parts + p;
            if (t >= n) break;
            double[] v = new double[ids[t].length]; Arrays.fill(v, 1.0);
            InstanceView x = MixingFixtures.instance(ids[t], v, d, labels[t]);
            double[] pr = c.predict(x);
            double q = Math.max(1e-15, Math.min(1 - 1e-15, pr[(int) labels[t]]));
            loss -= Math.log(q);
            c.train(x);
          }
          deltas.add(c.delta(0));
        }
        model = ParameterMixing.merge(model, deltas, ParameterMixing.Rule.valueOf(System.getProperty("rule", "EXTRAPOLATED"))).session();
        rounds++;
        done += size;
      }
      System.out.printf("h %s first %d round %d rounds %d loss %.5f%n", System.getProperty("lessram.h", "1"), first, round, rounds, loss / n);
    }
  }
}
