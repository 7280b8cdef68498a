package lessram.compressed;

import java.io.IOException;

/**
 * The coefficients of a {@link CompressedModel}: a set of stored slots out of {@code universe}, each with
 * {@code outputs} codes (a slot is stored iff one of its codes is not 0), in one of two layouts:
 * {@link BlockStore} (entropy-coded blocks, format versions 1 and 2; with 0 outputs also the sparse
 * feature-id map) or {@link RankedStore} (occupancy bits with rank directories, format version 3).
 *
 * <p>The scoring loops take a whole example, so a model makes one call per prediction into the store it
 * holds and the loop calls the store's own lookup (inlined for the one store class a process usually
 * uses). Immutable; lookups use locals only, so any number of threads may read concurrently.
 */
abstract class CoefficientStore {
  /** Slots (the model's feature slots plus the bias slot). */
  final long universe;
  /** Codes per stored slot. */
  final int outputs;
  /** Stored slots. */
  final long count;
  /** Symbols are below this. */
  final int alphabetSize;

  CoefficientStore(long universe, int outputs, long count, int alphabetSize) {
    this.universe = universe;
    this.outputs = outputs;
    this.count = count;
    this.alphabetSize = alphabetSize;
  }

  // ---------------------------------------------------------------------------------------------
  // Lookups

  /** The code of output {@code output} of slot {@code slot} (0 if the slot is not stored). */
  abstract int code(long slot, int output);

  /** The coefficient code of a symbol. */
  abstract int codeOf(long symbol);

  /**
   * For a single-output store: the contribution {@code coefficient(slot) * x} of a feature, where
   * {@code resolution} is the grid spacing (0 if the slot is not stored).
   */
  abstract double term(long slot, double x, double resolution);

  /** Adds {@code scale * code(slot, o)} to {@code acc[o]} for every output {@code o}; nothing if not stored. */
  abstract void addScaledCodes(long slot, double scale, double[] acc);

  /** Whether a feature counts in a score: its slot is in {@code [0, d)} and its value finite and not 0. */
  static boolean contributes(int slot, int d, double x) {
    return slot >= 0 && slot < d && x != 0 && x - x == 0;
  }

  /**
   * For a single-output store: {@code s + sum_i term(slots[i], xs[i])} over the first {@code nnz}
   * features that {@link #contributes contribute}, added in order.
   */
  double dot(int[] slots, double[] xs, int nnz, int d, double s, double resolution) {
    return dotByTerms(slots, xs, nnz, d, s, resolution);
  }

  /** {@link #dot} as one {@link #term} call per feature (what a store's own loop must equal). */
  final double dotByTerms(int[] slots, double[] xs, int nnz, int d, double s, double resolution) {
    for (int i = 0; i < nnz; i++) {
      int slot = slots[i];
      double x = xs[i];
      if (contributes(slot, d, x)) {
        s += term(slot, x, resolution);
      }
    }
    return s;
  }

  /**
   * Adds {@code coefficient(slot, o) * x} to {@code scores[o]} for every output {@code o} and each of the
   * first {@code nnz} features that {@link #contributes contribute}, in order.
   */
  final void addScores(int[] slots, double[] xs, int nnz, int d, double resolution, double[] scores) {
    for (int i = 0; i < nnz; i++) {
      int slot = slots[i];
      double x = xs[i];
      if (contributes(slot, d, x)) {
        addScaledCodes(slot, x * resolution, scores);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Validation

  /** Receives every stored element and, for each, its symbols in output order. */
  interface Visitor {
    /** Element {@code x} (the {@code rank}-th stored one) with its symbols {@code symbols[0..outputs)}. */
    void element(long x, long rank, int[] symbols) throws IOException;
  }

  /**
   * Decodes the whole structure, checking every invariant that the lookups rely on, so that a store
   * which passes never makes a lookup read outside its arrays or decode an out-of-range symbol; visits
   * every stored element (if {@code visitor} is not null). Called on every store built or loaded.
   *
   * @throws IOException describing the first violated invariant
   */
  abstract void validate(Visitor visitor) throws IOException;

  static CompressedFormatException corrupt(String message) {
    return new CompressedFormatException("corrupt compressed model: " + message);
  }

  /**
   * Checks that {@code a} has exactly the words of a {@code bits}-bit array plus its padding words
   * ({@link Bits#paddedWords}) and that every bit past the first {@code bits} is 0.
   */
  static void checkTail(long[] a, long bits, String what) throws IOException {
    long words = Bits.paddedWords(bits);
    if (a.length != words) {
      throw corrupt(what + " has " + a.length + " words, expected " + words);
    }
    int i = (int) (bits >>> 6);
    if ((bits & 63) != 0 && (a[i] >>> (bits & 63)) != 0) {
      throw corrupt(what + ": non-zero bits past the end");
    }
    for (int j = (bits & 63) != 0 ? i + 1 : i; j < a.length; j++) {
      if (a[j] != 0) {
        throw corrupt(what + ": non-zero bits past the end");
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Size and file

  /**
   * The store that a model holds for its lookups once this one is validated: this one, or the same
   * coefficients with an in-memory lookup structure ({@link RankedStore#withLookupIndex}).
   */
  CoefficientStore forLookups() {
    return this;
  }

  /** Heap bytes of this store: the object, its arrays and its symbol table. */
  abstract long heapBytes();

  /** Bytes of the file's coefficient section holding this store. */
  abstract long sectionBytes();

  /** The lowest format version that can hold this store. */
  abstract int formatVersion();

  /** Writes the file's coefficient section holding this store. */
  abstract void writeSection(CompressedModelIO.Out out) throws IOException;

  /** Appends this layout's lines of {@link CompressedModel#sizeReport()}. */
  abstract void appendSizeReport(StringBuilder sb);
}
