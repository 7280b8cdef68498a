package moa.tasks.lessram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import moa.core.InstanceExample;
import moa.core.Measurement;
import moa.streams.generators.SEAGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The comparison task: option parsing, CSV round trip, tables, and end-to-end runs through MOA. */
class CompareLearnersTest {

  @TempDir
  Path dir;

  @Test
  void parsesLearnersWithAndWithoutLabels() {
    Map<String, String> m = CompareLearners.parseLearners(
        " lessram.ApproximateCountLogisticRegression ; MOA SGD, tuned=functions.SGD -o LOGLOSS -r 0.01;;"
            + "functions.SGD -o LOGLOSS");
    assertEquals(Arrays.asList("ApproximateCountLogisticRegression", "MOA SGD, tuned", "SGD -o LOGLOSS"),
        List.copyOf(m.keySet()));
    assertEquals("functions.SGD -o LOGLOSS -r 0.01", m.get("MOA SGD, tuned"));
    assertEquals("lessram.ApproximateCountLogisticRegression", m.get("ApproximateCountLogisticRegression"));
    // an '=' after an option is part of the CLI string, not a label
    Map<String, String> n = CompareLearners.parseLearners("meta.X -l (a=b)");
    assertEquals("meta.X -l (a=b)", n.values().iterator().next());
    assertThrows(IllegalArgumentException.class, () -> CompareLearners.parseLearners(" ; "));
    assertThrows(IllegalArgumentException.class, () -> CompareLearners.parseLearners("a=bayes.NaiveBayes; a=trees.HoeffdingTree"));
    assertTrue(CompareLearners.isBinaryOnly("functions.SGD -o LOGLOSS"));
    assertTrue(CompareLearners.isBinaryOnly("moa.classifiers.functions.SGD"));
    assertFalse(CompareLearners.isBinaryOnly("functions.SGDMultiClass"));
  }

  @Test
  void csvRowsRoundTripWithQuotedFields() {
    CompareLearners.Row r = new CompareLearners.Row("Sparse, 1,234 distinct \"features\"", "a,b", 1000, 85.5, 3.25,
        1.5, 12345, 4097, 0.39, Double.NaN, "");
    CompareLearners.Row back = CompareLearners.Row.fromCsv(r.toCsv());
    assertEquals(r.stream, back.stream);
    assertEquals(r.learner, back.learner);
    assertEquals(1000, back.instances);
    assertEquals(85.5, back.accuracy);
    assertEquals(12345 / 4097.0, back.bytesPerCoefficient(), 1e-12);
    assertTrue(Double.isNaN(back.auc));
    assertThrows(IllegalArgumentException.class, () -> CompareLearners.Row.fromCsv("a,b,c"));
  }

  @Test
  void targetSummaryFlagsMissedTargets() {
    List<CompareLearners.Row> rows = Arrays.asList(
        row("S", "ApproximateCountLogisticRegression", 80.0),
        row("S", "RandomizedRoundingLogisticRegression", 90.0),
        row("S", "SGD -o LOGLOSS", 81.0),
        row("S", "SGD -o LOGLOSS -r 0.1", 90.2),
        row("S", "NaiveBayes", 99.0));
    String summary = CompareLearners.targetSummary(rows);
    String[] lines = summary.split("\n");
    assertEquals(4, lines.length, summary);
    assertTrue(lines[2].contains("| 80.00 |") && lines[2].contains("**no** | 90.20 (SGD -o LOGLOSS -r 0.1) | **no** |"),
        lines[2]);
    assertTrue(lines[3].contains("| 90.00 |") && lines[3].endsWith("| yes | 90.20 (SGD -o LOGLOSS -r 0.1) | yes |"),
        lines[3]);
    String table = CompareLearners.markdownTable(rows);
    assertTrue(table.startsWith("| stream | learner | instances | accuracy % |"), table);
    assertFalse(table.contains("log loss"), "no loss columns when no row has a loss");
  }

  private static CompareLearners.Row row(String stream, String learner, double accuracy) {
    return new CompareLearners.Row(stream, learner, 100, accuracy, 0, 0.1, 1000, 10, Double.NaN, Double.NaN, "");
  }

