package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Builds the Weka package zips from the compiled classes (mirroring {@code src/assembly/}) and runs plain
 * Weka in fresh JVMs against a private {@code WEKA_HOME}, for the package integration tests.
 */
final class WekaPackageSupport {

  /** The two Weka versions tested: the stable line and the one MOA depends on. */
  enum WekaVersion {
    STABLE("weka-stable", "3.8.6"), DEV("weka-dev", "3.9.6");

    final String artifact;
    final String version;

    WekaVersion(String artifact, String version) {
      this.artifact = artifact;
      this.version = version;
    }

    /** The full runtime classpath of this Weka version alone (no MOA), written by the build. */
    String classpath() throws IOException {
      Path file = buildDir().resolve(artifact + ".classpath");
      assertTrue(Files.isRegularFile(file), file + " missing: run the Maven build (generate-test-resources)");
      String cp = Files.readString(file, StandardCharsets.UTF_8).trim();
      List<String> entries = Arrays.asList(cp.split(File.pathSeparator));
      List<String> wekas = entries.stream().filter(e -> new File(e).getName().matches("weka-(stable|dev)-.*\\.jar"))
          .collect(Collectors.toList());
      assertEquals(1, wekas.size(), "exactly one Weka jar expected in " + file + ": " + wekas);
      assertTrue(new File(wekas.get(0)).getName().equals(artifact + "-" + version + ".jar"), wekas.toString());
      assertTrue(entries.stream().noneMatch(e -> new File(e).getName().startsWith("moa-")), "MOA on " + file);
      return cp;
    }
  }

  private WekaPackageSupport() {
  }

  static Path buildDir() {
    String dir = System.getProperty("lessram.buildDir");
    return dir != null ? Paths.get(dir) : Paths.get("target").toAbsolutePath();
  }

  static Path projectDir() {
    return buildDir().toAbsolutePath().getParent();
  }

  /** Entries of the test classpath file written by the build. */
  static List<String> testClasspath() throws IOException {
    String file = System.getProperty("lessram.classpathFile", buildDir().resolve("test-classpath.txt").toString());
    return Arrays.asList(Files.readString(Paths.get(file), StandardCharsets.UTF_8).trim().split(File.pathSeparator));
  }

  /** The jar of a dependency on the test classpath, by file-name prefix (e.g. {@code fastutil-core-}). */
  static Path dependencyJar(String prefix) throws IOException {
    return testClasspath().stream().map(Paths::get)
        .filter(p -> p.getFileName().toString().startsWith(prefix) && p.toString().endsWith(".jar"))
        .findFirst().orElseThrow(() -> new AssertionError(prefix + "*.jar not on the test classpath"));
  }

  /** The project version, from the pom. */
  static String projectVersion() throws IOException {
    String pom = Files.readString(projectDir().resolve("pom.xml"), StandardCharsets.UTF_8);
    Matcher m = Pattern.compile("<artifactId>lessram</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
    assertTrue(m.find(), "no project version in pom.xml");
    return m.group(1).trim();
  }

  // ------------------------------------------------------------------------------------------------
  // the zips (mirror src/assembly/weka-package.xml and weka-moa-package.xml)

  /** The lessRAM package: Description.props, lessRAM.jar (no moa.*), lib/fastutil, doc/, src/ (no moa/). */
  static Path buildWekaPackage(Path dir) throws IOException {
    Path classes = buildDir().resolve("classes");
    Path jar = dir.resolve("lessRAM.jar");
    writeJar(jar, classes, rel -> !rel.startsWith("moa/"));
    Map<String, Path> entries = new TreeMap<>();
    entries.put("Description.props", projectDir().resolve("Description.props"));
    entries.put("lessRAM.jar", jar);
    entries.put("pom.xml", projectDir().resolve("pom.xml"));
    Path fastutil = dependencyJar("fastutil-core-");
    entries.put("lib/" + fastutil.getFileName(), fastutil);
    entries.put("doc/README-weka.md", projectDir().resolve("docs/weka.md"));
    addTree(entries, projectDir().resolve("src/main/java"), "src/main/java/");
    entries.keySet().removeIf(e -> e.startsWith("src/main/java/moa/")); // the jar has no moa.* classes
    addTree(entries, projectDir().resolve("src/assembly"), "src/assembly/");
    addDocs(entries);
    Path zip = dir.resolve("lessRAM-" + projectVersion() + ".zip");
    writeZip(zip, entries);
    return zip;
  }

  /** The lessRAMmoa package: Description.props, lessRAMmoa.jar (moa.* and lessram.*), lib/fastutil, doc/. */
  static Path buildWekaMoaPackage(Path dir) throws IOException {
    Path classes = buildDir().resolve("classes");
    Path jar = dir.resolve("lessRAMmoa.jar");
    writeJar(jar, classes, rel -> rel.startsWith("moa/") || rel.startsWith("lessram/"));
    Map<String, Path> entries = new TreeMap<>();
    entries.put("Description.props", projectDir().resolve("src/assembly/lessRAMmoa/Description.props"));
    entries.put("lessRAMmoa.jar", jar);
    Path fastutil = dependencyJar("fastutil-core-");
    entries.put("lib/" + fastutil.getFileName(), fastutil);
    entries.put("doc/README-weka.md", projectDir().resolve("docs/weka.md"));
    addDocs(entries);
    Path zip = dir.resolve("lessRAMmoa-" + projectVersion() + ".zip");
    writeZip(zip, entries);
    return zip;
  }

  /** Description.props of the MOA stand-in package. */
  static final String MOA_STANDIN_PROPS = "PackageName=massiveOnlineAnalysis\nVersion=2024.07.0\nDate=2024-07-18\n"
      + "Title=MOA (test stand-in built from the MOA jar on Maven Central)\nCategory=Classification\n"
      + "Author=MOA authors\nMaintainer=MOA authors\nLicense=GPL 3.0\n"
      + "Description=Stand-in for MOA's Weka package: the MOA jar at the package root.\n"
      + "URL=https://moa.cms.waikato.ac.nz/\nPackageURL=https://moa.cms.waikato.ac.nz/\nDepends=weka (>=3.8.0)\n";

  /**
   * A stand-in for MOA's Weka package {@code massiveOnlineAnalysis} (not on Maven Central): the MOA jar
   * from Maven Central, which holds {@code weka.classifiers.meta.MOA}, at the package root.
   */
  static Path buildMoaStandInPackage(Path dir) throws IOException {
    Path props = dir.resolve("massiveOnlineAnalysis.props");
    Files.writeString(props, MOA_STANDIN_PROPS, StandardCharsets.UTF_8);
    Map<String, Path> entries = new TreeMap<>();
    entries.put("Description.props", props);
    entries.put("moa.jar", dependencyJar("moa-2"));
    Path zip = dir.resolve("massiveOnlineAnalysis-standin.zip");
    writeZip(zip, entries);
    return zip;
  }

  /**
   * Registers a package's description in {@code WEKA_HOME/repCache}, which Weka's offline mode reads to
   * resolve a dependency on that package.
   */
  static void cacheRepositoryEntry(Path wekaHome, String name, String version, String props) throws IOException {
    Path dir = wekaHome.resolve("repCache").resolve(name);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(version + ".props"), props, StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("Latest.props"), props, StandardCharsets.UTF_8);
  }

