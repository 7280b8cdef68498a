package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static weka.classifiers.functions.WekaPackageSupport.percentCorrect;
import static weka.classifiers.functions.WekaPackageSupport.weka;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import weka.classifiers.functions.WekaPackageSupport.Run;
import weka.classifiers.functions.WekaPackageSupport.WekaVersion;
import weka.core.Instances;

/**
 * The Weka package end to end, in plain Weka 3.8.6 and 3.9.6 (each with its full runtime classpath and no
 * MOA, in fresh JVMs with a private {@code WEKA_HOME}): offline install of the package zip with Weka's
 * package manager, listed as installed and loaded, offered by the GUIs' class chooser, training and
 * evaluation of both classifiers through
 * {@code weka.Run} (short scheme names, so Weka's class discovery scans the package), a clear error for an
 * absurd option, uninstall.
 *
 * <p>The zip is built here from {@code target/classes} with the layout of {@code src/assembly/}, because
 * Maven's {@code package} phase (where the assembly runs) comes after {@code test}; the packaged zips
 * themselves are checked by {@code WekaPackageZipIT} in {@code mvn verify}.
 */
class WekaPackageIntegrationTest {

  @TempDir
  static Path work;

  static Path zip;
  static Path train;
  static Path test;
  static Path sparse;
  static Path empty;

  /**
   * A single-file program (run by the java source launcher on the Weka classpath) that prints the
   * classifiers Weka's GUIs offer after loading the installed packages: the GenericObjectEditor's class
   * list, shared by the Explorer, KnowledgeFlow and Experimenter.
   */
  static final String GUI_CLASS_LIST_SOURCE = String.join("\n",
      "public class GuiClassList {",
      "  public static void main(String[] args) throws Exception {",
      "    weka.core.WekaPackageManager.loadPackages(false, true, false);",
      "    weka.gui.GenericObjectEditor.determineClasses();",
      "    for (String c : weka.core.PluginManager.getPluginNamesOfTypeList(\"weka.classifiers.Classifier\")) {",
      "      System.out.println(\"listed \" + c);",
      "    }",
      "  }",
      "}", "");

  static Path guiClassList;

  @BeforeAll
  static void buildPackageAndData() throws Exception {
    zip = WekaPackageSupport.buildWekaPackage(work);
    guiClassList = work.resolve("GuiClassList.java");
    WekaPackageSupport.write(guiClassList, GUI_CLASS_LIST_SOURCE);
    Instances all = WekaTestData.mixed(900, 2, 0.05, 0.02, 77);
    train = work.resolve("train.arff");
    test = work.resolve("test.arff");
    sparse = work.resolve("sparse.arff");
    empty = work.resolve("empty.arff");
    WekaPackageSupport.write(train, new Instances(all, 0, 600).toString());
    WekaPackageSupport.write(test, new Instances(all, 600, 300).toString());
    WekaPackageSupport.write(sparse, WekaTestData.sparse(600, 300, 15, 78).toString());
    WekaPackageSupport.write(empty, new Instances(all, 0).toString());
  }

