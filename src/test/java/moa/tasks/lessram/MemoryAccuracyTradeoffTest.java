package moa.tasks.lessram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.yahoo.labs.samoa.instances.Attribute;
import com.yahoo.labs.samoa.instances.Instance;
import com.yahoo.labs.samoa.instances.Instances;
import com.yahoo.labs.samoa.instances.InstancesHeader;
import com.yahoo.labs.samoa.instances.SparseInstance;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import moa.options.ClassOption;
import moa.tasks.MainTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The task end to end through MOA's own option parsing (as {@code moa.DoTask} builds it), its outputs and
 * its error messages.
 */
class MemoryAccuracyTradeoffTest {

  /** A small, fast stream: 2^12 hashed attributes, fields of at most 1000 values. */
  private static final String SMALL_STREAM = "(lessram.SparseClickStreamGenerator -b 12 -C 1000 -r 3)";

  private static final String SMALL_GRID = "global-float32,percoord-morris8-q2.13-randomized,"
      + "percoord-morris8-q2.3-nearest,moa-SGD";

  /** Builds the task from a command line exactly as {@code moa.DoTask} does. */
  private static MemoryAccuracyTradeoff task(String options) throws Exception {
    Object task = ClassOption.cliStringToObject("lessram.MemoryAccuracyTradeoff -q 0 " + options,
        MainTask.class, null);
    return assertInstanceOf(MemoryAccuracyTradeoff.class, task);
  }

  private static Object run(String options) throws Exception {
    MemoryAccuracyTradeoff t = task(options);
    t.prepareForUse();
    return t.doTask();
  }

  @Test
  void runsEndToEndAndWritesWellFormedCsvAndPlots(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("out").resolve("small.csv");
    Object result = run("-s " + SMALL_STREAM + " -i 2000 -b 500 -k 8 -c " + SMALL_GRID + " -d " + csv);
    TradeoffResult r = assertInstanceOf(TradeoffResult.class, result);
    assertEquals(2000, r.instances());

    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    assertEquals(String.join(",", TradeoffResult.CSV_COLUMNS), lines.get(0));
    // The four selected configurations plus the control, in grid order.
    List<String> names = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      List<String> fields = parseCsvLine(line);
      assertEquals(TradeoffResult.CSV_COLUMNS.length, fields.size(), line);
      names.add(fields.get(0));
      String family = fields.get(1);
      long instances = Long.parseLong(fields.get(4));
      assertEquals(family.equals("reference") ? 500 : 2000, instances, line);
      assertEquals(instances, Long.parseLong(fields.get(17)), "control compared over the same instances");
      assertTrue(Long.parseLong(fields.get(7)) > 0, "model bytes > 0: " + line);
      assertTrue(Long.parseLong(fields.get(6)) > 0, "coordinates > 0: " + line);
      for (int c : new int[] {9, 10, 11, 12, 13, 14, 15, 16, 18, 19}) {
        double v = Double.parseDouble(fields.get(c));
        assertFalse(Double.isNaN(v) || Double.isInfinite(v), TradeoffResult.CSV_COLUMNS[c] + " in " + line);
      }
      double auc = Double.parseDouble(fields.get(12));
      assertTrue(auc > 0.5 && auc <= 1, "AUC " + auc + " in " + line);
      double logLoss = Double.parseDouble(fields.get(11));
      assertTrue(logLoss > 0 && logLoss < 1, "log loss " + logLoss + " in " + line);
    }
    assertEquals(Arrays.asList("global-float32", "percoord-exact32-float32", "percoord-morris8-q2.13-randomized",
        "percoord-morris8-q2.3-nearest", "moa-SGD"), names);

    // The control compares with itself; the payload bits follow the formats.
    TradeoffResult.Row control = r.row("percoord-exact32-float32");
    assertEquals(0.0, control.relativeLogLossPct(), 0);
    assertEquals(64, control.payloadBitsPerCoordinate(), 0);
    assertEquals(24, r.row("percoord-morris8-q2.13-randomized").payloadBitsPerCoordinate(), 0);
    assertEquals(32, r.row("global-float32").payloadBitsPerCoordinate(), 0);
    // Dense tables: 3 bytes per coordinate plus a fixed overhead (large here, next to 4097 coordinates).
    TradeoffResult.Row q213 = r.row("percoord-morris8-q2.13-randomized");
    assertEquals(4097, q213.coordinates());
    assertTrue(q213.modelBytes() >= 3 * 4097 && q213.modelBytes() < 3 * 4097 + 16_384, "" + q213.modelBytes());
    assertEquals((double) q213.modelBytes() / q213.coordinates(), q213.bytesPerCoordinate(), 1e-12);
    if (r.sizeOfAgentLoaded()) {
      // The agent's measurement of the whole learner (options, encoder, ...) is not below the accounting.
      assertTrue(q213.sizeOfBytes() >= q213.modelBytes(), q213.sizeOfBytes() + " vs " + q213.modelBytes());
    }
    // MOA's SGD ran on the folded copy: 2^8 attributes + the class.
    assertEquals(257, r.row("moa-SGD").coordinates());

