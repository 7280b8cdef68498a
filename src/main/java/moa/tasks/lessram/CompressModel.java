package moa.tasks.lessram;

import com.github.javacliparser.FileOption;
import com.github.javacliparser.MultiChoiceOption;
import com.github.javacliparser.IntOption;
import java.io.BufferedInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.nio.file.Files;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import lessram.Compressor;
import lessram.CompressedPredictor;
import lessram.compressed.PositionLayout;
import moa.classifiers.lessram.AbstractLessRamClassifier;
import moa.core.ObjectRepository;
import moa.tasks.ClassificationMainTask;
import moa.tasks.TaskMonitor;

/**
 * Compresses a model written by MOA's {@code LearnModel} (one of this package's learners) into a
 * predict-only {@code .lrfz} file: every coefficient randomized-rounded to {@code q2.m} and entropy-coded
 * (Golovin et al., ICML 2013, section 5), with the learner's feature mapping. Prints the size report
 * (coefficients, realized bits per coefficient next to the entropy bound and float32, bytes before and
 * after). Evaluate the result with
 * {@code EvaluateModel -m (lessram.CompressedLogisticRegression -f model.lrfz) -s ...}.
 *
 * <pre>
 * LearnModel -l (lessram.ApproximateCountLogisticRegression -h 20) -s ... -m 1000000 -O model.moa
 * lessram.CompressModel -m model.moa -o model.lrfz -f 7 -r 1
 * </pre>
 */
public class CompressModel extends ClassificationMainTask {
  private static final long serialVersionUID = 1L;

  /**
   * Classes a LearnModel file of our learners may contain; anything else is refused before it is
   * instantiated.
   */
  static final String MODEL_FILE_FILTER = "maxdepth=64;java.lang.*;java.util.*;java.math.*;moa.**;lessram.**;"
      + "com.yahoo.labs.samoa.**;com.github.javacliparser.**;weka.core.**;it.unimi.dsi.fastutil.**;!*";

  /** {@code -m}: the model written by LearnModel. */
  public FileOption modelFileOption = new FileOption("modelFile", 'm',
      "Model file written by LearnModel (RandomizedRoundingLogisticRegression or "
          + "ApproximateCountLogisticRegression).", null, "moa", false);

  /** {@code -o}: the compressed model to write. */
  public FileOption outputFileOption = new FileOption("outputFile", 'o',
      "Compressed model file to write (.lrfz).", null, "lrfz", true);

  /** {@code -f}: fraction bits of the coarse grid. */
  public IntOption fractionBitsOption = new IntOption("fractionBits", 'f',
      "Fraction bits m of the coarse q2.m grid (3..9 is the paper's range).", Compressor.DEFAULT_FRACTION_BITS, 1, 13);

  /** {@code -r}: rounding seed. */
  public IntOption seedOption = new IntOption("randomSeed", 'r',
      "Seed of the randomized rounding (the same seed gives the same file).", 1);

  /** {@code -L}: layout of the compressed code. */
  public MultiChoiceOption layoutOption = newLayoutOption();

  /** The {@code -L} option of the tasks that compress models: layout of the compressed code, ranked by default. */
  static MultiChoiceOption newLayoutOption() {
    return new MultiChoiceOption("layout", 'L',
        "Layout of the compressed code (size/speed trade-off, see lessram.compressed.PositionLayout).",
        new String[] {"ranked", "direct", "compact", "grouped", "fast", "direct_fast"},
        new String[] {"occupancy bits with a rank directory, fixed-width values: fastest lookups (default)",
            "fixed-width values, grouped positions: a few percent more bits than compact",
            "smallest: closest to the entropy bound", "compact values, grouped positions",
            "bitmap positions up to twice the compact size",
            "bitmap positions with fixed-width values: faster lookups than direct, more bits"}, 0);
  }

