package lessram;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import lessram.compressed.CheckedInput;
import lessram.compressed.FeatureSpaceDescriptor;
import lessram.compressed.CompressedFormatException;
import lessram.compressed.CompressedModel;
import lessram.compressed.Preamble;

/**
 * A predict-only logistic regression made by {@link Compressor}: a {@link CompressedModel} (coefficients
 * randomized-rounded to {@code q2.m} and entropy-coded, Golovin et al., ICML 2013, section 5) together
 * with the exact feature mapping of the learner it was compressed from (its {@link InstanceEncoder}: attribute
 * arity, class index, resolved scaling and its statistics) and the header identity (class attribute name
 * and labels). Both travel in the adapter-metadata section of the compressed file, so a model loaded with
 * {@link #read(InputStream)} computes exactly the features, and hence the probabilities, of the model
 * that was written.
 *
 * <p>Immutable and safe for any number of threads: the encoder held here is never used to encode; each
 * thread encodes into its own {@link Encoding} (a private copy of the encoder, whose scaling statistics
 * are only read at prediction time) or into buffers the caller passes.
 *
 * <p>Reading uses only the compressed package's checked reader, then reads the feature mapping with a
 * {@link CheckedInput} (every length checked against the bytes that remain before anything is allocated)
 * and the validating {@link InstanceEncoder#readFrom}; there is no Java deserialization on this path.
 */
public final class CompressedPredictor {
  /**
   * The start of the feature mapping written into the compressed file's metadata: magic "LRFH", version 1.
   * The mapping, big-endian as {@link DataOutputStream} writes: the preamble, three strings
   * ({@link DataOutputStream#writeUTF}: producer, relation name, class attribute name), i32 number of
   * class labels (the model's classes), the labels as strings, then the encoder ({@link
   * InstanceEncoder#writeTo}); nothing after it.
   */
  static final Preamble METADATA = Preamble.of("feature mapping", "LRFH".getBytes(StandardCharsets.US_ASCII),
      ByteOrder.BIG_ENDIAN, 1, 1, Preamble.NO_FLAGS);

  private final CompressedModel model;
  private final InstanceEncoder encoder;
  private final String producer;
  private final String relationName;
  private final String classAttributeName;
  private final String[] classLabels;
  /** {@code 2^bits - 1} for a hashed space, -1 for a direct one. */
  private final int hashMask;
  private final ThreadLocal<Encoding> local = ThreadLocal.withInitial(this::newEncoding);

  CompressedPredictor(CompressedModel model, InstanceEncoder encoder, String producer, String relationName,
      String classAttributeName, String[] classLabels) {
    this.model = model;
    this.encoder = encoder;
    this.producer = producer;
    this.relationName = relationName;
    this.classAttributeName = classAttributeName;
    this.classLabels = classLabels.clone();
    this.hashMask = model.featureSpace().kind() == FeatureSpaceDescriptor.Kind.HASHED ? model.numSlots() - 1 : -1;
  }

  // ----------------------------------------------------------------------------------------------
  // files

