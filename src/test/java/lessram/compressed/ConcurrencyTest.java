package lessram.compressed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {
  @Test
  void manyThreadsPredictingGetTheSameAnswers() throws Exception {
    for (int k : new int[] {1, 4}) {
      int d = 1 << 15;
      CompressedModel model = CompressedModel.builder(CoefficientSource.of(k, d, SyntheticModels.laplace(k, d, 0.8, 0.1, k)))
          .build();
      int examples = 2000;
      int[][] slots = new int[examples][];
      double[][] values = new double[examples][];
      Random rnd = new Random(1);
      for (int e = 0; e < examples; e++) {
        int nnz = 1 + rnd.nextInt(40);
        slots[e] = new int[nnz];
        values[e] = new double[nnz];
        for (int j = 0; j < nnz; j++) {
          slots[e][j] = rnd.nextInt(d);
          values[e][j] = rnd.nextGaussian();
        }
      }
      double[][] expected = new double[examples][];
      for (int e = 0; e < examples; e++) {
        expected[e] = model.probabilities(slots[e], values[e], slots[e].length);
      }
      int threads = 8;
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<double[][]>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int offset = t * 37;
          results.add(pool.submit(() -> {
            double[][] got = new double[examples][];
            double[] out = new double[model.numClasses()];
            for (int rep = 0; rep < 3; rep++) {
              for (int i = 0; i < examples; i++) {
                int e = (i + offset) % examples; // different threads on different examples at a time
                model.probabilities(slots[e], values[e], slots[e].length, out);
                got[e] = out.clone();
              }
            }
            return got;
          }));
        }
        for (Future<double[][]> f : results) {
          double[][] got = f.get(2, TimeUnit.MINUTES);
          for (int e = 0; e < examples; e++) {
            assertArrayEquals(expected[e], got[e]);
          }
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
