package moa.tasks.lessram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import moa.classifiers.Classifier;
import moa.classifiers.lessram.AbstractLessRamClassifier;
import moa.classifiers.lessram.ApproximateCountLogisticRegression;
import moa.core.Measurement;
import moa.evaluation.BasicClassificationPerformanceEvaluator;
import moa.evaluation.LearningEvaluation;
import moa.evaluation.preview.LearningCurve;
import moa.options.ClassOption;
import moa.options.OptionHandler;
import moa.streams.InstanceStream;
import moa.tasks.EvaluateInterleavedTestThenTrain;
import moa.tasks.EvaluateModel;
import moa.tasks.EvaluatePeriodicHeldOutTest;
import moa.tasks.EvaluatePrequential;
import moa.tasks.LearnModel;
import moa.tasks.MainTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The LessRAM learners inside MOA's evaluation tasks, programmatically and from the command line. */
class EvaluationTasksTest {
  static final String AC = "lessram.ApproximateCountLogisticRegression";
  static final String RR = "lessram.RandomizedRoundingLogisticRegression";
  static final String ACCURACY = "classifications correct (percent)";

  private static Object run(MainTask task, String options) {
    try {
      task.getOptions().setViaCLIString(options);
    } catch (Exception e) {
      throw new IllegalArgumentException(options, e);
    }
    task.prepareForUse();
    Object result = task.doTask();
    assertNotNull(result, task.getClass().getSimpleName() + " " + options + " returned nothing");
    return result;
  }

  private static int column(LearningCurve curve, String name) {
    for (int i = 0; i < curve.getMeasurementNameCount(); i++) {
      if (curve.getMeasurementName(i).equals(name)) {
        return i;
      }
    }
    throw new AssertionError("no column '" + name + "' in " + curve.headerToString());
  }

  private static double last(LearningCurve curve, String name) {
    return curve.getMeasurement(curve.numEntries() - 1, column(curve, name));
  }

  private static double measurement(Measurement[] all, String name) {
    for (Measurement m : all) {
      if (m.getName().equals(name)) {
        return m.getValue();
      }
    }
    throw new AssertionError("no measurement '" + name + "' in " + Arrays.toString(all));
  }

  @ParameterizedTest
  @ValueSource(strings = {AC, RR, AC + " -p", AC + " -h 12"})
  void evaluatePrequential(String learner) {
    LearningCurve curve = (LearningCurve) run(new EvaluatePrequential(), "-l (" + learner + ")"
        + " -s (generators.RandomRBFGenerator -r 3 -i 4) -i 6000 -f 2000"
        + " -e BasicClassificationPerformanceEvaluator");
    assertEquals(3, curve.numEntries());
    double accuracy = last(curve, ACCURACY);
    assertTrue(accuracy > 60 && accuracy < 100, "accuracy " + accuracy);
    assertEquals(6000, last(curve, "examples seen"));
    assertTrue(last(curve, "model bytes") > 0);
    assertTrue(last(curve, "model serialized size (bytes)") > 0, "the agent's measurement (or our fallback)");
    assertEquals(learner.startsWith(AC) ? 24 : 16, last(curve, "bits per coordinate"));
  }

  @Test
  void evaluateInterleavedTestThenTrainOnAMulticlassStream() {
    LearningCurve curve = (LearningCurve) run(new EvaluateInterleavedTestThenTrain(),
        "-l " + AC + " -s (generators.WaveformGenerator -i 2) -i 6000 -f 3000");
    assertEquals(2, curve.numEntries());
    double accuracy = last(curve, ACCURACY);
    assertTrue(accuracy > 75, "accuracy " + accuracy);
  }

  @Test
  void evaluatePeriodicHeldOutTest() {
    LearningCurve curve = (LearningCurve) run(new EvaluatePeriodicHeldOutTest(),
        "-l " + RR + " -s (generators.SEAGenerator -i 3) -n 1000 -i 6000 -f 2000");
    assertTrue(curve.numEntries() >= 3, curve.numEntries() + " entries");
    double accuracy = last(curve, ACCURACY);
    assertTrue(accuracy > 80, "accuracy " + accuracy);
  }