  /** The adapter metadata stored in the compressed file. */
  static byte[] metadata(InstanceEncoder encoder, String producer, String relationName,
      String classAttributeName, String[] classLabels) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      METADATA.write(out::writeByte, METADATA.currentVersion(), 0);
      out.writeUTF(producer);
      out.writeUTF(relationName);
      out.writeUTF(classAttributeName);
      out.writeInt(classLabels.length);
      for (String label : classLabels) {
        out.writeUTF(label);
      }
      encoder.writeTo(out);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot write the model header: " + e.getMessage(), e);
    }
  }

  /**
   * Wraps a compressed model written by {@link Compressor} (its metadata section holds the encoder and header).
   *
   * @throws CompressedFormatException if the metadata is missing, malformed or inconsistent with the model
   */
  public static CompressedPredictor of(CompressedModel model) throws IOException {
    FeatureSpaceDescriptor space = model.featureSpace();
    FeatureSpaceDescriptor.Kind kind = space.kind();
    if (kind == FeatureSpaceDescriptor.Kind.HASHED) {
      long bits = space.numParameters() == 1 ? space.parameter(0) : -1;
      if (bits < 1 || bits > FeatureSpace.MAX_HASH_BITS || model.numSlots() != (1 << bits)) {
        throw new CompressedFormatException("hashed feature space with " + space.numParameters()
            + " parameters does not match " + model.numSlots() + " slots");
      }
    } else if (kind != FeatureSpaceDescriptor.Kind.DIRECT || space.numParameters() != 0) {
      throw new CompressedFormatException("feature space " + space + " was not written by lessram's Compressor");
    }
    byte[] meta = space.metadata();
    if (meta.length == 0) {
      throw new CompressedFormatException("the compressed model carries no LessRAM feature mapping (its metadata section "
          + "is empty): it was not written by LessRAM's Compressor");
    }
    CheckedInput in = new CheckedInput(meta);
    String producer;
    String relation;
    String classAttribute;
    String[] labels;
    InstanceEncoder encoder;
    try {
      METADATA.read(in);
      producer = in.utf("producer");
      relation = in.utf("relation name");
      classAttribute = in.utf("class attribute name");
      int numLabels = in.i32("class label count");
      if (numLabels != model.numClasses()) {
        throw new CompressedFormatException("the header lists " + numLabels + " class labels but the model has "
            + model.numClasses() + " classes");
      }
      // each label takes at least its 2-byte length
      labels = new String[in.count(numLabels, 2, "class labels")];
      for (int i = 0; i < numLabels; i++) {
        labels[i] = in.utf("class label " + i);
      }
      encoder = InstanceEncoder.readFrom(in);
      if (in.remaining() != 0) {
        throw new CompressedFormatException(in.remaining() + " unexpected bytes after the feature mapping");
      }
    } catch (IOException e) {
      throw new CompressedFormatException("invalid feature mapping in the compressed model: " + e.getMessage());
    }
    int ci = encoder.classIndex();
    if (ci < 0 || encoder.arity(ci) != labels.length) {
      throw new CompressedFormatException("the feature mapping's class attribute does not have the model's "
          + labels.length + " labels");
    }
    if (kind == FeatureSpaceDescriptor.Kind.DIRECT && encoder.dimension() != model.numSlots()) {
      throw new CompressedFormatException("the feature mapping gives " + encoder.dimension()
          + " features but the model has " + model.numSlots() + " slots");
    }
    return new CompressedPredictor(model, encoder, producer, relation, classAttribute, labels);
  }

  /** Reads a compressed file (the compressed format's checked reader, then the feature mapping). */
  public static CompressedPredictor read(InputStream in) throws IOException {
    return of(CompressedModel.read(in));
  }

  /** Reads a compressed file from disk. */
  public static CompressedPredictor read(Path file) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      CompressedPredictor p = read(in);
      if (in.read() != -1) {
        throw new CompressedFormatException("trailing bytes after the compressed model in " + file.getFileName());
      }
      return p;
    }
  }

  /** Writes the compressed file (the compressed model with the feature mapping in its metadata). */
  public void writeTo(OutputStream out) throws IOException {
    model.writeTo(out);
  }

  /** Writes the compressed file to disk. */
  public void write(Path file) throws IOException {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
      writeTo(out);
    }
  }

  // ----------------------------------------------------------------------------------------------
  // prediction

  /** Number of classes (2 for a binary model). */
  public int numClasses() {
    return model.numClasses();
  }

  /**
   * Class probabilities of an example given as encoded feature ids (as {@link InstanceEncoder} produces
   * them). No allocation: {@code slotBuffer} (length at least {@code nnz}) receives the slots, {@code out}
   * (length at least {@link #numClasses()}) the probabilities. Ids without a slot contribute nothing.
   */
  public void probabilities(int[] ids, double[] values, int nnz, int[] slotBuffer, double[] out) {
    if (nnz < 0 || nnz > ids.length || nnz > values.length || nnz > slotBuffer.length) {
      throw new IllegalArgumentException("nnz " + nnz + " exceeds the arrays");
    }
    int mask = hashMask;
    if (mask >= 0) {
      for (int i = 0; i < nnz; i++) {
        slotBuffer[i] = FeatureSpace.hash(ids[i]) & mask;
      }
      model.probabilities(slotBuffer, values, nnz, out);
    } else {
      model.probabilities(ids, values, nnz, out);
    }
  }

  /** {@link #probabilities(int[], double[], int, int[], double[])} with this thread's buffers, into a new array. */
  public double[] probabilities(int[] ids, double[] values, int nnz) {
    Encoding e = local.get();
    double[] out = new double[numClasses()];
    probabilities(ids, values, nnz, e.slotsFor(nnz), out);
    return out;
  }

  /** A new encoding buffer, for one thread at a time. */
  public Encoding newEncoding() {
    return new Encoding();
  }

  /** This thread's encoding buffer. */
  public Encoding localEncoding() {
    return local.get();
  }

  /**
   * Encodes one instance (attribute index and value pairs, as stored in a MOA or Weka instance) with a
   * private copy of the compressed feature mapping, then predicts. Use from one thread at a time (see
   * {@link CompressedPredictor#localEncoding()}).
   */
  public final class Encoding {
    private final InstanceEncoder enc = encoder.copy();
    private int[] slots = new int[16];

    Encoding() {
    }

    int[] slotsFor(int nnz) {
      if (slots.length < nnz) {
        slots = new int[Math.max(nnz, 2 * slots.length)];
      }
      return slots;
    }

    /** Starts an instance. */
    public void begin() {
      enc.begin();
    }

    /** Adds the value of an attribute (call once per present attribute; the class is ignored). */
    public void add(int attribute, double value) {
      enc.add(attribute, value);
    }

    /** Number of features of the current instance. */
    public int size() {
      return enc.size();
    }

    /** The encoded feature ids (first {@link #size()} valid). */
    public int[] ids() {
      return enc.ids();
    }

    /** The encoded feature values (first {@link #size()} valid). */
    public double[] values() {
      return enc.values();
    }

    /** Class probabilities of the current instance into {@code out}. */
    public void probabilities(double[] out) {
      int n = enc.size();
      CompressedPredictor.this.probabilities(enc.ids(), enc.values(), n, slotsFor(n), out);
    }

    /** Class probabilities of the current instance in a new array. */
    public double[] probabilities() {
      double[] out = new double[numClasses()];
      probabilities(out);
      return out;
    }
  }

  // ----------------------------------------------------------------------------------------------
  // header identity

  /**
   * A short description of how a header differs from the one the model was trained on, or null if it
   * matches: attribute count and types (via the encoder), class index, class labels. A header whose
   * nominal attributes (the class among them) have gained labels at the end matches, as for the learners:
   * new attribute labels are unseen values, and the model gives no probability to a new class label.
   *
   * @param arity per attribute: {@link InstanceEncoder#NUMERIC}, {@link InstanceEncoder#IGNORED} or the
   *     number of nominal labels
   * @param labels the class labels in order (null to skip that check)
   */
  public String headerDifference(int[] arity, int classIndex, String[] labels) {
    String d = encoder.difference(arity, classIndex, true);
    if (d != null) {
      return d;
    }
    if (labels != null && (labels.length < classLabels.length
        || !Arrays.equals(Arrays.copyOf(labels, classLabels.length), classLabels))) {
      return "class labels changed from " + Arrays.toString(classLabels) + " to " + Arrays.toString(labels);
    }
    return null;
  }

  /**
   * {@link #headerDifference(int[], int, String[])} for a host's header; the class labels are compared when
   * the class is nominal.
   */
  public String headerDifference(HeaderView header) {
    int ci = header.classIndex();
    String[] labels = null;
    if (ci >= 0 && ci < header.numAttributes() && header.arity(ci) > 0) {
      labels = new String[header.arity(ci)];
      for (int v = 0; v < labels.length; v++) {
        labels[v] = header.label(ci, v);
      }
    }
    return headerDifference(header.arities(), ci, labels);
  }

  /**
   * Class probabilities of a host's instance in a new array, encoded with this thread's buffer: safe from
   * any number of threads. Missing values, nominal values outside the header and non-finite values
   * contribute nothing; the class attribute is ignored.
   */
  public double[] probabilities(InstanceView x) {
    Encoding e = localEncoding();
    e.begin();
    for (int p = 0, n = x.numValues(); p < n; p++) {
      e.add(x.index(p), x.value(p));
    }
    return e.probabilities();
  }

  /** The compressed model (coefficients). */
  public CompressedModel model() {
    return model;
  }

  /** A private copy of the feature mapping (with its statistics). */
  public InstanceEncoder encoder() {
    return encoder.copy();
  }

  /** Number of attributes of the training header. */
  public int numAttributes() {
    return encoder.numAttributes();
  }

  /** Class index of the training header. */
  public int classIndex() {
    return encoder.classIndex();
  }

  /** Class labels of the training header (a copy). */
  public String[] classLabels() {
    return classLabels.clone();
  }

  /** Name of the class attribute of the training header. */
  public String classAttributeName() {
    return classAttributeName;
  }

  /** Relation name of the training header (informational; not checked). */
  public String relationName() {
    return relationName;
  }

  /** What the model was compressed from (the learner's class and options, informational). */
  public String producer() {
    return producer;
  }

  /** Realized bits per coefficient over all coordinates (every byte of the coefficient section). */
  public double realizedBitsPerCoefficient() {
    return model.realizedBitsPerCoefficient();
  }

  /** Order-0 entropy of the rounded codes over all coordinates: the bound a code can approach. */
  public double entropyBitsPerCoefficient() {
    return model.entropyBitsPerCoefficient();
  }

  /** Heap bytes: the compressed model plus the feature mapping (per-thread buffers excluded). */
  public long sizeInBytes() {
    return model.sizeInBytes() + encoder.sizeInBytes();
  }

  /**
   * The size report: coordinates, non-zero coefficients, realized bits per coefficient over all
   * coordinates and over the non-zero ones, the entropy bound, float32 (32 bits) and the bytes of a
   * float32 table against the file.
   */
  public String sizeReport() {
    CompressedModel m = model;
    long n = m.numCoordinates();
    long nz = m.nonZeroCoefficients();
    long file = m.serializedSizeInBytes();
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "compressed q2.%d model of %s%n", m.fractionBits(), producer));
    sb.append(String.format(Locale.ROOT, "  classes                %d %s (attribute '%s')%n", classLabels.length,
        Arrays.toString(classLabels), classAttributeName));
    sb.append(String.format(Locale.ROOT, "  feature space          %s, %,d slots, %,d outputs%n",
        hashMask >= 0 ? "hashed(2^" + Integer.numberOfTrailingZeros(m.numSlots()) + ")" : "direct",
        m.numSlots(), m.numOutputs()));
    sb.append(String.format(Locale.ROOT, "  coefficients           %,d (%,d non-zero after rounding)%n", n, nz));
    sb.append(String.format(Locale.ROOT, "  realized               %.3f bits/coefficient over all coefficients%n",
        m.realizedBitsPerCoefficient()));
    sb.append(String.format(Locale.ROOT, "                         %.3f bits per non-zero coefficient%n",
        nz == 0 ? 0.0 : 8.0 * m.coefficientSectionBytes() / nz));
    sb.append(String.format(Locale.ROOT, "  entropy bound          %.3f bits/coefficient%n",
        m.entropyBitsPerCoefficient()));
    double saving = 100 * (1 - m.realizedBitsPerCoefficient() / 32);
    sb.append(String.format(Locale.ROOT, "  float32                32 bits/coefficient (realized is %.2f%% %s)%n",
        Math.abs(saving), saving >= 0 ? "smaller" : "larger: fixed costs dominate a model this small"));
    sb.append(String.format(Locale.ROOT, "  bytes before (float32) %,d%n", 4 * n));
    sb.append(String.format(Locale.ROOT, "  bytes after            %,d coefficient section, %,d file%n",
        m.coefficientSectionBytes(), file));
    return sb.toString();
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "CompressedPredictor[q2.%d, %d classes, %s, %.3f bits/coefficient]",
        model.fractionBits(), classLabels.length, producer, model.realizedBitsPerCoefficient());
  }
  /**
   * Writes {@code predictor} (or null) as a length-prefixed compressed file into a Java serialization stream,
   * so adapters that must be {@link java.io.Serializable} embed the checked binary format rather than
   * serializing the model's objects. {@link #readEmbedded} reads it back.
   */
  public static void writeEmbedded(java.io.ObjectOutputStream out, CompressedPredictor predictor)
      throws IOException {
    if (predictor == null) {
      out.writeInt(-1);
      return;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    predictor.writeTo(bytes);
    out.writeInt(bytes.size());
    bytes.writeTo(out);
  }

  /** Reads what {@link #writeEmbedded} wrote, with the checked reader (null if null was written). */
  public static CompressedPredictor readEmbedded(java.io.ObjectInputStream in) throws IOException {
    int n;
    try {
      n = in.readInt();
    } catch (java.io.EOFException e) {
      throw new java.io.EOFException("the stream ends before the compressed model's length");
    }
    if (n < -1) {
      throw new IOException("invalid compressed model length " + n);
    }
    if (n == -1) {
      return null;
    }
    // read as the bytes arrive (InputStream.readNBytes grows its buffer), so a lying length costs nothing
    byte[] bytes = in.readNBytes(n);
    if (bytes.length != n) {
      throw new java.io.EOFException("compressed model truncated: " + bytes.length + " of its " + n + " bytes");
    }
    return read(new ByteArrayInputStream(bytes));
  }
}
