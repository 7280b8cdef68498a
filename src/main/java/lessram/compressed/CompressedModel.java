package lessram.compressed;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;

/**
 * An immutable, predict-only linear model whose coefficients are randomized-rounded to a coarse
 * {@code q2.m} grid and kept in a compact random-access structure (Golovin, Sculley, McMahan, Young,
 * "Large-Scale Learning with Less RAM via Randomization", ICML 2013, section 5): a {@link RankedStore}
 * (the default {@link PositionLayout#RANKED}) or an entropy-coded {@link BlockStore} (the other layouts),
 * behind {@link CoefficientStore}.
 *
 * <p>The model has {@code K = numOutputs()} outputs over feature slots {@code 0..D-1} plus a bias slot
 * {@code D}: {@code K = 1} is binary logistic regression ({@link #probabilities} returns
 * {@code [1 - p, p]} with {@code p = sigmoid(score)}), {@code K > 1} is softmax. Prediction looks up only
 * the coefficients of the example's features; nothing is decompressed as a whole. Lookups touch only
 * final fields and locals, so any number of threads may predict at the same time.
 *
 * <p>Build with {@link #builder(CoefficientSource)}; save with {@link #writeTo(OutputStream)}; load with
 * {@link #read(InputStream)} (the format is described in {@code docs/compressed-format.md} of the project).
 */
public final class CompressedModel {
  /** Largest number of outputs. */
  public static final int MAX_OUTPUTS = 1 << 16;
  /** Largest number of coordinates {@code (D + 1) * K}. */
  public static final long MAX_COORDINATES = Integer.MAX_VALUE - 16L;

  final int numOutputs;
  final int numSlots;
  final int fractionBits;
  final long seed;
  final FeatureSpaceDescriptor featureSpace;
  /** The coefficients: a {@link RankedStore} or a {@link BlockStore}. */
  final CoefficientStore coefficients;
  /** Sorted feature ids with slots (SPARSE only), else null: the file's optional feature-id section. */
  final BlockStore featureIds;

  private final double resolution;
  private final double[] bias;
  private final long numCoordinates;
  private final long nonZeroCoefficients;
  private final double entropyBits;
  private final long serializedBytes;
  private final long coefficientSectionBytes;

  CompressedModel(int numOutputs, int numSlots, int fractionBits, long seed, FeatureSpaceDescriptor featureSpace,
      CoefficientStore coefficients, BlockStore featureIds) throws IOException {
    this.numOutputs = numOutputs;
    this.numSlots = numSlots;
    this.fractionBits = fractionBits;
    this.seed = seed;
    this.featureSpace = featureSpace;
    this.featureIds = featureIds;
    this.resolution = Math.scalb(1.0, -fractionBits);
    this.numCoordinates = (numSlots + 1L) * numOutputs;

    // Full validation pass: checks every invariant the lookups rely on and gathers statistics.
    int numCodes = 1 << (fractionBits + 3);
    int minCode = -(1 << (fractionBits + 2));
    long[] histogram = new long[numCodes];
    double[] biasValues = new double[numOutputs];
    int biasSlot = numSlots;
    double eps = resolution;
    coefficients.validate((x, rank, symbols) -> {
      for (int o = 0; o < symbols.length; o++) {
        histogram[coefficients.codeOf(symbols[o]) - minCode]++;
      }
      if (x == biasSlot) {
        for (int o = 0; o < symbols.length; o++) {
          biasValues[o] = coefficients.codeOf(symbols[o]) * eps;
        }
      }
    });
    if (featureIds != null) {
      featureIds.validate(null);
    }
    long stored = 0;
    for (long h : histogram) {
      stored += h;
    }
    long nz = stored - histogram[-minCode];
    histogram[-minCode] += numCoordinates - stored;
    double entropy = 0;
    for (long h : histogram) {
      if (h > 0) {
        double p = (double) h / numCoordinates;
        entropy -= p * (Math.log(p) / Math.log(2));
      }
    }
    this.bias = biasValues;
    this.nonZeroCoefficients = nz;
    this.entropyBits = entropy;
    this.coefficientSectionBytes = coefficients.sectionBytes();
    // after validation: a store may add an in-memory lookup structure (not part of the file)
    this.coefficients = coefficients.forLookups();
    this.serializedBytes = CompressedModelIO.serializedBytes(this);
  }