    for (String name : new String[] {"small-logloss.png", "small-aucloss.png"}) {
      File png = dir.resolve("out").resolve(name).toFile();
      assertTrue(png.length() > 10_000, name + " has " + png.length() + " bytes");
      BufferedImage image = ImageIO.read(png);
      assertNotNull(image, name);
      assertEquals(TradeoffPlotter.WIDTH, image.getWidth());
      assertEquals(TradeoffPlotter.HEIGHT, image.getHeight());
    }
    assertTrue(r.toString().contains("percoord-morris8-q2.13-randomized"));
  }

  @Test
  void multiclassStreamHasNoAucButRuns(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("rbf.csv");
    TradeoffResult r = (TradeoffResult) run("-s (generators.RandomRBFGenerator -c 3 -a 5) -i 1500"
        + " -c percoord-morris8-q2.13-randomized -d " + csv);
    TradeoffResult.Row row = r.row("percoord-morris8-q2.13-randomized");
    assertTrue(Double.isNaN(row.auc()));
    assertTrue(row.accuracy() > 1.0 / 3, "better than chance: " + row.accuracy());
    assertTrue(Files.exists(dir.resolve("rbf-logloss.png")));
    assertFalse(Files.exists(dir.resolve("rbf-aucloss.png")));
  }

  @Test
  void readsLibSvmFiles(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("tiny.libsvm");
    StringBuilder sb = new StringBuilder();
    java.util.Random rnd = new java.util.Random(5);
    for (int i = 0; i < 600; i++) {
      int a = 1 + rnd.nextInt(20);
      int b = 21 + rnd.nextInt(20);
      int label = rnd.nextDouble() < (a <= 10 ? 0.8 : 0.2) ? 1 : -1;
      sb.append(label).append(' ').append(a).append(":1 ").append(b).append(":1\n");
    }
    Files.write(data, sb.toString().getBytes(StandardCharsets.UTF_8));
    TradeoffResult r = (TradeoffResult) run("-s (lessram.LibSvmFileStream -f " + data + ") -i -1"
        + " -c percoord-morris8-q2.13-randomized -p - -d " + dir.resolve("svm.csv"));
    assertEquals(600, r.instances(), "-i -1 reads the whole file");
    assertTrue(r.row("percoord-morris8-q2.13-randomized").auc() > 0.6);
    assertFalse(Files.exists(dir.resolve("svm-logloss.png")), "-p - writes no plots");
  }

  @Test
  void unknownConfigurationNamesTheValidOnes(@TempDir Path dir) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> run("-s " + SMALL_STREAM + " -i 100 -c global-float32,no-such-thing -d " + dir.resolve("x.csv")));
    assertTrue(e.getMessage().contains("unknown configuration 'no-such-thing'"), e.getMessage());
    assertTrue(e.getMessage().contains("percoord-morris8-q2.13-randomized"), e.getMessage());
    assertFalse(Files.exists(dir.resolve("x.csv")));

    IllegalArgumentException c = assertThrows(IllegalArgumentException.class,
        () -> run("-s " + SMALL_STREAM + " -i 100 -C moa-SGD -d " + dir.resolve("x.csv")));
    assertTrue(c.getMessage().contains("control"), c.getMessage());
  }

  @Test
  void missingFilesFailWithTheirName(@TempDir Path dir) {
    Path missing = dir.resolve("does-not-exist.libsvm");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> run("-s (lessram.LibSvmFileStream -f " + missing + ") -i 100 -d " + dir.resolve("x.csv")));
    assertTrue(e.getMessage().contains("cannot open the stream"), e.getMessage());
    assertTrue(e.getMessage().contains("does-not-exist.libsvm"), e.getMessage());

    Path arff = dir.resolve("missing.arff");
    IllegalArgumentException a = assertThrows(IllegalArgumentException.class,
        () -> run("-s (ArffFileStream -f " + arff + ") -i 100 -d " + dir.resolve("x.csv")));
    assertTrue(a.getMessage().contains("cannot open the stream"), a.getMessage());
    assertTrue(a.getMessage().contains("missing.arff"), a.getMessage());
  }

  @Test
  void emptyStreamAndZeroInstancesAreRejected(@TempDir Path dir) throws IOException {
    IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
        () -> run("-s " + SMALL_STREAM + " -i 0 -d " + dir.resolve("x.csv")));
    assertTrue(zero.getMessage().contains("-i instanceLimit must be at least 1"), zero.getMessage());

    Path empty = dir.resolve("empty.libsvm");
    Files.write(empty, new byte[0]);
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
        () -> run("-s (lessram.LibSvmFileStream -f " + empty + " -d 5) -i 100 -c global-float32 -d "
            + dir.resolve("x.csv")));
    assertTrue(none.getMessage().contains("no instances") || none.getMessage().contains("empty"),
        none.getMessage());
  }

  @Test
  void unwritableOutputFailsBeforeTheRun(@TempDir Path dir) throws IOException {
    Path isDirectory = Files.createDirectory(dir.resolve("taken.csv"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> run("-s " + SMALL_STREAM + " -i 100 -d " + isDirectory));
    assertTrue(e.getMessage().contains("cannot write the output file"), e.getMessage());
  }

  /** -A gives each of this project's learners its former fixed alpha (0.2 per coordinate, 0.5 global); -a wins. */
  @Test
  void formerAlphasPinTheFixedDefaults(@TempDir Path dir) throws Exception {
    assertEquals(0.5, TradeoffConfiguration.byName("global-float32").formerDefaultAlpha(), 0);
    assertEquals(0.5, TradeoffConfiguration.byName("global-adaptive8").formerDefaultAlpha(), 0);
    assertEquals(0.2, TradeoffConfiguration.byName("percoord-morris8-q2.13-randomized").formerDefaultAlpha(), 0);
    assertEquals(0.2, TradeoffConfiguration.byName("sparse-bloom-n2").formerDefaultAlpha(), 0);
    assertEquals(0, TradeoffConfiguration.byName("moa-SGD").formerDefaultAlpha(), 0);
    String grid = " -c global-float32,percoord-morris8-q2.13-randomized -p - -d ";
    TradeoffResult former = assertInstanceOf(TradeoffResult.class,
        run("-s " + SMALL_STREAM + " -i 500 -A" + grid + dir.resolve("former.csv")));
    assertTrue(former.row("global-float32").learnerCli().contains(" -a 0.5 "), former.row("global-float32").learnerCli());
    assertTrue(former.row("percoord-morris8-q2.13-randomized").learnerCli().contains(" -a 0.2 "));
    TradeoffResult given = assertInstanceOf(TradeoffResult.class,
        run("-s " + SMALL_STREAM + " -i 500 -A -a 4" + grid + dir.resolve("given.csv")));
    assertTrue(given.row("global-float32").learnerCli().contains(" -a 4.0 "), given.row("global-float32").learnerCli());
    TradeoffResult adaptive = assertInstanceOf(TradeoffResult.class,
        run("-s " + SMALL_STREAM + " -i 500" + grid + dir.resolve("adaptive.csv")));
    assertTrue(!adaptive.row("global-float32").learnerCli().contains(" -a "), "the learners' adaptive default");
  }

  /** The families beyond the paper's grid run and are drawn as their own lines. */
  @Test
  void adaptivePrecisionAndCounterWidthRowsRun(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("beyond.csv");
    TradeoffResult r = assertInstanceOf(TradeoffResult.class, run("-s " + SMALL_STREAM + " -i 2000 -c "
        + "percoord-morris4-q2.13-randomized,percoord-morris6-adaptive10,percoord-morris4-adaptive8,global-adaptive8"
        + " -d " + csv));
    // 2^12 coordinates: the fixed bytes weigh, so compare the rows with each other
    assertTrue(r.row("global-adaptive8").modelBytes() < r.row("percoord-morris6-adaptive10").modelBytes());
    assertTrue(r.row("percoord-morris6-adaptive10").modelBytes()
        < r.row("percoord-morris4-q2.13-randomized").modelBytes());
    for (String name : new String[] {"beyond-logloss.png", "beyond-aucloss.png"}) {
      assertTrue(dir.resolve(name).toFile().length() > 10_000, name);
    }
    assertTrue(Math.abs(r.row("percoord-morris6-adaptive10").relativeLogLossPct()) < 5,
        "" + r.row("percoord-morris6-adaptive10").relativeLogLossPct());
  }

  @Test
  void configurationSelection() {
    assertEquals(TradeoffConfiguration.standard().size(), TradeoffConfiguration.select("", "percoord-exact32-float32").size());
    assertEquals(37, TradeoffConfiguration.standard().size());
    List<TradeoffConfiguration> sparse = TradeoffConfiguration.select("sparse-*", "sparse-all");
    assertEquals(Arrays.asList("sparse-all", "sparse-poisson-p0.5", "sparse-poisson-p0.25", "sparse-bloom-n1",
        "sparse-bloom-n2", "sparse-bloom-n3"), sparse.stream().map(TradeoffConfiguration::name)
        .collect(java.util.stream.Collectors.toList()));
    for (TradeoffConfiguration c : sparse) {
      assertEquals(TradeoffConfiguration.Family.INCLUSION, c.family());
      assertTrue(c.learnerCli().startsWith("lessram.ApproximateCountLogisticRegression -p"), c.learnerCli());
    }
    assertEquals("lessram.ApproximateCountLogisticRegression -p -u bloom -n 2 -l 20",
        TradeoffConfiguration.byName("sparse-bloom-n2").learnerCli());
    assertEquals("p=0.25", TradeoffConfiguration.byName("sparse-poisson-p0.25").pointLabel());
    List<TradeoffConfiguration> randomized = TradeoffConfiguration.select("percoord-morris8-*-randomized",
        "global-float32");
    assertEquals(7, randomized.size(), "six formats and the control");
    assertEquals("global-float32", randomized.get(0).name());
    for (TradeoffConfiguration c : randomized.subList(1, 7)) {
      assertEquals(TradeoffConfiguration.Family.RANDOMIZED, c.family());
      assertTrue(c.learnerCli().contains("-m randomized -i 2 -f " + c.fractionBits()), c.learnerCli());
    }
    TradeoffConfiguration q = TradeoffConfiguration.byName("percoord-morris8-q2.7-nearest");
    assertEquals("lessram.ApproximateCountLogisticRegression -m nearest -i 2 -f 7 -c morris -b 8 -a 0.25 -r 9 -z none",
        q.learnerCli(0.25, 9, " -z none "));
    assertEquals(q.learnerCli() + " -r 1", q.learnerCli(0, 1, ""));
    TradeoffConfiguration sgd = TradeoffConfiguration.byName("moa-SGD");
    assertEquals(sgd.learnerCli(), sgd.learnerCli(0.3, 2, "-z none"), "MOA's learners keep their options");
    // the families beyond the paper's grid: fewer counter bits, adaptive precision per coordinate and global
    assertEquals(5, TradeoffConfiguration.select("percoord-morris*-q2.13-randomized", "percoord-exact32-float32")
        .size(), "8, 6, 5 and 4 counter bits and the control");
    TradeoffConfiguration a = TradeoffConfiguration.byName("percoord-morris6-adaptive12");
    assertEquals(TradeoffConfiguration.Family.ADAPTIVE, a.family());
    assertEquals("12", a.pointLabel());
    assertTrue(a.learnerCli().contains("-m adaptive -g 0.0625 -w 12 -c morris -b 6 -e 1.25"), a.learnerCli());
    assertEquals(TradeoffConfiguration.Family.ADAPTIVE_GLOBAL, TradeoffConfiguration.byName("global-adaptive8").family());
    assertEquals(TradeoffConfiguration.Family.COUNTER_BITS,
        TradeoffConfiguration.byName("percoord-morris4-q2.13-randomized").family());
  }

  /**
   * The sparse-map rows: memory over all addressed coordinates (so it compares with the dense tables'),
   * the stored coordinates beside it, fewer with inclusion; the control may be the sparse map itself.
   */
  @Test
  void inclusionRowsRunAgainstTheSparseMap(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("sparse.csv");
    TradeoffResult r = (TradeoffResult) run("-s " + SMALL_STREAM + " -i 3000 -c sparse-*,percoord-morris8-q2.13-randomized"
        + " -C sparse-all -x \"-l 12\" -d " + csv);
    TradeoffResult.Row all = r.row("sparse-all");
    TradeoffResult.Row dense = r.row("percoord-morris8-q2.13-randomized");
    assertEquals(0.0, all.relativeAucLossPct(), 0);
    assertEquals(dense.coordinates(), all.coordinates(), "the same addressed coordinates");
    assertEquals(dense.coordinates(), dense.storedCoordinates());
    assertTrue(all.storedCoordinates() < all.coordinates(), all.storedCoordinates() + " stored");
    assertEquals(dense.logLoss(), all.logLoss(), 0.0, "the sparse map learns exactly what the dense table does");
    for (String name : new String[] {"sparse-poisson-p0.5", "sparse-poisson-p0.25", "sparse-bloom-n1",
        "sparse-bloom-n2", "sparse-bloom-n3"}) {
      TradeoffResult.Row row = r.row(name);
      assertTrue(row.storedCoordinates() < all.storedCoordinates(), name + ": " + row.storedCoordinates());
      assertTrue(row.learnerCli().endsWith("-l 12"), row.learnerCli());
      assertEquals(row.modelBytes() * 8.0 / row.coordinates(), row.bitsPerCoordinate(), 1e-9);
    }
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    assertTrue(lines.get(0).endsWith(",stored_coordinates"), lines.get(0));
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("sparse-bloom-n2,inclusion,13,")), lines.toString());
    for (String name : new String[] {"sparse-logloss.png", "sparse-aucloss.png"}) {
      assertNotNull(ImageIO.read(dir.resolve(name).toFile()), name);
    }
  }

  @Test
  void taskOptionsReachTheLearners(@TempDir Path dir) throws Exception {
    TradeoffResult r = (TradeoffResult) run("-s " + SMALL_STREAM + " -i 600 -a 0.125 -r 5 -x \"-h 10\""
        + " -c percoord-morris8-q2.9-randomized -p - -d " + dir.resolve("o.csv"));
    TradeoffResult.Row row = r.row("percoord-morris8-q2.9-randomized");
    assertTrue(row.learnerCli().endsWith("-a 0.125 -r 5 -h 10"), row.learnerCli());
    assertEquals(1025, row.coordinates(), "hashed into 2^10 slots plus the bias");
  }

  @Test
  void foldingSumsCollidingFeaturesAndKeepsTheClass() {
    List<Attribute> attributes = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      attributes.add(new Attribute("a" + i));
    }
    attributes.add(new Attribute("class", Arrays.asList("no", "yes")));
    Instances data = new Instances("wide", attributes, 0);
    data.setClassIndex(40);
    InstancesHeader header = new InstancesHeader(data);
    assertTrue(AttributeFolder.needed(header, 4));
    assertFalse(AttributeFolder.needed(header, 6));
    assertFalse(AttributeFolder.needed(header, 0));
    AttributeFolder folder = new AttributeFolder(header, 4);
    assertEquals(17, folder.header().numAttributes());
    SparseInstance x = new SparseInstance(1.0, new double[] {1.0, 2.0, 0.5, 1.0},
        new int[] {3, 19, 35, 40}, 41);
    x.setDataset(header);
    Instance f = folder.fold(x);
    assertEquals(17, f.numAttributes());
    assertEquals(16, f.classIndex());
    assertEquals(1.0, f.classValue(), 0);
    assertEquals(3.5, f.value(3), 0, "3, 19 and 35 all fold into 3");
    assertEquals(0.0, f.value(4), 0);
  }

  /** {@code moa.DoTask} in a fresh JVM, as a user runs it (it exits 0 even on failure: read its output). */
  @Test
  void doTaskCommandLine(@TempDir Path dir) throws Exception {
    String classpathFile = System.getProperty("lessram.classpathFile");
    String buildDir = System.getProperty("lessram.buildDir");
    assumeTrue(classpathFile != null && buildDir != null, "run through Maven");
    String classpath = Paths.get(buildDir, "classes") + File.pathSeparator
        + new String(Files.readAllBytes(Paths.get(classpathFile)), StandardCharsets.UTF_8).trim();
    Path csv = dir.resolve("dotask.csv");
    List<String> command = new ArrayList<>(Arrays.asList(
        Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-Djava.awt.headless=true",
        "-cp", classpath, "moa.DoTask",
        "lessram.MemoryAccuracyTradeoff -s " + SMALL_STREAM + " -i 1000 -c global-float32 -A -d " + csv));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    Process process = builder.start();
    String output;
    try (InputStream in = process.getInputStream()) {
      output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertTrue(process.waitFor(120, TimeUnit.SECONDS));
    assertTrue(output.contains("Memory versus accuracy on lessram.SparseClickStreamGenerator"), output);
    assertTrue(output.contains("percoord-exact32-float32"), output);
    assertEquals(3, Files.readAllLines(csv).size(), output);
  }

  /** Splits one CSV line (double-quoted fields may contain commas and doubled quotes). */
  static List<String> parseCsvLine(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    fields.add(field.toString());
    return fields;
  }
}