  /** The layout chosen in an option made by {@link #newLayoutOption()}. */
  static PositionLayout layoutOf(MultiChoiceOption option) {
    return PositionLayout.valueOf(option.getChosenLabel().toUpperCase(java.util.Locale.ROOT));
  }

  @Override
  public String getPurposeString() {
    return "Compresses a LearnModel file of a LessRAM learner into a predict-only q2.m model (.lrfz) and "
        + "prints its size report.";
  }

  @Override
  public Class<?> getTaskResultType() {
    return String.class;
  }

  @Override
  protected Object doMainTask(TaskMonitor monitor, ObjectRepository repository) {
    File in = modelFileOption.getFile();
    File out = outputFileOption.getFile();
    if (in == null || out == null) {
      throw new IllegalArgumentException("CompressModel: options -m (LearnModel file) and -o (output .lrfz) "
          + "are required");
    }
    monitor.setCurrentActivity("Reading " + in.getName() + "...", -1.0);
    AbstractLessRamClassifier learner = readLearner(in);
    monitor.setCurrentActivity("Compressing...", -1.0);
    CompressedPredictor compressed;
    try {
      compressed = compress(learner);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new IllegalArgumentException("CompressModel: cannot compress the model in '" + in + "': "
          + e.getMessage(), e);
    }
    try {
      compressed.write(out.toPath());
    } catch (IOException e) {
      throw new IllegalArgumentException("CompressModel: cannot write '" + out + "': " + e.getMessage(), e);
    }
    long before = in.length();
    return compressed.sizeReport()
        + String.format(java.util.Locale.ROOT, "  LearnModel file        %,d bytes (%s)%n", before, in.getName())
        + String.format(java.util.Locale.ROOT, "  compressed file        %,d bytes (%s)%n", out.length(), out.getName());
  }

  private CompressedPredictor compress(AbstractLessRamClassifier learner) {
    PositionLayout layout = layoutOf(layoutOption);
    return learner.compress(fractionBitsOption.getValue(), seedOption.getValue(), layout);
  }

  /**
   * Reads a LearnModel file and returns the learner, with clear errors for a missing, corrupt or foreign
   * file. Only the classes a model of ours can contain are deserialized ({@link #MODEL_FILE_FILTER}).
   */
  static AbstractLessRamClassifier readLearner(File file) {
    Object o;
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file.toPath()));
        ObjectInputStream ois = new ObjectInputStream(new GZIPInputStream(raw))) {
      ois.setObjectInputFilter(ObjectInputFilter.Config.createFilter(MODEL_FILE_FILTER));
      o = ois.readObject();
    } catch (ZipException e) {
      throw new IllegalArgumentException("CompressModel: '" + file + "' is not a model file written by "
          + "LearnModel (not gzip data: " + e.getMessage() + ")", e);
    } catch (InvalidClassException e) {
      throw new IllegalArgumentException("CompressModel: '" + file + "' holds classes that no LessRAM learner "
          + "contains (" + e.getMessage() + "); only RandomizedRoundingLogisticRegression and "
          + "ApproximateCountLogisticRegression models can be compressed", e);
    } catch (IOException | ClassNotFoundException | RuntimeException e) {
      throw new IllegalArgumentException("CompressModel: cannot read the model file '" + file + "': " + e, e);
    }
    if (!(o instanceof AbstractLessRamClassifier)) {
      throw new IllegalArgumentException("CompressModel: '" + file + "' holds a "
          + (o == null ? "null" : o.getClass().getName()) + ", not a LessRAM learner "
          + "(RandomizedRoundingLogisticRegression or ApproximateCountLogisticRegression)");
    }
    AbstractLessRamClassifier learner = (AbstractLessRamClassifier) o;
    if (learner.getEngineModel() == null) {
      throw new IllegalArgumentException("CompressModel: the " + o.getClass().getSimpleName() + " in '" + file
          + "' has not been trained (no instance seen)");
    }
    return learner;
  }
}
