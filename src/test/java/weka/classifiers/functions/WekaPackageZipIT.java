package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weka.classifiers.functions.WekaPackageSupport.Run;
import weka.classifiers.functions.WekaPackageSupport.WekaVersion;

/**
 * The Weka package zips that {@code mvn package} builds (maven-assembly-plugin, {@code src/assembly/}),
 * checked in {@code mvn verify} (failsafe): their layout equals the one the integration test builds from
 * the classes, they ship no MOA or Weka jar, and the plain Weka package installs and runs in Weka 3.8.6.
 */
class WekaPackageZipIT {

  @TempDir
  Path work;

  static Path packaged(String name) throws Exception {
    Path zip = WekaPackageSupport.buildDir().resolve(name + "-" + WekaPackageSupport.projectVersion() + ".zip");
    assertTrue(Files.isRegularFile(zip), zip + " not built by mvn package");
    return zip;
  }

  static List<String> files(Path zip) throws Exception {
    return WekaPackageSupport.entries(zip).stream().filter(e -> !e.endsWith("/")).collect(Collectors.toList());
  }

  @Test
  void plainWekaPackageLayout() throws Exception {
    Path zip = packaged("lessRAM");
    List<String> files = files(zip);
    assertEquals(files(WekaPackageSupport.buildWekaPackage(work)), files, "assembly and test layouts differ");
    assertTrue(files.contains("Description.props") && files.contains("lessRAM.jar")
        && files.contains("doc/README-weka.md"), files.toString());
    List<String> jars = files.stream().filter(f -> f.endsWith(".jar")).collect(Collectors.toList());
    assertEquals(2, jars.size(), jars.toString());
    assertTrue(jars.contains("lessRAM.jar")
        && jars.stream().anyMatch(j -> j.matches("lib/fastutil-core-[0-9.]+\\.jar")), jars.toString());
    try (ZipFile z = new ZipFile(zip.toFile())) {
      try (InputStream in = z.getInputStream(z.getEntry("Description.props"))) {
        assertArrayEquals(Files.readAllBytes(WekaPackageSupport.projectDir().resolve("Description.props")),
            in.readAllBytes());
      }
      Path jar = work.resolve("packaged-lessRAM.jar");
      try (InputStream in = z.getInputStream(z.getEntry("lessRAM.jar"))) {
        Files.copy(in, jar);
      }
      List<String> classes = WekaPackageSupport.entries(jar);
      assertTrue(classes.contains("weka/classifiers/functions/RandomizedRoundingLogisticRegression.class"));
      assertTrue(classes.contains("lessram/LogisticRegression.class"));
      assertTrue(classes.stream().noneMatch(c -> c.startsWith("moa/")), "moa.* classes in the plain Weka jar");
    }
  }

  @Test
  void moaInsideWekaPackageLayout() throws Exception {
    Path zip = packaged("lessRAMmoa");
    List<String> files = files(zip);
    assertEquals(files(WekaPackageSupport.buildWekaMoaPackage(work)), files, "assembly and test layouts differ");
    try (ZipFile z = new ZipFile(zip.toFile())) {
      Path jar = work.resolve("packaged-lessRAMmoa.jar");
      try (InputStream in = z.getInputStream(z.getEntry("lessRAMmoa.jar"))) {
        Files.copy(in, jar);
      }
      List<String> classes = WekaPackageSupport.entries(jar);
      assertTrue(classes.contains("moa/classifiers/lessram/ApproximateCountLogisticRegression.class"));
      assertTrue(classes.contains("lessram/LogisticRegression.class"));
      assertTrue(classes.stream().noneMatch(c -> c.startsWith("weka/")), "weka.* classes in lessRAMmoa");
    }
  }

  @Test
  void packagedZipInstallsAndRunsInWeka386() throws Exception {
    Path home = Files.createDirectories(work.resolve("weka-home"));
    Path train = work.resolve("train.arff");
    WekaPackageSupport.write(train, WekaTestData.mixed(500, 3, 0.05, 0.02, 5).toString());
    Run install = WekaPackageSupport.weka(WekaVersion.STABLE, home, "weka.core.WekaPackageManager", "-offline",
        "-install-package", packaged("lessRAM").toString());
    assertEquals(0, install.exitCode, install.toString());
    Run run = WekaPackageSupport.weka(WekaVersion.STABLE, home, "weka.Run", "ApproximateCountLogisticRegression",
        "-t", train.toString());
    WekaPackageIntegrationTest.assertClean(run);
    double cv = WekaPackageSupport.percentCorrect(run.output, "=== Stratified cross-validation ===");
    assertTrue(cv > 65 && cv <= 100, "3-class accuracy " + cv + "\n" + run);
  }
}
