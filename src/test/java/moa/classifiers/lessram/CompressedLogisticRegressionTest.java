package moa.classifiers.lessram;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.yahoo.labs.samoa.instances.Instance;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import lessram.CompressedPredictor;
import lessram.compressed.CoefficientSource;
import lessram.compressed.FeatureSpaceDescriptor;
import lessram.compressed.CompressedModel;
import moa.streams.InstanceStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The MOA adapter of compressed models: compressing, file round trip, header checks, refusal to train, threads. */
class CompressedLogisticRegressionTest {
  static final String AC = "lessram.ApproximateCountLogisticRegression";
  static final String RR = "lessram.RandomizedRoundingLogisticRegression";
  static final String RBF = "generators.RandomRBFGenerator -r 3 -i 4";

  /** A learner trained on the first {@code n} instances of {@code streamCli}, with the stream's header as context. */
  static AbstractLessRamClassifier trained(String learnerCli, String streamCli, int n) {
    InstanceStream s = LessRamTestSupport.stream(streamCli);
    AbstractLessRamClassifier learner = LessRamTestSupport.prepared(learnerCli, s.getHeader());
    for (int i = 0; i < n; i++) {
      learner.trainOnInstance(s.nextInstance().getData());
    }
    return learner;
  }

  static byte[] bytes(CompressedPredictor p) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    p.writeTo(out);
    return out.toByteArray();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      AC + "|" + RBF,
      AC + " -p|" + RBF,
      AC + " -h 10|" + RBF,
      RR + " -z maxabs|" + RBF,
      AC + "|generators.WaveformGenerator -i 2",
      AC + " -z standardize|generators.AgrawalGenerator -i 5",
      AC + " -h 16|lessram.SparseClickStreamGenerator -C 5000 -b 18"})
  void compressedModelFollowsTheLearnerAndItsFileRoundTripIsExact(String setup) throws Exception {
    String[] parts = setup.split("\\|");
    AbstractLessRamClassifier learner = trained(parts[0], parts[1], 3000);
    List<Instance> test = LessRamTestSupport.instances(parts[1].replace("-i ", "-i 9").replace("-r 3", "-r 5"), 400);
    CompressedPredictor fine = learner.compress(13, 1);
    CompressedPredictor coarse = learner.compress(7, 1);
    CompressedPredictor reread = CompressedPredictor.read(new ByteArrayInputStream(bytes(coarse)));
    CompressedLogisticRegression fromFile = new CompressedLogisticRegression(reread);
    CompressedLogisticRegression inMemory = new CompressedLogisticRegression(coarse);
    int agree = 0;
    for (Instance inst : test) {
      double[] original = learner.getVotesForInstance(inst);
      double[] q13 = new CompressedLogisticRegression(fine).getVotesForInstance(inst);
      assertEquals(original.length, q13.length);
      for (int k = 0; k < q13.length; k++) {
        assertEquals(original[k], q13[k], 2e-3, "q2.13 compressed vs learner");
      }
      double[] a = inMemory.getVotesForInstance(inst);
      double[] b = fromFile.getVotesForInstance(inst);
      assertArrayEquals(a, b, 0.0, "save/load is exact");
      agree += argMax(a) == argMax(original) ? 1 : 0;
    }
    assertTrue(agree >= 0.95 * test.size(), "q2.7 agrees with the learner on " + agree + " of " + test.size());
  }

  static int argMax(double[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }

  @Test
  void theFileOptionLoadsAndMoaCopiesKeepPredictions(@TempDir Path dir) throws Exception {
    AbstractLessRamClassifier learner = trained(AC, RBF, 2000);
    File file = dir.resolve("m.lrfz").toFile();
    learner.compress(7, 3).write(file.toPath());
    CompressedLogisticRegression c = new CompressedLogisticRegression();
    c.modelFileOption.setValue(file.getPath());
    c.prepareForUse();
    CompressedLogisticRegression copy = (CompressedLogisticRegression) c.copy();
    for (Instance inst : LessRamTestSupport.instances("generators.RandomRBFGenerator -r 3 -i 77", 200)) {
      assertArrayEquals(c.getVotesForInstance(inst), copy.getVotesForInstance(inst), 0.0);
    }
    StringBuilder sb = new StringBuilder();
    c.getDescription(sb, 0);
    assertTrue(sb.toString().contains("realized"), sb.toString());
  }

  @Test
  void trainingIsRefusedClearly() {
    CompressedLogisticRegression c = new CompressedLogisticRegression(trained(AC, RBF, 500).compress(7, 1));
    Instance inst = LessRamTestSupport.instances(RBF, 1).get(0);
    UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
        () -> c.trainOnInstance(inst));
    assertTrue(e.getMessage().contains("cannot be trained") && e.getMessage().contains("EvaluateModel"),
        e.getMessage());
  }

  @Test
  void aDifferentHeaderIsRefused() {
    CompressedLogisticRegression c = new CompressedLogisticRegression(trained(AC, RBF, 500).compress(7, 1));
    Instance fewer = LessRamTestSupport.instances("generators.RandomRBFGenerator -a 5", 1).get(0);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> c.getVotesForInstance(fewer));
    assertTrue(e.getMessage().contains("does not match"), e.getMessage());
    Instance otherType = LessRamTestSupport.instances("generators.AgrawalGenerator", 1).get(0);
    e = assertThrows(IllegalStateException.class, () -> c.getVotesForInstance(otherType));
    assertTrue(e.getMessage().contains("does not match"), e.getMessage());
    // a class that gained a label at the end (as MOA's ArffFileStream extends a header) is accepted: the
    // model gives the new label no probability
    Instance moreClasses = LessRamTestSupport.instances("generators.RandomRBFGenerator -c 3", 1).get(0);
    double[] votes = c.getVotesForInstance(moreClasses);
    assertEquals(2, votes.length);
    assertEquals(1.0, votes[0] + votes[1], 1e-12);
  }

  @Test
  void corruptOrForeignFilesAreRejectedWithAClearMessage(@TempDir Path dir) throws Exception {
    byte[] good = bytes(trained(AC, RBF, 500).compress(7, 1));
    List<byte[]> bad = new ArrayList<>();
    bad.add(java.util.Arrays.copyOf(good, good.length / 2)); // truncated
    byte[] flipped = good.clone();
    flipped[flipped.length / 3] ^= 0x10;
    bad.add(flipped); // checksum
    bad.add("not a model at all".getBytes("UTF-8"));
    ByteArrayOutputStream foreign = new ByteArrayOutputStream(); // a valid compressed model without our mapping
    CompressedModel.builder(CoefficientSource.of(1, 3, new double[] {0.5, -0.25, 1, 0.1}))
        .featureSpace(FeatureSpaceDescriptor.direct()).build().writeTo(foreign);
    bad.add(foreign.toByteArray());
    for (int i = 0; i < bad.size(); i++) {
      Path file = dir.resolve("bad" + i + ".lrfz");
      Files.write(file, bad.get(i));
      CompressedLogisticRegression c = new CompressedLogisticRegression();
      c.modelFileOption.setValue(file.toString());
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, c::prepareForUse);
      assertTrue(e.getMessage().startsWith("CompressedLogisticRegression: cannot load compressed model"),
          e.getMessage());
      assertNotNull(e.getCause());
    }
  }

  @Test
  void concurrentPredictionsAreIdenticalToSequentialOnes() throws Exception {
    CompressedLogisticRegression c = new CompressedLogisticRegression(
        trained(AC + " -z standardize", "generators.AgrawalGenerator -i 5", 3000).compress(7, 1));
    List<Instance> test = LessRamTestSupport.instances("generators.AgrawalGenerator -i 6", 3000);
    double[][] expected = new double[test.size()][];
    for (int i = 0; i < test.size(); i++) {
      expected[i] = c.getVotesForInstance(test.get(i));
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int offset = t * 97;
        results.add(pool.submit(() -> {
          int mismatches = 0;
          for (int r = 0; r < 5; r++) {
            for (int j = 0; j < test.size(); j++) {
              int i = (j + offset) % test.size();
              double[] v = c.getVotesForInstance(test.get(i));
              if (!java.util.Arrays.equals(v, expected[i])) {
                mismatches++;
              }
            }
          }
          return mismatches;
        }));
      }
      for (Future<Integer> f : results) {
        assertEquals(0, f.get().intValue());
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