  /** A builder compressing {@code source}. */
  public static CompressedModelBuilder builder(CoefficientSource source) {
    return new CompressedModelBuilder(source);
  }

  // -------------------------------------------------------------------------------------------
  // Shape

  /** {@code K}: 1 for binary logistic regression, the number of classes for softmax. */
  public int numOutputs() {
    return numOutputs;
  }

  /** {@code D}: feature slots, excluding the bias slot {@code D}. */
  public int numSlots() {
    return numSlots;
  }

  /** Number of coordinates {@code (D + 1) * K}. */
  public long numCoordinates() {
    return numCoordinates;
  }

  /** The {@code m} of {@code q2.m}. */
  public int fractionBits() {
    return fractionBits;
  }

  /** The grid spacing {@code 2^-m}. */
  public double resolution() {
    return resolution;
  }

  /** The seed of the randomized rounding that made this model. */
  public long seed() {
    return seed;
  }

  /** The feature-space descriptor given at build time. */
  public FeatureSpaceDescriptor featureSpace() {
    return featureSpace;
  }

  // -------------------------------------------------------------------------------------------
  // Lookups

  /**
   * The coefficient at {@code coordinate = slot * K + output}.
   *
   * @throws IndexOutOfBoundsException outside {@code [0, (D + 1) * K)}
   */
  public double coefficient(int coordinate) {
    if (coordinate < 0 || coordinate >= numCoordinates) {
      throw new IndexOutOfBoundsException("coordinate " + coordinate + " outside 0.." + (numCoordinates - 1));
    }
    return coefficient(coordinate / numOutputs, coordinate % numOutputs);
  }

  /** The coefficient of ({@code slot}, {@code output}); slot {@code D} is the bias. */
  public double coefficient(int slot, int output) {
    if (slot < 0 || slot > numSlots || output < 0 || output >= numOutputs) {
      throw new IndexOutOfBoundsException("slot " + slot + " / output " + output + " outside the model");
    }
    return coefficients.code(slot, output) * resolution;
  }

  /** The integer code ({@code coefficient / resolution}) at {@code coordinate}. */
  public int code(int coordinate) {
    if (coordinate < 0 || coordinate >= numCoordinates) {
      throw new IndexOutOfBoundsException("coordinate " + coordinate + " outside 0.." + (numCoordinates - 1));
    }
    return coefficients.code(coordinate / numOutputs, coordinate % numOutputs);
  }

  /** The {@code K} bias coefficients (a copy). */
  public double[] bias() {
    return bias.clone();
  }

  /**
   * The slot of a feature id: for {@link FeatureSpaceDescriptor.Kind#SPARSE} its position among the
   * stored ids, for {@link FeatureSpaceDescriptor.Kind#DIRECT} the id itself; -1 if the id has no slot.
   *
   * @throws UnsupportedOperationException for hashed spaces (the caller hashes)
   */
  public int slotOf(int featureId) {
    FeatureSpaceDescriptor.Kind kind = featureSpace.kind();
    if (kind == FeatureSpaceDescriptor.Kind.SPARSE) {
      return (int) featureIds.rank(featureId);
    }
    if (kind == FeatureSpaceDescriptor.Kind.DIRECT) {
      return featureId >= 0 && featureId < numSlots ? featureId : -1;
    }
    throw new UnsupportedOperationException("ids of a hashed feature space are mapped by the caller");
  }

