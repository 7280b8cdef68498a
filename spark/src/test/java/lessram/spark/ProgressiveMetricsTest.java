package lessram.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import lessram.SplitMix64;
import org.junit.jupiter.api.Test;

/**
 * Codes added to a round's metrics and passed on to an epoch's count as if they had been added to the epoch's
 * directly, however many tasks' arrays a round holds (more than it keeps uncounted) and in whatever grouping.
 */
class ProgressiveMetricsTest {
  @Test
  void codesPassedOnCountAsCodesAddedDirectly() {
    SplitMix64 r = new SplitMix64(3);
    ProgressiveMetrics direct = new ProgressiveMetrics();
    ProgressiveMetrics epoch = new ProgressiveMetrics();
    for (int round = 0; round < 5; round++) {
      ProgressiveMetrics metrics = new ProgressiveMetrics();
      int tasks = round == 2 ? 150 : 1 + round;
      for (int t = 0; t < tasks; t++) {
        int[] codes = new int[1 + (int) (r.nextDouble() * 40)];
        int used = codes.length - (t % 3 == 0 ? 1 : 0);
        double loss = 0;
        for (int i = 0; i < codes.length; i++) {
          double p = r.nextDouble();
          int y = r.nextDouble() < p ? 1 : 0;
          codes[i] = ProgressiveMetrics.code(p, y);
          loss += ProgressiveMetrics.logLoss(new double[] {1 - p, p}, y);
        }
        metrics.add(used, used / 2, loss, codes, used);
        direct.add(used, used / 2, loss, codes, used);
      }
      if (round == 3) {
        direct.auc(); // counts what is pending; later codes still count
      }
      epoch.add(metrics);
    }
    assertEquals(direct.examples(), epoch.examples());
    assertEquals(direct.accuracy(), epoch.accuracy());
    assertEquals(direct.auc(), epoch.auc());
    ProgressiveMetrics all = new ProgressiveMetrics();
    all.add(epoch);
    all.add(new ProgressiveMetrics());
    assertEquals(direct.auc(), all.auc());
  }
}
