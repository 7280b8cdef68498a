package lessram.compressed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Files written by format versions 1 and 3 must load forever and predict exactly what they predicted when
 * they were committed (generated once by {@link FormatFixtures}; never regenerate them to make this
 * test pass: a failure means the reader broke old files).
 */
class FormatStabilityTest {
  static byte[] resource(String name) throws IOException {
    try (InputStream in = FormatStabilityTest.class.getResourceAsStream(name)) {
      assertNotNull(in, name);
      return in.readAllBytes();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"model-v1", "model-v1-binary", "model-v3", "model-v3-binary"})
  void committedFilesStillLoadAndPredictTheSame(String name) throws IOException {
    byte[] file = resource(name + ".lrfz");
    CompressedModel m = CompressedModel.read(new java.io.ByteArrayInputStream(file));
    List<String> lines = new ArrayList<>();
    for (String line : new String(resource(name + ".expected"), StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank()) {
        lines.add(line.trim());
      }
    }
    String[] codes = lines.get(0).split(" ");
    assertEquals("codes", codes[0]);
    assertEquals(codes.length - 1, m.numCoordinates());
    for (int c = 0; c < m.numCoordinates(); c++) {
      assertEquals(Integer.parseInt(codes[c + 1]), m.code(c), "coordinate " + c);
    }
    for (String line : lines.subList(1, lines.size())) {
      String[] halves = line.split(" => ");
      String[] feats = halves[0].split(" ");
      int nnz = feats.length - 1;
      int[] f = new int[nnz];
      double[] v = new double[nnz];
      for (int j = 0; j < nnz; j++) {
        String[] kv = feats[j + 1].split(":");
        f[j] = Integer.parseInt(kv[0]);
        v[j] = Double.parseDouble(kv[1]);
      }
      String[] want = halves[1].split(" ");
      double[] expected = new double[want.length];
      for (int o = 0; o < want.length; o++) {
        expected[o] = Double.parseDouble(want[o]);
      }
      assertArrayEquals(expected, FormatFixtures.scores(m, f, v), line);
    }
    // the writer reproduces the committed bytes exactly
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    m.writeTo(out);
    assertArrayEquals(file, out.toByteArray());
  }

  @ParameterizedTest
  @ValueSource(strings = {"model-v1", "model-v3"})
  void descriptorSurvives(String name) throws IOException {
    CompressedModel m = CompressedModel.read(new java.io.ByteArrayInputStream(resource(name + ".lrfz")));
    assertEquals(FeatureSpaceDescriptor.Kind.SPARSE, m.featureSpace().kind());
    assertArrayEquals(new long[] {3, -1L}, m.featureSpace().parameters());
    assertEquals("@relation fixture-v1", m.featureSpace().metadataAsString());
    assertEquals(3, m.numOutputs());
    assertEquals(5, m.fractionBits());
    assertEquals(4664, m.seed());
  }
}