  /** The sorted feature ids that have slots (SPARSE only; a fresh array, decoded in O(D)). */
  public int[] featureIds() {
    if (featureIds == null) {
      throw new UnsupportedOperationException("only sparse feature spaces store feature ids");
    }
    int[] ids = new int[numSlots];
    try {
      featureIds.validate((x, rank, symbols) -> ids[(int) rank] = (int) x);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return ids;
  }

  /**
   * The {@code K} raw scores {@code bias + sum_j beta[slot_j] * value_j} of an example. Slots outside
   * {@code [0, D)} and non-finite values contribute nothing (a feature unseen at training time).
   * Allocates nothing.
   *
   * @param slots feature slots (the first {@code nnz} are used)
   * @param values feature values (the first {@code nnz} are used)
   * @param nnz number of features
   * @param scores receives the K scores (length at least K)
   */
  public void predictScores(int[] slots, double[] values, int nnz, double[] scores) {
    checkExample(slots, values, nnz);
    if (scores.length < numOutputs) {
      throw new IllegalArgumentException("scores needs " + numOutputs + " entries");
    }
    // One call per prediction into the store, whose loop calls its own lookup (a per-feature call through
    // a shared type measured about 6% fewer predictions per second once). Against the two concrete loops
    // this replaced, side by side in one JVM: ranked 1.01x, direct 0.97x, compact 0.99x, within the
    // spread of two copies of the same code (0.96-1.06x; docs/benchmarks.md).
    if (numOutputs == 1) {
      scores[0] = coefficients.dot(slots, values, nnz, numSlots, bias[0], resolution);
      return;
    }
    System.arraycopy(bias, 0, scores, 0, numOutputs);
    coefficients.addScores(slots, values, nnz, numSlots, resolution, scores);
  }

  /**
   * Like {@link #predictScores} but for a single output: {@code bias[output] + sum beta[slot, output] x}.
   */
  public double dot(int[] slots, double[] values, int nnz, int output) {
    checkExample(slots, values, nnz);
    if (output < 0 || output >= numOutputs) {
      throw new IndexOutOfBoundsException("output " + output);
    }
    double s = 0;
    int d = numSlots;
    for (int i = 0; i < nnz; i++) {
      int slot = slots[i];
      double x = values[i];
      if (CoefficientStore.contributes(slot, d, x)) {
        s += coefficients.code(slot, output) * x;
      }
    }
    return bias[output] + s * resolution;
  }

  /**
   * Class probabilities: {@code [1 - p, p]} for K = 1, softmax of the scores for K > 1. Allocates
   * nothing.
   *
   * @param out receives {@code max(2, K)} probabilities
   */
  public void probabilities(int[] slots, double[] values, int nnz, double[] out) {
    int classes = numClasses();
    if (out.length < classes) {
      throw new IllegalArgumentException("out needs " + classes + " entries");
    }
    predictScores(slots, values, nnz, out);
    scoresToProbabilities(out);
  }

  /** Turns the scores in {@code out} into probabilities: {@code [1 - p, p]} for K = 1, else softmax. */
  private void scoresToProbabilities(double[] out) {
    if (numOutputs == 1) {
      double p = Logistic.sigmoid(out[0]);
      out[0] = 1 - p;
      out[1] = p;
    } else {
      Logistic.softmax(out, numOutputs);
    }
  }

  /** {@link #probabilities(int[], double[], int, double[])} into a new array. */
  public double[] probabilities(int[] slots, double[] values, int nnz) {
    double[] out = new double[numClasses()];
    probabilities(slots, values, nnz, out);
    return out;
  }

  /**
   * {@link #probabilities(int[], double[], int, double[])} for feature ids (DIRECT or SPARSE spaces):
   * each id is mapped with {@link #slotOf(int)}; ids without a slot contribute nothing.
   */
  public void probabilitiesForFeatureIds(int[] ids, double[] values, int nnz, double[] out) {
    checkExample(ids, values, nnz);
    int classes = numClasses();
    if (out.length < classes) {
      throw new IllegalArgumentException("out needs " + classes + " entries");
    }
    if (featureSpace.kind() == FeatureSpaceDescriptor.Kind.HASHED) {
      throw new UnsupportedOperationException("ids of a hashed feature space are mapped by the caller");
    }
    System.arraycopy(bias, 0, out, 0, numOutputs);
    double eps = resolution;
    for (int i = 0; i < nnz; i++) {
      int slot = slotOf(ids[i]);
      double x = values[i];
      if (CoefficientStore.contributes(slot, numSlots, x)) {
        if (numOutputs == 1) {
          out[0] += coefficients.term(slot, x, eps);
        } else {
          coefficients.addScaledCodes(slot, x * eps, out);
        }
      }
    }
    scoresToProbabilities(out);
  }

  /** Number of class probabilities returned: 2 for K = 1, else K. */
  public int numClasses() {
    return numOutputs == 1 ? 2 : numOutputs;
  }

  private static void checkExample(int[] slots, double[] values, int nnz) {
    if (nnz < 0 || nnz > slots.length || nnz > values.length) {
      throw new IllegalArgumentException("nnz " + nnz + " exceeds the arrays");
    }
  }

  // -------------------------------------------------------------------------------------------
  // Size and statistics

  /** Coefficients that are not 0 after rounding. */
  public long nonZeroCoefficients() {
    return nonZeroCoefficients;
  }

  /**
   * Empirical entropy {@code -(1/N) sum_i log2 p(code_i)} of the rounded codes of all N coordinates
   * (zeros included): the paper's "optimal bits per value", the bound an order-0 code can approach.
   */
  public double entropyBitsPerCoefficient() {
    return entropyBits;
  }

  /**
   * Bits per coordinate actually used to store the coefficients: every byte of the file's coefficient
   * section (code parameters, symbol table and the layout's arrays: occupancy, directories and fields, or
   * index and payload) times 8, divided by N. The header, the feature-space metadata, the feature-id map
   * and the checksum are not included (see {@link #serializedSizeInBytes()} for the whole file).
   */
  public double realizedBitsPerCoefficient() {
    return 8.0 * coefficientSectionBytes / numCoordinates;
  }

  /** Bytes of the coefficient section of the file. */
  public long coefficientSectionBytes() {
    return coefficientSectionBytes;
  }

  /** Exact size of the file {@link #writeTo} writes. */
  public long serializedSizeInBytes() {
    return serializedBytes;
  }

  /**
   * Heap bytes held by this model, from its array lengths and object sizes (compressed references,
   * 8-byte alignment, as on a default 64-bit HotSpot; checked against JOL in the tests): payloads,
   * indexes, symbol tables, bias, id map, descriptor and metadata. Shared constants are not counted.
   */
  public long sizeInBytes() {
    long bytes = OBJECT_BYTES + coefficients.heapBytes() + HeapSizes.arrayBytes(bias.length, 8);
    if (featureIds != null) {
      bytes += featureIds.heapBytes();
    }
    return bytes + featureSpace.heapBytes();
  }

  /** Instance size of this class (fields and header). */
  static final int OBJECT_BYTES = 96;

  /** A human-readable summary of the model's size. */
  public String sizeReport() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "CompressedModel q2.%d, K=%d, D=%d, %s%n", fractionBits, numOutputs,
        numSlots, featureSpace));
    sb.append(String.format(Locale.ROOT, "  coordinates            %,d (%,d non-zero, %.2f%%)%n", numCoordinates,
        nonZeroCoefficients, 100.0 * nonZeroCoefficients / numCoordinates));
    sb.append(String.format(Locale.ROOT, "  stored slots           %,d of %,d%n", coefficients.count, numSlots + 1L));
    coefficients.appendSizeReport(sb);
    sb.append(String.format(Locale.ROOT, "  entropy                %.4f bits/coefficient%n", entropyBits));
    sb.append(String.format(Locale.ROOT, "  realized               %.4f bits/coefficient (%.1f%% of entropy, %.2f%% of float32)%n",
        realizedBitsPerCoefficient(), 100 * realizedBitsPerCoefficient() / entropyBits,
        100 * realizedBitsPerCoefficient() / 32));
    if (featureIds != null) {
      sb.append(String.format(Locale.ROOT, "  feature-id map         %,d bits (%.2f bits/id)%n",
          featureIds.payloadBits + featureIds.indexBits(),
          (double) (featureIds.payloadBits + featureIds.indexBits()) / Math.max(1, numSlots)));
    }
    sb.append(String.format(Locale.ROOT, "  file                   %,d bytes%n", serializedBytes));
    sb.append(String.format(Locale.ROOT, "  heap                   %,d bytes%n", sizeInBytes()));
    return sb.toString();
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "CompressedModel[q2.%d, K=%d, D=%d, %.3f bits/coefficient, entropy %.3f]",
        fractionBits, numOutputs, numSlots, realizedBitsPerCoefficient(), entropyBits);
  }

  // -------------------------------------------------------------------------------------------
  // Files

  /** Writes this model in the versioned binary format (does not close or flush-close the stream). */
  public void writeTo(OutputStream out) throws IOException {
    CompressedModelIO.write(this, out);
  }

  /**
   * Reads a model written by {@link #writeTo}, reading exactly its bytes from {@code in}.
   *
   * @throws java.io.EOFException if the stream ends early
   * @throws CompressedFormatException if the bytes are not a valid model (magic, version, checksum,
   *     structure)
   */
  public static CompressedModel read(InputStream in) throws IOException {
    return CompressedModelIO.read(in);
  }
}
