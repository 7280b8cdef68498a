package moa.classifiers.lessram;

import static moa.classifiers.lessram.LessRamTestSupport.AC;
import static moa.classifiers.lessram.LessRamTestSupport.BINARY;
import static moa.classifiers.lessram.LessRamTestSupport.MIXED;
import static moa.classifiers.lessram.LessRamTestSupport.MULTICLASS;
import static moa.classifiers.lessram.LessRamTestSupport.RR;
import static moa.classifiers.lessram.LessRamTestSupport.WAVEFORM;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.yahoo.labs.samoa.instances.Instance;
import com.yahoo.labs.samoa.instances.InstancesHeader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import moa.core.Measurement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JUnit 5 equivalent of MOA's classifier regression tests: for each learner setup, a short
 * prequential run on a seeded stream; the votes at fixed checkpoints, the running number of correct
 * predictions and the model measurements are compared with a committed reference file
 * ({@code src/test/resources/moa/classifiers/lessram/regression/<setup>.ref}) within 1e-9.
 *
 * <p>Any change of the learners' numerical behaviour fails this test. When a change is intended,
 * regenerate the references and commit them with the change:
 * {@code mvn test -Dtest=ClassifierRegressionTest -Dlessram.regenerateReferences=true}.
 */
class ClassifierRegressionTest {
  static final String SPARSE = "sparse";
  static final int INSTANCES = 3000;
  static final int CHECKPOINT_EVERY = 500;
  static final double TOLERANCE = 1e-9;
  static final String RESOURCE_DIR = "moa/classifiers/lessram/regression/";

  /** Setup name, learner command line, stream command line (or {@link #SPARSE}). */
  static final String[][] CASES = {
      {"rr-default", RR, BINARY},
      {"ac-default", AC, BINARY},
      {"ac-nearest", AC + " -m nearest", BINARY},
      {"ac-float32", AC + " -m float32", BINARY},
      {"rr-float64", RR + " -m float64", BINARY},
      {"ac-exact", AC + " -c exact", BINARY},
      {"ac-q2.5", AC + " -f 5", BINARY},
      {"ac-hashed", AC + " -h 6", MIXED},
      {"ac-mixed", AC, MIXED},
      {"ac-multiclass", AC, MULTICLASS},
      {"rr-multiclass", RR, WAVEFORM},
      {"ac-sparse-map", AC + " -p", SPARSE},
      {"ac-sparse-hashed", AC + " -h 8", SPARSE},
      {"rr-sparse", RR, SPARSE},
      // the fixed alphas that were the defaults before the adaptive rate: the votes of those defaults
      {"ac-alpha-0.2", AC + " -a 0.2", BINARY},
      {"rr-alpha-0.5", RR + " -a 0.5", BINARY},
      {"ac-multiclass-alpha-0.2", AC + " -a 0.2", MULTICLASS},
      {"rr-sparse-alpha-0.5", RR + " -a 0.5", SPARSE},
  };

  static Stream<String[]> cases() {
    return Arrays.stream(CASES);
  }

  /** The reference text of a prequential run. */
  static String run(String learnerCli, String streamCli) {
    List<Instance> data = streamCli.equals(SPARSE)
        ? LessRamTestSupport.sparseInstances(21, INSTANCES, 400, 10)
        : LessRamTestSupport.instances(streamCli, INSTANCES);
    AbstractLessRamClassifier learner =
        LessRamTestSupport.prepared(learnerCli, (InstancesHeader) data.get(0).dataset());
    StringBuilder out = new StringBuilder();
    out.append("# learner: ").append(learnerCli).append('\n');
    out.append("# stream: ").append(streamCli).append(", ").append(INSTANCES).append(" instances\n");
    long correct = 0;
    for (int i = 0; i < data.size(); i++) {
      Instance inst = data.get(i);
      double[] votes = learner.getVotesForInstance(inst);
      if (moa.core.Utils.maxIndex(votes) == (int) inst.classValue()) {
        correct++;
      }
      learner.trainOnInstance(inst);
      if ((i + 1) % CHECKPOINT_EVERY == 0) {
        int n = i + 1;
        out.append("votes@").append(n);
        for (double v : votes) {
          out.append(' ').append(v);
        }
        out.append('\n');
        out.append("correct@").append(n).append(' ').append(correct).append('\n');
        for (Measurement m : learner.getModelMeasurementsImpl()) {
          out.append("measure@").append(n).append(' ').append(m.getName().replace(' ', '_')).append(' ')
              .append(m.getValue()).append('\n');
        }
      }
    }
    return out.toString();
  }

