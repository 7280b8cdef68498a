package lessram;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The feature mapping and encoder forms inside compressed files (written by {@link Compressor}) must load forever,
 * predict exactly what they predicted when committed, and be written byte for byte as before: the files
 * under {@code src/test/resources/lessram/} were generated once by {@link PredictorFixtures} (never
 * regenerate them to make this test pass: a failure means the reader or the writer changed old bytes).
 */
class PredictorFormatStabilityTest {
  static byte[] resource(String name) throws IOException {
    try (InputStream in = PredictorFormatStabilityTest.class.getResourceAsStream(name)) {
      assertNotNull(in, name);
      return in.readAllBytes();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"standardize", "maxabs-hashed-3", "none-class-first-sparse", "exact-only-v1"})
  void committedPredictorsLoadPredictTheSameAndAreWrittenAlike(String name) throws IOException {
    byte[] file = resource("predictor-" + name + ".lrfz");
    CompressedPredictor loaded = CompressedPredictor.read(new ByteArrayInputStream(file));
    String expected = new String(resource("predictor-" + name + ".expected"), StandardCharsets.UTF_8);
    int probes = 0;
    for (String line : expected.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      String[] halves = line.trim().split(" => ");
      String[] xs = halves[0].split(" ");
      double[] x = new double[xs.length];
      for (int a = 0; a < x.length; a++) {
        x[a] = Double.parseDouble(xs[a]);
      }
      String[] ps = halves[1].split(" ");
      double[] want = new double[ps.length];
      for (int k = 0; k < want.length; k++) {
        want[k] = Double.parseDouble(ps[k]);
      }
      assertArrayEquals(want, PredictorFixtures.probabilities(loaded, x), 0.0, name + ": " + line);
      probes++;
    }
    assertEquals(60, probes);
    // the file is written back byte for byte
    assertArrayEquals(file, PredictorFixtures.bytes(loaded));
    // and the same training compresses to the same bytes today (the version-1 case is converted on reading,
    // so an encoder read from it is written as version 2; its file keeps its bytes, checked above)
    if (!name.endsWith("-v1")) {
      assertArrayEquals(file, PredictorFixtures.bytes(PredictorFixtures.build(name)), "written by Compressor");
    }
  }
}