  @Test
  void learnModelToAFileAndEvaluateModelGiveTheSameAccuracyAsTheModelInMemory(@TempDir Path dir)
      throws Exception {
    File file = dir.resolve("lessram-model.moa").toFile();
    Object learned = run(new LearnModel(), "-l (" + AC + " -h 14) -s (generators.RandomRBFGenerator -r 3 -i 4)"
        + " -m 8000 -O " + file.getPath());
    assertTrue(file.length() > 0, "model file written");
    AbstractLessRamClassifier inMemory = (AbstractLessRamClassifier) learned;
    assertEquals(8000, inMemory.getEngineModel().examplesSeen());

    String testStream = "generators.RandomRBFGenerator -r 3 -i 99";
    Object fromFile = run(new EvaluateModel(), "-m file:" + file.getPath() + " -s (" + testStream + ") -i 4000 -f 2000");
    InstanceStream stream = (InstanceStream) ClassOption.cliStringToObject(testStream, InstanceStream.class, null);
    ((OptionHandler) stream).prepareForUse();
    EvaluateModel memoryTask = new EvaluateModel((Classifier) inMemory, stream,
        new BasicClassificationPerformanceEvaluator(), 4000);
    memoryTask.sampleFrequencyOption.setValue(2000);
    memoryTask.prepareForUse();
    Object fromMemory = memoryTask.doTask();
    double a = accuracy(fromFile);
    double b = accuracy(fromMemory);
    assertTrue(a > 60, "accuracy " + a);
    assertEquals(b, a, 0.0, "model file round trip");
    assertEquals(8000, inMemory.getEngineModel().examplesSeen(), "evaluation does not train");
  }

  private static double accuracy(Object result) {
    if (result instanceof LearningCurve) {
      return last((LearningCurve) result, ACCURACY);
    }
    return measurement(((LearningEvaluation) result).getMeasurements(), ACCURACY);
  }

  /** Runs {@code moa.DoTask} in a fresh JVM with the test classpath plus our classes. */
  private static String doTask(String task, boolean agent) throws IOException, InterruptedException {
    String classpathFile = System.getProperty("lessram.classpathFile");
    assertNotNull(classpathFile, "system property lessram.classpathFile (set by the build)");
    String buildDir = System.getProperty("lessram.buildDir", "target");
    String classes = System.getProperty("lessram.classesDir", Paths.get(buildDir, "classes").toString());
    String cp = new String(Files.readAllBytes(Paths.get(classpathFile)), StandardCharsets.UTF_8).trim()
        + File.pathSeparator + classes;
    List<String> cmd = new ArrayList<>();
    cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    if (agent) {
      String jar = System.getProperty("lessram.agent");
      assertNotNull(jar, "system property lessram.agent (set by the build)");
      cmd.add("-javaagent:" + jar);
      cmd.addAll(Arrays.asList("--add-opens", "java.base/java.util=ALL-UNNAMED",
          "--add-opens", "java.base/java.lang=ALL-UNNAMED"));
    }
    cmd.addAll(Arrays.asList("-Xmx1g", "-cp", cp, "moa.DoTask", task));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "DoTask finished");
    return new String(out, StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void doTaskRunsEvaluatePrequentialFromTheCommandLine(boolean agent) throws Exception {
    String learner = agent ? RR : AC + " -h 16 -a 0.2";
    String output = doTask("EvaluatePrequential -l (" + learner + ") -s generators.RandomRBFGenerator"
        + " -i 20000 -f 10000 -e BasicClassificationPerformanceEvaluator", agent);
    // DoTask exits 0 even when the task fails: judge by the output
    assertFalse(output.contains("Exception") || output.contains("is not an instance"), output);
    String[] lines = output.split("\\R");
    int header = -1;
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].startsWith("learning evaluation instances,")) {
        header = i;
      }
    }
    assertTrue(header >= 0, "CSV header in:\n" + output);
    List<String> columns = Arrays.asList(lines[header].split(","));
    int accuracy = columns.indexOf(ACCURACY);
    int size = columns.indexOf("model serialized size (bytes)");
    int bytes = columns.indexOf("model bytes");
    assertTrue(accuracy > 0 && size > 0 && bytes > 0, lines[header]);
    assertTrue(columns.contains("bits per coordinate") && columns.contains("saturated counters"), lines[header]);
    String[] row1 = lines[header + 1].split(",");
    String[] row2 = lines[header + 2].split(",");
    assertEquals("10000.0", row1[0], output);
    assertEquals("20000.0", row2[0], output);
    double acc = Double.parseDouble(row2[accuracy]);
    assertTrue(acc > 65 && acc < 100, "accuracy " + acc);
    double serialized = Double.parseDouble(row2[size]);
    double model = Double.parseDouble(row2[bytes]);
    if (agent) {
      assertTrue(serialized > model, "the agent measures the whole learner: " + serialized + " vs " + model);
    } else {
      assertEquals(model, serialized, 0.0, "without the agent MOA's size column shows our accounting");
    }
  }

  @Test
  void doTaskReportsABadOptionClearly() throws Exception {
    String output = doTask("EvaluatePrequential -l (" + AC + " -p -h 4) -s generators.RandomRBFGenerator"
        + " -i 1000 -f 1000", false);
    assertTrue(output.contains("-p sparseMap") && output.contains("-h hashingBits"), output);
  }

  @Test
  void learnersAreAvailableByTheirShortName() throws Exception {
    Object o = ClassOption.cliStringToObject(AC, Classifier.class, null);
    assertTrue(o instanceof ApproximateCountLogisticRegression);
  }
}