  /** Differences between two reference texts: keys must match, numbers agree within the tolerance. */
  static List<String> compare(String expected, String actual) {
    List<String> diffs = new ArrayList<>();
    String[] e = data(expected);
    String[] a = data(actual);
    if (e.length != a.length) {
      diffs.add("line count " + e.length + " vs " + a.length);
    }
    for (int i = 0; i < Math.min(e.length, a.length); i++) {
      String[] fe = e[i].split(" ");
      String[] fa = a[i].split(" ");
      int numbersFrom = fe[0].startsWith("measure@") ? 2 : 1;
      if (fe.length != fa.length || !Arrays.equals(Arrays.copyOf(fe, numbersFrom), Arrays.copyOf(fa, numbersFrom))) {
        diffs.add("line " + (i + 1) + ": expected '" + e[i] + "' got '" + a[i] + "'");
        continue;
      }
      for (int k = numbersFrom; k < fe.length; k++) {
        double x = Double.parseDouble(fe[k]);
        double y = Double.parseDouble(fa[k]);
        if (!(Math.abs(x - y) <= TOLERANCE * Math.max(1, Math.max(Math.abs(x), Math.abs(y))))) {
          diffs.add("line " + (i + 1) + ": expected '" + e[i] + "' got '" + a[i] + "'");
          break;
        }
      }
    }
    return diffs;
  }

  private static String[] data(String text) {
    return Arrays.stream(text.split("\n")).filter(l -> !l.isEmpty() && !l.startsWith("#")).toArray(String[]::new);
  }

  static boolean regenerate() {
    return Boolean.getBoolean("lessram.regenerateReferences");
  }

  /** The reference file in the source tree (the build directory's parent, else the working directory). */
  static Path sourceFile(String name) {
    String buildDir = System.getProperty("lessram.buildDir");
    Path project = buildDir != null ? Paths.get(buildDir).toAbsolutePath().getParent() : Paths.get("");
    return project.resolve("src/test/resources").resolve(RESOURCE_DIR + name + ".ref");
  }

  static String reference(String name) throws IOException {
    try (InputStream in = ClassifierRegressionTest.class.getClassLoader()
        .getResourceAsStream(RESOURCE_DIR + name + ".ref")) {
      if (in != null) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }
    Path file = sourceFile(name);
    return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : null;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void prequentialVotesAndMeasurementsMatchTheReference(String name, String learnerCli, String streamCli)
      throws IOException {
    String actual = run(learnerCli, streamCli);
    assertTrue(actual.equals(run(learnerCli, streamCli)), "the run is deterministic");
    if (regenerate()) {
      Path file = sourceFile(name);
      Files.createDirectories(file.getParent());
      Files.write(file, actual.getBytes(StandardCharsets.UTF_8));
      return;
    }
    String expected = reference(name);
    assertNotNull(expected, "no reference " + RESOURCE_DIR + name + ".ref; generate it with "
        + "-Dlessram.regenerateReferences=true");
    List<String> diffs = compare(expected, actual);
    if (!diffs.isEmpty()) {
      fail(name + ": " + diffs.size() + " differences from the reference (regenerate with "
          + "-Dlessram.regenerateReferences=true if the change is intended), first: "
          + String.join("\n", diffs.subList(0, Math.min(5, diffs.size()))));
    }
  }

  @Test
  void theComparisonDetectsAChangeOfBehaviour() throws IOException {
    if (regenerate()) {
      return;
    }
    String expected = reference("ac-default");
    assertNotNull(expected);
    assertTrue(compare(expected, run(AC, BINARY)).isEmpty());
    assertFalse(compare(expected, run(AC + " -a 0.21", BINARY)).isEmpty(), "another alpha");
    assertFalse(compare(expected, run(AC + " -r 2", BINARY)).isEmpty(), "another seed");
    assertFalse(compare(expected, run(AC + " -b 7", BINARY)).isEmpty(), "another counter width");
    // a single vote changed in the 10th decimal is caught; in the 12th it is within the tolerance
    String[] lines = expected.split("\n");
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].startsWith("votes@")) {
        String[] f = lines[i].split(" ");
        double v = Double.parseDouble(f[1]);
        String bigger = expected.replace(lines[i], lines[i].replace(f[1], Double.toString(v + 1e-8)));
        String tiny = expected.replace(lines[i], lines[i].replace(f[1], Double.toString(v + 1e-12)));
        assertFalse(compare(expected, bigger).isEmpty());
        assertTrue(compare(expected, tiny).isEmpty());
        break;
      }
    }
  }
}