  /** The project's README.md and LICENSE files, if present, go to doc/. */
  private static void addDocs(Map<String, Path> entries) throws IOException {
    try (Stream<Path> files = Files.list(projectDir())) {
      for (Path p : (Iterable<Path>) files::iterator) {
        String name = p.getFileName().toString();
        if (Files.isRegularFile(p) && (name.equals("README.md") || name.startsWith("LICENSE"))) {
          entries.put("doc/" + name, p);
        }
      }
    }
  }

  private static void addTree(Map<String, Path> entries, Path root, String prefix) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        entries.put(prefix + root.relativize(p).toString().replace(File.separatorChar, '/'), p);
      }
    }
  }

  static void writeJar(Path jar, Path classes, Predicate<String> include) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    List<Path> files;
    try (Stream<Path> s = Files.walk(classes)) {
      files = s.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
    }
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(out, manifest)) {
      for (Path f : files) {
        String rel = classes.relativize(f).toString().replace(File.separatorChar, '/');
        if (include.test(rel)) {
          jos.putNextEntry(new ZipEntry(rel));
          Files.copy(f, jos);
          jos.closeEntry();
        }
      }
    }
  }

  static void writeZip(Path zip, Map<String, Path> entries) throws IOException {
    try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream zos = new ZipOutputStream(out)) {
      for (Map.Entry<String, Path> e : entries.entrySet()) {
        zos.putNextEntry(new ZipEntry(e.getKey()));
        Files.copy(e.getValue(), zos);
        zos.closeEntry();
      }
    }
  }

  /** Entry names of a zip or jar. */
  static List<String> entries(Path zip) throws IOException {
    try (ZipFile z = new ZipFile(zip.toFile())) {
      return z.stream().map(ZipEntry::getName).sorted().collect(Collectors.toList());
    }
  }

  // ------------------------------------------------------------------------------------------------
  // running Weka

  /** The output (stdout and stderr merged) and exit code of a Weka run. */
  static final class Run {
    final int exitCode;
    final String output;

    Run(int exitCode, String output) {
      this.exitCode = exitCode;
      this.output = output;
    }

    @Override
    public String toString() {
      return "exit " + exitCode + ":\n" + output;
    }
  }

  /** Runs {@code mainClass args} on plain Weka {@code version} in a fresh JVM with {@code WEKA_HOME}. */
  static Run weka(WekaVersion version, Path wekaHome, String mainClass, String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(Arrays.asList("-Xmx512m", "-Djava.awt.headless=true", "-Dweka.packageManager.offline=true",
        "-Duser.language=en", "-Duser.country=US",
        "--add-opens", "java.base/sun.net.www.protocol.jar=ALL-UNNAMED",
        "-cp", version.classpath(), mainClass));
    cmd.addAll(Arrays.asList(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("WEKA_HOME", wekaHome.toString());
    Path log = Files.createTempFile(wekaHome, "run", ".log");
    pb.redirectOutput(log.toFile());
    pb.redirectInput(ProcessBuilder.Redirect.from(new File(isWindows() ? "NUL" : "/dev/null")));
    Process p = pb.start();
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("Weka run timed out: " + cmd + "\n" + Files.readString(log));
    }
    return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  private static boolean isWindows() {
    return System.getProperty("os.name").toLowerCase().contains("win");
  }

  /** "Correctly Classified Instances" percentage printed after {@code section} (e.g. the CV header). */
  static double percentCorrect(String output, String section) {
    int at = output.indexOf(section);
    assertTrue(at >= 0, "no '" + section + "' in\n" + output);
    Matcher m = Pattern.compile("Correctly Classified Instances\\s+[0-9.]+\\s+([0-9.]+)\\s*%").matcher(output);
    assertTrue(m.find(at), "no accuracy after '" + section + "' in\n" + output);
    return Double.parseDouble(m.group(1));
  }

  static void write(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
