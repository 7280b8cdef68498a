package moa.tasks.lessram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import moa.core.Measurement;
import moa.evaluation.LearningEvaluation;
import moa.evaluation.preview.LearningCurve;
import moa.tasks.EvaluateModel;
import moa.tasks.EvaluatePrequential;
import moa.tasks.LearnModel;
import moa.tasks.MainTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** LearnModel, then CompressModel, then EvaluateModel on the compressed file, through MOA's own tasks. */
class CompressModelTest {
  static final String ACCURACY = "classifications correct (percent)";

  private static Object run(MainTask task, String options) {
    try {
      task.getOptions().setViaCLIString(options);
    } catch (Exception e) {
      throw new IllegalArgumentException(options, e);
    }
    task.prepareForUse();
    return task.doTask();
  }

  private static double accuracy(Object result) {
    if (result instanceof LearningCurve) {
      LearningCurve c = (LearningCurve) result;
      for (int i = 0; i < c.getMeasurementNameCount(); i++) {
        if (c.getMeasurementName(i).equals(ACCURACY)) {
          return c.getMeasurement(c.numEntries() - 1, i);
        }
      }
      throw new AssertionError("no accuracy in " + c.headerToString() + " (" + c.numEntries() + " rows)");
    }
    for (Measurement m : ((LearningEvaluation) result).getMeasurements()) {
      if (m.getName().equals(ACCURACY)) {
        return m.getValue();
      }
    }
    throw new AssertionError("no accuracy in " + result);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "lessram.ApproximateCountLogisticRegression -h 14|generators.RandomRBFGenerator -r 3 -i 4|generators.RandomRBFGenerator -r 3 -i 99",
      "lessram.RandomizedRoundingLogisticRegression -p|generators.WaveformGenerator -i 2|generators.WaveformGenerator -i 7",
      "lessram.ApproximateCountLogisticRegression -h 18|lessram.SparseClickStreamGenerator -C 20000 -b 20|lessram.SparseClickStreamGenerator -C 20000 -b 20"})
  void evaluateModelOnTheCompressedFileIsCloseToTheUncompressedModel(String setup, @TempDir Path dir) {
    String[] p = setup.split("\\|");
    File model = dir.resolve("model.moa").toFile();
    File compressed = dir.resolve("model.lrfz").toFile();
    run(new LearnModel(), "-l (" + p[0] + ") -s (" + p[1] + ") -m 20000 -O " + model.getPath());
    String report = (String) run(new CompressModel(), "-m " + model.getPath() + " -o " + compressed.getPath()
        + " -f 7 -r 1");
    assertTrue(compressed.length() > 0);
    assertTrue(report.contains("bits/coefficient") && report.contains("entropy bound") && report.contains("float32")
        && report.contains("bytes before"), report);
    // the click stream has a random holdout only by its position: evaluate on later instances of the same stream
    String test = p[2];
    double uncompressed = accuracy(run(new EvaluateModel(), "-m file:" + model.getPath() + " -s (" + test
        + ") -i 5000 -f 5000"));
    double compressedAccuracy = accuracy(run(new EvaluateModel(), "-m (lessram.CompressedLogisticRegression -f "
        + compressed.getPath() + ") -s (" + test + ") -i 5000 -f 5000"));
    assertTrue(uncompressed > 60, "accuracy " + uncompressed);
    assertEquals(uncompressed, compressedAccuracy, 1.0, "q2.7 compressed vs uncompressed accuracy (percent)");
  }

  @Test
  void evaluatePrequentialOnTheCompressedModelFailsClearly(@TempDir Path dir) {
    File model = dir.resolve("model.moa").toFile();
    File compressed = dir.resolve("model.lrfz").toFile();
    run(new LearnModel(), "-l lessram.ApproximateCountLogisticRegression -s generators.SEAGenerator -m 2000 -O "
        + model.getPath());
    run(new CompressModel(), "-m " + model.getPath() + " -o " + compressed.getPath());
    RuntimeException e = assertThrows(RuntimeException.class, () -> run(new EvaluatePrequential(),
        "-l (lessram.CompressedLogisticRegression -f " + compressed.getPath() + ") -s generators.SEAGenerator -i 100"));
    Throwable t = e;
    while (!(t instanceof UnsupportedOperationException) && t.getCause() != null) {
      t = t.getCause();
    }
    assertTrue(t.getMessage().contains("cannot be trained"), String.valueOf(t));
  }

  @Test
  void foreignCorruptOrUntrainedModelsAreRejectedClearly(@TempDir Path dir) throws Exception {
    File nb = dir.resolve("nb.moa").toFile();
    run(new LearnModel(), "-l bayes.NaiveBayes -s generators.SEAGenerator -m 500 -O " + nb.getPath());
    File out = dir.resolve("out.lrfz").toFile();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> run(new CompressModel(), "-m " + nb.getPath() + " -o " + out.getPath()));
    assertTrue(e.getMessage().contains("not a LessRAM learner"), e.getMessage());

    Path junk = dir.resolve("junk.moa");
    Files.write(junk, "this is not a model".getBytes("UTF-8"));
    e = assertThrows(IllegalArgumentException.class,
        () -> run(new CompressModel(), "-m " + junk + " -o " + out.getPath()));
    assertTrue(e.getMessage().contains("not a model file written by LearnModel"), e.getMessage());

    File good = dir.resolve("ac.moa").toFile();
    run(new LearnModel(), "-l lessram.ApproximateCountLogisticRegression -s generators.SEAGenerator -m 500 -O "
        + good.getPath());
    byte[] bytes = Files.readAllBytes(good.toPath());
    Path truncated = dir.resolve("truncated.moa");
    Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    e = assertThrows(IllegalArgumentException.class,
        () -> run(new CompressModel(), "-m " + truncated + " -o " + out.getPath()));
    assertTrue(e.getMessage().startsWith("CompressModel: cannot read the model file"), e.getMessage());

    File untrained = dir.resolve("untrained.moa").toFile();
    run(new LearnModel(), "-l lessram.ApproximateCountLogisticRegression -s generators.SEAGenerator -m 0 -O "
        + untrained.getPath());
    e = assertThrows(IllegalArgumentException.class,
        () -> run(new CompressModel(), "-m " + untrained.getPath() + " -o " + out.getPath()));
    assertTrue(e.getMessage().contains("has not been trained"), e.getMessage());
  }
}