  @Test
  void runsEvaluatePrequentialPerLearnerAndAppendsToTheCsv() throws IOException {
    Path csv = dir.resolve("sub/c.csv");
    Path md = dir.resolve("c.md");
    CompareLearners task = new CompareLearners();
    task.streamOption.setValueViaCLIString("generators.SEAGenerator");
    task.learnersOption.setValue("lessram.ApproximateCountLogisticRegression; functions.SGD -o LOGLOSS; "
        + "bayes.NaiveBayes; broken=lessram.ApproximateCountLogisticRegression -i 40");
    task.instancesOption.setValue(3000);
    task.lossOption.set();
    task.csvOption.setValue(csv.toString());
    task.tableOption.setValue(md.toString());
    task.prepareForUse();
    String out = (String) task.doTask();
    List<CompareLearners.Row> rows = CompareLearners.readCsv(csv);
    assertEquals(4, rows.size());
    CompareLearners.Row ours = rows.get(0);
    assertEquals("SEAGenerator", ours.stream);
    assertEquals(3000, ours.instances);
    assertTrue(ours.accuracy > 70 && ours.accuracy <= 100, "accuracy " + ours.accuracy);
    assertTrue(ours.cpuSeconds >= 0);
    assertEquals(4, ours.coefficients, "3 attributes + bias");
    assertTrue(ours.logLoss > 0 && ours.logLoss < Math.log(2), "log loss " + ours.logLoss);
    assertTrue(ours.auc > 0.5 && ours.auc <= 1, "auc " + ours.auc);
    CompareLearners.Row sgd = rows.get(1);
    assertEquals(4, sgd.coefficients, "SGD: one weight per attribute, the class slot is the bias");
    assertTrue(Double.isNaN(rows.get(2).coefficients), "Naive Bayes has no coefficients");
    if (System.getProperty("lessram.agent") != null) { // surefire runs with the SizeOf agent
      assertTrue(ours.modelBytes > 0 && sgd.modelBytes > 0, "agent-measured bytes");
    }
    CompareLearners.Row broken = rows.get(3);
    assertTrue(broken.note.startsWith("failed: "), broken.note);
    assertTrue(Double.isNaN(broken.accuracy));
    assertTrue(out.contains("| SEAGenerator | ApproximateCountLogisticRegression | 3,000 |"), out);
    assertEquals(out, new String(Files.readAllBytes(md), StandardCharsets.UTF_8));

    // a second invocation (multiclass stream) appends; SGD is skipped there
    CompareLearners second = new CompareLearners();
    second.streamOption.setValueViaCLIString("generators.LEDGenerator");
    second.learnersOption.setValue("lessram.RandomizedRoundingLogisticRegression; functions.SGD");
    second.instancesOption.setValue(2000);
    second.csvOption.setValue(csv.toString());
    second.prepareForUse();
    String out2 = (String) second.doTask();
    rows = CompareLearners.readCsv(csv);
    assertEquals(6, rows.size());
    assertEquals((24 * 2 + 1) * 10, rows.get(4).coefficients, "LED: 24 binary nominal attributes one-hot, bias,"
        + " times 10 classes");
    assertTrue(rows.get(5).note.startsWith("skipped: binary only"), rows.get(5).note);
    assertTrue(out2.contains("| LEDGenerator | RandomizedRoundingLogisticRegression |"), out2);
  }

  @Test
  void lossEvaluatorAddsLogLossAndAucToMoasCumulativeFigures() {
    SEAGenerator g = new SEAGenerator();
    g.prepareForUse();
    CompareLearners.LossEvaluator e = new CompareLearners.LossEvaluator();
    e.prepareForUse();
    for (int i = 0; i < 1000; i++) {
      InstanceExample x = g.nextInstance();
      e.addResult(x, new double[] {3, 3}); // unnormalised, uniform
    }
    Measurement[] m = e.getPerformanceMeasurements();
    assertEquals(Math.log(2), Measurement.getMeasurementNamed(CompareLearners.LossEvaluator.LOG_LOSS, m).getValue(),
        1e-12);
    assertEquals(0.5, Measurement.getMeasurementNamed(CompareLearners.LossEvaluator.AUC, m).getValue(), 1e-12);
    assertTrue(Measurement.getMeasurementNamed("classifications correct (percent)", m) != null);
  }
}
