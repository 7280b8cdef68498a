package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;

import junit.framework.TestCase;
import junit.framework.TestFailure;
import junit.framework.TestResult;
import junit.framework.TestSuite;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import weka.test.Regression;

/**
 * Runs Weka's own {@link weka.classifiers.AbstractClassifierTest} (JUnit 3 style, weka-stable 3.8.6 tests
 * jar, against the Weka classes on the test classpath, i.e. weka-dev 3.9.6 from MOA) for both classifiers,
 * one Jupiter test per Weka check. The regression references ({@code .ref} files with the predictions on
 * Weka's generated data sets) are committed under {@code src/test/resources/weka/wekarefs}; Weka writes a
 * missing one on the first run, which on CI ({@code CI=true}) counts as a failure.
 */
class WekaClassifierChecksTest {

  /** The committed reference directory, relative to the project directory. */
  static final String REF_ROOT = "src/test/resources/weka/wekarefs";

  static Path projectDir() {
    String build = System.getProperty("lessram.buildDir");
    if (build != null) {
      return Paths.get(build).toAbsolutePath().getParent();
    }
    return Paths.get("").toAbsolutePath();
  }

  static {
    System.setProperty("weka.test.Regression.root", projectDir().resolve(REF_ROOT).toString());
  }

  /** The checks come from the weka-stable 3.8.6 tests jar and run against weka-dev 3.9.6 (from MOA). */
  @Test
  void checksOfWekaStableRunAgainstWekaDev() {
    assertEquals("3.9.6", weka.core.Version.VERSION);
    String source = weka.classifiers.AbstractClassifierTest.class.getProtectionDomain().getCodeSource()
        .getLocation().toString();
    assertTrue(source.endsWith("weka-stable-3.8.6-tests.jar"), source);
    String core = weka.classifiers.AbstractClassifier.class.getProtectionDomain().getCodeSource()
        .getLocation().toString();
    assertTrue(core.endsWith("weka-dev-3.9.6.jar"), core);
  }

  @TestFactory
  Stream<DynamicNode> wekaChecks() {
    return Stream.of(RandomizedRoundingLogisticRegressionTest.class, ApproximateCountLogisticRegressionTest.class)
        .map(WekaClassifierChecksTest::checks);
  }

  private static DynamicContainer checks(Class<? extends TestCase> type) {
    File ref = new File(Regression.getRoot(), type.getName().replace('.', '/') + ".ref");
    boolean refExisted = ref.isFile();
    List<DynamicTest> tests = new ArrayList<>();
    TestSuite suite = new TestSuite(type);
    assertTrue(suite.countTestCases() >= 20, "Weka's check list looks incomplete: " + suite.countTestCases());
    for (Enumeration<junit.framework.Test> e = suite.tests(); e.hasMoreElements();) {
      junit.framework.Test test = e.nextElement();
      String name = ((TestCase) test).getName();
      assertFalse(name.startsWith("warning"), "JUnit 3 could not build " + type.getName() + ": " + test);
      tests.add(DynamicTest.dynamicTest(name, () -> {
        TestResult result = new TestResult();
        test.run(result);
        List<String> problems = new ArrayList<>();
        for (TestFailure f : Collections.list(result.failures())) {
          problems.add("failure: " + f.exceptionMessage());
        }
        for (TestFailure f : Collections.list(result.errors())) {
          problems.add("error: " + f.trace());
        }
        assertEquals(1, result.runCount());
        if (!problems.isEmpty()) {
          fail(type.getSimpleName() + "." + name + ": " + String.join("\n", problems));
        }
        if (name.equals("testRegression")) {
          assertTrue(ref.isFile(), "no regression reference written: " + ref);
          if (!refExisted && "true".equals(System.getenv("CI"))) {
            fail("regression reference " + ref + " is not committed (Weka just wrote it)");
          }
        }
      }));
    }
    return DynamicContainer.dynamicContainer(type.getSimpleName(), tests);
  }
}
