package lessram.compressed;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Random;

/**
 * Generates the committed format-stability fixtures under {@code src/test/resources/lessram/compressed/}:
 * for each model a {@code .lrfz} file and a {@code .expected} text file (all codes, then examples with
 * their exact scores). Run once when a format version is introduced, never to "fix" a failing
 * {@link FormatStabilityTest}:
 * {@code java -cp target/classes:target/test-classes lessram.compressed.FormatFixtures src/test/resources/lessram/compressed}.
 */
public final class FormatFixtures {
  private FormatFixtures() {}

  /** A 3-class softmax model over 150 sparse feature ids, q2.5, with parameters and metadata. */
  static CompressedModel softmaxSparse() {
    return softmaxSparse(PositionLayout.COMPACT);
  }

  /** {@link #softmaxSparse()} in another layout. */
  static CompressedModel softmaxSparse(PositionLayout layout) {
    int k = 3;
    int d = 150;
    int[] ids = new int[d];
    Random rnd = new Random(20130616);
    int id = 3;
    for (int i = 0; i < d; i++) {
      ids[i] = id;
      id += 1 + (i % 10 == 0 ? 5000 : rnd.nextInt(40));
    }
    double[] beta = SyntheticModels.laplacePerSlot(k, d, 0.6, 0.4, 1303);
    return CompressedModel.builder(CoefficientSource.of(k, d, beta)).fractionBits(5).seed(4664)
        .featureSpace(FeatureSpaceDescriptor.of(FeatureSpaceDescriptor.Kind.SPARSE, new long[] {k, -1L},
            "@relation fixture-v1".getBytes(StandardCharsets.UTF_8)))
        .sparseFeatureIds(ids).targetBlockBits(256).positionLayout(layout).build();
  }

  /** A binary model over a hashed space of 2^9 slots, q2.7. */
  static CompressedModel binaryHashed() {
    return binaryHashed(PositionLayout.COMPACT);
  }

  /** {@link #binaryHashed()} in another layout. */
  static CompressedModel binaryHashed(PositionLayout layout) {
    int d = 1 << 9;
    double[] beta = SyntheticModels.laplace(1, d, 0.7, 0.2, 1304);
    return CompressedModel.builder(CoefficientSource.of(1, d, beta)).fractionBits(7).seed(99)
        .featureSpace(FeatureSpaceDescriptor.hashed(9, 0x9E3779B9L)).targetBlockBits(128)
        .positionLayout(layout).build();
  }

  /** Deterministic examples: feature ids (sparse) or slots (hashed) with values. */
  static int[][] exampleFeatures(CompressedModel m, int count) {
    Random rnd = new Random(7);
    int[][] out = new int[count][];
    int[] ids = m.featureSpace().kind() == FeatureSpaceDescriptor.Kind.SPARSE ? m.featureIds() : null;
    for (int e = 0; e < count; e++) {
      int nnz = rnd.nextInt(12);
      out[e] = new int[nnz];
      for (int j = 0; j < nnz; j++) {
        if (ids != null) {
          out[e][j] = rnd.nextInt(4) == 0 ? rnd.nextInt(1 << 20) : ids[rnd.nextInt(ids.length)];
        } else {
          out[e][j] = rnd.nextInt(m.numSlots());
        }
      }
    }
    return out;
  }

  static double[][] exampleValues(int[][] features) {
    Random rnd = new Random(8);
    double[][] out = new double[features.length][];
    for (int e = 0; e < features.length; e++) {
      out[e] = new double[features[e].length];
      for (int j = 0; j < out[e].length; j++) {
        out[e][j] = rnd.nextInt(3) == 0 ? 1.0 : Math.round(rnd.nextGaussian() * 1000) / 250.0;
      }
    }
    return out;
  }

  /** Raw scores of an example (feature ids mapped with slotOf when the space is sparse). */
  static double[] scores(CompressedModel m, int[] features, double[] values) {
    int[] slots = features.clone();
    if (m.featureSpace().kind() == FeatureSpaceDescriptor.Kind.SPARSE) {
      for (int j = 0; j < slots.length; j++) {
        slots[j] = m.slotOf(features[j]);
      }
    }
    double[] s = new double[m.numOutputs()];
    m.predictScores(slots, values, slots.length, s);
    return s;
  }

  static void writeExpected(CompressedModel m, OutputStream out) {
    PrintStream p = new PrintStream(out, true, StandardCharsets.UTF_8);
    StringBuilder codes = new StringBuilder("codes");
    for (int c = 0; c < m.numCoordinates(); c++) {
      codes.append(' ').append(m.code(c));
    }
    p.println(codes);
    int[][] f = exampleFeatures(m, 40);
    double[][] v = exampleValues(f);
    for (int e = 0; e < f.length; e++) {
      StringBuilder line = new StringBuilder("example");
      for (int j = 0; j < f[e].length; j++) {
        line.append(' ').append(f[e][j]).append(':').append(v[e][j]);
      }
      line.append(" =>");
      for (double s : scores(m, f[e], v[e])) {
        line.append(' ').append(s);
      }
      p.println(line);
    }
  }

  public static void main(String[] args) throws IOException {
    Path dir = Paths.get(args.length > 0 ? args[0] : ".");
    Files.createDirectories(dir);
    // version 1 (compact layout) and version 3 (ranked layout, added with that version; the version-1
    // files are byte-identical when regenerated)
    CompressedModel[] models = {softmaxSparse(), binaryHashed(), softmaxSparse(PositionLayout.RANKED),
        binaryHashed(PositionLayout.RANKED)};
    String[] names = {"model-v1", "model-v1-binary", "model-v3", "model-v3-binary"};
    for (int i = 0; i < models.length; i++) {
      try (OutputStream out = Files.newOutputStream(dir.resolve(names[i] + ".lrfz"))) {
        models[i].writeTo(out);
      }
      try (OutputStream out = Files.newOutputStream(dir.resolve(names[i] + ".expected"))) {
        writeExpected(models[i], out);
      }
      System.out.println(names[i] + ": " + models[i]);
    }
  }
}