  @Test
  void packageDescriptionMatchesTheBuild() throws Exception {
    Properties props = new Properties();
    try (var in = Files.newInputStream(WekaPackageSupport.projectDir().resolve("Description.props"))) {
      props.load(in);
    }
    assertEquals("lessRAM", props.getProperty("PackageName"));
    assertEquals(WekaPackageSupport.projectVersion(), props.getProperty("Version"));
    for (String key : new String[] {"Date", "Title", "Category", "Author", "Maintainer", "License", "Description",
        "URL", "PackageURL", "Depends"}) {
      assertFalse(props.getProperty(key, "").isBlank(), key);
    }
    assertEquals("weka (>=3.8.0)", props.getProperty("Depends"));
    assertTrue(props.getProperty("PackageURL").endsWith("lessRAM-" + props.getProperty("Version") + ".zip"));

    List<String> entries = WekaPackageSupport.entries(zip);
    assertTrue(entries.containsAll(Arrays.asList("Description.props", "lessRAM.jar", "doc/README-weka.md",
        "src/main/java/weka/classifiers/functions/ApproximateCountLogisticRegression.java")), entries.toString());
    assertTrue(entries.stream().anyMatch(e -> e.matches("lib/fastutil-core-[0-9.]+\\.jar")), entries.toString());
    assertTrue(entries.stream().noneMatch(e -> e.startsWith("src/main/java/moa/")), "MOA sources the package does not use");
    // the description names every classifier the package holds
    try (var files = Files.list(WekaPackageSupport.projectDir().resolve("src/main/java/weka/classifiers/functions"))) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String name = file.getFileName().toString().replace(".java", "");
        Class<?> c = Class.forName("weka.classifiers.functions." + name);
        if (weka.classifiers.Classifier.class.isAssignableFrom(c)
            && java.lang.reflect.Modifier.isPublic(c.getModifiers())
            && !java.lang.reflect.Modifier.isAbstract(c.getModifiers())) {
          assertTrue(props.getProperty("Description").contains(name), "Description.props does not name " + name);
        }
      }
    }
    assertTrue(entries.stream().noneMatch(e -> e.matches(".*(moa|weka)[^/]*\\.jar")), entries.toString());
    List<String> jar = WekaPackageSupport.entries(work.resolve("lessRAM.jar"));
    assertTrue(jar.contains("weka/classifiers/functions/ApproximateCountLogisticRegression.class"));
    assertTrue(jar.contains("lessram/LogisticRegression.class"));
    assertTrue(jar.stream().noneMatch(e -> e.startsWith("moa/")), "moa.* classes in the plain Weka jar");
  }

  @ParameterizedTest
  @EnumSource(WekaVersion.class)
  void installsTrainsEvaluatesAndUninstallsInPlainWeka(WekaVersion version) throws Exception {
    Path home = Files.createDirectories(work.resolve("weka-home-" + version.artifact));

    Run install = weka(version, home, "weka.core.WekaPackageManager", "-offline", "-install-package", zip.toString());
    assertEquals(0, install.exitCode, install.toString());
    assertTrue(install.output.contains("lessRAM.jar"), install.toString());
    assertTrue(Files.isRegularFile(home.resolve("packages/lessRAM/lessRAM.jar")), install.toString());
    assertTrue(Files.isDirectory(home.resolve("packages/lessRAM/lib")), install.toString());

    Run list = weka(version, home, "weka.core.WekaPackageManager", "-offline", "-list-packages", "installed");
    assertEquals(0, list.exitCode, list.toString());
    String line = list.output.lines().filter(l -> l.contains("lessRAM:")).findFirst().orElse("");
    assertTrue(line.startsWith(WekaPackageSupport.projectVersion()) && line.contains("Yes"),
        "lessRAM not listed as installed and loaded:\n" + list);

    // the class lists behind the Choose buttons of the Explorer, KnowledgeFlow and Experimenter
    Run gui = weka(version, home, guiClassList.toString());
    assertEquals(0, gui.exitCode, gui.toString());
    assertTrue(gui.output.contains("listed weka.classifiers.functions.ApproximateCountLogisticRegression")
        && gui.output.contains("listed weka.classifiers.functions.RandomizedRoundingLogisticRegression")
        && !gui.output.contains("AbstractLessRam"), gui.toString());

    // short names: weka.Run finds the scheme by scanning the classes of the installed packages
    Run rr = weka(version, home, "weka.Run", "RandomizedRoundingLogisticRegression", "-t", train.toString());
    assertClean(rr);
    assertTrue(rr.output.contains("Randomized-rounding logistic regression")
        && rr.output.contains("Bits per coordinate: 16"), rr.toString());
    double cv = percentCorrect(rr.output, "=== Stratified cross-validation ===");
    assertTrue(cv > 80 && cv <= 100, "cross-validated accuracy " + cv + "\n" + rr);

    // the collision-free sparse map uses fastutil from the package's lib/
    Run ac = weka(version, home, "weka.Run", "ApproximateCountLogisticRegression", "-P", "-S", "3",
        "-t", train.toString(), "-T", test.toString());
    assertClean(ac);
    assertTrue(ac.output.contains("Bits per coordinate: 24") && ac.output.contains("sparse("), ac.toString());
    double held = percentCorrect(ac.output, "=== Error on test data ===");
    assertTrue(held > 80 && held <= 100, "held-out accuracy " + held + "\n" + ac);

    // sparse ARFF, class first, hashed features
    Run hashed = weka(version, home, "weka.Run", "weka.classifiers.functions.ApproximateCountLogisticRegression",
        "-H", "12", "-c", "first", "-t", sparse.toString(), "-x", "3");
    assertClean(hashed);
    double sparseCv = percentCorrect(hashed.output, "=== Stratified cross-validation ===");
    assertTrue(sparseCv > 65, "sparse accuracy " + sparseCv + "\n" + hashed);

    // an absurd option is reported with the option's meaning
    Run bad = weka(version, home, "weka.Run", "weka.classifiers.functions.ApproximateCountLogisticRegression",
        "-E", "0.5", "-t", train.toString());
    assertTrue(bad.output.contains("Morris base must be a finite number > 1, got 0.5"), bad.toString());

    Run uninstall = weka(version, home, "weka.core.WekaPackageManager", "-offline", "-uninstall-package", "lessRAM");
    assertEquals(0, uninstall.exitCode, uninstall.toString());
    Run after = weka(version, home, "weka.core.WekaPackageManager", "-offline", "-list-packages", "installed");
    assertFalse(after.output.contains("lessRAM:"), after.toString());
    assertFalse(Files.exists(home.resolve("packages/lessRAM")), after.toString());
  }

  /**
   * No training instances: the updateable classifier is built on the bare header (Weka's own incremental
   * path) and Weka's evaluation then reports that it cannot cross-validate zero instances.
   */
  @Test
  void emptyDataGetsWekasEvaluationError() throws Exception {
    WekaVersion version = WekaVersion.STABLE;
    Path home = Files.createDirectories(work.resolve("weka-home-empty"));
    assertEquals(0, weka(version, home, "weka.core.WekaPackageManager", "-offline", "-install-package",
        zip.toString()).exitCode);
    Run run = weka(version, home, "weka.Run", "weka.classifiers.functions.RandomizedRoundingLogisticRegression",
        "-t", empty.toString());
    assertTrue(run.output.contains("Can't have more folds than instances"), run.toString());
    assertFalse(run.output.contains("lessram."), "our code should not be in the error:\n" + run);
  }

  /**
   * The MOA learners inside Weka: with MOA's Weka package installed (here a stand-in built from the MOA jar
   * on Maven Central, as the real package zip is not there) and the lessRAMmoa package, MOA's Weka wrapper
   * {@code weka.classifiers.meta.MOA -B ...} trains and evaluates our MOA learner; the lessRAM package works
   * beside it. Weka 3.9.6, the version MOA is built against.
   */
  @Test
  void moaLearnersRunInsideWekaThroughMoasWekaPackage() throws Exception {
    WekaVersion version = WekaVersion.DEV;
    Path home = Files.createDirectories(work.resolve("weka-home-moa"));
    // offline, Weka resolves a dependency (lessRAMmoa -> massiveOnlineAnalysis) from its repository cache
    WekaPackageSupport.cacheRepositoryEntry(home, "massiveOnlineAnalysis", "2024.07.0",
        WekaPackageSupport.MOA_STANDIN_PROPS);
    Path dir = Files.createDirectories(work.resolve("moa-packages"));
    for (Path pkg : new Path[] {WekaPackageSupport.buildMoaStandInPackage(dir),
        WekaPackageSupport.buildWekaMoaPackage(dir), zip}) {
      Run install = weka(version, home, "weka.core.WekaPackageManager", "-offline", "-install-package",
          pkg.toString());
      assertEquals(0, install.exitCode, install.toString());
    }
    Run list = weka(version, home, "weka.core.WekaPackageManager", "-offline", "-list-packages", "installed");
    for (String name : new String[] {"lessRAM:", "lessRAMmoa:", "massiveOnlineAnalysis:"}) {
      assertTrue(list.output.lines().anyMatch(l -> l.contains(name) && l.contains("Yes")), name + "\n" + list);
    }
    List<String> moaJar = WekaPackageSupport.entries(home.resolve("packages/lessRAMmoa/lessRAMmoa.jar"));
    assertTrue(moaJar.contains("moa/classifiers/lessram/ApproximateCountLogisticRegression.class"));
    assertTrue(moaJar.stream().noneMatch(e -> e.startsWith("weka/")), "weka.* classes twice");

    Run moa = weka(version, home, "weka.Run", "weka.classifiers.meta.MOA",
        "-B", "moa.classifiers.lessram.ApproximateCountLogisticRegression -a 0.5 -r 3",
        "-t", train.toString(), "-T", test.toString());
    assertClean(moa);
    assertTrue(moa.output.contains("Model type: moa.classifiers.lessram.ApproximateCountLogisticRegression")
        && moa.output.contains("bits per coordinate = 24"), moa.toString());
    double held = percentCorrect(moa.output, "=== Error on test data ===");
    assertTrue(held > 80 && held <= 100, "held-out accuracy " + held + "\n" + moa);

    Run wekaLearner = weka(version, home, "weka.Run", "weka.classifiers.functions.RandomizedRoundingLogisticRegression",
        "-t", train.toString(), "-T", test.toString());
    assertClean(wekaLearner);
    assertTrue(percentCorrect(wekaLearner.output, "=== Error on test data ===") > 80, wekaLearner.toString());
  }

  /** Plain Weka must load every class of the package: no MOA class, no missing dependency. */
  static void assertClean(Run run) {
    assertEquals(0, run.exitCode, run.toString());
    for (String bad : new String[] {"NoClassDefFoundError", "ClassNotFoundException", "Exception in thread",
        "Can't find scheme", "Weka exception"}) {
      assertFalse(run.output.contains(bad), bad + " in\n" + run);
    }
  }
}
